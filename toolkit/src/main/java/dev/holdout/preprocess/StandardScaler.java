package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import tech.tablesaw.api.Table;

/**
 * Centres on the training mean and divides by the training standard deviation, as scikit-learn's
 * {@code StandardScaler}: population std (ddof = 0), a (near-)constant column gets scale 1, missing
 * values are skipped in fit and stay missing in transform.
 *
 * <pre>{@code
 * StandardScaler.of("x");   // fitted on [1, 2, 3]: mean=2, std=0.8165; transform 4 -> 2.449
 * }</pre>
 */
public final class StandardScaler extends Step {
    private final List<String> columns;
    private final boolean withMean;
    private final boolean withStd;

    private StandardScaler(List<String> columns, boolean withMean, boolean withStd) {
        this.columns = columns;
        this.withMean = withMean;
        this.withStd = withStd;
    }

    public static StandardScaler of(String... columns) { return new StandardScaler(requireColumns("StandardScaler", columns), true, true); }

    public StandardScaler withMean(boolean centre) { return new StandardScaler(columns, centre, withStd); }

    public StandardScaler withStd(boolean scale) { return new StandardScaler(columns, withMean, scale); }

    @Override public List<String> columns() { return columns; }

    @Override FittedStep fit(Table train) { return fit(train, FitContext.NONE); }

    @Override FittedStep fit(Table train, FitContext context) {
        List<ColumnScale> out = new ArrayList<>(columns.size());
        for (String name : columns) {
            Moments known = context.moments(dev.holdout.data.Columns.require(train, name, "StandardScaler.column"));
            Moments m = known != null ? known : Moments.of(train, name, "StandardScaler");
            if (m.count() == 0) throw allMissing("StandardScaler", name, train.rowCount());
            double mean = m.mean();
            double var = m.variance();
            int n = m.count();
            // scikit-learn's _is_constant_feature: variance within rounding error of 0 means "constant".
            double bound = n * Stats.EPS * var + (n * mean * Stats.EPS) * (n * mean * Stats.EPS);
            double std = Math.sqrt(var);
            double scale = !withStd ? 1.0 : (var <= bound ? 1.0 : std);
            out.add(new ColumnScale(name, withMean ? mean : 0.0, scale, Map.of("mean", mean, "std", std)));
        }
        return new Fitted(withMean, withStd, out);
    }

    static DataValidationException allMissing(String step, String name, int rows) {
        return DataValidationException.param(step + ".column", name,
                "is missing in all " + rows + " training rows, so there is nothing to learn",
                "impute it first (Imputer.constant) or drop the column");
    }

    @Override public String toString() { return "StandardScaler(" + columns + ")"; }

    record Fitted(boolean withMean, boolean withStd, List<ColumnScale> columns) implements FittedStep, Applies {
        Fitted {
            columns = FittedChecks.list("standard-scaler.columns", columns);
        }

        @Override public String kind() { return "standard-scaler"; }

        @Override public List<String> inputColumns() { return columns.stream().map(ColumnScale::column).toList(); }

        @Override public Table apply(Table input) { return applyAffine(input, columns, "StandardScaler"); }

        @Override public String toString() {
            return "standard-scaler{" + columns.stream().map(ColumnScale::toString).collect(Collectors.joining("; ")) + "}";
        }
    }

    static Table applyAffine(Table input, List<ColumnScale> columns, String step) {
        Table out = ColumnValues.shallowCopy(input);
        for (ColumnScale s : columns) {
            double[] x = ColumnValues.affine(input, s.column(), step, s.center(), s.scale());
            ColumnValues.replace(out, s.column(), ColumnValues.column(s.column(), x));
        }
        return out;
    }
}
