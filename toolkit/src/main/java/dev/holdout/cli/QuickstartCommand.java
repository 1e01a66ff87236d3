package dev.holdout.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.io.AtomicFiles;
import dev.holdout.report.Html;
import dev.holdout.train.Evaluation;
import dev.holdout.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout quickstart}: the whole loop on a shipped dated dataset. Split by time, fit the
 * preprocessor on train only, train XGBoost with early stopping on validation, evaluate on test,
 * and write a run folder (the job folder, metrics, learning curve, an HTML report).
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = {"The main job: seattle-weather split by time (train 2012-2013, validation 2014, test 2015),",
                "preprocessor fitted on train only, XGBoost with early stopping on validation, metrics on test,",
                "and a run folder with the model, metrics, the learning curve and report.html."})
final class QuickstartCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--output", paramLabel = "DIR", description = "The run folder (default: runs/quickstart-<time>).")
    Path output;

    @Option(names = "--force", description = "Replace an existing run folder (only once the new one is complete).")
    boolean force;

    @Option(names = "--nthread", description = "XGBoost threads (default: min(2, cores)).")
    Integer nthread;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        Path run = output != null ? output
                : Path.of("runs", "quickstart-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RainData d = RainData.load();
        out.println("dataset  " + d.dataset() + ": " + d.all().rowCount() + " days, label '" + d.schema().label()
                + "', features " + d.schema().features());
        out.println("split    by time on '" + d.schema().time() + "' at " + String.join(", ", RainData.CUTOFFS));
        for (var part : List.of(d.train(), d.validation(), d.test())) {
            out.println(String.format(Locale.ROOT, "         %-10s %4d rows  %s  (rain share %.2f)", part.name().substring(d.dataset().length() + 1),
                    part.rowCount(), d.dateRange(part), part.intColumn(d.schema().label()).mean()));
        }
        out.println("preprocessing fitted on train only: " + d.preprocessor());
        out.flush();

        int threads = nthread != null ? nthread : RainData.threads();
        TrainingResult[] result = new TrainingResult[1];
        Evaluation[] ev = new Evaluation[1];
        TrainingProgress progress = new TrainingProgress(out, TrainingProgress.isTerminal(), false);
        AtomicFiles.replaceDirectory(run, force, tmp -> {
            try {
                result[0] = d.job("quickstart", threads).withOutput(tmp.resolve("job")).run(progress);
            } finally {
                progress.finish();
            }
            ev[0] = result[0].evaluation().with("test", result[0].model().evaluate(d.test()));
            writeRunFiles(tmp, d, result[0], ev[0]);
        });
        TrainingResult r = result[0];
        out.println();
        out.println("XGBoost " + r.stopSummary());
        out.println("(predictions use the trees of rounds 0.." + (r.predictionRounds() - 1) + ", as SageMaker hosting uses the best model)");
        out.println();
        out.print(ev[0].toTable());
        out.println();
        out.println("run folder: " + run);
        out.println("  report.html, metrics.json, learning-curve.png, job/ (input/config/hyperparameters.json, model/, output/metrics.json)");
        out.println("  score new rows: holdout predict --model " + run.resolve("job/model") + " --input FILE.csv --output predictions.csv");
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    private static void writeRunFiles(Path dir, RainData d, TrainingResult r, Evaluation ev) throws java.io.IOException {
        ObjectMapper m = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode o = m.createObjectNode();
        o.put("dataset", d.dataset());
        o.put("split", "time on " + d.schema().time() + " at " + String.join(", ", RainData.CUTOFFS));
        ObjectNode rows = o.putObject("rows");
        rows.put("train", d.train().rowCount());
        rows.put("validation", d.validation().rowCount());
        rows.put("test", d.test().rowCount());
        o.put("best_iteration", r.bestIteration());
        o.put("best_score", r.bestScore());
        o.put("rounds_trained", r.learningCurve().rounds());
        o.put("stopped_early", r.stoppedEarly());
        o.put("eval_metric", r.learningCurve().metric());
        o.set("metrics", m.valueToTree(ev.values()));
        Files.writeString(dir.resolve("metrics.json"), m.writeValueAsString(o));
        Files.copy(dir.resolve("job/output/learning-curve.png"), dir.resolve("learning-curve.png"));
        String body = "<p class=\"note\">" + Html.escape(d.dataset()) + ", split by time on <code>" + Html.escape(d.schema().time())
                + "</code> at " + Html.escape(String.join(", ", RainData.CUTOFFS)) + "; preprocessing fitted on train only; "
                + "XGBoost " + Html.escape(r.job().hyperparameters().toMap()) + "</p>"
                + Html.table(List.of("part", "rows", "dates"), List.of(
                        List.of("train", d.train().rowCount(), d.dateRange(d.train())),
                        List.of("validation", d.validation().rowCount(), d.dateRange(d.validation())),
                        List.of("test", d.test().rowCount(), d.dateRange(d.test()))))
                + "<h2>Where it stopped</h2><p>" + Html.escape(r.stopSummary()) + "</p>"
                + Html.image(r.learningCurve().image(), "learning curve")
                + "<h2>Metrics</h2>" + ev.toHtml()
                + "<p class=\"note\">Test rows were used once, after training, to score the model at its best iteration.</p>";
        Files.writeString(dir.resolve("report.html"), Html.page("Holdout quickstart: will it rain in Seattle?", body));
    }
}
