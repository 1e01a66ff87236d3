package dev.holdout.io;

import dev.holdout.data.DataValidationException;
import java.nio.file.Path;

/**
 * Something appeared in (or changed at) an output while the run worked, so the run replaced and deleted
 * nothing there. {@link #kept()} is where this run's result was put instead (a visible sibling such as
 * {@code out.new-1}), or null when it had to be discarded. Exit code 2, like every refused output.
 *
 * <pre>{@code
 * try { out.write(dir -> ...); }
 * catch (OutputConflictException e) { e.kept(); } // runs/job.new-1: move it where you want it
 * }</pre>
 */
public final class OutputConflictException extends DataValidationException {
    private static final long serialVersionUID = 1L;

    private final transient Path kept;

    OutputConflictException(String message, Path kept) {
        super(message);
        this.kept = kept;
    }

    /** Where the new result was kept, or null when it was discarded. */
    public Path kept() { return kept; }
}
