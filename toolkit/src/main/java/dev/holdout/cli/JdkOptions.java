package dev.holdout.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The options a JDK needs to run Holdout without printing JVM warnings, and the environment Holdout's JVMs run
 * best in. On Java 24 and later, XGBoost4J's {@code System.load} of its native library prints four
 * {@code WARNING: A restricted method ...} lines unless native access is enabled, and Tablesaw's class scanner
 * (ClassGraph) calling {@code sun.misc.Unsafe::invokeCleaner} prints four more unless Unsafe memory access is
 * allowed. Each option is passed only to a JDK that knows it: {@code --enable-native-access} from Java 22 (where
 * the foreign-function API is final), {@code --sun-misc-unsafe-memory-access} from Java 23 (where it appeared); an
 * option unknown to a JDK would stop it from starting, so Java 17 gets neither.
 *
 * <p>The launcher script ({@code ./holdout}) applies the same rule in shell; the Jupyter kernelspec takes it
 * from here; the Maven build's surefire {@code argLine} from profiles in the parent pom. A test runs the launcher
 * on Java 17 and 25 and asserts that no {@code WARNING:} line is printed.
 *
 * <pre>{@code
 * JdkOptions.forFeature(17);   // []
 * JdkOptions.forFeature(25);   // [--enable-native-access=ALL-UNNAMED, --sun-misc-unsafe-memory-access=allow]
 * JdkOptions.featureOf(Path.of("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java"));   // 25
 * }</pre>
 */
public final class JdkOptions {
    /** Enables native access for the class path (XGBoost4J's JNI library). */
    public static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    /** Allows sun.misc.Unsafe's memory-access methods without a warning (ClassGraph, inside Tablesaw). */
    public static final String UNSAFE_MEMORY_ACCESS = "--sun-misc-unsafe-memory-access=allow";
    /**
     * OpenMP's wait policy for XGBoost's threads, set unless the user set it: with the default (active) policy
     * idle OpenMP threads spin, which on a busy machine takes the cores the working threads need (one
     * {@code demo leakage} took 92 s instead of 11 s); measured in bench/README.md.
     */
    public static final Map<String, String> ENVIRONMENT_DEFAULTS = Map.of("OMP_WAIT_POLICY", "passive");

    private static final Pattern RELEASE_VERSION = Pattern.compile("(?m)^JAVA_VERSION=\"([^\"]+)\"");

    private JdkOptions() {}

    /** The options for a JDK of this feature version (17, 21, 25, ...). */
    public static List<String> forFeature(int feature) {
        List<String> options = new ArrayList<>();
        if (feature >= 22) options.add(NATIVE_ACCESS);
        if (feature >= 23) options.add(UNSAFE_MEMORY_ACCESS);
        return List.copyOf(options);
    }

    /** The options for the JVM this code runs in. */
    public static List<String> forThisJvm() {
        return forFeature(Runtime.version().feature());
    }

    /**
     * The feature version of a {@code java} executable: from the {@code release} file of its JDK ({@code JAVA_VERSION="25.0.3"}),
     * else this JVM's when it is this JVM's java; -1 when it cannot tell (then no option is passed).
     */
    public static int featureOf(Path javaExecutable) {
        Path real;
        try {
            real = javaExecutable.toRealPath();
        } catch (IOException e) {
            real = javaExecutable.toAbsolutePath().normalize();
        }
        Path bin = real.getParent();
        Path home = bin == null ? null : bin.getParent();
        if (home != null && Files.isRegularFile(home.resolve("release"))) {
            try {
                Matcher m = RELEASE_VERSION.matcher(Files.readString(home.resolve("release")));
                if (m.find()) return feature(m.group(1));
            } catch (IOException | RuntimeException e) {
                // fall through to this JVM's version
            }
        }
        Path self = Path.of(System.getProperty("java.home"), "bin", "java");
        try {
            if (Files.exists(self) && self.toRealPath().equals(real)) return Runtime.version().feature();
        } catch (IOException e) {
            // cannot tell
        }
        return -1;
    }

    /** "25.0.3" -> 25, "17" -> 17, "1.8.0_392" -> 8. */
    static int feature(String version) {
        String v = version.startsWith("1.") ? version.substring(2) : version;
        Matcher m = Pattern.compile("^(\\d+)").matcher(v);
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }
}
