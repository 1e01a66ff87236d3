package dev.holdout.preprocess;

import java.util.Arrays;

/** Statistics over primitive arrays; NaN means missing and is skipped. */
final class Stats {
    private Stats() {}

    static final double EPS = Math.ulp(1.0);

    static int countPresent(double[] x) {
        int n = 0;
        for (double v : x) if (!Double.isNaN(v)) n++;
        return n;
    }

    static double mean(double[] x) {
        double sum = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) { sum += v; n++; }
        }
        return n == 0 ? Double.NaN : sum / n;
    }

    /** Population variance (ddof = 0), two-pass for accuracy. */
    static double variance(double[] x, double mean) {
        double ss = 0;
        int n = 0;
        for (double v : x) {
            if (!Double.isNaN(v)) { double d = v - mean; ss += d * d; n++; }
        }
        return n == 0 ? Double.NaN : ss / n;
    }

    /** The present values, sorted ascending. */
    static double[] sortedPresent(double[] x) {
        double[] out = new double[x.length];
        int n = 0;
        for (double v : x) if (!Double.isNaN(v)) out[n++] = v;
        double[] s = Arrays.copyOf(out, n);
        Arrays.sort(s);
        return s;
    }

    /** numpy's default ("linear") quantile of sorted values, q in [0, 1]. */
    static double quantile(double[] sorted, double q) {
        if (sorted.length == 0) return Double.NaN;
        double pos = q * (sorted.length - 1);
        int lo = (int) Math.floor(pos);
        int hi = Math.min(lo + 1, sorted.length - 1);
        double frac = pos - lo;
        return sorted[lo] + (sorted[hi] - sorted[lo]) * frac;
    }

    /** scikit-learn's {@code _handle_zeros_in_scale}: a scale below 10·eps becomes 1. */
    static double handleZero(double scale) {
        return scale < 10 * EPS ? 1.0 : scale;
    }

    /** The most frequent of sorted values; ties go to the smallest (as SimpleImputer). */
    static double mode(double[] sorted) {
        double best = Double.NaN;
        int bestRun = 0;
        int i = 0;
        while (i < sorted.length) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) j++;
            if (j - i > bestRun) { bestRun = j - i; best = sorted[i]; }
            i = j;
        }
        return best;
    }

    static String fmt(double v) {
        if (Double.isNaN(v)) return "NaN";
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return String.valueOf((long) v);
        return String.format(java.util.Locale.ROOT, "%.4g", v);
    }
}
