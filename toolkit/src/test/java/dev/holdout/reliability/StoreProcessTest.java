package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.SeededRandom;
import dev.holdout.io.EnvironmentException;
import dev.holdout.store.Store;
import dev.holdout.store.StoreBusyException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The store across real processes: DuckDB allows one process at a time, so a second one waits and lands, or gives
 * up after its wait with a clear message; a process killed with SIGKILL in the middle of a write leaves the
 * store with the rows before that write, never part of it, and the store opens cleanly. Each child JVM gets its
 * own {@code java.io.tmpdir} (DuckDB extracts its 70 MB native library there, and a killed JVM cannot delete it),
 * which also shows that the library loads wherever it must be extracted.
 */
class StoreProcessTest {
    @TempDir Path dir;

    private Path tmp() throws IOException {
        return Files.createTempDirectory(dir, "jvm-tmp");
    }

    private List<String> child(Path tmp, String... args) {
        List<String> c = new ArrayList<>();
        c.add("-Djava.io.tmpdir=" + tmp);
        c.addAll(dev.holdout.cli.JdkOptions.forThisJvm());
        c.add(StoreChild.class.getName());
        c.addAll(List.of(args));
        return c;
    }

    private static long count(Store store, String sql) {
        Long v = store.read(s -> s.longValue(sql));
        return v;
    }

    private static void awaitLine(Path log, String line, Process p) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (System.nanoTime() < deadline) {
            if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) return;
            if (!p.isAlive()) throw new AssertionError("the child ended before '" + line + "': " + Files.readString(log));
            Thread.sleep(20);
        }
        throw new AssertionError("no '" + line + "' from the child in 60 s: " + Files.readString(log));
    }

    @Test void twoProcessesWritingAtOnceBothLandWhole() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Path a = dir.resolve("a.log"), b = dir.resolve("b.log");
        Process pa = Jvm.start(dir, child(tmp(), "insert", f.toString(), "200000", "a", "60000"), a);
        Process pb = Jvm.start(dir, child(tmp(), "insert", f.toString(), "200000", "b", "60000"), b);
        Jvm.Result ra = Jvm.waitFor(pa, a), rb = Jvm.waitFor(pb, b);
        assertEquals(0, ra.exitCode(), ra.output());
        assertEquals(0, rb.exitCode(), rb.output());
        Store store = Store.at(f);
        assertEquals(200_000L, count(store, "SELECT count(*) FROM rows WHERE tag = 'a'"));
        assertEquals(200_000L, count(store, "SELECT count(*) FROM rows WHERE tag = 'b'"));
    }

    @Test void aWriterWaitsForTheProcessThatHasTheStoreAndThenLands() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Path log = dir.resolve("hold.log");
        Process holder = Jvm.start(dir, child(tmp(), "hold", f.toString(), "1500"), log);
        awaitLine(log, "holding", holder);
        long t0 = System.nanoTime();
        Store.at(f).waitingUpTo(Duration.ofSeconds(60)).write(s -> s.update("INSERT INTO rows VALUES ('second', 1)"));
        long waitedMs = (System.nanoTime() - t0) / 1_000_000;
        assertEquals(0, Jvm.waitFor(holder, log).exitCode());
        assertTrue(waitedMs >= 200, "the second writer had to wait for the first: " + waitedMs + " ms");
        assertEquals(2L, count(Store.at(f), "SELECT count(*) FROM rows"));
    }

    @Test void aWriterThatWaitsTooLongGivesUpNamingTheProcessThatHasTheStore() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Path log = dir.resolve("hold.log");
        Process holder = Jvm.start(dir, child(tmp(), "hold", f.toString(), "30000"), log);
        try {
            awaitLine(log, "holding", holder);
            long t0 = System.nanoTime();
            StoreBusyException e = assertThrows(StoreBusyException.class,
                    () -> Store.at(f).waitingUpTo(Duration.ofMillis(800)).write(s -> s.update("INSERT INTO rows VALUES ('x', 1)")));
            long waitedMs = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(waitedMs >= 800 && waitedMs < 20_000, "waited " + waitedMs + " ms");
            assertTrue(e.getMessage().contains("is in use by another process") && e.getMessage().contains("PID " + holder.pid()), e.getMessage());
            assertTrue(e.getMessage().contains("--store-wait") && e.getMessage().contains("HOLDOUT_STORE_WAIT"), e.getMessage());
            assertTrue(e instanceof EnvironmentException);
        } finally {
            holder.destroyForcibly().waitFor();
        }
    }

    @Test void aProcessThatClosedTheStoreNoLongerHoldsItWhileItLives() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Path log = dir.resolve("release.log");
        Process p = Jvm.start(dir, child(tmp(), "release", f.toString(), "20000"), log);
        try {
            awaitLine(log, "released", p);
            Store.at(f).waitingUpTo(Duration.ZERO).write(s -> s.update("INSERT INTO rows VALUES ('next', 1)"));
            assertEquals(2L, count(Store.at(f), "SELECT count(*) FROM rows"));
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test void killedInTheMiddleOfAWriteTheStoreKeepsTheRowsBeforeItAndOpensCleanly() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Store store = Store.at(f);
        store.write(s -> {
            s.execute("CREATE TABLE rows (tag VARCHAR, i BIGINT)");
            return s.update("INSERT INTO rows SELECT 'before', range FROM range(1000)");
        });
        SeededRandom rng = new SeededRandom(14);
        for (int k = 0; k < 4; k++) {
            Path log = dir.resolve("kill-" + k + ".log");
            Path tmp = tmp();
            Process p = Jvm.start(dir, child(tmp, "endless", f.toString(), "killed-" + k), log);
            awaitLine(log, "appending", p);
            Thread.sleep(rng.nextInt(600));
            p.destroyForcibly(); // SIGKILL: no finally block, no shutdown hook runs
            p.waitFor();
            assertEquals(1000L + k, count(store, "SELECT count(*) FROM rows"), "kill " + k + ": the killed write left none of its rows");
            store.write(s -> s.update("INSERT INTO rows VALUES ('after a kill', 0)"));
            try (Stream<Path> left = Files.list(tmp)) {
                left.forEach(x -> x.toFile().delete()); // the killed JVM's copy of DuckDB's library
            }
        }
        // a write that completes after the kills lands whole
        Path log = dir.resolve("last.log");
        Jvm.Result r = Jvm.waitFor(Jvm.start(dir, child(tmp(), "insert", f.toString(), "5000", "last", "60000"), log), log);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(1004L + 5000, count(store, "SELECT count(*) FROM rows"));
        assertEquals(Map.of("before", 1000L, "after a kill", 4L, "last", 5000L), store.read(s -> {
            Map<String, Long> m = new java.util.TreeMap<>();
            for (var row : s.query("SELECT tag, count(*) FROM rows GROUP BY tag", x -> Map.entry(x.getString(1), x.getLong(2)))) {
                m.put(row.getKey(), row.getValue());
            }
            return m;
        }));
    }

    @Test void aTemporaryFolderWhereTheNativeLibraryCannotBeExtractedIsAClearError() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Path log = dir.resolve("nolib.log");
        Jvm.Result r = Jvm.waitFor(Jvm.start(dir, child(dir.resolve("no-such-folder"), "insert", f.toString(), "1", "x", "0"), log), log);
        assertTrue(r.exitCode() != 0, r.output());
        assertTrue(r.output().contains("DuckDB's native library could not be loaded") && r.output().contains("java.io.tmpdir="), r.output());
    }
}
