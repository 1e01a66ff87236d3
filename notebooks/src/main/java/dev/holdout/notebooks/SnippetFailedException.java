package dev.holdout.notebooks;

/**
 * A snippet failed with something that is not an {@code Exception} (a {@code StackOverflowError}, say); the
 * cause is the original, so the error output still shows what happened and where.
 *
 * <pre>{@code
 * int f(int n) { return f(n + 1); }
 * f(0)   // SnippetFailedException: StackOverflowError: null
 * }</pre>
 */
public final class SnippetFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    SnippetFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
