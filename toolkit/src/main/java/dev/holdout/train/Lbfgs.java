package dev.holdout.train;

/**
 * Limited-memory BFGS (Nocedal and Wright, Numerical Optimization, algorithm 7.4 and 7.5) for a smooth convex
 * objective: the two-loop recursion with the last {@value #MEMORY} steps, and a backtracking line search on the
 * Armijo condition that keeps a pair only when it satisfies the curvature condition ({@code s·y > 0}), so the
 * implicit Hessian stays positive definite. It stops when the largest gradient entry is at most {@code tol}, when
 * an iteration lowers the objective by less than 64 machine epsilons relative to its size (scipy's {@code ftol},
 * which scikit-learn's lbfgs solver sets), or after {@code maxIter} iterations.
 *
 * <pre>{@code
 * Lbfgs.Result r = Lbfgs.minimize((x, g) -> { g[0] = 2 * (x[0] - 3); return (x[0] - 3) * (x[0] - 3); }, new double[1], 100, 1e-10);
 * r.x()[0];   // 3.0
 * }</pre>
 */
final class Lbfgs {
    private Lbfgs() {}

    static final int MEMORY = 10;
    private static final double FTOL = 64 * Math.ulp(1.0);

    /** The objective: returns f(x) and writes the gradient into {@code gradient}. */
    interface Objective {
        double evaluate(double[] x, double[] gradient);
    }

    /**
     * @param x          the minimiser found
     * @param value      the objective there
     * @param gradient   the largest gradient entry (absolute) there
     * @param iterations iterations run
     * @param converged  whether the gradient (or the relative decrease) test stopped it, not the iteration limit
     */
    record Result(double[] x, double value, double gradient, int iterations, boolean converged) {}

    static Result minimize(Objective f, double[] x0, int maxIter, double tol) {
        int n = x0.length;
        double[] x = x0.clone();
        double[] g = new double[n];
        double fx = f.evaluate(x, g);
        double[][] s = new double[MEMORY][], y = new double[MEMORY][];
        double[] rho = new double[MEMORY];
        int stored = 0, next = 0;
        double[] d = new double[n], xNew = new double[n], gNew = new double[n], alpha = new double[MEMORY];
        int it = 0;
        if (maxAbs(g) <= tol) return new Result(x, fx, maxAbs(g), 0, true);
        while (it < maxIter) {
            it++;
            // d = -H g by the two-loop recursion
            for (int i = 0; i < n; i++) d[i] = -g[i];
            for (int j = 0; j < stored; j++) {
                int k = Math.floorMod(next - 1 - j, MEMORY);
                alpha[k] = rho[k] * dot(s[k], d);
                axpy(-alpha[k], y[k], d);
            }
            if (stored > 0) {
                int last = Math.floorMod(next - 1, MEMORY);
                double gamma = dot(s[last], y[last]) / dot(y[last], y[last]);
                for (int i = 0; i < n; i++) d[i] *= gamma;
            } else {
                // first step: a unit-length move along the steepest descent, as scipy's L-BFGS-B does
                double norm = Math.sqrt(dot(g, g));
                for (int i = 0; i < n; i++) d[i] /= Math.max(norm, 1.0);
            }
            for (int j = stored - 1; j >= 0; j--) {
                int k = Math.floorMod(next - 1 - j, MEMORY);
                double beta = rho[k] * dot(y[k], d);
                axpy(alpha[k] - beta, s[k], d);
            }
            double slope = dot(g, d);
            if (!(slope < 0)) {
                // not a descent direction (rounding): restart from the steepest descent
                stored = 0;
                for (int i = 0; i < n; i++) d[i] = -g[i];
                slope = dot(g, d);
                if (!(slope < 0)) break;
            }
            double step = 1, fNew = Double.NaN;
            boolean accepted = false;
            for (int ls = 0; ls < 60; ls++) {
                for (int i = 0; i < n; i++) xNew[i] = x[i] + step * d[i];
                fNew = f.evaluate(xNew, gNew);
                if (Double.isFinite(fNew) && fNew <= fx + 1e-4 * step * slope) {
                    accepted = true;
                    break;
                }
                step *= 0.5;
            }
            if (!accepted) break;
            double[] sk = new double[n], yk = new double[n];
            for (int i = 0; i < n; i++) {
                sk[i] = xNew[i] - x[i];
                yk[i] = gNew[i] - g[i];
            }
            double sy = dot(sk, yk);
            if (sy > 1e-12 * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
                s[next] = sk;
                y[next] = yk;
                rho[next] = 1 / sy;
                next = (next + 1) % MEMORY;
                stored = Math.min(stored + 1, MEMORY);
            }
            double decrease = fx - fNew;
            System.arraycopy(xNew, 0, x, 0, n);
            System.arraycopy(gNew, 0, g, 0, n);
            double previous = fx;
            fx = fNew;
            double gmax = maxAbs(g);
            if (gmax <= tol) return new Result(x, fx, gmax, it, true);
            if (decrease <= FTOL * Math.max(Math.max(Math.abs(previous), Math.abs(fx)), 1)) return new Result(x, fx, gmax, it, true);
        }
        return new Result(x, fx, maxAbs(g), it, maxAbs(g) <= tol);
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    private static void axpy(double a, double[] x, double[] y) {
        for (int i = 0; i < x.length; i++) y[i] += a * x[i];
    }

    private static double maxAbs(double[] v) {
        double m = 0;
        for (double d : v) m = Math.max(m, Math.abs(d));
        return m;
    }
}
