package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Count, mean and population variance of a numeric column in one pass without copying it out. Sums
 * are taken around the first present value (the shifted-data algorithm), which keeps the variance
 * accurate when the mean is large compared with the spread.
 */
record Moments(int count, double mean, double variance) {
    static Moments of(Table table, String name, String step) {
        Column<?> c = Columns.require(table, name, step + ".column");
        if (c instanceof DoubleColumn d) {
            int n = d.size();
            int i = 0;
            while (i < n && Double.isNaN(d.getDouble(i))) i++;
            if (i == n) return new Moments(0, Double.NaN, Double.NaN);
            double shift = d.getDouble(i);
            double raw = 0, s = 0, ss = 0;
            int m = 0;
            for (; i < n; i++) {
                double x = d.getDouble(i);
                if (x == x) {   // not NaN
                    double v = x - shift;
                    raw += x;
                    s += v;
                    ss += v * v;
                    m++;
                }
            }
            return of(m, raw, s, ss);
        }
        if (!(c instanceof NumericColumn<?>)) {
            ColumnValues.doubles(table, name, step);   // throws the "must be numeric" error
            throw DataValidationException.param(step + ".column", name, "must be numeric", null);
        }
        double[] x = ColumnValues.doubles(table, name, step);
        int i = 0;
        while (i < x.length && Double.isNaN(x[i])) i++;
        if (i == x.length) return new Moments(0, Double.NaN, Double.NaN);
        double shift = x[i];
        double raw = 0, s = 0, ss = 0;
        int m = 0;
        for (; i < x.length; i++) {
            if (x[i] == x[i]) {
                double v = x[i] - shift;
                raw += x[i];
                s += v;
                ss += v * v;
                m++;
            }
        }
        return of(m, raw, s, ss);
    }

    /**
     * The same sums as {@link #of}, gathered block by block while the fingerprint hashes the rows, so
     * the column is read once for both. Same order of additions, so the same result to the last bit.
     */
    static final class Accumulator {
        private final double shift;
        private double raw, s, ss;
        private int m;

        private Accumulator(double shift) {
            this.shift = shift;
        }

        static Accumulator startAt(DoubleColumn d) {
            int i = 0;
            int n = d.size();
            while (i < n && Double.isNaN(d.getDouble(i))) i++;
            return new Accumulator(i < n ? d.getDouble(i) : Double.NaN);
        }

        /** Rows [from, to): hash each value into {@code h} (as Fingerprint does) and add it to the sums. */
        void hashAndAdd(DoubleColumn d, int from, int to, long[] h) {
            double raw = this.raw, s = this.s, ss = this.ss, shift = this.shift;
            int m = this.m;
            for (int i = from; i < to; i++) {
                double x = d.getDouble(i);
                long bits;
                if (x == x) {   // one test per value serves the hash and the sums; rows before the first present value are all NaN
                    bits = Double.doubleToRawLongBits(x + 0.0);   // Fingerprint.numberBits of a number
                    double v = x - shift;
                    raw += x;
                    s += v;
                    ss += v * v;
                    m++;
                } else {
                    bits = Fingerprint.NAN_BITS;
                }
                h[i] = Long.rotateLeft((h[i] ^ bits) * Fingerprint.K, 29);
            }
            this.raw = raw;
            this.s = s;
            this.ss = ss;
            this.m = m;
        }

        Moments result() { return m == 0 ? new Moments(0, Double.NaN, Double.NaN) : of(m, raw, s, ss); }
    }

    /** Mean from the plain sum (as numpy); variance from the shifted sums. */
    private static Moments of(int m, double raw, double s, double ss) {
        double meanShifted = s / m;
        double var = Math.max(0, ss / m - meanShifted * meanShifted);
        return new Moments(m, raw / m, var);
    }
}
