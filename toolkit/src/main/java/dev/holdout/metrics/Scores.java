package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/**
 * Metrics from scores or probabilities of the positive class: ROC AUC (ties counted ½, as the
 * Mann-Whitney U statistic), average precision (step-wise, not interpolated, as scikit-learn) and
 * log loss (probabilities clipped to {@code [1e-15, 1 − 1e-15]}). A row is positive when its truth
 * code equals {@code positive} (1 in the short overloads); every other code is negative.
 *
 * <pre>{@code
 * int[] truth    = {0, 0, 1, 1};
 * double[] score = {0.1, 0.4, 0.35, 0.8};
 * Scores.rocAuc(truth, score);           // 0.75
 * Scores.averagePrecision(truth, score); // 0.8333
 * Scores.logLoss(truth, score);          // 0.4722
 * }</pre>
 */
public final class Scores {
    private Scores() {}

    /** The clip applied to probabilities before taking logs. */
    public static final double LOG_LOSS_EPSILON = 1e-15;

    public static double rocAuc(int[] truth, double[] score) {
        return rocAuc(truth, score, 1, null);
    }

    /**
     * Area under the ROC curve = P(score of a random positive &gt; score of a random negative), ties ½.
     * One sort, then one pass over groups of tied scores. Throws when only one class occurs.
     */
    public static double rocAuc(int[] truth, double[] score, int positive, double[] weights) {
        Checks.sameLength(truth.length, score.length, "score");
        Checks.weights(weights, truth.length);
        Checks.finite(score, "score");
        if (weights == null) {
            return rocAucSorted(ScoreOrder.sortedKeys(truth, score, positive, true), ScoreOrder.sortedKeys(truth, score, positive, false), positive);
        }
        return rocAucOrdered(ScoreOrder.descending(score), truth, score, positive, weights);
    }

    /**
     * Unweighted ROC AUC from the ascending sort keys of the positives' and the negatives' scores:
     * a merge from the top, no access to the rows.
     */
    static double rocAucSorted(long[] pos, long[] neg, int positive) {
        requireBothClasses(pos.length, neg.length, "ROC AUC", positive);
        int i = pos.length - 1, j = neg.length - 1;
        double num = 0;
        long posAbove = 0;
        while (j >= 0) {
            long kn = neg[j];
            // positives strictly above this negative key
            while (i >= 0 && Long.compareUnsigned(pos[i], kn) > 0) {
                i--;
                posAbove++;
            }
            long gp = 0;
            int i2 = i;
            while (i2 >= 0 && pos[i2] == kn) {
                i2--;
                gp++;
            }
            long gn = 0;
            while (j >= 0 && neg[j] == kn) {
                j--;
                gn++;
            }
            num += gn * (posAbove + 0.5 * gp);
        }
        return num / ((double) pos.length * neg.length);
    }

    /** Unweighted average precision from the same sorted keys. */
    static double averagePrecisionSorted(long[] pos, long[] neg) {
        int i = pos.length - 1, j = neg.length - 1;
        double total = pos.length, ap = 0, prevRecall = 0;
        long tps = 0, fps = 0;
        while (i >= 0 || j >= 0) {
            long k;
            if (i < 0) k = neg[j];
            else if (j < 0) k = pos[i];
            else k = Long.compareUnsigned(pos[i], neg[j]) >= 0 ? pos[i] : neg[j];
            while (i >= 0 && pos[i] == k) {
                i--;
                tps++;
            }
            while (j >= 0 && neg[j] == k) {
                j--;
                fps++;
            }
            double recall = tps / total;
            ap += (recall - prevRecall) * ((double) tps / (tps + fps));
            prevRecall = recall;
        }
        return ap;
    }

    /** ROC AUC given the rows in descending score order (lets a bootstrap sort once). */
    static double rocAucOrdered(int[] order, int[] truth, double[] score, int positive, double[] weights) {
        double posAbove = 0, num = 0, pos = 0, neg = 0;
        int n = order.length;
        int i = 0;
        while (i < n) {
            double s = score[order[i]];
            double gp = 0, gn = 0;
            int j = i;
            while (j < n && score[order[j]] == s) {
                int r = order[j];
                double w = weights == null ? 1.0 : weights[r];
                if (truth[r] == positive) gp += w; else gn += w;
                j++;
            }
            num += gn * (posAbove + 0.5 * gp);
            posAbove += gp;
            pos += gp;
            neg += gn;
            i = j;
        }
        requireBothClasses(pos, neg, "ROC AUC", positive);
        return num / (pos * neg);
    }

    public static double averagePrecision(int[] truth, double[] score) {
        return averagePrecision(truth, score, 1, null);
    }

    /** AP = Σ (Rₙ − Rₙ₋₁)·Pₙ over distinct score thresholds, highest first. Throws when no row is positive. */
    public static double averagePrecision(int[] truth, double[] score, int positive, double[] weights) {
        Checks.sameLength(truth.length, score.length, "score");
        Checks.weights(weights, truth.length);
        Checks.finite(score, "score");
        double totalPos = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == positive) totalPos += weights == null ? 1.0 : weights[i];
        }
        if (totalPos == 0) {
            throw DataValidationException.param("truth", "no positive rows",
                    "average precision needs at least one row of the positive class " + positive,
                    "check --positive, or evaluate on a sample that contains positives");
        }
        if (weights == null) {
            return averagePrecisionSorted(ScoreOrder.sortedKeys(truth, score, positive, true), ScoreOrder.sortedKeys(truth, score, positive, false));
        }
        return averagePrecisionOrdered(ScoreOrder.descending(score), truth, score, positive, weights, totalPos);
    }

    static double averagePrecisionOrdered(int[] order, int[] truth, double[] score, int positive, double[] weights,
                                          double totalPos) {
        double tps = 0, fps = 0, prevRecall = 0, ap = 0;
        int n = order.length;
        int i = 0;
        while (i < n) {
            double s = score[order[i]];
            int j = i;
            while (j < n && score[order[j]] == s) {
                int r = order[j];
                double w = weights == null ? 1.0 : weights[r];
                if (truth[r] == positive) tps += w; else fps += w;
                j++;
            }
            double recall = tps / totalPos;
            double precision = tps + fps == 0 ? 0 : tps / (tps + fps);
            ap += (recall - prevRecall) * precision;
            prevRecall = recall;
            i = j;
        }
        return ap;
    }

    public static double logLoss(int[] truth, double[] probability) {
        return logLoss(truth, probability, 1, null);
    }

    /**
     * Mean negative log-likelihood (natural log) of the truth under {@code probability} = P(positive).
     * Probabilities must lie in [0, 1]; they are clipped to [1e-15, 1 − 1e-15] so that a confident
     * mistake costs about 34.5 instead of infinity.
     */
    public static double logLoss(int[] truth, double[] probability, int positive, double[] weights) {
        Checks.sameLength(truth.length, probability.length, "probability");
        Checks.weights(weights, truth.length);
        final double lo = LOG_LOSS_EPSILON, hi = 1 - LOG_LOSS_EPSILON;
        double sum = 0, wsum = 0;
        boolean bad = false;
        for (int i = 0; i < truth.length; i++) {
            double p = probability[i];
            bad |= !(p >= 0 && p <= 1);
            double c = Math.min(Math.max(p, lo), hi);
            double w = weights == null ? 1.0 : weights[i];
            sum -= w * Math.log(truth[i] == positive ? c : 1 - c);
            wsum += w;
        }
        if (bad) {
            for (int i = 0; i < probability.length; i++) {
                double p = probability[i];
                if (!(p >= 0 && p <= 1)) {
                    throw DataValidationException.param("probability[" + i + "]", p, "must be a probability in [0, 1]",
                            "pass probabilities (not raw scores or logits); apply a sigmoid first if needed");
                }
            }
        }
        return sum / wsum;
    }

    /** Multiclass log loss: {@code probability[i][c]} = P(row i is class code c); rows should sum to 1. */
    public static double logLoss(int[] truth, double[][] probability, double[] weights) {
        Checks.sameLength(truth.length, probability.length, "probability");
        Checks.weights(weights, truth.length);
        double sum = 0, wsum = 0;
        for (int i = 0; i < truth.length; i++) {
            double[] row = probability[i];
            int t = truth[i];
            if (t < 0 || t >= row.length) {
                throw DataValidationException.param("truth[" + i + "]", t, "must be a class code in [0, " + row.length + ")",
                        "give one probability column per class");
            }
            double norm = 0;
            for (double p : row) {
                if (!(p >= 0 && p <= 1)) {
                    throw DataValidationException.param("probability[" + i + "]", java.util.Arrays.toString(row),
                            "every entry must be in [0, 1]", "pass class probabilities");
                }
                norm += Math.min(Math.max(p, LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON);
            }
            double c = Math.min(Math.max(row[t], LOG_LOSS_EPSILON), 1 - LOG_LOSS_EPSILON) / norm;
            double w = weights == null ? 1.0 : weights[i];
            sum -= w * Math.log(c);
            wsum += w;
        }
        return sum / wsum;
    }

    /** The ROC curve (FPR, TPR at each distinct threshold, highest first, starting at (0, 0)). */
    public static Curve rocCurve(int[] truth, double[] score, int positive, double[] weights) {
        return Curve.roc(truth, score, positive, weights);
    }

    /** The precision/recall curve at each distinct threshold, highest first. */
    public static Curve precisionRecallCurve(int[] truth, double[] score, int positive, double[] weights) {
        return Curve.precisionRecall(truth, score, positive, weights);
    }

    static void requireBothClasses(double pos, double neg, String metric, int positive) {
        if (pos == 0 || neg == 0) {
            throw DataValidationException.param("truth", pos == 0 ? "no positive rows" : "no negative rows",
                    metric + " needs both classes in the truth (positive code " + positive + ")",
                    "evaluate on a sample that contains both classes, or report accuracy instead");
        }
    }
}
