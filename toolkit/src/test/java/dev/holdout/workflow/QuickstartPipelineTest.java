package dev.holdout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.cli.HoldoutCli;
import dev.holdout.experiments.Experiments;
import dev.holdout.registry.ApprovalStatus;
import dev.holdout.registry.ModelRegistry;
import dev.holdout.registry.ModelVersion;
import dev.holdout.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped example, pipelines/quickstart.json, through {@code holdout pipeline run}: a first run registers
 * seattle-rain/1; a second is fully cached; a changed 2015 row reruns only the label and split steps (train and
 * validation rows are byte-identical); a changed 2012 row reruns everything down to a new version; a bar the model
 * cannot reach ends in the Fail step with the score (exit 3).
 */
class QuickstartPipelineTest {
    static final Path QUICKSTART = Path.of("..", "pipelines", "quickstart.json");
    static final List<String> WORK = List.of("label", "split", "preprocess", "train", "evaluate", "register");

    @TempDir Path dir;

    record Ran(int code, String out, String err) {}

    private Ran cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        var cl = HoldoutCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Ran(code, out.toString(), err.toString());
    }

    private Ran run(Path data, String... more) {
        List<String> a = new ArrayList<>(List.of("pipeline", "run", QUICKSTART.toString(), "--store", dir.resolve("store.duckdb").toString(),
                "--param", "data=" + data, "--parallelism", "2"));
        a.addAll(List.of(more));
        return cli(a.toArray(String[]::new));
    }

    private Execution latest() {
        return new ExecutionRecords(Store.at(dir.resolve("store.duckdb"))).list("quickstart").get(0);
    }

    /** Replaces the first line starting with {@code date} by {@code line}. */
    private static void replaceDay(Path csv, String date, String line) throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(csv, StandardCharsets.UTF_8));
        for (int i = 0; i < lines.size(); i++) if (lines.get(i).startsWith(date + ",")) lines.set(i, line);
        Files.write(csv, lines, StandardCharsets.UTF_8);
    }

    @Test void runTwiceChangeTheDataAndFailBelowTheBar() throws Exception {
        Path data = dir.resolve("weather.csv");
        Files.copy(Path.of("..", "datasets", "seattle-weather.csv"), data);
        Store store = Store.at(dir.resolve("store.duckdb"));

        Ran first = run(data);
        assertEquals(0, first.code(), first.out() + first.err());
        Execution e1 = latest();
        assertEquals(List.of("auc-too-low"), e1.notRun());
        assertTrue(e1.ran().containsAll(WORK), e1.toString());
        double auc = StrictJsonPath.number(e1.step("evaluate").properties(), "metrics", "roc_auc");
        assertTrue(auc >= 0.7 && auc < 1, "validation AUC " + auc);
        ModelVersion v1 = ModelRegistry.open(store).get("seattle-rain", 1);
        assertEquals(ApprovalStatus.PendingManualApproval, v1.status());
        var runs = Experiments.open(store).list();
        assertEquals(1, runs.size());
        assertEquals(e1.id() + "/train", runs.get(0).parent());

        Ran second = run(data);
        assertEquals(0, second.code(), second.err());
        Execution e2 = latest();
        assertEquals(WORK.stream().sorted().toList(), e2.cached().stream().sorted().toList(), e2.toString());
        assertEquals(List.of("check-auc"), e2.ran(), "only the condition is evaluated again");
        assertTrue(second.out().contains("register (RegisterModel): Succeeded (cached from " + e1.id() + ")"), second.out());
        assertEquals(1, ModelRegistry.open(store).list("seattle-rain", null).size(), "a cached registration is the same version");

        // a 2015 day is test data: label and split rerun, train and validation are byte-identical, so the rest is cached
        replaceDay(data, "2015-06-01", "2015-06-01,0.0,26.1,12.2,3.4,sun");
        assertEquals(0, run(data).code());
        Execution e3 = latest();
        assertEquals(List.of("label", "split"), e3.ran().stream().filter(WORK::contains).sorted().toList(), e3.toString());
        assertEquals(List.of("evaluate", "preprocess", "register", "train"), e3.cached().stream().sorted().toList());

        // a 2012 day is training data: everything downstream reruns, and the new model is version 2
        replaceDay(data, "2012-01-02", "2012-01-02,10.9,10.6,2.9,4.6,sun");
        assertEquals(0, run(data).code());
        Execution e4 = latest();
        assertEquals(WORK.stream().sorted().toList(), e4.ran().stream().filter(WORK::contains).sorted().toList(), e4.toString());
        assertEquals(2, ModelRegistry.open(store).get("seattle-rain", 2).version());

        Ran fail = run(data, "--param", "min_auc=0.99");
        assertEquals(3, fail.code(), fail.out() + fail.err());
        Execution e5 = latest();
        assertEquals(Execution.FAILED, e5.status());
        assertTrue(e5.step("auc-too-low").reason().matches("validation ROC AUC 0\\.\\d+ is below min_auc 0\\.99"), e5.step("auc-too-low").reason());
        assertEquals(StepRecord.NOT_RUN, e5.step("register").status());

        Ran list = cli("pipeline", "executions", "quickstart", "--store", dir.resolve("store.duckdb").toString());
        assertEquals(0, list.code(), list.err());
        assertTrue(list.out().contains("quickstart-5") && list.out().contains("quickstart-1"), list.out());
        Ran show = cli("pipeline", "show", "quickstart-2", "--store", dir.resolve("store.duckdb").toString(), "--format", "json");
        assertEquals(0, show.code(), show.err());
        assertTrue(show.out().contains("\"cache_hit\" : true"), show.out());
    }

    /** Reads a number from a JSON text by path. */
    static final class StrictJsonPath {
        static double number(String json, String... path) {
            var n = dev.holdout.io.StrictJson.parse(json, "properties");
            for (String p : path) n = n.get(p);
            return n.asDouble();
        }
    }
}
