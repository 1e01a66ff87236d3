package dev.holdout.metrics;

/**
 * Sorting scores for the ranking metrics by LSD radix sort on the bits of the doubles: linear time,
 * no boxing, 11-bit digits (a 2,048-entry histogram stays in L1) and one pre-pass that builds every
 * digit's histogram so passes whose digit is the same for all keys are skipped.
 *
 * <p>Two forms: {@link #descending} returns row indices (needed with weights and for curves), and
 * {@link #sortedKeys} sorts the keys of one class without any payload, which is what unweighted ROC
 * AUC and average precision need and avoids random access to the rows afterwards.
 */
final class ScoreOrder {
    private ScoreOrder() {}

    private static final int BITS = 11, RADIX = 1 << BITS, MASK = RADIX - 1, PASSES = 6;

    /** An order-preserving map from a finite double to a long compared as unsigned; -0.0 and 0.0 map alike. */
    static long key(double score) {
        long bits = Double.doubleToRawLongBits(score + 0.0);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    /** The ascending keys of the scores of rows whose truth is (or is not) {@code positive}. */
    static long[] sortedKeys(int[] truth, double[] score, int positive, boolean ofPositives) {
        int m = 0;
        for (int t : truth) m += (t == positive) == ofPositives ? 1 : 0;
        long[] keys = new long[m];
        for (int i = 0, j = 0; i < truth.length; i++) {
            if ((truth[i] == positive) == ofPositives) keys[j++] = key(score[i]);
        }
        sort(keys, null);
        return keys;
    }

    /** Indices of {@code score} from the highest score to the lowest (ties in row order). Scores must be finite. */
    static int[] descending(double[] score) {
        int n = score.length;
        long[] keys = new long[n];
        for (int i = 0; i < n; i++) keys[i] = ~key(score[i]);
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) idx[i] = i;
        sort(keys, idx);
        return idx;
    }

    /** Sorts keys ascending as unsigned longs, permuting {@code idx} alongside when it is not null. */
    private static void sort(long[] keysIn, int[] idxIn) {
        int n = keysIn.length;
        if (n < 2) return;
        int[][] counts = new int[PASSES][RADIX];
        for (int i = 0; i < n; i++) {
            long k = keysIn[i];
            for (int p = 0; p < PASSES; p++) counts[p][(int) ((k >>> (p * BITS)) & MASK)]++;
        }
        long[] keys = keysIn, keys2 = new long[n];
        int[] idx = idxIn, idx2 = idxIn == null ? null : new int[n];
        for (int p = 0; p < PASSES; p++) {
            int[] c = counts[p];
            int shift = p * BITS;
            if (c[(int) ((keys[0] >>> shift) & MASK)] == n) continue; // every key has this digit
            int sum = 0;
            for (int d = 0; d < RADIX; d++) {
                int x = c[d];
                c[d] = sum;
                sum += x;
            }
            if (idx == null) {
                for (int i = 0; i < n; i++) {
                    long k = keys[i];
                    keys2[c[(int) ((k >>> shift) & MASK)]++] = k;
                }
            } else {
                for (int i = 0; i < n; i++) {
                    long k = keys[i];
                    int pos = c[(int) ((k >>> shift) & MASK)]++;
                    keys2[pos] = k;
                    idx2[pos] = idx[i];
                }
                int[] ti = idx; idx = idx2; idx2 = ti;
            }
            long[] tk = keys; keys = keys2; keys2 = tk;
        }
        // After an odd number of executed passes the sorted data sits in the scratch arrays.
        if (keys != keysIn) {
            System.arraycopy(keys, 0, keysIn, 0, n);
            if (idxIn != null) System.arraycopy(idx, 0, idxIn, 0, n);
        }
    }
}
