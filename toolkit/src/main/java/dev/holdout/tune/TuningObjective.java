package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import dev.holdout.metrics.Direction;
import dev.holdout.metrics.Metric;
import java.util.Locale;

/**
 * What the tuner optimises: a metric on the validation channel (or the mean over cross-validation
 * folds) and its {@link Direction}. The direction comes from the metric registry, never from the user,
 * so a loss is never maximised by mistake.
 *
 * <pre>{@code
 * TuningObjective auc = TuningObjective.of("validation:auc");
 * auc.direction();             // HIGHER_IS_BETTER
 * auc.type();                  // "Maximize"
 * TuningObjective.of("validation:logloss").isBetter(0.21, 0.25);   // true
 * }</pre>
 */
public record TuningObjective(String metricName, Direction direction) {
    public TuningObjective {
        if (metricName == null || metricName.isBlank()) {
            throw DataValidationException.param("HyperParameterTuningJobObjective.MetricName", metricName,
                    "an objective metric is required", "name one, e.g. validation:auc");
        }
        if (direction == null) {
            throw DataValidationException.param("direction", null, "required", "use TuningObjective.of(metricName)");
        }
    }

    /**
     * The objective named {@code validation:<metric>} (or {@code cv:<metric>}, or just {@code <metric>}),
     * with the direction of that metric in the registry; an unknown metric is an error with a
     * suggestion.
     */
    public static TuningObjective of(String metricName) {
        return new TuningObjective(metricName, metric(metricName).direction());
    }

    /** The registry metric behind a name such as {@code validation:auc}. */
    public static Metric metric(String metricName) {
        if (metricName == null || metricName.isBlank()) {
            throw DataValidationException.param("HyperParameterTuningJobObjective.MetricName", metricName,
                    "an objective metric is required", "name one, e.g. validation:auc");
        }
        String n = metricName.trim();
        int colon = n.indexOf(':');
        if (colon >= 0) {
            String channel = n.substring(0, colon).toLowerCase(Locale.ROOT);
            if (!channel.equals("validation") && !channel.equals("cv")) {
                throw DataValidationException.param("HyperParameterTuningJobObjective.MetricName", metricName,
                        "the objective must be measured on the validation channel (or cross-validation), never on '" + channel + "'",
                        "use validation:" + n.substring(colon + 1));
            }
            n = n.substring(colon + 1);
        }
        return Metric.byName(n);
    }

    /** The metric name without a channel prefix ({@code auc} for {@code validation:auc}). */
    public String bareMetricName() {
        int colon = metricName.indexOf(':');
        return colon < 0 ? metricName : metricName.substring(colon + 1);
    }

    /** SageMaker's {@code Type}: {@code Maximize} or {@code Minimize}. */
    public String type() {
        String g = direction.goal();
        return Character.toUpperCase(g.charAt(0)) + g.substring(1);
    }

    /** Whether {@code a} is strictly better than {@code b}; NaN is never better. */
    public boolean isBetter(double a, double b) { return direction.isBetter(a, b); }

    /** The value as a loss (lower is better): negated when higher is better. */
    double asLoss(double v) { return direction.asLoss(v); }

    @Override public String toString() { return metricName + " (" + type() + ")"; }
}
