package dev.holdout.split;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a split or a set of folds was made: the strategy, its parameters (as text, in a stable order),
 * the seed when the strategy is random, the number of rows it split, and any warnings (for example a
 * class smaller than the number of folds, or rows dropped by a gap).
 *
 * <pre>{@code
 * new SplitProvenance("random", Map.of("testSize", "0.25"), 42L, 1461);
 * // toString(): random(testSize=0.25, seed=42) over 1461 rows
 * }</pre>
 */
public record SplitProvenance(String strategy, Map<String, String> parameters, Long seed, int rowCount, List<String> warnings) {
    public SplitProvenance {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        warnings = List.copyOf(warnings);
    }

    public SplitProvenance(String strategy, Map<String, String> parameters, Long seed, int rowCount) {
        this(strategy, parameters, seed, rowCount, List.of());
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(strategy).append('(');
        String sep = "";
        for (Map.Entry<String, String> e : parameters.entrySet()) {
            sb.append(sep).append(e.getKey()).append('=').append(e.getValue());
            sep = ", ";
        }
        if (seed != null) sb.append(sep).append("seed=").append(seed);
        return sb.append(") over ").append(rowCount).append(" rows").toString();
    }
}
