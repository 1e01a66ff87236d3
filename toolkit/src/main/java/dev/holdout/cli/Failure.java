package dev.holdout.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.EnvironmentException;
import dev.holdout.train.XGBoostFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.CharacterCodingException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import ml.dmlc.xgboost4j.java.XGBoostError;
import picocli.CommandLine;

/**
 * How a failure reaches the person at the terminal: one plain message and an exit code, never a Java exception
 * class or a stack trace ({@code HOLDOUT_DEBUG=1} adds the trace). The cause chain is searched for what the
 * failure is really about, so a wrapped cause counts as itself:
 * <ul>
 * <li>{@link DataValidationException} — the project's one bad-input exception — is bad usage or input: exit 2,
 *     {@code error: <its message>};</li>
 * <li>an {@link OutOfMemoryError} is exit 1 with the input's size and how to give the JVM more memory
 *     ({@link MemoryAdvice});</li>
 * <li>a file-system error is a plain reason and the path: a path that does not exist, is not allowed, is a file
 *     where a folder is needed (or the reverse) or is on a read-only file system is the user's to fix (exit 2); a
 *     full disk or any other I/O failure is exit 1; malformed JSON or text that is not UTF-8 is bad input (exit 2);</li>
 * <li>an {@link EnvironmentException} — the machine lacks a program Holdout needs — is exit 1 with its message;</li>
 * <li>XGBoost's native errors ({@link XGBoostFailure}, or a raw {@link XGBoostError}) are exit 1 with the first
 *     meaningful line of XGBoost's message, never its native backtrace;</li>
 * <li>anything else — an {@code IllegalStateException}, a {@code NullPointerException}, an {@code AssertionError},
 *     and also an {@code IllegalArgumentException} that is not a {@code DataValidationException} (a library's
 *     complaint from deep inside, or a broken invariant of ours, not something the user can fix) — is an internal
 *     error: exit 1, {@code internal error: <message>}, and how to report it with the trace.</li>
 * </ul>
 *
 * <pre>{@code
 * Failure f = Failure.of(new java.nio.file.AccessDeniedException("/data/in.csv"));
 * f.exitCode();   // 2
 * f.message();    // "/data/in.csv: permission denied; check the file's permissions or pass another path"
 * }</pre>
 *
 * @param exitCode {@link HoldoutCli#EXIT_USAGE} or {@link HoldoutCli#EXIT_FAILURE}
 * @param kind     what the line starts with: {@code error}, {@code failed} or {@code internal error}
 * @param message  one plain reason (long values already cut)
 * @param internal whether it is a bug in Holdout (then the report hint follows)
 */
record Failure(int exitCode, String kind, String message, boolean internal) {
    /** The environment variable that adds stack traces to failures. */
    static final String DEBUG_ENV = "HOLDOUT_DEBUG";

    static Failure of(Throwable thrown) {
        OutOfMemoryError oom = find(thrown, OutOfMemoryError.class);
        if (oom != null) return failed(MemoryAdvice.describe(oom, null));
        DataValidationException bad = find(thrown, DataValidationException.class);
        if (bad != null) return error(bad.getMessage());
        IOException io = io(thrown);
        if (io != null) return ofIo(thrown, io);
        EnvironmentException missing = find(thrown, EnvironmentException.class);
        if (missing != null) return failed(missing.getMessage());
        XGBoostFailure xgb = find(thrown, XGBoostFailure.class);
        if (xgb != null) return failed(xgb.getMessage() + " (" + DEBUG_ENV + "=1 shows XGBoost's full message)");
        XGBoostError raw = find(thrown, XGBoostError.class);
        if (raw != null) return failed("XGBoost failed: " + XGBoostFailure.firstLine(raw.getMessage()) + " (" + DEBUG_ENV + "=1 shows its full message)");
        Throwable cause = unwrap(thrown);
        String m = cause.getMessage();
        String text = m == null || m.isBlank() ? cause.getClass().getSimpleName() : firstLineOf(m);
        return new Failure(HoldoutCli.EXIT_FAILURE, "internal error", readable(text), true);
    }

    /** The same failure, with the memory advice naming the command's inputs. */
    static Failure of(Throwable thrown, CommandLine.ParseResult parsed) {
        OutOfMemoryError oom = find(thrown, OutOfMemoryError.class);
        return oom != null ? failed(MemoryAdvice.describe(oom, parsed)) : of(thrown);
    }

    /** Prints the failure as {@code <command>: <kind>: <message>}, the report hint, and the trace when asked for. */
    void print(java.io.PrintWriter err, String command, Throwable thrown) {
        err.println(command + ": " + kind + ": " + message);
        if (internal) {
            err.println(command + ": this is a bug in Holdout, not a problem with your input; please report it with the command line, "
                    + "and with the stack trace that " + DEBUG_ENV + "=1 adds (" + DEBUG_ENV + "=1 " + command.replaceFirst("^holdout", "./holdout")
                    + " ...)");
        }
        if (debug()) thrown.printStackTrace(err);
        err.flush();
    }

    static boolean debug() {
        String v = System.getenv(DEBUG_ENV);
        return v != null && !v.isBlank() && !v.equals("0") && !v.equalsIgnoreCase("false");
    }

    private static Failure error(String message) {
        return new Failure(HoldoutCli.EXIT_USAGE, "error", readable(message), false);
    }

    private static Failure failed(String message) {
        return new Failure(HoldoutCli.EXIT_FAILURE, "failed", readable(message), false);
    }

    private static Failure ofIo(Throwable thrown, IOException io) {
        if (io instanceof JsonProcessingException json) {
            var at = json.getLocation();
            return error("invalid JSON: " + json.getOriginalMessage() + (at == null || at.getLineNr() < 0 ? "" : " at line " + at.getLineNr()
                    + ", column " + at.getColumnNr()));
        }
        if (io instanceof CharacterCodingException) {
            return error((context(thrown, io) == null ? "" : context(thrown, io)) + "the text is not valid UTF-8; save the file as UTF-8");
        }
        String context = context(thrown, io);
        String prefix = context == null ? "" : context;
        String where = "";
        String reason;
        if (io instanceof FileSystemException fs) {
            where = fs.getFile() == null ? "" : fs.getFile() + (fs.getOtherFile() == null ? "" : " -> " + fs.getOtherFile()) + ": ";
            if (!prefix.isEmpty() && fs.getFile() != null && prefix.contains(fs.getFile())) where = "";
            if (io instanceof NoSuchFileException) return error(prefix + where + "no such file or folder; check the path");
            if (io instanceof AccessDeniedException) return error(prefix + where + "permission denied; check the file's permissions or pass another path");
            if (io instanceof NotDirectoryException) return error(prefix + where + "is not a folder");
            if (io instanceof FileAlreadyExistsException) return error(prefix + where + "already exists");
            if (io instanceof DirectoryNotEmptyException) return error(prefix + where + "is a folder that is not empty");
            if (io instanceof FileSystemLoopException) return error(prefix + where + "its symbolic links form a loop");
            if (io instanceof NotLinkException) return error(prefix + where + "is not a symbolic link");
            reason = fs.getReason() == null ? "" : fs.getReason();
        } else {
            reason = io.getMessage() == null ? "" : firstLineOf(io.getMessage());
        }
        // the OS's own words (java.io reports errno text without a type): the user's path, or the machine's trouble
        String lower = reason.toLowerCase(Locale.ROOT);
        String at = prefix + where;
        if (lower.contains("no such file or directory")) return error(at + "no such file or folder; check the path");
        if (lower.contains("permission denied") || lower.contains("operation not permitted")) {
            return error(at + "permission denied; check the file's permissions or pass another path");
        }
        if (lower.contains("is a directory")) return error(at + "is a folder, not a file");
        if (lower.contains("not a directory")) return error(at + "is not a folder");
        if (lower.contains("read-only file system")) return error(at + "is on a read-only file system; write somewhere else");
        if (lower.contains("file name too long")) return error(at + "the name is too long");
        String plain = plainReason(lower);
        if (plain != null) return failed(at + plain);
        return failed(at + "I/O error: " + (reason.isEmpty() ? io.getClass().getSimpleName() : reason));
    }

    /** The OS's errors that are not the user's input: a full disk, a quota, too many open files. */
    private static String plainReason(String lowerCaseReason) {
        if (lowerCaseReason.contains("no space left on device")) return "the disk is full (no space left on device); free some space or write to another disk";
        if (lowerCaseReason.contains("disk quota exceeded")) return "the disk quota is exceeded; free some space or write elsewhere";
        if (lowerCaseReason.contains("too many open files")) return "too many open files; close other programs or raise the limit (ulimit -n)";
        if (lowerCaseReason.contains("input/output error")) return "the disk reported an input/output error (a failing disk or a lost network mount?)";
        return null;
    }

    /**
     * What the wrapper said before the I/O error's own message, e.g. {@code "could not write out/x.csv: "} of
     * {@code UncheckedIOException("could not write out/x.csv: " + e.getMessage(), e)}; null when nothing useful.
     */
    private static String context(Throwable thrown, IOException io) {
        for (Throwable t = thrown; t != null && t != io; t = t.getCause()) {
            String m = t.getMessage();
            String own = io.getMessage();
            if (m != null && own != null && m.endsWith(own) && m.length() > own.length()) {
                String head = m.substring(0, m.length() - own.length());
                if (head.endsWith(": ") && !head.contains("Exception")) return head;
            }
        }
        return null;
    }

    private static IOException io(Throwable thrown) {
        UncheckedIOException unchecked = find(thrown, UncheckedIOException.class);
        IOException direct = find(thrown, IOException.class);
        if (direct != null) return direct;
        return unchecked == null ? null : unchecked.getCause();
    }

    /** The first throwable of {@code type} in the cause chain (and suppressed-free), or null. */
    static <T extends Throwable> T find(Throwable thrown, Class<T> type) {
        int depth = 0;
        for (Throwable t = thrown; t != null && depth < 50; t = t.getCause(), depth++) {
            if (type.isInstance(t)) return type.cast(t);
        }
        return null;
    }

    /** Past the wrappers that only carry a cause: picocli's, the executors', reflection's. */
    private static Throwable unwrap(Throwable thrown) {
        Throwable t = thrown;
        while (t.getCause() != null && t.getCause() != t
                && (t instanceof CommandLine.ExecutionException || t instanceof ExecutionException || t instanceof CompletionException
                || t instanceof java.lang.reflect.InvocationTargetException || t instanceof java.lang.reflect.UndeclaredThrowableException
                || (t.getMessage() != null && t.getMessage().equals(t.getCause().toString())))) {
            t = t.getCause();
        }
        return t;
    }

    private static String firstLineOf(String m) {
        String[] lines = m.strip().split("\\R", 2);
        return lines[0];
    }

    /** Long values (a 10 MB field, a huge list) are cut as {@link DataValidationException} cuts its own messages. */
    private static String readable(String message) {
        return DataValidationException.readable(message, null);
    }
}
