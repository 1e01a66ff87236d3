package dev.holdout.io;

import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A single-file output ({@code predict --output}, {@code metrics --html}, an executed notebook, a saved
 * preprocessor, a chart), held to the same rules as {@link OutputFolder}: checked before any work (not an
 * input, not a folder, not a dangling link, a writable parent), locked ({@code .NAME.lock}), written to a
 * temporary file beside it ({@code .NAME.tmp-PID-N.ext}, the user's umask) and renamed into place.
 *
 * <pre>{@code
 * try (OutputFile out = OutputFile.at(Path.of("predictions.csv")).named("--output")
 *         .input("--input", Path.of("rows.csv")).claim()) {  // refused here (exit 2) if it is the input, a folder, ...
 *     double[][] scores = model.scores(rows);                // the work
 *     out.writeString(csv(scores));                          // temp file, then renamed over the target
 * }
 * OutputFile.replace(Path.of("model/preprocessor.json"), json); // the same, in one call, for library saves
 * }</pre>
 *
 * <p>A file that existed at the claim is replaced (re-running {@code predict} refreshes its predictions).
 * A file that appeared, or changed, while the run worked is never replaced: the target is taken with a hard
 * link, which fails if anything is there, and the new result is kept in {@code stem.new-N.ext} instead, with an
 * {@link OutputConflictException}. Leftover temporary files of killed runs are deleted by the next claim.
 */
public final class OutputFile implements AutoCloseable {
    /** Writes the temporary file that becomes the output (it exists, empty; the writer may replace it). */
    @FunctionalInterface
    public interface Writer {
        void write(Path file) throws IOException;
    }

    private final Claim claim;
    private final Object start;
    private boolean written;

    private OutputFile(Claim claim, Object start) {
        this.claim = claim;
        this.start = start;
    }

    /** The rules for a file output at {@code file}; configure, then {@link Spec#claim()}. */
    public static Spec at(Path file) {
        return new Spec(file, "output", List.of());
    }

    /** Writes {@code bytes} to {@code file} under every rule above (no inputs to keep clear of), in one call. */
    public static void replace(Path file, byte[] bytes) {
        try (OutputFile out = at(file).claim()) {
            out.write(bytes);
        }
    }

    /** {@link #replace(Path, byte[])} of UTF-8 text. */
    public static void replace(Path file, String text) {
        replace(file, text.getBytes(StandardCharsets.UTF_8));
    }

    /** What to claim: immutable; every modifier returns a new spec. */
    public static final class Spec {
        private final Path path;
        private final String option;
        private final List<OutputTarget.Input> inputs;

        private Spec(Path path, String option, List<OutputTarget.Input> inputs) {
            this.path = path;
            this.option = option;
            this.inputs = List.copyOf(inputs);
        }

        /** The name messages give the output: {@code --output}, {@code --html}. Default {@code output}. */
        public Spec named(String optionName) {
            return new Spec(path, Objects.requireNonNull(optionName), inputs);
        }

        /** An input file or folder the output must not be or lie inside; a null path is ignored. */
        public Spec input(String name, Path input) {
            if (input == null) return this;
            List<OutputTarget.Input> l = new ArrayList<>(inputs);
            l.add(new OutputTarget.Input(name, input));
            return new Spec(path, option, l);
        }

        /** Checks every rule and takes the lock; throws {@link DataValidationException} (exit 2) on a broken rule. */
        public OutputFile claim() {
            OutputTarget t = OutputTarget.check(path, option, OutputTarget.Kind.FILE, inputs);
            Claim c = Claim.take(t);
            return new OutputFile(c, identity(t.real));
        }
    }

    /** Where the output is: the real path (links resolved). */
    public Path path() { return claim.target.real; }

    public void write(byte[] bytes) {
        write(f -> {
            try (OutputStream out = Files.newOutputStream(f, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE)) {
                out.write(bytes);
            }
        });
    }

    public void writeString(String text) {
        write(text.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Writes the output through a temporary file beside it (same folder, same extension: tools that insist on
     * one accept it), then renames it into place. If the writer throws, the temporary file is deleted and the
     * output is as it was.
     *
     * @throws OutputConflictException when a file appeared at, or changed at, the path since the claim
     */
    public void write(Writer writer) {
        if (written) throw new IllegalStateException("output " + claim.target.given + " was already written");
        OutputTarget t = claim.target;
        Path tmp = claim.createTemp();
        try {
            try {
                writer.write(tmp);
            } catch (IOException e) {
                throw new UncheckedIOException("could not write " + t.option + "=" + t.given + ": " + OutputTarget.reason(e), e);
            }
            if (!Files.isRegularFile(tmp, LinkOption.NOFOLLOW_LINKS)) {
                throw new UncheckedIOException(new IOException("the writer of " + t.given + " left no file at " + tmp));
            }
            commit(t, tmp);
            written = true;
            claim.keepParents();
        } catch (RuntimeException | Error e) {
            if (!written) {
                try {
                    Files.deleteIfExists(tmp);
                } catch (IOException d) {
                    e.addSuppressed(d);
                }
            }
            throw e;
        } finally {
            Leftovers.done(tmp);
        }
    }

    private void commit(OutputTarget t, Path tmp) {
        try {
            Object now = identity(t.real);
            if (start != null && now != null) {
                if (!now.equals(start)) throw conflict(t, tmp, "changed while this run worked");
                Files.move(tmp, t.real, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                return;
            }
            if (now != null) throw conflict(t, tmp, "appeared while this run worked");
            // absent at the claim (or deleted since): a hard link takes the name only if nothing is there
            try {
                Files.createLink(t.real, tmp);
                Files.delete(tmp);
            } catch (FileAlreadyExistsException e) {
                throw conflict(t, tmp, "appeared while this run worked");
            } catch (UnsupportedOperationException | FileSystemException e) {
                if (e instanceof FileSystemException f && Files.exists(t.real, LinkOption.NOFOLLOW_LINKS)) {
                    throw conflict(t, tmp, "appeared while this run worked");
                }
                // no hard links here (some network and FAT file systems): a rename that checks first
                try {
                    Files.move(tmp, t.real);
                } catch (FileAlreadyExistsException x) {
                    throw conflict(t, tmp, "appeared while this run worked");
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not put " + t.option + "=" + t.given + " in place: " + OutputTarget.reason(e), e);
        }
    }

    private OutputConflictException conflict(OutputTarget t, Path tmp, String what) {
        Path[] kept = new Path[1];
        String where = claim.keepAside(tmp, kept);
        written = true;
        return new OutputConflictException(DataValidationException.param(t.option, t.given, "the file " + what
                        + " (another process or a person wrote it), so it was not replaced; " + where,
                "keep what you need, then run again (or choose another " + t.option + ")").getMessage(), kept[0]);
    }

    /** Size, modification time and inode of a regular file, or null when nothing is there. */
    private static Object identity(Path p) {
        try {
            BasicFileAttributes a = Files.readAttributes(p, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            return List.of(a.isRegularFile(), a.size(), a.lastModifiedTime(), String.valueOf(a.fileKey()));
        } catch (IOException e) {
            return null;
        }
    }

    /** Releases the lock; when nothing was written, also removes the parent folders the claim created. */
    @Override public void close() {
        claim.close();
    }

    @Override public String toString() {
        return "OutputFile[" + claim.target.real + (written ? ", written" : "") + "]";
    }
}
