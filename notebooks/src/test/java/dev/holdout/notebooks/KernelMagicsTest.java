package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code %maven}, {@code %jars} and {@code %classpath} over the real protocol. The kernel runs offline
 * ({@code -Dholdout.maven.offline=true}) against the real local repository, so {@code %maven} is checked on an
 * artifact this build itself has put there (commons-math3, a toolkit dependency) without touching the network.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelMagicsTest {
    private static final Path WORK = Path.of("target", "kernel-magics-test").toAbsolutePath();
    private KernelClient kernel;

    @BeforeAll
    void start() throws Exception {
        kernel = KernelClient.start(WORK, 90_000, List.of("-Dholdout.maven.offline=true"));
    }

    @AfterAll
    void stop() throws Exception {
        if (kernel != null) kernel.close();
    }

    @Test
    void mavenResolvesFromTheLocalRepositoryOffline() throws Exception {
        Path jar = Path.of(System.getProperty("user.home"), ".m2", "repository", "org", "apache", "commons",
                "commons-math3", "3.6.1", "commons-math3-3.6.1.jar");
        KernelClient.Execution e = kernel.execute("%maven org.apache.commons:commons-math3:3.6.1\n"
                + "new org.apache.commons.math3.stat.descriptive.moment.Mean().evaluate(new double[] {1, 2, 6})");
        assertEquals("ok", e.status(), e.traceback());
        // the test JVM's class path may hold this very jar already (surefire takes it from the local repository)
        assertTrue(e.stdout().startsWith("%maven org.apache.commons:commons-math3:3.6.1: added 1 entry\n  " + jar)
                || e.stdout().startsWith("%maven org.apache.commons:commons-math3:3.6.1: added 0 entries (1 already on the class path)"),
                e.stdout());
        assertEquals("3.0", e.result().path("text/plain").asText(), "code after the magic line runs, in order");
        KernelClient.Execution cp = kernel.execute("%classpath");
        assertTrue(cp.stdout().lines().anyMatch(l -> l.equals(jar.toString())), cp.stdout());
        assertTrue(kernel.execute("%maven org.apache.commons:commons-math3:3.6.1").stdout()
                .contains("added 0 entries (1 already on the class path)"), "not added twice");
    }

    @Test
    void mavenNamesAnArtifactThatDoesNotExist() throws Exception {
        KernelClient.Execution e = kernel.execute("%maven org.example.holdout:no-such-artifact:0.0.1");
        assertEquals("error", e.status());
        assertEquals("MagicException", e.reply().path("ename").asText());
        String message = e.reply().path("evalue").asText();
        assertTrue(message.startsWith("%maven org.example.holdout:no-such-artifact:0.0.1: cannot resolve: "), message);
        assertTrue(message.contains("Check group:artifact:version"), message);
        assertTrue(kernel.execute("%maven commons-math3").reply().path("evalue").asText()
                .startsWith("coordinates=commons-math3 are not group:artifact:version"));
    }

    @Test
    void jarsAddsAJarAFolderOfJarsOrAGlob() throws Exception {
        Path dir = Files.createDirectories(WORK.resolve("jars"));
        Path one = TestJars.jarWithGreeter(dir, "one/greeter-one.jar", "One", "hi from one");
        TestJars.jarWithGreeter(dir, "folder/greeter-two.jar", "Two", "hi from two");
        TestJars.jarWithGreeter(dir, "glob/greeter-three.jar", "Three", "hi from three");
        KernelClient.Execution before = kernel.execute("demo.One.hi()");
        assertEquals("error", before.status(), "not on the class path yet");

        KernelClient.Execution e = kernel.execute("%jars " + one + "\ndemo.One.hi()");
        assertEquals("ok", e.status(), e.traceback());
        assertEquals("hi from one", e.result().path("text/plain").asText());
        assertTrue(e.stdout().startsWith("%jars: added 1 entry\n  " + one), e.stdout());

        assertEquals("hi from two", kernel.execute("%jars " + dir.resolve("folder") + "\ndemo.Two.hi()")
                .result().path("text/plain").asText(), "a folder adds the jars in it");
        assertEquals("hi from three", kernel.execute("%jars '" + dir.resolve("glob") + "/*.jar'\ndemo.Three.hi()")
                .result().path("text/plain").asText(), "a glob");
        KernelClient.Execution cp = kernel.execute("%classpath");
        assertTrue(cp.stdout().contains(one.toString()), cp.stdout());

        KernelClient.Execution missing = kernel.execute("%jars " + dir.resolve("nothing-here.jar"));
        assertEquals("MagicException", missing.reply().path("ename").asText());
        assertTrue(missing.reply().path("evalue").asText().contains("matches no file"), missing.reply().toString());
    }

    @Test
    void anUnknownMagicIsAClearError() throws Exception {
        KernelClient.Execution e = kernel.execute("%mavn org.example:a:1");
        assertEquals("error", e.status());
        assertEquals("%mavn is not a magic this kernel knows; it knows %maven, %jars, %classpath",
                e.reply().path("evalue").asText());
    }

    @Test
    void aModuloAtTheStartOfALineIsStillJava() throws Exception {
        KernelClient.Execution e = kernel.execute("int m = 17\n    % 5;\nm");
        assertEquals("2", e.result().path("text/plain").asText(), e.traceback());
    }
}
