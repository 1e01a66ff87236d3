package dev.holdout.io;

/**
 * This machine lacks something Holdout needs and the user can provide — a program (Jupyter's nbconvert), a
 * tool's installation — so the run cannot go on. It is neither bad input (exit 2) nor a bug in Holdout: the
 * command line prints its message as it is, with exit code 1 and no request to report it. The message says what
 * is missing and how to get it.
 *
 * <pre>{@code
 * throw new EnvironmentException("jupyter nbconvert was not found; install it: apt-get install -y jupyter-nbconvert");
 * // holdout notebook run: failed: jupyter nbconvert was not found; install it: apt-get install -y jupyter-nbconvert
 * }</pre>
 */
public class EnvironmentException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public EnvironmentException(String message) {
        super(message);
    }

    public EnvironmentException(String message, Throwable cause) {
        super(message, cause);
    }
}
