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
 * Executes every course notebook through real Jupyter (nbconvert, nbclient) with the Holdout kernel, once each:
 * every notebook must reproduce the outputs committed with it ({@link StoredOutputs}), and the notebooks below
 * must show what their prose claims — each claim is checked on the numbers the notebook prints. Without Jupyter
 * these tests are skipped with the apt line that enables them — unless {@code CI=true}, where a missing Jupyter
 * fails the build.
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
        String out = stdout(nb);
        double nearestRandom = number(out, "nearest days, random split \\(training days on both sides\\): test MAE ([\\d.]+) °C");
        double forecastTime = number(out, "day-by-day forecast of the time split's test half-year \\(earlier days only\\): test MAE ([\\d.]+) °C");
        double forecastRandomDays = number(out, "day-by-day forecast of the random split's test days \\(earlier days only\\): test MAE ([\\d.]+) °C");
        Matcher month = find(out, "month average: random-split test MAE ([\\d.]+) °C, time-split test MAE ([\\d.]+) °C");
        double monthRandom = Double.parseDouble(month.group(1)), monthTime = Double.parseDouble(month.group(2));
        Matcher gap = find(out, "understates the nearest-days rule's error by ([\\d.]+) °C \\((\\d+)% of what it reports\\)");
        assertTrue(nearestRandom < forecastTime && nearestRandom < forecastRandomDays,
                "the same rule looks better with the future in reach than with only the past");
        assertEquals(forecastTime - nearestRandom, Double.parseDouble(gap.group(1)), 0.011, "the printed gap is the difference");
        assertTrue(forecastTime - nearestRandom > 0.1, "a measurable optimism");
        assertTrue(forecastRandomDays - nearestRandom > 2 * Math.abs(forecastRandomDays - forecastTime),
                "the gap comes from looking ahead, not from which days are tested, as the prose says");
        assertTrue(Math.abs(monthTime - monthRandom) < 0.3, "the month average barely cares which split is used");
        assertTrue(html(nb).contains("2015-07-01"), "the time split's cutoffs are shown");
    }

    @Test
    void leakage() throws Exception {
        JsonNode nb = execute("02-leakage.ipynb");
        String out = stdout(nb);
        // seed by seed: every leak more optimistic than the safe pipeline at the same seed (the prose: "at all 20 seeds")
        Matcher seeds = Pattern.compile("seed +(\\d+) optimism: +\\(a\\) ([-+][\\d.]+) +\\(b\\) ([-+][\\d.]+) +\\(c\\) ([-+][\\d.]+) +\\(d\\) ([-+][\\d.]+)")
                .matcher(out);
        int count = 0;
        double smallestLeak = Double.POSITIVE_INFINITY, largestSafe = Double.NEGATIVE_INFINITY;
        while (seeds.find()) {
            count++;
            double safe = Double.parseDouble(seeds.group(5));
            largestSafe = Math.max(largestSafe, safe);
            assertTrue(Math.abs(safe) < 0.07, "seed " + seeds.group(1) + ": the safe pipeline's optimism is small (" + safe + ")");
            for (int w = 2; w <= 4; w++) {
                double leak = Double.parseDouble(seeds.group(w));
                smallestLeak = Math.min(smallestLeak, leak);
                assertTrue(leak > safe, "seed " + seeds.group(1) + ": way (" + "abc".charAt(w - 2) + ") " + leak + " > (d) " + safe);
            }
        }
        assertEquals(20, count, "one line per seed, 20 seeds");
        assertTrue(smallestLeak > largestSafe, "the smallest optimism of any leak exceeds the largest of the safe pipeline");
        for (String w : List.of("a", "b", "c")) find(out, "\\(" + w + "\\) is more optimistic than \\(d\\) at 20 of 20 seeds");
        assertTrue(number(out, "\\(c\\) validation ROC AUC at least ([\\d.]+) at every seed") > 0.99, "the planted leak looks perfect");
        assertTrue(number(out, "at every seed; later at most ([\\d.]+)") < 0.75, "and is far worse later");
        find(out, "seeds 1-20 of 20 done");
        // each leak is caught by the audit check made for it, and the safe pipeline passes
        find(out, "\\(a\\) preprocessing fitted on all rows: \\d+ findings \\[[^]]*preprocessing-outside-train[^]]*\\], clean=false");
        find(out, "\\(b\\) random split of time-ordered rows: \\d+ findings \\[[^]]*temporal-overlap[^]]*\\], clean=false");
        find(out, "\\(c\\) with the feature recorded after the outcome: \\d+ findings \\[[^]]*target-leak[^]]*\\], clean=false");
        find(out, "\\(d\\) safe pipeline: 0 findings \\[\\], clean=true");
        assertTrue(html(nb).contains("<td>group-overlap</td><td>not requested</td>"), "the audit lists the check it did not run");
    }

    @Test
    void choosingAMetric() throws Exception {
        JsonNode nb = execute("03-choosing-a-metric.ipynb");
        String out = stdout(nb);
        Matcher sweep = Pattern.compile("validation, threshold ([\\d.]+): precision ([\\d.]+), recall ([\\d.]+), flagged (\\d+) of").matcher(out);
        List<double[]> rows = new ArrayList<>();
        while (sweep.find()) {
            rows.add(new double[] {Double.parseDouble(sweep.group(1)), Double.parseDouble(sweep.group(2)),
                    Double.parseDouble(sweep.group(3)), Double.parseDouble(sweep.group(4))});
        }
        assertEquals(5, rows.size(), out);
        for (int i = 1; i < rows.size(); i++) {
            assertTrue(rows.get(i)[0] < rows.get(i - 1)[0], "thresholds are printed from high to low");
            assertTrue(rows.get(i)[2] >= rows.get(i - 1)[2], "a lower threshold never lowers recall");
            assertTrue(rows.get(i)[1] < rows.get(i - 1)[1], "and here precision falls at every step: the trade-off");
        }
        Matcher chosen = find(out, "chosen on validation: threshold ([\\d.]+) \\(precision ([\\d.]+), recall ([\\d.]+)\\)");
        assertTrue(Double.parseDouble(chosen.group(3)) >= 0.75, "the chosen threshold reaches the recall goal on validation");
        Matcher lazy = find(out, "all harmless: accuracy ([\\d.]+), precision ([\\d.]+), recall ([\\d.]+), average precision ([\\d.]+)");
        Matcher model = find(out, "model: +accuracy ([\\d.]+), precision ([\\d.]+), recall ([\\d.]+), average precision ([\\d.]+), ROC AUC ([\\d.]+)");
        double testShare = number(out, "of validation, ([\\d.]+) of test");
        assertTrue(Double.parseDouble(lazy.group(1)) > Double.parseDouble(model.group(1)), "accuracy ranks the do-nothing rule first");
        assertEquals(0.0, Double.parseDouble(lazy.group(3)), "which finds no damaged aircraft");
        assertTrue(Double.parseDouble(model.group(3)) > 0.6, "the model finds most of them on test");
        assertTrue(Double.parseDouble(model.group(3)) < Double.parseDouble(chosen.group(3)),
                "a little short of the recall it reached on validation, as the prose says");
        assertEquals(testShare, Double.parseDouble(lazy.group(4)), 0.002, "random ranking's average precision is the positive share");
        assertTrue(Double.parseDouble(model.group(4)) > 2.5 * Double.parseDouble(lazy.group(4)), "the model's PR AUC is several times that");
        assertTrue(testShare < 0.15, "damage is rare");
        Matcher growth = find(out, "growth: MAE x([\\d.]+), MSE x([\\d.]+)");
        assertTrue(Double.parseDouble(growth.group(2)) > Double.parseDouble(growth.group(1)) && Double.parseDouble(growth.group(1)) > 1.0,
                "one outlier moves MSE more than MAE");
        assertTrue(plainText(nb).contains("line chart \"Predicted vs actual") && plainText(nb).contains("line chart \"Residuals vs predicted"),
                "the regression charts are shown");
    }

    @Test
    void earlyStopping() throws Exception {
        JsonNode nb = execute("04-early-stopping.ipynb");
        String out = stdout(nb);
        find(out, "1460 days, each with the next day's rain");
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
        Matcher depth = Pattern.compile("max_depth (\\d+): train logloss ([\\d.]+), validation logloss ([\\d.]+)").matcher(out);
        List<double[]> curve = new ArrayList<>();
        while (depth.find()) curve.add(new double[] {Double.parseDouble(depth.group(2)), Double.parseDouble(depth.group(3))});
        assertEquals(4, curve.size());
        double bestValidation = curve.stream().mapToDouble(c -> c[1]).min().orElseThrow();
        for (int i = 1; i < curve.size(); i++) assertTrue(curve.get(i)[0] < curve.get(i - 1)[0], "the train loss falls at every step of depth");
        assertTrue(curve.get(3)[1] > bestValidation && curve.get(0)[1] < curve.get(3)[1],
                "validation is best at a shallow depth and worse at the deepest");
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
        // why two strategies found the same best trial: they tried the same configurations (the same seeded stream)
        Matcher shared = find(out, "Random and Hyperband: (\\d+) configurations in common; the same best trial (\\{[^}]*\\}), tried by both");
        assertEquals(12, Integer.parseInt(shared.group(1)), "Random and Hyperband tried the same twelve points, as the prose says");
        assertEquals(measured.get("Random")[0], measured.get("Hyperband")[0], 1e-9, "so their best objective is the same");
        int bayesShared = Integer.parseInt(find(out, "Random and Bayesian: (\\d+) configurations in common").group(1));
        assertTrue(bayesShared > 0 && bayesShared < 12, "Bayesian shares its random start with them, then goes its own way");
        for (String other : List.of("Random", "Bayesian", "Hyperband")) {
            find(out, "Grid and " + other + ": 0 configurations in common");
        }
        Matcher test = find(out, "chosen on validation: (\\w+), trial (\\d+); test logloss ([\\d.]+) on 114 rows \\(evaluated once\\)");
        assertTrue(measured.containsKey(test.group(1)));
        double best = measured.values().stream().mapToDouble(v -> v[0]).min().orElseThrow();
        assertEquals(best, measured.get(test.group(1))[0], 1e-9, "the winner is chosen on validation");
        assertTrue(Double.parseDouble(test.group(3)) > best, "the test loss is higher than the chosen validation loss, as the prose says");
        assertTrue(out.contains("The test part was not seen while tuning"));
        String html = html(nb);
        assertTrue(html.contains("stopped early"), "the full trial table is shown");
        int table = html.indexOf("same budget: 12 trials");
        String comparison = html.substring(table, html.indexOf("</table>", table));
        assertFalse(comparison.matches("(?s).*<td>\\d+\\.\\d{5,}</td>.*"), "the comparison table is rounded: " + comparison);
    }

    @Test
    void choosingCrossValidation() throws Exception {
        JsonNode nb = execute("06-choosing-cross-validation.ipynb");
        String out = stdout(nb);
        Matcher time = Pattern.compile("seed (\\d): later data ([\\d.]+); optimism: k-fold ([-+][\\d.]+), time-series ([-+][\\d.]+), "
                + "time-series with gap ([-+][\\d.]+)").matcher(out);
        int seeds = 0;
        while (time.find()) {
            seeds++;
            assertTrue(Double.parseDouble(time.group(3)) > 0, "seed " + time.group(1) + ": k-fold is optimistic about later data");
            assertTrue(Double.parseDouble(time.group(4)) <= 0 && Double.parseDouble(time.group(5)) <= 0,
                    "seed " + time.group(1) + ": time-series folds are never optimistic");
        }
        assertEquals(5, seeds);
        Matcher group = Pattern.compile("seed (\\d): unseen machines ([\\d.]+); optimism: k-fold ([-+][\\d.]+), group k-fold ([-+][\\d.]+)").matcher(out);
        seeds = 0;
        while (group.find()) {
            seeds++;
            double kfold = Double.parseDouble(group.group(3)), grouped = Double.parseDouble(group.group(4));
            assertTrue(kfold > 0, "seed " + group.group(1) + ": k-fold is optimistic about new machines");
            assertTrue(grouped < kfold && Math.abs(grouped) < Math.abs(kfold),
                    "seed " + group.group(1) + ": group k-fold is lower and closer to the score on unseen machines");
        }
        assertEquals(5, seeds);
        Matcher strat = Pattern.compile("seed (\\d): positives per fold k-fold (\\d+)-(\\d+), stratified (\\d+)-(\\d+); "
                + "fold ROC AUC std k-fold ([\\d.]+), stratified ([\\d.]+)").matcher(out);
        seeds = 0;
        while (strat.find()) {
            seeds++;
            int sLo = Integer.parseInt(strat.group(4)), sHi = Integer.parseInt(strat.group(5));
            int kLo = Integer.parseInt(strat.group(2)), kHi = Integer.parseInt(strat.group(3));
            assertTrue(sHi - sLo <= 1, "stratified folds hold the same number of positives within one");
            assertTrue(kHi - kLo > sHi - sLo, "plain k-fold folds vary more");
            assertTrue(Double.parseDouble(strat.group(7)) < Double.parseDouble(strat.group(6)),
                    "seed " + strat.group(1) + ": the fold scores vary less with stratified folds");
        }
        assertEquals(5, seeds);
    }

    @Test
    void classImbalance() throws Exception {
        JsonNode nb = execute("07-class-imbalance.ipynb");
        String out = stdout(nb);
        Pattern line = Pattern.compile("scale_pos_weight ([\\d.]+) +mean predicted probability ([\\d.]+) \\(damage rate ([\\d.]+)\\); "
                + "at 0.5: recall ([\\d.]+), precision ([\\d.]+); ROC AUC ([\\d.]+), PR AUC ([\\d.]+), log loss ([\\d.]+)");
        Matcher m = line.matcher(out);
        List<double[]> models = new ArrayList<>();
        while (m.find()) {
            double[] v = new double[8];
            for (int i = 0; i < 8; i++) v[i] = Double.parseDouble(m.group(i + 1));
            models.add(v);
        }
        assertEquals(2, models.size(), out);
        double[] plain = models.get(0), weighted = models.get(1);
        assertEquals(1.0, plain[0]);
        assertTrue(weighted[0] > 5, "the suggested weight sum(negative)/sum(positive)");
        assertEquals(plain[2], plain[1], 0.03, "unweighted, the mean probability is about the damage rate");
        assertTrue(weighted[1] > 2 * weighted[2], "weighted, the probabilities are inflated several times");
        assertTrue(weighted[7] > plain[7], "and the log loss is worse");
        assertTrue(weighted[3] > plain[3] + 0.2, "at 0.5 the weighted model's recall is much higher");
        assertTrue(Math.abs(weighted[5] - plain[5]) < 0.02 && Math.abs(weighted[6] - plain[6]) < 0.02, "the ranking barely changes");
        Matcher chosen = Pattern.compile("threshold chosen on validation ([\\d.]+); on test: recall ([\\d.]+), precision ([\\d.]+)").matcher(out);
        List<double[]> thresholds = new ArrayList<>();
        while (chosen.find()) thresholds.add(new double[] {Double.parseDouble(chosen.group(2)), Double.parseDouble(chosen.group(3))});
        assertEquals(2, thresholds.size());
        assertEquals(thresholds.get(0)[0], thresholds.get(1)[0], 0.05, "with its own threshold, about the same recall");
        assertEquals(thresholds.get(0)[1], thresholds.get(1)[1], 0.05, "for about the same precision");
        Matcher common = find(out, "as they are: +damage ([\\d.]+) of \\d+ rows; ROC AUC ([\\d.]+), PR AUC ([\\d.]+) \\(random ranking: ([\\d.]+)\\)");
        Matcher rare = find(out, "positives 1 in 5: damage ([\\d.]+) of \\d+ rows; ROC AUC ([\\d.]+), PR AUC ([\\d.]+) \\(random ranking: ([\\d.]+)\\)");
        assertTrue(Math.abs(Double.parseDouble(common.group(2)) - Double.parseDouble(rare.group(2))) < 0.03, "ROC AUC hardly moves");
        assertTrue(Double.parseDouble(rare.group(3)) < Double.parseDouble(common.group(3)) / 2, "PR AUC falls with the share of positives");
        assertTrue(Double.parseDouble(rare.group(3)) > Double.parseDouble(rare.group(4)), "still above random ranking");
    }

    @Test
    void confidenceIntervals() throws Exception {
        JsonNode nb = execute("08-confidence-intervals.ipynb");
        String out = stdout(nb);
        Matcher auc = find(out, "model A \\(depth 2\\) ([\\d.]+), model B \\(depth 4\\) ([\\d.]+); difference ([-+][\\d.]+) on (\\d+) rows");
        double gap = Math.abs(Double.parseDouble(auc.group(3)));
        assertTrue(gap < 0.02, "two models about 0.01 apart");
        Matcher widths = find(out, "interval widths: A ([\\d.]+), B ([\\d.]+); the intervals overlap by ([-\\d.]+)");
        double widthA = Double.parseDouble(widths.group(1));
        assertTrue(widthA > 3 * gap && Double.parseDouble(widths.group(2)) > 3 * gap, "each interval is several times the gap");
        assertTrue(Double.parseDouble(widths.group(3)) > widthA / 2, "the intervals overlap over most of their width");
        Matcher diff = find(out, "A - B: ([-\\d.]+) \\[([-\\d.]+), ([-\\d.]+)\\]");
        double lo = Double.parseDouble(diff.group(2)), hi = Double.parseDouble(diff.group(3));
        assertTrue(hi - lo < widthA / 2, "the paired interval is far narrower than either model's own");
        assertTrue(lo > 0, "on all test rows the paired interval excludes 0, as the prose says");
        find(out, "the interval of the difference excludes 0");
        Matcher rows = Pattern.compile("(\\d+) test rows: A's ROC AUC ([\\d.]+), width ([\\d.]+); A - B ([-+][\\d.]+) \\[([-+][\\d.]+), ([-+][\\d.]+)\\], (contains|excludes) 0")
                .matcher(out);
        List<String[]> sizes = new ArrayList<>();
        while (rows.find()) sizes.add(new String[] {rows.group(1), rows.group(3), rows.group(7)});
        assertEquals(3, sizes.size(), out);
        assertEquals("contains", sizes.get(0)[2], "on a quarter of the rows the models do not differ detectably");
        assertEquals("contains", sizes.get(1)[2], "nor on half");
        assertEquals("excludes", sizes.get(2)[2]);
        double ratio = Double.parseDouble(sizes.get(0)[1]) / Double.parseDouble(sizes.get(2)[1]);
        assertTrue(ratio > 1.6 && ratio < 2.4, "a quarter of the rows: about twice the width (1/sqrt(rows)), was " + ratio);

        // issue 17: DeLong, McNemar and the minimum detectable difference, as the prose reads them
        Matcher dl = find(out, "DeLong: AUC A ([\\d.]+), B ([\\d.]+), difference ([-+][\\d.]+), 95% CI \\[([-+][\\d.]+), ([-+][\\d.]+)\\], z = ([-\\d.]+), p = ([\\d.]+)");
        double dlLo = Double.parseDouble(dl.group(4)), dlHi = Double.parseDouble(dl.group(5));
        assertTrue(Double.parseDouble(dl.group(7)) < 0.05 && dlLo > 0, "DeLong: p < 0.05, A ranks better");
        assertTrue(Math.abs(dlLo - lo) < 0.002 && Math.abs(dlHi - hi) < 0.002, "DeLong's interval is nearly the paired bootstrap's");
        assertTrue(Double.parseDouble(dl.group(3)) < 0.01, "by less than a hundredth of AUC");
        Matcher mc = find(out, "McNemar \\(labels at 0.5\\): A alone right on (\\d+) rows, B alone on (\\d+), (exact|chi2), p = ([\\d.]+)");
        int b = Integer.parseInt(mc.group(1)), c = Integer.parseInt(mc.group(2));
        assertTrue(Double.parseDouble(mc.group(4)) > 0.5, "McNemar sees nothing (p near 1)");
        assertTrue(Math.abs(b - c) <= Math.max(3, (b + c) / 10), "each alone right on about as many rows as the other");
        double disagree = number(out, "the models disagree on ([\\d.]+)% of the rows");
        assertTrue(disagree < 2, "under 2% of the rows");
        double mdd = number(out, "the smallest accuracy difference \\d+ rows detect: ([\\d.]+)");
        assertTrue(mdd < 0.01, "well under a point of accuracy");
        double mdd500 = number(out, "with   500 test rows: ([\\d.]+)");
        assertTrue(mdd500 > 2 * mdd, "500 rows: more than twice as large");
        assertEquals(Math.sqrt(20000.0 / 500), mdd500 / number(out, "with 20000 test rows: ([\\d.]+)"), 0.3, "1/sqrt(rows), up to the printed rounding");
    }

    @Test
    void calibration() throws Exception {
        JsonNode nb = execute("11-calibration.ipynb");
        String out = stdout(nb);
        Matcher head = find(out, "test ROC AUC ([\\d.]+); damaging strikes in the test part ([\\d.]+)%, mean predicted probability ([\\d.]+)%");
        double auc = Double.parseDouble(head.group(1)), rate = Double.parseDouble(head.group(2)), mean = Double.parseDouble(head.group(3));
        assertTrue(auc > 0.74 && auc < 0.80, "ranks well: ROC AUC about 0.77, was " + auc);
        assertTrue(mean > 2.5 * rate, "the mean probability is several times the real rate: " + mean + "% vs " + rate + "%");
        Matcher curve = find(out, "uncalibrated: reliability curve: 10 bins \\(uniform\\), ECE ([\\d.]+), max error ([\\d.]+)");
        assertTrue(Double.parseDouble(curve.group(1)) > 0.2, "ECE over 0.2");
        assertTrue(Double.parseDouble(curve.group(2)) > 0.4, "the worst bin off by more than 0.4");
        Matcher raw = find(out, "uncalibrated +test Brier ([\\d.]+), ECE ([\\d.]+), ROC AUC ([\\d.]+)");
        double rawBrier = Double.parseDouble(raw.group(1)), rawEce = Double.parseDouble(raw.group(2));
        for (String name : List.of("Platt", "isotonic")) {
            Matcher m = find(out, name + " +test Brier ([\\d.]+), ECE ([\\d.]+), ROC AUC ([\\d.]+), mean probability ([\\d.]+)%");
            assertTrue(Double.parseDouble(m.group(2)) < rawEce / 3, name + ": the ECE falls to a fraction of what it was");
            assertTrue(Double.parseDouble(m.group(1)) < rawBrier, name + ": a lower Brier score");
            assertTrue(Math.abs(Double.parseDouble(m.group(3)) - auc) < 0.01, name + ": the ROC AUC barely changes");
            assertTrue(Math.abs(Double.parseDouble(m.group(4)) - rate) < rate / 2, name + ": the mean probability lands near the real rate");
        }
        find(out, "refused: rows=\\d+ rows: are the rows this calibrator was fitted on");
    }

    @Test
    void pipelinesAndRegistry() throws Exception {
        JsonNode nb = execute("09-pipelines-and-registry.ipynb");
        String out = stdout(nb);
        List<String> work = List.of("label", "split", "preprocess", "train", "evaluate", "register");
        find(out, "quickstart-1: Succeeded\nran: \\[label, split, preprocess, train, evaluate, check-auc, register\\]\nnot run: \\[auc-too-low\\]");
        Matcher first = find(out, "validation ROC AUC ([\\d.]+); registered seattle-rain/1");
        assertTrue(Double.parseDouble(first.group(1)) >= 0.7, "the first model passes the default bar min_auc=0.7");
        Matcher cached = find(out, "quickstart-2: Succeeded\ncached: \\[([^\\]]*)\\] \\(from quickstart-1\\)\nran: \\[check-auc\\]; registered seattle-rain/1");
        assertEquals(work, List.of(cached.group(1).split(", ")), "the second run is fully cached: every step that does work");
        Matcher testDay = find(out, "a 2015 day changed -> ran: \\[([^\\]]*)\\]; cached: \\[([^\\]]*)\\]");
        assertEquals("label, split, check-auc", testDay.group(1), "a test-period row reruns only the steps that read it");
        assertEquals("preprocess, train, evaluate, register", testDay.group(2), "train and validation are byte-identical, so cached");
        find(out, "a 2012 day changed -> ran: \\[label, split, preprocess, train, evaluate, check-auc, register\\]; cached: \\[\\]");
        Matcher second = find(out, "validation ROC AUC ([\\d.]+); registered seattle-rain/2");
        double auc2 = Double.parseDouble(second.group(1));
        Matcher fail = find(out, "quickstart-5: Failed\nreason: step auc-too-low \\(Fail\\) failed: validation ROC AUC ([\\d.]+) is below min_auc 0\\.95\nnot run: \\[register\\]");
        assertEquals(auc2, Double.parseDouble(fail.group(1)), 5e-5, "the Fail message carries the evaluated score");
        assertTrue(auc2 < 0.95, "the prose: a bar the model does not reach");
        find(out, "seattle-rain/2: PendingManualApproval -> Approved by ana");
        find(out, "seattle-rain/1: PendingManualApproval -> Rejected by ana");
        find(out, "seattle-rain@approved is seattle-rain/2");
        find(out, "approving the rejected version: .*a rejected version cannot be approved");
        find(out, "run 1 \\(quickstart-1/train\\).*\nrun 2 \\(quickstart-4/train\\)");
        Matcher table = find(out, "validation:roc_auc +([\\d.]+) +([\\d.]+)");
        assertEquals(Double.parseDouble(first.group(1)), Double.parseDouble(table.group(1)), 5e-5, "the comparison shows run 1's AUC");
        assertEquals(auc2, Double.parseDouble(table.group(2)), 5e-5, "and run 2's");
    }

    @Test
    void modelMonitor() throws Exception {
        JsonNode nb = execute("10-model-monitor.ipynb");
        String out = stdout(nb);
        Matcher july = find(out, "July 2015 against the whole of 2013: drifted \\[([^]]*)\\]; temp_max KS ([\\d.]+) \\(threshold ([\\d.]+)\\), p ([\\d.e-]+), "
                + "PSI ([\\d.]+), JS ([\\d.]+)");
        assertTrue(july.group(1).contains("temp_max"), "July is hot against the whole year");
        assertTrue(Double.parseDouble(july.group(2)) > Double.parseDouble(july.group(3)) && Double.parseDouble(july.group(4)) < 0.05,
                "Robust: the distance is past the threshold and the KS test rejects");
        assertTrue(html(nb).contains("baseline_drift_check") && html(nb).contains("Jensen-Shannon"), "the run's report is shown");
        Matcher whole = find(out, "Against the whole of 2013, (\\d+) of 24 months drift");
        Matcher same = find(out, "Against the same month of 2013, (\\d+) of 24 months drift");
        assertTrue(Integer.parseInt(whole.group(1)) > Integer.parseInt(same.group(1)), "the season reads as drift against the whole year, as the prose says");
        find(out, "a month is a narrow slice of a year");
        Matcher ks = find(out, "temp_max against the whole of 2013: largest KS [\\d.]+ in \\d{4}-(\\d\\d), smallest [\\d.]+ in \\d{4}-(\\d\\d); "
                + "against the same month the KS distance is smaller in (\\d+) of 24 months");
        assertTrue(List.of("06", "07", "08").contains(ks.group(1)), "largest in mid-summer: " + ks.group(1));
        assertTrue(List.of("03", "04", "05").contains(ks.group(2)), "smallest in spring: " + ks.group(2));
        assertTrue(Integer.parseInt(ks.group(3)) > 12, "smaller against the same month in most months");
        Matcher q = find(out, "(\\d+) of 12 months fall below the baseline's accuracy \\(Model Monitor's LessThanThreshold on the baseline value\\); "
                + "(\\d+) of them by more than two");
        int below = Integer.parseInt(q.group(1)), beyond = Integer.parseInt(q.group(2));
        assertTrue(below > 0 && beyond <= 1 && beyond < below, "months fall below the baseline value, hardly any by two deviations: " + below + ", " + beyond);
        find(out, "A calendar retrains every month: 12 times in 2015\\. A trigger on drift against the seasonal baseline fires \\d+ time");
    }

    @Test
    void featureStoreLeakage() throws Exception {
        JsonNode nb = execute("12-feature-store-leakage.ipynb");
        String out = stdout(nb);
        Matcher tiny = find(out, "customer 2 on 2023-03-01: (\\d+) logins point in time, (\\d+) by id");
        assertTrue(Integer.parseInt(tiny.group(1)) > 0 && Integer.parseInt(tiny.group(2)) == 0,
                "point in time sees the customer still active; by id sees the silence after it left");
        find(out, "tiny audit: leaking \\[logins_30d, tickets_30d, spend_30d\\]");
        Matcher v = find(out, "validation ROC AUC: by id ([\\d.]+), point in time ([\\d.]+) -> the join by id looks better on validation");
        assertTrue(Double.parseDouble(v.group(1)) > Double.parseDouble(v.group(2)), "the leak flatters validation");
        Matcher later = find(out, "later ROC AUC: by id ([\\d.]+), point in time ([\\d.]+) -> the join by id is worse on later data");
        assertTrue(Double.parseDouble(later.group(1)) < Double.parseDouble(later.group(2)), "and costs on later data");
        Matcher gap = find(out, "optimism \\(validation minus later\\): by id ([+-][\\d.]+), point in time ([+-][\\d.]+) -> "
                + "the point-in-time validation score is the honest forecast");
        assertTrue(Math.abs(Double.parseDouble(gap.group(2))) < Math.abs(Double.parseDouble(gap.group(1))),
                "the point-in-time validation score is the closer forecast of the later one");
        // the demo's own table (holdout demo feature-leakage) carries the same numbers as the sentences
        Matcher table = find(out, "join by id \\(each customer's latest values\\) +([\\d.]+) +([\\d.]+)");
        assertEquals(Double.parseDouble(v.group(1)), Double.parseDouble(table.group(1)), 5e-4, "the table's validation score");
        assertEquals(Double.parseDouble(later.group(1)), Double.parseDouble(table.group(2)), 5e-4, "the table's later score");
        find(out, "on later data the by-id model is close to a coin toss");
        assertTrue(Double.parseDouble(later.group(1)) < 0.55, "a coin toss is 0.5");
        assertTrue(plainText(nb).contains("bar chart \"ROC AUC of the same model"), "the two scores are charted");
        find(out, "the audit names as leaking: \\[logins_30d, tickets_30d, spend_30d\\]; clean: false");
        Matcher spend = find(out, "spend_30d: (\\d+) of (\\d+) values from the future");
        assertTrue(Double.parseDouble(spend.group(1)) > 0.9 * Double.parseDouble(spend.group(2)), "nearly every latest spend is newer than its row");
        Matcher tickets = find(out, "tickets_30d: (\\d+) of (\\d+) values from the future");
        assertTrue(Integer.parseInt(tickets.group(1)) > 0 && Double.parseDouble(tickets.group(1)) < 0.1 * Double.parseDouble(tickets.group(2)),
                "tickets leak rarely, but they leak");
        find(out, "most leaked: spend_30d; least leaked: tickets_30d");
        find(out, "the audit checked \\d+ rows, the train, validation and later rows together: true");
    }

    @Test
    void batchAndRealTimeInference() throws Exception {
        JsonNode nb = execute("13-batch-and-real-time-inference.ipynb");
        String out = stdout(nb);
        find(out, "batch job: 365 rows scored, 0 skipped; 2015.csv.out has header probability,predicted_label and 365 prediction lines");
        find(out, "GET /ping: 200; 365 single-row requests answered; identical to the batch job's line: 365 of 365 days");
        Matcher json = find(out, "the same first day as JSON: \\{\"predictions\": \\[\\{\"probability\": ([\\d.]+), \"predicted_label\": (\\d)\\}\\]\\} "
                + "\\(batch: ([\\d.]+),(\\d)\\)");
        assertEquals(json.group(3), json.group(1), "JSON and CSV carry the same digits");
        assertEquals(json.group(4), json.group(2));
        assertTrue(plainText(nb).contains("batch transform (365 points, x 1–365, y ") && plainText(nb).contains("endpoint, one request per day (365 points"),
                "the two series are drawn");

        // the trade-off: the prose's claims are checked on the printed timings, never on fixed figures
        Matcher batch = find(out, "batch job: (\\d+) rows in ([\\d.]+) s, ([\\d.]+) ms per row");
        assertEquals(36_500, Integer.parseInt(batch.group(1)));
        double batchMsPerRow = Double.parseDouble(batch.group(3));
        assertEquals(Double.parseDouble(batch.group(2)) * 1000 / 36_500, batchMsPerRow, batchMsPerRow * 0.01 + 1e-5, "per row is the time over the rows");
        Map<Integer, double[]> endpoint = new HashMap<>();
        Matcher load = Pattern.compile("endpoint, (\\d) connections?: (\\d+) requests, (\\d+) errors, (\\d+) answers unlike the batch job's; "
                + "([\\d.]+) s in all, ([\\d.]+) ms per request; latency p50 ([\\d.]+) ms, p99 ([\\d.]+) ms").matcher(out);
        while (load.find()) {
            assertEquals("1460", load.group(2));
            assertEquals("0", load.group(3), "no request failed");
            assertEquals("0", load.group(4), "every answer under load equals the batch job's");
            double perRequest = Double.parseDouble(load.group(6)), p50 = Double.parseDouble(load.group(7)), p99 = Double.parseDouble(load.group(8));
            assertEquals(Double.parseDouble(load.group(5)) * 1000 / 1460, perRequest, perRequest * 0.01 + 1e-4);
            assertTrue(p50 <= p99, "p50 " + p50 + " <= p99 " + p99);
            endpoint.put(Integer.parseInt(load.group(1)), new double[] {perRequest, p50, p99});
        }
        assertEquals(List.of(1, 4), endpoint.keySet().stream().sorted().toList(), "1 and 4 connections measured");
        boolean tenfold1 = batchMsPerRow * 10 < endpoint.get(1)[0], tenfold4 = batchMsPerRow * 10 < endpoint.get(4)[0];
        find(out, "per row, the batch job is " + (tenfold1 ? "more" : "less") + " than 10x cheaper than one-row requests at 1 connection and "
                + (tenfold4 ? "more" : "less") + " than 10x cheaper than at 4 connections");
        assertTrue(tenfold1 && tenfold4, "the prose: per row, the batch job was more than ten times cheaper at either connection count ("
                + batchMsPerRow + " ms per row; " + endpoint.get(1)[0] + " and " + endpoint.get(4)[0] + " ms per request)");
        boolean faster = endpoint.get(4)[0] < endpoint.get(1)[0];
        find(out, "4 connections served more requests per second than 1: " + faster);
        assertTrue(faster, "the prose: more connections served more requests per second");

        // two models behind one endpoint
        find(out, "rain-shallow by header: 200, by path: 200; both equal to its batch job: true");
        Matcher differ = find(out, "the default model answered as the rain batch job: true; rain-shallow and rain differ on (\\d+) of 365 days");
        assertTrue(Integer.parseInt(differ.group(1)) > 0, "the routing reached a different model");
        find(out, "GET /models: \\{\"models\":\\[.*\"modelName\":\"rain-shallow\"");
        find(out, "an unknown model: 404 ");
        find(out, "stopped cleanly: true");

        // data capture into a monitoring run
        find(out, "stopped: true; capture: 365 requests seen, 365 written, 0 errors; 365 lines in rain-endpoint/AllTraffic/yyyy/mm/dd/hh/\\*\\.jsonl: true");
        find(out, "first record's captureData: \\{\"endpointInput\":\\{\"observedContentType\":\"text/csv\",\"mode\":\"INPUT\",\"data\":\"5\\.6,-3\\.2,1\\.2\\\\n\",\"encoding\":\"CSV\"\\}");
        find(out, "its eventMetadata fields: eventId, inferenceId, inferenceTime, inferenceId 2015-01-01");
        Matcher run = find(out, "monitoring run on the capture: 365 rows against a baseline of 731 training days; drifted \\[([^]]*)\\]");
        assertEquals("temp_max, temp_min", run.group(1), "the prose: temp_max and temp_min drifted, wind did not");
        for (String f : List.of("temp_max", "temp_min", "wind")) {
            Matcher d = find(out, " " + f + " +KS ([\\d.]+) \\(threshold ([\\d.]+)\\), p ([\\d.e-]+), drift (true|false)");
            double ks = Double.parseDouble(d.group(1)), threshold = Double.parseDouble(d.group(2)), p = Double.parseDouble(d.group(3));
            boolean drifted = Boolean.parseBoolean(d.group(4));
            assertEquals(!f.equals("wind"), drifted, f);
            if (drifted) assertTrue(ks > threshold && ks < threshold + 0.05 && p < 0.05, f + ": just over the threshold, and the KS test rejects");
            else assertTrue(ks < threshold, f);
        }
        assertTrue(html(nb).contains("baseline_drift_check"), "the monitoring run's report is shown");
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

    /** The first group of {@code regex} in {@code text}, as a number. */
    private static double number(String text, String regex) {
        return Double.parseDouble(find(text, regex).group(1));
    }

    /** Every text/plain output (a chart's description among them). */
    private static String plainText(JsonNode nb) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode cell : nb.path("cells")) {
            for (JsonNode out : cell.path("outputs")) sb.append(text(out.path("data").path("text/plain"))).append('\n');
        }
        return sb.toString();
    }

    private static Matcher find(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        if (!m.find()) fail("expected /" + regex + "/ in the notebook's output:\n" + text);
        return m;
    }
}
