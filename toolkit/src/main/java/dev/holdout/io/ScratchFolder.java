package dev.holdout.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A private working folder in the system's temporary directory, deleted with everything in it on close: for
 * files nobody keeps (the kernelspec a notebook run points Jupyter at). Outputs a user keeps go through
 * {@link OutputFolder} or {@link OutputFile} instead; this folder is 0700 on purpose.
 *
 * <pre>{@code
 * try (ScratchFolder scratch = ScratchFolder.create("holdout-kernelspec")) {
 *     spec.writeInto(scratch.path().resolve("kernels"));
 *     ... run Jupyter with JUPYTER_PATH=scratch.path() ...
 * } // deleted
 * }</pre>
 */
public final class ScratchFolder implements AutoCloseable {
    private final Path path;

    private ScratchFolder(Path path) { this.path = path; }

    public static ScratchFolder create(String prefix) {
        try {
            return new ScratchFolder(Files.createTempDirectory(prefix));
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a temporary folder: " + OutputTarget.reason(e), e);
        }
    }

    public Path path() { return path; }

    @Override public void close() {
        try {
            Tree.deleteOwn(path);
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the temporary folder " + path + ": " + OutputTarget.reason(e), e);
        }
    }
}
