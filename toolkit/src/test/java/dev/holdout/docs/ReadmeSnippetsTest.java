package dev.holdout.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.jar.Manifest;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles as written, with its own imports, and runs: the block's
 * import lines go to the top of a class, the rest into a method body.
 */
class ReadmeSnippetsTest {
    @TempDir Path dir;

    static List<String> blocks(String markdown) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = null;
        for (String line : markdown.split("\n", -1)) {
            if (cur == null && line.strip().equals("```java")) cur = new StringBuilder();
            else if (cur != null && line.strip().equals("```")) {
                out.add(cur.toString());
                cur = null;
            } else if (cur != null) cur.append(line).append('\n');
        }
        return out;
    }

    /** The test classpath (surefire may hand it over in a manifest-only jar). */
    static String classpath() throws Exception {
        String cp = System.getProperty("java.class.path");
        String[] parts = cp.split(File.pathSeparator);
        if (parts.length == 1 && parts[0].endsWith(".jar")) {
            try (JarFile jar = new JarFile(parts[0])) {
                Manifest m = jar.getManifest();
                String inner = m == null ? null : m.getMainAttributes().getValue("Class-Path");
                if (inner != null) {
                    List<String> files = new ArrayList<>();
                    for (String u : inner.trim().split("\\s+")) files.add(Path.of(new URL(u).toURI()).toString());
                    return String.join(File.pathSeparator, files);
                }
            }
        }
        return cp;
    }

    @Test void everyJavaSnippetCarriesItsImportsCompilesAndRuns() throws Exception {
        Path readme = Path.of("../README.md");
        if (!Files.exists(readme)) readme = Path.of("README.md");
        List<String> snippets = blocks(Files.readString(readme));
        assertTrue(snippets.size() >= 2, "README java blocks: " + snippets.size());
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        Path src = Files.createDirectories(dir.resolve("src/snippets"));
        List<String> files = new ArrayList<>();
        for (int i = 0; i < snippets.size(); i++) {
            StringBuilder imports = new StringBuilder(), body = new StringBuilder();
            for (String line : snippets.get(i).split("\n")) (line.startsWith("import ") ? imports : body).append(line).append('\n');
            String name = "Snippet" + (i + 1);
            Path f = src.resolve(name + ".java");
            Files.writeString(f, "package snippets;\n" + imports + "public class " + name + " {\n public static void run() throws Exception {\n"
                    + body + " }\n}\n");
            files.add(f.toString());
        }
        Path classes = Files.createDirectories(dir.resolve("classes"));
        List<String> args = new ArrayList<>(List.of("-proc:none", "-d", classes.toString(), "-cp", classpath()));
        args.addAll(files);
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();
        int rc = javac.run(null, null, err, args.toArray(String[]::new));
        assertEquals(0, rc, "a README java block does not compile as written (imports included):\n" + err.toString(java.nio.charset.StandardCharsets.UTF_8));
        try (URLClassLoader loader = new URLClassLoader(new URL[] {classes.toUri().toURL()}, getClass().getClassLoader())) {
            for (int i = 0; i < snippets.size(); i++) loader.loadClass("snippets.Snippet" + (i + 1)).getMethod("run").invoke(null);
        }
    }
}
