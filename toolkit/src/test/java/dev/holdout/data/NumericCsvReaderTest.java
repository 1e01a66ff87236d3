package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NumericCsvReaderTest {
    @TempDir Path dir;

    private Path write(String name, String content) throws IOException {
        Path f = dir.resolve(name);
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    @Test void readsRequestedColumnsOnly() throws IOException {
        Path f = write("a.csv", "id,label,note,score\n1,spam,\"hi, there\",0.9\n2,ham,x,0.25\n3,spam,\"say \"\"no\"\"\",1e-3\n");
        NumericCsvReader.Columns c = NumericCsvReader.of(f).labels("label").numbers("score").read();
        assertEquals(3, c.rowCount());
        assertArrayEquals(new double[] {0.9, 0.25, 0.001}, c.numbers("score"));
        NumericCsvReader.LabelColumn l = c.labels("label");
        assertEquals(List.of("spam", "ham"), l.values());
        assertArrayEquals(new int[] {0, 1, 0}, l.codes());
        assertArrayEquals(new String[] {"spam", "ham", "spam"}, l.strings());
    }

    @Test void handlesQuotesCrlfBomBlankLinesAndMissingFinalNewline() throws IOException {
        Path f = dir.resolve("b.csv");
        byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
        byte[] body = "\"y\",\"p\"\r\n\"1\",\"0.5\"\r\n\r\n2,\"-3\"\r\n0,  7 ".getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[bom.length + body.length];
        System.arraycopy(bom, 0, all, 0, 3);
        System.arraycopy(body, 0, all, 3, body.length);
        Files.write(f, all);
        NumericCsvReader.Columns c = NumericCsvReader.of(f).numbers("y").numbers("p").read();
        assertArrayEquals(new double[] {1, 2, 0}, c.numbers("y"));
        assertArrayEquals(new double[] {0.5, -3, 7}, c.numbers("p"));
    }

    @Test void quotedNewlineKeepsLineNumbersRight() throws IOException {
        Path f = write("c.csv", "note,y\n\"two\nlines\",1\nok,oops\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> NumericCsvReader.of(f).numbers("y").read());
        assertEquals(4, e.row());
        assertEquals("y", e.column());
        assertTrue(e.getMessage().contains("c.csv:4, column 'y'"), e.getMessage());
        assertTrue(e.getMessage().contains("'oops' is not a number"), e.getMessage());
    }

    @Test void blankLinesKeepLineNumbersRight() throws IOException {
        Path f = write("bl.csv", "y\n1\n\n\n2\nbad\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> NumericCsvReader.of(f).numbers("y").read());
        assertEquals(6, e.row());
        Path g = write("bl2.csv", "y\n1\n\n2\n");
        NumericCsvReader.Columns c = NumericCsvReader.of(g).numbers("y").read();
        assertEquals(2, c.line(0));
        assertEquals(4, c.line(1));
    }

    /** CRLF line ends, quoted rows and blank lines scattered through a file several buffers long. */
    @Test void largeCrlfFileWithQuotedRowsMatchesNaiveParsing() throws IOException {
        SplittableRandom r = new SplittableRandom(12);
        int n = 100_000;
        StringBuilder sb = new StringBuilder("a,label,score\r\n");
        double[] expected = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextInt(10) == 0 ? "x,y" : (r.nextBoolean() ? "p" : "negative");
            expected[i] = Math.round(r.nextDouble() * 1e6) / 1e6;
            String lab = labels[i].contains(",") ? "\"" + labels[i] + "\"" : labels[i];
            sb.append(i).append(',').append(lab).append(',').append(expected[i]).append("\r\n");
            if (r.nextInt(1000) == 0) sb.append("\r\n");
        }
        sb.setLength(sb.length() - 2); // no line end after the last row
        Path f = write("crlf.csv", sb.toString());
        NumericCsvReader.Columns c = NumericCsvReader.of(f).labels("label").numbers("score").read();
        assertEquals(n, c.rowCount());
        assertArrayEquals(expected, c.numbers("score"));
        assertArrayEquals(labels, c.labels("label").strings());
    }

    @Test void rejectsNanInfinityAndMissingValuesWithTheirLocation() throws IOException {
        Path f = write("d.csv", "y\n1\nNaN\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> NumericCsvReader.of(f).numbers("y").read());
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("not a finite number"), e.getMessage());
        Path g = write("e.csv", "y,z\n1,2\n,3\n");
        e = assertThrows(DataValidationException.class, () -> NumericCsvReader.of(g).numbers("y").read());
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("missing"), e.getMessage());
        Path h = write("f.csv", "y\ninf\n");
        assertThrows(DataValidationException.class, () -> NumericCsvReader.of(h).numbers("y").read());
    }

    @Test void rejectsRaggedRowsAndUnknownColumns() throws IOException {
        Path f = write("g.csv", "a,b,c\n1,2,3\n4,5\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> NumericCsvReader.of(f).numbers("a").read());
        assertEquals(3, e.row());
        Path g = write("h.csv", "a,b\n1,2,3\n");
        assertThrows(DataValidationException.class, () -> NumericCsvReader.of(g).numbers("a").read());
        e = assertThrows(DataValidationException.class, () -> NumericCsvReader.of(f).numbers("bb").read());
        assertTrue(e.getMessage().contains("did you mean 'b'"), e.getMessage());
    }

    @Test void rejectsInvalidUtf8InLabels() throws IOException {
        Path f = dir.resolve("i.csv");
        byte[] head = "label\nok\n".getBytes(StandardCharsets.UTF_8);
        byte[] bad = {(byte) 0xC3, (byte) 0x28, '\n'};
        byte[] all = new byte[head.length + bad.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(bad, 0, all, head.length, bad.length);
        Files.write(f, all);
        DataValidationException e = assertThrows(DataValidationException.class, () -> NumericCsvReader.of(f).labels("label").read());
        assertEquals(3, e.row());
        assertTrue(e.getMessage().contains("not valid UTF-8"), e.getMessage());
    }

    @Test void emptyFileAndUnclosedQuoteAreErrors() throws IOException {
        Path f = write("j.csv", "");
        assertThrows(DataValidationException.class, () -> NumericCsvReader.of(f).numbers("y").read());
        Path g = write("k.csv", "y\n\"1\n");
        assertThrows(DataValidationException.class, () -> NumericCsvReader.of(g).numbers("y").read());
        assertThrows(DataValidationException.class, () -> NumericCsvReader.of(dir.resolve("missing.csv")).numbers("y").read());
    }

    @Test void labelsThatDifferOnlyBySurroundingSpaceShareACode() throws IOException {
        Path f = write("l.csv", "y\na\n a\nb\n");
        NumericCsvReader.LabelColumn l = NumericCsvReader.of(f).labels("y").read().labels("y");
        assertEquals(List.of("a", "b"), l.values());
        assertArrayEquals(new int[] {0, 0, 1}, l.codes());
    }

    /** Several megabytes, so rows and fields straddle the 1 MiB buffer boundary; compared with a naive split. */
    @Test void largeFileMatchesNaiveParsing() throws IOException {
        SplittableRandom r = new SplittableRandom(11);
        int n = 120_000;
        StringBuilder sb = new StringBuilder("label,pad,score\n");
        double[] expected = new double[n];
        String[] labels = new String[n];
        for (int i = 0; i < n; i++) {
            labels[i] = r.nextBoolean() ? "pos" : "neg";
            expected[i] = r.nextDouble() * (r.nextBoolean() ? 1 : -1e6);
            String text = i % 3 == 0 ? Double.toString(expected[i]) : String.format(Locale.ROOT, "%.6f", expected[i]);
            expected[i] = Double.parseDouble(text);
            sb.append(i % 7 == 0 ? "\"" + labels[i] + "\"" : labels[i]).append(",xxxxxxxx,").append(text).append('\n');
        }
        Path f = write("big.csv", sb.toString());
        NumericCsvReader.Columns c = NumericCsvReader.of(f).labels("label").numbers("score").read();
        assertEquals(n, c.rowCount());
        assertArrayEquals(expected, c.numbers("score"));
        assertArrayEquals(labels, c.labels("label").strings());
    }
}
