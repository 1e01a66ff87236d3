package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.train.XGBoostFailure;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line's error plumbing ({@link HoldoutCli#commandLine()}, {@link Failure}): whatever a verb throws,
 * the person sees one plain line with the right exit code — 2 for their input, 1 for the rest, "internal error"
 * plus how to report it for a bug — and never a Java class name, a stack trace or a native backtrace. Each case
 * runs through the real configured command line, with one extra verb that throws it.
 */
class FailureTest {
    @Command(name = "boom") static final class Boom implements Callable<Integer> {
        final Callable<Integer> body;
        Boom(Callable<Integer> body) { this.body = body; }
        @Override public Integer call() throws Exception { return body.call(); }
    }

    record Run(int code, String err) {}

    static Run run(Callable<Integer> body) {
        CommandLine cl = HoldoutCli.commandLine();
        cl.addSubcommand("boom", new Boom(body));
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute("boom");
        return new Run(code, err.toString());
    }

    static void plain(Run r) {
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
        assertFalse(r.err().matches("(?s).*\\b(java|javax|sun|ml\\.dmlc|picocli)\\.[a-z.]*[A-Z]\\w*(Exception|Error)\\b.*"),
                "no Java exception class names: " + r.err());
        assertFalse(r.err().contains("[bt]") || r.err().contains("Stack trace"), "no native backtrace: " + r.err());
        assertTrue(r.err().length() < 2_000, r.err());
    }

    @Test void aBrokenInvariantIsAnInternalErrorExit1WithHowToReportIt() {
        for (Callable<Integer> bug : java.util.List.<Callable<Integer>>of(
                () -> { throw new IllegalStateException("controlled rounding failed"); },
                () -> { Object o = null; return o.hashCode(); },
                () -> { throw new AssertionError("parts overlap"); },
                // an IllegalArgumentException that is not the project's DataValidationException: a library's, or ours from deep inside
                () -> Integer.parseInt("twelve"))) {
            Run r = run(bug);
            assertEquals(HoldoutCli.EXIT_FAILURE, r.code(), r.err());
            assertTrue(r.err().startsWith("holdout boom: internal error: "), r.err());
            assertTrue(r.err().contains("this is a bug in Holdout") && r.err().contains("HOLDOUT_DEBUG=1"), r.err());
            plain(r);
        }
    }

    @Test void badInputIsExit2EvenWhenWrappedOnItsWayUp() {
        DataValidationException bad = DataValidationException.param("max_depth", -1, "must be >= 0", "use e.g. 6");
        for (Callable<Integer> body : java.util.List.<Callable<Integer>>of(
                () -> { throw bad; },
                () -> { throw new IllegalStateException(new ExecutionException(bad)); })) {
            Run r = run(body);
            assertEquals(HoldoutCli.EXIT_USAGE, r.code(), r.err());
            assertEquals("holdout boom: error: max_depth=-1: must be >= 0; use e.g. 6", r.err().strip());
        }
    }

    @Test void fileSystemErrorsArePlainReasonsAndTheirPath(@org.junit.jupiter.api.io.TempDir Path dir) {
        Run denied = run(() -> {
            throw new UncheckedIOException("could not write " + dir + "/out.csv: " + dir + "/out.csv", new AccessDeniedException(dir + "/out.csv"));
        });
        assertEquals(HoldoutCli.EXIT_USAGE, denied.code(), denied.err());
        assertTrue(denied.err().contains("could not write " + dir + "/out.csv: permission denied"), denied.err());
        plain(denied);

        Run missing = run(() -> { Files.readString(dir.resolve("nope.csv")); return 0; });
        assertEquals(HoldoutCli.EXIT_USAGE, missing.code(), missing.err());
        assertTrue(missing.err().contains(dir.resolve("nope.csv") + ": no such file or folder"), missing.err());
        plain(missing);

        // java.io reports EISDIR as a bare IOException("Is a directory"); the reader's wrapper names the file
        Run folder = run(() -> {
            try {
                Files.readString(dir);
            } catch (IOException e) {
                throw new UncheckedIOException("could not read " + dir + ": " + e.getMessage(), e);
            }
            return 0;
        });
        assertEquals(HoldoutCli.EXIT_USAGE, folder.code(), folder.err());
        assertTrue(folder.err().contains("could not read " + dir + ": is a folder, not a file"), folder.err());
        plain(folder);
    }

    @EnabledOnOs(OS.LINUX)
    @Test void aFullDiskIsExit1AndSaysSo() {
        // /dev/full answers every write with ENOSPC, as a full disk does
        Run r = run(() -> { Files.write(Path.of("/dev/full"), new byte[] {1}); return 0; });
        assertEquals(HoldoutCli.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().contains("the disk is full (no space left on device)"), r.err());
        assertFalse(r.err().contains("internal error"), r.err());
        plain(r);
    }

    @Test void xgboostsNativeErrorIsItsFirstMeaningfulLineWithoutTheBacktrace() {
        Run r = run(() -> {
            // a real native failure: XGBoost refuses an objective it does not know, with a C++ backtrace
            DMatrix m = new DMatrix(new float[] {1, 2, 3, 4}, 4, 1, Float.NaN);
            m.setLabel(new float[] {0, 1, 0, 1});
            Map<String, Object> params = new HashMap<>(Map.of("objective", "binary:nonsense", "verbosity", 0));
            try {
                XGBoost.train(m, params, 1, Map.of(), null, null);
            } catch (XGBoostError e) {
                assertTrue(e.getMessage().contains("[bt]"), "the raw message carries a backtrace: " + e.getMessage());
                throw XGBoostFailure.of("boosting round 1", e);
            }
            return 0;
        });
        assertEquals(HoldoutCli.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().startsWith("holdout boom: failed: XGBoost failed while boosting round 1: "), r.err());
        assertTrue(r.err().contains("binary:nonsense"), "the parameter XGBoost refused is named: " + r.err());
        assertFalse(r.err().matches("(?s).*\\[\\d\\d:\\d\\d:\\d\\d\\].*"), "no native timestamp prefix: " + r.err());
        plain(r);

        Run raw = run(() -> { throw new IllegalStateException(new XGBoostError("[10:00:00] /src/data.cc:12: Check failed: valid\nStack trace:\n  [bt] (0) x")); });
        assertEquals(HoldoutCli.EXIT_FAILURE, raw.code(), raw.err());
        assertTrue(raw.err().startsWith("holdout boom: failed: XGBoost failed: Check failed: valid"), raw.err());
        plain(raw);
    }

    @Test void outOfMemoryIsAMessageWithTheHeapAndHowToRaiseIt() {
        Run r = run(() -> { throw new OutOfMemoryError("Java heap space"); });
        assertEquals(HoldoutCli.EXIT_FAILURE, r.code(), r.err());
        assertTrue(r.err().startsWith("holdout boom: failed: out of memory (Java heap space) with a maximum heap of "), r.err());
        assertTrue(r.err().contains("HOLDOUT_JAVA_OPTS=-Xmx"), r.err());
        plain(r);
    }

    @Test void aMissingProgramIsExit1WithoutCallingItABug() {
        Run r = run(() -> { throw new dev.holdout.io.EnvironmentException("jupyter nbconvert was not found; install it"); });
        assertEquals(HoldoutCli.EXIT_FAILURE, r.code(), r.err());
        assertEquals("holdout boom: failed: jupyter nbconvert was not found; install it", r.err().strip());
    }

    @Test void theInputSizesNamedOnTheCommandLineAreFound(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path data = dir.resolve("train.csv");
        Files.writeString(data, "x,y\n" + "1,0\n".repeat(1000));
        Path spec = dir.resolve("job.json");
        Files.writeString(spec, "{\"channels\": {\"train\": \"train.csv\"}}");
        CommandLine cl = HoldoutCli.commandLine();
        CommandLine.ParseResult parsed = cl.parseArgs("train", "--config", spec.toString(), "--output", dir.resolve("nope").toString());
        String advice = MemoryAdvice.describe(new OutOfMemoryError("Java heap space"), parsed);
        assertTrue(advice.contains(data + " (3.9 KB)"), "a channel the spec names, with its size: " + advice);
        assertTrue(advice.contains("./holdout train ..."), advice);
    }
}
