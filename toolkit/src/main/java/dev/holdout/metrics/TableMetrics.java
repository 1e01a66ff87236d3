package dev.holdout.metrics;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The Tablesaw-level entry point, a thin layer over the array functions: columns are looked up by
 * name (with "did you mean"), copied once into primitive arrays, and handed to the reports. A
 * missing value in a used column is an error naming its row.
 *
 * <pre>{@code
 * Table preds = CsvLoader.csv().load(Path.of("predictions.csv"));
 * ClassificationReport r = TableMetrics.classification(preds, "label", "prediction", "score", null,
 *         ClassificationOptions.defaults());
 * SlicedReport s = TableMetrics.regressionByGroup(preds, "y", "yhat", null, "region");
 * }</pre>
 */
public final class TableMetrics {
    private TableMetrics() {}

    /** Classification report; {@code score} (P(positive)) and {@code weight} may be null. */
    public static ClassificationReport classification(Table table, String label, String prediction, String score,
                                                      String weight, ClassificationOptions options) {
        String[] t = labels(table, label, "label"), p = labels(table, prediction, "prediction");
        Labels l = Labels.of(t, p);
        return ClassificationReport.ofCodes(l.encode(t), l.encode(p), l, numbers(table, score, "score"),
                numbers(table, weight, "weight"), options, null);
    }

    /** Regression report; {@code weight} may be null. */
    public static RegressionReport regression(Table table, String label, String prediction, String weight) {
        return RegressionReport.of(numbers(table, label, "label"), numbers(table, prediction, "prediction"),
                numbers(table, weight, "weight"));
    }

    /**
     * One classification report per value of {@code groupBy}, in order of first appearance; each lists
     * only its own labels (see {@link ClassificationReport#ofSlice}).
     */
    public static SlicedReport classificationByGroup(Table table, String label, String prediction, String score,
                                                     String weight, ClassificationOptions options, String groupBy) {
        String[] t = labels(table, label, "label"), p = labels(table, prediction, "prediction");
        Labels l = Labels.of(t, p);
        int[] tc = l.encode(t), pc = l.encode(p);
        double[] s = numbers(table, score, "score"), w = numbers(table, weight, "weight");
        return sliced(table, groupBy, rows -> ClassificationReport.ofSlice(SlicedReport.take(tc, rows), SlicedReport.take(pc, rows),
                l, SlicedReport.take(s, rows), SlicedReport.take(w, rows), options, null));
    }

    /** One regression report per value of {@code groupBy}, in order of first appearance. */
    public static SlicedReport regressionByGroup(Table table, String label, String prediction, String weight, String groupBy) {
        double[] y = numbers(table, label, "label"), p = numbers(table, prediction, "prediction"), w = numbers(table, weight, "weight");
        return sliced(table, groupBy, rows -> RegressionReport.of(SlicedReport.take(y, rows), SlicedReport.take(p, rows),
                SlicedReport.take(w, rows)));
    }

    private static SlicedReport sliced(Table table, String groupBy, java.util.function.Function<int[], MetricsReport> report) {
        String[] g = labels(table, groupBy, "groupBy");
        Map<String, Integer> codes = new LinkedHashMap<>();
        int[] gc = new int[g.length];
        for (int i = 0; i < g.length; i++) gc[i] = codes.computeIfAbsent(g[i], k -> codes.size());
        return SlicedReport.of(groupBy, gc, new ArrayList<>(codes.keySet()), report);
    }

    static String[] labels(Table table, String name, String param) {
        Column<?> c = Columns.require(table, name, param);
        String[] out = new String[c.size()];
        NumericColumn<?> n = c instanceof NumericColumn<?> nc ? nc : null;
        java.util.Set<String> checked = new java.util.HashSet<>();
        boolean classLabels = !param.equals("groupBy");
        for (int i = 0; i < out.length; i++) {
            if (c.isMissing(i)) throw missing(table, name, i);
            out[i] = c.getString(i);
            if (classLabels && ((n != null && !Double.isFinite(n.getDouble(i)))
                    || (n == null && checked.add(out[i]) && Labels.isNanOrInfinity(out[i])))) {
                String v = n != null ? Double.toString(n.getDouble(i)) : out[i];
                throw DataValidationException.at(table.name(), i + 1, name, v,
                        "'" + v + "' is not a class label; drop or fix rows with NaN or infinity");
            }
        }
        return out;
    }

    static double[] numbers(Table table, String name, String param) {
        if (name == null) return null;
        Column<?> c = Columns.require(table, name, param);
        if (!(c instanceof NumericColumn<?> n)) {
            throw DataValidationException.param(param, name, "must be a numeric column, but it is " + c.type(),
                    "pick a numeric column or convert it first");
        }
        double[] out = n.asDoubleArray();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                if (Double.isNaN(out[i])) throw missing(table, name, i);
                throw DataValidationException.at(table.name(), i + 1, name, Double.toString(out[i]),
                        "the value is infinite; drop or fix that row");
            }
        }
        return out;
    }

    private static DataValidationException missing(Table table, String column, int row) {
        return DataValidationException.at(table.name(), row + 1, column, "",
                "row " + (row + 1) + " has a missing value; drop or impute missing rows before computing metrics");
    }

}
