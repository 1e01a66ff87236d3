package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * What a preprocessor learned from: the number of rows, the columns, and an order-independent hash
 * of the rows' values in those columns. The hash is the sum (mod 2⁶⁴) of one 64-bit hash per row, so
 * it is a multiset hash: the fingerprint of train plus validation is the {@link #plus} of the two,
 * which lets {@code LeakageAudit} tell "fitted on train" from "fitted on train and test" without the rows.
 * Numbers hash by value (an int 3 and a double 3.0 agree), so a table re-read from CSV matches.
 *
 * <pre>{@code
 * Fingerprint f = Fingerprint.of(train, List.of("temp_max", "wind"));
 * f;   // 1022 rows x [temp_max, wind], hash 9f3c0e7a12b4d851
 * }</pre>
 */
public record Fingerprint(int rowCount, List<String> columns, String contentHash) {
    public Fingerprint {
        columns = List.copyOf(columns);
    }

    /** The fingerprint of {@code columns} over all rows of {@code table}. */
    public static Fingerprint of(Table table, List<String> columns) { return of(table, columns, null); }

    /** As {@link #of(Table, List)}, also gathering the moments of each double column into {@code moments} on the same pass. */
    static Fingerprint of(Table table, List<String> columns, java.util.Map<Column<?>, Moments> moments) {
        long sum = 0;
        for (long h : rowHashes(table, columns, moments)) sum += h;
        return new Fingerprint(table.rowCount(), columns, hex(sum));
    }

    /** The fingerprint of the rows of both (same columns). */
    public Fingerprint plus(Fingerprint other) {
        if (!columns.equals(other.columns)) {
            throw new IllegalArgumentException("fingerprints over different columns cannot be added: " + columns + " vs " + other.columns);
        }
        long sum = Long.parseUnsignedLong(contentHash, 16) + Long.parseUnsignedLong(other.contentHash, 16);
        return new Fingerprint(rowCount + other.rowCount, columns, hex(sum));
    }

    /** One 64-bit hash per row over the values of {@code columns}, in column order. */
    public static long[] rowHashes(Table table, List<String> columns) { return rowHashes(table, columns, null); }

    private static long[] rowHashes(Table table, List<String> columns, java.util.Map<Column<?>, Moments> moments) {
        int n = table.rowCount();
        long[] h = new long[n];
        java.util.Arrays.fill(h, 0x243F6A8885A308D3L);
        Column<?>[] cols = new Column<?>[columns.size()];
        for (int c = 0; c < cols.length; c++) cols[c] = Columns.require(table, columns.get(c), "fingerprint.column");
        Moments.Accumulator[] acc = new Moments.Accumulator[cols.length];
        if (moments != null) {
            for (int c = 0; c < cols.length; c++) if (cols[c] instanceof DoubleColumn d) acc[c] = Moments.Accumulator.startAt(d);
        }
        // Blocks of rows so that the block's hashes (128 KB) stay in L2 while every column passes over them in runs of
        // 16,384 values. (2,048-row blocks, hashes in L1, measured ≈ 6% slower on the 1M x 50 scaler bench: bench/README.md.)
        for (int from = 0; from < n; from += BLOCK) {
            int to = Math.min(n, from + BLOCK);
            for (int ci = 0; ci < cols.length; ci++) {
                Column<?> c = cols[ci];
                if (acc[ci] != null) {
                    acc[ci].hashAndAdd((DoubleColumn) c, from, to, h);
                } else if (c instanceof DoubleColumn d) {
                    for (int i = from; i < to; i++) h[i] = Long.rotateLeft((h[i] ^ numberBits(d.getDouble(i))) * K, 29);
                } else if (c instanceof NumericColumn<?> num) {
                    for (int i = from; i < to; i++) {
                        h[i] = Long.rotateLeft((h[i] ^ numberBits(num.isMissing(i) ? Double.NaN : num.getDouble(i))) * K, 29);
                    }
                } else if (c instanceof BooleanColumn b) {
                    for (int i = from; i < to; i++) h[i] = Long.rotateLeft((h[i] ^ (b.isMissing(i) ? 3 : (b.get(i) ? 1 : 2))) * K, 29);
                } else {
                    for (int i = from; i < to; i++) h[i] = Long.rotateLeft((h[i] ^ textHash(c.isMissing(i) ? "" : c.getString(i))) * K, 29);
                }
            }
            for (int i = from; i < to; i++) h[i] = mix(h[i] ^ cols.length);
        }
        for (int c = 0; c < cols.length; c++) if (acc[c] != null) moments.put(cols[c], acc[c].result());
        return h;
    }

    private static final int BLOCK = 16384;

    static final long K = 0x9E3779B97F4A7C15L;

    /** Numbers hash by value: missing (NaN) is one value, -0.0 equals 0.0, an int 3 equals a double 3.0. */
    static final long NAN_BITS = 0x7FF8DEADBEEF0001L;

    static long numberBits(double d) {
        if (d != d) return NAN_BITS;
        return Double.doubleToRawLongBits(d + 0.0);
    }

    private static long textHash(String s) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < s.length(); i++) {
            h ^= s.charAt(i);
            h *= 0x100000001b3L;
        }
        return h;
    }

    /** The SplitMix64 finaliser. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    private static String hex(long v) { return String.format(Locale.ROOT, "%016x", v); }

    @Override public String toString() { return rowCount + " rows x " + columns + ", hash " + contentHash; }
}
