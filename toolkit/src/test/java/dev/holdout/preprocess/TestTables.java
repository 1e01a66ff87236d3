package dev.holdout.preprocess;

import java.util.Random;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Seeded mixed-type tables for the contract kit and the properties. */
final class TestTables {
    private TestTables() {}

    static final String[] CITIES = {"Austin", "Boston", "Chicago", "Denver", "Miami", "Omaha", "Reno"};

    /**
     * Columns: x (double, ~10% missing), count (int >= 0), city (text, ~5% missing), y (0/1 int label),
     * amount (double, continuous label-ish). Every category and both labels appear when rows >= 40.
     */
    static Table mixed(int rows, long seed) {
        Random r = new Random(seed);
        double[] x = new double[rows];
        int[] count = new int[rows];
        String[] city = new String[rows];
        int[] y = new int[rows];
        double[] amount = new double[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = r.nextDouble() < 0.1 ? Double.NaN : r.nextGaussian() * 3 + 10;
            count[i] = (int) Math.floor(Math.exp(r.nextDouble() * 4));
            city[i] = r.nextDouble() < 0.05 ? "" : CITIES[i % CITIES.length == 0 && r.nextBoolean() ? 0 : r.nextInt(CITIES.length)];
            y[i] = i < 2 ? i : (r.nextDouble() < 0.4 ? 1 : 0);
            amount[i] = r.nextGaussian() + (y[i] == 1 ? 1 : 0);
        }
        x[0] = 1.0; // never all missing
        city[1] = "Austin";
        Table t = Table.create("mixed", DoubleColumn.create("x", x), IntColumn.create("count", count),
                StringColumn.create("city", city), IntColumn.create("y", y), DoubleColumn.create("amount", amount));
        return t;
    }

    /** A deep copy, for checking that nothing was modified. */
    static Table copy(Table t) { return t.copy(); }

    /** Whether two tables have the same column names, types and values (NaN equal to NaN). */
    static boolean sameContent(Table a, Table b) {
        if (!a.columnNames().equals(b.columnNames()) || a.rowCount() != b.rowCount()) return false;
        for (int c = 0; c < a.columnCount(); c++) {
            Column<?> ca = a.column(c);
            Column<?> cb = b.column(c);
            if (!ca.type().equals(cb.type())) return false;
            for (int i = 0; i < a.rowCount(); i++) {
                if (ca.isMissing(i) != cb.isMissing(i)) return false;
                if (!ca.isMissing(i) && !ca.getString(i).equals(cb.getString(i))) {
                    if (ca instanceof DoubleColumn da && cb instanceof DoubleColumn db
                            && Double.compare(da.getDouble(i), db.getDouble(i)) == 0) continue;
                    return false;
                }
            }
        }
        return true;
    }

    /** Exact value equality for doubles (bitwise), used where results must be identical, not close. */
    static boolean identical(Table a, Table b) {
        if (!a.columnNames().equals(b.columnNames()) || a.rowCount() != b.rowCount()) return false;
        for (int c = 0; c < a.columnCount(); c++) {
            Column<?> ca = a.column(c);
            Column<?> cb = b.column(c);
            if (!ca.type().equals(cb.type())) return false;
            for (int i = 0; i < a.rowCount(); i++) {
                if (ca instanceof DoubleColumn da) {
                    if (Double.doubleToLongBits(da.getDouble(i)) != Double.doubleToLongBits(((DoubleColumn) cb).getDouble(i))) return false;
                } else if (ca instanceof BooleanColumn ba) {
                    if (ba.getByte(i) != ((BooleanColumn) cb).getByte(i)) return false;
                } else if (!ca.getString(i).equals(cb.getString(i))) return false;
            }
        }
        return true;
    }
}
