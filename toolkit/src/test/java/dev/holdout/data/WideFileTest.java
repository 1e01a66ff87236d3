package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.cli.HoldoutCli;
import java.io.BufferedWriter;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tech.tablesaw.api.Table;

/**
 * A file 100,000 columns wide loads and splits in seconds: nothing per column is quadratic (Tablesaw's
 * {@code addColumns} checks each new name against all the others, which took {@code split} past 300 s).
 * The time bound is loose (a shared, loaded machine); bench/README.md has the measured figures.
 */
class WideFileTest {
    @TempDir Path dir;

    @Test void aHundredThousandColumnsLoadAndSplitInSeconds() throws Exception {
        int columns = 100_000, rows = 8;
        Path f = dir.resolve("wide.csv");
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            StringBuilder sb = new StringBuilder("id");
            for (int c = 1; c < columns; c++) sb.append(",f").append(c);
            w.write(sb.append('\n').toString());
            for (int r = 0; r < rows; r++) {
                sb.setLength(0);
                sb.append(r);
                for (int c = 1; c < columns; c++) sb.append(',').append(c % 7 == 0 ? "a" : Integer.toString((r * 31 + c) % 97)).append(c % 7 == 0 ? "" : ".5");
                w.write(sb.append('\n').toString());
            }
        }
        long t0 = System.nanoTime();
        Table t = CsvLoader.csv().load(f);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        assertEquals(columns, t.columnCount());
        assertEquals(rows, t.rowCount());
        assertEquals(ColumnKind.NUMBER, CsvLoader.kindOf(t.column(1)));
        assertEquals(ColumnKind.TEXT, CsvLoader.kindOf(t.column(7)));
        assertEquals("f99999", t.column(columns - 1).name());

        long t1 = System.nanoTime();
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = HoldoutCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("split", "--input", f.toString(), "--output", dir.resolve("out").toString(), "--strategy", "random",
                "--test-size", "0.25", "--seed", "1");
        double splitSeconds = (System.nanoTime() - t1) / 1e9;
        assertEquals(0, code, err.toString());
        long written = Files.readAllLines(dir.resolve("out/train.csv")).size() + Files.readAllLines(dir.resolve("out/test.csv")).size();
        assertEquals(rows + 2, written, "both parts hold the header and every row");
        assertTrue(loadSeconds < 60 && splitSeconds < 60, "load " + loadSeconds + " s, split " + splitSeconds + " s");
    }
}
