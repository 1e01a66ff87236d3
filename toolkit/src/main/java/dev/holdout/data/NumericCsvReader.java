package dev.holdout.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A fast, streaming CSV reader for the few columns a metric needs: it scans bytes, parses only the
 * requested columns, straight into {@code double[]} (numbers) or dictionary-coded labels
 * ({@code int[]} codes plus the distinct label strings), and never builds a table or a String per
 * cell. It handles RFC 4180 quotes ({@code "a,b"}, {@code ""} inside quotes, quoted newlines), CRLF
 * line ends, a UTF-8 byte order mark and blank lines. Bad input is an error that names the file, the
 * line and the column: a value that is not a number, NaN or infinity, a missing value, a row with
 * the wrong number of fields, invalid UTF-8 in a label or in the header.
 *
 * <p>This is the fast path of {@code holdout metrics}; the general loader that yields a Tablesaw
 * table is {@code CsvLoader}.
 *
 * <pre>{@code
 * NumericCsvReader.Columns cols = NumericCsvReader.of(Path.of("predictions.csv"))
 *         .labels("label").labels("prediction").numbers("score").read();
 * NumericCsvReader.LabelColumn truth = cols.labels("label");   // codes + distinct values
 * double[] score = cols.numbers("score");
 * }</pre>
 */
public final class NumericCsvReader {
    private static final int NUMBER = 1, LABEL = 2;

    private final Path file;
    private final LinkedHashMap<String, Integer> requested;
    private final int limit;

    private NumericCsvReader(Path file, LinkedHashMap<String, Integer> requested, int limit) {
        this.file = file;
        this.requested = requested;
        this.limit = limit;
    }

    /** A reader for {@code file} with no columns requested yet. */
    public static NumericCsvReader of(Path file) {
        return new NumericCsvReader(file, new LinkedHashMap<>(), Integer.MAX_VALUE);
    }

    /** Reads at most {@code rows} data rows (for sniffing a file). */
    public NumericCsvReader limit(int rows) {
        return new NumericCsvReader(file, requested, rows);
    }

    /** Also read {@code column} as finite numbers into a {@code double[]}. */
    public NumericCsvReader numbers(String column) {
        return with(column, NUMBER);
    }

    /** Also read {@code column} as labels (any text, dictionary coded). */
    public NumericCsvReader labels(String column) {
        return with(column, LABEL);
    }

    private NumericCsvReader with(String column, int kind) {
        LinkedHashMap<String, Integer> copy = new LinkedHashMap<>(requested);
        copy.merge(column, kind, (a, b) -> a | b);
        return new NumericCsvReader(file, copy, limit);
    }

    /** The header of the file (the column names), without reading the rest. */
    public List<String> header() {
        try (InputStream in = open()) {
            Scanner s = new Scanner(in, file.toString());
            return s.header();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads the requested columns in one pass over the file. */
    public Columns read() {
        try (InputStream in = open()) {
            Scanner s = new Scanner(in, file.toString());
            List<String> header = s.header();
            int nf = header.size();
            int[] kinds = new int[nf];
            Sink[] sinks = new Sink[nf];
            Map<String, Sink> byName = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : requested.entrySet()) {
                int idx = header.indexOf(e.getKey());
                if (idx < 0) throw dev.holdout.data.Columns.unknown("column", e.getKey(), header, file.toString());
                kinds[idx] = e.getValue();
                sinks[idx] = new Sink(e.getKey(), e.getValue());
                byName.put(e.getKey(), sinks[idx]);
            }
            int rows = s.body(kinds, sinks, limit);
            return new Columns(file.toString(), header, rows, byName);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private InputStream open() throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (NoSuchFileException e) {
            throw DataValidationException.param("input", file, "file not found", "check the path");
        }
    }

    /** A label column: a code per row and the distinct labels in order of first appearance. */
    public static final class LabelColumn {
        private final int[] codes;
        private final List<String> values;

        LabelColumn(int[] codes, List<String> values) {
            this.codes = codes;
            this.values = values;
        }

        /** The code of each row; {@code values().get(codes[i])} is row i's label. Handed over, not copied. */
        public int[] codes() { return codes; }

        /** Distinct labels in order of first appearance. */
        public List<String> values() { return values; }

        /** The labels as strings, one per row (allocates an array of references only). */
        public String[] strings() {
            String[] out = new String[codes.length];
            String[] v = values.toArray(new String[0]);
            for (int i = 0; i < codes.length; i++) out[i] = v[codes[i]];
            return out;
        }

        /** Number of rows. */
        public int size() { return codes.length; }
    }

    /** The columns that were read, by name. */
    public static final class Columns {
        private final String file;
        private final List<String> header;
        private final int rows;
        private final Map<String, Sink> sinks;

        Columns(String file, List<String> header, int rows, Map<String, Sink> sinks) {
            this.file = file;
            this.header = List.copyOf(header);
            this.rows = rows;
            this.sinks = sinks;
        }

        public String file() { return file; }

        public List<String> header() { return header; }

        public int rowCount() { return rows; }

        /** A numeric column (finite values). The array is handed over to the caller, not copied. */
        public double[] numbers(String column) {
            Sink s = sink(column);
            if ((s.kind & NUMBER) == 0) throw new IllegalStateException("column '" + column + "' was not requested as numbers");
            return s.numbers.length == rows ? s.numbers : (s.numbers = Arrays.copyOf(s.numbers, rows));
        }

        /** A label column. */
        public LabelColumn labels(String column) {
            Sink s = sink(column);
            if ((s.kind & LABEL) == 0) throw new IllegalStateException("column '" + column + "' was not requested as labels");
            int[] codes = s.codes.length == rows ? s.codes : (s.codes = Arrays.copyOf(s.codes, rows));
            return new LabelColumn(codes, List.copyOf(s.dictionary.values));
        }

        /** The 1-based line in the file where data row {@code row} (0-based) starts. */
        public long line(int row) {
            for (Sink s : sinks.values()) return s.lines == null ? row + 2L : s.lines[row];
            return row + 2L;
        }

        private Sink sink(String column) {
            Sink s = sinks.get(column);
            if (s == null) throw dev.holdout.data.Columns.unknown("column", column, new ArrayList<>(sinks.keySet()), file);
            return s;
        }
    }

    /** Where one requested column's values go. */
    static final class Sink {
        final String name;
        final int kind;
        double[] numbers;
        int[] codes;
        Dictionary dictionary;
        long[] lines;

        Sink(String name, int kind) {
            this.name = name;
            this.kind = kind;
            if ((kind & NUMBER) != 0) numbers = new double[1024];
            if ((kind & LABEL) != 0) {
                codes = new int[1024];
                dictionary = new Dictionary();
            }
        }

        void grow(int need) {
            int cap = Math.max(need, (numbers != null ? numbers.length : codes.length) * 2);
            if (numbers != null) numbers = Arrays.copyOf(numbers, cap);
            if (codes != null) codes = Arrays.copyOf(codes, cap);
        }
    }

    /**
     * Open-addressing map from label bytes to codes; a String is made once per distinct byte
     * sequence. Byte sequences that decode to the same trimmed label share one code.
     */
    static final class Dictionary {
        final List<String> values = new ArrayList<>();
        private final Map<String, Integer> codeOf = new java.util.HashMap<>();
        private byte[][] keys = new byte[16][];
        private int[] hashes = new int[16];
        private int[] entryCode = new int[16];
        private int entries;
        private int[] table = new int[64];
        private int mask = 63;
        /** Codes of one-byte labels ("0", "1", "y"), the common case, looked up without hashing. */
        final int[] single = new int[256];

        Dictionary() {
            Arrays.fill(table, -1);
            Arrays.fill(single, -1);
        }

        /** Returns the code of the bytes, or -1 when they are new (the caller then validates and adds). */
        int find(byte[] b, int from, int to, int h) {
            int slot = h & mask;
            while (true) {
                int e = table[slot];
                if (e < 0) return -1;
                if (hashes[e] == h && Arrays.equals(keys[e], 0, keys[e].length, b, from, to)) return entryCode[e];
                slot = (slot + 1) & mask;
            }
        }

        int add(byte[] b, int from, int to, int h, String value) {
            Integer code = codeOf.get(value);
            if (code == null) {
                code = values.size();
                values.add(value);
                codeOf.put(value, code);
            }
            int e = entries++;
            if (e == keys.length) {
                keys = Arrays.copyOf(keys, e * 2);
                hashes = Arrays.copyOf(hashes, e * 2);
                entryCode = Arrays.copyOf(entryCode, e * 2);
            }
            keys[e] = Arrays.copyOfRange(b, from, to);
            hashes[e] = h;
            entryCode[e] = code;
            if (entries * 2 > table.length) rehash();
            else insert(e, h);
            return code;
        }

        private void insert(int e, int h) {
            int slot = h & mask;
            while (table[slot] >= 0) slot = (slot + 1) & mask;
            table[slot] = e;
        }

        private void rehash() {
            table = new int[table.length * 2];
            Arrays.fill(table, -1);
            mask = table.length - 1;
            for (int e = 0; e < entries; e++) insert(e, hashes[e]);
        }
    }

    /** The byte-level scanner: a refillable buffer and the current position. */
    private static final class Scanner {
        private final InputStream in;
        private final String file;
        private byte[] buf = new byte[1 << 20];
        private int pos, lim;
        private boolean eof;
        private long line = 1;
        private byte[] scratch = new byte[256];
        private List<String> header;

        Scanner(InputStream in, String file) {
            this.in = in;
            this.file = file;
        }

        /** Makes sure at least one unread byte is buffered; false at end of input. */
        private boolean fill() throws IOException {
            if (pos < lim) return true;
            if (eof) return false;
            int n = in.read(buf, 0, buf.length);
            if (n <= 0) {
                eof = true;
                pos = lim = 0;
                return false;
            }
            pos = 0;
            lim = n;
            return true;
        }

        List<String> header() throws IOException {
            if (header != null) return header;
            if (!fill()) {
                throw DataValidationException.at(file, 1, null, null, "the file is empty; expected a header line with column names");
            }
            // UTF-8 byte order mark
            if (lim - pos >= 3 && (buf[pos] & 0xFF) == 0xEF && (buf[pos + 1] & 0xFF) == 0xBB && (buf[pos + 2] & 0xFF) == 0xBF) pos += 3;
            List<String> names = new ArrayList<>();
            while (true) {
                int len = field();
                names.add(decode(scratch, 0, len, null, "header"));
                int end = delimiter();
                if (end != ',') break;
            }
            if (names.size() == 1 && names.get(0).isEmpty()) {
                throw DataValidationException.at(file, 1, null, null, "the header line is empty; expected column names");
            }
            header = names;
            return names;
        }

        /** The delimiter after a field: ',' or '\n' (CRLF and CR folded), or -1 at end of input. */
        private int delimiter() throws IOException {
            if (!fill()) return -1;
            byte c = buf[pos++];
            if (c == ',') return ',';
            if (c == '\n') {
                line++;
                return '\n';
            }
            if (c == '\r') {
                if (fill() && buf[pos] == '\n') pos++;
                line++;
                return '\n';
            }
            throw new AssertionError("field() stops at a delimiter");
        }

        /** Reads one field (quoted or not) into scratch and returns its length; stops before the delimiter. */
        private int field() throws IOException {
            int len = 0;
            if (!fill()) return 0;
            if (buf[pos] == '"') {
                pos++;
                long startLine = line;
                while (true) {
                    if (!fill()) {
                        throw DataValidationException.at(file, startLine, null, null,
                                "a quoted field is never closed (missing \")");
                    }
                    byte c = buf[pos++];
                    if (c == '"') {
                        if (fill() && buf[pos] == '"') {
                            pos++;
                        } else {
                            break;
                        }
                    } else if (c == '\n') {
                        line++;
                    }
                    if (len == scratch.length) scratch = Arrays.copyOf(scratch, len * 2);
                    scratch[len++] = c;
                }
                // Text after the closing quote up to the delimiter is kept (lenient, as most readers).
            }
            while (fill()) {
                byte c = buf[pos];
                if (c == ',' || c == '\n' || c == '\r') break;
                if (len == scratch.length) scratch = Arrays.copyOf(scratch, len * 2);
                scratch[len++] = c;
                pos++;
            }
            return len;
        }

        /** Skips one field without copying it. */
        private void skip() throws IOException {
            if (!fill()) return;
            if (buf[pos] == '"') {
                field();
                return;
            }
            while (true) {
                int p = pos, l = lim;
                byte[] b = buf;
                while (p < l) {
                    byte c = b[p];
                    if (c == ',' || c == '\n' || c == '\r') {
                        pos = p;
                        return;
                    }
                    p++;
                }
                pos = p;
                if (!fill()) return;
            }
        }

        /**
         * Reads the body. The hot loop works on the buffer directly when the whole row is buffered
         * and has no quote; other rows go through the general field() path.
         */
        int body(int[] kinds, Sink[] sinks, int limit) throws IOException {
            int nf = kinds.length;
            int rows = 0;
            boolean trackLines = false;
            long[] lines = null;
            int capacity = sinksCapacity(sinks);
            int[] starts = new int[nf], ends = new int[nf];
            while (rows < limit && fill()) {
                // Skip blank lines.
                byte first = buf[pos];
                if (first == '\n' || first == '\r') {
                    delimiter();
                    continue;
                }
                long rowLine = line;
                if (rows == capacity) {
                    for (Sink s : sinks) if (s != null) s.grow(rows + 1);
                    capacity = sinksCapacity(sinks);
                }
                if (!trackLines && rowLine != rows + 2L) {
                    // Blank lines or a quoted newline came before: from now on remember each row's line.
                    trackLines = true;
                    lines = new long[Math.max(16, rows + 1)];
                    for (int r = 0; r < rows; r++) lines[r] = r + 2L;
                }
                int fast;
                while ((fast = fastRow(kinds, starts, ends)) == RETRY) {
                    // The row runs past the buffer: keep its start, read more, try again.
                    compactAndRead();
                }
                if (fast == DONE) {
                    for (int f = 0; f < nf; f++) {
                        if (kinds[f] != 0) {
                            fb = buf;
                            fs = starts[f];
                            store(sinks[f], rows, ends[f] - starts[f], rowLine);
                        }
                    }
                } else {
                    slowRow(kinds, sinks, rows, rowLine);
                }
                if (trackLines) {
                    if (rows == lines.length) lines = Arrays.copyOf(lines, rows * 2);
                    lines[rows] = rowLine;
                }
                rows++;
            }
            if (trackLines) for (Sink s : sinks) if (s != null) s.lines = lines;
            return rows;
        }

        private static final int DONE = 0, SLOW = 1, RETRY = 2;

        /**
         * The hot path: a row without quotes that lies entirely in the buffer. It records where each
         * field starts and ends, and only then (in body) stores values, so a row cut by the buffer end
         * never leaves half a label in a dictionary. Anything unusual (a quote, a wrong field count)
         * returns SLOW and the general path reads the row and reports errors.
         */
        private int fastRow(int[] kinds, int[] starts, int[] ends) {
            final byte[] b = buf;
            final int l = lim;
            final int nf = kinds.length;
            int p = pos;
            for (int f = 0; f < nf; f++) {
                if (p < l && b[p] == '"') return SLOW;
                int start = p;
                while (p < l) {
                    byte c = b[p];
                    if (c == ',' || c == '\n' || c == '\r') break;
                    p++;
                }
                if (p >= l && !eof) return RETRY;
                starts[f] = start;
                ends[f] = p;
                if (f < nf - 1) {
                    if (p >= l || b[p] != ',') return SLOW; // too few fields: the slow path says so
                    p++;
                } else {
                    if (p < l && b[p] == ',') return SLOW; // too many fields
                    if (p < l) {
                        if (b[p] == '\r') {
                            p++;
                            if (p >= l && !eof) return RETRY; // is a \n next? read on to know
                            if (p < l && b[p] == '\n') p++;
                        } else {
                            p++;
                        }
                    }
                }
            }
            pos = p;
            line++;
            return DONE;
        }

        /** Moves the unread tail to the front of the buffer (growing it if the tail fills it) and reads more. */
        private void compactAndRead() throws IOException {
            int tail = lim - pos;
            if (tail == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
            System.arraycopy(buf, pos, buf, 0, tail);
            pos = 0;
            lim = tail;
            while (lim < buf.length) {
                int n = in.read(buf, lim, buf.length - lim);
                if (n <= 0) {
                    eof = true;
                    return;
                }
                lim += n;
                if (lim - tail >= 1 << 16) return; // enough new bytes for now
            }
        }

        /** The general path for one row: quotes, quoted newlines, and every error message. */
        private void slowRow(int[] kinds, Sink[] sinks, int row, long rowLine) throws IOException {
            int nf = kinds.length;
            for (int f = 0; f < nf; f++) {
                int kind = kinds[f];
                if (kind == 0) {
                    skip();
                } else {
                    int len = fieldFast();
                    store(sinks[f], row, len, rowLine);
                }
                int d = delimiter();
                if (f < nf - 1 && d != ',') {
                    throw DataValidationException.at(file, rowLine, header.get(f + 1), null,
                            "the row has " + (f + 1) + " fields but the header has " + nf + "; every row needs one value per column");
                }
                if (f == nf - 1 && d == ',') {
                    throw DataValidationException.at(file, rowLine, null, null,
                            "the row has more fields than the header's " + nf + "; quote values that contain commas");
                }
            }
        }

        private static int sinksCapacity(Sink[] sinks) {
            for (Sink s : sinks) if (s != null) return s.numbers != null ? s.numbers.length : s.codes.length;
            return Integer.MAX_VALUE;
        }

        // The field most recently read by fieldFast() lives in fb[fs, fs+len).
        private byte[] fb;
        private int fs;

        /** Like field(), but returns a view into the buffer when the field is unquoted and fully buffered. */
        private int fieldFast() throws IOException {
            if (!fill()) {
                fb = scratch;
                fs = 0;
                return 0;
            }
            if (buf[pos] != '"') {
                int p = pos, l = lim;
                byte[] b = buf;
                while (p < l) {
                    byte c = b[p];
                    if (c == ',' || c == '\n' || c == '\r') {
                        fb = b;
                        fs = pos;
                        int len = p - pos;
                        pos = p;
                        return len;
                    }
                    p++;
                }
                if (!eof) {
                    // The field runs past the buffer: move the tail to the front and read more.
                    int tail = lim - pos;
                    if (tail == buf.length) buf = Arrays.copyOf(buf, buf.length * 2);
                    System.arraycopy(buf, pos, buf, 0, tail);
                    pos = 0;
                    lim = tail;
                    int n = in.read(buf, lim, buf.length - lim);
                    if (n > 0) lim += n; else eof = true;
                    return fieldFast();
                }
                fb = b;
                fs = pos;
                int len = lim - pos;
                pos = lim;
                return len;
            }
            int len = field();
            fb = scratch;
            fs = 0;
            return len;
        }

        private void store(Sink s, int row, int len, long rowLine) {
            byte[] b = fb;
            int from = fs, to = fs + len;
            if ((s.kind & NUMBER) != 0) {
                s.numbers[row] = number(b, from, to, s.name, rowLine);
            }
            if ((s.kind & LABEL) != 0) {
                if (len == 1) {
                    int c = s.dictionary.single[b[from] & 0xFF];
                    if (c >= 0) {
                        s.codes[row] = c;
                        return;
                    }
                }
                int h = 0;
                for (int i = from; i < to; i++) h = 31 * h + b[i];
                h ^= h >>> 16;
                Dictionary d = s.dictionary;
                int code = d.find(b, from, to, h);
                if (code < 0) {
                    String v = decode(b, from, to, rowLine, s.name).trim();
                    if (v.isEmpty()) {
                        throw DataValidationException.at(file, rowLine, s.name, "", "the value is missing; every row needs a label");
                    }
                    code = d.add(b, from, to, h, v.intern());
                    if (len == 1) d.single[b[from] & 0xFF] = code;
                }
                s.codes[row] = code;
            }
        }

        private String decode(byte[] b, int from, int to, Long rowLine, String column) {
            try {
                return StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT)
                        .decode(ByteBuffer.wrap(b, from, to - from)).toString();
            } catch (CharacterCodingException e) {
                StringBuilder hex = new StringBuilder();
                for (int i = from; i < Math.min(to, from + 16); i++) hex.append(String.format("%02X ", b[i] & 0xFF));
                throw DataValidationException.at(file, rowLine == null ? line : rowLine, column, hex.toString().trim(),
                        "the bytes [" + hex.toString().trim() + "] are not valid UTF-8; save the file as UTF-8");
            }
        }

        private static final double[] POW10 = {1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};

        /**
         * Parses a decimal number. The fast path (at most 18 significant digits, mantissa below 2^53,
         * decimal exponent within ±22) is exact by Clinger's argument: one correctly rounded
         * multiplication or division of two exactly representable doubles. Anything else goes to
         * {@link Double#parseDouble}.
         */
        private double number(byte[] b, int from, int to, String column, long rowLine) {
            while (from < to && (b[from] == ' ' || b[from] == '\t')) from++;
            while (to > from && (b[to - 1] == ' ' || b[to - 1] == '\t')) to--;
            if (from == to) {
                throw DataValidationException.at(file, rowLine, column, "", "the value is missing; expected a number");
            }
            int i = from;
            boolean neg = false;
            if (b[i] == '-') {
                neg = true;
                i++;
            } else if (b[i] == '+') {
                i++;
            }
            long mant = 0;
            int digits = 0, exp = 0;
            boolean any = false;
            while (i < to) {
                int d = b[i] - '0';
                if (d < 0 || d > 9) break;
                any = true;
                if (mant != 0 || d != 0) {
                    mant = mant * 10 + d;
                    digits++;
                }
                i++;
            }
            if (i < to && b[i] == '.') {
                i++;
                while (i < to) {
                    int d = b[i] - '0';
                    if (d < 0 || d > 9) break;
                    any = true;
                    if (mant != 0 || d != 0) {
                        mant = mant * 10 + d;
                        digits++;
                    }
                    exp--;
                    i++;
                }
            }
            if (any && i < to && (b[i] == 'e' || b[i] == 'E')) {
                i++;
                boolean eneg = false;
                if (i < to && (b[i] == '-' || b[i] == '+')) {
                    eneg = b[i] == '-';
                    i++;
                }
                int e = 0;
                boolean eany = false;
                while (i < to && b[i] >= '0' && b[i] <= '9' && e < 100000) {
                    e = e * 10 + (b[i] - '0');
                    eany = true;
                    i++;
                }
                if (!eany) i = -1;
                exp += eneg ? -e : e;
            }
            if (any && i == to && digits <= 18) {
                if (mant == 0) return neg ? -0.0 : 0.0;
                if (mant < (1L << 53) && exp >= -22 && exp <= 22) {
                    double v = exp < 0 ? mant / POW10[-exp] : mant * POW10[exp];
                    return neg ? -v : v;
                }
            }
            return slowNumber(b, from, to, column, rowLine);
        }

        private double slowNumber(byte[] b, int from, int to, String column, long rowLine) {
            String text = new String(b, from, to - from, StandardCharsets.ISO_8859_1);
            double v;
            try {
                v = Double.parseDouble(text);
            } catch (NumberFormatException e) {
                String shown = decodeLenient(b, from, to);
                throw DataValidationException.at(file, rowLine, column, shown,
                        "'" + shown + "' is not a number; fix the value or pick a numeric column");
            }
            if (!Double.isFinite(v)) {
                throw DataValidationException.at(file, rowLine, column, text,
                        "'" + text + "' is not a finite number; drop or impute rows with NaN or infinity first");
            }
            return v;
        }

        private static String decodeLenient(byte[] b, int from, int to) {
            return new String(b, from, Math.min(to - from, 80), StandardCharsets.UTF_8);
        }
    }
}
