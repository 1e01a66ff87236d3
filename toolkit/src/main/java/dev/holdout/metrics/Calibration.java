package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import dev.holdout.report.Charts;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How far predicted probabilities are from the frequencies they claim: the Brier score, the expected calibration
 * error and the reliability curve. A model can rank well (high ROC AUC) and still be badly calibrated — its 0.9s
 * come true 60% of the time — which matters whenever the probability itself is used (expected cost, a threshold
 * chosen on probabilities, a risk shown to a person). Fix it with a {@link Calibrator} fitted on the validation part.
 *
 * <p>Binning, as scikit-learn's {@code calibration_curve} (1.2): {@code uniform} cuts [0, 1] into B equal bins,
 * {@code quantile} at the B-quantiles of the probabilities (numpy's linear percentile); a probability on an inner
 * edge goes to the lower bin ({@code searchsorted(edges[1:-1], p)}, side left); empty bins are dropped. The
 * expected calibration error is {@code Σ_b (n_b / n) · |frac_positive_b − mean_probability_b|} over the same bins
 * (weights count as repeats).
 *
 * <pre>{@code
 * Calibration.brier(truth, prob, 1, null);                                   // 0.162
 * Calibration.Curve c = Calibration.curve(truth, prob, 1, null, 10, Calibration.Strategy.UNIFORM);
 * c.ece();        // 0.087: the probabilities are 8.7 points off on average
 * c.chart();      // the reliability diagram, with the diagonal of perfect calibration
 * }</pre>
 */
public final class Calibration {
    private Calibration() {}

    /** How the reliability curve's bins are cut. */
    public enum Strategy {
        UNIFORM, QUANTILE;

        public static Strategy parse(String s) {
            if (s != null) {
                switch (s.trim().toLowerCase(Locale.ROOT)) {
                    case "uniform": return UNIFORM;
                    case "quantile": return QUANTILE;
                    default:
                }
            }
            throw DataValidationException.param("calibration-strategy", s, "must be uniform or quantile", "pass --calibration-strategy uniform");
        }

        public String key() { return name().toLowerCase(Locale.ROOT); }
    }

    /** Mean squared difference between the probability of the positive class and the 0/1 outcome (lower is better). */
    public static double brier(int[] truth, double[] probability, int positive, double[] weights) {
        check(truth, probability, weights);
        double s = 0, w = 0;
        for (int i = 0; i < truth.length; i++) {
            double wi = weights == null ? 1 : weights[i];
            double d = probability[i] - (truth[i] == positive ? 1 : 0);
            s += wi * d * d;
            w += wi;
        }
        return s / w;
    }

    /**
     * The reliability curve over the non-empty bins, in increasing order of probability.
     *
     * @param probTrue the fraction of positives in each bin
     * @param probPred the mean predicted probability in each bin
     * @param count    the (weighted) rows in each bin
     * @param edges    the bin edges used (B + 1 of them)
     */
    public record Curve(double[] probTrue, double[] probPred, double[] count, double[] edges, Strategy strategy, double ece, double brier) {
        /** The largest gap between a bin's frequency and its mean probability (the maximum calibration error). */
        public double maxError() {
            double m = 0;
            for (int i = 0; i < probTrue.length; i++) m = Math.max(m, Math.abs(probTrue[i] - probPred[i]));
            return m;
        }

        /** JSON shape: {@code prob_true}, {@code prob_pred}, {@code count}. */
        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("prob_true", probTrue);
            m.put("prob_pred", probPred);
            m.put("count", count);
            return m;
        }

        /** The reliability diagram: each bin's fraction of positives against its mean probability, and the diagonal. */
        public Charts.Line chart() {
            return Charts.line(String.format(Locale.ROOT, "Reliability (%d %s bins, ECE %.3f)", edges.length - 1, strategy.key(), ece),
                            "mean predicted probability", "fraction of positives")
                    .series("model", probPred, probTrue).reference("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
        }

        public String toHtml() { return dev.holdout.report.Html.image(chart().image(), "Reliability diagram"); }

        @Override public String toString() {
            return String.format(Locale.ROOT, "reliability curve: %d bins (%s), ECE %.4f, max error %.4f, Brier %.4f", probTrue.length, strategy.key(),
                    ece, maxError(), brier);
        }
    }

    public static Curve curve(int[] truth, double[] probability, int positive, double[] weights, int bins, Strategy strategy) {
        check(truth, probability, weights);
        if (bins < 1) throw DataValidationException.param("calibration-bins", bins, "must be >= 1", "pass 10");
        double[] edges = new double[bins + 1];
        if (strategy == Strategy.UNIFORM) {
            // numpy linspace: start + i * step, the last edge exactly 1
            for (int i = 0; i <= bins; i++) edges[i] = (double) i / bins;
        } else {
            double[] sorted = probability.clone();
            Arrays.sort(sorted);
            for (int i = 0; i <= bins; i++) edges[i] = Bootstrap.quantile(sorted, (double) i / bins);
        }
        double[] sumProb = new double[bins], sumTrue = new double[bins], total = new double[bins];
        for (int i = 0; i < truth.length; i++) {
            int b = innerEdgesBelow(edges, probability[i]);
            double wi = weights == null ? 1 : weights[i];
            sumProb[b] += wi * probability[i];
            sumTrue[b] += truth[i] == positive ? wi : 0;
            total[b] += wi;
        }
        int k = 0;
        for (double t : total) if (t != 0) k++;
        double[] pt = new double[k], pp = new double[k], cnt = new double[k];
        double all = 0, ece = 0;
        for (double t : total) all += t;
        int j = 0;
        for (int b = 0; b < bins; b++) {
            if (total[b] == 0) continue;
            pt[j] = sumTrue[b] / total[b];
            pp[j] = sumProb[b] / total[b];
            cnt[j] = total[b];
            ece += total[b] / all * Math.abs(pt[j] - pp[j]);
            j++;
        }
        return new Curve(pt, pp, cnt, edges, strategy, ece, brier(truth, probability, positive, weights));
    }

    /** The number of inner edges strictly below {@code p}: numpy's {@code searchsorted(edges[1:-1], p)}. */
    private static int innerEdgesBelow(double[] edges, double p) {
        int lo = 1, hi = edges.length - 1;   // search edges[1 .. B-1]
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (edges[mid] < p) lo = mid + 1; else hi = mid;
        }
        return lo - 1;
    }

    /** The expected calibration error over {@code bins} uniform bins. */
    public static double ece(int[] truth, double[] probability, int positive, double[] weights, int bins) {
        return curve(truth, probability, positive, weights, bins, Strategy.UNIFORM).ece();
    }

    static void check(int[] truth, double[] probability, double[] weights) {
        Checks.sameLength(truth.length, probability.length, "probability");
        Checks.weights(weights, truth.length);
        if (truth.length == 0) throw DataValidationException.param("rows", 0, "calibration needs at least one row", "pass non-empty data");
        for (int i = 0; i < probability.length; i++) {
            if (!(probability[i] >= 0 && probability[i] <= 1)) {
                throw DataValidationException.param("probability[" + i + "]", probability[i], "must be a probability in [0, 1]",
                        "pass the predicted probability of the positive class");
            }
        }
    }

    /** The metric names this class adds to reports. */
    public static final List<String> KEYS = List.of("brier", "ece", "calibration_curve");
}
