package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SplitCommandTest {
    @TempDir Path dir;
    Path weather;

    @BeforeEach void copyDataset() throws Exception {
        weather = dir.resolve("seattle-weather.csv");
        try (InputStream in = getClass().getResourceAsStream("/dev/holdout/datasets/seattle-weather.csv")) {
            Files.copy(in, weather);
        }
    }

    private static List<String> dataLines(Path csv) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        lines.remove(0);
        return lines;
    }

    private static List<String> sorted(List<String> l) {
        List<String> c = new ArrayList<>(l);
        Collections.sort(c);
        return c;
    }

    @Test void timeSplitWritesExactRowsAndAManifest() throws Exception {
        Path out = dir.resolve("out");
        CliRunner r = CliRunner.run("split", "--input", weather.toString(), "--output", out.toString(), "--strategy", "time",
                "--time", "date", "--label", "weather", "--cutoffs", "2014-01-01,2015-01-01");
        assertEquals(0, r.exitCode(), r.err());
        List<String> all = new ArrayList<>();
        for (String p : List.of("train", "validation", "test")) {
            assertEquals(Files.readAllLines(weather).get(0), Files.readAllLines(out.resolve(p + ".csv")).get(0), "header kept");
            all.addAll(dataLines(out.resolve(p + ".csv")));
        }
        assertEquals(sorted(dataLines(weather)), sorted(all), "parts hold every input row exactly as read");
        JsonNode m = new ObjectMapper().readTree(out.resolve("split.json").toFile());
        assertEquals("time", m.get("strategy").asText());
        assertEquals(731, m.at("/parts/train/rows").asInt());
        assertEquals("2014-01-01", m.at("/parts/validation/time_range/min").asText());
        assertEquals("2015-12-31", m.at("/parts/test/time_range/max").asText());
        assertTrue(m.at("/parts/test/fingerprint").asText().startsWith("sha256:"));
        assertTrue(m.at("/parts/train/label_distribution/sun").asInt() > 0);
        for (String line : dataLines(out.resolve("train.csv"))) assertTrue(line.compareTo("2014-01-01") < 0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "stratified", "group", "kfold", "stratified-kfold", "group-kfold", "time-series"})
    void everyStrategyPartitionsTheFile(String strategy) throws Exception {
        Path out = dir.resolve("out-" + strategy);
        CliRunner r = CliRunner.run("split", "--input", weather.toString(), "--output", out.toString(), "--strategy", strategy,
                "--label", "weather", "--group", "weather", "--time", "date", "--folds", "3", "--seed", "5", "--validation-size", "0.1");
        assertEquals(0, r.exitCode(), r.err());
        List<String> input = sorted(dataLines(weather));
        if (strategy.contains("fold") || strategy.equals("time-series")) {
            for (int f = 1; f <= 3; f++) {
                List<String> train = dataLines(out.resolve("fold-" + f + "/train.csv"));
                List<String> test = dataLines(out.resolve("fold-" + f + "/test.csv"));
                assertTrue(Collections.disjoint(train, test), "fold " + f + " train and test are disjoint");
                if (!strategy.equals("time-series")) {
                    List<String> both = new ArrayList<>(train);
                    both.addAll(test);
                    assertEquals(input, sorted(both));
                }
            }
        } else {
            List<String> all = new ArrayList<>();
            try (Stream<Path> s = Files.list(out)) {
                for (Path p : s.filter(p -> p.toString().endsWith(".csv")).toList()) all.addAll(dataLines(p));
            }
            assertEquals(input, sorted(all));
        }
        // same seed, same bytes
        Path again = dir.resolve("again-" + strategy);
        CliRunner.run("split", "--input", weather.toString(), "--output", again.toString(), "--strategy", strategy, "--label", "weather",
                "--group", "weather", "--time", "date", "--folds", "3", "--seed", "5", "--validation-size", "0.1");
        assertEquals(Files.readString(out.resolve("split.json")), Files.readString(again.resolve("split.json")));
    }

    @Test void refusesANonEmptyFolderUnlessForced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("busy"));
        Files.writeString(out.resolve("keep.txt"), "mine");
        CliRunner r = CliRunner.run("split", "--input", weather.toString(), "--output", out.toString(), "--strategy", "random");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("--output=") && r.err().contains("--force"), r.err());
        assertTrue(Files.exists(out.resolve("keep.txt")));
        assertEquals(0, CliRunner.run("split", "--input", weather.toString(), "--output", out.toString(), "--strategy", "random", "--force").exitCode());
        assertFalse(Files.exists(out.resolve("keep.txt")));
        assertTrue(Files.exists(out.resolve("train.csv")));
    }

    @Test void aFailedRunLeavesNoPartialOutput() throws Exception {
        Path out = dir.resolve("never");
        CliRunner r = CliRunner.run("split", "--input", weather.toString(), "--output", out.toString(), "--strategy", "time",
                "--time", "date", "--cutoffs", "2020-01-01");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("test part would be empty"), r.err());
        assertFalse(Files.exists(out));
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".never")), "no temporary folder left behind");
        }
    }

    @Test void badParametersNameTheParameterTheValueAndTheRule() {
        String in = weather.toString(), out = dir.resolve("x").toString();
        assertError("--test-size=1.5", "split", "--input", in, "--output", out, "--strategy", "random", "--test-size", "1.5");
        assertError("--test-size=0.0", "split", "--input", in, "--output", out, "--strategy", "random", "--test-size", "0.0");
        assertError("folds=5000", "split", "--input", in, "--output", out, "--strategy", "kfold", "--folds", "5000");
        assertError("did you mean 'weather'", "split", "--input", in, "--output", out, "--strategy", "stratified", "--label", "waether");
        assertError("cutoffs=2015-01-01,2014-01-01", "split", "--input", in, "--output", out, "--strategy", "time", "--time", "date",
                "--cutoffs", "2015-01-01,2014-01-01");
        assertError("folds=1000", "split", "--input", in, "--output", out, "--strategy", "stratified-kfold", "--label", "weather", "--folds", "1000");
        assertError("n_groups=5", "split", "--input", in, "--output", out, "--strategy", "group-kfold", "--group", "weather", "--folds", "6");
        assertError("--strategy=bogus", "split", "--input", in, "--output", out, "--strategy", "bogus");
    }

    private static void assertError(String expected, String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(2, r.exitCode(), "exit code for " + String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().contains(expected), "expected '" + expected + "' in: " + r.err());
    }

    @Test void stratifiedKFoldWarnsAboutASmallClass() throws Exception {
        CliRunner r = CliRunner.run("split", "--input", weather.toString(), "--output", dir.resolve("s").toString(),
                "--strategy", "stratified-kfold", "--label", "weather", "--folds", "200");
        assertEquals(0, r.exitCode(), r.err());
        assertTrue(r.out().contains("warning: the least populated class"), r.out());
    }
}
