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

    /** The options each strategy takes, for the partition test. */
    private static String[] argsFor(String strategy) {
        return switch (strategy) {
            case "random" -> new String[] {"--validation-size", "0.1", "--seed", "5"};
            case "stratified" -> new String[] {"--label", "weather", "--validation-size", "0.1", "--seed", "5"};
            case "group" -> new String[] {"--group", "weather", "--validation-size", "0.2", "--seed", "5"};
            case "kfold" -> new String[] {"--folds", "3", "--seed", "5"};
            case "stratified-kfold" -> new String[] {"--label", "weather", "--folds", "3", "--seed", "5"};
            case "group-kfold" -> new String[] {"--group", "weather", "--folds", "3", "--seed", "5"};
            default -> new String[] {"--time", "date", "--folds", "3", "--gap", "2"};
        };
    }

    private CliRunner runSplit(String strategy, Path out) {
        List<String> args = new ArrayList<>(List.of("split", "--input", weather.toString(), "--output", out.toString(), "--strategy", strategy));
        args.addAll(List.of(argsFor(strategy)));
        return CliRunner.run(args.toArray(String[]::new));
    }

    @ParameterizedTest
    @ValueSource(strings = {"random", "stratified", "group", "kfold", "stratified-kfold", "group-kfold", "time-series"})
    void everyStrategyPartitionsTheFile(String strategy) throws Exception {
        Path out = dir.resolve("out-" + strategy);
        CliRunner r = runSplit(strategy, out);
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
        assertEquals(0, runSplit(strategy, again).exitCode());
        assertEquals(Files.readString(out.resolve("split.json")), Files.readString(again.resolve("split.json")));
    }

    @Test void partsKeepTheInputsLineBreaksAndByteOrderMark() throws Exception {
        Path crlf = dir.resolve("crlf.csv");
        Files.write(crlf, "\uFEFFid,x\r\n1,a\r\n2,\"b,c\"\r\n3,d\r\n4,e".getBytes(StandardCharsets.UTF_8));
        Path out = dir.resolve("crlf-out");
        assertEquals(0, CliRunner.run("split", "--input", crlf.toString(), "--output", out.toString(), "--strategy", "random",
                "--test-size", "2", "--no-shuffle").exitCode());
        assertEquals("\uFEFFid,x\r\n1,a\r\n2,\"b,c\"\r\n", Files.readString(out.resolve("train.csv"), StandardCharsets.UTF_8));
        assertEquals("\uFEFFid,x\r\n3,d\r\n4,e\r\n", Files.readString(out.resolve("test.csv"), StandardCharsets.UTF_8));
    }

    @Test void optionsAStrategyDoesNotUseAreRefused() {
        String in = weather.toString(), out = dir.resolve("x").toString();
        assertError("--cutoffs=2014-01-01: does not apply to --strategy random", "split", "--input", in, "--output", out,
                "--strategy", "random", "--cutoffs", "2014-01-01");
        assertError("--gap=7: does not apply to --strategy kfold", "split", "--input", in, "--output", out, "--strategy", "kfold", "--gap", "7");
        assertError("--no-shuffle=true: does not apply to --strategy stratified", "split", "--input", in, "--output", out,
                "--strategy", "stratified", "--label", "weather", "--no-shuffle");
        assertError("--folds=3: does not apply to --strategy random", "split", "--input", in, "--output", out, "--strategy", "random", "--folds", "3");
        assertError("--seed=1: does not apply to --strategy time", "split", "--input", in, "--output", out, "--strategy", "time",
                "--time", "date", "--cutoffs", "2014-01-01", "--seed", "1");
    }

    @Test void dataProblemsNameTheFileLineAndValue() throws Exception {
        Path bad = dir.resolve("baddate.csv");
        Files.writeString(bad, "date,y\n2023-01-01,1\n2023-02-31,0\n2023-03-01,1\n");
        CliRunner r = CliRunner.run("split", "--input", bad.toString(), "--output", dir.resolve("b").toString(), "--strategy", "time",
                "--time", "date", "--cutoffs", "2023-02-01");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("baddate.csv:3, column 'date'") && r.err().contains("'2023-02-31'"), r.err());
        Path gap = dir.resolve("nolabel.csv");
        Files.writeString(gap, "id,y\n1,a\n2,b\n3,\n4,a\n5,b\n");
        CliRunner m = CliRunner.run("split", "--input", gap.toString(), "--output", dir.resolve("c").toString(), "--strategy", "stratified",
                "--label", "y");
        assertEquals(2, m.exitCode());
        assertTrue(m.err().contains("nolabel.csv:4, column 'y'") && m.err().contains("no label value"), m.err());
    }

    @Test void aGapOnAWholeNumberTimeColumnCountsItsUnits() throws Exception {
        Path f = dir.resolve("epoch.csv");
        StringBuilder sb = new StringBuilder("ts,x,y\n");
        // 96 hours: enough train rows of each class (at least 10) for the audit's single-feature check to run
        for (int h = 0; h < 96; h++) sb.append(1_672_531_200L + 3600L * h).append(',').append(h * 7 % 11).append('.').append(h).append(',').append(h % 2).append('\n');
        Files.writeString(f, sb.toString());
        String cutoff = Long.toString(1_672_531_200L + 3600L * 48);
        CliRunner r = CliRunner.run("split", "--input", f.toString(), "--output", dir.resolve("e").toString(), "--strategy", "time",
                "--time", "ts", "--cutoffs", cutoff, "--gap", "21600", "--format", "json");
        assertEquals(0, r.exitCode(), r.err());
        JsonNode m = new ObjectMapper().readTree(r.out());
        assertEquals(42, m.at("/parts/train/rows").asInt(), "six hourly rows inside the 21600-second gap are left out");
        assertEquals("21600 units", m.at("/parameters/gap").asText());
        CliRunner audit = CliRunner.run("audit", "--split", dir.resolve("e").toString(), "--label", "y");
        assertEquals(0, audit.exitCode(), "the audit reads the gap in units back from split.json and finds the split clean: " + audit.out() + audit.err());
        assertError("--gap=7d", "split", "--input", f.toString(), "--output", dir.resolve("e2").toString(), "--strategy", "time",
                "--time", "ts", "--cutoffs", cutoff, "--gap", "7d");
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

    @Test void stratifiedKFoldRefusesAClassSmallerThanTheFolds() {
        CliRunner r = CliRunner.run("split", "--input", weather.toString(), "--output", dir.resolve("s").toString(),
                "--strategy", "stratified-kfold", "--label", "weather", "--folds", "30");
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("folds=30") && r.err().contains("'snow', has only 26 rows"), r.err());
    }

    @Test void hashedSplitPlacesEachRowByItsKeyAndAgreesWithTheApi() throws Exception {
        Path csv = dir.resolve("ids.csv");
        StringBuilder sb = new StringBuilder("id,x\n");
        for (int i = 0; i < 300; i++) sb.append(String.format("%05d", i)).append(',').append(i % 7).append('\n');
        Files.writeString(csv, sb.toString());
        Path out = dir.resolve("hashed");
        CliRunner r = CliRunner.run("split", "--input", csv.toString(), "--output", out.toString(), "--strategy", "random",
                "--assign", "hash", "--id", "id", "--test-size", "0.2", "--seed", "9");
        assertEquals(0, r.exitCode(), r.err());
        // the key is the file's text ("00042", not 42): each test row is the one whose id's hash is below 0.2
        dev.holdout.split.KeyHash h = dev.holdout.split.KeyHash.seeded(9);
        List<String> test = dataLines(out.resolve("test.csv"));
        assertFalse(test.isEmpty());
        for (String line : dataLines(csv)) {
            String key = line.substring(0, line.indexOf(','));
            assertEquals(dev.holdout.split.KeyHash.position(h.of(key)) < 0.2, test.contains(line), line);
        }
        JsonNode m = new ObjectMapper().readTree(out.resolve("split.json").toFile());
        assertEquals("hash", m.at("/parameters/assign").asText(), m.toString());

        CliRunner bad = CliRunner.run("split", "--input", csv.toString(), "--output", dir.resolve("h2").toString(), "--strategy", "stratified",
                "--label", "x", "--assign", "hash");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("--assign") && bad.err().contains("does not apply"), bad.err());
    }
}
