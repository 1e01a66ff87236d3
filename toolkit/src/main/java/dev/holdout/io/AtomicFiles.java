package dev.holdout.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Atomic artifact writes: a file or a whole folder is written under a temporary name beside its
 * target and renamed into place, so an interrupted job leaves the old state or the new one.
 *
 * <pre>{@code
 * AtomicFiles.writeString(dir.resolve("split.json"), json);
 * AtomicFiles.replaceDirectory(outDir, false, tmp -> writeParts(tmp));
 * }</pre>
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of a folder. */
    @FunctionalInterface
    public interface DirectoryWriter {
        void write(Path directory) throws IOException;
    }

    /** Writes {@code bytes} to {@code target} through a temporary file in the same folder. */
    public static void write(Path target, byte[] bytes) {
        try {
            Path parent = target.toAbsolutePath().getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempFile(parent, "." + target.getFileName(), ".tmp");
            try {
                Files.write(tmp, bytes);
                move(tmp, target);
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + target + ": " + e.getMessage(), e);
        }
    }

    public static void writeString(Path target, String text) {
        write(target, text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Fills a fresh temporary folder beside {@code target} with {@code writer}, then renames it to
     * {@code target}. An existing non-empty {@code target} is refused unless {@code force}; with
     * {@code force} it is replaced only after the new content is complete. On failure nothing is
     * left behind.
     */
    public static void replaceDirectory(Path target, boolean force, DirectoryWriter writer) {
        Path abs = target.toAbsolutePath().normalize();
        try {
            if (Files.exists(abs) && !Files.isDirectory(abs)) {
                throw dev.holdout.data.DataValidationException.param("output", target,
                        "exists and is not a folder", "choose a folder path");
            }
            if (!force && isNonEmptyDirectory(abs)) {
                throw dev.holdout.data.DataValidationException.param("output", target,
                        "folder is not empty", "choose another folder or pass --force to replace it");
            }
            Path parent = abs.getParent();
            Files.createDirectories(parent);
            Path tmp = Files.createTempDirectory(parent, "." + abs.getFileName() + ".tmp");
            Path old = null;
            try {
                writer.write(tmp);
                if (Files.exists(abs)) {
                    old = Files.createTempDirectory(parent, "." + abs.getFileName() + ".old");
                    Files.delete(old);
                    Files.move(abs, old);
                }
                move(tmp, abs);
            } catch (IOException | RuntimeException e) {
                deleteRecursively(tmp);
                if (old != null && !Files.exists(abs)) Files.move(old, abs);
                throw e;
            }
            if (old != null) deleteRecursively(old);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write folder " + target + ": " + e.getMessage(), e);
        }
    }

    public static boolean isNonEmptyDirectory(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return false;
        try (var s = Files.list(dir)) {
            return s.findAny().isPresent();
        }
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException | DirectoryNotEmptyException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    /** Deletes a file or a folder tree; missing is fine. */
    public static void deleteRecursively(Path path) throws IOException {
        if (!Files.exists(path)) return;
        Files.walkFileTree(path, new SimpleFileVisitor<>() {
            @Override public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
