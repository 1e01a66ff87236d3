package dev.holdout.data;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Whole columns of a file read by {@link CsvReader#readAll()}: numbers as {@code double[]}, text as
 * codes in order of first appearance plus the distinct values, and the file line of every row. The
 * file itself is not kept.
 *
 * <pre>{@code
 * CsvColumns c = CsvReader.open(Path.of("preds.csv")).withType("y", ColumnKind.TEXT).withType("p", ColumnKind.NUMBER)
 *         .columns("y", "p").readAll();
 * int[] y = c.codes("y");        // c.values("y").get(y[i]) is row i's label; -1 where missing
 * double[] p = c.numbers("p");   // NaN where missing
 * c.line(0);                     // 2: the first data row is on line 2
 * }</pre>
 */
public final class CsvColumns {
    private final String file;
    private final List<String> header;
    private final List<String> names;
    private final Map<String, Integer> index = new HashMap<>();
    private final ColumnBuilder[] columns;
    private final LineIndex lines;
    private final List<DataValidationException> skipped;
    private final Map<String, double[]> numbers = new HashMap<>();

    CsvColumns(String file, List<String> header, List<String> names, ColumnBuilder[] columns, LineIndex lines,
               List<DataValidationException> skipped) {
        this.file = file;
        this.header = List.copyOf(header);
        this.names = List.copyOf(names);
        for (int i = 0; i < names.size(); i++) index.put(names.get(i), i);
        this.columns = columns;
        for (ColumnBuilder c : columns) c.fitToSize(); // the arrays are handed out as they are: no copy per call
        this.lines = lines;
        this.skipped = List.copyOf(skipped);
    }

    /** The file, as messages name it. */
    public String file() { return file; }

    /** Every column name of the file. */
    public List<String> header() { return header; }

    /** The columns that were read. */
    public List<String> columns() { return names; }

    public int rowCount() { return lines.size(); }

    /** The 1-based file line on which data row {@code row} (0-based) starts. */
    public long line(int row) { return lines.line(row); }

    /** Rows left out with {@link CsvReader#skipBadRows()}. */
    public List<DataValidationException> skipped() { return skipped; }

    public ColumnKind kind(String column) { return column(column).kind(); }

    /** A NUMBER or INTEGER column, NaN where missing. The array is handed over, not copied: do not change it. */
    public double[] numbers(String column) {
        ColumnBuilder c = column(column);
        if (!c.kind().isNumeric()) throw CsvBatch.wrongKind(column, c, "a NUMBER or INTEGER column");
        double[] d = numbers.get(column);
        if (d == null) numbers.put(column, d = c.doubles());
        return d;
    }

    /** A TEXT column's codes in order of first appearance, -1 where missing. Handed over, not copied: do not change it. */
    public int[] codes(String column) { return text(column).codes(); }

    /** A TEXT column's distinct values, in order of first appearance. */
    public List<String> values(String column) { return List.copyOf(text(column).dictionary().values()); }

    /** A TEXT column's values, null where missing. */
    public String[] strings(String column) {
        int[] codes = codes(column);
        TextDictionary d = text(column).dictionary();
        String[] out = new String[codes.length];
        for (int i = 0; i < codes.length; i++) out[i] = codes[i] < 0 ? null : d.value(codes[i]);
        return out;
    }

    /** The first row where {@code column} is missing, or -1 when no row is. */
    public int firstMissing(String column) {
        return column(column).firstMissing(rowCount());
    }

    /** Whether {@code column} is missing in {@code row}. */
    public boolean isMissing(int row, String column) { return column(column).isMissing(row); }

    private ColumnBuilder text(String name) {
        ColumnBuilder c = column(name);
        if (c.kind() != ColumnKind.TEXT) throw CsvBatch.wrongKind(name, c, "a TEXT column");
        return c;
    }

    private ColumnBuilder column(String name) {
        Integer i = index.get(name);
        if (i == null) throw Columns.unknown("column", name, names, file);
        return columns[i];
    }
}
