package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streaming reader (batches and whole columns): the same scanner and rules as the table loader. */
class CsvReaderTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    private static CsvColumns numbers(Path f, String column) {
        return CsvReader.open(f).withType(column, ColumnKind.NUMBER).columns(column).readAll();
    }

    @Test void readsRequestedColumnsOnly() throws IOException {
        Path f = write("a.csv", "id,label,note,score\n1,spam,\"hi, there\",0.9\n2,ham,x,0.25\n3,spam,\"say \"\"no\"\"\",1e-3\n");
        CsvColumns c = CsvReader.open(f).withType("label", ColumnKind.TEXT).withType("score", ColumnKind.NUMBER).columns("label", "score").readAll();
        assertEquals(3, c.rowCount());
        assertArrayEquals(new double[] {0.9, 0.25, 0.001}, c.numbers("score"));
        assertEquals(List.of("spam", "ham"), c.values("label"));
        assertArrayEquals(new int[] {0, 1, 0}, c.codes("label"));
        assertArrayEquals(new String[] {"spam", "ham", "spam"}, c.strings("label"));
        assertEquals(List.of("id", "label", "note", "score"), c.header());
    }

    @Test void handlesQuotesCrlfBomBlankLinesAndMissingFinalNewline() throws IOException {
        Path f = dir.resolve("b.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "\"y\",\"p\"\r\n\"1\",\"0.5\"\r\n\r\n2,\"-3\"\r\n0,  7 ".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        CsvColumns c = CsvReader.open(f).withType("y", ColumnKind.NUMBER).withType("p", ColumnKind.NUMBER).columns("y", "p").readAll();
        assertArrayEquals(new double[] {1, 2, 0}, c.numbers("y"));
        assertArrayEquals(new double[] {0.5, -3, 7}, c.numbers("p"), "blanks around a number are ignored");
        assertEquals(4, c.line(1), "the blank line is skipped and counted");
    }

    @Test void quotedNewlineKeepsLineNumbersRight() throws IOException {
        Path f = write("c.csv", "note,y\n\"two\nlines\",1\nok,oops\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> numbers(f, "y"));
        assertEquals(4, e.row());
        assertEquals("y", e.column());
        assertEquals("oops", e.value());
        assertTrue(e.getMessage().contains("c.csv:4, column 'y'"), e.getMessage());
        assertTrue(e.getMessage().contains("'oops' is not a number"), e.getMessage());
    }

    @Test void blankLinesKeepLineNumbersRight() throws IOException {
        Path f = write("bl.csv", "y\n1\n\n\n2\nbad\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> numbers(f, "y"));
        assertEquals(6, e.row());
        Path g = write("bl2.csv", "y\n1\n\n2\n");
        CsvColumns c = numbers(g, "y");
        assertEquals(2, c.line(0));
        assertEquals(4, c.line(1));
    }

    /** CRLF line ends, quoted rows and blank lines scattered through a file several buffers long. */
    @Test void largeCrlfFileWithQuotedRowsMatchesNaiveParsing() throws IOException {
        SeededRandom r = new SeededRandom(12);
        int n = 100_000;
        StringBuilder sb = new StringBuilder("a,label,score\r\n");
        double[] expected = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10) == 0 ? "x,y" : (r.nextDouble() < 0.5 ? "p" : "negative");
            expected[i] = Math.round(r.nextDouble() * 1e6) / 1e6;
            String lab = labels[i].contains(",") ? "\"" + labels[i] + "\"" : labels[i];
            sb.append(i).append(',').append(lab).append(',').append(expected[i]).append("\r\n");
            if (r.nextInt(1000) == 0) sb.append("\r\n");
        }
        sb.setLength(sb.length() - 2); // no line end after the last row
        Path f = write("crlf.csv", sb.toString());
        CsvColumns c = CsvReader.open(f).withType("label", ColumnKind.TEXT).withType("score", ColumnKind.NUMBER).columns("label", "score").readAll();
        assertEquals(n, c.rowCount());
        assertArrayEquals(expected, c.numbers("score"));
        assertArrayEquals(labels, c.strings("label"));
    }

    @Test void nanAndMissingTokensAreMissingButInfinityAndOverflowAreErrors() throws IOException {
        Path f = write("d.csv", "y\n1\nNaN\nNA\n\n  \nnull\n");
        CsvColumns c = numbers(f, "y");
        assertEquals(5, c.rowCount(), "a line of blanks is a row (one field, blank, so missing); an empty line is skipped");
        assertEquals(1.0, c.numbers("y")[0]);
        for (int i = 1; i < c.rowCount(); i++) assertTrue(c.isMissing(i, "y") && Double.isNaN(c.numbers("y")[i]), "row " + i);
        for (String bad : new String[] {"1e400", "inf", "-Infinity", "1,5", "12abc", "0x10", "1d"}) {
            Path g = write("e.csv", "y\n1\n\"" + bad + "\"\n");
            DataValidationException e = assertThrows(DataValidationException.class, () -> numbers(g, "y"), bad);
            assertEquals(3, e.row(), bad);
            assertEquals("y", e.column(), bad);
            assertEquals(bad, e.value(), bad);
            assertTrue(e.getMessage().contains("e.csv:3, column 'y': value '" + bad + "' is not a"), e.getMessage());
        }
    }

    @Test void rejectsRaggedRowsAndUnknownColumns() throws IOException {
        Path f = write("g.csv", "a,b,c\n1,2,3\n4,5\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> numbers(f, "a"));
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("ragged row: 2 fields, but the header has 3"), e.getMessage());
        Path g = write("h.csv", "a,b\n1,2,3\n");
        assertThrows(DataValidationException.class, () -> numbers(g, "a"));
        e = assertThrows(DataValidationException.class, () -> numbers(f, "bb"));
        assertTrue(e.getMessage().contains("did you mean 'b'"), e.getMessage());
    }

    @Test void rejectsInvalidUtf8AndNulEvenInColumnsItDoesNotRead() throws IOException {
        Path f = dir.resolve("i.csv");
        byte[] head = "x,label\n1,ok\n2,".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(f, all);
        DataValidationException e = assertThrows(DataValidationException.class, () -> numbers(f, "x"));
        assertEquals(3, e.row());
        assertEquals("label", e.column());
        assertTrue(e.getMessage().contains("not UTF-8"), e.getMessage());
        Path g = write("nul.csv", "x,label\n1,ok\n2,a\0b\n");
        e = assertThrows(DataValidationException.class, () -> numbers(g, "x"));
        assertEquals(3, e.row());
        assertEquals("label", e.column());
        assertTrue(e.getMessage().contains("NUL byte"), e.getMessage());
    }

    @Test void emptyFileUnclosedQuoteAndMissingFileAreErrors() throws IOException {
        Path f = write("j.csv", "");
        assertThrows(DataValidationException.class, () -> numbers(f, "y"));
        Path g = write("k.csv", "y\n\"1\n");
        assertThrows(DataValidationException.class, () -> numbers(g, "y"));
        DataValidationException e = assertThrows(DataValidationException.class, () -> numbers(dir.resolve("missing.csv"), "y"));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test void textIsKeptAsWrittenAndCodedInOrderOfFirstAppearance() throws IOException {
        Path f = write("l.csv", "y\na\n a\nb\nNA\na\n");
        CsvColumns c = CsvReader.open(f).withType("y", ColumnKind.TEXT).columns("y").readAll();
        assertEquals(List.of("a", " a", "b"), c.values("y"));
        assertArrayEquals(new int[] {0, 1, 2, -1, 0}, c.codes("y"));
    }

    /** Several megabytes, so rows and fields straddle the stream buffer's boundary; compared with a naive split. */
    @Test void largeFileMatchesNaiveParsing() throws IOException {
        SeededRandom r = new SeededRandom(11);
        int n = 120_000;
        StringBuilder sb = new StringBuilder("label,pad,score\n");
        double[] expected = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextDouble() < 0.5 ? "pos" : "neg";
            expected[i] = r.nextDouble() * (r.nextDouble() < 0.5 ? 1 : -1e6);
            String text = i % 3 == 0 ? Double.toString(expected[i]) : String.format(Locale.ROOT, "%.6f", expected[i]);
            expected[i] = Double.parseDouble(text);
            sb.append(i % 7 == 0 ? "\"" + labels[i] + "\"" : labels[i]).append(",xxxxxxxx,").append(text).append('\n');
        }
        Path f = write("big.csv", sb.toString());
        CsvColumns c = CsvReader.open(f).withType("label", ColumnKind.TEXT).withType("score", ColumnKind.NUMBER).columns("label", "score").readAll();
        assertEquals(n, c.rowCount());
        assertArrayEquals(expected, c.numbers("score"));
        assertArrayEquals(labels, c.strings("label"));
    }

    @Test void batchesGiveColumnsLinesAndRecordsAndInferKindsFromTheFirstBatch() throws IOException {
        StringBuilder sb = new StringBuilder("id,when,x,tag\n");
        for (int i = 0; i < 10; i++) {
            sb.append(i).append(",2023-01-0").append(i % 9 + 1).append("T00:00:00Z,").append(i * 0.5).append(",\"t,").append(i % 2).append("\"\n");
        }
        Path f = write("b.csv", sb.toString());
        List<String> records = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        double sum = 0;
        try (CsvReader.Batches batches = CsvReader.open(f).batches(4)) {
            for (CsvBatch b : batches) {
                assertTrue(b.rows() <= 4);
                assertEquals(ColumnKind.INTEGER, b.kind("id"));
                assertEquals(ColumnKind.INSTANT, b.kind("when"));
                assertEquals(ColumnKind.NUMBER, b.kind("x"));
                assertEquals(ColumnKind.TEXT, b.kind("tag"));
                for (double x : b.numbers("x")) sum += x;
                for (int i = 0; i < b.rows(); i++) {
                    records.add(new String(b.record(i), StandardCharsets.UTF_8));
                    lines.add(b.line(i));
                    ByteArrayOutputStream out = new ByteArrayOutputStream();
                    b.writeRecord(i, out);
                    assertEquals(records.get(records.size() - 1), out.toString(StandardCharsets.UTF_8));
                }
                long[] t = b.epochMillis("when");
                assertEquals(java.time.Instant.parse("2023-01-01T00:00:00Z").toEpochMilli() + (b.line(0) - 2) % 9 * 86_400_000L, t[0]);
                assertEquals(b.rows(), b.strings("tag").length);
            }
        }
        assertEquals(22.5, sum, 1e-12);
        assertEquals(10, records.size());
        assertEquals("0,2023-01-01T00:00:00Z,0.0,\"t,0\"", records.get(0));
        assertEquals(List.of(2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L, 11L), lines);
    }

    @Test void aLaterBatchThatBreaksAKindInferredFromTheFirstIsAnErrorOrASkippedRow() throws IOException {
        Path f = write("late.csv", "x,y\n1,a\n2,b\n3,c\nthree,d\n5,e\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> {
            try (CsvReader.Batches b = CsvReader.open(f).batches(2)) {
                while (b.hasNext()) b.next();
            }
        });
        assertEquals(5, e.row());
        assertTrue(e.getMessage().contains("inferred from the first 2 rows"), e.getMessage());
        List<DataValidationException> skipped = new ArrayList<>();
        double sum = 0;
        int rows = 0;
        try (CsvReader.Batches b = CsvReader.open(f).skipBadRows().batches(2)) {
            for (CsvBatch batch : b) {
                skipped.addAll(batch.skipped());
                for (double x : batch.numbers("x")) sum += x;
                rows += batch.rows();
            }
        }
        assertEquals(4, rows);
        assertEquals(11.0, sum);
        assertEquals(1, skipped.size());
        assertEquals(5, skipped.get(0).row());
        assertEquals("x", skipped.get(0).column());
        assertEquals("three", skipped.get(0).value());
    }

    @Test void skippingAlsoLeavesOutRaggedRowsAndNulBytes() throws IOException {
        Path f = write("s.csv", "x,y\n1,a\n2\n3,c\0\n4,d\n");
        List<DataValidationException> skipped = new ArrayList<>();
        List<Long> lines = new ArrayList<>();
        try (CsvReader.Batches b = CsvReader.open(f).withType("x", ColumnKind.NUMBER).skipBadRows().batches(100)) {
            for (CsvBatch batch : b) {
                skipped.addAll(batch.skipped());
                for (int i = 0; i < batch.rows(); i++) lines.add(batch.line(i));
            }
        }
        assertEquals(List.of(2L, 5L), lines);
        assertEquals(List.of(3L, 4L), skipped.stream().map(DataValidationException::row).toList());
    }

    /** A batch larger than a scan chunk is made of several chunks whose bytes stay put while the buffer grows. */
    @Test void bigBatchesAreAssembledFromChunksAndKeepEveryRecord() throws IOException {
        int n = 150_000;
        StringBuilder sb = new StringBuilder("id,x,note\n");
        for (int i = 0; i < n; i++) {
            sb.append(i).append(',').append(i % 1000 / 8.0).append(',').append(i % 5 == 0 ? "\"two\nlines\"" : "pad-" + i).append('\n');
            if (i % 7777 == 0) sb.append('\n');
        }
        Path f = write("chunks.csv", sb.toString());
        String[] lines = sb.toString().split("\n", -1);
        int row = 0, batches = 0;
        long expectedLine = 2;
        try (CsvReader.Batches b = CsvReader.open(f).batches(40_000)) {
            for (CsvBatch batch : b) {
                batches++;
                assertTrue(batch.rows() <= 40_000);
                double[] x = batch.numbers("x");
                double[] id = batch.numbers("id");
                for (int i = 0; i < batch.rows(); i++, row++) {
                    assertEquals(row, (int) id[i]);
                    assertEquals(row % 1000 / 8.0, x[i]);
                    String rec = new String(batch.record(i), StandardCharsets.UTF_8);
                    assertTrue(rec.startsWith(row + ","), rec);
                    assertEquals(row % 5 == 0 ? row + "," + (row % 1000 / 8.0) + ",\"two\nlines\"" : row + "," + (row % 1000 / 8.0) + ",pad-" + row, rec);
                    if (lines[(int) expectedLine - 1].isEmpty()) expectedLine++; // a blank line before this row
                    assertEquals(expectedLine, batch.line(i), "row " + row);
                    expectedLine += row % 5 == 0 ? 2 : 1;
                }
            }
        }
        assertEquals(n, row);
        assertEquals(4, batches, "batches of 40,000 rows, not of the scan chunk");
    }

    @Test void aWideFileIsReadInBatchesOfFewerRows() throws IOException {
        int cols = 5000;
        StringBuilder sb = new StringBuilder("c0");
        for (int i = 1; i < cols; i++) sb.append(",c").append(i);
        sb.append('\n');
        for (int r = 0; r < 2000; r++) {
            sb.append(r);
            for (int i = 1; i < cols; i++) sb.append(",1");
            sb.append('\n');
        }
        Path f = write("wide.csv", sb.toString());
        int rows = 0, batches = 0;
        try (CsvReader.Batches b = CsvReader.open(f).batches(100_000)) {
            for (CsvBatch batch : b) {
                assertTrue((long) batch.rows() * cols <= CsvReader.MAX_CELLS, "a batch stays within the cell budget");
                rows += batch.rows();
                batches++;
            }
        }
        assertEquals(2000, rows);
        assertTrue(batches > 1);
    }
}
