package dev.holdout.leakage;

/**
 * The rows of a part by their 64-bit row hash, in primitive arrays: open addressing from hash to the
 * first row, and a chain {@code next[row]} through the rows with the same hash. No boxing, one
 * {@code int} per row and two slots per row of table.
 *
 * <pre>{@code
 * RowHashIndex ix = new RowHashIndex(new long[] {7, 9, 7});
 * for (int r = ix.first(7); r >= 0; r = ix.next(r)) ...   // rows 0, then 2
 * }</pre>
 */
final class RowHashIndex {
    private final long[] slotHash;
    private final int[] slotFirst;   // -1 = empty slot
    private final int[] next;
    private final int mask;

    RowHashIndex(long[] hashes) {
        int n = hashes.length;
        int cap = Integer.highestOneBit(Math.max(2, n) * 2 - 1) << 1;
        mask = cap - 1;
        slotHash = new long[cap];
        slotFirst = new int[cap];
        java.util.Arrays.fill(slotFirst, -1);
        next = new int[n];
        for (int i = n - 1; i >= 0; i--) {   // backwards, so each chain lists its rows in ascending order
            int s = slot(hashes[i]);
            slotHash[s] = hashes[i];
            next[i] = slotFirst[s];
            slotFirst[s] = i;
        }
    }

    /** The slot holding {@code h}, or the empty slot where it would go. */
    private int slot(long h) {
        int s = (int) (mix(h) & mask);
        while (slotFirst[s] >= 0 && slotHash[s] != h) s = (s + 1) & mask;
        return s;
    }

    private static long mix(long h) {
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        return h ^ (h >>> 33);
    }

    /** The first (lowest) row with hash {@code h}, or -1. */
    int first(long h) { return slotFirst[slot(h)]; }

    /** The next row with the same hash as {@code row}, or -1. */
    int next(int row) { return next[row]; }
}
