package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * Centres on the training median and divides by the training inter-quartile range, as scikit-learn's
 * {@code RobustScaler} (quantiles by numpy's linear interpolation; a zero range gets scale 1).
 *
 * <pre>{@code
 * RobustScaler.of("x");   // fitted on [1, 2, 3, 4, 100]: median=3, q1=2, q3=4 -> 100 maps to 48.5
 * }</pre>
 */
public final class RobustScaler extends Step {
    private final List<String> columns;
    private final double lowerPercent;
    private final double upperPercent;

    private RobustScaler(List<String> columns, double lowerPercent, double upperPercent) {
        if (!(lowerPercent >= 0 && lowerPercent < upperPercent && upperPercent <= 100)) {
            throw DataValidationException.param("RobustScaler.quantileRange", "(" + lowerPercent + ", " + upperPercent + ")",
                    "must satisfy 0 <= lower < upper <= 100", "use e.g. quantileRange(25, 75)");
        }
        this.columns = columns;
        this.lowerPercent = lowerPercent;
        this.upperPercent = upperPercent;
    }

    public static RobustScaler of(String... columns) { return new RobustScaler(requireColumns("RobustScaler", columns), 25, 75); }

    /** The percentiles whose distance is the scale; default (25, 75). */
    public RobustScaler quantileRange(double lowerPercent, double upperPercent) {
        return new RobustScaler(columns, lowerPercent, upperPercent);
    }

    @Override public List<String> columns() { return columns; }

    @Override FittedStep fit(Table train) {
        List<ColumnScale> out = new ArrayList<>();
        for (String name : columns) {
            double[] x = ColumnValues.doubles(train, name, "RobustScaler");
            double[] sorted = Stats.sortedPresent(x);
            if (sorted.length == 0) throw StandardScaler.allMissing("RobustScaler", name, x.length);
            double median = Stats.quantile(sorted, 0.5);
            double q1 = Stats.quantile(sorted, lowerPercent / 100);
            double q3 = Stats.quantile(sorted, upperPercent / 100);
            out.add(new ColumnScale(name, median, Stats.handleZero(q3 - q1), Map.of("median", median, "q1", q1, "q3", q3)));
        }
        return new Fitted(lowerPercent, upperPercent, out);
    }

    @Override public String toString() { return "RobustScaler(" + columns + ")"; }

    record Fitted(double lowerPercent, double upperPercent, List<ColumnScale> columns) implements FittedStep, Applies {
        Fitted {
            FittedChecks.finite("robust-scaler.lowerPercent", lowerPercent);
            FittedChecks.finite("robust-scaler.upperPercent", upperPercent);
            columns = FittedChecks.list("robust-scaler.columns", columns);
        }

        @Override public String kind() { return "robust-scaler"; }

        @Override public List<String> inputColumns() { return columns.stream().map(ColumnScale::column).toList(); }

        @Override public Table apply(Table input) { return StandardScaler.applyAffine(input, columns, "RobustScaler"); }

        @Override public String toString() {
            return "robust-scaler{" + columns.stream().map(ColumnScale::toString).collect(Collectors.joining("; ")) + "}";
        }
    }
}
