package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * {@code x' = ln(1 + x)} (numpy's {@code log1p}), for skewed non-negative columns such as counts and
 * amounts. It learns nothing but the training minimum, recorded for the reader; a value ≤ −1 at fit or
 * transform is an error naming the column and the row. Missing stays missing.
 *
 * <pre>{@code
 * LogTransform.log1p("precipitation");   // 0 -> 0, 9 -> 2.303
 * }</pre>
 */
public final class LogTransform extends Step {
    private final List<String> columns;

    private LogTransform(List<String> columns) { this.columns = columns; }

    public static LogTransform log1p(String... columns) { return new LogTransform(requireColumns("LogTransform", columns)); }

    @Override public List<String> columns() { return columns; }

    @Override FittedStep fit(Table train) {
        List<Double> mins = new ArrayList<>();
        for (String name : columns) {
            double[] x = ColumnValues.doubles(train, name, "LogTransform");
            check(train, name, x);
            double min = Double.POSITIVE_INFINITY;
            for (double v : x) if (v < min) min = v;
            if (min == Double.POSITIVE_INFINITY) throw StandardScaler.allMissing("LogTransform", name, x.length);
            mins.add(min);
        }
        return new Fitted(columns, mins);
    }

    static void check(Table t, String name, double[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] <= -1) {
                throw DataValidationException.at(t.name(), i + 1, name, String.valueOf(x[i]),
                        "log1p needs values > -1 but row " + (i + 1) + " has " + x[i]
                                + "; shift the column or do not log-transform it");
            }
        }
    }

    @Override public String toString() { return "LogTransform(" + columns + ")"; }

    record Fitted(List<String> columns, List<Double> minimumAtFit) implements FittedStep, Applies {
        Fitted {
            columns = FittedChecks.list("log-transform.columns", columns);
            minimumAtFit = FittedChecks.list("log-transform.minimumAtFit", minimumAtFit);
            FittedChecks.sameSize("log-transform.minimumAtFit", columns.size(), minimumAtFit.size());
            for (int i = 0; i < columns.size(); i++) {
                double m = FittedChecks.finite(columns.get(i) + ".minimumAtFit", minimumAtFit.get(i));
                if (m <= -1) FittedChecks.positive(columns.get(i) + ".minimumAtFit + 1", m + 1);
            }
        }

        @Override public String kind() { return "log-transform"; }

        @Override public List<String> inputColumns() { return columns; }

        @Override public Table apply(Table input) {
            Table out = ColumnValues.shallowCopy(input);
            for (String name : columns) {
                double[] x = ColumnValues.doubles(input, name, "LogTransform");
                check(input, name, x);
                for (int i = 0; i < x.length; i++) x[i] = Math.log1p(x[i]);
                ColumnValues.replace(out, name, ColumnValues.column(name, x));
            }
            return out;
        }

        @Override public String toString() { return "log-transform" + columns; }
    }
}
