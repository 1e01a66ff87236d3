package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/**
 * Regression metrics over {@code double[]} arrays, {@code (truth, predicted)} order, one pass each
 * and no boxing; {@code weights} may be {@code null}. Semantics follow scikit-learn: R² and explained
 * variance use {@code force_finite=True} (a constant truth gives 1.0 for perfect predictions, else
 * 0.0; so explained variance of one row is 1.0, while R² needs two rows, as scikit-learn); MAPE is a fraction with the denominator floored at machine epsilon.
 *
 * <pre>{@code
 * double[] y    = {3, -0.5, 2, 7};
 * double[] yhat = {2.5, 0.0, 2, 8};
 * Regression.mse(y, yhat);   // 0.375
 * Regression.rmse(y, yhat);  // 0.6124
 * Regression.mae(y, yhat);   // 0.5
 * Regression.r2(y, yhat);    // 0.9486
 * }</pre>
 */
public final class Regression {
    private Regression() {}

    /** Machine epsilon for doubles, the MAPE denominator floor (numpy's {@code finfo(float64).eps}). */
    public static final double MAPE_EPSILON = Math.ulp(1.0);

    public static double mse(double[] truth, double[] predicted) { return mse(truth, predicted, null); }

    public static double mse(double[] truth, double[] predicted, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        double sum = 0, wsum = 0;
        if (weights == null) {
            // Four independent accumulators: the adds no longer wait on each other.
            int n = truth.length, i = 0;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; i + 3 < n; i += 4) {
                double d0 = truth[i] - predicted[i], d1 = truth[i + 1] - predicted[i + 1];
                double d2 = truth[i + 2] - predicted[i + 2], d3 = truth[i + 3] - predicted[i + 3];
                s0 += d0 * d0;
                s1 += d1 * d1;
                s2 += d2 * d2;
                s3 += d3 * d3;
            }
            for (; i < n; i++) {
                double d = truth[i] - predicted[i];
                s0 += d * d;
            }
            sum = (s0 + s1) + (s2 + s3);
            wsum = n;
        } else {
            for (int i = 0; i < truth.length; i++) {
                double d = truth[i] - predicted[i];
                sum += weights[i] * d * d;
                wsum += weights[i];
            }
        }
        if (!Double.isFinite(sum)) throw nonFinite(truth, predicted);
        return sum / wsum;
    }

    public static double rmse(double[] truth, double[] predicted) { return Math.sqrt(mse(truth, predicted, null)); }

    public static double rmse(double[] truth, double[] predicted, double[] weights) {
        return Math.sqrt(mse(truth, predicted, weights));
    }

    public static double mae(double[] truth, double[] predicted) { return mae(truth, predicted, null); }

    public static double mae(double[] truth, double[] predicted, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        double sum = 0, wsum = 0;
        if (weights == null) {
            int n = truth.length, i = 0;
            double s0 = 0, s1 = 0, s2 = 0, s3 = 0;
            for (; i + 3 < n; i += 4) {
                s0 += Math.abs(truth[i] - predicted[i]);
                s1 += Math.abs(truth[i + 1] - predicted[i + 1]);
                s2 += Math.abs(truth[i + 2] - predicted[i + 2]);
                s3 += Math.abs(truth[i + 3] - predicted[i + 3]);
            }
            for (; i < n; i++) s0 += Math.abs(truth[i] - predicted[i]);
            sum = (s0 + s1) + (s2 + s3);
            wsum = n;
        } else {
            for (int i = 0; i < truth.length; i++) {
                sum += weights[i] * Math.abs(truth[i] - predicted[i]);
                wsum += weights[i];
            }
        }
        if (!Double.isFinite(sum)) throw nonFinite(truth, predicted);
        return sum / wsum;
    }

    public static double r2(double[] truth, double[] predicted) { return r2(truth, predicted, null); }

    /**
     * Coefficient of determination 1 − SSE/SST. Needs at least two rows. With a constant truth
     * (SST = 0) it is 1.0 when the predictions are perfect, else 0.0 (scikit-learn force_finite).
     */
    public static double r2(double[] truth, double[] predicted, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        requireTwoRows(truth.length, "R²");
        // One pass: SSE, and SST from sums shifted by the first value (the "assumed mean" method)
        // which keeps the cancellation small; a second exact pass runs only when SST is tiny.
        double y0 = truth[0];
        double sse = 0, wsum = 0, sd = 0, sdd = 0;
        if (weights == null) {
            int n = truth.length, i = 0;
            double sse1 = 0, sd1 = 0, sdd1 = 0;
            for (; i + 1 < n; i += 2) {
                double a = truth[i], b = truth[i + 1];
                double ea = a - predicted[i], eb = b - predicted[i + 1];
                double da = a - y0, db = b - y0;
                sse += ea * ea;
                sse1 += eb * eb;
                sd += da;
                sd1 += db;
                sdd += da * da;
                sdd1 += db * db;
            }
            for (; i < n; i++) {
                double e = truth[i] - predicted[i], d = truth[i] - y0;
                sse += e * e;
                sd += d;
                sdd += d * d;
            }
            sse += sse1;
            sd += sd1;
            sdd += sdd1;
            wsum = n;
        } else {
            for (int i = 0; i < truth.length; i++) {
                double w = weights[i];
                double y = truth[i];
                double e = y - predicted[i];
                double d = y - y0;
                sse += w * e * e;
                wsum += w;
                sd += w * d;
                sdd += w * d * d;
            }
        }
        if (!Double.isFinite(sse) || !Double.isFinite(sdd)) throw nonFinite(truth, predicted);
        double sst = sdd - sd * sd / wsum;
        if (sst <= 1e-9 * sdd) sst = exactSst(truth, weights, wsum);
        return forceFinite(sse, sst);
    }

    public static double explainedVariance(double[] truth, double[] predicted) {
        return explainedVariance(truth, predicted, null);
    }

    /**
     * 1 − Var(y − ŷ)/Var(y): like R² but blind to a constant bias; same force_finite rule. Unlike R²
     * it is defined for one row, as in scikit-learn: both variances are 0, so it is 1.0.
     */
    public static double explainedVariance(double[] truth, double[] predicted, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        if (truth.length == 0) {
            throw DataValidationException.param("truth.length", 0, "explained variance needs at least one row",
                    "evaluate on at least one row");
        }
        if (truth.length == 1) {
            if (!Double.isFinite(truth[0]) || !Double.isFinite(predicted[0])) throw nonFinite(truth, predicted);
            return forceFinite(0, 0); // exactly: the residual and the truth each have variance 0 (no rounding from weights)
        }
        double wsum = 0, my = 0, me = 0;
        for (int i = 0; i < truth.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            wsum += w;
            my += w * truth[i];
            me += w * (truth[i] - predicted[i]);
        }
        if (!Double.isFinite(my) || !Double.isFinite(me)) throw nonFinite(truth, predicted);
        my /= wsum;
        me /= wsum;
        double num = 0, den = 0;
        for (int i = 0; i < truth.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            double e = truth[i] - predicted[i] - me;
            double d = truth[i] - my;
            num += w * e * e;
            den += w * d * d;
        }
        return forceFinite(num, den);
    }

    /**
     * Root mean squared log error, sqrt(mean((log1p(ŷ) − log1p(y))²)), XGBoost's {@code rmsle}: every
     * value must be greater than −1 (log1p is undefined below).
     *
     * <pre>{@code
     * Regression.rmsle(new double[] {0, 1}, new double[] {0, 3}, null);   // 0.4901 = sqrt((log 4 - log 2)^2 / 2)
     * }</pre>
     */
    public static double rmsle(double[] truth, double[] predicted, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        double sum = 0, wsum = 0;
        for (int i = 0; i < truth.length; i++) {
            if (!(truth[i] > -1) || !(predicted[i] > -1)) {
                String which = !(truth[i] > -1) ? "truth" : "predicted";
                throw DataValidationException.param(which + "[" + i + "]", which.equals("truth") ? truth[i] : predicted[i],
                        "rmsle needs values greater than -1 (it takes log(1 + x))", "use rmse or mae for targets that can be -1 or less");
            }
            double w = weights == null ? 1.0 : weights[i];
            double d = Math.log1p(predicted[i]) - Math.log1p(truth[i]);
            sum += w * d * d;
            wsum += w;
        }
        if (!Double.isFinite(sum)) throw nonFinite(truth, predicted);
        return Math.sqrt(sum / wsum);
    }

    public static double mape(double[] truth, double[] predicted) { return mape(truth, predicted, null); }

    /** Mean of |ŷ − y| / max(|y|, ε) as a fraction (0.25 = 25 %); huge but finite when y = 0. */
    public static double mape(double[] truth, double[] predicted, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        double sum = 0, wsum = 0;
        for (int i = 0; i < truth.length; i++) {
            double w = weights == null ? 1.0 : weights[i];
            sum += w * Math.abs(predicted[i] - truth[i]) / Math.max(Math.abs(truth[i]), MAPE_EPSILON);
            wsum += w;
        }
        if (!Double.isFinite(sum)) throw nonFinite(truth, predicted);
        return sum / wsum;
    }

    public static double medianAbsoluteError(double[] truth, double[] predicted) {
        return medianAbsoluteError(truth, predicted, null);
    }

    /**
     * Median of |y − ŷ|. With weights it is the weighted 50th percentile, averaged between the two
     * middle values on an exact split, so integer weights give the same answer as repeated rows.
     */
    public static double medianAbsoluteError(double[] truth, double[] predicted, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        int n = truth.length;
        double[] err = new double[n];
        for (int i = 0; i < n; i++) err[i] = Math.abs(truth[i] - predicted[i]);
        for (double e : err) if (!Double.isFinite(e)) throw nonFinite(truth, predicted);
        if (weights == null) {
            double[] s = err.clone();
            java.util.Arrays.sort(s);
            return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
        }
        int[] order = ScoreOrder.descending(err);
        double total = 0;
        for (double w : weights) total += w;
        double half = total / 2, cum = 0;
        // Walk from the smallest error upwards (order is descending).
        for (int k = n - 1; k >= 0; k--) {
            int r = order[k];
            if (weights[r] == 0) continue;
            cum += weights[r];
            if (cum > half) return err[r];
            if (cum == half) {
                for (int m = k - 1; m >= 0; m--) {
                    if (weights[order[m]] > 0) return (err[r] + err[order[m]]) / 2;
                }
                return err[r];
            }
        }
        return err[order[0]];
    }

    static double forceFinite(double numerator, double denominator) {
        if (denominator != 0) return 1 - numerator / denominator;
        return numerator == 0 ? 1.0 : 0.0;
    }

    private static double exactSst(double[] truth, double[] weights, double wsum) {
        double mean = 0;
        for (int i = 0; i < truth.length; i++) mean += (weights == null ? 1.0 : weights[i]) * truth[i];
        mean /= wsum;
        double sst = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = truth[i] - mean;
            sst += (weights == null ? 1.0 : weights[i]) * d * d;
        }
        return sst;
    }

    private static void requireTwoRows(int n, String metric) {
        if (n < 2) {
            throw DataValidationException.param("truth.length", n, metric + " is not defined for fewer than two rows",
                    "evaluate on at least two rows (scikit-learn returns NaN here)");
        }
    }

    private static DataValidationException nonFinite(double[] truth, double[] predicted) {
        for (int i = 0; i < truth.length; i++) {
            if (!Double.isFinite(truth[i])) return Checks.nonFinite(truth, "truth");
            if (!Double.isFinite(predicted[i])) return Checks.nonFinite(predicted, "predicted");
        }
        return Checks.nonFinite(truth, "truth");
    }
}
