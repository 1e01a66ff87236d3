package dev.holdout.tune;

import dev.holdout.data.DataValidationException;

/**
 * What the tuner optimises: a metric name (on the validation channel, or the mean over
 * cross-validation folds) and whether higher is better. The direction comes from the metric, never
 * from the user, so a loss is never maximised by mistake.
 *
 * <pre>{@code
 * TuningObjective auc = new TuningObjective("validation:auc", true);
 * auc.isBetter(0.91, 0.89);   // true
 * }</pre>
 */
public record TuningObjective(String metricName, boolean higherIsBetter) {
    public TuningObjective {
        if (metricName == null || metricName.isBlank()) {
            throw DataValidationException.param("HyperParameterTuningJobObjective.MetricName", metricName,
                    "an objective metric is required", "name one, e.g. validation:auc");
        }
    }

    /** SageMaker's {@code Type}: {@code Maximize} or {@code Minimize}. */
    public String type() { return higherIsBetter ? "Maximize" : "Minimize"; }

    /** Whether {@code a} is strictly better than {@code b}; NaN is never better. */
    public boolean isBetter(double a, double b) {
        if (Double.isNaN(a)) return false;
        if (Double.isNaN(b)) return true;
        return higherIsBetter ? a > b : a < b;
    }

    /** The value as a loss (lower is better): negated when higher is better. */
    double asLoss(double v) { return higherIsBetter ? -v : v; }

    @Override public String toString() { return metricName + " (" + type() + ")"; }
}
