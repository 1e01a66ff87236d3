package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.util.Arrays;

/**
 * The distinct instants of a time column and each row's index among them: what every time-based
 * cross-validator cuts, so rows that share a timestamp always land on the same side of a fold.
 */
final class Instants {
    /** Distinct non-missing keys, ascending. */
    final long[] values;
    /** Each row's index into {@link #values}, or -1 for a row without a time. */
    final int[] of;
    /** Rows without a time (left out under {@link MissingTimePolicy#DROP}). */
    final int missing;

    private Instants(long[] values, int[] of, int missing) {
        this.values = values;
        this.of = of;
        this.missing = missing;
    }

    /**
     * @param keys   time keys, {@link TimeKeys#MISSING} for a missing time
     * @param table  names the table in a missing-time error
     * @param column names the column in a missing-time error
     */
    static Instants of(long[] keys, MissingTimePolicy policy, String table, String column) {
        int n = keys.length;
        int missing = 0;
        for (int i = 0; i < n; i++) {
            if (keys[i] == TimeKeys.MISSING) {
                if (policy == MissingTimePolicy.ERROR) {
                    throw DataValidationException.atRow(table, i + 1, column, "",
                            "no time; fill it, drop such rows, or choose the policy DROP (--missing-time drop)");
                }
                missing++;
            }
        }
        long[] distinct = new long[n - missing];
        int d = 0;
        for (long v : keys) if (v != TimeKeys.MISSING) distinct[d++] = v;
        Arrays.sort(distinct);
        int m = 0;
        for (int i = 0; i < distinct.length; i++) if (i == 0 || distinct[i] != distinct[i - 1]) distinct[m++] = distinct[i];
        long[] values = Arrays.copyOf(distinct, m);
        int[] of = new int[n];
        for (int i = 0; i < n; i++) of[i] = keys[i] == TimeKeys.MISSING ? -1 : Arrays.binarySearch(values, keys[i]);
        return new Instants(values, of, missing);
    }

    int count() { return values.length; }

    /** Rows per instant. */
    int[] rowsPerInstant() {
        int[] c = new int[values.length];
        for (int i : of) if (i >= 0) c[i]++;
        return c;
    }

    /** The smallest positive step between consecutive instants (1 when there is only one instant). */
    long resolution() {
        long r = Long.MAX_VALUE;
        for (int i = 1; i < values.length; i++) r = Math.min(r, values[i] - values[i - 1]);
        return r == Long.MAX_VALUE ? 1 : r;
    }

    /**
     * Cuts the instants into {@code k} contiguous blocks as scikit-learn's {@code KFold} cuts rows: the
     * first {@code m % k} blocks one instant larger. Returns each instant's block.
     */
    int[] blocks(int k) {
        int m = values.length;
        int[] blockOf = new int[m];
        int pos = 0;
        for (int b = 0; b < k; b++) {
            int size = m / k + (b < m % k ? 1 : 0);
            for (int j = 0; j < size; j++) blockOf[pos++] = b;
        }
        return blockOf;
    }
}
