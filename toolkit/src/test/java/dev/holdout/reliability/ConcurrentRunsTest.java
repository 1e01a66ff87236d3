package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real {@code holdout} processes meeting at one output: a second run into the same {@code --output} refuses at
 * once naming the first one's PID (the first completes); a file a person puts into the output folder while a
 * train or tune run works survives, and the run fails saying where its result went.
 */
class ConcurrentRunsTest {
    @TempDir Path dir;

    /**
     * A training job of a few seconds (20,000 synthetic rows, 150 rounds of depth 6 on one thread): long enough
     * that a second process starts and is refused while it trains.
     */
    private Path longJob() throws Exception {
        Path data = Workloads.synthetic(dir, 20_000, 11);
        return Workloads.trainConfig(dir, "job.json", data, "y", 150, 6);
    }

    /** A job of under a second after its checks: long enough to put a file into its folder meanwhile. */
    private Path mediumJob() throws Exception {
        Path data = Workloads.synthetic(dir, 5_000, 11);
        return Workloads.trainConfig(dir, "job.json", data, "y", 100, 4);
    }

    /**
     * Starts {@code args} and returns once its lock beside {@code out} exists and it printed {@code working}: its
     * checks passed (the lock is taken before the emptiness check, so the lock alone is too early) and the work runs.
     */
    private Process startAndWaitUntilWorking(List<String> args, Path out, String working, Path log) throws Exception {
        Process p = Jvm.start(dir, args, log);
        Path lock = out.resolveSibling("." + out.getFileName() + ".lock");
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (!(Files.exists(lock) && Files.readString(log).contains(working)) && p.isAlive() && System.nanoTime() < deadline) Thread.sleep(5);
        assertTrue(p.isAlive() && Files.exists(lock), "the first run should be working: " + Files.readString(log));
        signal(p, "STOP");   // held mid-work, so what the test does next happens while it works, however fast the machine
        return p;
    }

    /** Sends a signal (STOP, CONT) to a child process. */
    private static void signal(Process p, String name) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor(), "kill -" + name + " " + p.pid());
    }

    /** Lets a run held by {@link #startAndWaitUntilWorking} go on and waits for it to end. */
    private static Jvm.Result resume(Process p, Path log) throws Exception {
        signal(p, "CONT");
        return Jvm.waitFor(p, log);
    }

    private List<String> namesWith(List<String> inputs, String... more) {
        List<String> l = new ArrayList<>(inputs);
        l.addAll(List.of(more));
        l.sort(null);
        return l;
    }

    @Test void aSecondRunIntoTheSameOutputRefusesAtOnceAndTheFirstCompletes() throws Exception {
        Path config = longJob();
        List<String> inputs = Workloads.names(dir);
        Path out = dir.resolve("job");
        List<String> args = List.of(Workloads.MAIN, "train", "--config", config.toString(), "--output", out.toString());
        Path log = Files.createTempFile("holdout-first", ".log");
        Process first = startAndWaitUntilWorking(args, out, "train channel", log);
        try {
            Jvm.Result second = Jvm.run(dir, args);   // the first is held mid-work: a second that waited would never return
            assertTrue(first.isAlive(), "the first run is still working");
            assertEquals(2, second.exitCode(), second.output());
            assertTrue(second.output().contains("output=" + out + ": another holdout run is writing it (PID " + first.pid() + ", started "),
                    second.output());
            Jvm.Result r = resume(first, log);
            assertEquals(0, r.exitCode(), r.output());
        } finally {
            first.destroyForcibly();
        }
        assertTrue(Files.isRegularFile(out.resolve("model/xgboost-model.json")) && Files.isRegularFile(out.resolve("output/metrics.json")),
                "the first run's job is complete");
        assertEquals(namesWith(inputs, "job"), Workloads.names(dir), "no lock or temporary folder left");
    }

    @Test void ofTwoSplitsStartedTogetherExactlyOneWritesAndTheResultIsComplete() throws Exception {
        Path in = Workloads.cancer(dir, 200);
        Path out = dir.resolve("out");
        List<String> args = List.of(Workloads.MAIN, "split", "--input", in.toString(), "--output", out.toString(), "--strategy", "random");
        assertEquals(0, Jvm.run(dir, args).exitCode());
        Map<String, String> complete = Workloads.fingerprint(out);
        for (int pair = 0; pair < 3; pair++) {
            Workloads.deleteTree(out);
            Path la = Files.createTempFile("holdout-a", ".log"), lb = Files.createTempFile("holdout-b", ".log");
            Process a = Jvm.start(dir, args, la), b = Jvm.start(dir, args, lb);
            Jvm.Result ra = Jvm.waitFor(a, la), rb = Jvm.waitFor(b, lb);
            List<Jvm.Result> results = List.of(ra, rb);
            assertEquals(1, results.stream().filter(r -> r.exitCode() == 0).count(), "exactly one succeeds: " + results);
            Jvm.Result refused = ra.exitCode() == 0 ? rb : ra;
            assertEquals(2, refused.exitCode(), refused.output());
            // at the same moment: the lock; a moment later: the folder the first one completed
            assertTrue(refused.output().contains("another holdout run is writing it (PID ") || refused.output().contains("folder is not empty"),
                    refused.output());
            assertEquals(complete, Workloads.fingerprint(out), "the written split is complete");
            assertEquals(List.of("cancer.csv", "out"), Workloads.names(dir));
        }
    }

    @Test void aFileThatAppearsInTheJobFolderWhileTrainRunsSurvives() throws Exception {
        Path config = mediumJob();
        List<String> inputs = Workloads.names(dir);
        Path out = dir.resolve("job");
        Path log = Files.createTempFile("holdout-train", ".log");
        Process run = startAndWaitUntilWorking(List.of(Workloads.MAIN, "train", "--config", config.toString(), "--output", out.toString()), out,
                "train channel", log);
        Files.createDirectories(out);
        Files.writeString(out.resolve("mine.txt"), "precious");
        Jvm.Result r = resume(run, log);
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("output=" + out + ": mine.txt appeared in it while this run worked"), r.output());
        assertTrue(r.output().contains("this run's result was kept in " + dir.toRealPath().resolve("job.new-1")), r.output());
        assertEquals("precious", Files.readString(out.resolve("mine.txt")));
        assertEquals(List.of("mine.txt"), Workloads.names(out), "nothing was added to or deleted from the folder");
        assertTrue(Files.isRegularFile(dir.resolve("job.new-1/model/xgboost-model.json")), "the trained job is kept, complete");
        assertEquals(namesWith(inputs, "job", "job.new-1"), Workloads.names(dir));
    }

    @Test void withForceAFileAddedToTheOldJobDuringTheRunSurvivesWithTheOldJob() throws Exception {
        Path config = mediumJob();
        Path quick = Workloads.trainConfig(dir, "quick.json", dir.resolve("synthetic.csv"), "y", 3, 2);
        Path out = dir.resolve("job");
        assertEquals(0, Jvm.run(dir, List.of(Workloads.MAIN, "train", "--config", quick.toString(), "--output", out.toString())).exitCode());
        List<String> inputs = Workloads.names(dir);
        String oldModel = Files.readString(out.resolve("model/xgboost-model.json"));
        Path log = Files.createTempFile("holdout-train", ".log");
        Process run = startAndWaitUntilWorking(List.of(Workloads.MAIN, "train", "--config", config.toString(), "--output", out.toString(), "--force"),
                out, "train channel", log);
        Files.writeString(out.resolve("notes.txt"), "what I learned from the old job");
        Jvm.Result r = resume(run, log);
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("notes.txt appeared in it while this run worked"), r.output());
        assertEquals("what I learned from the old job", Files.readString(out.resolve("notes.txt")));
        assertEquals(oldModel, Files.readString(out.resolve("model/xgboost-model.json")), "the old job is intact");
        assertFalse(oldModel.equals(Files.readString(dir.resolve("job.new-1/model/xgboost-model.json"))), "the new job is kept beside it");
        assertEquals(inputs.stream().filter(n -> !n.equals("job")).count() + 2, Workloads.names(dir).size(), Workloads.names(dir).toString());
    }

    @Test void aFileThatAppearsInTheOutputWhileTuneRunsSurvives() throws Exception {
        Path data = Workloads.synthetic(dir, 4_000, 5);
        Path config = Workloads.tuneConfig(dir, "tuning.json", data, "y", 4, 60, 7);
        List<String> inputs = Workloads.names(dir);
        Path out = dir.resolve("tune");
        Path log = Files.createTempFile("holdout-tune", ".log");
        Process run = startAndWaitUntilWorking(List.of(Workloads.MAIN, "tune", "--config", config.toString(), "--output", out.toString()), out,
                "tuning validation:logloss", log);
        Files.createDirectories(out);
        Files.writeString(out.resolve("mine.txt"), "precious");
        Jvm.Result r = resume(run, log);
        assertEquals(2, r.exitCode(), r.output());
        assertTrue(r.output().contains("--output=" + out + ": mine.txt appeared in it while this run worked"), r.output());
        assertEquals(List.of("mine.txt"), Workloads.names(out));
        assertTrue(Files.isRegularFile(dir.resolve("tune.new-1/tuning.json")), "the tuning results are kept, complete");
        assertEquals(namesWith(inputs, "tune", "tune.new-1"), Workloads.names(dir));
    }
}
