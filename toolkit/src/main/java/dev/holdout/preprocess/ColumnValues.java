package dev.holdout.preprocess;

import dev.holdout.data.ColumnArrays;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Primitive-array access to Tablesaw columns: values are copied out once, computed on, and wrapped once. */
final class ColumnValues {
    private ColumnValues() {}

    /** The missing-value marker for category text (Tablesaw stores a missing string as ""). */
    static final String MISSING = "";

    /** A numeric column's values as doubles, with NaN for missing. */
    static double[] doubles(Table table, String name, String step) {
        Column<?> c = Columns.require(table, name, step + ".column");
        if (c instanceof DoubleColumn d) return d.asDoubleArray();
        if (c instanceof NumericColumn<?> n) {
            int rows = n.size();
            double[] out = new double[rows];
            for (int i = 0; i < rows; i++) out[i] = n.isMissing(i) ? Double.NaN : n.getDouble(i);
            return out;
        }
        throw DataValidationException.param(step + ".column", name,
                "must be numeric but is " + c.type().name() + " in table '" + table.name() + "'",
                "apply a numeric step only to numeric columns, or encode the column first (OneHotEncoder, OrdinalEncoder, TargetEncoder)");
    }

    /** {@code (x - center) / scale} of a numeric column in one read pass into a new array; NaN stays NaN. */
    static double[] affine(Table table, String name, String step, double center, double scale) {
        Column<?> c = Columns.require(table, name, step + ".column");
        if (c instanceof DoubleColumn d) {
            int n = d.size();
            double[] out = new double[n];
            for (int i = 0; i < n; i++) out[i] = (d.getDouble(i) - center) / scale;
            return out;
        }
        double[] x = doubles(table, name, step);
        for (int i = 0; i < x.length; i++) x[i] = (x[i] - center) / scale;
        return x;
    }

    /** A column's values as category text, {@link #MISSING} for missing. Works for any column type. */
    static String[] categories(Table table, String name, String step) {
        Column<?> c = Columns.require(table, name, step + ".column");
        int rows = c.size();
        String[] out = new String[rows];
        if (c instanceof StringColumn s) {
            for (int i = 0; i < rows; i++) out[i] = s.get(i);
        } else {
            for (int i = 0; i < rows; i++) out[i] = c.isMissing(i) ? MISSING : c.getString(i);
        }
        return out;
    }

    /** Wraps computed values into a new column (the array is adopted, not copied twice). */
    static DoubleColumn column(String name, double[] values) {
        return ColumnArrays.doubles(name, values);
    }

    /** A 0/1 indicator column. */
    static DoubleColumn indicator(String name, boolean[] flags) {
        double[] v = new double[flags.length];
        for (int i = 0; i < flags.length; i++) v[i] = flags[i] ? 1.0 : 0.0;
        return ColumnArrays.doubles(name, v);
    }

    /** The family of a column's type, the unit of schema checks: an int column read where a double was fitted is fine. */
    static String family(Column<?> c) {
        if (c instanceof NumericColumn<?>) return "numeric";
        if (c instanceof StringColumn) return "text";
        if (c instanceof BooleanColumn) return "boolean";
        return c.type().name().toLowerCase();
    }

    /** A copy of {@code table} that shares its column objects (no data copied). */
    static Table shallowCopy(Table table) {
        Table t = Table.create(table.name());
        for (Column<?> c : table.columns()) t.addColumns(c);
        return t;
    }

    /** Replaces a column in place of the same name, keeping its position. */
    static void replace(Table t, String name, Column<?> replacement) {
        int at = t.columnIndex(name);
        t.removeColumns(name);
        t.insertColumn(at, replacement);
    }

    /** Inserts {@code added} right after the column {@code after}. */
    static void insertAfter(Table t, String after, Column<?> added) {
        if (t.containsColumn(added.name())) {
            throw DataValidationException.param("column", added.name(),
                    "the step would add a column that already exists in table '" + t.name() + "'",
                    "rename the existing column");
        }
        t.insertColumn(t.columnIndex(after) + 1, added);
    }

    static boolean isMissing(String category) { return category == null || category.isEmpty(); }
}
