package dev.holdout.monitor;

import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A monitoring run: the current data's statistics, computed in one streamed pass, checked against a baseline's
 * constraints — Model Monitor's six checks, each defined in {@link Violation.Check}, with every distance in
 * {@link Drift}.
 *
 * <pre>{@code
 * Baseline b = Baseline.read(Path.of("baseline"));
 * MonitorResult r = Monitor.run(b, Path.of("2015-07.csv"));        // a CSV file, or a data-capture folder
 * MonitorResult t = Monitor.run(b, julyTable);                     // a Tablesaw table
 * r.violations();          // [Violation[featureName=temp_max, checkType=baseline_drift_check, ...]]
 * r.toHtml();              // the report: a table per feature and a chart of each drifted one
 * }</pre>
 */
public final class Monitor {
    private Monitor() {}

    public static MonitorResult run(Baseline baseline, Table current) { return run(baseline, current, MonitorOptions.defaults()); }

    public static MonitorResult run(Baseline baseline, Table current, MonitorOptions o) {
        if (current.rowCount() == 0) {
            throw DataValidationException.param("table", current.name(), "has no rows", "a monitoring run needs at least one row of current data");
        }
        Sources.Layout layout = Sources.layout(current.columnNames(), baseline.statistics().names());
        Map<String, FeatureType> want = new HashMap<>();
        for (String f : layout.present()) want.put(f, baseline.statistics().feature(f).type());
        Statistics s = Sources.table(current, layout.present(), want);
        return evaluate(baseline, o, s, layout, "table " + current.name());
    }

    /**
     * One run per calendar month of a dated table, in time order — what a monthly monitoring schedule would have
     * found, each run on that month's rows only. Rows without a date are left out (they belong to no month).
     *
     * <pre>{@code
     * Map<YearMonth, MonitorResult> runs = Monitor.byMonth(baseline, weather2015, "date", MonitorOptions.defaults());
     * runs.get(YearMonth.of(2015, 7)).drifted();     // [temp_max, temp_min]
     * }</pre>
     */
    public static java.util.SortedMap<java.time.YearMonth, MonitorResult> byMonth(Baseline baseline, Table current, String dateColumn, MonitorOptions o) {
        java.util.SortedMap<java.time.YearMonth, MonitorResult> out = new java.util.TreeMap<>();
        for (java.util.Map.Entry<java.time.YearMonth, Table> e : months(current, dateColumn).entrySet()) {
            out.put(e.getKey(), run(baseline, e.getValue(), o));
        }
        return out;
    }

    /** The rows of each calendar month of a date (or date-time) column, in time order; each table named {@code name yyyy-mm}. */
    public static java.util.SortedMap<java.time.YearMonth, Table> months(Table t, String dateColumn) {
        tech.tablesaw.columns.Column<?> c = dev.holdout.data.Columns.require(t, dateColumn, "--time");
        java.util.SortedMap<java.time.YearMonth, List<Integer>> rows = new java.util.TreeMap<>();
        for (int i = 0; i < t.rowCount(); i++) {
            if (c.isMissing(i)) continue;
            java.time.YearMonth m;
            if (c instanceof tech.tablesaw.api.DateColumn d) m = java.time.YearMonth.from(d.get(i));
            else if (c instanceof tech.tablesaw.api.DateTimeColumn d) m = java.time.YearMonth.from(d.get(i));
            else if (c instanceof tech.tablesaw.api.InstantColumn d) m = java.time.YearMonth.from(d.get(i).atZone(java.time.ZoneOffset.UTC));
            else throw DataValidationException.param("--time", dateColumn, "is not a date column", "name the column of dates");
            rows.computeIfAbsent(m, x -> new ArrayList<>()).add(i);
        }
        java.util.SortedMap<java.time.YearMonth, Table> out = new java.util.TreeMap<>();
        for (java.util.Map.Entry<java.time.YearMonth, List<Integer>> e : rows.entrySet()) {
            Table m = t.rows(e.getValue().stream().mapToInt(Integer::intValue).toArray());
            m.setName(t.name() + " " + e.getKey());
            out.put(e.getKey(), m);
        }
        return out;
    }

    /** A run over a CSV file or a data-capture folder ({@link Capture}). */
    public static MonitorResult run(Baseline baseline, Path input) { return run(baseline, input, MonitorOptions.defaults()); }

    public static MonitorResult run(Baseline baseline, Path input, MonitorOptions o) {
        if (Files.isDirectory(input)) return Capture.monitor(baseline, input, o);
        InputFiles.requireReadable(input, "--input");
        CsvReader reader = CsvReader.open(input);
        Sources.Layout layout = Sources.layout(reader.header(), baseline.statistics().names());
        Profiler p = Sources.current(reader, baseline.statistics(), layout, o.progress(), null);
        if (p.rows() == 0) {
            throw DataValidationException.at(input.toString(), -1, null, null, "has a header but no data rows; a monitoring run needs at least one row");
        }
        return evaluate(baseline, o, p.finish(), layout, input.toString());
    }

    /**
     * A run on current statistics computed elsewhere (merged partition profiles, module {@code holdout-spark}):
     * {@code columns} are the current data's columns (for the missing and extra column checks).
     */
    public static MonitorResult run(Baseline baseline, Statistics current, List<String> columns, MonitorOptions o, String source) {
        if (current.itemCount() == 0) {
            throw DataValidationException.param("current", source, "has no rows", "a monitoring run needs at least one row of current data");
        }
        return evaluate(baseline, o, current, Sources.layout(columns, baseline.statistics().names()), source);
    }

    /** Checks current statistics against the baseline. */
    static MonitorResult evaluate(Baseline baseline, MonitorOptions o, Statistics current, Sources.Layout layout, String source) {
        Constraints constraints = baseline.constraints().with(o.config(), o.perFeature());
        List<FeatureCheck> checks = new ArrayList<>();
        List<Violation> all = new ArrayList<>();
        for (FeatureConstraint c : constraints.features()) {
            FeatureCheck fc = check(baseline.statistics().feature(c.name()), current.find(c.name()), c, constraints.configFor(c.name()));
            checks.add(fc);
            all.addAll(fc.violations());
        }
        List<Violation> extra = new ArrayList<>();
        if (constraints.config().evaluateConstraints()) {
            for (String e : layout.extra()) {
                extra.add(new Violation(e, Violation.Check.extra_column_check, "column '" + e + "' is in the current data but not in the baseline ("
                        + baseline.statistics().features().size() + " features)"));
            }
        }
        all.addAll(extra);
        return new MonitorResult(source, baseline, constraints, current, checks, layout.extra(), all);
    }

    static FeatureCheck check(FeatureStatistics base, FeatureStatistics cur, FeatureConstraint c, MonitorConfig cfg) {
        List<Violation> v = new ArrayList<>();
        boolean on = cfg.evaluateConstraints();
        if (cur == null) {
            if (on) v.add(new Violation(c.name(), Violation.Check.missing_column_check, "feature '" + c.name() + "' of the baseline is not in the current data"));
            return new FeatureCheck(c.name(), base, null, c, cfg, Double.NaN, Double.NaN, 0, null, v);
        }
        long nonMissing = cur.present() + cur.wrongType();
        long typed = cur.present();
        if (cur instanceof NumericStatistics n && c.type() == FeatureType.Integral) typed -= n.notWhole();
        double typeShare = nonMissing == 0 ? Double.NaN : (double) typed / nonMissing;
        if (on && typeShare < cfg.datatypeCheckThreshold()) {
            String why = cur.wrongType() > 0 ? String.format(Locale.ROOT, "%,d are not numbers", cur.wrongType()) : "";
            if (cur instanceof NumericStatistics n && n.notWhole() > 0 && c.type() == FeatureType.Integral) {
                why += (why.isEmpty() ? "" : ", ") + String.format(Locale.ROOT, "%,d have a fraction", n.notWhole());
            }
            v.add(new Violation(c.name(), Violation.Check.data_type_check, String.format(Locale.ROOT,
                    "%s of the %,d values (%s) are %s as in the baseline (%s), below datatype_check_threshold %s",
                    String.format(Locale.ROOT, "%,d", typed), nonMissing, Report.pct(typeShare), c.type(), why, Report.num(cfg.datatypeCheckThreshold()))));
        }
        long negative = 0;
        if (cur instanceof NumericStatistics n && Boolean.TRUE.equals(c.isNonNegative()) && n.present() > 0 && n.min() < 0) {
            negative = Math.max(1, n.sketch().rankBelow(0));
            if (on) {
                v.add(new Violation(c.name(), Violation.Check.data_type_check, String.format(Locale.ROOT,
                        "about %,d values are negative (min %s), but the baseline's values were all >= 0 (num_constraints.is_non_negative)",
                        negative, Report.num(n.min()))));
            }
        }
        double completeness = cur.completeness();
        if (on && completeness < c.completeness() - cfg.completenessTolerance()) {
            v.add(new Violation(c.name(), Violation.Check.completeness_check, String.format(Locale.ROOT,
                    "%s of the rows have a value (%,d missing of %,d), against %s in the baseline; completeness_tolerance is %s",
                    Report.pct(completeness), cur.missing(), cur.rows(), Report.pct(c.completeness()), Report.num(cfg.completenessTolerance()))));
        }
        double domainShare = Double.NaN;
        if (cur instanceof StringStatistics s && c.domains() != null && s.present() > 0) {
            java.util.Set<String> domain = new java.util.HashSet<>(c.domains());
            long inside = 0;
            List<String> unknown = new ArrayList<>();
            for (StringStatistics.CategoryCount cc : s.buckets()) {
                if (domain.contains(cc.value())) inside += cc.count();
                else if (unknown.size() < 5) unknown.add("'" + cc.value() + "' (" + cc.count() + ")");
            }
            domainShare = (double) inside / s.present();
            if (on && domainShare < cfg.domainContentThreshold()) {
                v.add(new Violation(c.name(), Violation.Check.categorical_values_check, String.format(Locale.ROOT,
                        "%s of the values are in the baseline's domain of %d values, below domain_content_threshold %s; new values: %s",
                        Report.pct(domainShare), c.domains().size(), Report.num(cfg.domainContentThreshold()), String.join(", ", unknown))));
            }
        }
        Drift drift = null;
        if (cfg.performComparison() && base.present() > 0 && cur.present() > 0) {
            drift = base instanceof NumericStatistics nb && cur instanceof NumericStatistics nc ? Drift.numeric(nb, nc, cfg)
                    : base instanceof StringStatistics sb && cur instanceof StringStatistics sc ? Drift.categorical(sb, sc, cfg) : null;
            if (on && drift != null && drift.drifted()) {
                v.add(new Violation(c.name(), Violation.Check.baseline_drift_check, driftText(drift)));
            }
        }
        return new FeatureCheck(c.name(), base, cur, c, cfg, typeShare, domainShare, negative, drift, v);
    }

    private static String driftText(Drift d) {
        String name = switch (d.method()) {
            case "KolmogorovSmirnov" -> "Kolmogorov-Smirnov distance";
            case "LInfinity" -> "L-infinity distance";
            default -> "Cramér's V (chi-squared)";
        };
        String test = d.method().equals("LInfinity") ? "" : String.format(Locale.ROOT, "; the test's p-value is %s", Report.p(d.pValue()));
        return String.format(Locale.ROOT, "%s %s exceeds the threshold %s%s (PSI %s, Jensen-Shannon %s)", name, Report.num(d.distance()),
                Report.num(d.threshold()), test, Report.num(d.psi()), Report.num(d.jensenShannon()));
    }
}
