package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.cli.HoldoutCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine;

/**
 * One row of the reliability suite's bad-input table: how to set up a working folder, the command line to
 * run, and what must come out — the exit code, a pattern the error must match, and that nothing was left
 * behind (the working folder holds exactly what the setup put there, byte for byte, and no temporary or
 * lock files).
 *
 * <pre>{@code
 * BadInput.of("split: output is the input's folder")
 *     .setup(dir -> Files.writeString(dir.resolve("in.csv"), "a,b\n1,2\n"))
 *     .args(dir -> List.of("split", "--input", dir.resolve("in.csv").toString(), "--output", dir.toString(),
 *                          "--strategy", "random", "--force"))
 *     .expect(2, "contains the input");
 * }</pre>
 *
 * <p>Each area adds its rows in its own {@code *CasesTest} class of this package as a {@code Stream<BadInput>}
 * for a {@code @ParameterizedTest @MethodSource}; {@link #check(Path)} runs one row in-process.
 */
public final class BadInput {
    /** Prepares the working folder. */
    @FunctionalInterface public interface Setup { void in(Path dir) throws IOException; }

    /** Builds the command line from the working folder. */
    @FunctionalInterface public interface Args { List<String> in(Path dir) throws IOException; }

    /** An extra check after the run (for example: an input file still has its content). */
    @FunctionalInterface public interface After { void check(Path dir, Result result) throws IOException; }

    /** What a run printed and returned. */
    public record Result(int exitCode, String out, String err) {}

    private final String name;
    private Setup setup = dir -> {};
    private Args args = dir -> List.of();
    private int exitCode = HoldoutCli.EXIT_USAGE;
    private Pattern message = Pattern.compile("");
    private boolean nothingLeft = true;
    private final List<After> after = new ArrayList<>();

    private BadInput(String name) { this.name = name; }

    public static BadInput of(String name) { return new BadInput(name); }

    public BadInput setup(Setup s) { this.setup = s; return this; }

    public BadInput args(Args a) { this.args = a; return this; }

    /** Literal arguments; {@code {dir}} in an argument is replaced by the working folder. */
    public BadInput args(String... literal) {
        this.args = dir -> Stream.of(literal).map(a -> a.replace("{dir}", dir.toString())).toList();
        return this;
    }

    /** The expected exit code and a regular expression that stderr must contain (found, not matched whole). */
    public BadInput expect(int code, String regex) {
        this.exitCode = code;
        this.message = Pattern.compile(regex, Pattern.DOTALL);
        return this;
    }

    /** The run may leave files (for example a job folder's {@code output/failure}); the after-checks say which. */
    public BadInput mayLeaveOutput() { this.nothingLeft = false; return this; }

    public BadInput then(After a) { this.after.add(a); return this; }

    public String name() { return name; }

    @Override public String toString() { return name; }

    /** Runs the row in {@code dir} (an empty folder) and asserts every expectation. */
    public Result check(Path dir) throws IOException {
        setup.in(dir);
        Map<String, String> before = snapshot(dir);
        Result r = run(args.in(dir));
        String where = name + "\nexit " + r.exitCode() + "\nstdout: " + r.out() + "\nstderr: " + r.err();
        assertEquals(exitCode, r.exitCode(), where);
        assertTrue(message.matcher(r.err()).find(), "stderr should contain /" + message + "/: " + where);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + where);
        assertFalse(r.err().matches("(?s).*\\b(java|javax|sun|ml\\.dmlc|tech\\.tablesaw|com\\.fasterxml)\\.[a-z.]*[A-Z]\\w*(Exception|Error)\\b.*"),
                "no Java exception class names: " + where);
        assertTrue(r.err().length() < 4_000, "a message a person reads, not a dump (" + r.err().length() + " chars): " + name);
        if (nothingLeft) assertEquals(before, snapshot(dir), "the run must leave the folder as the setup made it: " + where);
        for (After a : after) a.check(dir, r);
        return r;
    }

    /** Runs the CLI in-process. */
    public static Result run(List<String> argv) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = HoldoutCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(argv.toArray(String[]::new));
        return new Result(code, out.toString(), err.toString());
    }

    /** Every file and folder under {@code dir} (hidden ones too) with a digest of its content. */
    public static Map<String, String> snapshot(Path dir) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(dir)) return m;
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(dir)) continue;
                String key = dir.relativize(p).toString();
                if (Files.isSymbolicLink(p)) m.put(key, "-> " + Files.readSymbolicLink(p));
                else if (Files.isDirectory(p)) m.put(key, "/");
                else if (Files.isReadable(p)) m.put(key, Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))) + ":" + Files.size(p));
                else m.put(key, "unreadable:" + Files.size(p));
            }
        }
        return m;
    }
}
