package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * Bounds learned on the training rows, then either clips values into them or flags values outside
 * them with a {@code <column>_outlier} boolean column (values unchanged).
 * <ul>
 * <li>IQR: {@code [q1 − k·IQR, q3 + k·IQR]}, k = 1.5 by default (Tukey's fences);</li>
 * <li>z-score: {@code [mean − t·std, mean + t·std]}, t = 3 by default (population std).</li>
 * </ul>
 *
 * <pre>{@code
 * OutlierHandler.iqr("wind").flag();    // fitted on [1, 2, 3, 4, 100]: bounds [-1, 7]; 100 flagged
 * OutlierHandler.zScore("wind").factor(2.5);   // clips beyond 2.5 std
 * }</pre>
 */
public final class OutlierHandler extends Step {
    /** How the bounds are learned. */
    public enum Method { IQR, Z_SCORE }

    /** What happens to a value outside the bounds. */
    public enum Action { CLIP, FLAG }

    private final List<String> columns;
    private final Method method;
    private final double factor;
    private final Action action;

    private OutlierHandler(List<String> columns, Method method, double factor, Action action) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw DataValidationException.param("OutlierHandler.factor", factor, "must be a positive number",
                    "use e.g. 1.5 for IQR fences or 3 for z-scores");
        }
        this.columns = columns;
        this.method = method;
        this.factor = factor;
        this.action = action;
    }

    public static OutlierHandler iqr(String... columns) { return new OutlierHandler(requireColumns("OutlierHandler", columns), Method.IQR, 1.5, Action.CLIP); }

    public static OutlierHandler zScore(String... columns) { return new OutlierHandler(requireColumns("OutlierHandler", columns), Method.Z_SCORE, 3, Action.CLIP); }

    /** k for IQR fences, t for z-scores. */
    public OutlierHandler factor(double factor) { return new OutlierHandler(columns, method, factor, action); }

    public OutlierHandler clip() { return new OutlierHandler(columns, method, factor, Action.CLIP); }

    public OutlierHandler flag() { return new OutlierHandler(columns, method, factor, Action.FLAG); }

    @Override public List<String> columns() { return columns; }

    /** How the bounds are learned. */
    public Method method() { return method; }

    /** k for IQR fences, t for z-scores. */
    public double factor() { return factor; }

    /** Clip or flag. */
    public Action action() { return action; }

    @Override FittedStep fit(Table train) {
        List<Bounds> out = new ArrayList<>();
        for (String name : columns) {
            double[] x = ColumnValues.doubles(train, name, "OutlierHandler");
            if (Stats.countPresent(x) == 0) throw StandardScaler.allMissing("OutlierHandler", name, x.length);
            if (method == Method.IQR) {
                double[] s = Stats.sortedPresent(x);
                double q1 = Stats.quantile(s, 0.25);
                double q3 = Stats.quantile(s, 0.75);
                out.add(new Bounds(name, q1 - factor * (q3 - q1), q3 + factor * (q3 - q1)));
            } else {
                double mean = Stats.mean(x);
                double std = Math.sqrt(Stats.variance(x, mean));
                out.add(new Bounds(name, mean - factor * std, mean + factor * std));
            }
        }
        return new Fitted(method, factor, action, out);
    }

    @Override public String toString() { return "OutlierHandler(" + method + " " + factor + ", " + action + ", " + columns + ")"; }

    /** The learned bounds of one column. */
    public record Bounds(String column, double lower, double upper) {
        public Bounds {
            FittedChecks.column("OutlierHandler", column);
            if (Double.isNaN(lower) || Double.isNaN(upper) || lower > upper) {
                throw DataValidationException.param(column + ".bounds", "[" + lower + ", " + upper + "]", "must be numbers with lower <= upper",
                        "load a file written by FittedPreprocessor.save, or refit the preprocessor");
            }
        }

        @Override public String toString() { return column + ": [" + Stats.fmt(lower) + ", " + Stats.fmt(upper) + "]"; }
    }

    record Fitted(Method method, double factor, Action action, List<Bounds> columns) implements FittedStep, Applies {
        Fitted {
            FittedChecks.present("outlier-handler.method", method);
            FittedChecks.present("outlier-handler.action", action);
            FittedChecks.finite("outlier-handler.factor", factor);
            columns = FittedChecks.list("outlier-handler.columns", columns);
        }

        @Override public String kind() { return "outlier-handler"; }

        @Override public List<String> inputColumns() { return columns.stream().map(Bounds::column).toList(); }

        @Override public Table apply(Table input) {
            Table out = ColumnValues.shallowCopy(input);
            for (Bounds b : columns) {
                double[] x = ColumnValues.doubles(input, b.column(), "OutlierHandler");
                double lo = b.lower();
                double hi = b.upper();
                if (action == Action.CLIP) {
                    for (int i = 0; i < x.length; i++) {
                        if (x[i] < lo) x[i] = lo;
                        else if (x[i] > hi) x[i] = hi;
                    }
                    ColumnValues.replace(out, b.column(), ColumnValues.column(b.column(), x));
                } else {
                    boolean[] flag = new boolean[x.length];
                    for (int i = 0; i < x.length; i++) flag[i] = x[i] < lo || x[i] > hi;
                    ColumnValues.insertAfter(out, b.column(), Flags.column(b.column() + "_outlier", flag));
                }
            }
            return out;
        }

        @Override public String toString() {
            return "outlier-handler(" + method + ", " + action + "){" + columns.stream().map(Bounds::toString).collect(Collectors.joining("; ")) + "}";
        }
    }
}
