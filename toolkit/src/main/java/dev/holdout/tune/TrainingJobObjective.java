package dev.holdout.tune;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.metrics.Metric;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.train.Channel;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainedModel;
import dev.holdout.train.TrainingJob;
import dev.holdout.train.TrainingListener;
import dev.holdout.train.TrainingResult;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * The real trial objective: an XGBoost {@link TrainingJob} (branch {@code train}) run with each trial's
 * hyperparameters, scored on the validation channel, or as the mean over cross-validation folds (the
 * job's preprocessing is refitted on each fold's train rows, because every fold is its own job).
 *
 * <p>It is built from train and validation data (or from the data and its folds) only; it never holds
 * a test part. Each boosting round's validation metric is reported to the tuner; when the tuner says
 * stop, the job is stopped (its folder gets {@code output/failure} reading "stopped by the tuner", as a
 * SageMaker job in state Stopped has no model).
 *
 * <pre>{@code
 * TrainingJob base = TrainingJob.xgboost("diagnosis", Channel.of(train)).withValidation(Channel.of(validation))
 *         .withHyperparameters(Hyperparameters.numRound(200).withObjective("binary:logistic"));
 * TrialObjective objective = TrainingJobObjective.holdout(base, TuningObjective.of("validation:auc"), Path.of("runs/tune/trials"));
 * TuningResult r = Tuner.of(job).run(objective);   // runs/tune/trials/trial-001/ ... one job folder per trial
 * }</pre>
 *
 * <p>The objective metric must be one the task computes (binary: accuracy, error, precision, recall, f1,
 * roc_auc/auc, log_loss; multiclass: accuracy, error, f1_macro, balanced_accuracy, log_loss;
 * regression: rmse, mae, r2). The per-round curve uses XGBoost's own {@code eval_metric} for that
 * metric (auc, aucpr, logloss, mlogloss, error, merror, rmse, mae), as SageMaker's container
 * sets the tuning objective as the metric to watch; the median rule and Hyperband need one.
 */
public final class TrainingJobObjective implements TrialObjective {
    private final TrainingJob base;
    private final Table data;      // for cross-validation: the rows the folds index (train + validation only)
    private final Folds folds;     // null for the holdout (train/validation channels)
    private final TuningObjective objective;
    private final Metric metric;
    private final String roundMetric;   // XGBoost eval_metric reported per round, or null
    private final Path trialsFolder;

    private TrainingJobObjective(TrainingJob base, Table data, Folds folds, TuningObjective objective, Path trialsFolder) {
        this.base = base;
        this.data = data;
        this.folds = folds;
        this.objective = objective;
        this.metric = TuningObjective.metric(objective.metricName());
        this.trialsFolder = trialsFolder;
        String task = base.hyperparameters().objective();
        List<String> available = availableMetrics(task);
        if (!available.contains(metric.key()) && !(metric == Metric.ERROR && available.contains("accuracy"))) {
            String hint = Columns.closest(objective.bareMetricName(), available);
            throw DataValidationException.param("HyperParameterTuningJobObjective.MetricName", objective.metricName(),
                    "the " + taskName(task) + " task (objective=" + task + ") does not compute " + metric.key(),
                    (hint != null ? "did you mean 'validation:" + hint + "'? " : "") + "use one of validation:" + available);
        }
        this.roundMetric = xgboostMetric(metric, task);
    }

    /** Trials train on {@code base}'s train channel and are scored on its validation channel. */
    public static TrainingJobObjective holdout(TrainingJob base, TuningObjective objective, Path trialsFolder) {
        if (base.validation() == null) {
            throw DataValidationException.param("channels.validation", "missing",
                    "tuning scores each trial on the validation channel", "split off a validation part (or tune on cross-validation folds)");
        }
        return new TrainingJobObjective(base, null, null, objective, trialsFolder);
    }

    /**
     * Trials run one job per fold on {@code data} (which must not contain the test part) and are
     * scored by the mean of the fold objectives.
     */
    public static TrainingJobObjective crossValidation(TrainingJob base, Table data, Folds folds, TuningObjective objective,
                                                       Path trialsFolder) {
        if (folds.size() < 2) {
            throw DataValidationException.param("folds", folds.size(), "cross-validation needs at least 2 folds", "use k=5");
        }
        if (folds.provenance().rowCount() != data.rowCount()) {
            throw DataValidationException.param("data.rowCount", data.rowCount(), "must equal the rows the folds were made on ("
                    + folds.provenance().rowCount() + ")", "make the folds from this table");
        }
        return new TrainingJobObjective(base, data, folds, objective, trialsFolder);
    }

    /** Metric keys the evaluation of a task computes (mirrors the training job's evaluation). */
    static List<String> availableMetrics(String task) {
        return switch (task) {
            case Hyperparameters.BINARY_LOGISTIC -> List.of("accuracy", "error", "precision", "recall", "f1", "roc_auc", "log_loss");
            case Hyperparameters.MULTI_SOFTPROB -> List.of("accuracy", "error", "f1_macro", "balanced_accuracy", "log_loss");
            default -> List.of("rmse", "mae", "r2");
        };
    }

    private static String taskName(String task) {
        return switch (task) {
            case Hyperparameters.BINARY_LOGISTIC -> "binary classification";
            case Hyperparameters.MULTI_SOFTPROB -> "multiclass classification";
            default -> "regression";
        };
    }

    /** XGBoost's eval_metric for a registry metric, or null when XGBoost has no per-round equivalent. */
    static String xgboostMetric(Metric m, String task) {
        boolean multi = Hyperparameters.MULTI_SOFTPROB.equals(task);
        return switch (m) {
            case ROC_AUC -> multi ? null : "auc";
            case AVERAGE_PRECISION -> multi ? null : "aucpr";
            case LOG_LOSS -> multi ? "mlogloss" : "logloss";
            case ERROR -> multi ? "merror" : "error";
            case RMSE -> "rmse";
            case MAE -> "mae";
            case MAPE -> "mape";
            default -> null;
        };
    }

    /** Whether each boosting round reports the objective (needed by the median rule and Hyperband). */
    public boolean reportsRounds() { return roundMetric != null; }

    /** Checks this objective can serve a tuning job (per-round metric for early stopping, no num_round range under Hyperband). */
    @Override public void check(TuningJobConfig config) {
        boolean needsRounds = config.earlyStopping() == EarlyStoppingType.AUTO || config.strategy() == Strategy.HYPERBAND;
        if (needsRounds && roundMetric == null) {
            throw DataValidationException.param("HyperParameterTuningJobObjective.MetricName", objective.metricName(),
                    "XGBoost does not report " + metric.key() + " per boosting round, and "
                            + (config.strategy() == Strategy.HYPERBAND ? "Hyperband" : "early stopping type Auto") + " needs a per-round metric",
                    "use a per-round metric (validation:auc, validation:logloss, validation:error, validation:rmse, validation:mae) "
                            + "or set TrainingJobEarlyStoppingType to Off with Random/Bayesian/Grid");
        }
        if (config.strategy() == Strategy.HYPERBAND && config.space().indexOf("num_round") >= 0) {
            throw DataValidationException.param("ParameterRanges.Name", "num_round", "Hyperband sets the boosting rounds itself",
                    "remove the num_round range; set HyperbandStrategyConfig.MaxResource instead");
        }
        if (config.space().indexOf("nthread") >= 0) {
            throw DataValidationException.param("ParameterRanges.Name", "nthread", "the tuner sets nthread so parallel trials share the cores",
                    "remove the nthread range");
        }
        // every value a range can produce must be a valid hyperparameter: try the ends and every category now,
        // rather than fail a trial halfway through the job
        for (ParameterRange r : config.space()) {
            if (r instanceof ContinuousRange c && INTEGER_HYPERPARAMETERS.contains(c.name())) {
                throw DataValidationException.param("ContinuousParameterRanges." + c.name(), c, c.name() + " takes whole numbers",
                        "use IntegerParameterRanges for " + c.name());
            }
            List<String> values;
            if (r instanceof ContinuousRange c) values = List.of(c.format(c.min()), c.format(c.max()));
            else if (r instanceof IntegerRange i) values = List.of(i.format(i.min()), i.format(i.max()));
            else values = ((CategoricalRange) r).values();
            for (String v : values) {
                Map<String, Object> hp = new LinkedHashMap<>(base.hyperparameters().toMap());
                hp.put(r.name(), v);
                try {
                    Hyperparameters.fromMap(hp);
                } catch (DataValidationException e) {
                    throw DataValidationException.param("ParameterRanges." + r.name(), v,
                            "this value of the range is not a valid XGBoost hyperparameter (" + e.getMessage() + ")",
                            "narrow the range to valid values");
                }
            }
        }
    }

    /** XGBoost hyperparameters that take whole numbers only. */
    static final Set<String> INTEGER_HYPERPARAMETERS = Set.of("num_round", "max_depth", "early_stopping_rounds", "seed", "num_class");

    @Override public Set<String> knownHyperparameters() {
        Set<String> names = new LinkedHashSet<>(Hyperparameters.NAMES);
        names.remove("nthread");
        return names;
    }

    @Override public String jobKind() { return "an XGBoost training job"; }

    @Override public int plannedRounds(Trial trial) { return jobFor(trial).hyperparameters().numRound(); }

    /** The training job a trial runs (before channels and output are set). */
    public TrainingJob jobFor(Trial trial) {
        Map<String, Object> values = new LinkedHashMap<>(base.hyperparameters().toMap());
        values.putAll(trial.hyperparameters().asStrings());
        values.put("nthread", Integer.toString(trial.threads()));
        if (trial.maxRounds() > 0) values.put("num_round", Integer.toString(trial.maxRounds()));
        if (roundMetric != null) values.put("eval_metric", roundMetric);
        Hyperparameters hp = Hyperparameters.fromMap(values);
        return base.withHyperparameters(hp).withName(String.format(Locale.ROOT, "%s-trial-%03d", base.name(), trial.number()));
    }

    /** Thrown from the round listener to stop a job the tuner stopped. */
    static final class StoppedByTuner extends RuntimeException {
        private static final long serialVersionUID = 1L;

        StoppedByTuner(int round) {
            super("stopped by the tuner after round " + round, null, false, false);
        }
    }

    @Override public TrialOutcome run(Trial trial, RoundReporter reporter) {
        TrainingJob job = jobFor(trial);
        Path folder = trialsFolder == null ? null : trialsFolder.resolve(String.format(Locale.ROOT, "trial-%03d", trial.number()));
        if (folds == null) return runHoldout(job, folder, reporter);
        return runFolds(job, folder, reporter);
    }

    private TrialOutcome runHoldout(TrainingJob job, Path folder, RoundReporter reporter) {
        int[] rounds = {0};
        double[] last = {Double.NaN};
        TrainingListener listener = roundMetric == null ? TrainingListener.NONE : e -> {
            rounds[0] = e.round() + 1;
            last[0] = e.validation();
            if (!reporter.report(e.round() + 1, e.validation())) throw new StoppedByTuner(e.round() + 1);
        };
        try {
            TrainingResult r = job.withOutput(folder).run(listener);
            return TrialOutcome.of(objectiveOf(r)).withRounds(r.learningCurve().rounds()).withJobFolder(r.jobFolder());
        } catch (StoppedByTuner stopped) {
            return TrialOutcome.of(last[0]).withRounds(rounds[0]).withJobFolder(folder);
        }
    }

    /**
     * One job per fold, run one after another. Folds before the last run in full; during the last
     * fold each round reports the mean over all folds at that round (a fold that stopped early by its
     * own early_stopping_rounds contributes its last value), so the tuner's rules see the true CV curve.
     */
    private TrialOutcome runFolds(TrainingJob job, Path folder, RoundReporter reporter) {
        int k = folds.size();
        List<float[]> curves = new ArrayList<>();
        double sum = 0;
        int maxRounds = 0;
        for (int f = 0; f < k; f++) {
            Fold fold = folds.get(f);
            Table train = fold.train(data), valid = fold.test(data);
            Path foldFolder = folder == null ? null : folder.resolve("fold-" + fold.number());
            TrainingJob fj = job.withTrain(Channel.of(train)).withValidation(Channel.of(valid)).withOutput(foldFolder);
            boolean lastFold = f == k - 1;
            int[] rounds = {0};
            double[] lastMean = {Double.NaN};
            TrainingListener listener = (!lastFold || roundMetric == null) ? TrainingListener.NONE : e -> {
                double m = e.validation();
                for (float[] c : curves) m += c.length == 0 ? Double.NaN : c[Math.min(e.round(), c.length - 1)];
                m /= k;
                rounds[0] = e.round() + 1;
                lastMean[0] = m;
                if (!reporter.report(e.round() + 1, m)) throw new StoppedByTuner(e.round() + 1);
            };
            try {
                TrainingResult r = fj.run(listener);
                curves.add(r.learningCurve().validation());
                sum += objectiveOf(r);
                maxRounds = Math.max(maxRounds, r.learningCurve().rounds());
            } catch (StoppedByTuner stopped) {
                return TrialOutcome.of(lastMean[0]).withRounds(rounds[0]).withJobFolder(folder);
            }
        }
        return TrialOutcome.of(sum / k).withRounds(maxRounds).withJobFolder(folder);
    }

    private double objectiveOf(TrainingResult r) {
        double v = r.evaluation().get("validation", metric.key());
        if (Double.isNaN(v) && metric == Metric.ERROR) v = 1 - r.evaluation().get("validation", "accuracy");
        if (Double.isNaN(v) && roundMetric != null && r.learningCurve().hasValidation()) v = r.bestScore();
        if (Double.isNaN(v)) {
            throw dev.holdout.data.DataValidationException.param("objective metric", metric.key(), "the validation " + metric.key()
                    + " is undefined for this trial (" + r.evaluation() + ")", "for roc_auc the validation part needs both classes: "
                    + "use a larger or stratified validation part, or another objective metric");
        }
        return v;
    }

    /**
     * The single evaluation on the test part, after tuning: the best trial's model (holdout) or, for
     * cross-validation, the best hyperparameters refitted on all the tuning rows (as many rounds as the
     * best trial ran, no early stopping since no validation rows remain), scored once on {@code test}.
     */
    public TuningResult evaluateOnTest(TuningResult result, Table test) {
        TrialRecord best = result.best().orElseThrow(() -> new IllegalStateException(
                "no trial completed, so there is no best model to evaluate on the test part"));
        int rounds = result.config().strategy() == Strategy.HYPERBAND ? result.config().hyperband().maxRounds() : 0;
        Trial trial = new Trial(best.number(), best.hyperparameters(), rounds, Runtime.getRuntime().availableProcessors());
        TrainedModel model;
        if (folds == null) {
            Path modelDir = best.jobFolder() == null ? null : best.jobFolder().resolve("model");
            model = modelDir != null && java.nio.file.Files.isDirectory(modelDir) ? TrainedModel.load(modelDir)
                    : jobFor(trial).run().model();
        } else {
            TrainingJob refit = jobFor(trial);
            refit = refit.withHyperparameters(refit.hyperparameters().withEarlyStoppingRounds(0).withNumRound(Math.max(1, best.roundsRun())))
                    .withTrain(Channel.of(data)).withValidation(null).withName(refit.name() + "-refit")
                    .withOutput(trialsFolder == null ? null : trialsFolder.resolve("best-refit"));
            model = refit.run().model();
        }
        double value = score(model, test);
        return result.withTestEvaluation(new TestEvaluation(metric.key(), value, test.rowCount(), best.number()));
    }

    private double score(TrainedModel model, Table test) {
        if (test.rowCount() == 0) {
            throw DataValidationException.param("test", 0, "the test part is empty", "split off a test part");
        }
        var col = Columns.require(test, base.label(), "label");
        if (!(col instanceof tech.tablesaw.api.NumericColumn<?> num)) {
            throw DataValidationException.param("label", base.label(), "must be a numeric column (class codes or values)", "encode the label");
        }
        double[] truth = new double[test.rowCount()];
        for (int i = 0; i < truth.length; i++) {
            if (num.isMissing(i)) throw DataValidationException.at(null, i + 1, base.label(), "", "missing label in the test part");
            truth[i] = num.getDouble(i);
        }
        String task = base.hyperparameters().objective();
        if (Hyperparameters.MULTI_SOFTPROB.equals(task)) {
            if (metric == Metric.LOG_LOSS) {
                int[] t = new int[truth.length];
                for (int i = 0; i < t.length; i++) t[i] = (int) truth[i];
                return dev.holdout.metrics.Scores.logLoss(t, model.scores(test), null);
            }
            return metric.compute(truth, model.predict(test), null);
        }
        if (Hyperparameters.BINARY_LOGISTIC.equals(task)) return metric.computeFromProbability(truth, model.predict(test), null);
        return metric.compute(truth, model.predict(test), null);
    }

    @Override public String toString() {
        return "TrainingJobObjective[" + objective + (folds == null ? ", holdout validation" : ", mean over " + folds.size() + " folds")
                + (roundMetric == null ? "" : ", per-round " + roundMetric) + "]";
    }
}
