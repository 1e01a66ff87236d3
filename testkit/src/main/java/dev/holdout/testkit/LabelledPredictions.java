package dev.holdout.testkit;

import java.util.Arrays;

/**
 * One generated case for a classification metric: true class codes, predicted codes, a score per row (the
 * probability of class 1, for binary cases), and optional non-negative weights. Codes are 0 .. classes−1.
 *
 * <pre>{@code
 * @Property void myMetricIsBounded(@ForAll("binary") LabelledPredictions p) {
 *     MetricLaws.bounded(MyMetrics::f1, p, 0, 1);
 * }
 * @Provide Arbitrary<LabelledPredictions> binary() { return Predictions.binary(); }
 * }</pre>
 *
 * @param weights null when unweighted
 */
public record LabelledPredictions(int[] truth, int[] predicted, double[] score, double[] weights, int classes) {
    public LabelledPredictions {
        if (truth.length != predicted.length || truth.length != score.length || (weights != null && weights.length != truth.length)) {
            throw new IllegalArgumentException("arrays of different lengths: truth " + truth.length + ", predicted " + predicted.length
                    + ", score " + score.length + (weights == null ? "" : ", weights " + weights.length));
        }
    }

    public int rows() { return truth.length; }

    /** The rows in {@code order} (a permutation of 0 .. rows−1). */
    public LabelledPredictions permuted(int[] order) {
        int n = rows();
        int[] t = new int[n], p = new int[n];
        double[] s = new double[n], w = weights == null ? null : new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = truth[order[i]];
            p[i] = predicted[order[i]];
            s[i] = score[order[i]];
            if (w != null) w[i] = weights[order[i]];
        }
        return new LabelledPredictions(t, p, s, w, classes);
    }

    /** The same case with the classes renamed by {@code mapping} (code c becomes mapping[c]). */
    public LabelledPredictions relabelled(int[] mapping) {
        int n = rows();
        int[] t = new int[n], p = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = mapping[truth[i]];
            p[i] = mapping[predicted[i]];
        }
        return new LabelledPredictions(t, p, score.clone(), weights == null ? null : weights.clone(), classes);
    }

    /** Whole-number weights written out as repeated rows (each row {@code weights[i]} times), unweighted. */
    public LabelledPredictions repeated() {
        if (weights == null) return this;
        int total = 0;
        for (double w : weights) {
            if (w != Math.rint(w) || w < 0) throw new IllegalArgumentException("weights must be whole numbers >= 0 to repeat rows: " + w);
            total += (int) w;
        }
        int[] t = new int[total], p = new int[total];
        double[] s = new double[total];
        int k = 0;
        for (int i = 0; i < rows(); i++) {
            for (int c = 0; c < (int) weights[i]; c++) {
                t[k] = truth[i];
                p[k] = predicted[i];
                s[k++] = score[i];
            }
        }
        return new LabelledPredictions(t, p, s, null, classes);
    }

    @Override public String toString() {
        return "LabelledPredictions[truth=" + Arrays.toString(truth) + ", predicted=" + Arrays.toString(predicted) + ", score="
                + Arrays.toString(score) + (weights == null ? "" : ", weights=" + Arrays.toString(weights)) + ", classes=" + classes + "]";
    }

    @Override public boolean equals(Object o) {
        return o instanceof LabelledPredictions p && classes == p.classes && Arrays.equals(truth, p.truth) && Arrays.equals(predicted, p.predicted)
                && Arrays.equals(score, p.score) && Arrays.equals(weights, p.weights);
    }

    @Override public int hashCode() { return Arrays.hashCode(truth) * 31 + Arrays.hashCode(predicted); }
}
