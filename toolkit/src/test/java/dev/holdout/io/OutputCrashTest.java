package dev.holdout.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.reliability.Jvm;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@link OutputFolder} against real processes: a child JVM dies without any cleanup (Runtime.halt, as with
 * kill -9) at each step of a write, and the next claim must find the old complete state or the new one and
 * leave no leftovers; a lock held by another process refuses, and is taken over once that process is killed;
 * outputs get the child's umask.
 */
class OutputCrashTest {
    @TempDir Path dir;

    private static final Map<String, String> OLD = Map.of("old.csv", "old");
    private static final Map<String, String> NEW = Map.of("a.txt", "new", "sub", "/", "sub/b.txt", "new");

    @ParameterizedTest(name = "killed at {1} while {0}: {2} after the next claim")
    @CsvSource({
            "replacing, writing,      old",
            "replacing, journal,      old",
            "replacing, old-aside,    old",
            "replacing, new-in-place, new",
            "replacing, old-deleted,  new",
            "creating,  writing,      none",
            "creating,  rename,       none",
            "creating,  renamed,      new"})
    void aKilledWriteLeavesTheOldOrTheNewCompleteState(String what, String step, String expected) throws Exception {
        Path out = dir.resolve("out");
        boolean replacing = what.equals("replacing");
        if (replacing) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("old.csv"), "old");
        }
        Jvm.Result r = Jvm.run(dir, List.of(OutputChild.class.getName(), "crash", out.toString(), replacing ? "force" : "new", step, "new"));
        assertEquals(137, r.exitCode(), r.output());
        try (OutputFolder next = OutputFolder.at(out).force(true).claim()) {
            Map<String, String> now = OutputFolderTest.contents(out);
            switch (expected) {
                case "old" -> assertEquals(OLD, now);
                case "new" -> assertEquals(NEW, now);
                default -> assertTrue(!Files.exists(out), "nothing: " + now);
            }
            assertEquals(expected.equals("none"), next.emptyAtStart());
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(expected.equals("none") ? List.of() : List.of("out"), s.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no lock, temporary folder, journal or old folder is left once the next run has claimed the output");
        }
    }

    @Test void aLockHeldByAnotherProcessRefusesNamingItAndIsTakenOverOnceItIsKilled() throws Exception {
        Path out = dir.resolve("out");
        Path log = Files.createTempFile("holdout-holder", ".log");
        Process holder = Jvm.start(dir, List.of(OutputChild.class.getName(), "hold", out.toString()), log);
        try {
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.readString(log).contains("claimed") && holder.isAlive() && System.nanoTime() < deadline) Thread.sleep(20);
            assertTrue(holder.isAlive(), Files.readString(log));
            long t0 = System.nanoTime();
            DataValidationException e = org.junit.jupiter.api.Assertions.assertThrows(DataValidationException.class,
                    () -> OutputFolder.at(out).named("--output").claim());
            assertTrue(System.nanoTime() - t0 < 2_000_000_000L, "refused at once, not after waiting");
            assertTrue(e.getMessage().contains("another holdout run is writing it (PID " + holder.pid() + ", started "), e.getMessage());
        } finally {
            holder.destroyForcibly().waitFor();
            Files.deleteIfExists(log);
        }
        assertTrue(Files.exists(dir.resolve(".out.lock")), "kill -9 leaves the lock file");
        try (OutputFolder f = OutputFolder.at(out).claim()) {
            f.write(OutputFolderTest.files("new"));
        }
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of("out"), s.map(p -> p.getFileName().toString()).toList(), "the stale lock was taken over and removed");
        }
    }

    @ParameterizedTest(name = "umask {0}: folders {1}, files {2}")
    @CsvSource({"027, rwxr-x---, rw-r-----", "002, rwxrwxr-x, rw-rw-r--", "022, rwxr-xr-x, rw-r--r--"})
    void outputsAreCreatedWithTheUsersUmask(String umask, String folders, String files) throws Exception {
        Path out = dir.resolve("out"), file = dir.resolve("predictions.csv");
        Jvm.Result r = Jvm.runWithUmask(dir, umask, List.of(OutputChild.class.getName(), "umask", out.toString(), file.toString()));
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(folders, PosixFilePermissions.toString(Files.getPosixFilePermissions(out)));
        assertEquals(folders, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sub"))));
        assertEquals(files, PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("sub/part.csv"))));
        assertEquals(files, PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
    }
}
