package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import dev.holdout.data.SeededRandom;

/**
 * Seeded percentile-bootstrap confidence intervals for any metric. A resample of n rows drawn with
 * replacement is expressed as integer weights (how often each row was drawn, times its own weight),
 * so any weighted metric works unchanged and no array is copied; integer weights equal repeated
 * rows for every metric here, which the property tests check.
 *
 * <pre>{@code
 * ConfidenceInterval ci = Bootstrap.interval(w -> Scores.rocAuc(truth, score, 1, w), truth.length, null, 1000, 7, 0.95);
 * }</pre>
 */
public final class Bootstrap {
    private Bootstrap() {}

    /** A metric as a function of row weights. */
    @FunctionalInterface
    public interface WeightedMetric {
        double compute(double[] weights);
    }

    /**
     * @param rows       number of rows
     * @param baseWeight the rows' own weights, or null
     * @param resamples  number of bootstrap resamples (>= 10)
     * @param seed       the same seed gives the same interval
     * @param confidence e.g. 0.95
     */
    public static ConfidenceInterval interval(WeightedMetric metric, int rows, double[] baseWeight, int resamples,
                                              long seed, double confidence) {
        if (!(confidence > 0 && confidence < 1)) {
            throw DataValidationException.param("confidence", confidence, "must be in (0, 1)", "pass 0.95");
        }
        double estimate = metric.compute(baseWeight == null ? null : baseWeight.clone());
        Distribution d = distribution(metric, rows, baseWeight, resamples, seed);
        double[] v = d.values();
        Arrays.sort(v);
        double alpha = 1 - confidence;
        return new ConfidenceInterval(estimate, quantile(v, alpha / 2), quantile(v, 1 - alpha / 2), confidence, resamples,
                seed, d.skipped());
    }

    /**
     * The metric on each bootstrap resample, in the order drawn (the same seed draws the same resamples, so two
     * metrics bootstrapped with one seed are paired row for row).
     *
     * @param values  the metric on each resample where it was defined
     * @param skipped resamples on which it was undefined (e.g. a single class for ROC AUC), left out
     */
    public record Distribution(double[] values, int skipped) {
        public Distribution {
            values = values.clone();
        }

        @Override public double[] values() { return values.clone(); }
    }

    /**
     * The metric on {@code resamples} bootstrap resamples of the {@code rows} rows: what {@link #interval} takes its
     * percentiles from, for a chart of the spread or a test of a difference. A difference of two models' metrics
     * computed in one {@link WeightedMetric} is a <i>paired</i> bootstrap: both are scored on the same resample.
     *
     * <pre>{@code
     * Bootstrap.distribution(w -> Scores.rocAuc(t, a, 1, w) - Scores.rocAuc(t, b, 1, w), t.length, null, 1000, 42);
     * }</pre>
     */
    public static Distribution distribution(WeightedMetric metric, int rows, double[] baseWeight, int resamples, long seed) {
        if (resamples < 10) {
            throw DataValidationException.param("bootstrap", resamples, "must be >= 10", "use 1000 resamples for a 95% interval");
        }
        if (rows < 1) throw DataValidationException.param("rows", rows, "must be >= 1", "pass non-empty data");
        SeededRandom rng = new SeededRandom(seed);
        double[] values = new double[resamples];
        int ok = 0, skipped = 0;
        double[] w = new double[rows];
        for (int r = 0; r < resamples; r++) {
            Arrays.fill(w, 0);
            for (int i = 0; i < rows; i++) w[rng.nextInt(rows)] += 1;
            if (baseWeight != null) for (int i = 0; i < rows; i++) w[i] *= baseWeight[i];
            try {
                double v = metric.compute(w);
                if (Double.isNaN(v)) skipped++; else values[ok++] = v;
            } catch (DataValidationException e) {
                skipped++; // e.g. a resample with a single class for ROC AUC
            }
        }
        if (ok == 0) {
            throw DataValidationException.param("bootstrap", resamples, "the metric was undefined on every resample",
                    "use more rows or a metric defined on this data");
        }
        return new Distribution(Arrays.copyOf(values, ok), skipped);
    }

    /** How to bootstrap a whole report: resamples, seed and confidence level. */
    public record Spec(int resamples, long seed, double confidence) {
        public Spec {
            if (resamples < 10) {
                throw DataValidationException.param("bootstrap", resamples, "must be >= 10", "use 1000 resamples for a 95% interval");
            }
            if (!(confidence > 0 && confidence < 1)) {
                throw DataValidationException.param("confidence", confidence, "must be in (0, 1)", "pass 0.95");
            }
        }

        public static Spec of(int resamples, long seed) { return new Spec(resamples, seed, 0.95); }
    }

    /**
     * Intervals for several metrics computed together on each resample (one weights array per
     * resample, shared by all metrics). {@code metrics} returns metric name to value; a null or NaN
     * value, or a {@link DataValidationException}, counts as undefined on that resample.
     */
    public static java.util.Map<String, ConfidenceInterval> intervals(
            java.util.function.Function<double[], java.util.Map<String, Double>> metrics, int rows, double[] baseWeight,
            java.util.Map<String, Double> estimates, Spec spec) {
        SeededRandom rng = new SeededRandom(spec.seed());
        java.util.Map<String, double[]> values = new java.util.LinkedHashMap<>();
        java.util.Map<String, Integer> counts = new java.util.HashMap<>();
        for (String k : estimates.keySet()) {
            values.put(k, new double[spec.resamples()]);
            counts.put(k, 0);
        }
        double[] w = new double[rows];
        for (int r = 0; r < spec.resamples(); r++) {
            Arrays.fill(w, 0);
            for (int i = 0; i < rows; i++) w[rng.nextInt(rows)] += 1;
            if (baseWeight != null) for (int i = 0; i < rows; i++) w[i] *= baseWeight[i];
            java.util.Map<String, Double> got;
            try {
                got = metrics.apply(w);
            } catch (DataValidationException e) {
                continue;
            }
            for (java.util.Map.Entry<String, double[]> e : values.entrySet()) {
                Double v = got.get(e.getKey());
                if (v == null || v.isNaN()) continue;
                int c = counts.get(e.getKey());
                e.getValue()[c] = v;
                counts.put(e.getKey(), c + 1);
            }
        }
        java.util.Map<String, ConfidenceInterval> out = new java.util.LinkedHashMap<>();
        double alpha = 1 - spec.confidence();
        for (java.util.Map.Entry<String, double[]> e : values.entrySet()) {
            Double est = estimates.get(e.getKey());
            int c = counts.get(e.getKey());
            if (est == null || est.isNaN() || c == 0) continue;
            double[] v = Arrays.copyOf(e.getValue(), c);
            Arrays.sort(v);
            out.put(e.getKey(), new ConfidenceInterval(est, quantile(v, alpha / 2), quantile(v, 1 - alpha / 2),
                    spec.confidence(), spec.resamples(), spec.seed(), spec.resamples() - c));
        }
        return out;
    }

    /** Linear interpolation between order statistics (numpy's default percentile). */
    static double quantile(double[] sorted, double q) {
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(sorted.length - 1, lo + 1);
        return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
    }
}
