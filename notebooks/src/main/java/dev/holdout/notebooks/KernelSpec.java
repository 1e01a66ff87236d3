package dev.holdout.notebooks;

import dev.holdout.io.OutputFile;
import dev.holdout.io.StrictJson;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The kernelspec ({@code kernels/holdout-java/kernel.json}) that tells Jupyter how to start {@link HoldoutKernel}:
 * this JVM's {@code java}, this JVM's class path (the kernel jar, the toolkit and their libraries), headless AWT,
 * the options that JDK needs to print no warnings ({@link dev.holdout.cli.JdkOptions}), {@code OMP_WAIT_POLICY},
 * and {@code interrupt_mode: message} so that an interrupt reaches {@link HoldoutKernel#interrupt()}.
 *
 * <pre>{@code
 * Path dir = KernelSpec.ofThisJvm().writeInto(KernelSpec.userDataDir().resolve("kernels"));
 * // ~/.local/share/jupyter/kernels/holdout-java/kernel.json
 * }</pre>
 *
 * @param java      the java executable
 * @param classpath absolute class path entries, in order
 */
public record KernelSpec(Path java, List<Path> classpath) {
    public KernelSpec {
        classpath = List.copyOf(classpath);
        if (classpath.isEmpty()) {
            throw new IllegalArgumentException("classpath=[] is empty; the kernel needs at least its own jar");
        }
    }

    /** A kernelspec that starts the kernel exactly as this JVM was started: same java, same class path. */
    public static KernelSpec ofThisJvm() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<Path> entries = new ArrayList<>();
        for (String entry : HoldoutKernel.ownClasspath()) entries.add(Path.of(entry).toAbsolutePath().normalize());
        return new KernelSpec(java, entries);
    }

    /** The same kernelspec, starting the kernel with another {@code java} (see {@link Jdk#at}). */
    public KernelSpec withJava(Path otherJava) {
        return new KernelSpec(otherJava, classpath);
    }

    /** The command line Jupyter runs ({@code {connection_file}} is filled in by Jupyter). */
    public List<String> argv() {
        List<String> argv = new ArrayList<>();
        argv.add(java.toString());
        argv.add("-Djava.awt.headless=true");
        argv.add("-XX:+UseSerialGC");
        argv.add(JavadocSources.ADD_OPENS); // Javadoc of the toolkit's classes on shift-Tab (see JavadocSources)
        argv.addAll(dev.holdout.cli.JdkOptions.forFeature(dev.holdout.cli.JdkOptions.featureOf(java)));   // no JVM warnings
        argv.add("-cp");
        argv.add(classpathArgument());
        argv.add(HoldoutKernel.class.getName());
        argv.add("{connection_file}");
        return argv;
    }

    /**
     * The {@code -cp} value: {@code kernel.jar:lib/*} when the entries after the first are exactly the jars of one
     * folder (the packaged layout; java expands the wildcard), else every entry spelled out.
     */
    String classpathArgument() {
        List<Path> rest = classpath.subList(1, classpath.size());
        Path dir = rest.isEmpty() ? null : rest.get(0).getParent();
        if (dir != null && rest.stream().allMatch(p -> dir.equals(p.getParent()) && p.toString().endsWith(".jar"))) {
            try (var jars = Files.list(dir)) {
                if (jars.filter(p -> p.toString().endsWith(".jar")).count() == rest.size()) {
                    return classpath.get(0) + File.pathSeparator + dir.resolve("*");
                }
            } catch (java.io.IOException e) {
                // fall through to the spelled-out form
            }
        }
        return String.join(File.pathSeparator, classpath.stream().map(Path::toString).toList());
    }

    /** The kernel.json text. */
    public String json() {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv());
        spec.put("display_name", HoldoutKernel.DISPLAY_NAME);
        spec.put("language", "java");
        spec.put("interrupt_mode", "message");
        spec.put("metadata", Map.of("debugger", false));
        spec.put("env", env());
        return StrictJson.pretty(spec) + "\n";
    }

    /**
     * The kernel's environment, as the launcher's: {@code OMP_WAIT_POLICY=passive} (XGBoost's idle OpenMP threads
     * must not spin on a busy machine) unless the environment that writes the spec sets it, whose value is kept.
     * Jupyter puts a kernelspec's env over its own, so the choice is made when the spec is written
     * ({@code holdout notebook install}).
     */
    Map<String, String> env() {
        Map<String, String> env = new java.util.TreeMap<>();
        dev.holdout.cli.JdkOptions.ENVIRONMENT_DEFAULTS.forEach((k, v) -> {
            String set = System.getenv(k);
            env.put(k, set == null || set.isBlank() ? v : set);
        });
        return env;
    }

    /** Writes {@code <kernelsDir>/holdout-java/kernel.json} atomically; returns that folder. */
    public Path writeInto(Path kernelsDir) {
        Path dir = kernelsDir.resolve(HoldoutKernel.KERNEL_NAME);
        OutputFile.replace(dir.resolve("kernel.json"), json());
        return dir;
    }

    /**
     * Jupyter's per-user data folder, as jupyter_core computes it: {@code $JUPYTER_DATA_DIR}, else
     * {@code ~/Library/Jupyter} on macOS, {@code %APPDATA%\jupyter} on Windows, {@code $XDG_DATA_HOME/jupyter}
     * or {@code ~/.local/share/jupyter} elsewhere.
     */
    public static Path userDataDir() {
        String explicit = System.getenv("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) return Path.of(explicit);
        Path home = Path.of(System.getProperty("user.home"));
        String os = System.getProperty("os.name", "").toLowerCase(Locale.ROOT);
        if (os.contains("mac")) return home.resolve("Library").resolve("Jupyter");
        if (os.contains("win")) {
            String appData = System.getenv("APPDATA");
            return (appData != null ? Path.of(appData) : home.resolve("AppData").resolve("Roaming")).resolve("jupyter");
        }
        String xdg = System.getenv("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("jupyter");
    }

    /** Whether every class path entry still exists (a {@code mvn clean} removes them). */
    public boolean isRunnable() {
        return Files.isExecutable(java) && classpath.stream().allMatch(Files::exists);
    }
}
