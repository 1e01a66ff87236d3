package dev.holdout.notebooks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Jars built by a test: one class compiled now, packed into a jar. */
final class TestJars {
    private TestJars() {}

    /** A jar holding {@code demo.<className>} with {@code public static String hi()} returning {@code greeting}. */
    static Path jarWithGreeter(Path dir, String jarName, String className, String greeting) throws IOException {
        Path src = Files.createDirectories(dir.resolve("src-" + className).resolve("demo"));
        Path java = src.resolve(className + ".java");
        Files.writeString(java, "package demo; public class " + className + " { public static String hi() { return \""
                + greeting + "\"; } }");
        Path classes = Files.createDirectories(dir.resolve("classes-" + className));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        int rc = javac.run(null, null, null, "--release", "17", "-d", classes.toString(), java.toString());
        if (rc != 0) throw new IllegalStateException("javac failed for " + java);
        Path jar = dir.resolve(jarName);
        Files.createDirectories(jar.getParent());
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry("demo/"));
            out.closeEntry();
            out.putNextEntry(new JarEntry("demo/" + className + ".class"));
            out.write(Files.readAllBytes(classes.resolve("demo").resolve(className + ".class")));
            out.closeEntry();
        }
        return jar;
    }

    /** Writes {@code group:artifact:version} (a jar and a pom with {@code dependencies}) into a Maven repository folder. */
    static Path publish(Path repo, String group, String artifact, String version, Path jar, List<String> dependencies)
            throws IOException {
        Path dir = Files.createDirectories(repo.resolve(group.replace('.', '/')).resolve(artifact).resolve(version));
        Files.copy(jar, dir.resolve(artifact + "-" + version + ".jar"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        StringBuilder deps = new StringBuilder();
        for (String d : dependencies) {
            String[] p = d.split(":");
            deps.append("<dependency><groupId>").append(p[0]).append("</groupId><artifactId>").append(p[1])
                    .append("</artifactId><version>").append(p[2]).append("</version>")
                    .append(p.length > 3 ? "<scope>" + p[3] + "</scope>" : "").append("</dependency>");
        }
        try (OutputStream out = Files.newOutputStream(dir.resolve(artifact + "-" + version + ".pom"))) {
            out.write(("<project xmlns=\"http://maven.apache.org/POM/4.0.0\"><modelVersion>4.0.0</modelVersion>"
                    + "<groupId>" + group + "</groupId><artifactId>" + artifact + "</artifactId><version>" + version
                    + "</version><dependencies>" + deps + "</dependencies></project>").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        }
        return dir;
    }
}
