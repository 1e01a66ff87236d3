package dev.holdout.data;

import java.util.Arrays;

/**
 * The 1-based file line of each data row. Rows usually follow one line after another, so nothing is
 * stored until the first blank line or line break inside quotes; from then on one int per row holds
 * how far the row's line is past {@code first + row}.
 */
final class LineIndex {
    private long first = -1;
    private int[] skew;
    private int size;

    void add(long line) {
        if (first < 0) first = line;
        long delta = line - (first + size);
        if (delta != 0 && skew == null) skew = new int[Math.max(16, size * 2)];
        if (skew != null) {
            if (size == skew.length) skew = Arrays.copyOf(skew, size + (size >> 1) + 16);
            skew[size] = (int) delta;
        }
        size++;
    }

    /** Adds the lines of a batch's rows; rows one line after another, the usual case, cost nothing per row. */
    void addAll(long[] lines, int n) {
        if (n == 0) return;
        if (first < 0) first = lines[0];
        if (skew == null && lines[0] == first + size && lines[n - 1] == first + size + n - 1) {
            size += n; // consecutive: lines[i] == lines[0] + i, since lines only grow
            return;
        }
        for (int i = 0; i < n; i++) add(lines[i]);
    }

    long line(int row) {
        if (row < 0 || row >= size) throw new IndexOutOfBoundsException("row " + row + " of " + size);
        return first + row + (skew == null ? 0 : skew[row]);
    }

    int size() { return size; }
}
