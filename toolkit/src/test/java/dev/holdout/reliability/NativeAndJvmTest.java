package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.cli.JdkOptions;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * What only a child process shows: a corrupt model file is exit 2 with a message, never a native abort (exit 134,
 * or a JVM crash, or a hang); running out of memory at a small heap is a message with the input's size and how to
 * give the JVM more; and the launcher passes each JDK the options that keep the JVM's own warnings off stderr, and
 * OMP_WAIT_POLICY=passive unless it is set.
 */
@EnabledOnOs({OS.LINUX, OS.MAC})
class NativeAndJvmTest {
    @TempDir Path dir;

    /** A trained model folder (through the real CLI, in this JVM). */
    private Path trainedModel() throws IOException {
        ErrorCasesTest.writeRows(dir.resolve("t.csv"), 60, i -> String.valueOf((i * 37) % 11));
        ErrorCasesTest.job(dir.resolve("job.json"), "t.csv", "\"num_round\": \"4\", \"objective\": \"binary:logistic\", \"max_depth\": \"3\"");
        BadInput.Result r = BadInput.run(List.of("train", "--config", dir.resolve("job.json").toString(), "--output", dir.resolve("job").toString()));
        assertEquals(0, r.exitCode(), r.err());
        return dir.resolve("job/model");
    }

    private interface Corrupt { void apply(Path modelJson) throws IOException; }

    private static Corrupt tree0(java.util.function.Consumer<ObjectNode> change) {
        return f -> {
            ObjectMapper m = new ObjectMapper();
            ObjectNode root = (ObjectNode) m.readTree(f.toFile());
            change.accept(root);
            m.writeValue(f.toFile(), root);
        };
    }

    private static ObjectNode firstTree(ObjectNode root) {
        return (ObjectNode) root.path("learner").path("gradient_booster").path("model").path("trees").get(0);
    }

    @Test void aCorruptModelFileIsExit2NeverANativeAbort() throws Exception {
        Path model = trainedModel();
        Files.writeString(dir.resolve("rows.csv"), "x\n1\n2\n");
        byte[] good = Files.readAllBytes(model.resolve("xgboost-model.json"));
        Map<String, Corrupt> cases = new LinkedHashMap<>();
        // each of these aborted, crashed or hung the JVM before the model file was checked
        cases.put("empty", f -> Files.write(f, new byte[0]));
        cases.put("truncated", f -> Files.write(f, java.util.Arrays.copyOf(good, good.length / 3)));
        cases.put("random bytes", f -> {
            byte[] b = new byte[4096];
            dev.holdout.data.SeededRandom rnd = new dev.holdout.data.SeededRandom(11);
            for (int i = 0; i < b.length; i++) b[i] = (byte) rnd.nextInt(256);
            Files.write(f, b);
        });
        cases.put("valid JSON that is not a model", f -> Files.writeString(f, "{\"learner\": {\"note\": \"not a model\"}, \"version\": [3, 0, 0]}"));
        cases.put("child index out of range", tree0(r -> ((ArrayNode) firstTree(r).path("left_children")).set(0, 1_000_000)));
        cases.put("num_target below 1", tree0(r -> ((ObjectNode) r.path("learner").path("learner_model_param")).put("num_target", "-7")));

        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Map<String, Future<Subprocess.Result>> runs = new LinkedHashMap<>();
            for (Map.Entry<String, Corrupt> c : cases.entrySet()) {
                Path copy = copyModel(model, dir.resolve("m-" + runs.size()));
                c.getValue().apply(copy.resolve("xgboost-model.json"));
                boolean debug = c.getKey().equals("empty");
                runs.put(c.getKey(), pool.submit(() -> Subprocess.run(Subprocess.cli(JdkOptions.forThisJvm(), "predict", "--model", copy.toString(),
                        "--input", dir.resolve("rows.csv").toString(), "--output", copy.resolveSibling(copy.getFileName() + ".csv").toString()),
                        debug ? Map.of("HOLDOUT_DEBUG", "1") : Map.of(), dir)));
            }
            for (Map.Entry<String, Future<Subprocess.Result>> e : runs.entrySet()) {
                Subprocess.Result r = e.getValue().get();
                String where = e.getKey() + ": " + r;
                assertEquals(2, r.exitCode(), where);
                assertTrue(r.err().startsWith("holdout predict: error: model=") && r.err().contains("is corrupt or unreadable: xgboost-model.json: "), where);
                assertFalse(r.err().contains("terminate called") || r.err().contains("fatal error") || r.err().contains("[bt]"), where);
                if (e.getKey().equals("empty")) {
                    assertTrue(r.err().contains("the file is empty (0 bytes)"), where);
                    assertTrue(r.err().contains("\tat "), "HOLDOUT_DEBUG=1 adds the stack trace: " + where);
                } else {
                    assertFalse(r.err().contains("\tat "), where);
                    assertEquals(1, r.err().strip().lines().count(), "one line: " + where);
                }
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test void aModelFromAnOldXGBoostLoadsWithoutNativeWarnings() throws Exception {
        Path model = trainedModel();
        Path copy = copyModel(model, dir.resolve("old"));
        tree0(r -> {
            ArrayNode v = (ArrayNode) r.path("version");
            v.set(0, 1);
            v.set(1, 0);
            v.set(2, 0);
        }).apply(copy.resolve("xgboost-model.json"));
        Files.writeString(dir.resolve("rows.csv"), "x\n1\n2\n");
        Subprocess.Result r = Subprocess.run(Subprocess.cli(JdkOptions.forThisJvm(), "predict", "--model", copy.toString(), "--input",
                dir.resolve("rows.csv").toString(), "--output", dir.resolve("p.csv").toString()), Map.of(), dir);
        assertEquals(0, r.exitCode(), r.toString());
        assertEquals("", r.err(), "XGBoost's native logger would print 'WARNING: ... Found JSON model saved before XGBoost 1.6'");
    }

    @Test void runningOutOfMemoryIsAMessageWithTheInputSizeAndTheFix() throws Exception {
        Path big = dir.resolve("big.csv");
        try (BufferedWriter w = Files.newBufferedWriter(big, StandardCharsets.US_ASCII)) {
            w.write("a,b,c,y\n");
            for (int i = 0; i < 2_000_000; i++) {
                w.write(Integer.toString(i % 1000));
                w.write(".125,");
                w.write(Integer.toString(i % 777));
                w.write(".5,");
                w.write(Integer.toString(i));
                w.write(i % 2 == 0 ? ",0\n" : ",1\n");
            }
        }
        Path launcher = Subprocess.launcherIn(dir);
        Subprocess.Result r = Subprocess.run(List.of(launcher.toString(), "split", "--input", big.toString(), "--output", dir.resolve("out").toString(),
                "--strategy", "random"), Map.of("HOLDOUT_JAVA_OPTS", "-Xmx32m", "JAVA_HOME", System.getProperty("java.home")), dir);
        String size = String.format(java.util.Locale.ROOT, "%.1f MB", Files.size(big) / 1048576.0);
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().startsWith("holdout split: failed: out of memory (Java heap space) with a maximum heap of "), r.toString());
        assertTrue(r.err().contains("on " + big + " (" + size + ")"), "the input and its size: " + r);
        assertTrue(r.err().contains("Give the JVM more memory, e.g. HOLDOUT_JAVA_OPTS=-Xmx"), r.toString());
        assertFalse(r.err().contains("\tat ") || r.err().contains("java.lang.OutOfMemoryError"), r.toString());
        assertFalse(Files.exists(dir.resolve("out")), "no output left: " + r);
    }

    @Test void theLauncherKeepsEveryJdksWarningsOffStderr() throws Exception {
        ErrorCasesTest.writeRows(dir.resolve("t.csv"), 30, i -> String.valueOf((i * 37) % 11));
        ErrorCasesTest.job(dir.resolve("job.json"), "t.csv", "\"num_round\": \"2\", \"objective\": \"binary:logistic\"");
        Path launcher = Subprocess.launcherIn(dir);
        List<String> tested = new ArrayList<>();
        for (Path jdk : Subprocess.jdks()) {
            int feature = JdkOptions.featureOf(jdk.resolve("bin/java"));
            Path out = dir.resolve("job-" + feature);
            // loads Tablesaw (its class scanner calls sun.misc.Unsafe) and XGBoost's JNI library (System.load)
            Subprocess.Result r = Subprocess.run(List.of(launcher.toString(), "train", "--config", dir.resolve("job.json").toString(),
                    "--output", out.toString()), Map.of("JAVA_HOME", jdk.toString()), dir);
            assertEquals(0, r.exitCode(), "Java " + feature + ": " + r);
            assertFalse(r.err().contains("WARNING"), "Java " + feature + " printed JVM warnings through the launcher:\n" + r.err());
            assertTrue(Files.isRegularFile(out.resolve("model/xgboost-model.json")), "Java " + feature + ": " + r);
            if (feature >= 24) {
                // the control: the same run without the options does warn, so the assertion above can fail
                Subprocess.Result bare = Subprocess.run(List.of(jdk.resolve("bin/java").toString(), "-jar", launcher.resolveSibling(Subprocess.CLI_JAR).toString(),
                        "train", "--config", dir.resolve("job.json").toString(), "--output", dir.resolve("bare-" + feature).toString()), Map.of(), dir);
                assertEquals(0, bare.exitCode(), bare.toString());
                assertTrue(bare.err().contains("WARNING: A restricted method") && bare.err().contains("sun.misc.Unsafe"), bare.err());
            }
            tested.add("Java " + feature);
        }
        assertFalse(tested.isEmpty());
    }

    @Test void theLauncherPassesOnlyTheOptionsAJdkKnowsAndAPassiveOpenMpWaitPolicyUnlessSet() throws Exception {
        Path launcher = Subprocess.launcherIn(dir);
        Map<String, List<String>> expected = Map.of("17.0.15", List.of(), "21.0.2", List.of(), "22.0.1", List.of(JdkOptions.NATIVE_ACCESS),
                "25.0.3", List.of(JdkOptions.NATIVE_ACCESS, JdkOptions.UNSAFE_MEMORY_ACCESS));
        for (Map.Entry<String, List<String>> e : expected.entrySet()) {
            // a stand-in JDK whose java prints what it was given
            Path home = dir.resolve("jdk-" + e.getKey());
            Files.createDirectories(home.resolve("bin"));
            Files.writeString(home.resolve("release"), "IMPLEMENTOR=\"test\"\nJAVA_VERSION=\"" + e.getKey() + "\"\n");
            Path java = home.resolve("bin/java");
            Files.writeString(java, "#!/bin/sh\necho \"OMP_WAIT_POLICY=$OMP_WAIT_POLICY\"\nfor a in \"$@\"; do echo \"arg $a\"; done\n");
            assertTrue(java.toFile().setExecutable(true));
            assertEquals(e.getValue(), JdkOptions.forFeature(JdkOptions.featureOf(java)), "JdkOptions agrees for " + e.getKey());

            Subprocess.Result r = Subprocess.run(List.of(launcher.toString(), "split", "--help"), Map.of("JAVA_HOME", home.toString()), dir);
            assertEquals(0, r.exitCode(), r.toString());
            List<String> args = r.out().lines().filter(l -> l.startsWith("arg ")).map(l -> l.substring(4)).toList();
            List<String> options = args.subList(0, args.indexOf("-jar")).stream().filter(a -> a.startsWith("--")).toList();
            assertEquals(e.getValue(), options, "Java " + e.getKey() + ": " + args);
            assertEquals(List.of("split", "--help"), args.subList(args.size() - 2, args.size()));
            assertTrue(r.out().contains("OMP_WAIT_POLICY=passive"), r.out());

            Subprocess.Result mine = Subprocess.run(List.of(launcher.toString(), "split"),
                    Map.of("JAVA_HOME", home.toString(), "OMP_WAIT_POLICY", "active", "HOLDOUT_JAVA_OPTS", "-Xmx3g"), dir);
            assertTrue(mine.out().contains("OMP_WAIT_POLICY=active"), "a user's own setting is kept: " + mine.out());
            assertTrue(mine.out().contains("arg -Xmx3g"), "HOLDOUT_JAVA_OPTS reaches java: " + mine.out());
        }
    }

    private static Path copyModel(Path model, Path to) throws IOException {
        Files.createDirectories(to);
        try (var files = Files.list(model)) {
            for (Path f : (Iterable<Path>) files::iterator) Files.copy(f, to.resolve(f.getFileName()));
        }
        return to;
    }
}
