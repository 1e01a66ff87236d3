package dev.holdout.notebooks;

/**
 * A cell did not compile (or refers to something not defined): the message names the cell line, JShell's
 * diagnostic, and the offending source with a caret under it.
 *
 * <pre>{@code
 * line 2: cannot find symbol
 *   symbol:   variable tabel
 *     tabel.rowCount()
 *     ^---^
 * }</pre>
 */
public final class CompilationException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CompilationException(String message) {
        super(message, null, false, false); // no stack: the message is the whole story
    }
}
