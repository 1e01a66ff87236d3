package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import java.util.Locale;

/**
 * A calibrator of a binary model's scores, unfitted: Platt's sigmoid or isotonic regression. Like a preprocessing
 * step it is fitted once — on the <em>validation</em> part, never on the rows the model was trained on (their
 * scores are over-confident) nor on the test part (then the test score would be fitted to) — and the {@link Fitted}
 * result maps new scores to probabilities. A fitted calibrator refuses to calibrate the very rows it was fitted on
 * (the same scores and labels, in any order): a calibration measured there is a calibration fitted to itself.
 *
 * <ul>
 *   <li>{@link #platt()}: {@code P(y=1 | s) = 1 / (1 + exp(A·s + B))}, A and B by maximum likelihood with Platt's
 *   smoothed targets {@code (N₊+1)/(N₊+2)} and {@code 1/(N₋+2)} (as scikit-learn's {@code method="sigmoid"}),
 *   by Newton's method with step halving. Two parameters: safe on small validation parts, but it can only
 *   straighten an S-shaped distortion.</li>
 *   <li>{@link #isotonic()}: the non-decreasing step function closest in squared error (pool adjacent violators,
 *   tied scores pooled first), interpolated linearly between the fitted scores and clipped outside them (as
 *   scikit-learn's {@code IsotonicRegression(out_of_bounds="clip")}). Fits any monotone distortion, but needs
 *   more rows and can overfit a small validation part.</li>
 * </ul>
 *
 * <pre>{@code
 * Calibrator.Fitted cal = Calibrator.isotonic().fit(validationScores, validationTruth, 1);
 * double[] p = cal.apply(testScores, testTruth);   // calibrated probabilities on the test part
 * Calibration.curve(testTruth, p, 1, null, 10, Calibration.Strategy.UNIFORM).ece();   // 0.021, was 0.094
 * cal.apply(validationScores, validationTruth);    // refused: those are the rows it was fitted on
 * }</pre>
 */
public abstract sealed class Calibrator permits Calibrator.Platt, Calibrator.Isotonic {
    private Calibrator() {}

    public static Calibrator platt() { return new Platt(); }

    public static Calibrator isotonic() { return new Isotonic(); }

    /** The name: "platt" or "isotonic". */
    public abstract String name();

    /** Fits on the validation part's scores and labels ({@code truth == positive} is a positive). */
    public final Fitted fit(double[] score, int[] truth, int positive) {
        Checks.sameLength(truth.length, score.length, "score");
        Checks.finite(score, "score");
        int pos = 0;
        for (int t : truth) if (t == positive) pos++;
        if (pos == 0 || pos == truth.length) {
            throw DataValidationException.param("truth", pos + " positive of " + truth.length, "a calibrator needs both classes in the rows it is fitted on",
                    "fit on a validation part with positives and negatives");
        }
        double[] y = new double[truth.length];
        for (int i = 0; i < y.length; i++) y[i] = truth[i] == positive ? 1 : 0;
        return fitCoded(score, y, rowsHash(score, truth, positive), truth.length);
    }

    abstract Fitted fitCoded(double[] score, double[] y, long rows, int n);

    /** An order-independent hash of the (score, outcome) rows: a sum of one mixed hash per row. */
    static long rowsHash(double[] score, int[] truth, int positive) {
        long sum = 0;
        for (int i = 0; i < score.length; i++) {
            long h = Double.doubleToLongBits(score[i] + 0.0) * 0x9E3779B97F4A7C15L + (truth[i] == positive ? 0x632BE59BD9B4E019L : 0x2545F4914F6CDD1DL);
            h ^= h >>> 31;
            h *= 0xBF58476D1CE4E5B9L;
            h ^= h >>> 29;
            sum += h;
        }
        return sum;
    }

    /** A fitted calibrator: maps scores to calibrated probabilities. */
    public abstract static sealed class Fitted permits PlattFit, IsotonicFit {
        private final long fittedRows;
        private final int fittedCount;

        Fitted(long fittedRows, int fittedCount) {
            this.fittedRows = fittedRows;
            this.fittedCount = fittedCount;
        }

        /** How many rows it was fitted on. */
        public int fittedOn() { return fittedCount; }

        /**
         * Calibrated probabilities for {@code score}; {@code truth} (with {@code positive}) identifies the rows, and rows
         * equal to those it was fitted on are refused. Pass the truth you will evaluate against.
         */
        public double[] apply(double[] score, int[] truth, int positive) {
            Checks.sameLength(truth.length, score.length, "score");
            if (truth.length == fittedCount && rowsHash(score, truth, positive) == fittedRows) {
                throw DataValidationException.param("rows", truth.length + " rows", "are the rows this calibrator was fitted on; "
                                + "calibration measured on them is fitted to itself",
                        "fit the calibrator on the validation part and apply it to the test part");
            }
            return apply(score);
        }

        /** Calibrated probabilities for new scores (no check of which rows they are, e.g. at prediction time). */
        public double[] apply(double[] score) {
            Checks.finite(score, "score");
            double[] out = new double[score.length];
            for (int i = 0; i < out.length; i++) out[i] = map(score[i]);
            return out;
        }

        /** The calibrated probability of one score. */
        public abstract double map(double score);
    }

    // ------------------------------------------------------------------ Platt

    static final class Platt extends Calibrator {
        @Override public String name() { return "platt"; }

        @Override Fitted fitCoded(double[] s, double[] y, long rows, int n) {
            double pos = 0;
            for (double v : y) pos += v;
            double neg = n - pos;
            double hi = (pos + 1) / (pos + 2), lo = 1 / (neg + 2);
            double[] t = new double[n];
            for (int i = 0; i < n; i++) t[i] = y[i] == 1 ? hi : lo;
            // Platt's parametrisation: p = 1 / (1 + exp(a·s + b)); start as Platt does (a = 0, b = log((N₋+1)/(N₊+1)))
            double a = 0, b = Math.log((neg + 1) / (pos + 1));
            double f = loss(s, t, a, b);
            for (int it = 0; it < 100; it++) {
                double ga = 0, gb = 0, haa = 0, hab = 0, hbb = 0;
                for (int i = 0; i < n; i++) {
                    double p = sigmoid(-(a * s[i] + b));   // P(y=1)
                    double d = t[i] - p;                   // dL/dz with z = a·s + b
                    double w = p * (1 - p);
                    ga += d * s[i];
                    gb += d;
                    haa += w * s[i] * s[i];
                    hab += w * s[i];
                    hbb += w;
                }
                haa += 1e-12;
                hbb += 1e-12;
                double det = haa * hbb - hab * hab;
                if (Math.abs(ga) < 1e-10 && Math.abs(gb) < 1e-10) break;
                double da = -(hbb * ga - hab * gb) / det, db = -(haa * gb - hab * ga) / det;
                double step = 1;
                double next;
                while ((next = loss(s, t, a + step * da, b + step * db)) > f + 1e-4 * step * (ga * da + gb * db) && step > 1e-10) step /= 2;
                if (step <= 1e-10) break;
                a += step * da;
                b += step * db;
                boolean done = f - next < 1e-14 * Math.max(1, Math.abs(f));
                f = next;
                if (done) break;
            }
            return new PlattFit(a, b, rows, n);
        }

        private static double loss(double[] s, double[] t, double a, double b) {
            double l = 0;
            for (int i = 0; i < s.length; i++) {
                double z = a * s[i] + b;   // log-odds of y=0
                // −[t·log p + (1−t)·log(1−p)] with p = σ(−z): stable softplus forms
                l += t[i] * softplus(z) + (1 - t[i]) * softplus(-z);
            }
            return l;
        }

        private static double softplus(double x) { return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x)); }
    }

    static double sigmoid(double x) { return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x)); }

    /** Platt's fitted sigmoid {@code 1 / (1 + exp(a·s + b))}. */
    public static final class PlattFit extends Fitted {
        private final double a, b;

        PlattFit(double a, double b, long rows, int n) {
            super(rows, n);
            this.a = a;
            this.b = b;
        }

        public double a() { return a; }

        public double b() { return b; }

        @Override public double map(double score) { return sigmoid(-(a * score + b)); }

        @Override public String toString() {
            return String.format(Locale.ROOT, "Platt calibrator p = 1 / (1 + exp(%.6g·s + %.6g)), fitted on %d rows", a, b, fittedOn());
        }
    }

    // ------------------------------------------------------------------ isotonic

    static final class Isotonic extends Calibrator {
        @Override public String name() { return "isotonic"; }

        @Override Fitted fitCoded(double[] s, double[] y, long rows, int n) {
            int[] desc = ScoreOrder.descending(s);
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = desc[n - 1 - i];   // ascending; the order within ties does not matter, they are pooled
            // tied scores pooled first: one block per distinct score
            double[] x = new double[n], v = new double[n], w = new double[n];
            int k = 0;
            for (int i = 0; i < n; ) {
                int j = i;
                double sum = 0;
                while (j < n && s[order[j]] == s[order[i]]) sum += y[order[j++]];
                x[k] = s[order[i]];
                v[k] = sum / (j - i);
                w[k] = j - i;
                k++;
                i = j;
            }
            // pool adjacent violators over the distinct scores
            double[] bv = new double[k], bw = new double[k];
            int[] start = new int[k];
            int m = 0;
            for (int i = 0; i < k; i++) {
                bv[m] = v[i];
                bw[m] = w[i];
                start[m] = i;
                m++;
                while (m > 1 && bv[m - 2] > bv[m - 1]) {
                    double tw = bw[m - 2] + bw[m - 1];
                    bv[m - 2] = (bv[m - 2] * bw[m - 2] + bv[m - 1] * bw[m - 1]) / tw;
                    bw[m - 2] = tw;
                    m--;
                }
            }
            double[] fitted = new double[k];
            for (int b = 0; b < m; b++) {
                int end = b + 1 < m ? start[b + 1] : k;
                for (int i = start[b]; i < end; i++) fitted[i] = bv[b];
            }
            return new IsotonicFit(Arrays.copyOf(x, k), fitted, rows, n);
        }
    }

    /** The fitted non-decreasing function at the distinct validation scores, linear in between, clipped outside. */
    public static final class IsotonicFit extends Fitted {
        private final double[] x, y;

        IsotonicFit(double[] x, double[] y, long rows, int n) {
            super(rows, n);
            this.x = x;
            this.y = y;
        }

        public double[] thresholds() { return x.clone(); }

        public double[] values() { return y.clone(); }

        @Override public double map(double score) {
            if (score <= x[0]) return y[0];
            if (score >= x[x.length - 1]) return y[y.length - 1];
            int i = Arrays.binarySearch(x, score);
            if (i >= 0) return y[i];
            int hi = -i - 1, lo = hi - 1;
            return y[lo] + (score - x[lo]) / (x[hi] - x[lo]) * (y[hi] - y[lo]);
        }

        @Override public String toString() {
            return String.format(Locale.ROOT, "isotonic calibrator with %d steps over scores [%.4g, %.4g], fitted on %d rows", x.length, x[0], x[x.length - 1],
                    fittedOn());
        }
    }
}
