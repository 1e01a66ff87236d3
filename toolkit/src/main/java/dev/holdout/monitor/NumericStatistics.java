package dev.holdout.monitor;

import java.util.List;

/**
 * An {@code Integral} or {@code Fractional} feature's {@code numerical_statistics}: exact counts, sum, mean,
 * population standard deviation (divided by n, as Model Monitor's analyzer), min and max; 10 equal-width
 * buckets from min to max whose counts come from the KLL sketch (within 1% of the values of the exact
 * counts); the sketch itself. Statistics of no values have NaN moments and no buckets.
 *
 * <pre>{@code
 * NumericStatistics t = (NumericStatistics) statistics.feature("temp_max");
 * t.mean();  t.stdDev();  t.buckets().get(0).count();
 * t.sketch().quantile(0.5);      // the median, from the sketch
 * }</pre>
 *
 * @param notWhole present values with a fraction (0 for an Integral baseline; in current data they make an
 *                 Integral feature fail its data-type check)
 */
public record NumericStatistics(String name, FeatureType type, long present, long missing, long wrongType, long notWhole,
                                double sum, double mean, double stdDev, double min, double max, List<Bucket> buckets,
                                QuantileSketch sketch) implements FeatureStatistics {
    public NumericStatistics {
        if (!type.isNumeric()) throw new IllegalArgumentException("type=" + type + ": numeric statistics need Integral or Fractional");
        buckets = List.copyOf(buckets);
    }

    /** One equal-width bucket: values in [lower, upper) — the last one includes its upper bound, the max. */
    public record Bucket(double lowerBound, double upperBound, long count) {}

    /** The 10 equal-width buckets from min to max (one bucket when min == max), counted from the sketch. */
    static List<Bucket> buckets(double min, double max, QuantileSketch sketch) {
        long n = sketch.count();
        if (n == 0) return List.of();
        if (!(max > min)) return List.of(new Bucket(min, max, n));
        double[] edges = edges(min, max);
        Bucket[] out = new Bucket[10];
        for (int i = 0; i < 10; i++) {
            long below = sketch.rankBelow(edges[i]);
            long upTo = i == 9 ? n : sketch.rankBelow(edges[i + 1]);
            out[i] = new Bucket(edges[i], edges[i + 1], upTo - below);
        }
        return List.of(out);
    }

    /** The 11 edges of 10 equal-width buckets; the last is max itself, not min + 10 × width. */
    static double[] edges(double min, double max) {
        double[] e = new double[11];
        double w = (max - min) / 10;
        for (int i = 0; i < 10; i++) e[i] = min + i * w;
        e[10] = max;
        return e;
    }
}
