package dev.holdout.train;

import dev.holdout.data.DataValidationException;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.SingularValueDecomposition;

/**
 * The exact solvers behind {@code linear-regression} and {@code logistic-regression}, in double precision over the
 * transformed features:
 * <ul>
 * <li>least squares as scikit-learn's {@code LinearRegression}: the columns (and the target) are centred when an
 *     intercept is fitted, the centred matrix is reduced by Householder QR ({@code X = QR}, one pass over the
 *     columns, no normal equations, so the condition number is not squared), and {@code Rb = Qᵀy} is solved through
 *     the SVD of the small {@code R}: the minimum-norm solution, which is what scipy's {@code lstsq} returns when
 *     columns are collinear;</li>
 * <li>L2-regularised logistic regression as scikit-learn's {@code LogisticRegression(C=...)}: it minimises
 *     {@code C·Σ log-loss + ½‖w‖²} (the intercept unpenalised) with {@link Lbfgs}, binary, or multinomial (softmax
 *     over every class, scikit-learn's default for lbfgs) for more than two classes.</li>
 * </ul>
 *
 * <pre>{@code
 * LinearFit.Model m = LinearFit.leastSquares(x, y, true);
 * m.coefficients()[0];   // one row of coefficients, one entry per feature
 * }</pre>
 */
final class LinearFit {
    private LinearFit() {}

    /**
     * Coefficients (one row per output: 1 for regression and binary classification, k for multinomial) and their
     * intercepts, with how the solver ended.
     */
    record Model(double[][] coefficients, double[] intercepts, int iterations, boolean converged, double gradient) {}

    /**
     * Trains {@code algorithm} (linear or logistic regression) on the transformed train features. The regression
     * target is read in double precision from the raw label column (the float labels XGBoost takes would move the
     * least-squares solution by about 1e-7 relative); classes are the checked class codes.
     */
    static TrainedModel.LinearModel train(Algorithm algorithm, Hyperparameters hp, FeatureMatrix x, tech.tablesaw.columns.Column<?> labelColumn,
                                          float[] codes, String label, java.util.List<String> features,
                                          dev.holdout.preprocess.FittedPreprocessor pre, String source,
                                          java.util.function.BiConsumer<String, Object[]> log) {
        Model m;
        if (algorithm == Algorithm.LINEAR_REGRESSION) {
            double[] y = new double[codes.length];
            if (labelColumn instanceof tech.tablesaw.api.NumericColumn<?> num) {
                for (int r = 0; r < y.length; r++) y[r] = num.getDouble(r);
            } else {
                for (int r = 0; r < y.length; r++) y[r] = codes[r];
            }
            m = leastSquares(x, y, hp.fitIntercept(), source);
            log.accept("linear-regression: least squares (QR, minimum-norm solution), fit_intercept=%s", new Object[] {hp.fitIntercept()});
        } else {
            int classes = TrainingLabels.classCount(hp.objective(), hp.numClass());
            int[] y = new int[codes.length];
            for (int r = 0; r < y.length; r++) y[r] = (int) codes[r];
            m = logistic(x, y, classes, hp, source);
            log.accept("logistic-regression: L-BFGS, C=%s, %d iterations, gradient %.3g, %s", new Object[] {hp.c(), m.iterations(), m.gradient(),
                    m.converged() ? "converged (tol=" + hp.tol() + ")" : "NOT converged within max_iter=" + hp.maxIter() + " (raise max_iter or scale the features)"});
        }
        return new TrainedModel.LinearModel(algorithm, hp.objective(), label, features, pre, m.coefficients(), m.intercepts());
    }

    /** Row-major values of {@code x} checked for missing values (the solvers take none). */
    private static double[] values(FeatureMatrix x, String source) {
        int n = x.rows(), p = x.columns();
        double[] v = new double[n * p];
        for (int r = 0; r < n; r++) {
            for (int c = 0; c < p; c++) {
                double d = x.value(r, c);
                if (Double.isNaN(d)) {
                    throw DataValidationException.at(source, r + 1, x.featureNames().get(c), "NaN",
                            "missing value; linear and logistic regression cannot take missing values (only XGBoost can): add an imputer to the preprocessing");
                }
                v[r * p + c] = d;
            }
        }
        return v;
    }

    static Model leastSquares(FeatureMatrix x, double[] y, boolean fitIntercept, String source) {
        int n = x.rows(), p = x.columns();
        double[] v = values(x, source);
        double[] mean = new double[p];
        double yMean = 0;
        if (fitIntercept) {
            for (int r = 0; r < n; r++) for (int c = 0; c < p; c++) mean[c] += v[r * p + c];
            for (int c = 0; c < p; c++) mean[c] /= n;
            for (double t : y) yMean += t;
            yMean /= n;
        }
        // column-major, centred: Householder works a column at a time
        double[][] a = new double[p][n];
        for (int r = 0; r < n; r++) for (int c = 0; c < p; c++) a[c][r] = v[r * p + c] - mean[c];
        double[] b = new double[n];
        for (int r = 0; r < n; r++) b[r] = y[r] - yMean;
        int m = Math.min(n, p);
        double[][] rr = new double[p][p];
        double[] h = new double[n];
        for (int k = 0; k < m; k++) {
            double[] col = a[k];
            double norm = 0;
            for (int i = k; i < n; i++) norm += col[i] * col[i];
            norm = Math.sqrt(norm);
            if (norm == 0) {
                for (int j = k; j < p; j++) rr[k][j] = a[j][k];
                continue;
            }
            double alpha = col[k] > 0 ? -norm : norm;
            for (int i = k; i < n; i++) h[i] = col[i];
            h[k] -= alpha;
            double hh = 0;
            for (int i = k; i < n; i++) hh += h[i] * h[i];
            if (hh == 0) {
                for (int j = k; j < p; j++) rr[k][j] = a[j][k];
                continue;
            }
            for (int j = k; j < p; j++) {
                double[] cj = a[j];
                double s = 0;
                for (int i = k; i < n; i++) s += h[i] * cj[i];
                s = 2 * s / hh;
                for (int i = k; i < n; i++) cj[i] -= s * h[i];
            }
            double s = 0;
            for (int i = k; i < n; i++) s += h[i] * b[i];
            s = 2 * s / hh;
            for (int i = k; i < n; i++) b[i] -= s * h[i];
            for (int j = k; j < p; j++) rr[k][j] = a[j][k];
        }
        // R b = (Qᵀy)[0..p): the minimum-norm solution through the SVD of R (rows below n are zero when n < p)
        double[] qty = new double[p];
        System.arraycopy(b, 0, qty, 0, m);
        double[] coef = new SingularValueDecomposition(new Array2DRowRealMatrix(rr, false)).getSolver()
                .solve(new ArrayRealVector(qty, false)).toArray();
        double intercept = 0;
        if (fitIntercept) {
            intercept = yMean;
            for (int c = 0; c < p; c++) intercept -= mean[c] * coef[c];
        }
        return new Model(new double[][] {coef}, new double[] {intercept}, 1, true, 0);
    }

    /**
     * Logistic regression over class codes {@code y} in {@code [0, classes)}: one coefficient row (class 1 against
     * class 0) for two classes, one per class (softmax) for more.
     */
    static Model logistic(FeatureMatrix x, int[] y, int classes, Hyperparameters hp, String source) {
        int n = x.rows(), p = x.columns();
        double[] v = values(x, source);
        int outputs = classes <= 2 ? 1 : classes;
        int width = p + 1;   // the intercept last in each row of parameters
        boolean intercept = hp.fitIntercept();
        double lambda = 1 / hp.c();
        // mean form: (1/n)(Σ loss + ½‖w‖²/C), the same minimiser, a tolerance that does not grow with n
        Lbfgs.Objective f = outputs == 1 ? (theta, grad) -> binary(v, y, n, p, theta, grad, lambda, intercept)
                : (theta, grad) -> multinomial(v, y, n, p, outputs, theta, grad, lambda, intercept);
        Lbfgs.Result r = Lbfgs.minimize(f, new double[outputs * width], hp.maxIter(), hp.tol());
        double[][] coef = new double[outputs][p];
        double[] b = new double[outputs];
        for (int k = 0; k < outputs; k++) {
            System.arraycopy(r.x(), k * width, coef[k], 0, p);
            b[k] = r.x()[k * width + p];
        }
        return new Model(coef, b, r.iterations(), r.converged(), r.gradient());
    }

    private static double binary(double[] v, int[] y, int n, int p, double[] theta, double[] grad, double lambda, boolean intercept) {
        java.util.Arrays.fill(grad, 0);
        double loss = 0;
        double b = intercept ? theta[p] : 0;
        for (int r = 0; r < n; r++) {
            double z = b;
            int o = r * p;
            for (int c = 0; c < p; c++) z += v[o + c] * theta[c];
            // log(1 + e^z) - y z, without overflow
            loss += (z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z))) - (y[r] == 1 ? z : 0);
            double e = sigmoid(z) - (y[r] == 1 ? 1 : 0);
            for (int c = 0; c < p; c++) grad[c] += e * v[o + c];
            if (intercept) grad[p] += e;
        }
        double penalty = 0;
        for (int c = 0; c < p; c++) {
            penalty += theta[c] * theta[c];
            grad[c] += lambda * theta[c];
        }
        for (int i = 0; i < grad.length; i++) grad[i] /= n;
        return (loss + 0.5 * lambda * penalty) / n;
    }

    private static double multinomial(double[] v, int[] y, int n, int p, int k, double[] theta, double[] grad, double lambda,
                                      boolean intercept) {
        java.util.Arrays.fill(grad, 0);
        int width = p + 1;
        double[] z = new double[k];
        double loss = 0;
        for (int r = 0; r < n; r++) {
            int o = r * p;
            double max = Double.NEGATIVE_INFINITY;
            for (int j = 0; j < k; j++) {
                double s = intercept ? theta[j * width + p] : 0;
                for (int c = 0; c < p; c++) s += v[o + c] * theta[j * width + c];
                z[j] = s;
                max = Math.max(max, s);
            }
            double sum = 0;
            for (int j = 0; j < k; j++) sum += Math.exp(z[j] - max);
            double logSum = max + Math.log(sum);
            loss += logSum - z[y[r]];
            for (int j = 0; j < k; j++) {
                double e = Math.exp(z[j] - logSum) - (y[r] == j ? 1 : 0);
                for (int c = 0; c < p; c++) grad[j * width + c] += e * v[o + c];
                if (intercept) grad[j * width + p] += e;
            }
        }
        double penalty = 0;
        for (int j = 0; j < k; j++) {
            for (int c = 0; c < p; c++) {
                double w = theta[j * width + c];
                penalty += w * w;
                grad[j * width + c] += lambda * w;
            }
        }
        for (int i = 0; i < grad.length; i++) grad[i] /= n;
        return (loss + 0.5 * lambda * penalty) / n;
    }

    static double sigmoid(double z) {
        return z >= 0 ? 1 / (1 + Math.exp(-z)) : Math.exp(z) / (1 + Math.exp(z));
    }
}
