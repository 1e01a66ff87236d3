package dev.holdout.train;

import dev.holdout.metrics.Direction;
import dev.holdout.data.DataValidationException;
import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A validation curve: the same job trained once per value of one hyperparameter, with the train and
 * validation metric of each model (at its best iteration when early stopping is on, else at the last
 * round). Over {@code max_depth} 1…12 on noisy data the train loss keeps falling while the
 * validation loss turns up: overfitting, measured.
 *
 * <pre>{@code
 * ValidationCurve c = ValidationCurve.of(job, "max_depth", 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12);
 * c.bestValue();        // 3.0  (lowest validation logloss)
 * c.validation()[11];   // 0.61 > c.validation()[2] == 0.47
 * Charts.savePng(c.image(), Path.of("validation-curve.png"));
 * }</pre>
 *
 * @param hyperparameter the SageMaker name varied
 * @param metric         the job's eval metric
 * @param direction      whether a larger metric is better, from the metric registry
 * @param values         the values tried
 * @param train          train metric per value
 * @param validation     validation metric per value
 */
public record ValidationCurve(String hyperparameter, String metric, Direction direction, double[] values, double[] train,
                              double[] validation) {

    public ValidationCurve {
        java.util.Objects.requireNonNull(direction, "direction");
        values = values.clone();
        train = train.clone();
        validation = validation.clone();
    }

    @Override public double[] values() { return values.clone(); }

    @Override public double[] train() { return train.clone(); }

    @Override public double[] validation() { return validation.clone(); }

    /** Trains {@code job} (which needs a validation channel) once per value of {@code hyperparameter}. */
    public static ValidationCurve of(TrainingJob job, String hyperparameter, double... values) {
        if (job.validation() == null) {
            throw DataValidationException.param("channels.validation", null, "a validation curve needs a validation channel", "add one to the job");
        }
        if (!Hyperparameters.NAMES.contains(hyperparameter) || List.of("objective", "eval_metric", "tree_method").contains(hyperparameter)) {
            throw DataValidationException.param("hyperparameter", hyperparameter, "must be a numeric hyperparameter",
                    "e.g. max_depth, num_round, eta, min_child_weight");
        }
        if (values.length == 0) throw DataValidationException.param("values", "[]", "at least one value is required", "e.g. 1..12");
        TrainingJob inMemory = job.withOutput(null);
        double[] tr = new double[values.length];
        double[] va = new double[values.length];
        String metric = job.hyperparameters().evalMetric();
        for (int i = 0; i < values.length; i++) {
            Map<String, Object> m = new LinkedHashMap<>(job.hyperparameters().toMap());
            double v = values[i];
            m.put(hyperparameter, v == Math.rint(v) ? Long.toString((long) v) : Double.toString(v));
            TrainingResult r = inMemory.withHyperparameters(Hyperparameters.fromMap(m)).run();
            LearningCurve c = r.learningCurve();
            int at = r.predictionRounds() - 1;   // the round the model predicts with: best under early stopping, else the last
            tr[i] = c.train()[at];
            va[i] = c.validation()[at];
        }
        return new ValidationCurve(hyperparameter, metric, job.hyperparameters().evalDirection(), values, tr, va);
    }

    /** The value with the best validation metric (the first on ties). */
    public double bestValue() {
        int best = direction.best(validation);
        return values[Math.max(best, 0)];
    }

    public Charts.Line chart() {
        return Charts.line("Validation curve over " + hyperparameter, hyperparameter + " (each point: its job's best iteration)",
                        metric + " (" + direction.word() + " is better)")
                .series("train", values, train).series("validation", values, validation).verticalMarker(bestValue(), "best " + hyperparameter + " = " + fmt(bestValue()));
    }

    public BufferedImage image() { return chart().image(); }

    public String toHtml() {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < values.length; i++) {
            rows.add(List.of(fmt(values[i]), fmt(train[i]), fmt(validation[i]), values[i] == bestValue() ? "best" : ""));
        }
        return Html.image(image(), "validation curve") + Html.table(List.of(hyperparameter, "train-" + metric, "validation-" + metric, ""), rows);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e9 ? Long.toString((long) v) : String.format(Locale.ROOT, "%.5f", v);
    }

    @Override public String toString() {
        return "ValidationCurve[" + hyperparameter + " " + fmt(values[0]) + ".." + fmt(values[values.length - 1]) + ", best=" + fmt(bestValue())
                + " (validation-" + metric + ")]";
    }

    @Override public boolean equals(Object o) {
        return o instanceof ValidationCurve c && hyperparameter.equals(c.hyperparameter) && metric.equals(c.metric) && direction == c.direction
                && java.util.Arrays.equals(values, c.values) && java.util.Arrays.equals(train, c.train) && java.util.Arrays.equals(validation, c.validation);
    }

    @Override public int hashCode() {
        return java.util.Objects.hash(hyperparameter, metric, java.util.Arrays.hashCode(values), java.util.Arrays.hashCode(train), java.util.Arrays.hashCode(validation));
    }
}
