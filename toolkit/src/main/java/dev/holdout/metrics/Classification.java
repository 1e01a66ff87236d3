package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/**
 * Classification metrics over label codes in {@code int[]} arrays, {@code (truth, predicted)} order.
 * Each function is one pass without boxing; {@code weights} may be {@code null} (every row weighs 1).
 * String or arbitrary integer labels are mapped to codes by {@link dev.holdout.data.LabelVocabulary}.
 *
 * <pre>{@code
 * int[] truth = {1, 0, 1, 1, 0};
 * int[] pred  = {1, 0, 0, 1, 1};
 * Classification.accuracy(truth, pred);         // 0.6
 * Classification.precision(truth, pred, 1);     // 0.6667 (2 of 3 predicted positives are right)
 * Classification.recall(truth, pred, 1);        // 0.6667
 * Classification.f1(truth, pred, 1);            // 0.6667
 * }</pre>
 */
public final class Classification {
    private Classification() {}

    /** Fraction of rows where the prediction equals the truth. */
    public static double accuracy(int[] truth, int[] predicted) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        int correct = 0; // an int cannot overflow: it counts at most truth.length rows
        for (int i = 0; i < truth.length; i++) {
            correct += equal(truth[i], predicted[i]);
        }
        return (double) correct / truth.length;
    }

    /** Weighted fraction of correct rows; {@code weights == null} is the unweighted case. */
    public static double accuracy(int[] truth, int[] predicted, double[] weights) {
        if (weights == null) return accuracy(truth, predicted);
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        double correct = 0, total = 0;
        for (int i = 0; i < truth.length; i++) {
            double w = weights[i];
            correct += equal(truth[i], predicted[i]) * w;
            total += w;
        }
        return correct / total;
    }

    /** TP, FP, FN, TN for class {@code positive} in one pass; every other code counts as negative. */
    public static BinaryCounts binaryCounts(int[] truth, int[] predicted, int positive, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        int n = truth.length;
        if (weights == null) {
            // Branch-free: count TP, predicted positives and actual positives; the rest follows.
            int tp = 0, pp = 0, ap = 0; // ints cannot overflow: each counts at most n rows
            for (int i = 0; i < n; i++) {
                int t = equal(truth[i], positive);
                int p = equal(predicted[i], positive);
                tp += t & p;
                pp += p;
                ap += t;
            }
            return new BinaryCounts(tp, pp - tp, ap - tp, (long) n - pp - ap + tp);
        }
        Checks.weights(weights, n);
        double tp = 0, pp = 0, ap = 0, all = 0;
        for (int i = 0; i < n; i++) {
            double w = weights[i];
            int t = equal(truth[i], positive);
            int p = equal(predicted[i], positive);
            tp += (t & p) * w;
            pp += p * w;
            ap += t * w;
            all += w;
        }
        // Clamp the differences at 0: they are exact sums of the same weights, rounding aside.
        return new BinaryCounts(tp, Math.max(0, pp - tp), Math.max(0, ap - tp), Math.max(0, all - pp - ap + tp));
    }

    /** Precision of class {@code positive}; 0 when nothing is predicted positive. */
    public static double precision(int[] truth, int[] predicted, int positive) {
        return binaryCounts(truth, predicted, positive, null).precision(ZeroDivision.ZERO);
    }

    /** Recall of class {@code positive}; 0 when no row is positive. */
    public static double recall(int[] truth, int[] predicted, int positive) {
        return binaryCounts(truth, predicted, positive, null).recall(ZeroDivision.ZERO);
    }

    /** F1 of class {@code positive}, 2TP/(2TP+FP+FN); 0 when TP+FP+FN = 0. */
    public static double f1(int[] truth, int[] predicted, int positive) {
        return binaryCounts(truth, predicted, positive, null).f1(ZeroDivision.ZERO);
    }

    /** F-beta of class {@code positive}: β &lt; 1 favours precision, β &gt; 1 favours recall. */
    public static double fbeta(int[] truth, int[] predicted, int positive, double beta) {
        return binaryCounts(truth, predicted, positive, null).fbeta(beta, ZeroDivision.ZERO);
    }

    /** Precision, recall or F-beta with weights and an explicit zero-division policy. */
    public static double precision(int[] truth, int[] predicted, int positive, double[] weights, ZeroDivision zd) {
        return binaryCounts(truth, predicted, positive, weights).precision(zd);
    }

    public static double recall(int[] truth, int[] predicted, int positive, double[] weights, ZeroDivision zd) {
        return binaryCounts(truth, predicted, positive, weights).recall(zd);
    }

    public static double f1(int[] truth, int[] predicted, int positive, double[] weights, ZeroDivision zd) {
        return binaryCounts(truth, predicted, positive, weights).f1(zd);
    }

    /** Balanced accuracy, MCC and specificity over any number of classes go through the confusion matrix. */
    public static ConfusionMatrix confusionMatrix(int[] truth, int[] predicted, int numClasses, double[] weights) {
        return ConfusionMatrix.of(truth, predicted, numClasses, weights);
    }

    /** Mean per-class recall over the classes present in the truth. */
    public static double balancedAccuracy(int[] truth, int[] predicted, int numClasses, double[] weights) {
        return ConfusionMatrix.of(truth, predicted, numClasses, weights).balancedAccuracy();
    }

    /** Matthews correlation, multiclass; 0 when its denominator is 0. */
    public static double mcc(int[] truth, int[] predicted, int numClasses, double[] weights) {
        return ConfusionMatrix.of(truth, predicted, numClasses, weights).mcc();
    }

    // Averaged precision, recall and F-beta over any number of classes: ClassificationReport.of(truth, predicted,
    // options) or ConfusionMatrix.of(...).precision(average, positive, zeroDivision). No overload here takes a class
    // count where another takes the positive label.

    /** 1 when a == b, else 0, without a branch (random labels would defeat the branch predictor). */
    static int equal(int a, int b) {
        int x = a ^ b;
        return ((x | -x) >>> 31) ^ 1;
    }

    static void checkBeta(double beta) {
        if (!(beta >= 0)) {
            throw DataValidationException.param("beta", beta, "must be >= 0 (0 gives precision, infinity gives recall)",
                    "pass beta=1 for F1, 0.5 to favour precision, 2 to favour recall");
        }
    }
}
