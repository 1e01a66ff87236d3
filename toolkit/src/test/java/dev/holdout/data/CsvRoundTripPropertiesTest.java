package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterTry;
import net.jqwik.api.lifecycle.BeforeTry;
import tech.tablesaw.api.Table;

/**
 * Random tables written with random quoting, line breaks (LF, CRLF, CR, mixed), byte-order mark, blank lines,
 * delimiter and a missing or present final line break read back equal through every reader: the table loader
 * (streamed and whole), the batches, the column reader, and the scanner through a tiny buffer fed a few bytes at
 * a time. The records come back byte for byte, each on its line.
 */
class CsvRoundTripPropertiesTest {
    private static final String ALPHABET = "ab,\"\n\r \t;é中😀0123456789.-eNAnul";
    private Path dir;

    @BeforeTry void makeDir() throws IOException { dir = Files.createTempDirectory("holdout-roundtrip"); }

    @AfterTry void removeDir() throws IOException {
        try (var s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** A table to write: header, cells, and the choices of how to write it. */
    record Written(byte[] bytes, List<String> header, String[][] cells, String[] records, long[] lines, char delimiter) {}

    static Written write(long seed) {
        SeededRandom r = new SeededRandom(seed);
        int cols = 1 + r.nextInt(5);
        int rows = r.nextInt(25);
        char delim = r.nextInt(4) == 0 ? '\t' : ',';
        String[] breaks = switch (r.nextInt(4)) {
            case 0 -> new String[] {"\n"};
            case 1 -> new String[] {"\r\n"};
            case 2 -> new String[] {"\r"};
            default -> new String[] {"\n", "\r\n", "\r"};
        };
        boolean bom = r.nextInt(3) == 0;
        boolean finalBreak = r.nextInt(2) == 0;
        List<String> header = new ArrayList<>();
        for (int c = 0; c < cols; c++) header.add("c" + c + (r.nextInt(3) == 0 ? " é,\"x\"" : ""));
        String[][] cells = new String[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < cols; c++) {
                int len = r.nextInt(4) == 0 ? 0 : r.nextInt(8);
                StringBuilder v = new StringBuilder();
                for (int k = 0; k < len; k++) v.appendCodePoint(ALPHABET.codePoints().toArray()[r.nextInt((int) ALPHABET.codePoints().count())]);
                cells[i][c] = v.toString();
            }
        }
        StringBuilder out = new StringBuilder();
        if (bom) out.append('\uFEFF');
        long line = 1;
        List<String> recs = new ArrayList<>();
        long[] lines = new long[rows];
        String headerRecord = record(header.toArray(new String[0]), delim, r, cols);
        out.append(headerRecord);
        line += breaksIn(headerRecord);
        for (int i = 0; i < rows; i++) {
            out.append(lineBreak(out, breaks, r));
            line++;
            while (r.nextInt(6) == 0) { // blank lines are skipped but counted
                out.append(lineBreak(out, breaks, r));
                line++;
            }
            lines[i] = line;
            String rec = record(cells[i], delim, r, cols);
            recs.add(rec);
            out.append(rec);
            line += breaksIn(rec);
        }
        if (finalBreak) out.append(lineBreak(out, breaks, r));
        return new Written(out.toString().getBytes(StandardCharsets.UTF_8), header, cells, recs.toArray(new String[0]), lines, delim);
    }

    /** A break that does not join the one before it: CR then LF would be one CRLF. */
    private static String lineBreak(StringBuilder out, String[] breaks, SeededRandom r) {
        String b = breaks[r.nextInt(breaks.length)];
        return b.equals("\n") && out.length() > 0 && out.charAt(out.length() - 1) == '\r' ? "\r" : b;
    }

    private static String record(String[] values, char delim, SeededRandom r, int cols) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < values.length; c++) {
            if (c > 0) sb.append(delim);
            String v = values[c];
            boolean must = v.indexOf(delim) >= 0 || v.contains("\"") || v.contains("\n") || v.contains("\r")
                    || (cols == 1 && v.isEmpty()); // an empty line is a blank line, not an empty value
            if (must || r.nextInt(4) == 0) sb.append('"').append(v.replace("\"", "\"\"")).append('"');
            else sb.append(v);
        }
        return sb.toString();
    }

    /** Line breaks in a record (inside quoted values): CRLF counts once. */
    private static long breaksIn(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\n') n++;
            else if (c == '\r') {
                n++;
                if (i + 1 < s.length() && s.charAt(i + 1) == '\n') i++;
            }
        }
        return n;
    }

    /** What a text cell reads as: missing (null) when, blanks around it trimmed, it is a missing token (or empty). */
    private static String expected(String v) {
        return CsvLoader.DEFAULT_MISSING.contains(v.replaceAll("^[ \t]+|[ \t]+$", "")) ? null : v;
    }

    private static Schema allText(List<String> header) {
        Schema s = Schema.empty();
        for (String h : header) s = s.withType(h, ColumnKind.TEXT);
        return s;
    }

    @Property(tries = 300)
    void everyReaderReadsBackWhatWasWritten(@ForAll long seed) throws IOException {
        Written w = write(seed);
        Path f = dir.resolve(w.delimiter() == '\t' ? "t.tsv" : "t.csv");
        Files.write(f, w.bytes());
        int rows = w.cells().length;
        String[][] want = new String[rows][];
        for (int i = 0; i < rows; i++) want[i] = Arrays.stream(w.cells()[i]).map(CsvRoundTripPropertiesTest::expected).toArray(String[]::new);

        // the table loader, streamed and whole
        CsvLoader loader = CsvLoader.forFile(f).schema(allText(w.header()));
        Table streamed = loader.load(f);
        CsvLoader.LoadedCsv whole = loader.read(f);
        for (Table t : List.of(streamed, whole.table())) {
            assertEquals(w.header(), t.columnNames());
            assertEquals(rows, t.rowCount());
            for (int i = 0; i < rows; i++) {
                for (int c = 0; c < w.header().size(); c++) {
                    String got = t.column(c).isMissing(i) ? null : t.stringColumn(c).get(i);
                    assertEquals(want[i][c], got, "row " + i + " column " + c);
                }
            }
        }
        for (int i = 0; i < rows; i++) {
            assertEquals(w.records()[i], whole.record(i), "record " + i + " as written");
            assertEquals(w.lines()[i], whole.lineOf(i), "line of record " + i);
        }
        ByteArrayOutputStream part = new ByteArrayOutputStream();
        int[] pick = new int[rows];
        for (int i = 0; i < rows; i++) pick[i] = rows - 1 - i;
        whole.writePart(pick, part);
        StringBuilder expectPart = new StringBuilder(whole.hasByteOrderMark() ? "\uFEFF" : "");
        expectPart.append(whole.headerLine()).append(whole.lineSeparator());
        for (int i : pick) expectPart.append(w.records()[i]).append(whole.lineSeparator());
        assertArrayEquals(expectPart.toString().getBytes(StandardCharsets.UTF_8), part.toByteArray());

        // batches and whole columns
        CsvReader reader = CsvReader.open(f);
        for (String h : w.header()) reader = reader.withType(h, ColumnKind.TEXT);
        int row = 0;
        try (CsvReader.Batches batches = reader.batches(1 + (int) Math.floorMod(seed, 7L))) {
            for (CsvBatch b : batches) {
                for (int i = 0; i < b.rows(); i++, row++) {
                    for (int c = 0; c < w.header().size(); c++) assertEquals(want[row][c], b.strings(w.header().get(c))[i]);
                    assertEquals(w.records()[row], new String(b.record(i), StandardCharsets.UTF_8));
                    assertEquals(w.lines()[row], b.line(i));
                }
            }
        }
        assertEquals(rows, row);
        CsvColumns all = reader.readAll();
        for (int c = 0; c < w.header().size(); c++) {
            String[] col = all.strings(w.header().get(c));
            for (int i = 0; i < rows; i++) assertEquals(want[i][c], col[i]);
        }

        // the scanner through a tiny buffer, fed one to seven bytes at a time
        try (CsvScanner s = new CsvScanner("t", new Trickle(w.bytes(), seed), w.delimiter(), 4)) {
            assertEquals(w.header(), s.header());
            RawBatch raw = new RawBatch(w.header().size(), 3);
            int k = 0, n;
            while ((n = s.fill(raw)) > 0) {
                for (int i = 0; i < n; i++, k++) {
                    for (int c = 0; c < w.header().size(); c++) assertEquals(w.cells()[k][c], raw.text(i, c), String.format(Locale.ROOT, "row %d column %d", k, c));
                    assertEquals(w.lines()[k], raw.line[i]);
                }
            }
            assertEquals(rows, k);
        }
    }

    /** A stream that hands out between one and seven bytes per read. */
    private static final class Trickle extends InputStream {
        private final ByteArrayInputStream in;
        private final SeededRandom r;

        Trickle(byte[] b, long seed) {
            in = new ByteArrayInputStream(b);
            r = new SeededRandom(seed ^ 0x5DEECE66DL);
        }

        @Override public int read() { return in.read(); }

        @Override public int read(byte[] b, int off, int len) { return in.read(b, off, Math.min(len, 1 + r.nextInt(7))); }
    }
}
