package dev.holdout.data;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads CSV or TSV into a Tablesaw {@link Table}, strictly: bad input is a
 * {@link DataValidationException} naming the file, the line and the column, never a silent value.
 * Built on the one scanner that every Holdout reader uses ({@link CsvReader} streams with it), so every
 * verb reads a file by the same rules:
 *
 * <ul>
 *   <li>RFC 4180 quoting ({@code "a, b"}, {@code ""} for a quote, line breaks inside quotes); LF, CRLF or a
 *       lone CR ends a line; a UTF-8 byte-order mark is skipped; blank lines are skipped.
 *   <li>Refused: an empty file, an empty header name, two header names equal ignoring case, a row with more
 *       or fewer fields than the header, an unterminated quote, bytes that are not UTF-8, a NUL byte, a value
 *       that does not fit its column's kind, a column the schema names that the file lacks.
 *   <li>Missing values: {@link #DEFAULT_MISSING} ({@code ""}, {@code NA}, {@code N/A}, {@code NaN},
 *       {@code null}, {@code NULL}), compared with blanks around the value trimmed; they stay missing, never 0.
 *   <li>Numbers are plain decimals ({@code 1e400}, {@code inf}, {@code 1,5} are not: see {@link ColumnKind}).
 *   <li>Kinds are declared ({@link Schema#withType}) or inferred from all the values: the narrowest kind
 *       that fits every non-missing value, else TEXT; but a column where more than half of the values are
 *       numbers (or dates, date-times, instants) is that kind, and a value that does not fit is an error
 *       naming its line and value: a typo never silently turns a numeric column into text.
 * </ul>
 *
 * <pre>{@code
 * Table t = CsvLoader.csv().schema(Schema.empty().withType("date", ColumnKind.DATE)).load(Path.of("seattle-weather.csv"));
 * t.rowCount();   // 1461
 * }</pre>
 */
public final class CsvLoader {
    /** The tokens read as missing unless {@link #missingTokens(Set)} says otherwise. */
    public static final Set<String> DEFAULT_MISSING = MissingTokens.DEFAULT_SET;

    /**
     * Rows the scanner hands over at a time (fewer for very wide files): enough that the hand-over to the
     * helper thread is rare (60 a million rows; on a busy machine each can wait for the other thread to be
     * scheduled), few enough that the batch's offsets stay a few megabytes.
     */
    private static final int BATCH_ROWS = 16_384;

    /** Threads that read columns: 2 where there is a second core, unless {@code -Dholdout.csv.threads=1}. */
    static final int THREADS = Math.max(1, Math.min(2, Integer.getInteger("holdout.csv.threads", Runtime.getRuntime().availableProcessors())));

    // Tablesaw's Table class initializer scans the class path (ClassGraph, about half a second of CPU): on a second core,
    // start it now, beside the reading, so that it is done when the table is built.
    static {
        if (THREADS > 1) {
            Thread warm = new Thread(new WarmTablesaw(), "holdout-tablesaw-init");
            warm.setDaemon(true);
            warm.start();
        }
    }

    /** (A class, not a lambda: lambdas are spun at run time, and a short run pays for each.) */
    private static final class WarmTablesaw implements Runnable {
        @Override public void run() { Table.create(""); }
    }

    private final char delimiter;
    private final Schema schema;
    private final MissingTokens missing;
    private final List<String> columns;
    private final Map<String, CsvReader.Declared> needs;

    private CsvLoader(char delimiter, Schema schema, MissingTokens missing, List<String> columns, Map<String, CsvReader.Declared> needs) {
        this.delimiter = delimiter;
        this.schema = schema;
        this.missing = missing;
        this.columns = columns;
        this.needs = needs;
    }

    /** Comma-separated. */
    public static CsvLoader csv() { return new CsvLoader(',', Schema.empty(), MissingTokens.DEFAULT, null, Map.of()); }

    /** Tab-separated. */
    public static CsvLoader tsv() { return new CsvLoader('\t', Schema.empty(), MissingTokens.DEFAULT, null, Map.of()); }

    /** Comma- or tab-separated by the file name ({@code .tsv}/{@code .tab} means tabs). */
    public static CsvLoader forFile(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".tsv") || n.endsWith(".tab") ? tsv() : csv();
    }

    public CsvLoader delimiter(char d) {
        CsvScanner.checkDelimiter(d);
        return new CsvLoader(d, schema, missing, columns, needs);
    }

    public CsvLoader schema(Schema s) { return new CsvLoader(delimiter, Objects.requireNonNull(s), missing, columns, needs); }

    public CsvLoader missingTokens(Set<String> tokens) { return new CsvLoader(delimiter, schema, MissingTokens.of(tokens), columns, needs); }

    /**
     * A kind the caller needs a column to have, and why: every value must fit (as with a declared type),
     * and the error for one that does not gives this reason ({@code "the model was trained on numbers"})
     * instead of suggesting another type. It takes precedence over the schema's type for that column.
     */
    public CsvLoader require(String column, ColumnKind kind, String because) {
        Map<String, CsvReader.Declared> m = new LinkedHashMap<>(needs);
        m.put(Objects.requireNonNull(column), new CsvReader.Declared(Objects.requireNonNull(kind), Objects.requireNonNull(because)));
        return new CsvLoader(delimiter, schema, missing, columns, Map.copyOf(m));
    }

    /**
     * Loads only these columns into the table (in file order); the others are still checked for the file
     * rules (quoting, encoding, field counts) but not parsed, so a verb that needs two columns of a wide
     * file does not pay for the rest, and a value it does not use cannot stop it.
     */
    public CsvLoader columns(Collection<String> names) {
        return new CsvLoader(delimiter, schema, missing, List.copyOf(new java.util.LinkedHashSet<>(names)), needs);
    }

    public char delimiter() { return delimiter; }

    public Schema schema() { return schema; }

    /**
     * Loads a file. It is streamed through a small buffer, not held in memory: the table is all that
     * stays (use {@link #read} to keep the records for writing them back).
     */
    public Table load(Path file) {
        InputFiles.requireReadable(file, "input");
        try (CsvScanner scanner = new CsvScanner(file.toString(), InputFiles.open(file, "input"), delimiter)) {
            return parse(scanner, tableName(file), null, file).table();
        }
    }

    private static String tableName(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return dot > 0 ? name.substring(0, dot) : name;
    }

    /** Loads a file and keeps its bytes and where each record lies (for writing parts back unchanged). */
    public LoadedCsv read(Path file) {
        byte[] bytes = InputFiles.readAll(file, "input");
        return parse(new CsvScanner(file.toString(), bytes, delimiter), tableName(file), bytes, null);
    }

    /** Loads bytes; {@code source} names them in error messages. */
    public Table load(String source, byte[] bytes) { return parse(new CsvScanner(source, bytes, delimiter), source, bytes, null).table(); }

    /**
     * A loaded file: the table, the file's bytes and where each data record lies in them, so that a
     * subset of rows can be written back byte for byte.
     */
    public static final class LoadedCsv {
        private final Table table;
        private final byte[] bytes;
        private final int headerStart, headerEnd;
        private final boolean bom;
        private final String separator;
        private final int[] starts;
        private final int[] ends;
        private final int rows;
        private final LineIndex lines;

        LoadedCsv(Table table, byte[] bytes, int headerStart, int headerEnd, boolean bom, String separator, int[] starts, int[] ends,
                  int rows, LineIndex lines) {
            this.table = table;
            this.bytes = bytes;
            this.headerStart = headerStart;
            this.headerEnd = headerEnd;
            this.bom = bom;
            this.separator = separator;
            this.starts = starts;
            this.ends = ends;
            this.rows = rows;
            this.lines = lines;
        }

        public Table table() { return table; }

        /** The number of data records (also when the table holds no column: see {@link CsvLoader#columns}). */
        public int rowCount() { return rows; }

        /** The header line as it was in the file (without the line break). */
        public String headerLine() { return new String(bytes, headerStart, headerEnd - headerStart, StandardCharsets.UTF_8); }

        /** The text of data record {@code row} (0-based) as it was in the file, without its line break. */
        public String record(int row) {
            check(row);
            return new String(bytes, starts[row], ends[row] - starts[row], StandardCharsets.UTF_8);
        }

        /** Whether the file started with a UTF-8 byte-order mark. */
        public boolean hasByteOrderMark() { return bom; }

        /** The file's line break, as its header line ends: {@code "\r\n"}, {@code "\n"} or {@code "\r"}. */
        public String lineSeparator() { return separator; }

        /** The 1-based line of the file on which data record {@code row} (0-based) starts. */
        public long lineOf(int row) { return lines.line(row); }

        /**
         * Appends the header and the records at {@code rows} as the file had them: the same byte-order
         * mark, the same line break, each record's text unchanged.
         */
        public void appendPart(int[] rows, StringBuilder out) {
            if (bom) out.append('\uFEFF');
            out.append(headerLine()).append(separator);
            for (int r : rows) out.append(record(r)).append(separator);
        }

        /** Writes the header and the records at {@code rows} as {@link #appendPart} does, as byte slices of the file. */
        public void writePart(int[] rows, OutputStream out) throws IOException {
            byte[] nl = separator.getBytes(StandardCharsets.US_ASCII);
            if (bom) out.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
            out.write(bytes, headerStart, headerEnd - headerStart);
            out.write(nl);
            for (int r : rows) {
                check(r);
                out.write(bytes, starts[r], ends[r] - starts[r]);
                out.write(nl);
            }
        }

        private void check(int row) {
            if (row < 0 || row >= rows) throw new IndexOutOfBoundsException("row " + row + " of " + rows);
        }
    }

    // ------------------------------------------------------------------------------------------------

    /**
     * Reads every record of {@code scanner} into column builders. With {@code bytes} (the scanner reads
     * them whole) the records' places are kept for {@link LoadedCsv}; otherwise the scanner streams
     * {@code file}, and a column that falls back to text re-reads its earlier values from the file.
     */
    private LoadedCsv parse(CsvScanner scanner, String tableName, byte[] bytes, Path file) {
        String source = scanner.source;
        List<String> header = scanner.header();
        List<String> named = new ArrayList<>(schema.declaredColumns());
        named.addAll(needs.keySet());
        java.util.Set<String> names = named.isEmpty() && columns == null ? Set.of() : new java.util.HashSet<>(header);
        for (String declared : named) {
            if (!names.contains(declared)) {
                DataValidationException e = Columns.unknown("column", declared, header, source);
                throw new DataValidationException(source + ": the schema names column '" + declared
                        + "' but the file has no such column; " + e.getMessage().substring(e.getMessage().indexOf(':') + 2),
                        source, 1, declared, null);
            }
        }
        int[] fields;
        if (columns == null) {
            fields = new int[header.size()];
            for (int i = 0; i < fields.length; i++) fields[i] = i;
        } else {
            fields = new int[columns.size()];
            for (int j = 0; j < fields.length; j++) {
                fields[j] = header.indexOf(columns.get(j));
                if (fields[j] < 0) throw Columns.unknown("column", columns.get(j), header, source);
            }
            Arrays.sort(fields); // file order
            scanner.project(fields);
        }
        int width = fields.length;
        RawBatch raw = new RawBatch(columns == null ? header.size() : width, Math.max(1, Math.min(BATCH_ROWS, CsvReader.MAX_CELLS / Math.max(1, width))));

        Records records = bytes == null ? null : new Records(bytes, scanner.delim);
        ColumnBuilder[] builders = new ColumnBuilder[width];
        ColumnBuilder.Earlier[] earlier = new ColumnBuilder.Earlier[width];
        for (int j = 0; j < width; j++) {
            earlier[j] = records != null ? records.earlier(fields[j]) : new Rescan(file, header.get(fields[j]));
        }
        int rows = 0;
        Helper helper = Helper.start(width);
        try {
            while (true) {
                int n = scanner.fill(raw);
                if (n == 0) break;
                if (rows == 0) {
                    int estimate = estimateRows(bytes != null ? bytes.length - scanner.headerEnd() : fileSize(file), raw, n);
                    if (records != null) records.reserve(estimate);
                    for (int j = 0; j < width; j++) builders[j] = builder(source, header.get(fields[j]), estimate);
                }
                if (records != null) for (int r = 0; r < n; r++) records.add(raw.recordStart[r], raw.recordEnd[r], raw.line[r]);
                columnsOf(raw, n, builders, earlier, helper);
                rows += n;
            }
        } finally {
            if (helper != null) helper.stop();
        }
        List<Column<?>> cols = new ArrayList<>(width);
        for (int j = 0; j < width; j++) {
            if (builders[j] == null) builders[j] = builder(source, header.get(fields[j]), 16);
            cols.add(builders[j].finish());
            builders[j] = null; // its arrays now belong to the column
        }
        Table table = Tables.of(tableName, cols);
        if (records == null) return new LoadedCsv(table, null, 0, 0, scanner.hasByteOrderMark(), scanner.lineSeparator(), null, null, rows, null);
        return new LoadedCsv(table, bytes, scanner.headerStart(), scanner.headerEnd(), scanner.hasByteOrderMark(), scanner.lineSeparator(),
                records.starts, records.ends, rows, records.lines);
    }

    private static long fileSize(Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw InputFiles.failure(file, "input", e);
        }
    }

    /**
     * The earlier values of one column, read again from the file in order (a streamed column that falls
     * back to text needs them once; the rows come in order, so one pass of a second scanner does).
     */
    private final class Rescan implements ColumnBuilder.Earlier {
        private final Path file;
        private final String column;
        private CsvScanner scanner;
        private RawBatch raw;
        private int first, next;

        Rescan(Path file, String column) {
            this.file = file;
            this.column = column;
        }

        @Override public byte[] bytes() { return raw.buf; }

        @Override public void locate(int row, int[] out) {
            if (scanner == null || row < first) {
                if (scanner != null) scanner.close();
                scanner = new CsvScanner(file.toString(), InputFiles.open(file, "input"), delimiter);
                scanner.project(new int[] {scanner.header().indexOf(column)});
                raw = new RawBatch(1, 4096);
                first = next = 0;
            }
            while (row >= next) {
                first = next;
                int n = scanner.fill(raw);
                if (n == 0) throw new IllegalStateException(file + " changed while it was read (row " + row + " is gone)");
                next += n;
            }
            int r = row - first;
            out[0] = raw.start[r];
            out[1] = raw.end[r];
            out[2] = raw.flags[r];
        }

        @Override public void done() {
            if (scanner != null) scanner.close();
            scanner = null;
        }
    }

    private ColumnBuilder builder(String source, String name, int capacity) {
        CsvReader.Declared need = needs.get(name);
        if (need != null) return new ColumnBuilder(name, source, need.kind(), false, need.because(), missing, capacity);
        return new ColumnBuilder(name, source, schema.types().get(name), true, null, missing, capacity);
    }

    /**
     * Adds a scanned batch to every column: the odd columns on a helper thread when the machine has a second
     * core. A bad value is reported in file order, on one thread or two: the first line of the batch that has
     * one, and of its bad values the leftmost.
     */
    private static void columnsOf(RawBatch raw, int n, ColumnBuilder[] builders, ColumnBuilder.Earlier[] earlier, Helper helper) {
        RuntimeException[] failed = new RuntimeException[builders.length];
        if (helper == null) {
            addColumns(raw, n, builders, earlier, 0, 1, failed);
        } else {
            helper.submit(new OddColumns(raw, n, builders, earlier, failed));
            addColumns(raw, n, builders, earlier, 0, 2, failed);
            helper.await();
        }
        RuntimeException first = null;
        long firstLine = Long.MAX_VALUE;
        for (RuntimeException e : failed) {
            if (e == null) continue;
            long line = e instanceof DataValidationException d && d.row() > 0 ? d.row() : Long.MAX_VALUE - 1;
            if (line < firstLine) {
                first = e;
                firstLine = line;
            }
        }
        if (first != null) throw first;
    }

    /** The helper's share of a batch: the odd columns. */
    private record OddColumns(RawBatch raw, int n, ColumnBuilder[] builders, ColumnBuilder.Earlier[] earlier, RuntimeException[] failed)
            implements Runnable {
        @Override public void run() { addColumns(raw, n, builders, earlier, 1, 2, failed); }
    }

    private static void addColumns(RawBatch raw, int n, ColumnBuilder[] builders, ColumnBuilder.Earlier[] earlier, int from, int step,
                                   RuntimeException[] failed) {
        for (int j = from; j < builders.length; j += step) {
            try {
                builders[j].addAll(raw, j, n, earlier[j]);
            } catch (RuntimeException e) {
                failed[j] = e;
            }
        }
    }

    /**
     * One helper thread that takes the odd columns of each batch: a column's builder is only ever touched by one
     * thread, and the hand-over at each batch (submit, await: a SynchronousQueue each way) orders its writes.
     */
    private static final class Helper {
        private static final Object OK = new Object();
        private static final Runnable STOP = new Thread(); // a Runnable that is never run: the sign to stop
        private final java.util.concurrent.SynchronousQueue<Runnable> work = new java.util.concurrent.SynchronousQueue<>();
        private final java.util.concurrent.SynchronousQueue<Object> done = new java.util.concurrent.SynchronousQueue<>();

        private Helper() {
            Thread t = new Thread("holdout-csv-columns") {
                @Override public void run() { loop(); }
            };
            t.setDaemon(true);
            t.start();
        }

        /** A helper when there is a second core and enough columns to share, else null (all on the caller's thread). */
        static Helper start(int columns) {
            return columns >= 4 && THREADS > 1 ? new Helper() : null;
        }

        private void loop() {
            try {
                while (true) {
                    Runnable r = work.take();
                    if (r == STOP) return;
                    Object result = OK;
                    try {
                        r.run();
                    } catch (RuntimeException | Error e) {
                        result = e;
                    }
                    done.put(result);
                }
            } catch (InterruptedException e) {
                // stopped
            }
        }

        void submit(Runnable r) {
            try {
                work.put(r);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
        }

        void await() {
            try {
                Object r = done.take();
                if (r instanceof Error e) throw e;
                if (r instanceof RuntimeException e) throw e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while reading", e);
            }
        }

        void stop() { work.offer(STOP); }
    }

    /** Rows in the file, from the bytes of the first batch's rows (a little more, so the arrays rarely grow). */
    private static int estimateRows(long bodyBytes, RawBatch raw, int n) {
        long perRow = Math.max(1, (raw.recordEnd[n - 1] - raw.recordStart[0]) / n);
        long estimate = bodyBytes / perRow + bodyBytes / perRow / 32 + 16;
        return (int) Math.max(n, Math.min(Integer.MAX_VALUE - 16, estimate));
    }

    /** Where each record lies in the file's bytes, and its line; and how to find a field of an earlier record again. */
    private static final class Records {
        final byte[] bytes;
        final byte delim;
        int[] starts = new int[0];
        int[] ends = new int[0];
        int size;
        final LineIndex lines = new LineIndex();

        Records(byte[] bytes, byte delim) {
            this.bytes = bytes;
            this.delim = delim;
        }

        void reserve(int n) {
            starts = new int[n];
            ends = new int[n];
        }

        void add(int start, int end, long line) {
            if (size == starts.length) {
                int cap = size + (size >> 1) + 16;
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
            }
            starts[size] = start;
            ends[size] = end;
            size++;
            lines.add(line);
        }

        ColumnBuilder.Earlier earlier(int field) {
            return new ColumnBuilder.Earlier() {
                @Override public byte[] bytes() { return bytes; }

                @Override public void locate(int row, int[] out) { CsvScanner.locate(bytes, starts[row], field, delim, out); }
            };
        }
    }

    // ------------------------------------------------------------------------------------------------

    /** Declared and inferred kinds of a loaded table's columns, by name. */
    public static Map<String, ColumnKind> kinds(Table table) {
        Map<String, ColumnKind> out = new LinkedHashMap<>();
        for (Column<?> c : table.columns()) out.put(c.name(), kindOf(c));
        return out;
    }

    /** The {@link ColumnKind} of a Tablesaw column. */
    public static ColumnKind kindOf(Column<?> c) {
        if (c instanceof IntColumn || c instanceof LongColumn || c instanceof tech.tablesaw.api.ShortColumn) return ColumnKind.INTEGER;
        if (c instanceof tech.tablesaw.api.NumericColumn<?>) return ColumnKind.NUMBER;
        if (c instanceof DateColumn) return ColumnKind.DATE;
        if (c instanceof DateTimeColumn) return ColumnKind.DATETIME;
        if (c instanceof InstantColumn) return ColumnKind.INSTANT;
        return ColumnKind.TEXT;
    }
}
