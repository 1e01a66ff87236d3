package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An input that cannot be read says why in plain words, the same for every reader. */
public class InputFilesTest {
    @TempDir Path dir;

    private static String message(Path file) {
        DataValidationException a = assertThrows(DataValidationException.class, () -> CsvLoader.csv().load(file));
        DataValidationException b = assertThrows(DataValidationException.class, () -> CsvLoader.csv().read(file));
        DataValidationException c = assertThrows(DataValidationException.class, () -> CsvReader.open(file).readAll());
        assertEquals(a.getMessage(), b.getMessage());
        assertEquals(a.getMessage(), c.getMessage());
        assertTrue(a.getMessage().startsWith("input=" + file + ": "), a.getMessage());
        return a.getMessage();
    }

    @Test void aMissingFile() {
        assertTrue(message(dir.resolve("nope.csv")).contains("file does not exist; check the path"));
        assertTrue(message(dir.resolve("no/such/dir/x.csv")).contains("its folder"));
    }

    @Test void aFolderNamesTheCsvFilesInIt() throws Exception {
        Files.writeString(dir.resolve("train.csv"), "a\n1\n");
        Files.writeString(dir.resolve("test.csv"), "a\n1\n");
        String m = message(dir);
        assertTrue(m.contains("is a folder, not a file; pass a CSV file (the folder holds test.csv, train.csv)"), m);
    }

    @Test void aDanglingSymbolicLink() throws Exception {
        Path link = Files.createSymbolicLink(dir.resolve("link.csv"), dir.resolve("gone.csv"));
        String m = message(link);
        assertTrue(m.contains("is a symbolic link to " + dir.resolve("gone.csv") + ", which does not exist (a dangling link)"), m);
    }

    @Test void permissionDenied() throws Exception {
        Path f = unreadable(dir);
        assumeTrue(f != null, "no unreadable file can be made here");
        String m = message(f);
        assertTrue(m.contains("permission denied"), m);
    }

    /**
     * A file this user may not read: a fresh file with its permissions removed, or, for root (who reads it
     * anyway), a system file that even root may not open for reading. Null when neither exists.
     */
    public static Path unreadable(Path dir) throws Exception {
        Path f = dir.resolve("secret.csv");
        Files.writeString(f, "a\n1\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("---------"));
        if (!Files.isReadable(f)) return f;
        Path drop = Path.of("/proc/sys/vm/drop_caches"); // write-only, also for root
        return Files.exists(drop) && !Files.isReadable(drop) ? drop : null;
    }
}
