package dev.holdout.monitor;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.Columns;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Profiles the data a monitor reads: CSV files in one streamed pass, capture data, Tablesaw tables. */
final class Sources {
    private Sources() {}

    /** Rows per batch of the one pass. */
    static final int BATCH_ROWS = 65_536;

    /** The features to profile: {@code features} (all columns when empty) minus {@code exclude}; unknown names are errors. */
    static List<String> select(List<String> header, List<String> features, List<String> exclude, String where) {
        for (String f : features) if (!header.contains(f)) throw Columns.unknown("--features", f, header, where);
        for (String f : exclude) if (!header.contains(f)) throw Columns.unknown("--exclude", f, header, where);
        Set<String> seen = new HashSet<>();
        for (String f : features) {
            if (!seen.add(f)) throw DataValidationException.param("--features", f, "is listed twice", "name each feature once");
        }
        List<String> out = new ArrayList<>(features.isEmpty() ? header : features);
        out.removeAll(exclude);
        if (out.isEmpty()) {
            throw DataValidationException.param("--exclude", String.join(",", exclude), "leaves no feature to monitor", "exclude fewer columns");
        }
        return out;
    }

    /** The baseline statistics of a CSV file: kinds by the reader's rules (dates as strings, as Model Monitor). */
    static Statistics baseline(Path file, List<String> features, List<String> exclude, Map<String, ColumnKind> types, Progress progress) {
        CsvReader r = CsvReader.open(file);
        List<String> selected = select(r.header(), features, exclude, file.toString());
        r = r.timesAsText().columns(selected);
        for (Map.Entry<String, ColumnKind> e : types.entrySet()) r = r.withType(e.getKey(), e.getValue().isTime() ? ColumnKind.TEXT : e.getValue());
        Profiler p = null;
        long start = System.nanoTime();
        try (CsvReader.Batches batches = r.batches(BATCH_ROWS)) {
            for (CsvBatch b : batches) {
                if (p == null) {
                    List<FeatureType> ts = new ArrayList<>();
                    for (String c : selected) ts.add(FeatureType.of(b.kind(c)));
                    p = new Profiler(selected, ts);
                }
                p.accept(b);
                progress.rowsRead(p.rows(), (System.nanoTime() - start) / 1e9);
            }
        }
        if (p == null || p.rows() == 0) {
            throw DataValidationException.at(file.toString(), -1, null, null, "has a header but no data rows; a baseline needs the data it describes");
        }
        return p.finish();
    }

    /** The current data's columns against the baseline's features. */
    record Layout(List<String> present, List<String> missing, List<String> extra) {}

    static Layout layout(List<String> header, List<String> baseline) {
        List<String> present = new ArrayList<>(), missing = new ArrayList<>(), extra = new ArrayList<>();
        Set<String> h = new LinkedHashSet<>(header);
        for (String f : baseline) (h.contains(f) ? present : missing).add(f);
        Set<String> b = new HashSet<>(baseline);
        for (String c : header) if (!b.contains(c)) extra.add(c);
        return new Layout(present, missing, extra);
    }

    /** The statistics of a CSV's columns read as the baseline's types; a value of another type is counted, not an error. */
    static Profiler current(CsvReader reader, Statistics baseline, Layout layout, Progress progress, Profiler into) {
        CsvReader r = reader.columns(layout.present()).countMismatches();
        List<FeatureType> ts = new ArrayList<>();
        for (String c : layout.present()) {
            FeatureType t = baseline.feature(c).type();
            ts.add(t);
            r = r.withType(c, t.isNumeric() ? ColumnKind.NUMBER : ColumnKind.TEXT);
        }
        Profiler p = into != null ? into : new Profiler(layout.present(), ts);
        long start = System.nanoTime();
        try (CsvReader.Batches batches = r.batches(BATCH_ROWS)) {
            for (CsvBatch b : batches) {
                p.accept(b);
                progress.rowsRead(p.rows(), (System.nanoTime() - start) / 1e9);
            }
        }
        return p;
    }

    /** The statistics of a table's columns; numbers for numeric types, text (dates too) for the rest. */
    static Statistics table(Table t, List<String> names, Map<String, FeatureType> want) {
        List<FeatureType> ts = new ArrayList<>();
        for (String n : names) {
            Column<?> c = Columns.require(t, n, "feature");
            FeatureType have = c instanceof NumericColumn<?> ? (isWhole(c) ? FeatureType.Integral : FeatureType.Fractional) : FeatureType.String;
            ts.add(want == null ? have : want.get(n));
        }
        Profiler p = new Profiler(names, ts);
        int rows = t.rowCount();
        for (int j = 0; j < names.size(); j++) {
            Column<?> c = t.column(names.get(j));
            for (int from = 0; from < rows; from += BATCH_ROWS) {
                int n = Math.min(BATCH_ROWS, rows - from);
                if (ts.get(j).isNumeric()) {
                    if (c instanceof NumericColumn<?> num) {
                        double[] v = new double[n];
                        for (int i = 0; i < n; i++) v[i] = num.isMissing(from + i) ? Double.NaN : num.getDouble(from + i);
                        p.addNumbers(j, v, n, 0);
                    } else { // a text column where the baseline has numbers: every value is of another type
                        double[] v = new double[n];
                        int wrong = 0;
                        for (int i = 0; i < n; i++) {
                            v[i] = Double.NaN;
                            if (!c.isMissing(from + i) && !c.getString(from + i).isBlank()) wrong++;
                        }
                        p.addNumbers(j, v, n, wrong);
                    }
                } else {
                    String[] v = new String[n];
                    for (int i = 0; i < n; i++) {
                        String s = c.isMissing(from + i) ? null : c.getString(from + i);
                        v[i] = s == null || s.isEmpty() ? null : s;
                    }
                    p.addStrings(j, v, n);
                }
            }
        }
        p.addRows(rows);
        return p.finish();
    }

    /** Integer-typed Tablesaw columns are Integral, as the reader's INTEGER kind. */
    private static boolean isWhole(Column<?> c) {
        return c instanceof tech.tablesaw.api.IntColumn || c instanceof tech.tablesaw.api.LongColumn || c instanceof tech.tablesaw.api.ShortColumn;
    }
}
