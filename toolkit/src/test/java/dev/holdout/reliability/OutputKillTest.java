package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.SeededRandom;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 at random moments (a seeded stream) of real {@code holdout split|train|tune --force} processes that
 * replace one complete output with another. After each kill, one recovery run (the same verb without
 * {@code --force}: it repairs what the killed run left, then refuses the non-empty folder) must leave the output
 * exactly the old complete state or the new complete one, and no lock, temporary folder or journal beside it.
 * The killed runs are child JVMs (SIGKILL: no finally block or shutdown hook runs); the recovery runs are the
 * same command line in this JVM, which saves a JVM start each and runs the same claim.
 */
class OutputKillTest {
    private static final long SEED = 20251201L;

    @TempDir Path dir;

    /**
     * Runs the loop. {@code args.apply(v)} is the command line of version v (0 or 1, two different complete
     * outputs), with {@code --force}; {@code recovery} is the command without it.
     */
    private void killLoop(String verb, int kills, Function<Integer, List<String>> args, List<String> recovery, Path out) throws Exception {
        List<String> inputs = Workloads.names(dir);
        // the two complete states, each from an uninterrupted run
        List<Map<String, String>> complete = new ArrayList<>();
        long shortest = Long.MAX_VALUE; // the machine may be busy: kill times scale with the quicker run
        for (int v = 0; v < 2; v++) {
            long t0 = System.nanoTime();
            Jvm.Result r = Jvm.run(dir, args.apply(v));
            shortest = Math.min(shortest, System.nanoTime() - t0);
            assertEquals(0, r.exitCode(), r.output());
            complete.add(Workloads.fingerprint(out));
        }
        assertTrue(!complete.get(0).equals(complete.get(1)), "the two versions must differ to tell old from new");
        int current = 1;
        SeededRandom rng = new SeededRandom(SEED ^ verb.hashCode());
        int killedWhileRunning = 0, keptOld = 0;
        for (int k = 0; k < kills; k++) {
            int next = 1 - current;
            // half the kills anywhere in the run, half near its end, where the output is written and swapped
            double at = k % 2 == 0 ? rng.nextDouble() : 0.6 + rng.nextDouble() * 0.45;
            Path log = Files.createTempFile("holdout-kill", ".log");
            Process p = Jvm.start(dir, args.apply(next), log);
            Thread.sleep(Math.max(1, (long) (at * shortest / 1_000_000)));
            if (p.isAlive()) killedWhileRunning++;
            p.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            p.waitFor();
            Files.deleteIfExists(log);

            // the recovery run is the real command line, in this JVM: it repairs what the killed process left, then refuses
            BadInput.Result r = BadInput.run(recovery.subList(1, recovery.size()));
            assertEquals(2, r.exitCode(), "the recovery run refuses the non-empty folder: " + r.err());
            assertTrue(r.err().contains("folder is not empty"), r.err());
            Map<String, String> now = Workloads.fingerprint(out);
            String where = verb + ", kill " + (k + 1) + " at " + Math.round(at * 100) + "% of a run";
            assertTrue(now.equals(complete.get(current)) || now.equals(complete.get(next)),
                    where + ": the output is neither the old complete state nor the new one: " + now);
            List<String> expected = new ArrayList<>(inputs);
            expected.add(out.getFileName().toString());
            expected.sort(null);
            assertEquals(expected, Workloads.names(dir), where + ": no lock, temporary folder or journal is left after the next run");
            if (now.equals(complete.get(next))) current = next;
            else keptOld++;
        }
        System.out.printf("kill loop %s: %d kills, %d while the run worked; afterwards old state %d, new state %d%n",
                verb, kills, killedWhileRunning, keptOld, kills - keptOld);
        assertTrue(killedWhileRunning >= kills / 2, verb + ": most kills must land while the run works (" + killedWhileRunning + ")");
        // and a final uninterrupted run still works
        Jvm.Result last = Jvm.run(dir, args.apply(1 - current));
        assertEquals(0, last.exitCode(), last.output());
        assertEquals(complete.get(1 - current), Workloads.fingerprint(out));
    }

    @Test void split() throws Exception {
        Path in = Workloads.cancer(dir, 200);
        Path out = dir.resolve("out");
        killLoop("split", 10, v -> List.of(Workloads.MAIN, "split", "--input", in.toString(), "--output", out.toString(),
                        "--strategy", "random", "--validation-size", "0.2", "--seed", String.valueOf(1 + v), "--force"),
                List.of(Workloads.MAIN, "split", "--input", in.toString(), "--output", out.toString(), "--strategy", "random"), out);
    }

    @Test void train() throws Exception {
        Path in = Workloads.cancer(dir, 200);
        Path c0 = Workloads.trainConfig(dir, "job-0.json", in, "malignant", 8, 3);
        Path c1 = Workloads.trainConfig(dir, "job-1.json", in, "malignant", 9, 3);
        Path out = dir.resolve("job");
        killLoop("train", 10, v -> List.of(Workloads.MAIN, "train", "--config", (v == 0 ? c0 : c1).toString(), "--output", out.toString(), "--force"),
                List.of(Workloads.MAIN, "train", "--config", c0.toString(), "--output", out.toString()), out);
    }

    @Test void tune() throws Exception {
        Path in = Workloads.cancer(dir, 200);
        Path c0 = Workloads.tuneConfig(dir, "tune-0.json", in, "malignant", 3, 8, 7);
        Path c1 = Workloads.tuneConfig(dir, "tune-1.json", in, "malignant", 3, 8, 8);
        Path out = dir.resolve("tune");
        killLoop("tune", 10, v -> List.of(Workloads.MAIN, "tune", "--config", (v == 0 ? c0 : c1).toString(), "--output", out.toString(), "--force"),
                List.of(Workloads.MAIN, "tune", "--config", c0.toString(), "--output", out.toString()), out);
    }
}
