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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each rule of {@link OutputFile}. */
class OutputFileTest {
    @TempDir Path dir;

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test void writesAndReplacesAFileLeavingNoLockOrTemporary() throws Exception {
        Path f = dir.resolve("p.csv");
        OutputFile.replace(f, "one\n");
        assertEquals("one\n", Files.readString(f));
        try (OutputFile out = OutputFile.at(f).claim()) {
            assertTrue(Files.exists(dir.resolve(".p.csv.lock")));
            out.writeString("two\n");
        }
        assertEquals("two\n", Files.readString(f), "a file that was there at the claim is replaced");
        assertEquals(List.of("p.csv"), names());
    }

    @Test void theWriterGetsATemporaryFileWithTheTargetsExtensionAndAFailureLeavesNothing() throws Exception {
        Path f = dir.resolve("nb.executed.ipynb");
        String[] seen = new String[1];
        try (OutputFile out = OutputFile.at(f).claim()) {
            assertThrows(UncheckedIOException.class, () -> out.write(tmp -> {
                seen[0] = tmp.getFileName().toString();
                Files.writeString(tmp, "half");
                throw new IOException("nbconvert died (simulated)");
            }));
        }
        assertTrue(seen[0].startsWith(".nb.executed.ipynb.tmp-") && seen[0].endsWith(".ipynb"), seen[0]);
        assertEquals(List.of(), names());
    }

    @Test void aFileThatAppearsOrChangesWhileTheRunWorksIsNotReplaced() throws Exception {
        Path f = dir.resolve("p.csv");
        try (OutputFile out = OutputFile.at(f).named("--output").claim()) {
            Files.writeString(f, "precious");
            OutputConflictException e = assertThrows(OutputConflictException.class, () -> out.writeString("new"));
            assertEquals(dir.resolve("p.new-1.csv"), e.kept());
            assertTrue(e.getMessage().contains("--output=" + f + ": the file appeared while this run worked"), e.getMessage());
        }
        assertEquals("precious", Files.readString(f));
        assertEquals("new", Files.readString(dir.resolve("p.new-1.csv")));

        try (OutputFile out = OutputFile.at(f).claim()) {
            Files.writeString(f, "edited meanwhile");
            OutputConflictException e = assertThrows(OutputConflictException.class, () -> out.writeString("new"));
            assertTrue(e.getMessage().contains("changed while this run worked"), e.getMessage());
        }
        assertEquals("edited meanwhile", Files.readString(f));
        assertEquals(List.of("p.csv", "p.new-1.csv", "p.new-2.csv"), names());
    }

    @Test void pathsThatCannotBeAFileOrAreAnInputAreRefused() throws Exception {
        Path input = Files.writeString(dir.resolve("in.csv"), "a\n1\n");
        Path folder = Files.createDirectories(dir.resolve("folder"));
        Path hardLink = Files.createLink(dir.resolve("same.csv"), input);
        Path dangling = Files.createSymbolicLink(dir.resolve("dangling.csv"), dir.resolve("nowhere.csv"));
        Map<Path, String> cases = Map.of(
                input, "is the input --input=" + input,
                hardLink, "is the input --input=" + input,
                folder, "is a folder; a file is needed here",
                dangling, "which does not exist",
                Path.of("/dev/null"), "is not a regular file",
                input.resolve("x.csv"), "on its path is a file, not a folder");
        for (var c : cases.entrySet()) {
            DataValidationException e = assertThrows(DataValidationException.class,
                    () -> OutputFile.at(c.getKey()).named("--output").input("--input", input).claim(), c.getKey().toString());
            assertTrue(e.getMessage().startsWith("--output=" + c.getKey() + ": ") && e.getMessage().contains(c.getValue()), e.getMessage());
        }
        DataValidationException inside = assertThrows(DataValidationException.class,
                () -> OutputFile.at(folder.resolve("p.csv")).input("--model", folder).claim());
        assertTrue(inside.getMessage().contains("lies inside the input folder --model="), inside.getMessage());
        assertEquals("a\n1\n", Files.readString(input));
        assertEquals(List.of("dangling.csv", "folder", "in.csv", "same.csv"), names());
    }

    @Test void leftoverTemporaryFilesOfDeadRunsAreDeletedByTheNextClaim() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        Files.writeString(dir.resolve(".p.csv.tmp-" + gone.pid() + "-4.csv"), "half");
        Files.writeString(dir.resolve(".p.csv.tmp-" + gone.pid() + "-5"), "not this target's naming: kept");
        OutputFile.replace(dir.resolve("p.csv"), "x");
        assertEquals(List.of(".p.csv.tmp-" + gone.pid() + "-5", "p.csv"), names());
        assertFalse(Files.exists(dir.resolve(".p.csv.lock")));
    }

    @Test void aSecondClaimOfTheSameFileIsRefused() {
        Path f = dir.resolve("p.csv");
        try (OutputFile out = OutputFile.at(f).claim()) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> OutputFile.at(f).claim());
            assertTrue(e.getMessage().contains("another holdout run is writing it"), e.getMessage());
            out.writeString("x");
        }
    }

    @Test void aLockRecordIsAliveOnlyForItsOwnProcess() throws Exception {
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        assertFalse(OutputLock.isAlive(Map.of("pid", String.valueOf(gone.pid()), "started", "2001-01-01T00:00:00Z")), "a dead PID");
        assertTrue(OutputLock.isAlive(Map.of("pid", String.valueOf(OutputLock.PID), "started", OutputLock.STARTED)), "this process");
        assertFalse(OutputLock.isAlive(Map.of("pid", String.valueOf(OutputLock.PID), "started", "2001-01-01T00:00:00Z")),
                "a live PID with another start time was reused by a later process");
        assertFalse(OutputLock.isAlive(Map.of()), "no record");
    }
}
