package dev.holdout.notebooks;

/**
 * What instrumented cell code calls (see {@link SnippetInstrumenter}): a stop check at the start of every method and
 * before every backward jump, and replacements for {@code System.exit}, {@code Runtime.exit} and {@code Runtime.halt}.
 * Public only because the snippet classes JShell defines live in another class loader and package; a cell has no
 * reason to call it.
 *
 * <pre>{@code
 * while (true) {}        // compiled with SnippetGuard.checkStop() before the jump back: an interrupt ends it
 * System.exit(1)         // becomes SnippetGuard.exit(1): ExitRefusedException, the kernel keeps running
 * }</pre>
 */
public final class SnippetGuard {
    /**
     * Set by an interrupt, cleared when the next cell starts. One flag for all threads: a background thread running
     * cell code stops too, as in JShell's own local engine.
     */
    private static volatile boolean stopRequested;

    private SnippetGuard() {}

    /** Throws {@link CellStop} once an interrupt was requested; otherwise a single volatile read. */
    public static void checkStop() {
        if (stopRequested) throw new CellStop();
    }

    /** Replaces {@code System.exit(status)} in cell code. */
    public static void exit(int status) {
        throw new ExitRefusedException("System.exit(" + status + ")");
    }

    /** Replaces {@code runtime.exit(status)} in cell code. */
    public static void runtimeExit(Runtime runtime, int status) {
        throw new ExitRefusedException("Runtime.exit(" + status + ")");
    }

    /** Replaces {@code runtime.halt(status)} in cell code. */
    public static void runtimeHalt(Runtime runtime, int status) {
        throw new ExitRefusedException("Runtime.halt(" + status + ")");
    }

    static void requestStop() {
        stopRequested = true;
    }

    static void clearStop() {
        stopRequested = false;
    }

    static boolean stopRequested() {
        return stopRequested;
    }

    /**
     * Thrown into cell code by an interrupt. An {@code Error}, so that a cell's {@code catch (Exception e)} does not
     * swallow it; and a cell that catches even this meets the next check, since the flag stays set.
     */
    static final class CellStop extends Error {
        private static final long serialVersionUID = 1L;

        CellStop() {
            super("interrupted", null, false, false);
        }
    }
}
