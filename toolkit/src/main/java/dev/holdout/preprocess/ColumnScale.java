package dev.holdout.preprocess;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * The learned affine map of one column, {@code x' = (x - center) / scale}, with the readable
 * statistics it came from (e.g. {@code mean} and {@code std}, or {@code median}, {@code q1}, {@code q3}).
 *
 * <pre>{@code
 * new ColumnScale("age", 40.0, 10.0, Map.of("mean", 40.0, "std", 10.0));   // age 60 -> 2.0
 * }</pre>
 */
public record ColumnScale(String column, double center, double scale, Map<String, Double> learned) {
    public ColumnScale {
        FittedChecks.column("scaler", column);
        FittedChecks.finite(column + ".center", center);
        FittedChecks.positive(column + ".scale", scale);
        FittedChecks.present(column + ".learned", learned);
        learned.values().forEach(v -> FittedChecks.present(column + ".learned", v));
        learned = java.util.Collections.unmodifiableMap(new java.util.TreeMap<>(learned));
    }

    @Override public String toString() {
        return column + ": " + new java.util.TreeMap<>(learned).entrySet().stream()
                .map(e -> e.getKey() + "=" + Stats.fmt(e.getValue())).collect(Collectors.joining(", "));
    }

    /** In place: {@code x[i] = (x[i] - center) / scale}; NaN stays NaN. */
    static void apply(double[] x, double center, double scale) {
        for (int i = 0; i < x.length; i++) x[i] = (x[i] - center) / scale;
    }
}
