package dev.holdout.data;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.Path;

/**
 * Opens an input file, or says in plain words why it cannot: it does not exist, it is a folder, it is a
 * symbolic link to nothing, permission is denied. Each is a {@link DataValidationException} naming
 * the parameter and the path ({@code input=data.csv: permission denied: ...}), never a Java exception
 * class, so every verb reports an unreadable input the same way (exit code 2).
 *
 * <pre>{@code
 * byte[] bytes = InputFiles.readAll(Path.of("in.csv"), "--input");
 * // --input=in.csv: is a folder, not a file; pass a CSV file (the folder holds train.csv, test.csv)
 * }</pre>
 */
public final class InputFiles {
    private InputFiles() {}

    /** Throws unless {@code file} is a readable regular file. */
    public static void requireReadable(Path file, String param) {
        DataValidationException p = problem(file, param, null);
        if (p != null) throw p;
        if (!Files.isReadable(file)) throw denied(file, param);
    }

    /** The whole file; a plain error when it cannot be read. */
    public static byte[] readAll(Path file, String param) {
        requireReadable(file, param);
        try {
            long size = Files.size(file);
            if (size > Integer.MAX_VALUE - 16) {
                throw DataValidationException.param(param, file, "is " + (size >> 20) + " MiB, more than a table can hold in one piece (2 GiB)",
                        "read it in batches with CsvReader.open(file).batches(rows), or split the file");
            }
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw failure(file, param, e);
        }
    }

    /** A stream over the file; a plain error when it cannot be opened. */
    public static InputStream open(Path file, String param) {
        requireReadable(file, param);
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw failure(file, param, e);
        }
    }

    /** The reason an I/O failure on an input happened, as an error a person can act on. */
    public static DataValidationException failure(Path file, String param, IOException e) {
        DataValidationException p = problem(file, param, e);
        if (p != null) return p;
        if (e instanceof AccessDeniedException) return denied(file, param);
        String reason = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
        return DataValidationException.param(param, file, "could not be read: " + (reason == null ? "an I/O error" : reason),
                "check that the file is readable (ls -l " + file + ")");
    }

    private static DataValidationException problem(Path file, String param, IOException cause) {
        if (Files.isSymbolicLink(file) && !Files.exists(file)) {
            String target;
            try {
                target = Files.readSymbolicLink(file).toString();
            } catch (IOException e) {
                target = "(unreadable)";
            }
            return DataValidationException.param(param, file, "is a symbolic link to " + target + ", which does not exist (a dangling link)",
                    "point the link at an existing file, or pass the file itself");
        }
        if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS) && !Files.exists(file)) {
            Path parent = file.toAbsolutePath().getParent();
            if (cause instanceof AccessDeniedException || (parent != null && Files.exists(parent) && !Files.isExecutable(parent))) {
                return denied(file, param);
            }
            return DataValidationException.param(param, file, "file does not exist",
                    parent != null && !Files.isDirectory(parent) ? "its folder " + parent + " does not exist either; check the path" : "check the path");
        }
        if (Files.isDirectory(file)) {
            return DataValidationException.param(param, file, "is a folder, not a file", "pass a CSV file" + csvsIn(file));
        }
        if (cause instanceof NotDirectoryException || cause instanceof NoSuchFileException) {
            return DataValidationException.param(param, file, "file does not exist", "check the path");
        }
        return null;
    }

    private static DataValidationException denied(Path file, String param) {
        return DataValidationException.param(param, file, "permission denied: this user may not read the file",
                "check its permissions (ls -l " + file + "), or copy it somewhere readable");
    }

    private static String csvsIn(Path dir) {
        try (var s = Files.list(dir)) {
            var names = s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".csv") || n.endsWith(".tsv")).sorted().limit(4).toList();
            return names.isEmpty() ? "" : " (the folder holds " + String.join(", ", names) + ")";
        } catch (IOException | RuntimeException e) {
            return "";
        }
    }
}
