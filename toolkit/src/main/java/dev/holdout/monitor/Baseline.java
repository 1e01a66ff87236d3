package dev.holdout.monitor;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputFolder;
import dev.holdout.report.Html;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * A baseline: the statistics of the data a model was trained on and the constraints suggested from them, as
 * Model Monitor's baseline job writes them ({@code statistics.json}, {@code constraints.json}).
 *
 * <pre>{@code
 * Baseline b = Baseline.of(train);                                   // a Tablesaw table
 * Baseline c = Baseline.of(Path.of("train.csv"), BaselineOptions.defaults().exclude("id"));   // streamed, one pass
 * b.statistics().feature("temp_max");   b.constraints().config().comparisonThreshold();
 * b.save(Path.of("baseline"), false);                               // the two files, written atomically
 * Baseline again = Baseline.read(Path.of("baseline"));
 * }</pre>
 */
public record Baseline(Statistics statistics, Constraints constraints) {
    public static final String STATISTICS = "statistics.json";
    public static final String CONSTRAINTS = "constraints.json";

    public Baseline {
        for (FeatureConstraint c : constraints.features()) {
            FeatureStatistics s = statistics.find(c.name());
            if (s == null) {
                throw DataValidationException.param("constraints.features", c.name(), "has no statistics in " + STATISTICS,
                        "remove it from " + CONSTRAINTS + ", or compute the baseline again");
            }
            if (s.type() != c.type()) {
                throw DataValidationException.param("constraints.features." + c.name() + ".inferred_type", c.type(),
                        "differs from " + STATISTICS + "'s " + s.type(), "keep the type the baseline inferred");
            }
        }
    }

    /** The baseline of every column of a table, with Model Monitor's default constraints. */
    public static Baseline of(Table table) { return of(table, BaselineOptions.defaults()); }

    public static Baseline of(Table table, BaselineOptions o) {
        if (table.rowCount() == 0) throw DataValidationException.param("table", table.name(), "has no rows", "a baseline needs the data it describes");
        List<String> names = Sources.select(table.columnNames(), o.features(), o.exclude(), "table " + table.name());
        return suggest(Sources.table(table, names, null), o);
    }

    /** The baseline of a CSV file, streamed once in bounded memory (types by the reader's rules, dates as strings). */
    public static Baseline of(Path csv) { return of(csv, BaselineOptions.defaults()); }

    public static Baseline of(Path csv, BaselineOptions o) {
        return suggest(Sources.baseline(csv, o.features(), o.exclude(), o.types(), o.progress()), o);
    }

    /** The baseline of statistics computed elsewhere (merged partition profiles, say): Model Monitor's suggested constraints with {@code o}'s overrides. */
    public static Baseline suggest(Statistics s, BaselineOptions o) {
        Constraints c = Constraints.suggest(s, MonitorConfig.defaults()).with(o.config(), o.perFeature());
        return new Baseline(s, c);
    }

    /** Reads a baseline folder (both files, strictly). */
    public static Baseline read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw DataValidationException.param("--baseline", dir, Files.exists(dir) ? "is a file, not a baseline folder" : "no such folder",
                    "pass the folder holdout monitor baseline wrote (it holds " + STATISTICS + " and " + CONSTRAINTS + ")");
        }
        for (String f : List.of(STATISTICS, CONSTRAINTS)) {
            if (!Files.exists(dir.resolve(f))) {
                throw DataValidationException.param("--baseline", dir, f + " is missing",
                        "write the baseline again with holdout monitor baseline --input DATA --output " + dir);
            }
        }
        return new Baseline(Statistics.read(dir.resolve(STATISTICS)), Constraints.read(dir.resolve(CONSTRAINTS)));
    }

    /** This baseline with other constraints (edited thresholds, say). */
    public Baseline withConstraints(Constraints c) { return new Baseline(statistics, c); }

    /** Writes the two files into {@code folder} (which the caller has claimed). */
    public void writeFiles(Path folder) throws IOException {
        statistics.write(folder.resolve(STATISTICS));
        Files.writeString(folder.resolve(CONSTRAINTS), constraints.toJson(), StandardCharsets.UTF_8);
    }

    /** Writes the baseline folder atomically ({@link OutputFolder}); a non-empty folder needs {@code force}. */
    public void save(Path dir, boolean force) {
        try (OutputFolder out = OutputFolder.at(dir).named("baseline").force(force).claim()) {
            out.write(this::writeFiles);
        }
    }

    /** A table of the features' statistics and constraints. */
    public String toHtml() {
        List<List<?>> rows = new ArrayList<>();
        for (FeatureStatistics f : statistics.features()) {
            FeatureConstraint c = constraints.find(f.name());
            rows.add(List.of(f.name(), f.type(), f.present(), f.missing(), Report.summary(f),
                    c == null ? "" : Report.pct(c.completeness()), c == null ? "" : constraintText(c)));
        }
        return "<p>Baseline of " + String.format(Locale.ROOT, "%,d", statistics.itemCount()) + " rows, " + statistics.features().size()
                + " features.</p>" + Html.table(List.of("feature", "type", "present", "missing", "statistics", "completeness", "constraints"), rows);
    }

    private static String constraintText(FeatureConstraint c) {
        if (c.isNonNegative() != null) return c.isNonNegative() ? "non-negative" : "";
        return c.domains() == null ? "no domain (many values)" : "domain of " + c.domains().size() + " values";
    }

    @Override public String toString() {
        return "Baseline[" + statistics.itemCount() + " rows, features " + statistics.names() + "]";
    }
}
