package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/** Input validation shared by the metric functions. Every message says param=value, the rule, the fix. */
final class Checks {
    private Checks() {}

    static void sameLength(int truth, int predicted, String predictedName) {
        if (truth == 0) {
            throw DataValidationException.param("truth.length", 0, "metrics need at least one row",
                    "pass non-empty arrays (was the file or the slice empty?)");
        }
        if (truth != predicted) {
            throw DataValidationException.param(predictedName + ".length", predicted,
                    "must equal truth.length=" + truth, "pass one " + predictedName + " value per row");
        }
    }

    static void weights(double[] weights, int n) {
        if (weights == null) return;
        if (weights.length != n) {
            throw DataValidationException.param("weights.length", weights.length, "must equal truth.length=" + n,
                    "pass one weight per row, or no weights");
        }
        double sum = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            if (!(w >= 0) || w == Double.POSITIVE_INFINITY) {
                throw DataValidationException.param("weights[" + i + "]", w, "must be finite and >= 0",
                        "fix or drop that row's weight");
            }
            sum += w;
        }
        if (!(sum > 0)) {
            throw DataValidationException.param("weights", "all zero", "the weights must not sum to 0",
                    "give at least one row a positive weight");
        }
    }

    /** Called after a fast loop saw a non-finite sum: finds the first bad value and reports it. */
    static DataValidationException nonFinite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return DataValidationException.param(name + "[" + i + "]", values[i], "must be a finite number",
                        "drop or impute rows with NaN or infinity before computing metrics");
            }
        }
        return DataValidationException.param(name, "overflow", "the values are too large to sum in double precision",
                "rescale the values");
    }

    static void finite(double[] values, String name) {
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) throw nonFinite(values, name);
        }
    }

    static double weight(double[] weights, int i) {
        return weights == null ? 1.0 : weights[i];
    }
}
