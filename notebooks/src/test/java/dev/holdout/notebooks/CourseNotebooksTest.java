package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Executes every course notebook through real Jupyter (nbconvert, nbclient) with the Holdout kernel and checks
 * that each shows what its prose claims. Without Jupyter these tests are skipped with the apt line that enables
 * them — unless {@code CI=true}, where a missing Jupyter fails the build.
 */
class CourseNotebooksTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path COURSE = Path.of(".");
    private static final Path EXECUTED = Path.of("target", "executed-notebooks");
    /** The course promise: each notebook runs top to bottom in under two minutes. */
    private static final Duration BUDGET = Duration.ofMinutes(2);

    private static Boolean jupyter;

    /** Called by each notebook test, so that without Jupyter each is reported as skipped (or failed under CI). */
    static void requireJupyter() {
        if (jupyter == null) jupyter = NotebookRunner.nbconvertCommand().isPresent();
        if (jupyter) return;
        String message = "Jupyter (nbconvert) is not installed, so the course notebooks were not executed. Enable "
                + "these tests with: " + NotebookRunner.APT_LINE;
        if ("true".equalsIgnoreCase(System.getenv("CI"))) fail("CI=true requires the notebook tests. " + message);
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }

    /**
     * Every course notebook (any {@code NN-name.ipynb} here, including ones added later) runs within the budget, keeps
     * to the course rules (no error output, at least one picture, ends with the exam takeaway) and is committed with
     * outputs that a fresh run reproduces ({@link StoredOutputs}: only timings, paths and, on another font set, picture
     * pixels may differ). A change that moves a number fails here until the notebook is refreshed with
     * {@code ./holdout notebook run --update FILE} and the diff is reviewed.
     */
    @TestFactory
    Stream<DynamicTest> everyNotebookReproducesItsStoredOutputs() throws IOException {
        List<String> names;
        try (Stream<Path> files = Files.list(COURSE)) {
            names = files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d\\d-.*\\.ipynb") && !n.endsWith(".executed.ipynb")).sorted().toList();
        }
        assertFalse(names.isEmpty(), "the course notebooks are in " + COURSE.toAbsolutePath());
        return names.stream().map(name -> DynamicTest.dynamicTest(name, () -> {
            Run run = run(name);
            assertTrue(run.result().matches(), name + ": the stored outputs differ from a fresh run:\n  "
                    + String.join("\n  ", run.result().differences())
                    + "\nif the change is intended: ./holdout notebook run --update notebooks/" + name + " and review the diff");
        }));
    }

    @Test
    void randomVsTimeSplits() throws Exception {
        JsonNode nb = execute("01-random-vs-time-splits.ipynb");
        Matcher nearest = find(stdout(nb), "nearest day: +random-split test MAE ([\\d.]+) °C, time-split test MAE ([\\d.]+) °C");
        Matcher month = find(stdout(nb), "month average: random-split test MAE ([\\d.]+) °C, time-split test MAE ([\\d.]+) °C");
        double nearestRandom = Double.parseDouble(nearest.group(1));
        double nearestTime = Double.parseDouble(nearest.group(2));
        double monthRandom = Double.parseDouble(month.group(1));
        double monthTime = Double.parseDouble(month.group(2));
        assertTrue(nearestRandom < nearestTime, "the random split is optimistic for the nearest-day model");
        assertTrue(nearestRandom < monthRandom && nearestTime > monthTime,
                "the ranking of the two models flips between the splits, as the prose says");
        assertTrue(Math.abs(monthTime - monthRandom) < 1.0, "the month average barely cares which split is used");
        assertTrue(html(nb).contains("2015-07-01"), "the time split's cutoffs are shown");
    }

    @Test
    void leakage() throws Exception {
        JsonNode nb = execute("02-leakage.ipynb");
        String out = stdout(nb);
        for (String dataset : List.of("birdstrikes", "synthetic-churn")) {
            double[] leakyFeature = way(out, dataset, "c");
            double[] safe = way(out, dataset, "d");
            assertTrue(leakyFeature[0] > safe[0], dataset + ": the leaky score is higher than the safe score");
            assertTrue(leakyFeature[2] > safe[2], dataset + ": the leaky feature's optimism exceeds the safe pipeline's");
        }
        double safeOptimism = way(out, "birdstrikes", "d")[2];
        for (String leak : List.of("a", "c")) {
            assertTrue(way(out, "birdstrikes", leak)[2] > safeOptimism,
                    "birdstrikes: leak (" + leak + ") is more optimistic than the safe pipeline, as the prose says");
        }
        assertTrue(way(out, "birdstrikes", "b")[2] > 0, "birdstrikes: the random split overstates its later score, as the prose says");
        assertTrue(way(out, "synthetic-churn", "c")[1] < 0.55, "the leaky model is no better than a coin flip later");
        for (String leak : List.of("a", "b")) {
            assertTrue(Math.abs(way(out, "synthetic-churn", leak)[2] - way(out, "synthetic-churn", "d")[2]) < 0.05,
                    "on the synthetic table (a), (b) and (d) land close together, as the prose says");
        }
        find(out, "random split with the leaky column: [1-9]\\d* findings, clean=false");
        find(out, "time split without the leaky column: 0 findings, clean=true");
    }

    /** validation, later, optimism of one way of the leakage demo, from the notebook's printed lines. */
    private static double[] way(String out, String dataset, String way) {
        Matcher m = find(out, Pattern.quote(dataset + " (" + way + ")")
                + " validation=([\\d.]+) later=([\\d.]+) optimism=([-+][\\d.]+)");
        return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))};
    }

    @Test
    void choosingAMetric() throws Exception {
        JsonNode nb = execute("03-choosing-a-metric.ipynb");
        String out = stdout(nb);
        Matcher sweep = Pattern.compile("threshold ([\\d.]+): precision ([\\d.]+), recall ([\\d.]+), flagged (\\d+) of")
                .matcher(out);
        List<double[]> rows = new ArrayList<>();
        while (sweep.find()) {
            rows.add(new double[] {Double.parseDouble(sweep.group(1)), Double.parseDouble(sweep.group(2)),
                    Double.parseDouble(sweep.group(3)), Double.parseDouble(sweep.group(4))});
        }
        assertEquals(4, rows.size(), out);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i)[0] < rows.get(i - 1)[0], "thresholds are printed from high to low");
            assertTrue(rows.get(i)[2] >= rows.get(i - 1)[2], "a lower threshold never lowers recall");
            assertTrue(rows.get(i)[3] >= rows.get(i - 1)[3], "a lower threshold flags at least as many rows");
        }
        assertTrue(rows.get(3)[1] < rows.get(0)[1], "at the lowest threshold precision has fallen, as the prose says");
        Matcher none = find(out, "highest threshold that misses no cancer: ([\\d.]+) \\(precision ([\\d.]+), recall ([\\d.]+)\\)");
        assertEquals(1.0, Double.parseDouble(none.group(3)), "the chosen threshold misses no positive");
        for (double[] row : rows) {
            if (row[2] < 1.0) {
                assertTrue(Double.parseDouble(none.group(1)) <= row[0], "it lies below every threshold that misses one");
            }
        }
        Matcher benign = find(out, "all benign: accuracy ([\\d.]+), recall ([\\d.]+)");
        Matcher model = find(out, "model: +accuracy ([\\d.]+), recall ([\\d.]+)");
        assertTrue(Double.parseDouble(benign.group(1)) > 0.5, "the do-nothing model still has a high accuracy");
        assertEquals(0.0, Double.parseDouble(benign.group(2)), "and finds nothing");
        assertTrue(Double.parseDouble(model.group(2)) > 0.5);
        Matcher growth = find(out, "growth: MAE x([\\d.]+), MSE x([\\d.]+)");
        double mae = Double.parseDouble(growth.group(1));
        double mse = Double.parseDouble(growth.group(2));
        assertTrue(mse > mae && mae > 1.0, "one outlier moves MSE more than MAE");
    }

    @Test
    void earlyStopping() throws Exception {
        JsonNode nb = execute("04-early-stopping.ipynb");
        String out = stdout(nb);
        Matcher full = find(out, "no early stopping: (\\d+) rounds; lowest validation logloss ([\\d.]+) at round (\\d+); "
                + "at the last round ([\\d.]+)");
        int rounds = Integer.parseInt(full.group(1));
        int lowest = Integer.parseInt(full.group(3));
        assertTrue(lowest < rounds - 1, "the validation loss bottoms out before the last round");
        assertTrue(Double.parseDouble(full.group(4)) > Double.parseDouble(full.group(2)), "and rises after it: overfitting");
        Matcher early = find(out, "early stopping: trained (\\d+) of (\\d+) rounds, best iteration (\\d+)");
        int trained = Integer.parseInt(early.group(1));
        int best = Integer.parseInt(early.group(3));
        assertTrue(trained < Integer.parseInt(early.group(2)), "early stopping stops before the last round");
        assertEquals(best + 10 + 1, trained, "XGBoost trains early_stopping_rounds past the best iteration");
        assertEquals(lowest, best, "the best iteration is where the full run's validation loss was lowest");
        Matcher test = find(out, "test log_loss: no early stopping ([\\d.]+), early stopping ([\\d.]+)");
        assertTrue(Double.parseDouble(test.group(2)) < Double.parseDouble(test.group(1)),
                "the early-stopped model is better on the unseen test half-year");
    }

    @Test
    void tuningStrategies() throws Exception {
        JsonNode nb = execute("05-tuning.ipynb");
        String out = stdout(nb);
        java.util.Map<String, double[]> measured = new java.util.LinkedHashMap<>();
        for (String strategy : List.of("Grid", "Random", "Bayesian", "Hyperband")) {
            Matcher m = find(out, strategy + ": best validation logloss ([\\d.]+) in 12 trials \\((\\d+) stopped early\\), (\\d+) boosting rounds, ([\\d.]+) s");
            measured.put(strategy, new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                    Double.parseDouble(m.group(3)), Double.parseDouble(m.group(4))});
            assertTrue(measured.get(strategy)[0] > 0 && measured.get(strategy)[0] < 0.3, strategy + " finds a useful model");
        }
        assertEquals(0, measured.get("Grid")[1], "grid runs every combination in full");
        assertEquals(12 * 60, measured.get("Grid")[2], "12 trials x 60 rounds");
        assertTrue(measured.get("Hyperband")[1] > 0 && measured.get("Hyperband")[2] < measured.get("Grid")[2],
                "Hyperband stops trials at rungs and so runs fewer rounds, as the prose says");
        Matcher test = find(out, "chosen on validation: (\\w+), trial (\\d+); test logloss ([\\d.]+) on 114 rows \\(evaluated once\\)");
        assertTrue(measured.containsKey(test.group(1)));
        double best = measured.values().stream().mapToDouble(v -> v[0]).min().orElseThrow();
        assertEquals(best, measured.get(test.group(1))[0], 1e-9, "the winner is chosen on validation");
        assertTrue(Double.parseDouble(test.group(3)) > best, "the test loss is higher than the chosen validation loss, as the prose says");
        assertTrue(out.contains("The test part was not seen while tuning"));
        assertTrue(html(nb).contains("stopped early"), "the full trial table is shown");
    }

    // ------------------------------------------------------------------ helpers

    /** One execution of a notebook: the fresh outputs (cleaned as stored) and how they compare with the stored ones. */
    record Run(JsonNode notebook, StoredOutputs.Result result) {}

    private static final Map<String, Run> RUNS = new HashMap<>();

    /** The notebook's outputs, fresh (failing with nbconvert's log if a cell fails); executed once per test run. */
    private static JsonNode execute(String name) throws Exception {
        return run(name).notebook();
    }

    /** Runs the notebook once per test run and checks what every notebook must do. */
    private static synchronized Run run(String name) throws Exception {
        Run cached = RUNS.get(name);
        if (cached != null) return cached;
        requireJupyter();
        Path source = COURSE.resolve(name);
        Path output = EXECUTED.resolve(name);
        StoredOutputs.Result result;
        try {
            result = StoredOutputs.check(new NotebookRunner(KernelSpec.ofThisJvm(), Duration.ofMinutes(5)), source, output, null);
        } catch (IllegalStateException e) {
            fail(e.getMessage());
            throw e;
        }
        JsonNode nb = StoredOutputs.clean(JSON.readTree(output.toFile()));
        System.out.printf(Locale.ROOT, "%s ran in %.1f s%n", name, result.took().toMillis() / 1000.0);
        assertTrue(result.took().compareTo(BUDGET) < 0, name + " took " + result.took().toSeconds() + " s; the course promises under "
                + BUDGET.toSeconds() + " s per notebook");
        List<JsonNode> cells = new ArrayList<>();
        nb.path("cells").forEach(cells::add);
        JsonNode last = cells.get(cells.size() - 1);
        assertEquals("markdown", last.path("cell_type").asText(), name + " ends with prose");
        assertTrue(text(last.path("source")).contains("Exam takeaway"), name + " ends with the exam takeaway");
        boolean picture = false;
        for (JsonNode cell : cells) {
            for (JsonNode out : cell.path("outputs")) {
                assertFalse(out.path("output_type").asText().equals("error"), name + " has an error output");
                if (out.path("data").has("image/png")) picture = true;
            }
        }
        assertTrue(picture, name + " shows at least one picture");
        Run run = new Run(nb, result);
        RUNS.put(name, run);
        return run;
    }

    private static String stdout(JsonNode nb) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode out : cell.path("outputs")) {
                if (out.path("output_type").asText().equals("stream") && out.path("name").asText().equals("stdout")) {
                    sb.append(text(out.path("text")));
                }
            }
        }
        return sb.toString();
    }

    private static String html(JsonNode nb) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode out : cell.path("outputs")) sb.append(text(out.path("data").path("text/html")));
        }
        return sb.toString();
    }

    /** nbformat stores text as a string or a list of lines. */
    private static String text(JsonNode node) {
        if (node.isTextual()) return node.asText();
        StringBuilder sb = new StringBuilder();
        node.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }

    private static Matcher find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) fail("expected /" + regex + "/ in the notebook's output:\n" + text);
        return m;
    }
}
