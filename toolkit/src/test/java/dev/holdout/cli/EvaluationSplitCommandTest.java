package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.io.StrictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The issue-17 strategies of holdout split end to end: folders, split.json, and what each strategy promises. */
class EvaluationSplitCommandTest {
    @TempDir Path dir;
    Path input;

    @BeforeEach void data() throws Exception {
        StringBuilder b = new StringBuilder("id,start,end,label,patient\n");
        LocalDate d0 = LocalDate.of(2023, 1, 1);
        for (int i = 0; i < 120; i++) {
            b.append(i).append(',').append(d0.plusDays(i)).append(',').append(d0.plusDays(i + 3)).append(',').append(i % 3 == 0 ? 1 : 0)
                    .append(",p").append(i / 4).append('\n');
        }
        input = dir.resolve("rows.csv");
        Files.writeString(input, b);
    }

    private String[] run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "split";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRunner r = CliRunner.run(all);
        return new String[] {String.valueOf(r.exitCode()), r.out(), r.err()};
    }

    private static Set<Integer> ids(Path csv) throws Exception {
        Set<Integer> out = new HashSet<>();
        List<String> lines = Files.readAllLines(csv);
        for (String l : lines.subList(1, lines.size())) out.add(Integer.parseInt(l.substring(0, l.indexOf(','))));
        return out;
    }

    @Test void purgedKFoldDropsTrainingRowsWhoseLabelsOverlapTheTestFoldAndTheEmbargo() throws Exception {
        Path out = dir.resolve("purged");
        String[] r = run("--input", input.toString(), "--output", out.toString(), "--strategy", "purged-kfold", "--time", "start",
                "--label-end", "end", "--embargo", "2d", "--folds", "4");
        assertEquals("0", r[0], r[2]);
        for (int k = 1; k <= 4; k++) {
            Set<Integer> train = ids(out.resolve("fold-" + k + "/train.csv")), test = ids(out.resolve("fold-" + k + "/test.csv"));
            int lo = test.stream().min(Integer::compare).orElseThrow(), hi = test.stream().max(Integer::compare).orElseThrow();
            for (int t : train) {
                // row t's label spans [t, t+3] days; the test labels span [lo, hi+3]; embargo: rows starting within 2 days after hi+3
                assertFalse(t + 3 >= lo && t <= hi + 3, "fold " + k + ": row " + t + " overlaps the test labels");
                assertFalse(t > hi + 3 && t <= hi + 3 + 2, "fold " + k + ": row " + t + " is in the embargo");
            }
            assertEquals(30, test.size());
        }
        JsonNode j = StrictJson.mapper().readTree(out.resolve("split.json").toFile());
        assertEquals("purged-kfold", j.get("strategy").asText());
    }

    @Test void combinatorialPurgedWritesEverySplitAndTheBacktestPaths() throws Exception {
        Path out = dir.resolve("cpcv");
        String[] r = run("--input", input.toString(), "--output", out.toString(), "--strategy", "combinatorial-purged", "--time", "start",
                "--groups", "6", "--test-groups", "2", "--format", "json");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.isDirectory(out.resolve("fold-15")), "C(6,2) = 15 splits");
        assertFalse(Files.exists(out.resolve("fold-16")));
        JsonNode j = StrictJson.mapper().readTree(out.resolve("split.json").toFile());
        assertEquals(5, j.get("backtest_paths").size(), "k/N · C(N,k) = 2/6 · 15 = 5 paths");
        assertEquals(6, j.get("backtest_paths").get(0).get("folds").size(), "each path covers every group once");
    }

    @Test void walkForwardTrainsBeforeEachCutoffAndTestsOnTheHorizonAfterTheGap() throws Exception {
        Path out = dir.resolve("wf");
        String[] r = run("--input", input.toString(), "--output", out.toString(), "--strategy", "walk-forward", "--time", "start",
                "--train-window", "30d", "--horizon", "14d", "--gap", "3d");
        assertEquals("0", r[0], r[2]);
        int k = 1;
        for (; Files.isDirectory(out.resolve("fold-" + k)); k++) {
            Set<Integer> train = ids(out.resolve("fold-" + k + "/train.csv")), test = ids(out.resolve("fold-" + k + "/test.csv"));
            int lastTrain = train.stream().max(Integer::compare).orElseThrow(), firstTest = test.stream().min(Integer::compare).orElseThrow();
            assertEquals(3, firstTest - lastTrain - 1, "fold " + k + ": a 3-day gap between train and test");
            assertEquals(30, train.size(), "a rolling 30-day window");
            assertTrue(test.size() <= 14);
        }
        assertTrue(k > 3, "several folds: " + (k - 1));
    }

    @Test void stratifiedGroupKFoldWithRepeatsWritesRepeatFolders() throws Exception {
        Path out = dir.resolve("sgk");
        String[] r = run("--input", input.toString(), "--output", out.toString(), "--strategy", "stratified-group-kfold", "--label", "label",
                "--group", "patient", "--folds", "3", "--repeats", "2", "--seed", "5");
        assertEquals("0", r[0], r[2]);
        for (int rep = 1; rep <= 2; rep++) {
            Set<Integer> all = new HashSet<>();
            for (int k = 1; k <= 3; k++) {
                Set<Integer> test = ids(out.resolve("repeat-" + rep + "/fold-" + k + "/test.csv"));
                Set<Integer> train = ids(out.resolve("repeat-" + rep + "/fold-" + k + "/train.csv"));
                for (int t : test) {
                    assertTrue(all.add(t), "each row tested once per repeat");
                    for (int u : train) assertTrue(u / 4 != t / 4, "patient p" + t / 4 + " on both sides");
                }
            }
            assertEquals(120, all.size());
        }
        JsonNode j = StrictJson.mapper().readTree(out.resolve("split.json").toFile());
        assertEquals("repeated-stratified-group-kfold", j.get("strategy").asText());
        assertEquals(2, j.get("folds").get(3).get("repeat").asInt());
        // repeated kfold over the row count alone
        String[] k = run("--input", input.toString(), "--output", dir.resolve("rk").toString(), "--strategy", "kfold", "--repeats", "3");
        assertEquals("0", k[0], k[2]);
        assertTrue(Files.isDirectory(dir.resolve("rk/repeat-3/fold-5")));
    }
}
