package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputFile;
import dev.holdout.io.OutputFolder;
import dev.holdout.io.StrictJson;
import dev.holdout.tune.TrainingJobObjective;
import dev.holdout.tune.TrialRecord;
import dev.holdout.tune.Tuner;
import dev.holdout.tune.TuningResult;
import dev.holdout.tune.TuningSpec;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code holdout tune --config tuning.json [--output DIR]}: a hyperparameter tuning job over XGBoost
 * training jobs (see {@link TuningSpec} for the file format).
 */
@Command(name = "tune", mixinStandardHelpOptions = true,
        description = {"Tune XGBoost hyperparameters (SageMaker Automatic Model Tuning, locally): Grid, Random, Bayesian or Hyperband,",
                "parallel trials, median-rule early stopping. The test part is split off first and scored once, after the best trial.",
                "Writes DIR/tuning.json, DIR/report.html, charts, and one training job folder per trial under DIR/trials/."},
        footer = {"",
                "Example tuning.json:",
                "{\"data\": {\"dataset\": \"breast-cancer\"},",
                " \"split\": {\"strategy\": \"stratified\", \"testSize\": 0.2, \"validationSize\": 0.2},",
                " \"training\": {\"label\": \"malignant\",",
                "   \"hyperparameters\": {\"num_round\": \"100\", \"objective\": \"binary:logistic\"}},",
                " \"HyperParameterTuningJobConfig\": {",
                "   \"Strategy\": \"Bayesian\",",
                "   \"HyperParameterTuningJobObjective\": {\"MetricName\": \"validation:logloss\"},",
                "   \"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 20,",
                "                      \"MaxParallelTrainingJobs\": 2},",
                "   \"ParameterRanges\": {",
                "     \"ContinuousParameterRanges\": [{\"Name\": \"eta\", \"MinValue\": \"0.02\",",
                "        \"MaxValue\": \"0.5\", \"ScalingType\": \"Logarithmic\"}],",
                "     \"IntegerParameterRanges\": [{\"Name\": \"max_depth\", \"MinValue\": \"1\",",
                "        \"MaxValue\": \"8\"}]},",
                "   \"TrainingJobEarlyStoppingType\": \"Auto\",",
                "   \"RandomSeed\": 7}}",
                "Strategies: Grid (categorical ranges only), Random, Bayesian, Hyperband",
                "(needs \"StrategyConfig\": {\"HyperbandStrategyConfig\": {\"MinResource\": 10,",
                "\"MaxResource\": 270}} and early stopping Off).",
                "\"split\" takes holdout split's options: {\"strategy\": \"kfold\", \"folds\": 5} tunes on the mean",
                "over 5 cross-validation folds instead of a validation part; by time:",
                "{\"strategy\": \"time\", \"time\": \"date\", \"cutoffs\": \"2014-01-01,2015-01-01\"} or",
                "{\"strategy\": \"time-series\", \"time\": \"date\", \"cutoffs\": \"2015-01-01\", \"folds\": 5, \"gap\": 7}",
                "(test from the cutoff on; walk-forward folds over the rows before it, 7 instants",
                "left out before each fold's test). testSize is always the held-out test part.",
                "A file with a date column split at random is a warning."})
final class TuneCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--config", required = true, description = "Tuning JSON: data, split, training, HyperParameterTuningJobConfig.")
    Path config;

    @Option(names = "--output", description = "Output folder (default: runs/tune-<strategy>).")
    Path output;

    @Option(names = "--format", defaultValue = "table", description = "Result on stdout: table or json (default: ${DEFAULT-VALUE}).")
    String format;

    @Option(names = "--force", description = "Replace a non-empty output folder (once the new results are complete).")
    boolean force;

    @picocli.CommandLine.Mixin StoreOption store;

    @Override public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw DataValidationException.param("--format", format, "must be table or json", "use --format json");
        }
        TuningSpec tuning = TuningSpec.fromJson(config);
        Path dir = output != null ? output : Path.of("runs", "tune-" + tuning.config().strategy().sageMakerName().toLowerCase(Locale.ROOT));
        // Everything that can be checked is checked before the trials run; the job then writes into a temporary
        // folder that replaces the old one only when complete, so a failed run leaves it intact.
        try (OutputFolder target = OutputFolder.at(dir).named("--output").input("--config", config).input("data.csv", tuning.dataFile())
                .force(force).claim()) {
            return tune(tuning, dir, target);
        }
    }

    private Integer tune(TuningSpec tuning, Path dir, OutputFolder target) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        TuningSpec.Parts parts = tuning.parts();
        Tuner tuner = Tuner.of(tuning.config());
        tuner.validate(tuning.objective(parts, null));
        for (String w : tuning.warnings()) err.println("holdout tune: warning: " + w);
        for (String w : tuner.warnings()) err.println("holdout tune: warning: " + w);
        String metric = tuning.config().objective().metricName();
        err.printf(Locale.ROOT, "tuning %s: %s, %d trials, %d in parallel (nthread=%d each), early stopping %s; data %s: %s%n",
                metric, tuning.config().strategy(), tuning.config().maxTrials(), tuning.config().limits().maxParallelTrials(),
                tuner.threadsPerTrial(), tuning.config().earlyStopping(), tuning.dataSource(),
                parts.folds() != null ? parts.tuning().rowCount() + " rows in " + parts.folds().size() + " folds, " + parts.test().rowCount() + " test rows held out"
                        : parts.train().rowCount() + " train / " + parts.validation().rowCount() + " validation / " + parts.test().rowCount() + " test rows (held out)");
        err.flush();
        Path finalDir = dir.toAbsolutePath().normalize();
        TuningResult[] done = new TuningResult[1];
        target.write(tmp -> {
            TrainingJobObjective objective = tuning.objective(parts, tmp.resolve("trials"));
            TuningResult result = tuner.onTrialEnd((t, n, total, best) -> {
                err.printf(Locale.ROOT, "trial %d/%d done (#%d): %s=%s, %d rounds, %s, %.1fs | best so far: %s%n", n, total, t.number(),
                        metric, fmt(t.objective()), t.roundsRun(), t.stoppedBy().label(), t.seconds(),
                        best == null ? "-" : "trial " + best.number() + " " + fmt(best.objective()));
                err.flush();
            }).run(objective).withWarnings(tuning.warnings());
            if (result.best().isPresent()) {
                err.println("evaluating the best trial once on the " + parts.test().rowCount() + " held-out test rows");
                result = objective.evaluateOnTest(result, parts.test());
            }
            result = result.withFoldersMoved(tmp, finalDir);
            recordFinalOutputs(tmp, finalDir);
            result.save(tmp);
            done[0] = result;
        });
        TuningResult result = done[0];
        ExperimentsCommand.record(store, dir, dev.holdout.experiments.Experiments.TUNE_TRIAL, null, err, "tune");
        if (format.equals("json")) {
            out.println(result.toJson());
        } else {
            out.println(summary(result, dir));
        }
        out.flush();
        return result.best().isPresent() ? HoldoutCli.EXIT_OK : HoldoutCli.EXIT_FAILURE;
    }

    /** Each training job under {@code tmp/trials} records, in its job.json, the folder it ends up in after the rename. */
    private static void recordFinalOutputs(Path tmp, Path finalDir) throws IOException {
        Path trials = tmp.resolve("trials");
        if (!Files.isDirectory(trials)) return;
        try (var jobs = Files.list(trials)) {
            for (Path job : (Iterable<Path>) jobs::iterator) {
                Path jobJson = job.resolve("input/config/job.json");
                if (!Files.isRegularFile(jobJson)) continue;
                ObjectNode spec = (ObjectNode) StrictJson.read(jobJson, "job.json");
                spec.put("output", finalDir.resolve(tmp.relativize(job)).toString());
                OutputFile.replace(jobJson, StrictJson.pretty(spec));
            }
        }
    }

    static String summary(TuningResult r, Path dir) {
        StringBuilder sb = new StringBuilder();
        String metric = r.config().objective().metricName();
        sb.append(String.format(Locale.ROOT, "%-6s %-10s %-8s %-18s %9s  %s%n", "trial", metric.length() > 10 ? "objective" : metric, "rounds",
                "status", "seconds", "hyperparameters"));
        for (TrialRecord t : r.trials()) {
            sb.append(String.format(Locale.ROOT, "%-6s %-10s %-8d %-18s %9.2f  %s%n",
                    t.number() + (r.best().isPresent() && r.best().get().number() == t.number() ? "*" : ""), fmt(t.objective()), t.roundsRun(),
                    t.stoppedBy().label(), t.seconds(), t.hyperparameters().display()));
        }
        r.best().ifPresentOrElse(b -> sb.append("best: trial ").append(b.number()).append(", ").append(metric).append('=').append(fmt(b.objective()))
                .append(", training job folder ").append(b.jobFolder()).append('\n'), () -> sb.append("no trial completed\n"));
        sb.append(r.testNote()).append('\n');
        r.warnings().forEach(w -> sb.append("warning: ").append(w).append('\n'));
        sb.append("results: ").append(dir.resolve("tuning.json")).append(", ").append(dir.resolve("report.html"));
        return sb.toString();
    }

    private static String fmt(double v) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%.5f", v) : String.valueOf(v);
    }
}
