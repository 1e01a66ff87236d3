package dev.holdout.data;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Set;

/**
 * Reads a CSV (or TSV) file in one pass with bounded memory: batches of rows as primitive columns, or
 * a few whole columns. The same scanner and the same rules as {@link CsvLoader} (quoting, encoding,
 * line breaks, missing tokens, the number rule; see {@link CsvLoader} and {@code README.md}), for
 * files too large for a table and for readers that need a few columns only.
 *
 * <pre>{@code
 * try (CsvReader.Batches batches = CsvReader.open(Path.of("events.csv"))
 *         .withType("amount", ColumnKind.NUMBER).skipBadRows().batches(65_536)) {
 *     for (CsvBatch b : batches) {
 *         double[] amount = b.numbers("amount");       // NaN where missing
 *         long line = b.line(0);                       // file line of the batch's first row
 *         b.skipped().forEach(e -> log(e.getMessage())); // "events.csv:17, column 'amount': value '1e400' is not a finite number; ..."
 *     }
 * }
 * CsvColumns c = CsvReader.open(Path.of("preds.csv")).withType("label", ColumnKind.TEXT)
 *         .withType("score", ColumnKind.NUMBER).columns("label", "score").readAll();
 * }</pre>
 *
 * <p>Kinds: a column's kind is its declared one, else it is decided from the first batch of rows by
 * the loader's rule (INTEGER, NUMBER, DATE, DATETIME, INSTANT, TEXT; a column where most values are
 * numbers is NUMBER). Every batch, the first included, is then read strictly: a value that does not
 * fit is an error naming file, line, column and value, or, with {@link #skipBadRows()}, its row is left
 * out and reported in {@link CsvBatch#skipped()}. Declare the kinds you rely on.
 */
public final class CsvReader {
    /** A kind a column must have: declared by a user ({@code because == null}) or needed by the caller, who says why. */
    record Declared(ColumnKind kind, String because) {}

    /** Cells per batch at most, so a batch of a very wide file stays small (rows are cut, never columns). */
    static final int MAX_CELLS = 1 << 21;

    /** Rows scanned at a time within a batch: their offsets (9 bytes a cell) stay in the processor's cache. */
    static final int CHUNK_ROWS = 8192;

    private final Path file;
    private final byte[] bytes;
    private final String source;
    private final char delimiter;
    private final Map<String, Declared> types;
    private final MissingTokens missing;
    private final List<String> columns;
    private final boolean skipBadRows;
    private final long limit;

    private CsvReader(Path file, byte[] bytes, String source, char delimiter, Map<String, Declared> types, MissingTokens missing,
                      List<String> columns, boolean skipBadRows, long limit) {
        this.file = file;
        this.bytes = bytes;
        this.source = source;
        this.delimiter = delimiter;
        this.types = types;
        this.missing = missing;
        this.columns = columns;
        this.skipBadRows = skipBadRows;
        this.limit = limit;
    }

    /** A reader of {@code file}: tab-separated when its name ends in {@code .tsv} or {@code .tab}, else comma-separated. */
    public static CsvReader open(Path file) {
        String n = file.getFileName() == null ? "" : file.getFileName().toString().toLowerCase(Locale.ROOT);
        char d = n.endsWith(".tsv") || n.endsWith(".tab") ? '\t' : ',';
        return new CsvReader(file, null, file.toString(), d, Map.of(), MissingTokens.DEFAULT, null, false, Long.MAX_VALUE);
    }

    /** A reader of bytes in memory; {@code source} names them in messages. */
    public static CsvReader of(String source, byte[] bytes) {
        return new CsvReader(null, Objects.requireNonNull(bytes), source, ',', Map.of(), MissingTokens.DEFAULT, null, false, Long.MAX_VALUE);
    }

    public CsvReader delimiter(char d) {
        CsvScanner.checkDelimiter(d);
        return new CsvReader(file, bytes, source, d, types, missing, columns, skipBadRows, limit);
    }

    /** Declares a column's kind: its values must fit it. */
    public CsvReader withType(String column, ColumnKind kind) { return withType(column, kind, null); }

    /**
     * A kind the caller needs a column to have, and why ({@code "--score needs probabilities"}): a value
     * that does not fit is an error that gives this reason rather than suggesting another type.
     */
    public CsvReader withType(String column, ColumnKind kind, String because) {
        Map<String, Declared> m = new LinkedHashMap<>(types);
        m.put(Objects.requireNonNull(column), new Declared(Objects.requireNonNull(kind), because));
        return new CsvReader(file, bytes, source, delimiter, Map.copyOf(m), missing, columns, skipBadRows, limit);
    }

    /** Declares the kinds of a schema ({@link Schema#types()}). */
    public CsvReader types(Schema schema) {
        CsvReader r = this;
        for (Map.Entry<String, ColumnKind> e : schema.types().entrySet()) r = r.withType(e.getKey(), e.getValue());
        return r;
    }

    /** The tokens read as missing instead of {@link CsvLoader#DEFAULT_MISSING}. */
    public CsvReader missingTokens(Set<String> tokens) {
        return new CsvReader(file, bytes, source, delimiter, types, MissingTokens.of(tokens), columns, skipBadRows, limit);
    }

    /** Reads only these columns (the others are checked for the file rules but not parsed). */
    public CsvReader columns(String... names) { return columns(List.of(names)); }

    public CsvReader columns(Collection<String> names) {
        return new CsvReader(file, bytes, source, delimiter, types, missing, List.copyOf(names), skipBadRows, limit);
    }

    /** Leaves out rows that break a rule (a ragged row, a NUL byte, a value that does not fit its kind), reporting each. */
    public CsvReader skipBadRows() {
        return new CsvReader(file, bytes, source, delimiter, types, missing, columns, true, limit);
    }

    /** Reads at most {@code rows} data rows. */
    public CsvReader limit(long rows) {
        if (rows < 0) throw DataValidationException.param("limit", rows, "must be >= 0", "pass a row count");
        return new CsvReader(file, bytes, source, delimiter, types, missing, columns, skipBadRows, rows);
    }

    /** The column names, reading the header only. */
    public List<String> header() {
        try (CsvScanner s = scanner()) {
            return s.header();
        }
    }

    private CsvScanner scanner() {
        if (bytes != null) return new CsvScanner(source, bytes, delimiter);
        return new CsvScanner(source, InputFiles.open(file, "input"), delimiter);
    }

    /** Batches of at most {@code rows} rows (fewer for very wide files, and when a stream's buffer is full). Close it. */
    public Batches batches(int rows) {
        if (rows < 1) throw DataValidationException.param("rows", rows, "a batch needs at least one row", "pass e.g. 65536");
        return new Batches(rows, false);
    }

    /** The requested columns of the whole file (or of the first {@link #limit} rows), streamed: the file is not held in memory. */
    public CsvColumns readAll() {
        try (Batches b = new Batches(CHUNK_ROWS, true)) {
            while (b.hasNext()) b.next();
            return b.columns();
        }
    }

    /**
     * The batches of one pass over the file. A batch's arrays are valid until the next call to
     * {@link #next()}; copy what you keep.
     */
    public final class Batches implements Iterator<CsvBatch>, Iterable<CsvBatch>, AutoCloseable {
        private final CsvScanner scanner;
        private final RawBatch raw;
        private final int batchRows;
        private final int[] recordStart, recordEnd;
        private final long[] recordLine;
        private final boolean accumulate;
        private final List<String> names;
        private final int[] fields;
        private ColumnBuilder[] builders;
        private CsvBatch pending;
        private boolean done;
        private long rowsRead;
        private final LineIndex lines = new LineIndex();
        private final List<DataValidationException> allSkipped = new ArrayList<>();

        private Batches(int rows, boolean accumulate) {
            this.accumulate = accumulate;
            scanner = scanner();
            try {
                List<String> header = scanner.header();
                names = columns == null ? header : columns;
                fields = new int[names.size()];
                Map<String, Integer> position = new java.util.HashMap<>(header.size() * 2);
                for (int i = 0; i < header.size(); i++) position.put(header.get(i), i);
                for (int j = 0; j < fields.length; j++) {
                    Integer at = position.get(names.get(j));
                    if (at == null) throw Columns.unknown("column", names.get(j), header, source);
                    fields[j] = at;
                }
                for (String declared : types.keySet()) {
                    if (!position.containsKey(declared)) throw Columns.unknown("column", declared, header, source);
                }
                boolean all = fields.length == header.size();
                for (int j = 0; all && j < fields.length; j++) all = fields[j] == j;
                if (columns != null && !all) scanner.project(fields); // every column in file order needs no projection
                scanner.skipBadRows(skipBadRows);
                batchRows = (int) Math.max(1, Math.min(rows, MAX_CELLS / Math.max(1, fields.length)));
                // a batch is scanned in chunks whose offsets stay in the cache, however many rows it has
                raw = new RawBatch(fields.length, Math.min(batchRows, CHUNK_ROWS));
                recordStart = new int[accumulate ? 0 : batchRows];
                recordEnd = new int[accumulate ? 0 : batchRows];
                recordLine = new long[accumulate ? 0 : batchRows];
            } catch (RuntimeException e) {
                scanner.close();
                throw e;
            }
        }

        @Override public Iterator<CsvBatch> iterator() { return this; }

        @Override public boolean hasNext() {
            if (pending == null && !done) pending = advance();
            return pending != null;
        }

        @Override public CsvBatch next() {
            if (!hasNext()) throw new NoSuchElementException();
            CsvBatch b = pending;
            pending = null;
            return b;
        }

        private CsvBatch advance() {
            if (rowsRead >= limit) {
                done = true;
                return null;
            }
            List<DataValidationException> skipped = new ArrayList<>();
            int total = 0;
            boolean first = true;
            if (builders != null && !accumulate) for (ColumnBuilder c : builders) c.reset();
            while (total < batchRows && rowsRead + total < limit) {
                // the first chunk may move the buffer's bytes; the next ones keep them (this batch's rows are there)
                raw.want = batchRows - total;
                int n = scanner.fill(raw, !first);
                if (n > limit - rowsRead - total) raw.rows = n = (int) (limit - rowsRead - total);
                skipped.addAll(raw.skipped);
                if (n == 0) break;
                if (builders == null) builders = decideKinds();
                n = addChunk(n, skipped);
                if (!accumulate) {
                    System.arraycopy(raw.recordStart, 0, recordStart, total, n);
                    System.arraycopy(raw.recordEnd, 0, recordEnd, total, n);
                    System.arraycopy(raw.line, 0, recordLine, total, n);
                }
                if (accumulate) lines.addAll(raw.line, n); // (a stream of batches keeps no index of the whole file)
                total += n;
                first = false;
                if (raw.rows < Math.min(raw.capacity, batchRows - total + n)) break; // the end of the file, or the buffer at its bound
                if (accumulate) break;               // whole columns take one chunk at a time
            }
            if (total == 0 && skipped.isEmpty()) {
                done = true;
                return null;
            }
            if (builders == null) builders = decideKinds();
            rowsRead += total;
            allSkipped.addAll(skipped);
            if (accumulate) return new CsvBatch(source, names, builders, raw.buf, raw.recordStart, raw.recordEnd, raw.line, total, skipped,
                    lines.size() - total, (byte) delimiter);
            return new CsvBatch(source, names, builders, raw.buf, recordStart, recordEnd, recordLine, total, skipped, 0, (byte) delimiter);
        }

        /** Adds a scanned chunk of {@code n} rows to the columns; with the skip policy leaves out rows with a bad value. Returns the rows kept. */
        private int addChunk(int n, List<DataValidationException> skipped) {
            if (!skipBadRows) { // the fast loops; a bad value is an error
                for (int j = 0; j < builders.length; j++) builders[j].addAll(raw, j, n, null);
                return n;
            }
            boolean[] drop = null;
            int w = raw.width;
            for (int j = 0; j < builders.length; j++) {
                ColumnBuilder c = builders[j];
                int base = c.size;
                for (int r = 0; r < n; r++) {
                    int cell = r * w + j;
                    try {
                        c.add(raw.buf, raw.start[cell], raw.end[cell], raw.flags[cell], raw.line[r], null);
                    } catch (DataValidationException e) {
                        c.markMissing(base + r);
                        if (drop == null) drop = new boolean[n];
                        if (!drop[r]) skipped.add(e);
                        drop[r] = true;
                    }
                }
            }
            if (drop == null) return n;
            for (ColumnBuilder c : builders) c.retain(drop, c.size - n);
            int k = 0;
            for (int r = 0; r < n; r++) {
                if (drop[r]) continue;
                raw.recordStart[k] = raw.recordStart[r];
                raw.recordEnd[k] = raw.recordEnd[r];
                raw.line[k] = raw.line[r];
                k++;
            }
            raw.rows = k;
            return k;
        }

        /** The kinds of the columns: declared, else decided from this first batch's values by the loader's rule. */
        private ColumnBuilder[] decideKinds() {
            ColumnBuilder[] out = new ColumnBuilder[names.size()];
            int n = raw.rows, w = raw.width;
            int capacity = accumulate ? estimatedRows(n) : batchRows;
            for (int j = 0; j < out.length; j++) {
                String name = names.get(j);
                Declared d = types.get(name);
                ColumnKind kind = d == null ? null : d.kind();
                boolean byUser = d != null && d.because() == null;
                int col = j;
                if (kind == null) {
                    ColumnBuilder probe = new ColumnBuilder(name, source, null, false, null, missing, n);
                    final int column = col;
                    ColumnBuilder.Earlier earlier = new ColumnBuilder.Earlier() {
                        @Override public byte[] bytes() { return raw.buf; }

                        @Override public void locate(int row, int[] out3) {
                            int cell = row * w + column;
                            out3[0] = raw.start[cell];
                            out3[1] = raw.end[cell];
                            out3[2] = raw.flags[cell];
                        }
                    };
                    for (int r = 0; r < n; r++) {
                        int cell = r * w + col;
                        probe.add(raw.buf, raw.start[cell], raw.end[cell], raw.flags[cell], raw.line[r], earlier);
                    }
                    kind = probe.decide();
                }
                String why = d != null ? d.because()
                        : "inferred from the first " + String.format(Locale.ROOT, "%,d", n) + " rows; declare its type to be sure";
                out[j] = new ColumnBuilder(name, source, kind, byUser, why, missing, capacity);
            }
            return out;
        }

        /** Rows of the whole file, estimated from the first batch's bytes per row (arrays then rarely grow). */
        private int estimatedRows(int n) {
            if (n == 0) return 1024;
            long size = bytes != null ? bytes.length : -1;
            if (size < 0) {
                try {
                    size = java.nio.file.Files.size(file);
                } catch (java.io.IOException | RuntimeException e) {
                    return Math.max(1024, n);
                }
            }
            long perRow = Math.max(1, (raw.recordEnd[n - 1] - raw.recordStart[0]) / Math.max(1, n));
            long estimate = Math.min(limit, size / perRow + size / perRow / 20 + 16);
            return (int) Math.max(n, Math.min(Integer.MAX_VALUE - 16, estimate));
        }

        CsvColumns columns() {
            if (builders == null) {
                // no data rows: every column is empty; declared kinds are kept, the others are TEXT
                builders = new ColumnBuilder[names.size()];
                for (int j = 0; j < builders.length; j++) {
                    Declared d = types.get(names.get(j));
                    ColumnKind k = d == null ? ColumnKind.TEXT : d.kind();
                    builders[j] = new ColumnBuilder(names.get(j), source, k, true, null, missing, 16);
                }
            }
            return new CsvColumns(source, scanner.header(), names, builders, lines, allSkipped);
        }

        @Override public void close() { scanner.close(); }
    }
}
