package dev.holdout.monitor;

import java.util.List;

/**
 * A {@code String} feature's {@code string_statistics}: counts, {@code distinct_count} and the value counts
 * ({@code distribution.categorical.buckets}, most frequent first). Exact up to {@code tracked} distinct values per
 * feature (the limit keeps a high-cardinality column such as an id in bounded memory): past it, values not
 * yet seen are counted together in {@code otherCount} and the distinct count is a HyperLogLog estimate
 * ({@code distinctEstimated}; about 1% error).
 *
 * <pre>{@code
 * StringStatistics w = (StringStatistics) statistics.feature("weather");
 * w.distinctCount();                 // 5
 * w.buckets().get(0);                // CategoryCount[value=rain, count=191]
 * }</pre>
 */
public record StringStatistics(String name, long present, long missing, long wrongType, long distinctCount, boolean distinctEstimated,
                               List<CategoryCount> buckets, long otherCount) implements FeatureStatistics {
    public StringStatistics {
        buckets = List.copyOf(buckets);
    }

    @Override public FeatureType type() { return FeatureType.String; }

    /** A value and how often it occurs. */
    public record CategoryCount(String value, long count) {}

    /** The count of {@code value} (0 when it never occurs, or is among the untracked ones). */
    public long count(String value) {
        for (CategoryCount c : buckets) if (c.value().equals(value)) return c.count();
        return 0;
    }
}
