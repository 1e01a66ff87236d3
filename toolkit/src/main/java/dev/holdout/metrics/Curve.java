package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import dev.holdout.report.Charts;
import java.util.Arrays;

/**
 * A ROC or precision/recall curve: one point per distinct score threshold, from the highest
 * threshold to the lowest (a row is predicted positive when {@code score >= threshold}). The ROC
 * curve also starts at (0, 0) with threshold +∞, as scikit-learn. Arrays are copied out.
 *
 * <pre>{@code
 * Curve pr = Curve.precisionRecall(truth, score);     // class code 1 is positive, every row weighs 1
 * Curve roc = Curve.roc(truth, score);
 * Curve weighted = Scores.precisionRecallCurve(truth, score, 0, weights);   // class code 0 positive, sample weights
 * ThresholdChoice t = pr.thresholdForPrecision(0.9);  // the lowest threshold with precision >= 0.9
 * Charts.savePng(pr.chart().image(), Path.of("pr.png"));
 * }</pre>
 */
public final class Curve {
    /** Which curve this is; decides the axes. */
    public enum Kind { ROC, PRECISION_RECALL }

    private final Kind kind;
    private final double[] thresholds;
    private final double[] precision;
    private final double[] recall;
    private final double[] fpr;

    private Curve(Kind kind, double[] thresholds, double[] precision, double[] recall, double[] fpr) {
        this.kind = kind;
        this.thresholds = thresholds;
        this.precision = precision;
        this.recall = recall;
        this.fpr = fpr;
    }

    /** The ROC curve of class code 1 against the rest, unweighted. */
    public static Curve roc(int[] truth, double[] score) { return build(Kind.ROC, truth, score, 1, null); }

    /** The precision/recall curve of class code 1 against the rest, unweighted. */
    public static Curve precisionRecall(int[] truth, double[] score) { return build(Kind.PRECISION_RECALL, truth, score, 1, null); }

    static Curve roc(int[] truth, double[] score, int positive, double[] weights) {
        return build(Kind.ROC, truth, score, positive, weights);
    }

    static Curve precisionRecall(int[] truth, double[] score, int positive, double[] weights) {
        return build(Kind.PRECISION_RECALL, truth, score, positive, weights);
    }

    private static Curve build(Kind kind, int[] truth, double[] score, int positive, double[] weights) {
        Checks.sameLength(truth.length, score.length, "score");
        Checks.weights(weights, truth.length);
        Checks.finite(score, "score");
        int[] order = ScoreOrder.descending(score);
        int n = order.length;
        double[] th = new double[n + 1], tp = new double[n + 1], fp = new double[n + 1];
        int m = 0;
        if (kind == Kind.ROC) {
            th[0] = Double.POSITIVE_INFINITY;
            m = 1;
        }
        double tps = 0, fps = 0;
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
            th[m] = s;
            tp[m] = tps;
            fp[m] = fps;
            m++;
            i = j;
        }
        double pos = tps, neg = fps;
        if (kind == Kind.ROC) Scores.requireBothClasses(pos, neg, "the ROC curve", positive);
        if (kind == Kind.PRECISION_RECALL && pos == 0) Scores.requireBothClasses(pos, 1, "the precision/recall curve", positive);
        double[] prec = new double[m], rec = new double[m], fpr = new double[m];
        for (int k = 0; k < m; k++) {
            prec[k] = tp[k] + fp[k] == 0 ? 1.0 : tp[k] / (tp[k] + fp[k]);
            rec[k] = tp[k] / pos;
            fpr[k] = neg == 0 ? 0 : fp[k] / neg;
        }
        return new Curve(kind, Arrays.copyOf(th, m), prec, rec, fpr);
    }

    public Kind kind() { return kind; }

    public int size() { return thresholds.length; }

    public double[] thresholds() { return thresholds.clone(); }

    /** Precision at each threshold (1 where nothing is predicted positive). */
    public double[] precision() { return precision.clone(); }

    /** Recall = true positive rate at each threshold. */
    public double[] recall() { return recall.clone(); }

    /** False positive rate at each threshold. */
    public double[] falsePositiveRate() { return fpr.clone(); }

    /** Area under the ROC points by the trapezoid rule (equals {@link Scores#rocAuc}). */
    public double area() {
        double[] x = kind == Kind.ROC ? fpr : recall;
        double[] y = kind == Kind.ROC ? recall : precision;
        double a = 0;
        for (int i = 1; i < x.length; i++) a += (x[i] - x[i - 1]) * (y[i] + y[i - 1]) / 2;
        return a;
    }

    /** The lowest threshold (so the highest recall) whose precision is at least {@code target}. */
    public ThresholdChoice thresholdForPrecision(double target) {
        checkTarget("precision", target);
        int best = -1;
        for (int i = 0; i < size(); i++) {
            if (Double.isFinite(thresholds[i]) && precision[i] >= target) best = i;
        }
        if (best < 0) {
            double max = 0;
            for (int i = 0; i < size(); i++) if (Double.isFinite(thresholds[i])) max = Math.max(max, precision[i]);
            throw DataValidationException.param("target_precision", target,
                    "no threshold reaches it; the highest precision on this data is " + max,
                    "lower the target or improve the model");
        }
        return choice(best, "precision >= " + target);
    }

    /** The highest threshold (so the highest precision) whose recall is at least {@code target}. */
    public ThresholdChoice thresholdForRecall(double target) {
        checkTarget("recall", target);
        for (int i = 0; i < size(); i++) {
            if (Double.isFinite(thresholds[i]) && recall[i] >= target) return choice(i, "recall >= " + target);
        }
        throw new IllegalStateException("recall reaches 1 at the lowest threshold");
    }

    private ThresholdChoice choice(int i, String goal) {
        return new ThresholdChoice(goal, thresholds[i], precision[i], recall[i], fpr[i]);
    }

    private static void checkTarget(String what, double target) {
        if (!(target > 0 && target <= 1)) {
            throw DataValidationException.param("target_" + what, target, "must be in (0, 1]",
                    "pass a fraction such as 0.9");
        }
    }

    /**
     * The curve as a line chart (at most about 2,000 points, evenly thinned). The ROC chart has the chance diagonal;
     * the precision/recall chart has the precision of flagging at random (the positive share) as its baseline.
     */
    public Charts.Line chart() {
        double[] x = kind == Kind.ROC ? fpr : recall;
        double[] y = kind == Kind.ROC ? recall : precision;
        int step = Math.max(1, x.length / 2000);
        int m = (x.length + step - 1) / step;
        double[] xs = new double[m + 1], ys = new double[m + 1];
        int k = 0;
        for (int i = 0; i < x.length; i += step) {
            xs[k] = x[i];
            ys[k] = y[i];
            k++;
        }
        if (k == 0 || xs[k - 1] != x[x.length - 1] || ys[k - 1] != y[y.length - 1]) {
            xs[k] = x[x.length - 1];
            ys[k] = y[y.length - 1];
            k++;
        }
        xs = Arrays.copyOf(xs, k);
        ys = Arrays.copyOf(ys, k);
        if (kind == Kind.ROC) {
            return Charts.line("ROC curve (AUC " + String.format(java.util.Locale.ROOT, "%.3f", area()) + ")",
                            "false positive rate (share of negatives flagged)", "true positive rate (share of positives found)")
                    .series("model", xs, ys).reference("chance (random scores)", new double[] {0, 1}, new double[] {0, 1});
        }
        double base = positiveShare();
        return Charts.line("Precision / recall curve (average precision " + String.format(java.util.Locale.ROOT, "%.3f",
                                averagePrecision()) + ")",
                        "recall (share of positives found)", "precision (share of flagged that are positive)")
                .series("model", xs, ys)
                .reference("random flagging (positive share " + String.format(java.util.Locale.ROOT, "%.3f", base) + ")",
                        new double[] {0, 1}, new double[] {base, base});
    }

    /**
     * {@link #chart()} with the threshold {@code chosen} marked as a point, e.g. the threshold picked on validation
     * rows drawn on the curve of the same rows.
     */
    public Charts.Line chart(ThresholdChoice chosen) {
        double x = kind == Kind.ROC ? chosen.falsePositiveRate() : chosen.recall();
        double y = kind == Kind.ROC ? chosen.recall() : chosen.precision();
        return chart().points(String.format(java.util.Locale.ROOT, "threshold %s (%s)", Charts.tickLabel(chosen.threshold()),
                chosen.goal()), new double[] {x}, new double[] {y});
    }

    /**
     * Average precision read off a precision/recall curve's points: Σ (Rₙ − Rₙ₋₁)·Pₙ, highest threshold first —
     * the same number as {@link Scores#averagePrecision} on the rows the curve was made from.
     */
    public double averagePrecision() {
        double ap = 0, previous = 0;
        for (int i = 0; i < recall.length; i++) {
            ap += (recall[i] - previous) * precision[i];
            previous = recall[i];
        }
        return ap;
    }

    /** The precision at the lowest threshold, where every row is flagged: the share of positives. */
    private double positiveShare() {
        return precision[precision.length - 1];
    }

    /** The chart as an inline PNG, for notebooks and HTML reports. */
    public String toHtml() {
        return dev.holdout.report.Html.image(chart().image(), kind == Kind.ROC ? "ROC curve" : "Precision/recall curve");
    }

    @Override public String toString() {
        return (kind == Kind.ROC ? "RocCurve" : "PrecisionRecallCurve") + "[" + size() + " points]";
    }
}
