package dev.holdout.notebooks;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dflib.jjava.jupyter.kernel.util.PathsHandler;

/**
 * The line magics a cell can start a line with, as IJava/JJava users know them:
 * <ul>
 *   <li>{@code %maven group:artifact:version ...} — the artifacts and their runtime dependencies, resolved by
 *       {@link MavenResolver} (the local repository first, then Maven Central), join the class path;</li>
 *   <li>{@code %jars PATH ...} — jar files, every jar directly inside a folder, or a glob ({@code lib/*.jar},
 *       {@code ~/libs/**.jar});</li>
 *   <li>{@code %classpath} — prints the class path cells compile and run against; {@code %classpath PATH ...}
 *       adds entries as they are (jars or class folders), as JJava's {@code %classpath} does.</li>
 * </ul>
 * An entry already on the class path is not added twice. Classes that the kernel itself already has (the toolkit,
 * Tablesaw, XChart...) always come from the kernel's copy, so adding another version of one of those changes
 * nothing: the magic says so.
 *
 * <pre>{@code
 * %maven org.apache.commons:commons-math3:3.6.1
 * %jars target/my-udfs.jar
 * %classpath
 * }</pre>
 */
final class ClasspathMagics {
    /** A magic line: {@code %name args}. */
    static final Pattern MAGIC_LINE = Pattern.compile("[ \\t]*%([A-Za-z]\\w*)([^\\n]*)");
    static final List<String> NAMES = List.of("maven", "jars", "classpath");

    private final Set<String> classpath = new LinkedHashSet<>();
    /** The kernel's own entries: the system class loader, which every cell's classes ask first. */
    private final List<String> kernelEntries;
    private final Consumer<String> addToShell;
    private final MavenResolver maven;

    /**
     * @param initial    the class path the kernel started with
     * @param addToShell adds one entry to JShell's class path
     */
    ClasspathMagics(List<String> initial, Consumer<String> addToShell, MavenResolver maven) {
        for (String entry : initial) classpath.add(normalize(Path.of(entry)));
        this.kernelEntries = List.copyOf(classpath);
        this.addToShell = addToShell;
        this.maven = maven;
    }

    /** The class path, in order: the kernel's own entries, then what magics added. */
    List<String> classpath() {
        return List.copyOf(classpath);
    }

    /**
     * Runs one magic line (without its leading {@code %}'s indentation) and prints what it did.
     *
     * @throws MagicException for an unknown magic, bad arguments or an artifact that cannot be resolved
     */
    void run(String line) {
        Matcher m = MAGIC_LINE.matcher(line);
        if (!m.matches()) throw new MagicException("not a magic line: " + line.strip());
        String name = m.group(1);
        List<String> args = arguments(m.group(2));
        switch (name) {
            case "maven" -> maven(args);
            case "jars" -> jars(args);
            case "classpath" -> {
                if (args.isEmpty()) classpath.forEach(System.out::println);
                else add("%classpath", expand(args, false));
            }
            default -> throw new MagicException("%" + name + " is not a magic this kernel knows; it knows %"
                    + String.join(", %", NAMES));
        }
    }

    private void maven(List<String> coordinates) {
        List<Path> jars;
        try {
            jars = maven.resolve(coordinates);
        } catch (IllegalArgumentException e) {
            throw new MagicException(e.getMessage());
        }
        add("%maven " + String.join(" ", coordinates), jars);
    }

    private void jars(List<String> args) {
        if (args.isEmpty()) {
            throw new MagicException("%jars needs a path: %jars lib/my.jar, %jars lib/ (every jar in it) or "
                    + "%jars 'lib/*.jar'");
        }
        add("%jars", expand(args, true));
    }

    /** Each argument as files: a glob's matches; with {@code jarsOfFolders}, a folder's jars. */
    private static List<Path> expand(List<String> args, boolean jarsOfFolders) {
        List<Path> entries = new ArrayList<>();
        for (String arg : args) {
            String path = arg.startsWith("~/") ? System.getProperty("user.home") + arg.substring(1) : arg;
            List<Path> matches;
            try {
                matches = PathsHandler.resolveGlobs(path);
            } catch (RuntimeException e) {
                throw new MagicException("path=" + arg + ": " + e.getMessage());
            }
            matches = matches.stream().filter(Files::exists).toList();
            if (matches.isEmpty()) {
                throw new MagicException("path=" + arg + " matches no file (working folder "
                        + Path.of("").toAbsolutePath() + "); give a jar, a folder or a glob such as lib/*.jar");
            }
            for (Path p : matches) {
                if (jarsOfFolders && Files.isDirectory(p)) {
                    List<Path> jars = jarsIn(p);
                    if (jars.isEmpty()) throw new MagicException("path=" + arg + " is a folder without jars");
                    entries.addAll(jars);
                } else {
                    entries.add(p);
                }
            }
        }
        return entries;
    }

    private static List<Path> jarsIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
                    .sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void add(String what, List<Path> entries) {
        List<String> added = new ArrayList<>();
        int already = 0;
        for (Path p : entries) {
            String entry = normalize(p);
            if (!classpath.add(entry)) {
                already++;
                continue;
            }
            addToShell.accept(entry);
            added.add(entry);
            String shadow = shadowedBy(p);
            if (shadow != null) {
                System.err.println("note: " + p.getFileName() + " has the same artifact as " + shadow
                        + ", which the kernel already has; classes of both load from the kernel's copy");
            }
        }
        StringBuilder summary = new StringBuilder(what).append(": added ").append(added.size())
                .append(added.size() == 1 ? " entry" : " entries");
        if (already > 0) summary.append(" (").append(already).append(" already on the class path)");
        System.out.println(summary);
        for (String entry : added) System.out.println("  " + entry);
    }

    /** A kernel entry with the same artifact name and another version ({@code name-1.2.jar} vs {@code name-1.3.jar}). */
    private String shadowedBy(Path jar) {
        String artifact = artifactName(jar.getFileName().toString());
        if (artifact == null) return null;
        for (String entry : kernelEntries) {
            Path other = Path.of(entry);
            if (other.equals(jar.toAbsolutePath().normalize())) continue;
            if (artifact.equals(artifactName(other.getFileName().toString()))) return other.getFileName().toString();
        }
        return null;
    }

    private static final Pattern VERSIONED_JAR = Pattern.compile("(.+?)-\\d[^-]*(?:-[A-Za-z0-9.]+)?\\.jar");

    static String artifactName(String fileName) {
        Matcher m = VERSIONED_JAR.matcher(fileName);
        return m.matches() ? m.group(1) : null;
    }

    private static String normalize(Path p) {
        return p.toAbsolutePath().normalize().toString();
    }

    /** Whitespace-separated arguments; single or double quotes keep a glob or a path with spaces together. */
    static List<String> arguments(String text) {
        List<String> args = new ArrayList<>();
        Matcher m = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)").matcher(text);
        while (m.find()) args.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        return args;
    }

    /** The class path joined as a {@code -cp} value. */
    String joined() {
        return String.join(File.pathSeparator, classpath);
    }
}
