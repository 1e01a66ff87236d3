package dev.holdout.monitor;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The {@code monitoring_config} of a {@code constraints.json}: Model Monitor's keys and defaults, plus
 * Holdout's {@code completeness_tolerance}. Every threshold is a fraction in [0, 1].
 *
 * <pre>{@code
 * MonitorConfig c = MonitorConfig.defaults();          // Robust KS at 0.1, LInfinity at 0.1, thresholds 1.0
 * c.comparisonThreshold();                             // 0.1
 * MonitorConfig loose = c.with(Overrides.NONE.withComparisonThreshold(0.3));
 * }</pre>
 *
 * <ul>
 *   <li>{@code evaluate_constraints} ({@code Enabled}): {@code Disabled} reports the statistics and no violations.
 *   <li>{@code emit_metrics} ({@code Enabled}): kept for Model Monitor's shape; the local run writes its metrics to files either way.
 *   <li>{@code datatype_check_threshold} (1.0): the least fraction of present values that must be of the baseline's type.
 *   <li>{@code domain_content_threshold} (1.0): the least fraction of a string feature's values that must lie in its domain.
 *   <li>{@code completeness_tolerance} (0.02, a Holdout extension): how far the completeness may fall below the
 *       baseline's before {@code completeness_check} fires (0% to 0.5% missing passes, 0% to 30% does not).
 *   <li>{@code distribution_constraints}: {@code perform_comparison} ({@code Enabled}), {@code comparison_threshold}
 *       (0.1, on the Kolmogorov–Smirnov distance of numeric features), {@code comparison_method} ({@code Robust}:
 *       the distance must exceed the threshold and the two-sample KS test must reject at 95%; {@code Simple}: the
 *       distance alone), {@code categorical_comparison_threshold} (0.1), {@code categorical_drift_method}
 *       ({@code LInfinity}: the largest gap between the two frequency vectors; {@code ChiSquared}: Cramér's V of the
 *       chi-squared test of homogeneity, which must also reject at 95%).
 * </ul>
 */
public record MonitorConfig(boolean evaluateConstraints, boolean emitMetrics, double datatypeCheckThreshold,
                            double domainContentThreshold, double completenessTolerance, boolean performComparison,
                            double comparisonThreshold, ComparisonMethod comparisonMethod,
                            double categoricalComparisonThreshold, CategoricalDriftMethod categoricalDriftMethod) {

    /** How a numeric feature's distance decides drift. */
    public enum ComparisonMethod {
        /** The distance exceeds the threshold. */
        Simple,
        /** The distance exceeds the threshold and the two-sample KS test rejects "same distribution" at 95%. */
        Robust;

        static ComparisonMethod parse(String s, String param) { return MonitorConfig.parse(ComparisonMethod.class, s, param); }
    }

    /** How a string feature's drift is measured. */
    public enum CategoricalDriftMethod {
        /** The L-infinity distance: the largest absolute difference between the two frequency vectors. */
        LInfinity,
        /** Cramér's V of the chi-squared test of homogeneity; the test must also reject at 95%. */
        ChiSquared;

        static CategoricalDriftMethod parse(String s, String param) { return MonitorConfig.parse(CategoricalDriftMethod.class, s, param); }
    }

    /** The keys of {@code monitoring_config} (and of a feature's {@code monitoringConfigOverrides}). */
    static final List<String> KEYS = List.of("evaluate_constraints", "emit_metrics", "datatype_check_threshold",
            "domain_content_threshold", "completeness_tolerance", "distribution_constraints");
    static final List<String> DISTRIBUTION_KEYS = List.of("perform_comparison", "comparison_threshold", "comparison_method",
            "categorical_comparison_threshold", "categorical_drift_method");

    public MonitorConfig {
        fraction("datatype_check_threshold", datatypeCheckThreshold);
        fraction("domain_content_threshold", domainContentThreshold);
        fraction("completeness_tolerance", completenessTolerance);
        fraction("comparison_threshold", comparisonThreshold);
        fraction("categorical_comparison_threshold", categoricalComparisonThreshold);
        if (comparisonMethod == null || categoricalDriftMethod == null) throw new NullPointerException("method");
    }

    private static final MonitorConfig DEFAULTS = new MonitorConfig(true, true, 1.0, 1.0, 0.02, true, 0.1, ComparisonMethod.Robust,
            0.1, CategoricalDriftMethod.LInfinity);

    /** Model Monitor's suggested configuration, with {@code completeness_tolerance} 0.02. */
    public static MonitorConfig defaults() { return DEFAULTS; }

    /** This configuration with the keys {@code o} sets replaced. */
    public MonitorConfig with(Overrides o) {
        return new MonitorConfig(
                o.evaluateConstraints != null ? o.evaluateConstraints : evaluateConstraints,
                o.emitMetrics != null ? o.emitMetrics : emitMetrics,
                o.datatypeCheckThreshold != null ? o.datatypeCheckThreshold : datatypeCheckThreshold,
                o.domainContentThreshold != null ? o.domainContentThreshold : domainContentThreshold,
                o.completenessTolerance != null ? o.completenessTolerance : completenessTolerance,
                o.performComparison != null ? o.performComparison : performComparison,
                o.comparisonThreshold != null ? o.comparisonThreshold : comparisonThreshold,
                o.comparisonMethod != null ? o.comparisonMethod : comparisonMethod,
                o.categoricalComparisonThreshold != null ? o.categoricalComparisonThreshold : categoricalComparisonThreshold,
                o.categoricalDriftMethod != null ? o.categoricalDriftMethod : categoricalDriftMethod);
    }

    /** Every key, in Model Monitor's shape. */
    Map<String, Object> toJson() { return Overrides.of(this).toJson(); }

    /**
     * Some keys of a configuration: a feature's {@code monitoringConfigOverrides}, a command line's options, or
     * a hand-edited {@code monitoring_config} that leaves keys to their defaults. Null means "not set".
     *
     * <pre>{@code
     * Overrides o = Overrides.NONE.withComparisonThreshold(0.3).withComparisonMethod(ComparisonMethod.Simple);
     * MonitorConfig.defaults().with(o).comparisonThreshold();   // 0.3
     * }</pre>
     */
    public record Overrides(Boolean evaluateConstraints, Boolean emitMetrics, Double datatypeCheckThreshold,
                            Double domainContentThreshold, Double completenessTolerance, Boolean performComparison,
                            Double comparisonThreshold, ComparisonMethod comparisonMethod,
                            Double categoricalComparisonThreshold, CategoricalDriftMethod categoricalDriftMethod) {
        public static final Overrides NONE = new Overrides(null, null, null, null, null, null, null, null, null, null);

        public Overrides {
            if (datatypeCheckThreshold != null) fraction("datatype_check_threshold", datatypeCheckThreshold);
            if (domainContentThreshold != null) fraction("domain_content_threshold", domainContentThreshold);
            if (completenessTolerance != null) fraction("completeness_tolerance", completenessTolerance);
            if (comparisonThreshold != null) fraction("comparison_threshold", comparisonThreshold);
            if (categoricalComparisonThreshold != null) fraction("categorical_comparison_threshold", categoricalComparisonThreshold);
        }

        static Overrides of(MonitorConfig c) {
            return new Overrides(c.evaluateConstraints, c.emitMetrics, c.datatypeCheckThreshold, c.domainContentThreshold,
                    c.completenessTolerance, c.performComparison, c.comparisonThreshold, c.comparisonMethod,
                    c.categoricalComparisonThreshold, c.categoricalDriftMethod);
        }

        public Overrides withEvaluateConstraints(boolean v) { return new Overrides(v, emitMetrics, datatypeCheckThreshold, domainContentThreshold, completenessTolerance, performComparison, comparisonThreshold, comparisonMethod, categoricalComparisonThreshold, categoricalDriftMethod); }
        public Overrides withDatatypeCheckThreshold(double v) { return new Overrides(evaluateConstraints, emitMetrics, v, domainContentThreshold, completenessTolerance, performComparison, comparisonThreshold, comparisonMethod, categoricalComparisonThreshold, categoricalDriftMethod); }
        public Overrides withDomainContentThreshold(double v) { return new Overrides(evaluateConstraints, emitMetrics, datatypeCheckThreshold, v, completenessTolerance, performComparison, comparisonThreshold, comparisonMethod, categoricalComparisonThreshold, categoricalDriftMethod); }
        public Overrides withCompletenessTolerance(double v) { return new Overrides(evaluateConstraints, emitMetrics, datatypeCheckThreshold, domainContentThreshold, v, performComparison, comparisonThreshold, comparisonMethod, categoricalComparisonThreshold, categoricalDriftMethod); }
        public Overrides withPerformComparison(boolean v) { return new Overrides(evaluateConstraints, emitMetrics, datatypeCheckThreshold, domainContentThreshold, completenessTolerance, v, comparisonThreshold, comparisonMethod, categoricalComparisonThreshold, categoricalDriftMethod); }
        public Overrides withComparisonThreshold(double v) { return new Overrides(evaluateConstraints, emitMetrics, datatypeCheckThreshold, domainContentThreshold, completenessTolerance, performComparison, v, comparisonMethod, categoricalComparisonThreshold, categoricalDriftMethod); }
        public Overrides withComparisonMethod(ComparisonMethod v) { return new Overrides(evaluateConstraints, emitMetrics, datatypeCheckThreshold, domainContentThreshold, completenessTolerance, performComparison, comparisonThreshold, v, categoricalComparisonThreshold, categoricalDriftMethod); }
        public Overrides withCategoricalComparisonThreshold(double v) { return new Overrides(evaluateConstraints, emitMetrics, datatypeCheckThreshold, domainContentThreshold, completenessTolerance, performComparison, comparisonThreshold, comparisonMethod, v, categoricalDriftMethod); }
        public Overrides withCategoricalDriftMethod(CategoricalDriftMethod v) { return new Overrides(evaluateConstraints, emitMetrics, datatypeCheckThreshold, domainContentThreshold, completenessTolerance, performComparison, comparisonThreshold, comparisonMethod, categoricalComparisonThreshold, v); }

        /** These overrides, then {@code later}'s on top of them. */
        public Overrides then(Overrides later) {
            return new Overrides(
                    later.evaluateConstraints != null ? later.evaluateConstraints : evaluateConstraints,
                    later.emitMetrics != null ? later.emitMetrics : emitMetrics,
                    later.datatypeCheckThreshold != null ? later.datatypeCheckThreshold : datatypeCheckThreshold,
                    later.domainContentThreshold != null ? later.domainContentThreshold : domainContentThreshold,
                    later.completenessTolerance != null ? later.completenessTolerance : completenessTolerance,
                    later.performComparison != null ? later.performComparison : performComparison,
                    later.comparisonThreshold != null ? later.comparisonThreshold : comparisonThreshold,
                    later.comparisonMethod != null ? later.comparisonMethod : comparisonMethod,
                    later.categoricalComparisonThreshold != null ? later.categoricalComparisonThreshold : categoricalComparisonThreshold,
                    later.categoricalDriftMethod != null ? later.categoricalDriftMethod : categoricalDriftMethod);
        }

        public boolean isEmpty() { return equals(NONE); }

        /** The keys that are set, in Model Monitor's shape. */
        Map<String, Object> toJson() {
            Map<String, Object> m = new LinkedHashMap<>();
            if (evaluateConstraints != null) m.put("evaluate_constraints", word(evaluateConstraints));
            if (emitMetrics != null) m.put("emit_metrics", word(emitMetrics));
            if (datatypeCheckThreshold != null) m.put("datatype_check_threshold", datatypeCheckThreshold);
            if (domainContentThreshold != null) m.put("domain_content_threshold", domainContentThreshold);
            if (completenessTolerance != null) m.put("completeness_tolerance", completenessTolerance);
            Map<String, Object> d = new LinkedHashMap<>();
            if (performComparison != null) d.put("perform_comparison", word(performComparison));
            if (comparisonThreshold != null) d.put("comparison_threshold", comparisonThreshold);
            if (comparisonMethod != null) d.put("comparison_method", comparisonMethod.name());
            if (categoricalComparisonThreshold != null) d.put("categorical_comparison_threshold", categoricalComparisonThreshold);
            if (categoricalDriftMethod != null) d.put("categorical_drift_method", categoricalDriftMethod.name());
            if (!d.isEmpty()) m.put("distribution_constraints", d);
            return m;
        }

        /** Reads the keys present in {@code f} (strictly: an unknown key, a threshold outside [0, 1], a bad word are errors). */
        static Overrides read(JsonFields f) {
            f.allow(KEYS);
            Overrides o = new Overrides(
                    enabled(f, "evaluate_constraints"), enabled(f, "emit_metrics"),
                    fractionField(f, "datatype_check_threshold"), fractionField(f, "domain_content_threshold"),
                    fractionField(f, "completeness_tolerance"), null, null, null, null, null);
            JsonFields d = f.optionalObject("distribution_constraints");
            if (d == null) return o;
            d.allow(DISTRIBUTION_KEYS);
            return new Overrides(o.evaluateConstraints, o.emitMetrics, o.datatypeCheckThreshold, o.domainContentThreshold,
                    o.completenessTolerance, enabled(d, "perform_comparison"), fractionField(d, "comparison_threshold"),
                    d.has("comparison_method") ? ComparisonMethod.parse(d.text("comparison_method"), d.param("comparison_method")) : null,
                    fractionField(d, "categorical_comparison_threshold"),
                    d.has("categorical_drift_method")
                            ? CategoricalDriftMethod.parse(d.text("categorical_drift_method"), d.param("categorical_drift_method")) : null);
        }

        private static Boolean enabled(JsonFields f, String key) {
            if (!f.has(key)) return null;
            String v = f.text(key);
            if (v.equals("Enabled")) return true;
            if (v.equals("Disabled")) return false;
            throw DataValidationException.param(f.param(key), v, "must be \"Enabled\" or \"Disabled\"", "write \"" + key + "\": \"Enabled\"");
        }

        private static Double fractionField(JsonFields f, String key) {
            if (!f.has(key)) return null;
            double v = f.doubleValue(key);
            fraction(f.param(key), v);
            return v;
        }
    }

    private static String word(boolean b) { return b ? "Enabled" : "Disabled"; }

    static void fraction(String param, double v) {
        if (!(v >= 0 && v <= 1)) {
            throw DataValidationException.param(param, v, "a threshold is a fraction and must be in [0, 1]",
                    "pass a value such as 0.1 (" + (v > 1 && v <= 100 ? "a percentage " + v + "% is " + v / 100 : "0 checks nothing, 1 the most") + ")");
        }
    }

    /** An enum constant by its name, ignoring case, with a did-you-mean. */
    static <E extends Enum<E>> E parse(Class<E> type, String s, String param) {
        for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(s.strip())) return e;
        List<String> names = Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
        String hint = Columns.closest(s.toLowerCase(Locale.ROOT), names.stream().map(n -> n.toLowerCase(Locale.ROOT)).toList());
        String closest = hint == null ? null : names.stream().filter(n -> n.equalsIgnoreCase(hint)).findFirst().orElse(null);
        throw DataValidationException.param(param, s, "must be one of " + names,
                (closest != null ? "did you mean '" + closest + "'? " : "") + "write one of " + String.join(", ", names));
    }
}
