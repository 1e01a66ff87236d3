package dev.holdout.train;

import dev.holdout.report.Html;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * What a finished job produced: the model (predicting at the best iteration), the learning curve,
 * the evaluation on train and validation, and the job folder when one was written.
 *
 * <pre>{@code
 * TrainingResult r = job.run();
 * r.bestIteration();                       // 23
 * r.evaluation().get("validation", "auc"); // 0.91
 * r.jobFolder();                           // runs/rain (model/, output/metrics.json, ...)
 * }</pre>
 *
 * @param job           the spec that ran
 * @param model         the trained model with its fitted preprocessor
 * @param learningCurve metric per round (empty for Tribuo learners)
 * @param evaluation    metrics by part
 * @param trainRows     rows in the train channel
 * @param validationRows rows in the validation channel (0 without one)
 * @param duration      wall time of fitting and training
 * @param jobFolder     the written job folder, or null
 * @param features      which columns the model learned from, which it left out and why, and the id columns
 */
public record TrainingResult(TrainingJob job, TrainedModel model, LearningCurve learningCurve, Evaluation evaluation,
                             int trainRows, int validationRows, Duration duration, Path jobFolder, FeatureChoice features) {

    /** A result without a recorded feature choice (the features are the model's). */
    public TrainingResult(TrainingJob job, TrainedModel model, LearningCurve learningCurve, Evaluation evaluation,
                          int trainRows, int validationRows, Duration duration, Path jobFolder) {
        this(job, model, learningCurve, evaluation, trainRows, validationRows, duration, jobFolder,
                new FeatureChoice(model.features(), Map.of(), List.of()));
    }

    /** 0-based best round (XGBoost), -1 for Tribuo learners. */
    public int bestIteration() { return learningCurve.rounds() == 0 ? -1 : learningCurve.bestIteration(); }

    /** Rounds whose trees the model predicts with: best iteration + 1 after early stopping, else all. */
    public int predictionRounds() {
        return model instanceof TrainedModel.XGBoostModel x ? x.predictionRounds() : 0;
    }

    /** The validation metric at the best round (NaN without validation). */
    public float bestScore() { return learningCurve.bestScore(); }

    public boolean stoppedEarly() { return learningCurve.stoppedEarly(); }

    /** One line on where training stopped. */
    public String stopSummary() {
        if (learningCurve.rounds() == 0) return job.algorithm() + " trained (no boosting rounds)";
        Hyperparameters hp = job.hyperparameters();
        if (!learningCurve.hasValidation()) return "trained " + learningCurve.rounds() + " rounds (no validation channel, no early stopping)";
        return String.format(Locale.ROOT, "%s; best iteration %d (validation-%s=%.5f)%s",
                learningCurve.stoppedEarly() ? "stopped early after " + learningCurve.rounds() + " of " + hp.numRound() + " rounds"
                        : "ran all " + learningCurve.rounds() + " rounds",
                learningCurve.bestIteration(), learningCurve.metric(), learningCurve.bestScore(),
                hp.earlyStopping() ? ", early_stopping_rounds=" + hp.earlyStoppingRounds() : "");
    }

    public String toHtml() {
        StringBuilder sb = new StringBuilder();
        sb.append("<h3>").append(Html.escape(job.name())).append(" (").append(Html.escape(job.algorithm().id())).append(")</h3>");
        sb.append("<p>").append(Html.escape(stopSummary())).append("</p>");
        sb.append(evaluation.toHtml());
        if (learningCurve.rounds() > 0) sb.append(Html.image(learningCurve.image(), "learning curve"));
        if (jobFolder != null) sb.append("<p>job folder: <code>").append(Html.escape(jobFolder)).append("</code></p>");
        return sb.toString();
    }

    @Override public String toString() {
        return "TrainingResult[" + job.name() + ", " + stopSummary() + ", " + evaluation.values()
                + (jobFolder != null ? ", folder=" + jobFolder : "") + "]";
    }

    /** Parts in the evaluation, for callers that iterate. */
    public List<String> parts() { return List.copyOf(evaluation.parts()); }
}
