package dev.holdout.notebooks;

/**
 * A line magic ({@code %maven}, {@code %jars}, {@code %classpath}) could not do what it was asked: the message says
 * what was given, the rule, and the fix.
 *
 * <pre>{@code
 * %maven org.example:nope:1.0   // MagicException: %maven org.example:nope:1.0: cannot resolve: ...
 * }</pre>
 */
public final class MagicException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    MagicException(String message) {
        super(message, null, false, false); // no stack: the message is the whole story
    }
}
