package dev.holdout.serve;

import static dev.holdout.serve.ServeFixtures.cli;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** holdout transform against holdout predict, on shipped data, and the transform's options. */
class TransformTest {
    @TempDir Path dir;

    @Test void transformEqualsPredictByteForByteForEveryObjective() throws Exception {
        for (ServeFixtures.Model m : ServeFixtures.all()) {
            Path predicted = dir.resolve(m.name() + "-predict.csv");
            String[] p = cli("predict", "--model", m.job().toString(), "--input", m.data().toString(), "--output", predicted.toString());
            assertEquals("0", p[0], p[2]);
            // a small batch and two threads: rows cross batch boundaries and finish out of order, the output must not show it
            Path out = dir.resolve(m.name() + "-out");
            String[] t = cli("transform", "--model", m.job().toString(), "--input", m.data().toString(), "--output", out.toString(),
                    "--batch-size", "97", "--threads", "2");
            assertEquals("0", t[0], t[2]);
            byte[] expected = Files.readAllBytes(predicted);
            byte[] actual = Files.readAllBytes(out.resolve(m.data().getFileName() + ".out"));
            assertArrayEquals(expected, actual, m.name() + ": transform's output must be predict's, byte for byte");
            // and the library, with one thread and one batch, agrees too
            Path lib = Files.createDirectories(dir.resolve(m.name() + "-lib"));
            BatchTransform.of(Scorer.load(m.modelFolder())).run(m.data(), lib, BatchTransform.Listener.NONE);
            assertArrayEquals(expected, Files.readAllBytes(lib.resolve(m.data().getFileName() + ".out")), m.name());
        }
    }

    @Test void joinSourcePutsTheInputRowBesideThePredictionsSoMetricsRunsOnIt() throws Exception {
        ServeFixtures.Model m = ServeFixtures.binary();
        Path out = dir.resolve("joined");
        String[] t = cli("transform", "--model", m.job().toString(), "--input", m.data().toString(), "--output", out.toString(), "--join-source", "input");
        assertEquals("0", t[0], t[2]);
        List<String> in = Files.readAllLines(m.data());
        List<String> joined = Files.readAllLines(out.resolve("breast-cancer.csv.out"));
        assertEquals(in.size(), joined.size());
        assertEquals(in.get(0) + ",probability,predicted_label", joined.get(0));
        for (int i = 1; i < in.size(); i++) assertTrue(joined.get(i).startsWith(in.get(i) + ","), "row " + i + " keeps its input bytes");
        String[] metrics = cli("metrics", "--input", out.resolve("breast-cancer.csv.out").toString(), "--label", "malignant",
                "--prediction", "predicted_label", "--score", "probability");
        assertEquals("0", metrics[0], metrics[2]);
        assertTrue(metrics[1].contains("roc_auc"), metrics[1]);
    }

    @Test void outputFilterPicksJoinedColumnsByNameOrPositionKeepingQuotedFieldsAsTheyWere() throws Exception {
        ServeFixtures.Model m = ServeFixtures.multiclass();
        Path out = dir.resolve("filtered");
        String[] t = cli("transform", "--model", m.job().toString(), "--input", m.data().toString(), "--output", out.toString(), "--join-source",
                "input", "--output-filter", "Airport Name,predicted_class", "--threads", "2", "--batch-size", "500");
        assertEquals("0", t[0], t[2]);
        List<String> lines = Files.readAllLines(out.resolve("birdstrikes.csv.out"));
        assertEquals("Airport Name,predicted_class", lines.get(0));
        List<String> in = Files.readAllLines(m.data());
        assertEquals(in.size(), lines.size());
        // the airport name is the input's first field, quotes and all
        for (int i = 1; i < in.size(); i += 397) {
            String first = firstField(in.get(i));
            assertTrue(lines.get(i).startsWith(first + ","), lines.get(i) + " vs " + first);
        }
        Path pos = dir.resolve("positions");
        t = cli("transform", "--model", m.job().toString(), "--input", m.data().toString(), "--output", pos.toString(), "--join-source", "input",
                "--output-filter", "$[0,-1]");
        assertEquals("0", t[0], t[2]);
        assertEquals("Airport Name,p_3", Files.readAllLines(pos.resolve("birdstrikes.csv.out")).get(0));
    }

    private static String firstField(String line) {
        if (!line.startsWith("\"")) return line.substring(0, line.indexOf(','));
        int i = 1;
        while (true) {
            if (line.charAt(i) == '"' && (i + 1 == line.length() || line.charAt(i + 1) != '"')) return line.substring(0, i + 1);
            i += line.charAt(i) == '"' ? 2 : 1;
        }
    }

    @Test void inputFilterThatLeavesOutAModelColumnIsRefused() throws Exception {
        ServeFixtures.Model m = ServeFixtures.binary();
        String[] t = cli("transform", "--model", m.job().toString(), "--input", m.data().toString(), "--output", dir.resolve("o").toString(),
                "--input-filter", "$[1:]");
        assertEquals("2", t[0]);
        assertTrue(t[2].contains("--input-filter=$[1:]: leaves out column 'mean_radius', which the model reads"), t[2]);
        assertTrue(Files.isRegularFile(dir.resolve("o/output/failure")), "the job's failure is written");
        assertEquals(List.of("output"), list(dir.resolve("o")));
    }

    @Test void aBadRowFailsTheJobWithFileLineAndColumnAndLeavesNoOutFile() throws Exception {
        ServeFixtures.Model m = ServeFixtures.regression();
        List<String> rows = new java.util.ArrayList<>(Files.readAllLines(m.data()));
        rows.set(40, rows.get(40).replaceFirst("^[^,]*", "old"));
        Path bad = dir.resolve("in/bad.csv");
        Files.createDirectories(bad.getParent());
        Files.write(bad, rows);
        Files.copy(m.data(), dir.resolve("in/good.csv"));
        Path out = dir.resolve("out");
        String[] t = cli("transform", "--model", m.job().toString(), "--input", dir.resolve("in").toString(), "--output", out.toString());
        assertEquals("2", t[0]);
        assertTrue(t[2].contains("bad.csv:41, column 'age': value 'old' is not a number"), t[2]);
        assertEquals(List.of("output"), list(out), "no .out file, not even the good file's");
        assertTrue(Files.readString(out.resolve("output/failure")).contains("bad.csv:41"));

        Path skipped = dir.resolve("skipped");
        t = cli("transform", "--model", m.job().toString(), "--input", dir.resolve("in").toString(), "--output", skipped.toString(), "--on-bad-row", "skip");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("1 bad rows skipped"), t[1]);
        assertEquals(List.of("bad.csv.errors", "bad.csv.out", "good.csv.out"), list(skipped));
        List<String> errors = Files.readAllLines(skipped.resolve("bad.csv.errors"));
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).contains("bad.csv:41, column 'age'"), errors.get(0));
        List<String> good = Files.readAllLines(skipped.resolve("good.csv.out"));
        List<String> badOut = Files.readAllLines(skipped.resolve("bad.csv.out"));
        assertEquals(good.size() - 1, badOut.size());
        List<String> expected = new java.util.ArrayList<>(good);
        expected.remove(40);
        assertEquals(expected, badOut, "every other row scored as in the good file, in order");
    }

    @Test void anUnknownCategoryRefusedByThePreprocessorNamesTheFileLine() throws Exception {
        // a one-hot encoder with unknown=error refuses a category it never saw: the error names the file's line, not the batch's row
        Path data = dir.resolve("train.csv");
        StringBuilder sb = new StringBuilder("color,x,y\n");
        for (int i = 0; i < 200; i++) sb.append(i % 2 == 0 ? "red" : "blue").append(',').append(i % 7).append(',').append(i % 2).append('\n');
        Files.writeString(data, sb);
        Files.writeString(dir.resolve("job.json"), """
                {"label": "y", "features": ["color=blue", "color=red", "x"], "hyperparameters": {"num_round": "5", "objective": "binary:logistic", "nthread": "1"},
                 "channels": {"train": "%s"}, "preprocessing": {"steps": [{"step": "one_hot", "columns": ["color"]}]}}
                """.formatted(data));
        assertEquals("0", cli("train", "--config", dir.resolve("job.json").toString(), "--output", dir.resolve("job").toString())[0]);
        StringBuilder score = new StringBuilder("color,x\n");
        for (int i = 0; i < 50; i++) score.append(i == 33 ? "green" : "red").append(",1\n");
        Files.writeString(dir.resolve("score.csv"), score);
        String[] t = cli("transform", "--model", dir.resolve("job").toString(), "--input", dir.resolve("score.csv").toString(), "--output",
                dir.resolve("o").toString(), "--batch-size", "10");
        assertEquals("2", t[0], t[2]);
        assertTrue(t[2].contains("score.csv:35"), "row 34 of the file is line 35: " + t[2]);
        t = cli("transform", "--model", dir.resolve("job").toString(), "--input", dir.resolve("score.csv").toString(), "--output",
                dir.resolve("s").toString(), "--batch-size", "10", "--on-bad-row", "skip");
        assertEquals("0", t[0], t[2]);
        assertEquals(50, Files.readAllLines(dir.resolve("s/score.csv.out")).size(), "49 rows and the header");
        assertTrue(Files.readString(dir.resolve("s/score.csv.errors")).contains("score.csv:35, column 'color'"));
    }

    @Test void columnFilters() {
        List<String> cols = List.of("id", "a", "b", "c");
        assertArrayEquals(new int[] {1, 2, 3}, ColumnFilter.parse("$[1:]", "f").select(cols));
        assertArrayEquals(new int[] {0, 3}, ColumnFilter.parse("$[0,-1]", "f").select(cols));
        assertArrayEquals(new int[] {0, 1, 2}, ColumnFilter.parse("$[:3]", "f").select(cols));
        assertArrayEquals(new int[] {0, 2, 3}, ColumnFilter.parse("$[0,2:]", "f").select(cols));
        assertArrayEquals(new int[] {2, 0}, ColumnFilter.parse("b, id", "f").select(cols));
        assertArrayEquals(new int[] {0, 1, 2, 3}, ColumnFilter.parse("$", "f").select(cols));
        DataValidationException e = assertThrows(DataValidationException.class, () -> ColumnFilter.parse("idd", "--output-filter").select(cols));
        assertTrue(e.getMessage().contains("did you mean 'id'"), e.getMessage());
        e = assertThrows(DataValidationException.class, () -> ColumnFilter.parse("$[7]", "--output-filter").select(cols));
        assertTrue(e.getMessage().contains("position 7 is beyond the 4 columns"), e.getMessage());
        assertThrows(DataValidationException.class, () -> ColumnFilter.parse("$[1:2:3]", "f"));
        assertThrows(DataValidationException.class, () -> ColumnFilter.parse("$[x]", "f"));
        assertThrows(DataValidationException.class, () -> ColumnFilter.parse("a,,b", "f"));
        assertThrows(DataValidationException.class, () -> ColumnFilter.parse("$[3:1]", "f").select(cols));
    }

    private static List<String> list(Path d) throws Exception {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }
}
