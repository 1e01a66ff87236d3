package dev.holdout.data;

import java.io.IOException;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * One batch of rows from {@link CsvReader#batches(int)}: each column as a primitive array, the file
 * line of each row, and each row's record as it was in the file. Valid until the reader's next batch.
 *
 * <pre>{@code
 * double[] x = batch.numbers("x");          // NaN where missing
 * int[] codes = batch.codes("channel");     // -1 where missing; batch.dictionary("channel").get(codes[i])
 * long t = batch.epochMillis("time")[0];    // DATE, DATETIME (read as UTC) or INSTANT columns
 * batch.writeRecord(0, out);                // the row's bytes as in the file, without its line break
 * }</pre>
 */
public final class CsvBatch {
    private final String source;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final ColumnBuilder[] columns;
    private final byte[] buf;
    private final int[] recordStart, recordEnd;
    private final long[] line;
    private final int rows;
    private final List<DataValidationException> skipped;
    private final int offset;
    private final byte delimiter;

    CsvBatch(String source, List<String> names, ColumnBuilder[] columns, byte[] buf, int[] recordStart, int[] recordEnd, long[] line,
             int rows, List<DataValidationException> skipped, int offset, byte delimiter) {
        this.delimiter = delimiter;
        this.source = source;
        this.names = names;
        for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
        this.columns = columns;
        this.buf = buf;
        this.recordStart = recordStart;
        this.recordEnd = recordEnd;
        this.line = line;
        this.rows = rows;
        this.skipped = List.copyOf(skipped);
        this.offset = offset;
    }

    /** The number of rows. */
    public int rows() { return rows; }

    /** The column names, in the order they were requested (or the file's). */
    public List<String> columns() { return names; }

    /** The kind each value of a column was read as. */
    public ColumnKind kind(String column) { return column(column).kind(); }

    /** The 1-based file line on which row {@code row} starts. */
    public long line(int row) {
        check(row);
        return line[row];
    }

    /** Rows left out of this batch with {@link CsvReader#skipBadRows()}, each naming file, line and (for a value) column. */
    public List<DataValidationException> skipped() { return skipped; }

    /** A NUMBER or INTEGER column's values, NaN where missing (a new array). */
    public double[] numbers(String column) {
        ColumnBuilder c = numeric(column);
        return Arrays.copyOfRange(c.doubles(), offset, offset + rows);
    }

    /** A DATE, DATETIME or INSTANT column as epoch milliseconds (a local date-time is read as UTC), {@link Long#MIN_VALUE} where missing. */
    public long[] epochMillis(String column) {
        ColumnBuilder c = column(column);
        if (!c.kind().isTime()) throw wrongKind(column, c, "a DATE, DATETIME or INSTANT column");
        return Arrays.copyOfRange(c.epochMillis(), offset, offset + rows);
    }

    /** A TEXT column's codes, in order of first appearance in this batch; -1 where missing. */
    public int[] codes(String column) {
        ColumnBuilder c = text(column);
        return Arrays.copyOfRange(c.codes(), offset, offset + rows);
    }

    /** The distinct values of a TEXT column in this batch; {@code dictionary(c).get(codes(c)[i])} is row i's value. */
    public List<String> dictionary(String column) { return List.copyOf(text(column).dictionary().values()); }

    /** A TEXT column's values as strings, null where missing. */
    public String[] strings(String column) {
        ColumnBuilder c = text(column);
        int[] codes = c.codes();
        TextDictionary d = c.dictionary();
        String[] out = new String[rows];
        for (int i = 0; i < rows; i++) out[i] = codes[offset + i] < 0 ? null : d.value(codes[offset + i]);
        return out;
    }

    /** Whether the value of {@code column} in {@code row} is missing. */
    public boolean isMissing(int row, String column) {
        check(row);
        return column(column).isMissing(offset + row);
    }

    /** Row {@code row}'s record as it was in the file, without its line break (a copy). */
    public byte[] record(int row) {
        check(row);
        return Arrays.copyOfRange(buf, recordStart[row], recordEnd[row]);
    }

    /** Writes row {@code row}'s record as it was in the file, without its line break. */
    public void writeRecord(int row, OutputStream out) throws IOException {
        check(row);
        out.write(buf, recordStart[row], recordEnd[row] - recordStart[row]);
    }

    /** The length in bytes of row {@code row}'s record in the file, without its line break. */
    public int recordLength(int row) {
        check(row);
        return recordEnd[row] - recordStart[row];
    }

    /**
     * The batch as a Tablesaw table named after the source, with the column types {@link CsvLoader} gives the
     * same values (a copy: valid after the next batch). Scoring a batch this way gives what scoring the loaded
     * file gives for the same rows.
     *
     * <pre>{@code
     * Table t = batch.table();   // 65536 rows x [temp_max, wind]
     * }</pre>
     */
    public Table table() {
        List<Column<?>> cols = new java.util.ArrayList<>(columns.length);
        for (ColumnBuilder c : columns) cols.add(c.copyOf(offset, rows));
        return Tables.of(source, cols);
    }

    /**
     * Writes field {@code field} (its 0-based position in the file's header) of row {@code row} as it was in the
     * file, quotes included: {@code "a, b"} stays {@code "a, b"}, so a column copied to an output is byte for byte
     * the input's.
     */
    public void writeField(int row, int field, OutputStream out) throws IOException {
        check(row);
        if (field < 0) throw new IndexOutOfBoundsException("field " + field);
        int[] at = new int[3];
        CsvScanner.locate(buf, recordStart[row], field, delimiter, at);
        boolean quoted = at[2] != RawBatch.PLAIN;
        int s = quoted ? at[0] - 1 : at[0], e = quoted ? at[1] + 1 : at[1];
        if (e > recordEnd[row]) throw new IndexOutOfBoundsException("field " + field + " of a record with fewer fields");
        out.write(buf, s, e - s);
    }

    private void check(int row) {
        if (row < 0 || row >= rows) throw new IndexOutOfBoundsException("row " + row + " of a batch of " + rows);
    }

    private ColumnBuilder column(String name) {
        Integer i = index.get(name);
        if (i == null) throw Columns.unknown("column", name, names, source);
        return columns[i];
    }

    private ColumnBuilder numeric(String name) {
        ColumnBuilder c = column(name);
        if (!c.kind().isNumeric()) throw wrongKind(name, c, "a NUMBER or INTEGER column");
        return c;
    }

    private ColumnBuilder text(String name) {
        ColumnBuilder c = column(name);
        if (c.kind() != ColumnKind.TEXT) throw wrongKind(name, c, "a TEXT column");
        return c;
    }

    static DataValidationException wrongKind(String name, ColumnBuilder c, String wanted) {
        return DataValidationException.param("column", name, "is " + c.kind() + ", not " + wanted,
                "declare its type with withType(\"" + name + "\", ColumnKind...) or read it with the matching accessor");
    }

    @Override public String toString() {
        return "CsvBatch[" + source + ", " + rows + " rows" + (rows > 0 ? " from line " + line[0] : "") + ", columns " + names + "]";
    }
}
