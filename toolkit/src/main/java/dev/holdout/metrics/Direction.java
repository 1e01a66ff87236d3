package dev.holdout.metrics;

/**
 * Whether a larger metric value means a better model. Model selection, early stopping and tuning ask
 * the metric instead of negating a loss by hand.
 *
 * <pre>{@code
 * Metric.byName("logloss").direction();                  // LOWER_IS_BETTER
 * Direction.HIGHER_IS_BETTER.isBetter(0.91, 0.88);        // true
 * Direction.LOWER_IS_BETTER.best(new double[] {0.3, 0.2}); // 1 (the index of 0.2)
 * }</pre>
 */
public enum Direction {
    /** Scores such as accuracy, F1, ROC AUC, R². */
    HIGHER_IS_BETTER,
    /** Errors and losses such as log loss, MSE, MAE. */
    LOWER_IS_BETTER;

    /** True when {@code candidate} is strictly better than {@code incumbent}; NaN is never better. */
    public boolean isBetter(double candidate, double incumbent) {
        if (Double.isNaN(candidate)) return false;
        if (Double.isNaN(incumbent)) return true;
        return this == HIGHER_IS_BETTER ? candidate > incumbent : candidate < incumbent;
    }

    /** The worst possible value, a neutral starting point for "best so far". */
    public double worst() {
        return this == HIGHER_IS_BETTER ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
    }

    /** Index of the best value (the first one on ties), or -1 when the array is empty or all NaN. */
    public int best(double[] values) {
        int best = -1;
        for (int i = 0; i < values.length; i++) {
            if (best < 0 ? !Double.isNaN(values[i]) : isBetter(values[i], values[best])) best = i;
        }
        return best;
    }

    /**
     * The value as a loss, lower is better (negated when higher is better), for a minimiser such as the
     * Bayesian tuner's Gaussian process; NaN stays NaN. The one place a score is negated.
     */
    public double asLoss(double value) {
        return this == HIGHER_IS_BETTER ? -value : value;
    }

    /** {@code "maximize"} or {@code "minimize"}, as XGBoost and SageMaker name the direction of an objective. */
    public String goal() {
        return this == HIGHER_IS_BETTER ? "maximize" : "minimize";
    }

    /** {@code "higher"} or {@code "lower"}, for reports and JSON. */
    public String word() {
        return this == HIGHER_IS_BETTER ? "higher" : "lower";
    }
}
