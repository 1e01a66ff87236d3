package dev.holdout.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of {@link OutputFolder}, in process; the kill -9 and cross-process cases are in {@link OutputCrashTest}. */
class OutputFolderTest {
    @TempDir Path dir;

    @AfterEach void noTestSeamLeftSet() {
        OutputFolder.steps = s -> {};
    }

    static OutputFolder.Writer files(String tag) {
        return d -> {
            Files.writeString(d.resolve("a.txt"), tag);
            Files.createDirectories(d.resolve("sub"));
            Files.writeString(d.resolve("sub/b.txt"), tag);
        };
    }

    /** Everything under {@code root} (hidden entries too) with its content. */
    static Map<String, String> contents(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(root)) return m;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) continue;
                m.put(root.relativize(p).toString(), Files.isDirectory(p) ? "/" : Files.readString(p));
            }
        }
        return m;
    }

    private void assertOnly(String... names) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(List.of(names), s.map(p -> p.getFileName().toString()).sorted().toList(), "no lock, temporary or old folder left");
        }
    }

    @Test void writesANewFolderAndLeavesNoLockOrTemporary() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder f = OutputFolder.at(out).claim()) {
            assertTrue(Files.exists(dir.resolve(".out.lock")), "the lock sits beside the output while it is claimed");
            assertEquals(dir.toRealPath().resolve("out"), f.path());
            assertTrue(f.emptyAtStart());
            f.write(files("new"));
        }
        assertEquals(Map.of("a.txt", "new", "sub", "/", "sub/b.txt", "new"), contents(out));
        assertOnly("out");
    }

    @Test void aFailedWriteOfANewFolderLeavesNothing() throws Exception {
        Path out = dir.resolve("deep/er/out");
        try (OutputFolder f = OutputFolder.at(out).claim()) {
            assertTrue(Files.isDirectory(dir.resolve("deep/er")), "missing parents are created at the claim");
            assertThrows(UncheckedIOException.class, () -> f.write(d -> {
                Files.writeString(d.resolve("a.txt"), "half");
                throw new IOException("disk full (simulated)");
            }));
        }
        assertOnly();
    }

    @Test void aFailedForcedReplaceKeepsTheOldFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("train.csv"), "old");
        try (OutputFolder f = OutputFolder.at(out).force(true).claim()) {
            assertFalse(f.emptyAtStart());
            assertThrows(IllegalStateException.class, () -> f.write(d -> {
                Files.writeString(d.resolve("train.csv"), "new");
                throw new IllegalStateException("the writer failed");
            }));
        }
        assertEquals(Map.of("train.csv", "old"), contents(out));
        assertOnly("out");
    }

    @Test void aForcedReplaceSwapsTheWholeFolder() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out/old-sub"));
        Files.writeString(out.resolve("stale.csv"), "old");
        Path root = dir.resolve("out");
        try (OutputFolder f = OutputFolder.at(root).force(true).claim()) {
            f.write(files("new"));
        }
        assertEquals(Map.of("a.txt", "new", "sub", "/", "sub/b.txt", "new"), contents(root));
        assertOnly("out");
    }

    @Test void aNonEmptyFolderIsRefusedWithoutForceBeforeAnyWork() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("mine.txt"), "precious");
        DataValidationException e = assertThrows(DataValidationException.class, () -> OutputFolder.at(out).named("--output").claim());
        assertEquals("--output=" + out + ": folder is not empty; choose another folder or pass --force to replace it", e.getMessage());
        assertEquals(Map.of("mine.txt", "precious"), contents(out));
        assertOnly("out");
    }

    @Test void aPreviousResultIsReplacedWithoutForceAndAnythingElseIsRefused() throws Exception {
        Path previous = Files.createDirectories(dir.resolve("previous/job"));
        Files.writeString(dir.resolve("previous/split.json"), "{}");
        try (OutputFolder f = OutputFolder.at(dir.resolve("previous"))
                .replacing("a previous run", p -> Files.exists(p.resolve("split.json"))).claim()) {
            f.write(files("new"));
        }
        assertEquals("new", Files.readString(dir.resolve("previous/a.txt")));
        assertFalse(Files.exists(previous));

        Path other = Files.createDirectories(dir.resolve("other"));
        Files.writeString(other.resolve("thesis.tex"), "years of work");
        DataValidationException e = assertThrows(DataValidationException.class, () -> OutputFolder.at(other)
                .replacing("a previous run", p -> Files.exists(p.resolve("split.json"))).claim());
        assertTrue(e.getMessage().contains("is not a previous run") && e.getMessage().contains("--force"), e.getMessage());
    }

    @Test void anOutputThatIsContainsOrLiesInsideAnInputIsRefused() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path csv = Files.writeString(data.resolve("in.csv"), "a\n1\n");
        Map<Path, String> cases = Map.of(
                data, "contains the input --input=" + csv,
                data.resolve("in.csv"), "is the input --input=" + csv,
                dir, "contains the input --input=" + csv);
        for (var c : cases.entrySet()) {
            DataValidationException e = assertThrows(DataValidationException.class,
                    () -> OutputFolder.at(c.getKey()).named("--output").input("--input", csv).force(true).claim(), c.getKey().toString());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
        }
        DataValidationException inside = assertThrows(DataValidationException.class,
                () -> OutputFolder.at(data.resolve("out")).input("--model", data).claim());
        assertTrue(inside.getMessage().contains("lies inside the input folder --model=" + data), inside.getMessage());
        assertEquals("a\n1\n", Files.readString(csv));
        assertOnly("data");
    }

    @Test void realPathsAreCompared() throws Exception {
        Path data = Files.createDirectories(dir.resolve("data"));
        Path csv = Files.writeString(data.resolve("in.csv"), "a\n1\n");
        Path alias = Files.createSymbolicLink(dir.resolve("alias"), data);
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> OutputFolder.at(alias).input("--input", csv).force(true).claim());
        assertTrue(e.getMessage().contains("contains the input"), e.getMessage());
        DataValidationException dots = assertThrows(DataValidationException.class,
                () -> OutputFolder.at(dir.resolve("data/x/..")).input("--input", alias.resolve("in.csv")).force(true).claim());
        assertTrue(dots.getMessage().contains("contains the input"), dots.getMessage());
    }

    @Test void aLinkToAFolderWritesTheFolderItPointsAt() throws Exception {
        Path real = Files.createDirectories(dir.resolve("real"));
        Path link = Files.createSymbolicLink(dir.resolve("link"), real);
        try (OutputFolder f = OutputFolder.at(link).claim()) {
            f.write(files("new"));
        }
        assertTrue(Files.isSymbolicLink(link), "the link stays a link");
        assertEquals("new", Files.readString(real.resolve("a.txt")));
    }

    @Test void pathsThatCannotBeAFolderAreRefused() throws Exception {
        Path file = Files.writeString(dir.resolve("file.txt"), "x");
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling"), dir.resolve("nowhere"));
        Map<Path, String> cases = Map.of(
                file, "is a file; a folder is needed here",
                file.resolve("out"), "on its path is a file, not a folder",
                dangling, "is a symbolic link to " + dir.resolve("nowhere") + ", which does not exist",
                dangling.resolve("out"), "is a symbolic link to " + dir.resolve("nowhere") + ", which does not exist");
        for (var c : cases.entrySet()) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> OutputFolder.at(c.getKey()).force(true).claim(),
                    c.getKey().toString());
            assertTrue(e.getMessage().contains(c.getValue()), e.getMessage());
        }
        assertOnly("dangling", "file.txt");
    }

    @Test void aSecondClaimIsRefusedAtOnceNamingTheOwnerAndTheLockIsReleasedOnClose() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder first = OutputFolder.at(out).named("--output").claim()) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> OutputFolder.at(out).named("--output").claim());
            assertTrue(e.getMessage().contains("another holdout run is writing it (PID " + ProcessHandle.current().pid() + ", this process"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("wait for that run to finish"), e.getMessage());
            first.write(files("first"));
        }
        assertFalse(Files.exists(dir.resolve(".out.lock")));
        try (OutputFolder again = OutputFolder.at(out).force(true).claim()) {
            again.write(files("second"));
        }
        assertEquals("second", Files.readString(out.resolve("a.txt")));
        assertOnly("out");
    }

    @Test void aLockFileLeftByADeadRunIsTakenOver() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(".out.lock"), "holdout output lock\npid=" + gone.pid() + "\nstarted=2001-01-01T00:00:00Z\n");
        try (OutputFolder f = OutputFolder.at(dir.resolve("out")).claim()) {
            f.write(files("new"));
        }
        assertOnly("out");
    }

    @Test void aFileThatAppearsWhileTheRunWorksIsNeverDeleted() throws Exception {
        Path out = dir.resolve("out");
        try (OutputFolder f = OutputFolder.at(out).named("--output").claim()) {
            Files.createDirectories(out);
            Files.writeString(out.resolve("mine.txt"), "precious");
            OutputConflictException e = assertThrows(OutputConflictException.class, () -> f.write(files("new")));
            assertEquals(dir.resolve("out.new-1"), e.kept());
            assertTrue(e.getMessage().startsWith("--output=" + out + ": mine.txt appeared in it while this run worked"), e.getMessage());
            assertTrue(e.getMessage().contains("nothing in it was replaced or deleted; this run's result was kept in " + dir.resolve("out.new-1")),
                    e.getMessage());
        }
        assertEquals(Map.of("mine.txt", "precious"), contents(out));
        assertEquals(Map.of("a.txt", "new", "sub", "/", "sub/b.txt", "new"), contents(dir.resolve("out.new-1")));
        assertOnly("out", "out.new-1");
    }

    @Test void withForceOnlyWhatWasThereAtTheStartMayBeReplaced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("old.csv"), "old");
        try (OutputFolder f = OutputFolder.at(out).force(true).claim()) {
            Files.writeString(out.resolve("mine.txt"), "precious");
            assertThrows(OutputConflictException.class, () -> f.write(files("new")));
        }
        assertEquals(Map.of("mine.txt", "precious", "old.csv", "old"), contents(out));

        // a file changed in place is new data too
        try (OutputFolder f = OutputFolder.at(out).force(true).claim()) {
            Files.writeString(out.resolve("old.csv"), "edited by hand, longer");
            OutputConflictException e = assertThrows(OutputConflictException.class, () -> f.write(files("new")));
            assertTrue(e.getMessage().contains("old.csv appeared"), e.getMessage());
        }
        assertEquals("edited by hand, longer", Files.readString(out.resolve("old.csv")));
    }

    @Test void somethingWrittenIntoTheOldFolderDuringTheSwapIsKept() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("old.csv"), "old");
        // a process whose working folder is the old output writes there after it was moved aside
        OutputFolder.steps = s -> {
            if (!s.equals("old-aside")) return;
            try (Stream<Path> l = Files.list(dir)) {
                Path old = l.filter(p -> p.getFileName().toString().startsWith(".out.old-")).findFirst().orElseThrow();
                Files.writeString(old.resolve("late.txt"), "precious");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        try (OutputFolder f = OutputFolder.at(out).force(true).claim()) {
            OutputConflictException e = assertThrows(OutputConflictException.class, () -> f.write(files("new")));
            assertTrue(e.getMessage().contains("the new result is in place, but late.txt appeared"), e.getMessage());
            assertEquals(dir.resolve("out.previous-1"), e.kept());
        }
        assertEquals("new", Files.readString(out.resolve("a.txt")));
        assertEquals(Map.of("late.txt", "precious"), contents(dir.resolve("out.previous-1")), "only what the claim saw was deleted");
        assertOnly("out", "out.previous-1");
    }

    @Test void aFolderWithAnotherRunWritingInsideIsNotReplaced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        try (OutputFolder inner = OutputFolder.at(out.resolve("job")).claim()) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> OutputFolder.at(out).force(true).claim());
            assertTrue(e.getMessage().contains("another holdout run is writing inside it"), e.getMessage());
            inner.write(files("inner"));
        }
        assertEquals("inner", Files.readString(out.resolve("job/a.txt")));
    }

    @Test void leftoversAreCleanedOnlyWhenProvablyOursAndDead() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        Path deadTmp = Files.createDirectories(dir.resolve(".out.tmp-" + dead + "-1/sub"));
        Files.writeString(deadTmp.resolve("half.csv"), "half");
        Files.writeString(dir.resolve(".out.swap-" + dead + "-3.part"), "half a journal");
        // pid 1 is alive and started long before these files: not provably dead, not ours to delete
        Path alive = Files.createDirectories(dir.resolve(".out.tmp-1-2"));
        // not our naming for this target
        Path foreign = Files.createDirectories(dir.resolve(".out.tmp-x"));
        Path otherTarget = Files.createDirectories(dir.resolve(".out2.tmp-" + dead + "-1"));
        try (OutputFolder f = OutputFolder.at(dir.resolve("out")).claim()) {
            f.write(files("new"));
        }
        assertFalse(Files.exists(dir.resolve(".out.tmp-" + dead + "-1")));
        assertFalse(Files.exists(dir.resolve(".out.swap-" + dead + "-3.part")));
        assertTrue(Files.exists(alive) && Files.exists(foreign) && Files.exists(otherTarget));
    }

    @Test void anInterruptedReplaceIsUndoneOrFinishedByTheNextClaim() throws Exception {
        // the state a run killed after moving the old folder aside leaves: journal, new folder, old folder aside
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        long dead = gone.pid();
        Path out = Files.createDirectories(dir.resolve("out"));
        Files.writeString(out.resolve("old.csv"), "old");
        Tree before = Tree.scan(out);
        Path tmp = Files.createDirectories(dir.resolve(".out.tmp-" + dead + "-1"));
        Files.writeString(tmp.resolve("new.csv"), "new");
        Path old = dir.resolve(".out.old-" + dead + "-2");
        new Leftovers.SwapJournal(tmp.getFileName().toString(), old.getFileName().toString(), before).write(dir.resolve(".out.swap-" + dead + "-3"));
        Files.move(out, old);
        try (OutputFolder f = OutputFolder.at(out).force(true).claim()) {
            assertEquals(Map.of("old.csv", "old"), contents(out), "undone: the old complete state is back");
        }
        assertOnly("out");

        // killed after the new folder was in place: the old one is deleted, the new one stays
        Files.move(out, old);
        Path newer = Files.createDirectories(dir.resolve("out"));
        Files.writeString(newer.resolve("new.csv"), "new");
        new Leftovers.SwapJournal(tmp.getFileName().toString(), old.getFileName().toString(), before).write(dir.resolve(".out.swap-" + dead + "-3"));
        try (OutputFolder f = OutputFolder.at(out).force(true).claim()) {
            assertEquals(Map.of("new.csv", "new"), contents(out), "finished: the new complete state stays");
        }
        assertOnly("out");
    }
}
