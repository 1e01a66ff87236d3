package dev.holdout.cli;

import dev.holdout.io.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.io.OutputFolder;
import dev.holdout.leakage.Interleaving;
import dev.holdout.report.Html;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.split.SplitManifest;
import dev.holdout.train.Algorithm;
import dev.holdout.train.Comparison;
import dev.holdout.train.Evaluation;
import dev.holdout.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import tech.tablesaw.api.Table;

/**
 * {@code holdout quickstart}: the whole loop on a shipped dated dataset. Split by time (and see why
 * a random split of time-ordered days is wrong), fit the preprocessor on train only, train XGBoost
 * with early stopping on validation, evaluate once on test, and write a run folder (split, job
 * folder with the model, metrics, learning curve, HTML report).
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"The main job: seattle-weather split by time (train 2012-2013, validation 2014, test 2015),",
                "preprocessor fitted on train only, XGBoost with early stopping on validation, metrics on test",
                "(beside Tribuo logistic regression and CART on the same split),",
                "and a run folder with the split, the model, metrics, the learning curve and report.html."})
final class QuickstartCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--output", paramLabel = "DIR",
            description = "The run folder (default: runs/quickstart-<time>); a previous quickstart run there is replaced once the new one"
                    + " is complete; any other non-empty folder is refused unless --force.")
    Path output;

    @Option(names = "--force", description = "Replace a non-empty --output folder that is not a previous quickstart run.")
    boolean force;

    @Option(names = "--nthread", description = "XGBoost threads (default: min(2, cores)).")
    Integer nthread;

    @Override public Integer call() {
        Path run = output != null ? output
                : Path.of("runs", "quickstart-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        try (OutputFolder folder = OutputFolder.at(run).named("output").force(force)
                .replacing("a previous quickstart run (split.json and job/)", QuickstartCommand::isPreviousRun).claim()) {
            return run(run, folder);
        }
    }

    private Integer run(Path run, OutputFolder folder) {
        PrintWriter out = spec.commandLine().getOut();
        RainData d = RainData.load();
        Table weather = d.all();
        out.printf("Loaded %s: %d days, %s%n%n", d.dataset(), weather.rowCount(), d.schema());

        Split random = RandomSplit.create().test(0.2).seed(42).split(weather);
        // one row per day: the nearest earlier and later times are the days before and after (the audit's own measure)
        Interleaving between = Interleaving.of(random.train(weather), random.test(weather), d.schema().time());
        out.printf("1. A random 80/20 split (seed 42) of these time-ordered days: %d of %d test days (%.0f%%) have both the%n"
                        + "   day before and the day after in the training part. The model is tested on days it has seen%n"
                        + "   the future of: its score will be optimistic, and no real forecast works that way.%n%n",
                between.surrounded(), between.rows(), 100 * between.share());

        SplitManifest manifest = SplitManifest.of(d.split(), weather, d.schema());
        out.println("2. A time split (train < " + RainData.CUTOFFS[0] + " <= validation < " + RainData.CUTOFFS[1]
                + " <= test), as the study guide does it:");
        out.println(manifest);
        out.println("3. Preprocessing, fitted on the train part only: " + d.preprocessor());
        out.println();
        int threads = nthread != null ? nthread : RainData.threads();
        out.println("4. XGBoost (binary:logistic, eval_metric=logloss, early_stopping_rounds=10, nthread=" + threads
                + "), early stopping on the validation part:");
        out.flush();

        TrainingResult[] result = new TrainingResult[1];
        Evaluation[] ev = new Evaluation[1];
        Comparison[] cmp = new Comparison[1];
        TrainingProgress progress = new TrainingProgress(out, TrainingProgress.isTerminal(), false, 10);
        folder.write(tmp -> {
            try {
                result[0] = d.job("quickstart", threads).withOutput(tmp.resolve("job")).run(progress);
            } finally {
                progress.finish();
            }
            ev[0] = result[0].evaluation().with("test", result[0].model().evaluate(d.test()));
            cmp[0] = Comparison.of(d.job("quickstart", threads), List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.CART), "test", d.test())
                    .withFirst(Algorithm.XGBOOST, ev[0].values().get("test"));
            writeRunFiles(tmp, d, manifest, result[0], ev[0], cmp[0]);
            recordFinalOutput(tmp.resolve("job/input/config/job.json"), run.resolve("job"));
        });
        TrainingResult r = result[0];
        out.println("   " + r.stopSummary());
        out.println("   (predictions use the trees of rounds 0.." + (r.predictionRounds() - 1)
                + ": SageMaker hosting also uses the best model)");
        out.println();
        out.println("5. Metrics (the test part is used once, now):");
        out.print(ev[0].toTable().indent(3));
        out.println();
        out.println("6. The same split, preprocessing and metrics with the other learners (L2 logistic regression as scikit-learn's, Tribuo's CART with max_depth 4):");
        out.print(cmp[0].toTable().indent(3));
        out.println();
        out.println("Run folder: " + run);
        out.println("  report.html       the report (split, learning curve, metrics)");
        out.println("  metrics.json      train / validation / test metrics and where training stopped");
        out.println("  split.json, data/ the split manifest and the three parts as CSV");
        out.println("  job/              the SageMaker-shaped job folder: input/config/hyperparameters.json, model/, output/");
        out.println("Score rows with the saved preprocessor and model:");
        out.println("  ./holdout predict --model " + run.resolve("job/model") + " --input " + run.resolve("data/test.csv")
                + " --output predictions.csv");
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    /** The job was written inside this run's temporary folder: its job.json records where it ends up. */
    private static void recordFinalOutput(Path jobJson, Path finalJob) throws java.io.IOException {
        ObjectNode spec = (ObjectNode) StrictJson.read(jobJson, "job.json");
        spec.put("output", finalJob.toAbsolutePath().normalize().toString());
        Files.writeString(jobJson, StrictJson.pretty(spec));
    }

    /** A previous quickstart run (split.json and job/) is replaced without --force; any other non-empty folder is refused. */
    private static boolean isPreviousRun(Path run) {
        return Files.isRegularFile(run.resolve("split.json")) && Files.isDirectory(run.resolve("job"));
    }

    private static void writeRunFiles(Path dir, RainData d, SplitManifest manifest, TrainingResult r, Evaluation ev, Comparison cmp)
            throws java.io.IOException {
        Path data = dir.resolve("data");
        Files.createDirectories(data);
        for (Part p : Part.values()) {
            Files.writeString(data.resolve(p.label() + ".csv"), d.split().part(p, d.all()).write().toString("csv"), StandardCharsets.UTF_8);
        }
        Files.writeString(dir.resolve("split.json"), manifest.toJson(), StandardCharsets.UTF_8);
        ObjectMapper m = StrictJson.mapper();
        ObjectNode o = m.createObjectNode();
        o.put("dataset", d.dataset());
        o.put("split", "time on " + d.schema().time() + " at " + String.join(", ", RainData.CUTOFFS));
        ObjectNode rows = o.putObject("rows");
        rows.put("train", d.train().rowCount());
        rows.put("validation", d.validation().rowCount());
        rows.put("test", d.test().rowCount());
        o.put("eval_metric", r.learningCurve().metric());
        o.put("best_iteration", r.bestIteration());
        o.put("best_score", r.bestScore());
        o.put("rounds_trained", r.learningCurve().rounds());
        o.put("stopped_early", r.stoppedEarly());
        o.put("prediction_rounds", r.predictionRounds());
        o.set("metrics", m.valueToTree(ev.values()));
        ObjectNode c = o.putObject("comparison_on_test");
        cmp.results().forEach((a, v) -> c.set(a.id(), m.valueToTree(v)));
        Files.writeString(dir.resolve("metrics.json"), StrictJson.pretty(o));
        Files.copy(dir.resolve("job/output/learning-curve.png"), dir.resolve("learning-curve.png"));
        String body = "<p class=\"note\">" + Html.escape(d.dataset()) + ", split by time on <code>" + Html.escape(d.schema().time())
                + "</code> at " + Html.escape(String.join(", ", RainData.CUTOFFS)) + "; preprocessing fitted on train only; XGBoost "
                + Html.escape(r.job().hyperparameters().toMap()) + "</p>"
                + "<h2>Split</h2>" + manifest.toHtml()
                + "<h2>Where it stopped</h2><p>" + Html.escape(r.stopSummary()) + "</p>"
                + Html.image(r.learningCurve().image(), "learning curve")
                + "<h2>Metrics</h2>" + ev.toHtml()
                + "<h2>Compared with the other learners (test)</h2>" + cmp.toHtml()
                + "<p class=\"note\">The test part was used once, after training, to score the model at its best iteration.</p>";
        Files.writeString(dir.resolve("report.html"), Html.page("Holdout quickstart: will it rain in Seattle tomorrow?", body));
    }

    static List<String> files() {
        return List.of("report.html", "metrics.json", "learning-curve.png", "split.json", "data/train.csv", "data/validation.csv",
                "data/test.csv", "job/model/xgboost-model.json", "job/model/preprocessor.json", "job/model/model-card.json",
                "job/output/metrics.json", "job/input/config/hyperparameters.json");
    }
}
