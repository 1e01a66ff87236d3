package dev.holdout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.holdout.cli.HoldoutCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The CLI's --engine spark gives what the local verb gives on the same file. */
class SparkEngineTest {
    @TempDir static Path dir;
    static Path csv;

    @BeforeAll static void data() throws Exception {
        LocalSpark.get();
        csv = dir.resolve("scored.csv");
        StringBuilder sb = new StringBuilder("id,label,score,prediction,city\n");
        dev.holdout.data.SeededRandom r = new dev.holdout.data.SeededRandom(21);
        for (int i = 0; i < 1200; i++) {
            int y = r.nextDouble() < 0.4 ? 1 : 0;
            double s = Math.round((0.3 * y + 0.7 * r.nextDouble()) * 100) / 100.0;
            sb.append("r").append(i).append(',').append(y).append(',').append(s).append(',').append(s >= 0.5 ? 1 : 0).append(',')
                    .append(i % 3 == 0 ? "Oslo" : "Lima").append('\n');
        }
        Files.writeString(csv, sb.toString());
    }

    private static String run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine c = HoldoutCli.commandLine();
        c.setOut(new PrintWriter(out));
        c.setErr(new PrintWriter(err));
        int code = c.execute(args);
        assertEquals(0, code, err.toString());
        return out.toString();
    }

    @Test void metricsOnSparkPrintTheLocalJson() {
        String[] args = {"metrics", "--input", csv.toString(), "--label", "label", "--prediction", "prediction", "--score", "score", "--format", "json"};
        String local = run(args);
        List<String> spark = new ArrayList<>(List.of(args));
        spark.addAll(List.of("--engine", "spark", "--master", "local[2]"));
        JsonCompare.assertSame(JsonCompare.read(local), JsonCompare.read(run(spark.toArray(new String[0]))), "");
    }

    @Test void monitorBaselineOnSparkWritesTheLocalFiles() throws Exception {
        run("monitor", "baseline", "--input", csv.toString(), "--output", dir.resolve("local").toString());
        run("monitor", "baseline", "--input", csv.toString(), "--output", dir.resolve("spark").toString(), "--engine", "spark", "--master", "local[2]");
        for (String f : List.of("statistics.json", "constraints.json")) {
            JsonCompare.assertSame(JsonCompare.read(Files.readString(dir.resolve("local").resolve(f))),
                    JsonCompare.read(Files.readString(dir.resolve("spark").resolve(f))), f);
        }
    }

    @Test void hashedSplitOnSparkWritesTheLocalParts() throws Exception {
        String[] args = {"split", "--input", csv.toString(), "--strategy", "random", "--assign", "hash", "--id", "id", "--test-size", "0.3", "--seed", "4"};
        List<String> local = new ArrayList<>(List.of(args));
        local.addAll(List.of("--output", dir.resolve("split-local").toString()));
        run(local.toArray(new String[0]));
        List<String> spark = new ArrayList<>(List.of(args));
        spark.addAll(List.of("--output", dir.resolve("split-spark").toString(), "--engine", "spark", "--master", "local[2]"));
        run(spark.toArray(new String[0]));
        for (String part : List.of("train", "test")) {
            List<String> expected = new ArrayList<>(Files.readAllLines(dir.resolve("split-local").resolve(part + ".csv")));
            expected.remove(0);
            List<String> actual = new ArrayList<>();
            try (Stream<Path> files = Files.list(dir.resolve("split-spark").resolve(part))) {
                for (Path f : files.filter(p -> p.getFileName().toString().endsWith(".csv")).toList()) {
                    List<String> lines = Files.readAllLines(f);
                    actual.addAll(lines.subList(1, lines.size()));
                }
            }
            Collections.sort(expected);
            Collections.sort(actual);
            assertEquals(expected, actual, part);
        }
    }
}
