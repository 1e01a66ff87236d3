package dev.holdout.metrics;

/**
 * Pearson correlation between two columns, one pass (shifted sums) without boxing. The leakage
 * audit uses it to flag a single feature that predicts the target too well.
 *
 * <pre>{@code
 * Correlation.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7});  // 0.9934
 * }</pre>
 */
public final class Correlation {
    private Correlation() {}

    /** Pearson's r in [-1, 1]; 0 when either column is constant (no linear relation can be seen). */
    public static double pearson(double[] x, double[] y) {
        Checks.sameLength(x.length, y.length, "y");
        int n = x.length;
        double x0 = x[0], y0 = y[0];
        double sx = 0, sy = 0, sxx = 0, syy = 0, sxy = 0;
        for (int i = 0; i < n; i++) {
            double a = x[i] - x0, b = y[i] - y0;
            sx += a;
            sy += b;
            sxx += a * a;
            syy += b * b;
            sxy += a * b;
        }
        if (!Double.isFinite(sxx) || !Double.isFinite(syy)) {
            Checks.finite(x, "x");
            Checks.finite(y, "y");
        }
        double vx = sxx - sx * sx / n, vy = syy - sy * sy / n, cxy = sxy - sx * sy / n;
        if (vx <= 0 || vy <= 0) return 0.0;
        double r = cxy / Math.sqrt(vx * vy);
        return Math.max(-1.0, Math.min(1.0, r));
    }
}
