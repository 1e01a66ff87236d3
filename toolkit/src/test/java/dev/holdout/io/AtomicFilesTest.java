package dev.holdout.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A writer that fails half-way leaves the old state or nothing, never half of the new one. */
class AtomicFilesTest {
    @TempDir Path dir;

    private static AtomicFiles.DirectoryWriter failingAfterOneFile() {
        return d -> {
            Files.writeString(d.resolve("train.csv"), "new");
            throw new IOException("disk full (simulated)");
        };
    }

    private void assertNoTemporaryLeftovers() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().startsWith(".")), "no temporary folder left behind");
        }
    }

    @Test void aFailedWriteOfANewFolderLeavesNothing() throws Exception {
        Path target = dir.resolve("out");
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.replaceDirectory(target, false, failingAfterOneFile()));
        assertFalse(Files.exists(target));
        assertNoTemporaryLeftovers();
    }

    @Test void aFailedForcedReplaceKeepsTheOldFolder() throws Exception {
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.writeString(target.resolve("train.csv"), "old");
        assertThrows(java.io.UncheckedIOException.class, () -> AtomicFiles.replaceDirectory(target, true, failingAfterOneFile()));
        assertEquals("old", Files.readString(target.resolve("train.csv")));
        assertNoTemporaryLeftovers();
    }

    @Test void aSuccessfulReplaceSwapsTheWholeFolder() throws Exception {
        Path target = Files.createDirectories(dir.resolve("out"));
        Files.writeString(target.resolve("stale.csv"), "old");
        AtomicFiles.replaceDirectory(target, true, d -> Files.writeString(d.resolve("train.csv"), "new"));
        assertEquals("new", Files.readString(target.resolve("train.csv")));
        assertFalse(Files.exists(target.resolve("stale.csv")));
        assertNoTemporaryLeftovers();
        AtomicFiles.writeString(target.resolve("split.json"), "{}");
        assertEquals("{}", Files.readString(target.resolve("split.json")));
    }
}
