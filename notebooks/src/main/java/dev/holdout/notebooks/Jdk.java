package dev.holdout.notebooks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JDK the kernel can run on: its {@code java}, its version, checked by running it — Java 17 or later, with the
 * {@code jdk.jshell} module (a JRE or a trimmed runtime has no JShell, and the kernel is JShell).
 *
 * <pre>{@code
 * Jdk jdk = Jdk.at(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64"));   // a JDK home, or its bin/java
 * jdk.java();      // /usr/lib/jvm/temurin-25-jdk-amd64/bin/java
 * jdk.version();   // "25.0.1"
 * }</pre>
 *
 * @param java    the java executable
 * @param version its {@code java.version}
 */
record Jdk(Path java, String version) {
    static final int MINIMUM_FEATURE = 17;

    /** The JDK running this JVM. */
    static Jdk current() {
        return new Jdk(Path.of(System.getProperty("java.home"), "bin", "java"), System.getProperty("java.version"));
    }

    /**
     * The JDK at {@code path} (its home folder or its {@code bin/java}), after running it to check it.
     *
     * @throws dev.holdout.data.DataValidationException naming {@code --java=path}, when it is not a JDK 17+ with jdk.jshell
     */
    static Jdk at(Path path) {
        Path abs = path.toAbsolutePath().normalize();
        Path java = Files.isDirectory(abs) ? abs.resolve("bin").resolve("java") : abs;
        if (!Files.isExecutable(java)) {
            throw new dev.holdout.data.DataValidationException("--java=" + path + ": no java executable there (looked for " + java
                    + "); give a JDK home such as /usr/lib/jvm/temurin-25-jdk-amd64, or its bin/java");
        }
        String properties = run(path, List.of(java.toString(), "-XshowSettings:properties", "-version"));
        String version = property(properties, "java.version");
        if (version == null) {
            throw new dev.holdout.data.DataValidationException("--java=" + path + ": " + java + " did not report a java.version; "
                    + "is it a Java runtime?");
        }
        int feature = feature(version);
        if (feature < MINIMUM_FEATURE) {
            throw new dev.holdout.data.DataValidationException("--java=" + path + ": Java " + version + " is too old; the kernel needs "
                    + "Java " + MINIMUM_FEATURE + " or later");
        }
        String modules = run(path, List.of(java.toString(), "--list-modules"));
        if (!Pattern.compile("(?m)^jdk\\.jshell@").matcher(modules).find()) {
            throw new dev.holdout.data.DataValidationException("--java=" + path + ": Java " + version + " has no jdk.jshell module (a JRE "
                    + "or a trimmed runtime); give a full JDK");
        }
        String home = property(properties, "java.home");
        Path resolved = home != null ? Path.of(home, "bin", "java") : java;
        return new Jdk(Files.isExecutable(resolved) ? resolved : java, version);
    }

    /** The feature release of a {@code java.version} ("1.8.0_392" → 8, "25.0.1" → 25, "17" → 17). */
    static int feature(String version) {
        Matcher m = Pattern.compile("^(?:1\\.)?(\\d+)").matcher(version);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    private static String property(String settings, String name) {
        Matcher m = Pattern.compile("(?m)^\\s*" + Pattern.quote(name) + " = (.*)$").matcher(settings);
        return m.find() ? m.group(1).strip() : null;
    }

    private static String run(Path asked, List<String> command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new dev.holdout.data.DataValidationException("--java=" + asked + ": " + command.get(0) + " did not answer in 60 s");
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new dev.holdout.data.DataValidationException("--java=" + asked + ": cannot run " + command.get(0) + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while checking --java=" + asked, e);
        }
    }
}
