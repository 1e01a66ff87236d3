package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import java.util.Locale;
import org.apache.commons.math3.distribution.BinomialDistribution;
import org.apache.commons.math3.distribution.ChiSquaredDistribution;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.TDistribution;

/**
 * Comparing two models honestly: paired tests on the <em>same</em> test rows, and the corrected
 * resampled t-test for cross-validated scores. Each result says in plain words what it means.
 *
 * <ul>
 *   <li>{@link #mcnemar}: do the two classifiers make errors on different rows more often than chance?
 *   Only the discordant rows count ({@code b} = A right and B wrong, {@code c} = A wrong and B right).
 *   With {@code b + c < 25} the exact two-sided binomial test ({@code p = min(1, 2·P(X ≤ min(b, c)))},
 *   X ~ Binomial(b + c, ½)); otherwise χ² with Edwards' continuity correction,
 *   {@code (|b − c| − 1)² / (b + c)} on 1 degree of freedom — statsmodels' {@code mcnemar(exact=...,
 *   correction=True)}, which the Python cross-check under bench/ compares against.</li>
 *   <li>{@link #delong}: two correlated ROC AUCs on the same rows (DeLong, DeLong and Clarke-Pearson 1988),
 *   with the variance of the difference from the structural components (placements) computed with
 *   midranks in O(n log n) (Sun and Xu 2014); z test and a normal confidence interval for the difference.</li>
 *   <li>{@link #bootstrapDifference}: a paired percentile bootstrap of any metric's difference — each resample
 *   draws rows once and scores both models on them, so the correlation between the models is kept.</li>
 *   <li>{@link #correctedResampledTTest}: Nadeau and Bengio's (2003) corrected resampled t-test for the per-fold
 *   differences of cross-validated scores: the variance is inflated by {@code 1/J + n_test/n_train} because the
 *   folds' training sets overlap, which the naive t-test ignores (and so finds differences too often).</li>
 * </ul>
 *
 * <pre>{@code
 * PairedTests.McNemar m = PairedTests.mcnemar(truth, predA, predB);     // b=12, c=4: exact, p = 0.0768
 * PairedTests.DeLong d = PairedTests.delong(truth, scoreA, scoreB);     // auc 0.871 vs 0.859, p = 0.31
 * d.verdict();   // "the difference 0.012 in ROC AUC is within the noise: p = 0.31 (DeLong), 95% CI [-0.011, 0.035]"
 * }</pre>
 */
public final class PairedTests {
    private PairedTests() {}

    /** Below this many discordant rows McNemar's test is exact (binomial); at or above, χ² with continuity correction. */
    public static final int MCNEMAR_EXACT_BELOW = 25;

    /** The significance level the verdicts use. */
    public static final double ALPHA = 0.05;

    // ------------------------------------------------------------------ McNemar

    /**
     * McNemar's test of two classifiers' predictions on the same rows (class codes; a row is right when the
     * prediction equals the truth).
     *
     * @param method "exact" (binomial) or "chi2" (with continuity correction)
     */
    public record McNemar(double statistic, double pValue, int b, int c, String method, int rows) {
        /** Plain words: which model is right more often on the rows where they disagree, and whether that is noise. */
        public String verdict() {
            if (b + c == 0) return "the two models are right and wrong on exactly the same rows: nothing to tell them apart";
            String who = b > c ? "A" : "B";
            String counts = String.format(Locale.ROOT, "A alone is right on %d rows, B alone on %d", b, c);
            return pValue < ALPHA
                    ? String.format(Locale.ROOT, "%s is right more often where the models disagree (%s): p = %s (McNemar, %s), unlikely to be chance",
                    who, counts, p(pValue), method)
                    : String.format(Locale.ROOT, "the disagreement is within the noise (%s): p = %s (McNemar, %s)", counts, p(pValue), method);
        }
    }

    public static McNemar mcnemar(int[] truth, int[] predictionA, int[] predictionB) {
        Checks.sameLength(truth.length, predictionA.length, "prediction-a");
        Checks.sameLength(truth.length, predictionB.length, "prediction-b");
        if (truth.length == 0) throw DataValidationException.param("rows", 0, "McNemar's test needs at least one row", "pass non-empty data");
        int b = 0, c = 0;
        for (int i = 0; i < truth.length; i++) {
            boolean ra = predictionA[i] == truth[i], rb = predictionB[i] == truth[i];
            if (ra && !rb) b++;
            else if (rb && !ra) c++;
        }
        return mcnemar(b, c, truth.length);
    }

    /** McNemar's test from the discordant counts {@code b} (A right, B wrong) and {@code c} (A wrong, B right). */
    public static McNemar mcnemar(int b, int c, int rows) {
        if (b < 0 || c < 0) throw DataValidationException.param("discordant", b + "," + c, "counts must be >= 0", "pass the counts of discordant rows");
        int n = b + c;
        if (n == 0) return new McNemar(0, 1, b, c, "exact", rows);
        if (n < MCNEMAR_EXACT_BELOW) {
            double p = Math.min(1, 2 * new BinomialDistribution(null, n, 0.5).cumulativeProbability(Math.min(b, c)));
            return new McNemar(Math.min(b, c), p, b, c, "exact", rows);
        }
        double d = Math.abs(b - c) - 1;
        double stat = d * d / n;
        double p = 1 - new ChiSquaredDistribution(null, 1).cumulativeProbability(stat);
        return new McNemar(stat, p, b, c, "chi2", rows);
    }

    // ------------------------------------------------------------------ DeLong

    /**
     * DeLong's test of two correlated ROC AUCs.
     *
     * @param difference {@code aucA − aucB}
     * @param ciLow      lower end of the {@code confidence} normal interval of the difference
     */
    public record DeLong(double aucA, double aucB, double difference, double variance, double z, double pValue,
                         double ciLow, double ciHigh, double confidence, int positives, int negatives) {
        public String verdict() {
            String ci = String.format(Locale.ROOT, "%.0f%% CI [%.3f, %.3f]", confidence * 100, ciLow, ciHigh);
            if (variance == 0) {
                return difference == 0 ? "the two scores rank every pair of rows the same way: the AUCs are equal"
                        : String.format(Locale.ROOT, "the difference %.3f in ROC AUC has no sampling variance on these rows", difference);
            }
            return pValue < ALPHA
                    ? String.format(Locale.ROOT, "%s ranks better: the difference %.3f in ROC AUC is unlikely to be noise: p = %s (DeLong), %s",
                    difference > 0 ? "A" : "B", difference, p(pValue), ci)
                    : String.format(Locale.ROOT, "the difference %.3f in ROC AUC is within the noise: p = %s (DeLong), %s", difference, p(pValue), ci);
        }
    }

    public static DeLong delong(int[] truth, double[] scoreA, double[] scoreB) { return delong(truth, scoreA, scoreB, 1, 0.95); }

    /** DeLong's test; rows with {@code truth == positive} are positives, all others negatives. */
    public static DeLong delong(int[] truth, double[] scoreA, double[] scoreB, int positive, double confidence) {
        Checks.sameLength(truth.length, scoreA.length, "score-a");
        Checks.sameLength(truth.length, scoreB.length, "score-b");
        Checks.finite(scoreA, "score-a");
        Checks.finite(scoreB, "score-b");
        if (!(confidence > 0 && confidence < 1)) throw DataValidationException.param("confidence", confidence, "must be in (0, 1)", "pass 0.95");
        int m = 0;
        for (int t : truth) if (t == positive) m++;
        int n = truth.length - m;
        if (m < 2 || n < 2) {
            throw DataValidationException.param("label", m + " positive / " + n + " negative rows",
                    "DeLong's test needs at least 2 positive and 2 negative rows", "compare on a test part with both classes");
        }
        double[][] v10 = new double[2][], v01 = new double[2][];
        double[] auc = new double[2];
        double[][] scores = {scoreA, scoreB};
        for (int k = 0; k < 2; k++) {
            double[] x = new double[m], y = new double[n];
            int i = 0, j = 0;
            for (int r = 0; r < truth.length; r++) {
                if (truth[r] == positive) x[i++] = scores[k][r]; else y[j++] = scores[k][r];
            }
            double[] all = scores[k].clone();
            Arrays.sort(all);
            double[] xs = x.clone(), ys = y.clone();
            Arrays.sort(xs);
            Arrays.sort(ys);
            v10[k] = new double[m];
            v01[k] = new double[n];
            double sum = 0;
            // a positive's placement: the share of negatives it beats (ties ½) = (rank among all − rank among positives) / n
            for (int a = 0; a < m; a++) {
                v10[k][a] = (midrank(all, x[a]) - midrank(xs, x[a])) / n;
                sum += v10[k][a];
            }
            // a negative's placement: the share of positives that beat it
            for (int b = 0; b < n; b++) v01[k][b] = 1 - (midrank(all, y[b]) - midrank(ys, y[b])) / m;
            auc[k] = sum / m;
        }
        double s10 = covariance(v10[0], v10[0]) + covariance(v10[1], v10[1]) - 2 * covariance(v10[0], v10[1]);
        double s01 = covariance(v01[0], v01[0]) + covariance(v01[1], v01[1]) - 2 * covariance(v01[0], v01[1]);
        double var = Math.max(0, s10 / m + s01 / n);
        double diff = auc[0] - auc[1];
        double se = Math.sqrt(var);
        double z = se == 0 ? (diff == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, diff)) : diff / se;
        double p = se == 0 ? (diff == 0 ? 1 : 0) : 2 * normalUpper(Math.abs(z));
        double q = new NormalDistribution(null, 0, 1).inverseCumulativeProbability(1 - (1 - confidence) / 2);
        return new DeLong(auc[0], auc[1], diff, var, z, p, diff - q * se, diff + q * se, confidence, m, n);
    }

    /** The 1-based midrank of {@code v} in {@code sorted} (ties share the mean of their ranks). */
    private static double midrank(double[] sorted, double v) {
        int lo = lowerBound(sorted, v), hi = upperBound(sorted, v);
        return (lo + 1 + hi) / 2.0;
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    private static int upperBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] <= v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** Sample covariance (n − 1). */
    private static double covariance(double[] a, double[] b) {
        double ma = 0, mb = 0;
        for (int i = 0; i < a.length; i++) {
            ma += a[i];
            mb += b[i];
        }
        ma /= a.length;
        mb /= b.length;
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (a[i] - ma) * (b[i] - mb);
        return s / (a.length - 1);
    }

    private static double normalUpper(double z) { return 0.5 * org.apache.commons.math3.special.Erf.erfc(z / Math.sqrt(2)); }

    // ------------------------------------------------------------------ paired bootstrap

    /** A paired bootstrap interval of {@code metric(A) − metric(B)}; {@code direction} says which sign is better. */
    public record BootstrapDifference(String metric, Direction direction, double difference, double ciLow, double ciHigh,
                                      ConfidenceInterval interval) {
        /** Whether the interval leaves out 0. */
        public boolean excludesZero() { return ciLow > 0 || ciHigh < 0; }

        public String verdict() {
            String ci = String.format(Locale.ROOT, "%.0f%% paired bootstrap CI [%.4f, %.4f] over %d resamples", interval.confidence() * 100,
                    ciLow, ciHigh, interval.resamples());
            if (!excludesZero()) return String.format(Locale.ROOT, "the difference %.4f in %s is within the noise: %s includes 0", difference, metric, ci);
            boolean aBetter = direction == Direction.HIGHER_IS_BETTER ? difference > 0 : difference < 0;
            return String.format(Locale.ROOT, "%s is better in %s by %.4f, and the %s leaves out 0", aBetter ? "A" : "B", metric,
                    Math.abs(difference), ci);
        }
    }

    /**
     * The paired percentile bootstrap of {@code metric(truth, a) − metric(truth, b)}: class codes or values in
     * {@code truth}, and in {@code a}/{@code b} what {@link Metric#compute} takes for that metric (scores for score
     * metrics, predicted codes for label metrics, values for regression).
     */
    public static BootstrapDifference bootstrapDifference(Metric metric, double[] truth, double[] a, double[] b, double[] weights,
                                                          Bootstrap.Spec spec) {
        Checks.sameLength(truth.length, a.length, "a");
        Checks.sameLength(truth.length, b.length, "b");
        ConfidenceInterval ci = Bootstrap.interval(w -> metric.compute(truth, a, w) - metric.compute(truth, b, w), truth.length, weights,
                spec.resamples(), spec.seed(), spec.confidence());
        return new BootstrapDifference(metric.key(), metric.direction(), ci.estimate(), ci.lower(), ci.upper(), ci);
    }

    // ------------------------------------------------------------------ corrected resampled t-test

    /**
     * Nadeau and Bengio's corrected resampled t-test.
     *
     * @param meanDifference the mean of the per-fold differences (A − B)
     * @param t              the corrected statistic, on {@code folds − 1} degrees of freedom
     */
    public record ResampledTTest(double meanDifference, double t, double pValue, int folds, double testTrainRatio, double naiveT) {
        public String verdict() {
            return pValue < ALPHA
                    ? String.format(Locale.ROOT, "%s scores better across the folds by %.4f on average: p = %s (corrected resampled t-test, %d folds)",
                    meanDifference > 0 ? "A" : "B", Math.abs(meanDifference), p(pValue), folds)
                    : String.format(Locale.ROOT, "the mean difference %.4f across %d folds is within the noise: p = %s (corrected resampled t-test; "
                    + "the naive t-test would say t = %.2f)", meanDifference, folds, p(pValue), naiveT);
        }
    }

    /**
     * The corrected resampled t-test of per-fold score differences {@code scoresA[j] − scoresB[j]} (both models
     * scored on the same folds): {@code t = mean / sqrt((1/J + nTest/nTrain) · s²)} with {@code s²} the sample
     * variance of the J differences, two-sided on J − 1 degrees of freedom. {@code testRows/trainRows} is the
     * ratio of one fold's test rows to its training rows (1/(k−1) for k-fold).
     */
    public static ResampledTTest correctedResampledTTest(double[] scoresA, double[] scoresB, int trainRows, int testRows) {
        Checks.sameLength(scoresA.length, scoresB.length, "scores-b");
        int j = scoresA.length;
        if (j < 2) throw DataValidationException.param("folds", j, "the t-test needs at least 2 folds", "cross-validate with k >= 2");
        if (trainRows < 1 || testRows < 1) {
            throw DataValidationException.param("rows", trainRows + " train / " + testRows + " test", "must both be >= 1", "pass one fold's row counts");
        }
        double[] d = new double[j];
        double mean = 0;
        for (int i = 0; i < j; i++) {
            d[i] = scoresA[i] - scoresB[i];
            if (!Double.isFinite(d[i])) throw DataValidationException.param("scores[" + i + "]", d[i], "must be finite", "pass finite fold scores");
            mean += d[i];
        }
        mean /= j;
        double s2 = 0;
        for (double x : d) s2 += (x - mean) * (x - mean);
        s2 /= j - 1;
        double ratio = (double) testRows / trainRows;
        double corrected = (1.0 / j + ratio) * s2, naive = s2 / j;
        double t = corrected == 0 ? (mean == 0 ? 0 : Math.copySign(Double.POSITIVE_INFINITY, mean)) : mean / Math.sqrt(corrected);
        double naiveT = naive == 0 ? t : mean / Math.sqrt(naive);
        double p = Double.isInfinite(t) ? 0 : 2 * (1 - new TDistribution(null, j - 1).cumulativeProbability(Math.abs(t)));
        return new ResampledTTest(mean, t, p, j, ratio, naiveT);
    }

    // ------------------------------------------------------------------ test-set size

    /**
     * The smallest difference in accuracy (or any proportion) between two models that a paired test on {@code rows}
     * test rows detects with the given power at level {@code alpha}, two-sided: the normal approximation to McNemar's
     * test, {@code δ = (z₁₋α/₂ + z_power) · sqrt(discordance / n)} where {@code discordance} is the share of rows on which
     * the models disagree (the larger it is, the larger the detectable difference). Use it before trusting a
     * comparison: a test set of 500 rows with 10% disagreement cannot see a difference below about 4 points.
     */
    public static double minimumDetectableDifference(int rows, double discordance, double alpha, double power) {
        if (rows < 1) throw DataValidationException.param("rows", rows, "must be >= 1", "pass the test set's size");
        if (!(discordance > 0 && discordance <= 1)) {
            throw DataValidationException.param("discordance", discordance, "must be in (0, 1]", "pass the share of rows the models disagree on, e.g. 0.1");
        }
        if (!(alpha > 0 && alpha < 1)) throw DataValidationException.param("alpha", alpha, "must be in (0, 1)", "pass 0.05");
        if (!(power > 0 && power < 1)) throw DataValidationException.param("power", power, "must be in (0, 1)", "pass 0.8");
        NormalDistribution z = new NormalDistribution(null, 0, 1);
        return (z.inverseCumulativeProbability(1 - alpha / 2) + z.inverseCumulativeProbability(power)) * Math.sqrt(discordance / rows);
    }

    /**
     * The smallest difference from {@code p} that a test set of {@code rows} rows tells from {@code p} for one model's
     * proportion metric (the half-width that matters when a single model is checked against a target) (accuracy, recall on those rows): {@code (z₁₋α/₂ + z_power) · sqrt(p(1 − p) / n)}.
     */
    public static double detectableShift(int rows, double p, double alpha, double power) {
        if (!(p > 0 && p < 1)) throw DataValidationException.param("p", p, "must be in (0, 1)", "pass the expected accuracy, e.g. 0.85");
        return minimumDetectableDifference(rows, p * (1 - p), alpha, power);
    }

    /** A p-value in words: three significant digits, or "< 0.0001". */
    static String p(double p) {
        if (p < 1e-4) return "< 0.0001";
        return String.format(Locale.ROOT, p < 0.01 ? "%.4f" : "%.3f", p);
    }
}
