package dev.holdout.data;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads CSV or TSV into a Tablesaw {@link Table}, strictly: bad input is a
 * {@link DataValidationException} naming the file, the line and the column, never a silent value.
 *
 * <ul>
 *   <li>RFC 4180 quoting ({@code "a, b"}, {@code ""} for a quote, line breaks inside quotes); LF or CRLF;
 *       a UTF-8 byte-order mark is skipped; blank lines are skipped.
 *   <li>Refused: an empty file, an empty or duplicate header name, a row with more or fewer fields
 *       than the header, an unterminated quote, bytes that are not UTF-8, a value that does not parse
 *       in a column declared numeric or date, a column the schema names that the file lacks.
 *   <li>Missing values ({@code ""}, {@code NA}, {@code N/A}, {@code NaN}, {@code null}, {@code NULL} by
 *       default) stay missing: never 0.
 *   <li>Types are inferred per column (see {@link ColumnKind}) unless the schema declares them.
 * </ul>
 *
 * <pre>{@code
 * Table t = CsvLoader.csv().schema(Schema.empty().withType("date", ColumnKind.DATE)).load(Path.of("seattle-weather.csv"));
 * t.rowCount();   // 1461
 * }</pre>
 */
public final class CsvLoader {
    /** The tokens read as missing unless {@link #missingTokens(Set)} says otherwise. */
    public static final Set<String> DEFAULT_MISSING = Set.of("", "NA", "N/A", "NaN", "null", "NULL");

    private final char delimiter;
    private final Schema schema;
    private final Set<String> missing;

    private final int longestMissing;

    private CsvLoader(char delimiter, Schema schema, Set<String> missing) {
        this.delimiter = delimiter;
        this.schema = schema;
        this.missing = missing;
        this.longestMissing = missing.stream().mapToInt(String::length).max().orElse(-1);
    }

    /** Whether a raw value is a missing token (a length check first: most values are longer). */
    private boolean isMissing(String v) {
        return v.length() <= longestMissing && missing.contains(v);
    }

    /** Comma-separated. */
    public static CsvLoader csv() { return new CsvLoader(',', Schema.empty(), DEFAULT_MISSING); }

    /** Tab-separated. */
    public static CsvLoader tsv() { return new CsvLoader('\t', Schema.empty(), DEFAULT_MISSING); }

    /** Comma- or tab-separated by the file name ({@code .tsv}/{@code .tab} means tabs). */
    public static CsvLoader forFile(Path file) {
        String n = file.getFileName().toString().toLowerCase();
        return n.endsWith(".tsv") || n.endsWith(".tab") ? tsv() : csv();
    }

    public CsvLoader delimiter(char d) {
        if (d == '"' || d == '\n' || d == '\r') {
            throw DataValidationException.param("delimiter", "'" + d + "'", "cannot be a quote or a line break", "use ',' or '\\t'");
        }
        return new CsvLoader(d, schema, missing);
    }

    public CsvLoader schema(Schema s) { return new CsvLoader(delimiter, Objects.requireNonNull(s), missing); }

    public CsvLoader missingTokens(Set<String> tokens) { return new CsvLoader(delimiter, schema, Set.copyOf(tokens)); }

    public char delimiter() { return delimiter; }

    public Schema schema() { return schema; }

    /** Loads a file. */
    public Table load(Path file) { return read(file).table(); }

    /** Loads a file and keeps the exact text of every record (for writing parts back unchanged). */
    public LoadedCsv read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw DataValidationException.param("input", file, "file does not exist", "check the path");
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return parse(file.toString(), dot > 0 ? name.substring(0, dot) : name, bytes);
    }

    /** Loads bytes; {@code source} names them in error messages. */
    public Table load(String source, byte[] bytes) { return parse(source, source, bytes).table(); }

    /**
     * A loaded file: the table, the header line, and the exact text of each data record, so that a
     * subset of rows can be written back byte for byte.
     */
    public static final class LoadedCsv {
        private final Table table;
        private final String text;
        private final String header;
        private final int[] starts;
        private final int[] ends;

        LoadedCsv(Table table, String text, String header, int[] starts, int[] ends) {
            this.table = table;
            this.text = text;
            this.header = header;
            this.starts = starts;
            this.ends = ends;
        }

        public Table table() { return table; }

        /** The header line as it was in the file (without the line break). */
        public String headerLine() { return header; }

        /** The text of data record {@code row} (0-based) as it was in the file, without its line break. */
        public String record(int row) { return text.substring(starts[row], ends[row]); }

        /** Whether the file started with a UTF-8 byte-order mark. */
        public boolean hasByteOrderMark() { return text.startsWith("\uFEFF"); }

        /** The file's line break, as its header line ends: {@code "\r\n"} or {@code "\n"}. */
        public String lineSeparator() {
            int end = text.indexOf('\n');
            return end > 0 && text.charAt(end - 1) == '\r' ? "\r\n" : "\n";
        }

        /** The 1-based line of the file on which data record {@code row} (0-based) starts. */
        public long lineOf(int row) {
            long line = 1;
            int until = starts[row];
            for (int i = 0; i < until; i++) if (text.charAt(i) == '\n') line++;
            return line;
        }

        /**
         * Appends the header and the records at {@code rows} as the file had them: the same byte-order
         * mark, the same line break, each record's text unchanged.
         */
        public void appendPart(int[] rows, StringBuilder out) {
            String nl = lineSeparator();
            if (hasByteOrderMark()) out.append('\uFEFF');
            out.append(header).append(nl);
            for (int r : rows) out.append(text, starts[r], ends[r]).append(nl);
        }
    }

    // ------------------------------------------------------------------------------------------------

    private LoadedCsv parse(String source, String tableName, byte[] bytes) {
        String text = decodeUtf8(source, bytes);
        int pos = text.startsWith("\uFEFF") ? 1 : 0;
        if (text.isBlank()) {
            throw DataValidationException.at(source, 1, null, null, "the file is empty; expected a header line with column names");
        }
        Tokenizer tok = new Tokenizer(source, text, pos, delimiter);
        List<String> header = new ArrayList<>();
        int headerStart = tok.pos;
        while (tok.atBlankLine()) headerStart = tok.pos;
        tok.readRecord(header);
        String headerLine = text.substring(headerStart, tok.recordEnd);
        checkHeader(source, header);
        int ncol = header.size();
        String[][] cells = new String[ncol][];
        int capacity = Math.max(16, text.length() / Math.max(1, 8 * ncol));
        for (int c = 0; c < ncol; c++) cells[c] = new String[capacity];
        int[] starts = new int[capacity];
        int[] ends = new int[capacity];
        long[] lines = new long[capacity];
        int rows = 0;
        List<String> fields = new ArrayList<>(ncol);
        while (!tok.atEnd()) {
            if (tok.atBlankLine()) continue;
            long line = tok.line;
            int start = tok.pos;
            fields.clear();
            tok.readRecord(fields);
            if (fields.size() != ncol) {
                throw DataValidationException.at(source, line, null, null,
                        "ragged row: " + fields.size() + " fields, but the header has " + ncol
                                + "; every row needs exactly one value per column (quote values that contain '" + printable(delimiter) + "')");
            }
            if (rows == starts.length) {
                int cap = rows * 2;
                for (int c = 0; c < ncol; c++) cells[c] = Arrays.copyOf(cells[c], cap);
                starts = Arrays.copyOf(starts, cap);
                ends = Arrays.copyOf(ends, cap);
                lines = Arrays.copyOf(lines, cap);
            }
            for (int c = 0; c < ncol; c++) cells[c][rows] = fields.get(c);
            starts[rows] = start;
            ends[rows] = tok.recordEnd;
            lines[rows] = line;
            rows++;
        }
        Table table = Table.create(tableName);
        for (int c = 0; c < ncol; c++) {
            table.addColumns(buildColumn(source, header.get(c), cells[c], rows, lines));
            cells[c] = null;
        }
        for (String declared : schema.declaredColumns()) {
            if (!header.contains(declared)) {
                DataValidationException e = Columns.unknown("column", declared, header, source);
                throw new DataValidationException(source + ": the schema names column '" + declared
                        + "' but the file has no such column; " + e.getMessage().substring(e.getMessage().indexOf(':') + 2),
                        source, 1, declared, null);
            }
        }
        return new LoadedCsv(table, text, headerLine, Arrays.copyOf(starts, rows), Arrays.copyOf(ends, rows));
    }

    private static String printable(char c) { return c == '\t' ? "\\t" : String.valueOf(c); }

    private static void checkHeader(String source, List<String> header) {
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i);
            if (h.isBlank()) {
                throw DataValidationException.at(source, 1, null, h,
                        "column " + (i + 1) + " of the header has no name; give every column a name");
            }
            Integer prev = seen.put(h, i);
            if (prev != null) {
                throw DataValidationException.at(source, 1, h, h, "duplicate header name: columns " + (prev + 1) + " and " + (i + 1)
                        + " are both named '" + h + "'; rename one of them");
            }
        }
    }

    private static String decodeUtf8(String source, byte[] bytes) {
        CharsetDecoder dec = StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            long line = 1;
            int lineStart = 0;
            for (int i = 0; i < offset; i++) {
                if (bytes[i] == '\n') {
                    line++;
                    lineStart = i + 1;
                }
            }
            throw DataValidationException.at(source, line, null, null, String.format(
                    "bytes that are not UTF-8 at byte offset %d (column %d of the line, byte 0x%02X); save the file as UTF-8",
                    offset, offset - lineStart + 1, bytes[offset] & 0xFF));
        }
        dec.flush(out);
        out.flip();
        return out.toString();
    }

    /** A hand-written RFC 4180 tokenizer over the decoded text. */
    private static final class Tokenizer {
        final String source;
        final String text;
        final char delim;
        int pos;
        long line = 1;
        int recordEnd;
        private final StringBuilder sb = new StringBuilder();

        Tokenizer(String source, String text, int pos, char delim) {
            this.source = source;
            this.text = text;
            this.pos = pos;
            this.delim = delim;
        }

        boolean atEnd() { return pos >= text.length(); }

        /** Consumes an empty line, if that is what comes next. */
        boolean atBlankLine() {
            if (pos < text.length() && text.charAt(pos) == '\n') {
                pos++;
                line++;
                return true;
            }
            if (pos + 1 < text.length() && text.charAt(pos) == '\r' && text.charAt(pos + 1) == '\n') {
                pos += 2;
                line++;
                return true;
            }
            return false;
        }

        void readRecord(List<String> out) {
            int n = text.length();
            while (true) {
                if (pos < n && text.charAt(pos) == '"') {
                    long quoteLine = line;
                    pos++;
                    sb.setLength(0);
                    while (true) {
                        if (pos >= n) {
                            throw DataValidationException.at(source, quoteLine, null, null,
                                    "a quoted value starts here but its closing quote is missing; close it with \"");
                        }
                        char c = text.charAt(pos++);
                        if (c == '"') {
                            if (pos < n && text.charAt(pos) == '"') {
                                sb.append('"');
                                pos++;
                            } else {
                                break;
                            }
                        } else {
                            if (c == '\n') line++;
                            sb.append(c);
                        }
                    }
                    out.add(sb.toString());
                    if (pos < n && text.charAt(pos) != delim && text.charAt(pos) != '\n' && text.charAt(pos) != '\r') {
                        throw DataValidationException.at(source, line, null, null,
                                "unexpected text after a closing quote in field " + out.size() + "; a quoted value must be followed by '"
                                        + printable(delim) + "' or the end of the line");
                    }
                } else {
                    int start = pos;
                    while (pos < n) {
                        char c = text.charAt(pos);
                        if (c == delim || c == '\n' || (c == '\r' && pos + 1 < n && text.charAt(pos + 1) == '\n')) break;
                        pos++;
                    }
                    int end = pos;
                    if (end == n && end > start && text.charAt(end - 1) == '\r') end--;
                    out.add(text.substring(start, end));
                }
                if (pos >= n) {
                    recordEnd = n > 0 && text.charAt(n - 1) == '\r' ? n - 1 : n;
                    return;
                }
                char c = text.charAt(pos);
                if (c == delim) {
                    pos++;
                    if (pos >= n) {
                        out.add("");
                        recordEnd = pos;
                        return;
                    }
                    continue;
                }
                recordEnd = pos;
                pos += c == '\r' ? 2 : 1;
                line++;
                return;
            }
        }
    }

    // ------------------------------------------------------------------------------------------------

    private Column<?> buildColumn(String source, String name, String[] values, int rows, long[] lines) {
        ColumnKind declared = schema.types().get(name);
        ColumnKind kind = declared != null ? declared : infer(values, rows);
        return switch (kind) {
            case INTEGER -> integerColumn(source, name, values, rows, lines, declared != null);
            case NUMBER -> numberColumn(source, name, values, rows, lines);
            case DATE -> dateColumn(source, name, values, rows, lines);
            case DATETIME -> dateTimeColumn(source, name, values, rows, lines);
            case TEXT -> {
                String[] copy = new String[rows];
                for (int i = 0; i < rows; i++) copy[i] = isMissing(values[i]) ? "" : values[i];
                yield StringColumn.create(name, copy);
            }
        };
    }

    private ColumnKind infer(String[] values, int rows) {
        boolean integer = true, number = true, date = true, dateTime = true, any = false;
        for (int i = 0; i < rows; i++) {
            String v = values[i];
            if (isMissing(v)) continue;
            any = true;
            if (integer && !isInteger(v)) integer = false;
            if (!integer && number && !isNumber(v)) number = false;
            if (date && !isDate(v)) date = false;
            if (dateTime && !isDateTime(v)) dateTime = false;
            if (!integer && !number && !date && !dateTime) return ColumnKind.TEXT;
        }
        if (!any) return ColumnKind.TEXT;
        if (integer) return ColumnKind.INTEGER;
        if (number) return ColumnKind.NUMBER;
        if (date) return ColumnKind.DATE;
        if (dateTime) return ColumnKind.DATETIME;
        return ColumnKind.TEXT;
    }

    static boolean isInteger(String v) {
        int n = v.length(), i = 0;
        if (n == 0) return false;
        if (v.charAt(0) == '-' || v.charAt(0) == '+') i++;
        if (i == n || n - i > 18) return false;
        for (; i < n; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return false;
        }
        return true;
    }

    /** Plain decimal numbers only: no hex, no {@code d}/{@code f} suffix, no {@code Infinity}. */
    static boolean isNumber(String v) {
        int n = v.length(), i = 0;
        if (n == 0) return false;
        if (v.charAt(i) == '-' || v.charAt(i) == '+') i++;
        int digits = 0;
        while (i < n && Character.isDigit(v.charAt(i))) { i++; digits++; }
        if (i < n && v.charAt(i) == '.') {
            i++;
            while (i < n && Character.isDigit(v.charAt(i))) { i++; digits++; }
        }
        if (digits == 0) return false;
        if (i < n && (v.charAt(i) == 'e' || v.charAt(i) == 'E')) {
            i++;
            if (i < n && (v.charAt(i) == '-' || v.charAt(i) == '+')) i++;
            int exp = 0;
            while (i < n && Character.isDigit(v.charAt(i))) { i++; exp++; }
            if (exp == 0) return false;
        }
        return i == n;
    }

    static boolean isDate(String v) {
        return parseDate(v) != null;
    }

    /** ISO {@code yyyy-MM-dd} without the formatter machinery; null when it is not a valid date. */
    static LocalDate parseDate(String v) {
        if (v.length() != 10 || v.charAt(4) != '-' || v.charAt(7) != '-') return null;
        int y = digits(v, 0, 4), m = digits(v, 5, 7), d = digits(v, 8, 10);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return null;
        if (d > 28 && d > java.time.YearMonth.of(y, m).lengthOfMonth()) return null;
        return LocalDate.of(y, m, d);
    }

    private static int digits(String v, int from, int to) {
        int x = 0;
        for (int i = from; i < to; i++) {
            char c = v.charAt(i);
            if (c < '0' || c > '9') return -1;
            x = x * 10 + (c - '0');
        }
        return x;
    }

    static boolean isDateTime(String v) {
        if (v.length() < 16 || v.charAt(4) != '-' || (v.charAt(10) != 'T' && v.charAt(10) != ' ')) return false;
        try {
            parseDateTime(v);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    static LocalDateTime parseDateTime(String v) {
        return LocalDateTime.parse(v.length() > 10 && v.charAt(10) == ' ' ? v.substring(0, 10) + 'T' + v.substring(11) : v);
    }

    private DataValidationException bad(String source, long line, String column, String value, String what) {
        return DataValidationException.at(source, line, column, value,
                "value '" + value + "' is not " + what + "; fix the value, mark it missing (empty), or declare the column TEXT");
    }

    private Column<?> integerColumn(String source, String name, String[] v, int rows, long[] lines, boolean declared) {
        long[] parsed = new long[rows];
        boolean[] miss = new boolean[rows];
        boolean fitsInt = true;
        for (int i = 0; i < rows; i++) {
            if (isMissing(v[i])) {
                miss[i] = true;
                continue;
            }
            if (!isInteger(v[i])) throw bad(source, lines[i], name, v[i], "a whole number (column " + name + " is INTEGER)");
            long x = Long.parseLong(v[i].startsWith("+") ? v[i].substring(1) : v[i]);
            parsed[i] = x;
            if (x <= Integer.MIN_VALUE || x > Integer.MAX_VALUE) fitsInt = false;
        }
        if (fitsInt) {
            IntColumn c = IntColumn.create(name, rows);
            for (int i = 0; i < rows; i++) {
                if (miss[i]) c.setMissing(i);
                else c.set(i, (int) parsed[i]);
            }
            return c;
        }
        LongColumn c = LongColumn.create(name, rows);
        for (int i = 0; i < rows; i++) {
            if (miss[i]) c.setMissing(i);
            else if (parsed[i] == Long.MIN_VALUE) throw bad(source, lines[i], name, v[i], "a whole number in range");
            else c.set(i, parsed[i]);
        }
        return c;
    }

    private Column<?> numberColumn(String source, String name, String[] v, int rows, long[] lines) {
        double[] out = new double[rows];
        for (int i = 0; i < rows; i++) {
            if (isMissing(v[i])) {
                out[i] = Double.NaN;
            } else if (isNumber(v[i])) {
                out[i] = Double.parseDouble(v[i]);
            } else {
                throw bad(source, lines[i], name, v[i], "a number (column " + name + " is NUMBER)");
            }
        }
        return DoubleColumn.create(name, out);
    }

    private Column<?> dateColumn(String source, String name, String[] v, int rows, long[] lines) {
        LocalDate[] out = new LocalDate[rows];
        for (int i = 0; i < rows; i++) {
            if (isMissing(v[i])) continue;
            out[i] = parseDate(v[i]);
            if (out[i] == null) throw bad(source, lines[i], name, v[i], "a date in ISO form yyyy-MM-dd (column " + name + " is DATE)");
        }
        return DateColumn.create(name, out);
    }

    private Column<?> dateTimeColumn(String source, String name, String[] v, int rows, long[] lines) {
        LocalDateTime[] out = new LocalDateTime[rows];
        for (int i = 0; i < rows; i++) {
            if (isMissing(v[i])) continue;
            try {
                out[i] = parseDateTime(v[i]);
            } catch (DateTimeParseException e) {
                throw bad(source, lines[i], name, v[i], "a date-time in ISO form yyyy-MM-ddTHH:mm:ss (column " + name + " is DATETIME)");
            }
        }
        return DateTimeColumn.create(name, out);
    }

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
        return ColumnKind.TEXT;
    }
}
