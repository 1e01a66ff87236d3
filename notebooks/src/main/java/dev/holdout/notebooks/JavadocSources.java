package dev.holdout.notebooks;

import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The source roots JShell reads Javadoc from when a cell is inspected (shift-Tab): the JDK's {@code lib/src.zip}
 * (when the JDK ships it — Temurin does; Debian's OpenJDK needs {@code openjdk-17-source}), and the sources of each
 * class path entry that has them:
 * <ul>
 *   <li>{@code name.jar} → {@code name-sources.jar} beside it, or in {@code ../lib-sources/} (where the notebooks
 *       build puts the toolkit's sources next to the kernel's {@code lib/});</li>
 *   <li>a Maven module's {@code target/classes} or {@code target/name.jar} → that module's {@code src/main/java}.</li>
 * </ul>
 *
 * <p>JShell looks only at the JDK's src.zip, and its one hook for more is a private static list
 * ({@code SourceCodeAnalysisImpl.availableSourcesOverride}, "for tests"), so the kernel sets it by reflection. That
 * needs {@code --add-opens jdk.jshell/jdk.jshell=ALL-UNNAMED}, which the kernelspec passes; without it, Javadoc
 * shows for JDK classes only (if src.zip is there) and signatures for the rest.
 *
 * <pre>{@code
 * JavadocSources sources = JavadocSources.install(classpath);   // before the first inspection
 * sources.addSourcesOf(Path.of("lib/extra.jar"));               // after %jars
 * }</pre>
 */
final class JavadocSources {
    /** The JVM option that lets the kernel hand JShell more source roots. */
    static final String ADD_OPENS = "--add-opens=jdk.jshell/jdk.jshell=ALL-UNNAMED";

    private final List<Path> roots = new CopyOnWriteArrayList<>();
    private final boolean installed;

    private JavadocSources(boolean installed) {
        this.installed = installed;
    }

    /** Collects the roots for the JDK and {@code classpath}, and hands the (live) list to JShell if it can. */
    static JavadocSources install(List<String> classpath) {
        JavadocSources sources;
        try {
            Field override = Class.forName("jdk.jshell.SourceCodeAnalysisImpl").getDeclaredField("availableSourcesOverride");
            override.setAccessible(true);
            sources = new JavadocSources(true);
            override.set(null, sources.roots);
        } catch (ReflectiveOperationException | RuntimeException notOpen) {
            return new JavadocSources(false); // JShell keeps finding src.zip itself
        }
        sources.roots.addAll(jdkSources());
        for (String entry : classpath) sources.addSourcesOf(Path.of(entry));
        return sources;
    }

    /** Whether JShell reads from {@link #roots()} (the kernel was started with the add-opens). */
    boolean installed() {
        return installed;
    }

    List<Path> roots() {
        return List.copyOf(roots);
    }

    /** Adds the sources of one class path entry, if it has any. */
    void addSourcesOf(Path entry) {
        if (!installed) return;
        Path source = sourcesOf(entry.toAbsolutePath().normalize());
        if (source != null && !roots.contains(source)) roots.add(source);
    }

    static Path sourcesOf(Path entry) {
        String name = entry.getFileName() == null ? "" : entry.getFileName().toString();
        Path dir = entry.getParent();
        if (dir == null) return null;
        if (name.endsWith(".jar")) {
            String sourcesJar = name.substring(0, name.length() - 4) + "-sources.jar";
            for (Path candidate : List.of(dir.resolve(sourcesJar), dir.resolveSibling("lib-sources").resolve(sourcesJar))) {
                if (Files.isRegularFile(candidate)) return candidate;
            }
        }
        boolean inTarget = dir.getFileName() != null && dir.getFileName().toString().equals("target");
        if (inTarget && (name.equals("classes") || name.endsWith(".jar"))) {
            Path src = dir.resolveSibling("src").resolve("main").resolve("java");
            if (Files.isDirectory(src)) return src;
        }
        return null;
    }

    /** What JShell itself would find: src.zip's module folders (or its root, for a non-modular src.zip). */
    private static List<Path> jdkSources() {
        Path home = Path.of(System.getProperty("java.home"));
        Path srcZip = home.resolve("lib").resolve("src.zip");
        if (!Files.isReadable(srcZip)) srcZip = home.getParent().resolve("src.zip");
        if (!Files.isReadable(srcZip)) return List.of();
        try {
            // kept open for the kernel's lifetime, as JShell keeps its own
            FileSystem zip = FileSystems.newFileSystem(srcZip, Map.of());
            Path root = zip.getRootDirectories().iterator().next();
            if (Files.exists(root.resolve("java/lang/Object.java"))) return List.of(srcZip);
            List<Path> modules = new CopyOnWriteArrayList<>();
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(root)) {
                for (Path p : ds) if (Files.isDirectory(p)) modules.add(p);
            }
            return modules;
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }
}
