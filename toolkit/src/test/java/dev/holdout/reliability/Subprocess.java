package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Runs Holdout in a child process, for what an in-process test cannot see: a native abort (exit 134, a JVM
 * crash), an out-of-memory at a small {@code -Xmx}, the JVM's own warnings on stderr, and the launcher script.
 *
 * <p>{@link #launcherIn(Path)} copies the real {@code ./holdout} into a folder laid out like the repository, with
 * a {@code toolkit/target/...-cli.jar} that holds no classes but a manifest whose {@code Class-Path} is this test
 * JVM's class path and whose {@code Main-Class} is the CLI: the launcher finds no sources newer than it (there are
 * none in that folder), so it runs it exactly as it runs the real jar, with its JDK options and
 * {@code HOLDOUT_JAVA_OPTS}.
 *
 * <pre>{@code
 * Path holdout = Subprocess.launcherIn(dir);
 * Subprocess.Result r = Subprocess.run(List.of(holdout.toString(), "predict", "--model", m, ...), Map.of("JAVA_HOME", jdk), dir);
 * r.exitCode();   // 2, not 134
 * }</pre>
 */
public final class Subprocess {
    /** The launcher's jar path under its folder (version as in the launcher). */
    static final String CLI_JAR = "toolkit/target/holdout-toolkit-0.1.0-SNAPSHOT-cli.jar";
    /** Temurin 25 on the CI machines; {@code HOLDOUT_TEST_JDKS} (JDK homes, ':'-separated) adds or replaces it. */
    static final Path TEMURIN_25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    private Subprocess() {}

    /** Exit code and output of a finished child process. */
    public record Result(int exitCode, String out, String err) {
        @Override public String toString() { return "exit " + exitCode + "\nstdout: " + out + "\nstderr: " + err; }
    }

    /** Runs {@code command} in {@code dir} with {@code env} added to this environment; fails the test after 3 minutes. */
    public static Result run(List<String> command, Map<String, String> env, Path dir) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().remove("HOLDOUT_DEBUG");
        pb.environment().remove("HOLDOUT_JAVA_OPTS");
        pb.environment().putAll(env);
        Path out = Files.createTempFile(dir, "stdout", ".txt"), err = Files.createTempFile(dir, "stderr", ".txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        if (!p.waitFor(3, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        Result r = new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
        Files.delete(out);
        Files.delete(err);
        return r;
    }

    /** {@code java -cp <this class path> dev.holdout.cli.HoldoutCli args...} with {@code jvmOptions}, on this JVM. */
    public static List<String> cli(List<String> jvmOptions, String... args) {
        List<String> c = new ArrayList<>();
        c.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        c.add("-Djava.awt.headless=true");
        c.addAll(jvmOptions);
        c.add("-cp");
        c.add(System.getProperty("java.class.path"));
        c.add("dev.holdout.cli.HoldoutCli");
        c.addAll(List.of(args));
        return c;
    }

    /** A copy of the real launcher in {@code dir/launcher/holdout}, running this test JVM's classes (see the class comment). */
    public static Path launcherIn(Path dir) throws IOException {
        Path root = dir.resolve("launcher");
        Path jar = root.resolve(CLI_JAR);
        Files.createDirectories(jar.getParent());
        Path script = root.resolve("holdout");
        Files.copy(repositoryRoot().resolve("holdout"), script, StandardCopyOption.REPLACE_EXISTING);
        assertTrue(script.toFile().setExecutable(true));
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "dev.holdout.cli.HoldoutCli");
        List<String> urls = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.isBlank()) continue;
            Path p = Path.of(entry).toAbsolutePath();
            urls.add(p.toUri().toString() + (Files.isDirectory(p) && !p.toUri().toString().endsWith("/") ? "/" : ""));
        }
        m.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", urls));
        try (OutputStream os = Files.newOutputStream(jar); JarOutputStream j = new JarOutputStream(os, m)) {
            j.flush();
        }
        return script;
    }

    /** The repository's top folder (the one with the launcher), from the module folder the tests run in. */
    static Path repositoryRoot() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("holdout")) && Files.isRegularFile(p.resolve("pom.xml"))) return p;
        }
        throw new IllegalStateException("no ./holdout above " + Path.of("").toAbsolutePath());
    }

    /**
     * The JDK homes to test on: this JVM's, and Temurin 25 where it is installed (or the homes in
     * {@code HOLDOUT_TEST_JDKS}). Under {@code CI=true} a missing Java 25 fails instead of being left out.
     */
    static List<Path> jdks() {
        List<Path> homes = new ArrayList<>();
        homes.add(Path.of(System.getProperty("java.home")));
        String explicit = System.getenv("HOLDOUT_TEST_JDKS");
        if (explicit != null && !explicit.isBlank()) {
            for (String h : explicit.split(File.pathSeparator)) if (!h.isBlank()) homes.add(Path.of(h));
        } else if (Files.isExecutable(TEMURIN_25.resolve("bin/java"))) {
            homes.add(TEMURIN_25);
        }
        List<Path> distinct = new ArrayList<>();
        for (Path h : homes) {
            Path real;
            try {
                real = h.toRealPath();
            } catch (IOException e) {
                throw new IllegalStateException("HOLDOUT_TEST_JDKS names " + h + ", which does not exist", e);
            }
            if (!distinct.contains(real)) distinct.add(real);
        }
        boolean has25 = distinct.stream().anyMatch(h -> dev.holdout.cli.JdkOptions.featureOf(h.resolve("bin/java")) >= 25);
        if (!has25 && "true".equals(System.getenv("CI"))) {
            fail("CI must test on Java 25 too: install Temurin 25 at " + TEMURIN_25 + " or name it in HOLDOUT_TEST_JDKS");
        }
        return distinct;
    }
}
