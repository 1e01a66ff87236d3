package dev.holdout.metrics;

/**
 * The four cells of a binary confusion matrix (weighted sums when weights were given), and every
 * metric that follows from them. Undefined ratios follow scikit-learn: F-beta is computed from
 * counts, so it is undefined only when TP + FP + FN = 0; MCC is 0 when its denominator is 0.
 *
 * <pre>{@code
 * BinaryCounts c = Classification.binaryCounts(new int[] {1, 1, 0, 0}, new int[] {1, 0, 0, 1}, 1, null);
 * c.precision(ZeroDivision.ZERO);   // 0.5  (tp=1, fp=1)
 * c.recall(ZeroDivision.ZERO);      // 0.5  (tp=1, fn=1)
 * c.f1(ZeroDivision.ZERO);          // 0.5
 * }</pre>
 */
public record BinaryCounts(double tp, double fp, double fn, double tn) {

    public double total() { return tp + fp + fn + tn; }

    /** TP / (TP + FP); {@code zeroDivision} when nothing was predicted positive. */
    public double precision(ZeroDivision zeroDivision) {
        double d = tp + fp;
        return d == 0 ? zeroDivision.value() : tp / d;
    }

    /** TP / (TP + FN); {@code zeroDivision} when no row is actually positive. */
    public double recall(ZeroDivision zeroDivision) {
        double d = tp + fn;
        return d == 0 ? zeroDivision.value() : tp / d;
    }

    /** TN / (TN + FP), the recall of the negative class; {@code zeroDivision} when no row is negative. */
    public double specificity(ZeroDivision zeroDivision) {
        double d = tn + fp;
        return d == 0 ? zeroDivision.value() : tn / d;
    }

    /** (1+β²)TP / ((1+β²)TP + β²FN + FP), from counts as scikit-learn; {@code zeroDivision} when TP+FP+FN = 0. */
    public double fbeta(double beta, ZeroDivision zeroDivision) {
        Classification.checkBeta(beta);
        if (beta == Double.POSITIVE_INFINITY) return recall(zeroDivision);
        double b2 = beta * beta;
        double d = (1 + b2) * tp + b2 * fn + fp;
        if (tp + fp + fn == 0) return zeroDivision.value();
        return (1 + b2) * tp / d;
    }

    /** 2TP / (2TP + FP + FN). */
    public double f1(ZeroDivision zeroDivision) {
        return fbeta(1.0, zeroDivision);
    }

    /** (TP + TN) / total. */
    public double accuracy() { return (tp + tn) / total(); }

    /** Mean recall over the classes that occur in the truth (scikit-learn drops a class absent from the truth). */
    public double balancedAccuracy() {
        double pos = tp + fn, neg = tn + fp;
        if (pos > 0 && neg > 0) return 0.5 * (tp / pos + tn / neg);
        return pos > 0 ? tp / pos : tn / neg;
    }

    /** Matthews correlation coefficient; 0 when any marginal is empty (scikit-learn). */
    public double mcc() {
        double d = (tp + fp) * (tp + fn) * (tn + fp) * (tn + fn);
        if (d == 0) return 0.0;
        return (tp * tn - fp * fn) / Math.sqrt(d);
    }

    /** No predicted positives: precision took the zero-division value. */
    public boolean precisionUndefined() { return tp + fp == 0; }

    /** No actual positives: recall took the zero-division value. */
    public boolean recallUndefined() { return tp + fn == 0; }

    /** TP + FP + FN = 0: F-beta took the zero-division value. */
    public boolean fUndefined() { return tp + fp + fn == 0; }

    @Override public String toString() {
        return "BinaryCounts[tp=" + fmt(tp) + ", fp=" + fmt(fp) + ", fn=" + fmt(fn) + ", tn=" + fmt(tn) + "]";
    }

    /** A 2×2 table (rows = truth, columns = predicted), positive first. */
    public String toHtml() {
        return dev.holdout.report.Html.table(java.util.List.of("truth \\ predicted", "positive", "negative"),
                java.util.List.of(java.util.List.of("positive", fmt(tp), fmt(fn)), java.util.List.of("negative", fmt(fp), fmt(tn))));
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
