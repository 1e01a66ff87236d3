package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.SeededRandom;
import dev.holdout.io.ContentHash;
import dev.holdout.registry.ApprovalStatus;
import dev.holdout.registry.ModelRegistry;
import dev.holdout.registry.ModelVersion;
import dev.holdout.registry.RegistryFixtures;
import dev.holdout.store.Store;
import dev.holdout.train.ModelReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The registry across real processes: two {@code register} calls at once into one group both land, as versions N and
 * N+1 (DuckDB lets one process in at a time; the other waits, bounded, and retries); a process killed with SIGKILL
 * at random moments of a registration leaves no half version — every version the store lists has all its artifacts,
 * intact, and every artifact tree on disk is complete (its folder's SHA-256 is its name) — and the next registration
 * takes the next number and clears the killed one's temporary folder.
 */
class RegistryProcessTest {
    @TempDir static Path shared;
    static Path jobA, jobB;

    @TempDir Path dir;

    @BeforeAll static void train() {
        Path[] jobs = RegistryFixtures.twoJobs(shared);
        jobA = jobs[0];
        jobB = jobs[1];
    }

    private List<String> child(String... args) throws IOException {
        List<String> c = new ArrayList<>();
        // each child its own tmpdir: DuckDB extracts its native library there, and a killed JVM cannot delete it
        c.add("-Djava.io.tmpdir=" + Files.createTempDirectory(dir, "jvm-tmp"));
        c.addAll(dev.holdout.cli.JdkOptions.forThisJvm());
        c.add(RegistryChild.class.getName());
        c.addAll(List.of(args));
        return c;
    }

    @Test void twoRegistersAtOnceIntoOneGroupGetConsecutiveVersionsNeitherLostNorDuplicated() throws Exception {
        Path store = dir.resolve("s.duckdb");
        Path la = dir.resolve("a.log"), lb = dir.resolve("b.log");
        Process pa = Jvm.start(dir, child("register", store.toString(), "rain", jobA.toString(), "3"), la);
        Process pb = Jvm.start(dir, child("register", store.toString(), "rain", jobB.toString(), "3"), lb);
        Jvm.Result ra = Jvm.waitFor(pa, la), rb = Jvm.waitFor(pb, lb);
        assertEquals(0, ra.exitCode(), ra.output());
        assertEquals(0, rb.exitCode(), rb.output());
        Set<String> a = registered(ra.output()), b = registered(rb.output());
        assertEquals(3, a.size(), ra.output());
        assertEquals(3, b.size(), rb.output());
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        assertEquals(6, all.size(), "no version given to both: " + a + " " + b);
        ModelRegistry r = ModelRegistry.open(Store.at(store));
        List<ModelVersion> versions = r.list("rain", null);
        assertEquals(IntStream.rangeClosed(1, 6).boxed().toList(), versions.stream().map(ModelVersion::version).toList());
        for (ModelVersion v : versions) {
            Path expectedJob = a.contains(v.ref()) ? jobA : jobB;
            assertEquals(expectedJob.toAbsolutePath().normalize().toString(), v.sourceFolder(), v.ref());
            r.verified(v, v.ref());
        }
        assertEquals(6, r.history("rain").size());
    }

    private static Set<String> registered(String output) {
        Set<String> out = new HashSet<>();
        for (String line : output.split("\\R")) if (line.startsWith("registered ")) out.add(line.substring("registered ".length()));
        return out;
    }

    @Test void killDuringRegisterLeavesNoHalfVersion() throws Exception {
        // a model folder with an 8 MB file: copying and hashing it takes long enough for kills to land inside the copy
        Path job = dir.resolve("big-job");
        RegistryFixtures.copy(jobA, job);
        byte[] big = new byte[8 << 20];
        SeededRandom rnd = new SeededRandom(15);
        for (int i = 0; i < big.length; i += 8) {
            long v = rnd.nextLong();
            for (int k = 0; k < 8; k++) big[i + k] = (byte) (v >>> (8 * k));
        }
        Files.write(job.resolve("model/extra.bin"), big);
        Path store = dir.resolve("s.duckdb");
        ModelRegistry r = ModelRegistry.open(Store.at(store));
        r.register("rain", jobB, "before the kills", ApprovalStatus.PendingManualApproval, "test");
        SeededRandom delays = new SeededRandom(1515);
        int kills = 3;
        Path tmpRoot = r.artifactsRoot().resolve("tmp");
        for (int k = 0; k < kills; k++) {
            Path log = dir.resolve("kill-" + k + ".log");
            Process p = Jvm.start(dir, child("register", store.toString(), "rain", job.toString(), "0"), log);
            awaitLine(log, "registered", p);
            if (k == 0) {
                // the first kill lands in the copy: as soon as a temporary folder holds a file of the next registration
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
                while (!copying(tmpRoot)) {
                    if (System.nanoTime() > deadline || !p.isAlive()) throw new AssertionError("no copy seen: " + Files.readString(log));
                    Thread.onSpinWait();
                }
                p.destroyForcibly().waitFor(); // SIGKILL: no finally block, no shutdown hook
                assertTrue(copying(tmpRoot), "killed in the middle of copying the artifacts");
            } else {
                // the others anywhere in a registration (a seeded point of one cycle): the copy, the rename, the transaction
                long t0 = System.nanoTime();
                awaitCount(log, 2, p);
                long cycleMs = Math.max(50, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0));
                Thread.sleep((long) (delays.nextDouble() * cycleMs));
                p.destroyForcibly().waitFor();
            }
            checkNoHalfVersion(r);
        }
        List<ModelVersion> before = r.list("rain", null);
        ModelVersion next = r.register("rain", jobA, "after the kills", ApprovalStatus.PendingManualApproval, "test");
        assertEquals(before.get(before.size() - 1).version() + 1, next.version());
        try (Stream<Path> tmp = Files.list(r.artifactsRoot().resolve("tmp"))) {
            assertEquals(List.of(), tmp.toList(), "the killed registrations' temporary folders are cleared by the next one");
        }
        checkNoHalfVersion(r);
    }

    /** Whether a registration's temporary folder holds at least one file (it is copying). */
    private static boolean copying(Path tmpRoot) {
        try (Stream<Path> s = Files.walk(tmpRoot)) {
            return s.anyMatch(Files::isRegularFile);
        } catch (IOException | java.io.UncheckedIOException e) {
            return false; // a folder removed while it was walked: not copying any more
        }
    }

    /** Versions 1..n, each with all its files intact and all its rows; every tree on disk complete. */
    private static void checkNoHalfVersion(ModelRegistry r) throws IOException {
        List<ModelVersion> versions = r.list("rain", null);
        assertEquals(IntStream.rangeClosed(1, versions.size()).boxed().toList(), versions.stream().map(ModelVersion::version).toList());
        for (ModelVersion v : versions) {
            assertEquals(v.modelFolder(), ModelReference.parse(v.ref()).resolve(r), v.ref());
            assertEquals(v.artifactsSha256(), ContentHash.folder(v.folder()).digest(), v.ref());
        }
        assertEquals(versions.size(), r.history("rain").size(), "one registration row per version");
        try (Stream<Path> prefixes = Files.list(r.artifactsRoot().resolve("sha256"))) {
            for (Path prefix : prefixes.toList()) {
                try (Stream<Path> trees = Files.list(prefix)) {
                    for (Path t : trees.toList()) assertEquals(t.getFileName().toString(), ContentHash.folder(t).digest(), "a complete tree: " + t);
                }
            }
        }
    }

    private static void awaitLine(Path log, String text, Process p) throws Exception {
        awaitCount(log, 1, p);
    }

    private static void awaitCount(Path log, int n, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log)) {
                String s = Files.readString(log, StandardCharsets.UTF_8);
                if (s.split("registered ", -1).length - 1 >= n) return;
            }
            if (!p.isAlive()) throw new AssertionError("the child ended early: " + Files.readString(log));
            Thread.sleep(10);
        }
        p.destroyForcibly();
        throw new AssertionError("the child did not register in 120 s: " + Files.readString(log));
    }
}
