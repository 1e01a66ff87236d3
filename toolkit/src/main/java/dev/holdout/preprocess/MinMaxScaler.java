package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * Maps the training range of each column onto {@code [low, high]} (default [0, 1]), as scikit-learn's
 * {@code MinMaxScaler}: {@code x' = x·scale + min} with {@code scale = (high-low)/(max-min)}. Held-out
 * values outside the training range land outside {@code [low, high]} unless {@link #clip(boolean)}.
 *
 * <pre>{@code
 * MinMaxScaler.of("x");   // fitted on [2, 4, 6]: 4 -> 0.5, 8 -> 1.5 (1.0 with clip(true))
 * }</pre>
 */
public final class MinMaxScaler extends Step {
    private final List<String> columns;
    private final double low;
    private final double high;
    private final boolean clip;

    private MinMaxScaler(List<String> columns, double low, double high, boolean clip) {
        if (!(low < high) || !Double.isFinite(low) || !Double.isFinite(high)) {
            throw DataValidationException.param("MinMaxScaler.range", "(" + low + ", " + high + ")",
                    "low must be smaller than high and both finite", "use e.g. range(0, 1)");
        }
        this.columns = columns;
        this.low = low;
        this.high = high;
        this.clip = clip;
    }

    public static MinMaxScaler of(String... columns) { return new MinMaxScaler(requireColumns("MinMaxScaler", columns), 0, 1, false); }

    public MinMaxScaler range(double low, double high) { return new MinMaxScaler(columns, low, high, clip); }

    public MinMaxScaler clip(boolean clip) { return new MinMaxScaler(columns, low, high, clip); }

    @Override public List<String> columns() { return columns; }

    @Override FittedStep fit(Table train) {
        List<Range> out = new ArrayList<>();
        for (String name : columns) {
            double[] x = ColumnValues.doubles(train, name, "MinMaxScaler");
            double min = Double.POSITIVE_INFINITY;
            double max = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                if (v < min) min = v;
                if (v > max) max = v;
            }
            if (min > max) throw StandardScaler.allMissing("MinMaxScaler", name, x.length);
            double scale = (high - low) / Stats.handleZero(max - min);
            out.add(new Range(name, min, max, scale, low - min * scale));
        }
        return new Fitted(low, high, clip, out);
    }

    @Override public String toString() { return "MinMaxScaler(" + columns + ", range=[" + low + ", " + high + "]" + (clip ? ", clip" : "") + ")"; }

    /** The training range of one column and the map it implies: {@code x' = x·scale + offset}. */
    public record Range(String column, double dataMin, double dataMax, double scale, double offset) {
        public Range {
            FittedChecks.column("MinMaxScaler", column);
            FittedChecks.finite(column + ".dataMin", dataMin);
            FittedChecks.finite(column + ".dataMax", dataMax);
            if (dataMin > dataMax) FittedChecks.positive(column + ".dataMax - dataMin", dataMax - dataMin);
            FittedChecks.positive(column + ".scale", scale);
            FittedChecks.finite(column + ".offset", offset);
        }

        @Override public String toString() { return column + ": min=" + Stats.fmt(dataMin) + ", max=" + Stats.fmt(dataMax); }
    }

    record Fitted(double low, double high, boolean clip, List<Range> columns) implements FittedStep, Applies {
        Fitted {
            FittedChecks.finite("min-max-scaler.low", low);
            FittedChecks.positive("min-max-scaler.high - low", FittedChecks.finite("min-max-scaler.high", high) - low);
            columns = FittedChecks.list("min-max-scaler.columns", columns);
        }

        @Override public String kind() { return "min-max-scaler"; }

        @Override public List<String> inputColumns() { return columns.stream().map(Range::column).toList(); }

        @Override public Table apply(Table input) {
            Table out = ColumnValues.shallowCopy(input);
            for (Range r : columns) {
                double[] x = ColumnValues.doubles(input, r.column(), "MinMaxScaler");
                double scale = r.scale();
                double offset = r.offset();
                for (int i = 0; i < x.length; i++) x[i] = x[i] * scale + offset;
                if (clip) {
                    for (int i = 0; i < x.length; i++) {
                        if (x[i] < low) x[i] = low;
                        else if (x[i] > high) x[i] = high;
                    }
                }
                ColumnValues.replace(out, r.column(), ColumnValues.column(r.column(), x));
            }
            return out;
        }

        @Override public String toString() {
            return "min-max-scaler{" + columns.stream().map(Range::toString).collect(Collectors.joining("; ")) + "}";
        }
    }
}
