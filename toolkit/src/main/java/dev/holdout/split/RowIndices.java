package dev.holdout.split;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * An immutable, sorted set of row positions. The array is never exposed; {@link #toArray()} copies.
 *
 * <pre>{@code
 * RowIndices r = RowIndices.sorted(new int[] {4, 1, 3});
 * r.size();   // 3
 * r.get(0);   // 1
 * }</pre>
 */
public final class RowIndices {
    private static final RowIndices EMPTY = new RowIndices(new int[0]);

    private final int[] rows;

    private RowIndices(int[] rows) { this.rows = rows; }

    /** Takes ownership of an array that is already ascending; callers must not keep the array. */
    static RowIndices adoptSorted(int[] rows) {
        return rows.length == 0 ? EMPTY : new RowIndices(rows);
    }

    /** A sorted copy of {@code rows}. */
    public static RowIndices sorted(int[] rows) {
        int[] copy = rows.clone();
        Arrays.sort(copy);
        return adoptSorted(copy);
    }

    /** The empty set. */
    public static RowIndices empty() { return EMPTY; }

    public int size() { return rows.length; }

    public boolean isEmpty() { return rows.length == 0; }

    /** The i-th smallest row position. */
    public int get(int i) { return rows[i]; }

    /** A copy of the positions, ascending. */
    public int[] toArray() { return rows.clone(); }

    public IntStream stream() { return Arrays.stream(rows); }

    /** Whether {@code row} is in this set (binary search). */
    public boolean contains(int row) { return Arrays.binarySearch(rows, row) >= 0; }

    @Override public boolean equals(Object o) {
        return o instanceof RowIndices other && Arrays.equals(rows, other.rows);
    }

    @Override public int hashCode() { return Arrays.hashCode(rows); }

    @Override public String toString() {
        if (rows.length <= 8) return Arrays.toString(rows);
        return "[" + rows[0] + ", " + rows[1] + ", " + rows[2] + ", ... " + rows[rows.length - 1] + "] (" + rows.length + " rows)";
    }
}
