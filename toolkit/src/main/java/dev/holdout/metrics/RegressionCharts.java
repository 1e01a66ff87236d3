package dev.holdout.metrics;

import dev.holdout.report.Charts;

/**
 * The two charts that show what a regression model's errors look like, which no single number does: predicted
 * against actual values (perfect predictions lie on the identity line) and residuals (actual − predicted) against
 * the prediction (a good model leaves a band around zero with no trend or funnel).
 *
 * <pre>{@code
 * Charts.savePng(RegressionCharts.predictedVsActual(actual, predicted, "progression").image(), dir.resolve("predicted-vs-actual.png"));
 * RegressionCharts.residuals(actual, predicted, "progression");   // a Charts.Line: shows as a PNG in a notebook
 * }</pre>
 */
public final class RegressionCharts {
    private RegressionCharts() {}

    /** Predicted (y) against actual (x) values, with the identity line y = x. {@code unit}: the label's name or unit. */
    public static Charts.Line predictedVsActual(double[] actual, double[] predicted, String unit) {
        check(actual, predicted);
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            lo = Math.min(lo, Math.min(actual[i], predicted[i]));
            hi = Math.max(hi, Math.max(actual[i], predicted[i]));
        }
        return Charts.line("Predicted vs actual (" + actual.length + " rows; RMSE " + Charts.tickLabel(Regression.rmse(actual, predicted))
                                + ", R² " + Charts.tickLabel(Regression.r2(actual, predicted)) + ")",
                        "actual " + unit, "predicted " + unit)
                .points("rows", actual, predicted)
                .reference("perfect prediction (y = x)", new double[] {lo, hi}, new double[] {lo, hi});
    }

    /** Residuals (actual − predicted, y) against the prediction (x), with the zero line. */
    public static Charts.Line residuals(double[] actual, double[] predicted, String unit) {
        check(actual, predicted);
        double[] residual = new double[actual.length];
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < actual.length; i++) {
            residual[i] = actual[i] - predicted[i];
            lo = Math.min(lo, predicted[i]);
            hi = Math.max(hi, predicted[i]);
        }
        return Charts.line("Residuals vs predicted (" + actual.length + " rows; MAE " + Charts.tickLabel(Regression.mae(actual, predicted)) + ")",
                        "predicted " + unit, "residual = actual − predicted " + unit)
                .points("rows", predicted, residual)
                .reference("no error (residual 0)", new double[] {lo, hi}, new double[] {0, 0});
    }

    private static void check(double[] actual, double[] predicted) {
        Checks.sameLength(actual.length, predicted.length, "predicted");
        Checks.finite(actual, "actual");
        Checks.finite(predicted, "predicted");
    }
}
