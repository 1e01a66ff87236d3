package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.List;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoostError;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The feature columns of a table as one row-major {@code float[]} (NaN for missing), the layout
 * XGBoost's dense {@link DMatrix} and {@code inplace_predict} take. Filled column by column with
 * primitive reads: no boxing and no per-row objects.
 *
 * <pre>{@code
 * FeatureMatrix x = FeatureMatrix.of(table, List.of("temp_max", "wind"));
 * x.rows();      // 1461
 * x.get(0, 1);   // 4.7f  (row 0, "wind")
 * DMatrix d = x.toDMatrix(labels);
 * }</pre>
 */
public final class FeatureMatrix {
    private final float[] values;
    /** The same values in double precision, row-major, for the exact solvers (null for XGBoost's float matrix). */
    private final double[] exact;
    private final int rows;
    private final List<String> names;

    private FeatureMatrix(float[] values, double[] exact, int rows, List<String> names) {
        this.values = values;
        this.exact = exact;
        this.rows = rows;
        this.names = List.copyOf(names);
    }

    /**
     * Copies {@code features} of {@code table} into a row-major float array. Numeric and boolean
     * columns only; anything else must be encoded by the preprocessing first.
     */
    public static FeatureMatrix of(Table table, List<String> features) { return of(table, features, false); }

    /**
     * As {@link #of(Table, List)}; with {@code exact} the values are kept in double precision too, for the learners
     * that solve exactly (least squares, logistic regression): 32-bit floats would move their coefficients.
     */
    public static FeatureMatrix of(Table table, List<String> features, boolean exact) {
        int n = table.rowCount();
        int p = features.size();
        if ((long) n * p > Integer.MAX_VALUE - 8) {
            throw DataValidationException.param("rows x features", (long) n * p, "exceeds one Java array", "train on fewer rows or columns");
        }
        float[] values = new float[n * p];
        double[] doubles = exact ? new double[n * p] : null;
        for (int c = 0; c < p; c++) {
            Column<?> column = Columns.require(table, features.get(c), "features");
            fill(column, values, n, p, c, table.name());
            if (exact) {
                if (column instanceof NumericColumn<?> num) {
                    for (int r = 0, i = c; r < n; r++, i += p) doubles[i] = num.isMissing(r) ? Double.NaN : num.getDouble(r);
                } else {
                    for (int r = 0, i = c; r < n; r++, i += p) doubles[i] = values[i];   // booleans: 0, 1 or NaN exactly
                }
            } else {
                requireFloatRange(column, values, n, p, c, table.name());
            }
        }
        return new FeatureMatrix(values, doubles, n, features);
    }

    /**
     * XGBoost takes 32-bit floats and refuses infinity deep in native code (with a C++ backtrace): a finite
     * double beyond ±3.4e38 becomes infinite as a float, so it is refused here, naming the row and the value.
     */
    private static void requireFloatRange(Column<?> column, float[] values, int n, int p, int c, String tableName) {
        for (int r = 0, i = c; r < n; r++, i += p) {
            if (!Float.isInfinite(values[i])) continue;
            boolean finite = column instanceof NumericColumn<?> num && Double.isFinite(num.getDouble(r));
            String v = column instanceof NumericColumn<?> num ? String.valueOf(num.getDouble(r)) : column.getString(r);
            throw DataValidationException.atRow(tableName, r + 1, column.name(), v,
                    (finite ? "value " + v + " is beyond the range of XGBoost's 32-bit floats (about ±3.4e38)"
                            : "value " + v + " is infinite, which XGBoost cannot take")
                            + "; fix the value, mark it missing, or rescale the column in the preprocessing (e.g. log1p)");
        }
    }

    /** Wraps an existing row-major array (not copied): the benchmark's and the tests' direct path. */
    public static FeatureMatrix wrap(float[] rowMajor, int rows, List<String> names) {
        if (rows < 0 || (long) rows * names.size() != rowMajor.length) {
            throw DataValidationException.param("rows", rows, "rows x " + names.size() + " features must equal the array length " + rowMajor.length, null);
        }
        return new FeatureMatrix(rowMajor, null, rows, names);
    }

    private static void fill(Column<?> column, float[] out, int n, int p, int c, String tableName) {
        if (column instanceof DoubleColumn d) {
            for (int r = 0, i = c; r < n; r++, i += p) out[i] = (float) d.getDouble(r); // missing is NaN already
        } else if (column instanceof FloatColumn f) {
            for (int r = 0, i = c; r < n; r++, i += p) out[i] = f.getFloat(r);
        } else if (column instanceof NumericColumn<?> num) {
            for (int r = 0, i = c; r < n; r++, i += p) out[i] = num.isMissing(r) ? Float.NaN : (float) num.getDouble(r);
        } else if (column instanceof BooleanColumn b) {
            for (int r = 0, i = c; r < n; r++, i += p) {
                byte v = b.getByte(r);
                out[i] = BooleanColumn.valueIsMissing(v) ? Float.NaN : v;
            }
        } else {
            throw DataValidationException.param("features", column.name(),
                    "column '" + column.name() + "' in '" + tableName + "' is " + column.type().name() + ", not numeric",
                    "encode it in the preprocessing (one-hot or ordinal) or leave it out of the features");
        }
    }

    public int rows() { return rows; }

    public int columns() { return names.size(); }

    public List<String> featureNames() { return names; }

    /** The value at a row and a feature index. */
    public float get(int row, int column) { return values[row * names.size() + column]; }

    /** The value in double precision when the matrix keeps it ({@link #of(Table, List, boolean)}), else the float widened. */
    public double value(int row, int column) {
        int i = row * names.size() + column;
        return exact != null ? exact[i] : values[i];
    }

    /** Whether {@link #value} is exact (double precision from the table). */
    public boolean exact() { return exact != null; }

    /** The row-major array itself, for XGBoost (package-private: callers must not mutate it). */
    float[] values() { return values; }

    /** A dense DMatrix over these values with NaN as missing; {@code labels} may be null (prediction). */
    public DMatrix toDMatrix(float[] labels) {
        try {
            DMatrix m = new DMatrix(values, rows, names.size(), Float.NaN);
            if (labels != null) m.setLabel(labels);
            return m;
        } catch (XGBoostError e) {
            throw XGBoostFailure.of("building its matrix of " + rows + " rows x " + names.size() + " features", e);
        }
    }

    @Override public String toString() {
        return "FeatureMatrix[" + rows + " x " + names.size() + " " + names + "]";
    }
}
