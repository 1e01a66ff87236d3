package dev.holdout.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Starts a class of the test class path in a child JVM — a real process, so it can be killed with SIGKILL,
 * hold an OS lock against this one, or run under another umask.
 *
 * <pre>{@code
 * Process p = Jvm.start(dir, List.of("dev.holdout.cli.HoldoutCli", "split", ...), log);  // stdout+stderr to log
 * p.destroyForcibly();                                                                   // kill -9
 * Jvm.Result r = Jvm.run(dir, List.of("dev.holdout.cli.HoldoutCli", "train", ...));      // waits
 * }</pre>
 */
public final class Jvm {
    private Jvm() {}

    /** What a finished child printed and returned. */
    public record Result(int exitCode, String output) {}

    /** The test class path (surefire runs tests from a manifest-only jar, so java.class.path is not it). */
    public static String classPath() {
        String cp = System.getProperty("surefire.test.class.path");
        return cp != null && !cp.isBlank() ? cp : System.getProperty("java.class.path");
    }

    public static List<String> command(List<String> mainAndArgs) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Djava.awt.headless=true");
        c.add("-XX:+UseSerialGC");
        c.add("-XX:TieredStopAtLevel=1"); // short runs: start fast rather than peak
        c.add("-Xshare:auto");
        c.add("-cp");
        c.add(classPath());
        c.addAll(mainAndArgs);
        return c;
    }

    /** Starts the child in {@code dir} with stdout and stderr going to {@code log}. */
    public static Process start(Path dir, List<String> mainAndArgs, Path log) throws IOException {
        return launch(dir, command(mainAndArgs), log);
    }

    /** Starts the child under {@code umask} (octal, as the shell writes it), through /bin/sh. */
    public static Process startWithUmask(Path dir, String umask, List<String> mainAndArgs, Path log) throws IOException {
        StringBuilder sh = new StringBuilder("umask " + umask + " && exec");
        for (String a : command(mainAndArgs)) sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
        return launch(dir, List.of("/bin/sh", "-c", sh.toString()), log);
    }

    private static Process launch(Path dir, List<String> command, Path log) throws IOException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        pb.environment().put("OMP_WAIT_POLICY", "passive"); // XGBoost's threads must not spin on a shared machine
        return pb.start();
    }

    /** Runs the child to its end (at most two minutes) and returns its exit code and output. */
    public static Result run(Path dir, List<String> mainAndArgs) throws IOException, InterruptedException {
        Path log = Files.createTempFile("holdout-child", ".log");
        return waitFor(start(dir, mainAndArgs, log), log);
    }

    public static Result runWithUmask(Path dir, String umask, List<String> mainAndArgs) throws IOException, InterruptedException {
        Path log = Files.createTempFile("holdout-child", ".log");
        return waitFor(startWithUmask(dir, umask, mainAndArgs, log), log);
    }

    /** Waits for a started child (at most two minutes), then reads and deletes its log. */
    public static Result waitFor(Process p, Path log) throws IOException, InterruptedException {
        if (!p.waitFor(2, TimeUnit.MINUTES)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("child JVM did not finish in 2 minutes: " + Files.readString(log, StandardCharsets.UTF_8));
        }
        String out = Files.readString(log, StandardCharsets.UTF_8);
        Files.deleteIfExists(log);
        return new Result(p.exitValue(), out);
    }
}
