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

    long line(int row) {
        if (row < 0 || row >= size) throw new IndexOutOfBoundsException("row " + row + " of " + size);
        return first + row + (skew == null ? 0 : skew[row]);
    }

    int size() { return size; }
}
