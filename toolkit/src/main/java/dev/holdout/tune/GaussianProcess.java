package dev.holdout.tune;

/**
 * A small Gaussian-process regressor over flat primitive arrays: Matérn 5/2 kernel with one length
 * scale, unit signal variance on standardised targets, Gaussian noise; hyperparameters picked by the
 * log marginal likelihood over a fixed grid. Cholesky factorisation written out here (n is tens).
 */
final class GaussianProcess {
    private static final double[] LENGTH_SCALES = {0.05, 0.1, 0.2, 0.35, 0.6, 1.0, 1.6};
    private static final double[] NOISES = {1e-6, 1e-3, 3e-2};

    private final double[] x;   // n*d
    private final int n, d;
    private final double lengthScale, noise;
    private final double[] chol;   // lower triangle, n*n
    private final double[] alpha;  // K^-1 y
    private final double yMean, yScale;
    private final double bestStd;
    private final double[] kStar, v;

    private GaussianProcess(double[] x, int n, int d, double lengthScale, double noise, double[] chol, double[] alpha,
                            double yMean, double yScale, double bestStd) {
        this.x = x;
        this.n = n;
        this.d = d;
        this.lengthScale = lengthScale;
        this.noise = noise;
        this.chol = chol;
        this.alpha = alpha;
        this.yMean = yMean;
        this.yScale = yScale;
        this.bestStd = bestStd;
        this.kStar = new double[n];
        this.v = new double[n];
    }

    /** Fits on {@code n} points of dimension {@code d} (row-major {@code x}) with targets {@code y} (losses). */
    static GaussianProcess fit(double[] x, int n, int d, double[] y) {
        double mean = 0;
        for (double t : y) mean += t;
        mean /= n;
        double var = 0;
        for (double t : y) var += (t - mean) * (t - mean);
        double scale = Math.sqrt(var / n);
        if (!(scale > 1e-12)) scale = 1;
        double[] ys = new double[n];
        double best = Double.POSITIVE_INFINITY;
        for (int i = 0; i < n; i++) {
            ys[i] = (y[i] - mean) / scale;
            best = Math.min(best, ys[i]);
        }
        double dimScale = Math.sqrt(Math.max(1, d));
        double bestLml = Double.NEGATIVE_INFINITY;
        double[] bestChol = null, bestAlpha = null;
        double bestL = LENGTH_SCALES[3] * dimScale, bestNoise = NOISES[1];
        double[] k = new double[n * n];
        double[] dist = new double[n * n];   // sqrt(5) * Euclidean distance, lower triangle, computed once
        for (int i = 0; i < n; i++) {
            for (int j = 0; j <= i; j++) {
                double s = 0;
                for (int c = 0; c < d; c++) {
                    double t = x[i * d + c] - x[j * d + c];
                    s += t * t;
                }
                dist[i * n + j] = Math.sqrt(5 * s);
            }
        }
        for (double l0 : LENGTH_SCALES) {
            double l = l0 * dimScale;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) {
                    double r = dist[i * n + j] / l;
                    k[i * n + j] = (1 + r + r * r / 3) * Math.exp(-r);
                }
            }
            double[] base = java.util.Arrays.copyOf(k, k.length);
            for (double noise : NOISES) {
                System.arraycopy(base, 0, k, 0, k.length);
                for (int i = 0; i < n; i++) k[i * n + i] += noise + 1e-9;
                if (!cholesky(k, n)) continue;
                double[] a = ys.clone();
                solveLower(k, n, a);
                double fit = 0;
                for (double t : a) fit += t * t;
                double logDet = 0;
                for (int i = 0; i < n; i++) logDet += Math.log(k[i * n + i]);
                double lml = -0.5 * fit - logDet;
                if (lml > bestLml) {
                    bestLml = lml;
                    bestL = l;
                    bestNoise = noise;
                    bestChol = k.clone();
                    solveUpper(bestChol, n, a);
                    bestAlpha = a;
                }
            }
        }
        if (bestChol == null) { // numerically hopeless: very noisy fallback keeps EI defined
            for (int i = 0; i < n; i++) {
                for (int j = 0; j <= i; j++) k[i * n + j] = matern52(x, i * d, x, j * d, d, bestL);
                k[i * n + i] += 1.0;
            }
            cholesky(k, n);
            double[] a = ys.clone();
            solveLower(k, n, a);
            solveUpper(k, n, a);
            bestChol = k;
            bestAlpha = a;
            bestNoise = 1.0;
        }
        return new GaussianProcess(x, n, d, bestL, bestNoise, bestChol, bestAlpha, mean, scale, best);
    }

    /** The smallest standardised target (the incumbent for EI). */
    double bestStandardisedObservation() { return bestStd; }

    /** Writes the standardised predictive mean and standard deviation of the latent function at {@code q}. */
    void predict(double[] q, double[] out) {
        double mean = 0;
        for (int i = 0; i < n; i++) {
            kStar[i] = matern52(x, i * d, q, 0, d, lengthScale);
            mean += kStar[i] * alpha[i];
        }
        System.arraycopy(kStar, 0, v, 0, n);
        solveLower(chol, n, v);
        double s = 1.0;
        for (int i = 0; i < n; i++) s -= v[i] * v[i];
        out[0] = mean;
        out[1] = Math.sqrt(Math.max(s, 1e-12));
    }

    /** Mean prediction in the original units (for tests). */
    double predictMean(double[] q) {
        double[] out = new double[2];
        predict(q, out);
        return yMean + yScale * out[0];
    }

    static double matern52(double[] a, int ao, double[] b, int bo, int d, double l) {
        double s = 0;
        for (int k = 0; k < d; k++) {
            double t = a[ao + k] - b[bo + k];
            s += t * t;
        }
        double r = Math.sqrt(5 * s) / l;
        return (1 + r + r * r / 3) * Math.exp(-r);
    }

    /** In-place Cholesky of the lower triangle of a row-major n*n matrix; false if not positive definite. */
    static boolean cholesky(double[] a, int n) {
        for (int j = 0; j < n; j++) {
            double diag = a[j * n + j];
            for (int k = 0; k < j; k++) diag -= a[j * n + k] * a[j * n + k];
            if (!(diag > 0)) return false;
            double ljj = Math.sqrt(diag);
            a[j * n + j] = ljj;
            for (int i = j + 1; i < n; i++) {
                double s = a[i * n + j];
                for (int k = 0; k < j; k++) s -= a[i * n + k] * a[j * n + k];
                a[i * n + j] = s / ljj;
            }
        }
        return true;
    }

    /** Solves L z = b in place. */
    static void solveLower(double[] l, int n, double[] b) {
        for (int i = 0; i < n; i++) {
            double s = b[i];
            for (int k = 0; k < i; k++) s -= l[i * n + k] * b[k];
            b[i] = s / l[i * n + i];
        }
    }

    /** Solves L^T z = b in place. */
    static void solveUpper(double[] l, int n, double[] b) {
        for (int i = n - 1; i >= 0; i--) {
            double s = b[i];
            for (int k = i + 1; k < n; k++) s -= l[k * n + i] * b[k];
            b[i] = s / l[i * n + i];
        }
    }
}
