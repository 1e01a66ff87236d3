package dev.holdout.train;

import dev.holdout.metrics.Direction;
import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import java.awt.image.BufferedImage;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The eval metric on train and validation after every boosting round, and where early stopping
 * put the best round. XGBoost semantics: an improvement is strict; training stops once
 * {@code round - bestIteration >= early_stopping_rounds}, so {@code rounds() == bestIteration +
 * early_stopping_rounds + 1} after an early stop.
 *
 * <pre>{@code
 * LearningCurve c = result.learningCurve();
 * c.rounds();          // 34
 * c.bestIteration();   // 23  (0-based)
 * c.validation()[23];  // 0.3521 == c.bestScore()
 * }</pre>
 *
 * @param metric        the eval metric (XGBoost's name, e.g. logloss)
 * @param direction     whether a larger metric is better (auc, aucpr) or a smaller one (logloss, error), from the metric registry
 * @param train         train metric per round (a copy)
 * @param validation    validation metric per round, empty without a validation channel
 * @param bestIteration 0-based best round (the last round without validation)
 * @param bestScore     the validation metric at the best round (NaN without validation)
 * @param stoppedEarly  true when early stopping ended training before num_round
 */
public record LearningCurve(String metric, Direction direction, float[] train, float[] validation, int bestIteration,
                            float bestScore, boolean stoppedEarly) {

    public LearningCurve {
        java.util.Objects.requireNonNull(direction, "direction");
        train = train.clone();
        validation = validation.clone();
        if (validation.length != 0 && validation.length != train.length) {
            throw new IllegalArgumentException("validation has " + validation.length + " rounds but train has " + train.length);
        }
        if (train.length > 0 && (bestIteration < 0 || bestIteration >= train.length)) {
            throw new IllegalArgumentException("bestIteration=" + bestIteration + ": must be in [0, " + train.length + ")");
        }
    }

    @Override public float[] train() { return train.clone(); }

    @Override public float[] validation() { return validation.clone(); }

    /** Rounds trained (trees per output in the saved booster). */
    public int rounds() { return train.length; }

    public boolean hasValidation() { return validation.length > 0; }

    /** The chart: train and validation by round, a marker at the best round. */
    public Charts.Line chart(String title) {
        double[] x = new double[train.length];
        double[] t = new double[train.length];
        double[] v = new double[validation.length];
        for (int i = 0; i < train.length; i++) {
            x[i] = i;
            t[i] = train[i];
            if (validation.length > 0) v[i] = validation[i];
        }
        Charts.Line line = Charts.line(title, "boosting round (trees added)",
                metric + " (" + direction.word() + " is better)").series("train", x, t);
        if (validation.length > 0) line = line.series("validation", x, v).verticalMarker(bestIteration, "best iteration " + bestIteration);
        return line;
    }

    public BufferedImage image() { return chart("Learning curve (" + metric + ")").image(); }

    /** A table of rounds and an inline chart, for notebooks. */
    public String toHtml() {
        List<List<?>> rows = new ArrayList<>();
        for (int i = 0; i < train.length; i++) {
            rows.add(List.of(i, fmt(train[i]), validation.length > 0 ? fmt(validation[i]) : "", i == bestIteration ? "best" : ""));
        }
        return Html.image(image(), "learning curve") + Html.table(List.of("round", "train-" + metric, "validation-" + metric, ""), rows);
    }

    private static String fmt(float v) { return String.format(Locale.ROOT, "%.5f", v); }

    @Override public String toString() {
        return String.format(Locale.ROOT, "LearningCurve[%s, %d rounds, best=%d (%s %.5f)%s]", metric, rounds(), bestIteration,
                hasValidation() ? "validation" : "train", hasValidation() ? bestScore : (train.length > 0 ? train[bestIteration] : Float.NaN),
                stoppedEarly ? ", stopped early" : "");
    }

    @Override public boolean equals(Object o) {
        return o instanceof LearningCurve c && metric.equals(c.metric) && direction == c.direction && java.util.Arrays.equals(train, c.train)
                && java.util.Arrays.equals(validation, c.validation) && bestIteration == c.bestIteration
                && Float.compare(bestScore, c.bestScore) == 0 && stoppedEarly == c.stoppedEarly;
    }

    @Override public int hashCode() {
        return java.util.Objects.hash(metric, direction, java.util.Arrays.hashCode(train), java.util.Arrays.hashCode(validation), bestIteration, bestScore, stoppedEarly);
    }
}
