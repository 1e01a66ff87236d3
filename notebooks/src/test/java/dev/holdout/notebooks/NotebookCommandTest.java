package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code holdout notebook install | run} through the real command line (exit codes included). */
class NotebookCommandTest {
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cl = NotebookCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    @Test
    void installWritesAKernelspecThatStartsThisKernel(@TempDir Path dir) throws Exception {
        assertEquals(0, run("notebook", "install", "--kernels-dir", dir.toString()), err.toString());
        JsonNode spec = new ObjectMapper().readTree(dir.resolve("holdout-java/kernel.json").toFile());
        assertEquals("Java (Holdout)", spec.path("display_name").asText());
        assertEquals("java", spec.path("language").asText());
        assertEquals("message", spec.path("interrupt_mode").asText(), "interrupts reach the kernel as messages");
        JsonNode argv = spec.path("argv");
        assertTrue(Files.isExecutable(Path.of(argv.get(0).asText())), "an absolute java");
        assertEquals(HoldoutKernel.class.getName(), argv.get(argv.size() - 2).asText());
        assertEquals("{connection_file}", argv.get(argv.size() - 1).asText());
        assertEquals("-cp", argv.get(argv.size() - 4).asText());
        String cp = argv.get(argv.size() - 3).asText();
        assertTrue(cp.contains("holdout-notebooks") || cp.contains("notebooks/target/classes"), cp);
        assertTrue(out.toString().contains("installed kernelspec \"Java (Holdout)\""), out.toString());
    }

    @Test
    void installSaysWhichJdkItRecorded(@TempDir Path dir) throws Exception {
        assertEquals(0, run("notebook", "install", "--kernels-dir", dir.toString()), err.toString());
        Path current = Path.of(System.getProperty("java.home"), "bin", "java");
        assertTrue(out.toString().contains("it runs on Java " + System.getProperty("java.version") + ": " + current
                + " (the JDK running this command; choose another with --java PATH)"), out.toString());
    }

    @Test
    void installWithJavaRecordsThatJdk(@TempDir Path dir) throws Exception {
        Path jdk25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");
        Path home = Files.isExecutable(jdk25.resolve("bin/java")) ? jdk25 : Path.of(System.getProperty("java.home"));
        assertEquals(0, run("notebook", "install", "--kernels-dir", dir.toString(), "--java", home.toString()), err.toString());
        JsonNode spec = new ObjectMapper().readTree(dir.resolve("holdout-java/kernel.json").toFile());
        assertEquals(home.resolve("bin/java").toString(), spec.path("argv").get(0).asText());
        assertTrue(out.toString().matches("(?s).*it runs on Java \\d[^:]*: " + java.util.regex.Pattern.quote(
                home.resolve("bin/java").toString()) + " \\(--java\\).*"), out.toString());
    }

    @Test
    void installRejectsWhatIsNotAJdk17WithJShell(@TempDir Path dir) throws Exception {
        assertEquals(2, run("notebook", "install", "--kernels-dir", dir.toString(), "--java", dir.resolve("nojdk").toString()));
        assertTrue(err.toString().contains("--java=" + dir.resolve("nojdk") + ": no java executable there"), err.toString());

        Path old = fakeJava(dir.resolve("old"), "11.0.2", true);
        err.getBuffer().setLength(0);
        assertEquals(2, run("notebook", "install", "--kernels-dir", dir.toString(), "--java", old.toString()));
        assertTrue(err.toString().contains("Java 11.0.2 is too old; the kernel needs Java 17 or later"), err.toString());

        Path jre = fakeJava(dir.resolve("jre"), "21.0.5", false);
        err.getBuffer().setLength(0);
        assertEquals(2, run("notebook", "install", "--kernels-dir", dir.toString(), "--java", jre.toString()));
        assertTrue(err.toString().contains("Java 21.0.5 has no jdk.jshell module"), err.toString());
        assertFalse(Files.exists(dir.resolve("holdout-java/kernel.json")), "nothing installed");
    }

    /** A {@code bin/java} script answering like a JDK of {@code version}, with or without the jdk.jshell module. */
    private static Path fakeJava(Path home, String version, boolean jshell) throws Exception {
        Path java = Files.createDirectories(home.resolve("bin")).resolve("java");
        Files.writeString(java, "#!/bin/sh\n"
                + "if [ \"$1\" = --list-modules ]; then echo java.base@" + version + (jshell ? "; echo jdk.jshell@" + version : "")
                + "; exit 0; fi\n"
                + "echo 'Property settings:' >&2; echo '    java.home = " + home + "' >&2; echo '    java.version = " + version
                + "' >&2\n");
        java.toFile().setExecutable(true);
        return home;
    }

    @Test
    void runRejectsAMissingNotebookWithUsageExitCode(@TempDir Path dir) {
        assertEquals(2, run("notebook", "run", dir.resolve("nope.ipynb").toString()));
        assertTrue(err.toString().contains("FILE=") && err.toString().contains("is not an existing .ipynb file"), err.toString());
    }

    @Test
    void runRefusesToWriteOverTheNotebookItselfBeforeStartingJupyter(@TempDir Path dir) throws Exception {
        Path nb = dir.resolve("lesson.ipynb");
        Files.writeString(nb, notebook("1 + 1"));
        assertEquals(2, run("notebook", "run", nb.toString(), "-o", nb.toString()));
        assertTrue(err.toString().contains("output=" + nb + ": is the input notebook=" + nb), err.toString());
        assertEquals(notebook("1 + 1"), Files.readString(nb), "the notebook is untouched");
        assertEquals(1, Files.list(dir).count(), "no lock or temporary file is left");
    }

    @Test
    void runExecutesANotebookAndFailsOnACellError(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NotebookRunner.nbconvertCommand().isPresent() || "true".equalsIgnoreCase(System.getenv("CI")),
                "Jupyter is not installed: " + NotebookRunner.APT_LINE);
        Path good = dir.resolve("good.ipynb");
        Files.writeString(good, notebook("int x = 20;", "x * 2 + 2"));
        assertEquals(0, run("notebook", "run", good.toString()), err.toString());
        Path executed = dir.resolve("good.executed.ipynb");
        JsonNode nb = new ObjectMapper().readTree(executed.toFile());
        JsonNode value = nb.path("cells").get(1).path("outputs").get(0).path("data").path("text/plain");
        assertEquals("42", value.isArray() ? value.get(0).asText() : value.asText(), "nbformat keeps text as lines");

        Path bad = dir.resolve("bad.ipynb");
        Files.writeString(bad, notebook("int y = 1;", "throw new IllegalStateException(\"cell two fails\")"));
        assertEquals(1, run("notebook", "run", bad.toString(), "-o", dir.resolve("bad-out.ipynb").toString()));
        assertTrue(err.toString().contains("cell two fails"), "nbconvert's report reaches the user:\n" + err);
        assertFalse(Files.exists(dir.resolve("bad-out.ipynb")), "no executed copy of a failed run");

        // a failed run leaves a previous executed copy as it was, and nothing else
        assertEquals(1, run("notebook", "run", bad.toString(), "-o", executed.toString()));
        assertEquals(nb, new ObjectMapper().readTree(executed.toFile()), "the previous executed copy is intact");
        try (var names = Files.list(dir)) {
            assertEquals(List.of("bad.ipynb", "good.executed.ipynb", "good.ipynb"), names.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void updateStoresTheOutputsAndCheckComparesWithThem(@TempDir Path dir) throws Exception {
        Assumptions.assumeTrue(NotebookRunner.nbconvertCommand().isPresent() || "true".equalsIgnoreCase(System.getenv("CI")),
                "Jupyter is not installed: " + NotebookRunner.APT_LINE);
        Path nb = dir.resolve("lesson.ipynb");
        Files.writeString(nb, notebook("int x = 20;", "System.out.println(\"answer \" + (x * 2 + 2));"));
        assertEquals(3, run("notebook", "run", "--check", nb.toString()), "nothing stored yet (said before Jupyter starts): " + err);
        assertTrue(err.toString().contains("has no stored outputs; store them with: ./holdout notebook run --update"), err.toString());

        assertEquals(0, run("notebook", "run", "--update", nb.toString()), err.toString());
        JsonNode stored = new ObjectMapper().readTree(nb.toFile());
        assertEquals("answer 42\n", StoredOutputs.text(stored.path("cells").get(1).path("outputs").get(0).path("text")));
        assertTrue(stored.path("cells").get(1).path("execution_count").isNull(), "no execution counts stored");
        String first = Files.readString(nb);
        assertEquals(0, run("notebook", "run", "--check", nb.toString()), err.toString());
        assertTrue(out.toString().contains("match a fresh run"), out.toString());

        // a stored number that the code no longer produces
        Files.writeString(nb, first.replace("answer 42", "answer 41"));
        err.getBuffer().setLength(0);
        assertEquals(3, run("notebook", "run", "--check", nb.toString()));
        assertTrue(err.toString().contains("cell 2 (System.out.println(\"answer \" + (x * 2 + 2));), output 1: stdout differs at line 1")
                && err.toString().contains("stored: answer 41") && err.toString().contains("now:    answer 42"), err.toString());
        assertEquals(2, run("notebook", "run", "--check", "--update", nb.toString()), "the two exclude each other");
        try (var names = Files.list(dir)) {
            assertEquals(List.of("lesson.ipynb"), names.map(p -> p.getFileName().toString()).toList(), "no executed copy or lock left");
        }
    }

    private static String notebook(String... cells) throws Exception {
        ObjectMapper json = new ObjectMapper();
        var nb = json.createObjectNode();
        nb.put("nbformat", 4).put("nbformat_minor", 5);
        nb.putObject("metadata").putObject("kernelspec").put("name", "holdout-java").put("display_name", "Java (Holdout)")
                .put("language", "java");
        var list = nb.putArray("cells");
        int i = 0;
        for (String code : cells) {
            var c = list.addObject();
            c.put("cell_type", "code").put("id", "c" + i++).put("source", code).putNull("execution_count");
            c.putObject("metadata");
            c.putArray("outputs");
        }
        return json.writeValueAsString(nb);
    }
}
