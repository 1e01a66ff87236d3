package dev.holdout.testkit;

/**
 * Reference implementations of the classification metrics, written for clarity, not speed: straight from the
 * definitions (counts of the confusion matrix, ROC AUC as the share of positive–negative pairs ranked right with ties
 * counting ½, O(n²)). Compare your implementation to these on generated cases. Weights count as repeats of rows;
 * {@code positive} is the class code of the positive class. Undefined values follow scikit-learn's
 * {@code zero_division=0}: precision with nothing predicted positive is 0, and so on.
 *
 * <pre>{@code
 * assertEquals(ReferenceMetrics.f1(p.truth(), p.predicted(), 1, p.weights()), myF1(p.truth(), p.predicted()), 1e-12);
 * }</pre>
 */
public final class ReferenceMetrics {
    private ReferenceMetrics() {}

    private static double w(double[] weights, int i) { return weights == null ? 1 : weights[i]; }

    public static double accuracy(int[] truth, int[] predicted, double[] weights) {
        double right = 0, all = 0;
        for (int i = 0; i < truth.length; i++) {
            all += w(weights, i);
            if (truth[i] == predicted[i]) right += w(weights, i);
        }
        return right / all;
    }

    /** [tp, fp, fn, tn] for class {@code positive}. */
    public static double[] counts(int[] truth, int[] predicted, int positive, double[] weights) {
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean t = truth[i] == positive, p = predicted[i] == positive;
            if (t && p) tp += w(weights, i);
            else if (!t && p) fp += w(weights, i);
            else if (t) fn += w(weights, i);
            else tn += w(weights, i);
        }
        return new double[] {tp, fp, fn, tn};
    }

    public static double precision(int[] truth, int[] predicted, int positive, double[] weights) {
        double[] c = counts(truth, predicted, positive, weights);
        return c[0] + c[1] == 0 ? 0 : c[0] / (c[0] + c[1]);
    }

    public static double recall(int[] truth, int[] predicted, int positive, double[] weights) {
        double[] c = counts(truth, predicted, positive, weights);
        return c[0] + c[2] == 0 ? 0 : c[0] / (c[0] + c[2]);
    }

    /** F1 = 2·tp / (2·tp + fp + fn), 0 when there is no positive in the truth or the predictions. */
    public static double f1(int[] truth, int[] predicted, int positive, double[] weights) {
        double[] c = counts(truth, predicted, positive, weights);
        double d = 2 * c[0] + c[1] + c[2];
        return d == 0 ? 0 : 2 * c[0] / d;
    }

    /** The unweighted mean of each class's F1 over {@code classes} classes. */
    public static double macroF1(int[] truth, int[] predicted, int classes, double[] weights) {
        double s = 0;
        for (int c = 0; c < classes; c++) s += f1(truth, predicted, c, weights);
        return s / classes;
    }

    /** P(score of a random positive > score of a random negative), ties ½; NaN with only one class. */
    public static double rocAuc(int[] truth, double[] score, int positive, double[] weights) {
        double num = 0, den = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] != positive) continue;
            for (int j = 0; j < truth.length; j++) {
                if (truth[j] == positive) continue;
                double pair = w(weights, i) * w(weights, j);
                den += pair;
                num += pair * (score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0);
            }
        }
        return den == 0 ? Double.NaN : num / den;
    }

    /** Mean squared difference between the score and the 0/1 outcome. */
    public static double brier(int[] truth, double[] score, int positive, double[] weights) {
        double s = 0, all = 0;
        for (int i = 0; i < truth.length; i++) {
            double d = score[i] - (truth[i] == positive ? 1 : 0);
            s += w(weights, i) * d * d;
            all += w(weights, i);
        }
        return s / all;
    }

    /** Log loss with probabilities clipped to [1e-15, 1 − 1e-15]. */
    public static double logLoss(int[] truth, double[] score, int positive, double[] weights) {
        double s = 0, all = 0;
        for (int i = 0; i < truth.length; i++) {
            double p = Math.min(1 - 1e-15, Math.max(1e-15, score[i]));
            s -= w(weights, i) * (truth[i] == positive ? Math.log(p) : Math.log(1 - p));
            all += w(weights, i);
        }
        return s / all;
    }
}
