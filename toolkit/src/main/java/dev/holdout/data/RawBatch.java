package dev.holdout.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where {@link CsvScanner} puts the records it tokenized: for each row, where each projected field
 * starts and ends in {@link #buf}, where the record starts and ends, and its line. A quoted field's
 * range excludes its quotes and {@link #flags} says so ({@link #QUOTED}, or {@link #ESCAPED} when
 * doubled quotes inside it are still to be undone).
 * Reused from batch to batch: the offsets are valid until the scanner's next fill.
 */
final class RawBatch {
    static final byte PLAIN = 0, QUOTED = 1, ESCAPED = 2;

    final int width;
    final int capacity;
    final int[] start;
    final int[] end;
    final byte[] flags;
    final int[] recordStart;
    final int[] recordEnd;
    final long[] line;
    byte[] buf;
    int rows;
    /** Rows the next fill may take at most (the capacity unless a caller wants fewer). */
    int want;
    /** Rows left out under the skip policy, with the reason of each. */
    final List<DataValidationException> skipped = new ArrayList<>();

    RawBatch(int width, int capacity) {
        this.width = width;
        this.capacity = Math.max(1, capacity);
        int cells = Math.multiplyExact(this.capacity, Math.max(1, width));
        start = new int[cells];
        end = new int[cells];
        flags = new byte[cells];
        recordStart = new int[this.capacity];
        recordEnd = new int[this.capacity];
        line = new long[this.capacity];
        want = this.capacity;
    }

    void clear() {
        rows = 0;
        skipped.clear();
    }

    /** The text of field {@code j} of {@code row}: quotes removed, doubled quotes undone. */
    String text(int row, int j) {
        int c = row * width + j;
        return flags[c] == ESCAPED ? unescape(buf, start[c], end[c]) : Cells.text(buf, start[c], end[c]);
    }

    /** The value of a quoted field whose doubled quotes are still doubled. */
    static String unescape(byte[] b, int s, int e) {
        byte[] out = Arrays.copyOfRange(b, s, e);
        int n = 0;
        for (int i = 0; i < out.length; i++) {
            out[n++] = out[i];
            if (out[i] == '"' && i + 1 < out.length && out[i + 1] == '"') i++;
        }
        return Cells.text(out, 0, n);
    }
}
