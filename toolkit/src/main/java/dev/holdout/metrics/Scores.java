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

    /**
     * Multiclass ROC AUC from class probabilities, exactly scikit-learn's {@code roc_auc_score(y, p, multi_class=...,
     * average=...)}: {@code probability[i][c]} = P(row i is class code c), every row summing to 1 (within
     * {@code 1e-5}, as numpy's {@code allclose}); every class code in {@code [0, k)} must occur in the truth, or its
     * one-vs-rest (or pairwise) AUC is undefined.
     *
     * <pre>{@code
     * int[] truth = {0, 1, 2, 2};
     * double[][] p = {{.7, .2, .1}, {.2, .5, .3}, {.1, .3, .6}, {.3, .3, .4}};
     * Scores.rocAuc(truth, p, MultiClass.OVR, Average.MACRO, null);   // 1.0
     * }</pre>
     *
     * @param average MACRO or WEIGHTED (and MICRO for one-vs-rest)
     * @param weights sample weights (one-vs-rest only, as scikit-learn), or null
     */
    public static double rocAuc(int[] truth, double[][] probability, MultiClass multiClass, Average average, double[] weights) {
        int k = checkProbabilities(truth, probability);
        Checks.weights(weights, truth.length);
        if (average == Average.BINARY) {
            throw DataValidationException.param("average", "binary", "is for two classes; " + k + " score columns are " + k + " classes",
                    "use macro or weighted" + (multiClass == MultiClass.OVR ? " (or micro)" : ""));
        }
        double[] present = new double[k];
        for (int i = 0; i < truth.length; i++) present[truth[i]] += weights == null ? 1 : weights[i];
        for (int c = 0; c < k; c++) {
            if (present[c] == 0) {
                throw DataValidationException.param("truth", "no rows of class code " + c, "multiclass ROC AUC needs every class in the "
                        + "truth (its one-vs-" + (multiClass == MultiClass.OVR ? "rest" : "one") + " AUC is undefined without it)",
                        "evaluate on rows of every class, or drop the score column of the absent class");
            }
        }
        if (multiClass == MultiClass.OVO) {
            if (weights != null) {
                throw DataValidationException.param("weight", "given", "scikit-learn defines no weighted one-vs-one ROC AUC",
                        "drop the weights or use one-vs-rest (ovr)");
            }
            if (average == Average.MICRO) {
                throw DataValidationException.param("average", "micro", "one-vs-one ROC AUC is averaged macro or weighted",
                        "use macro or weighted, or one-vs-rest for micro");
            }
            return ovo(truth, probability, k, average == Average.WEIGHTED);
        }
        int n = truth.length;
        if (average == Average.MICRO) {
            // every (row, class) cell is one binary example: truth 1 for the row's class
            int[] t = new int[n * k];
            double[] s = new double[n * k];
            double[] w = weights == null ? null : new double[n * k];
            for (int i = 0; i < n; i++) {
                for (int c = 0; c < k; c++) {
                    t[i * k + c] = truth[i] == c ? 1 : 0;
                    s[i * k + c] = probability[i][c];
                    if (w != null) w[i * k + c] = weights[i];
                }
            }
            return rocAuc(t, s, 1, w);
        }
        double[] column = new double[n];
        double sum = 0, total = 0;
        for (int c = 0; c < k; c++) {
            for (int i = 0; i < n; i++) column[i] = probability[i][c];
            double auc = rocAuc(truth, column, c, weights);
            double weight = average == Average.WEIGHTED ? present[c] : 1;
            sum += weight * auc;
            total += weight;
        }
        return sum / total;
    }

    /** Hand and Till's pairwise AUC, as scikit-learn's {@code _average_multiclass_ovo_score}. */
    private static double ovo(int[] truth, double[][] probability, int k, boolean weighted) {
        int n = truth.length;
        double sum = 0, total = 0;
        int[] rows = new int[n];
        for (int a = 0; a < k; a++) {
            for (int b = a + 1; b < k; b++) {
                int m = 0;
                for (int i = 0; i < n; i++) if (truth[i] == a || truth[i] == b) rows[m++] = i;
                int[] t = new int[m];
                double[] sa = new double[m], sb = new double[m];
                for (int j = 0; j < m; j++) {
                    t[j] = truth[rows[j]];
                    sa[j] = probability[rows[j]][a];
                    sb[j] = probability[rows[j]][b];
                }
                double pair = (rocAuc(t, sa, a, null) + rocAuc(t, sb, b, null)) / 2;
                double weight = weighted ? (double) m / n : 1;
                sum += weight * pair;
                total += weight;
            }
        }
        return sum / total;
    }

    /** The number of classes (columns); each row a probability vector summing to 1, each truth code a column. */
    static int checkProbabilities(int[] truth, double[][] probability) {
        Checks.sameLength(truth.length, probability.length, "probability");
        if (probability.length == 0) throw DataValidationException.param("probability", "[]", "needs at least one row", "pass the scored rows");
        int k = probability[0].length;
        if (k < 3) {
            throw DataValidationException.param("probability", k + " columns", "multiclass ROC AUC needs a column per class, three or more",
                    "for two classes pass the positive class's probability as one score");
        }
        for (int i = 0; i < probability.length; i++) {
            double[] row = probability[i];
            if (row.length != k) {
                throw DataValidationException.param("probability[" + i + "]", row.length + " columns", "every row needs " + k + " columns",
                        "give one probability per class in every row");
            }
            double s = 0;
            for (double p : row) {
                if (!(p >= 0 && p <= 1)) {
                    throw DataValidationException.param("probability[" + i + "]", java.util.Arrays.toString(row), "every entry must be in [0, 1]",
                            "pass class probabilities");
                }
                s += p;
            }
            // numpy.allclose(1, s): |s - 1| <= 1e-8 + 1e-5 * |s|, scikit-learn's test
            if (!(Math.abs(s - 1) <= 1e-8 + 1e-5 * Math.abs(s))) {
                throw DataValidationException.param("probability[" + i + "]", java.util.Arrays.toString(row), "sums to " + s
                                + ", not 1: multiclass ROC AUC takes class probabilities, as scikit-learn",
                        "pass every class's probability (a softmax output), not raw scores");
            }
            int t = truth[i];
            if (t < 0 || t >= k) {
                throw DataValidationException.param("truth[" + i + "]", t, "must be a class code in [0, " + k + ")", "give one probability column per class");
            }
        }
        return k;
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
