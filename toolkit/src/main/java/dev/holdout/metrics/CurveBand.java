package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import dev.holdout.report.Charts;
import java.util.Arrays;
import java.util.Locale;

/**
 * A seeded bootstrap confidence band around a ROC or precision/recall curve (scikit-learn #25856): the curve is
 * read on a fixed grid — the true positive rate at each false positive rate, or the precision at each recall —
 * on the original rows and on each bootstrap resample of the rows, and the band is the pointwise percentile
 * interval at each grid point. Pointwise: each grid point's interval covers that point with the stated
 * confidence; the band as a whole is narrower than a simultaneous band would be.
 *
 * <p>Reading on the grid: ROC — linear interpolation between the curve's points, the highest TPR at a repeated
 * FPR; precision/recall — the interpolated precision, the highest precision at any recall ≥ r (the curve is not
 * monotone, and this is the usual way to read it on a grid). Rows are sorted once; a resample is integer weights
 * (how often each row was drawn), so each resample costs one pass. A resample without both classes is skipped
 * and counted.
 *
 * <pre>{@code
 * CurveBand band = CurveBand.roc(truth, score, 1, null, Bootstrap.Spec.of(1000, 7), 100);
 * band.lower()[10];   // TPR at FPR 0.1: 0.52 .. 0.71
 * band.chart();       // the curve with its 95% band
 * }</pre>
 */
public final class CurveBand {
    private final Curve.Kind kind;
    private final double[] grid, estimate, lower, upper;
    private final Bootstrap.Spec spec;
    private final int skipped;

    private CurveBand(Curve.Kind kind, double[] grid, double[] estimate, double[] lower, double[] upper, Bootstrap.Spec spec, int skipped) {
        this.kind = kind;
        this.grid = grid;
        this.estimate = estimate;
        this.lower = lower;
        this.upper = upper;
        this.spec = spec;
        this.skipped = skipped;
    }

    public static CurveBand roc(int[] truth, double[] score, int positive, double[] weights, Bootstrap.Spec spec, int gridSteps) {
        return of(Curve.Kind.ROC, truth, score, positive, weights, spec, gridSteps);
    }

    public static CurveBand precisionRecall(int[] truth, double[] score, int positive, double[] weights, Bootstrap.Spec spec, int gridSteps) {
        return of(Curve.Kind.PRECISION_RECALL, truth, score, positive, weights, spec, gridSteps);
    }

    private static CurveBand of(Curve.Kind kind, int[] truth, double[] score, int positive, double[] weights, Bootstrap.Spec spec, int gridSteps) {
        Checks.sameLength(truth.length, score.length, "score");
        Checks.weights(weights, truth.length);
        Checks.finite(score, "score");
        if (gridSteps < 2) throw DataValidationException.param("grid", gridSteps, "must be >= 2", "pass 100");
        int n = truth.length;
        int[] order = ScoreOrder.descending(score);
        double[] grid = new double[gridSteps + 1];
        for (int g = 0; g <= gridSteps; g++) grid[g] = (double) g / gridSteps;
        double[] base = new double[n];
        for (int i = 0; i < n; i++) base[i] = weights == null ? 1 : weights[i];
        double[] estimate = read(kind, order, truth, score, positive, base, grid);
        if (estimate == null) {
            throw DataValidationException.param("truth", "one class", "a curve band needs both classes in the truth (positive code " + positive + ")",
                    "evaluate on a sample that contains both classes");
        }
        double[][] values = new double[grid.length][spec.resamples()];
        SeededRandom rng = new SeededRandom(spec.seed());
        double[] w = new double[n];
        int ok = 0, skipped = 0;
        for (int r = 0; r < spec.resamples(); r++) {
            Arrays.fill(w, 0);
            for (int i = 0; i < n; i++) w[rng.nextInt(n)] += 1;
            for (int i = 0; i < n; i++) w[i] *= base[i];
            double[] y = read(kind, order, truth, score, positive, w, grid);
            if (y == null) {
                skipped++;
                continue;
            }
            for (int g = 0; g < grid.length; g++) values[g][ok] = y[g];
            ok++;
        }
        if (ok == 0) throw DataValidationException.param("bootstrap", spec.resamples(), "no resample had both classes", "use more rows");
        double[] lo = new double[grid.length], hi = new double[grid.length];
        double alpha = 1 - spec.confidence();
        for (int g = 0; g < grid.length; g++) {
            double[] v = Arrays.copyOf(values[g], ok);
            Arrays.sort(v);
            lo[g] = Bootstrap.quantile(v, alpha / 2);
            hi[g] = Bootstrap.quantile(v, 1 - alpha / 2);
        }
        return new CurveBand(kind, grid, estimate, lo, hi, spec, skipped);
    }

    /** The curve under weights {@code w}, read on the grid; null when a class has no weight. */
    private static double[] read(Curve.Kind kind, int[] order, int[] truth, double[] score, int positive, double[] w, double[] grid) {
        int n = order.length;
        double[] tp = new double[n + 1], fp = new double[n + 1];
        int m = 1;   // point 0: nothing predicted positive
        double tps = 0, fps = 0;
        for (int i = 0; i < n; ) {
            double s = score[order[i]];
            int j = i;
            while (j < n && score[order[j]] == s) {
                int r = order[j++];
                if (truth[r] == positive) tps += w[r]; else fps += w[r];
            }
            tp[m] = tps;
            fp[m] = fps;
            m++;
            i = j;
        }
        if (tps == 0 || fps == 0) return null;
        double[] out = new double[grid.length];
        if (kind == Curve.Kind.ROC) {
            int k = 0;
            for (int g = 0; g < grid.length; g++) {
                double x = grid[g] * fps;   // compare in weight units, so no division error at the grid points
                while (k + 1 < m && fp[k + 1] <= x) k++;
                if (k + 1 >= m || fp[k] == x) {
                    out[g] = tp[k] / tps;
                } else {
                    double t = (x - fp[k]) / (fp[k + 1] - fp[k]);
                    out[g] = (tp[k] + t * (tp[k + 1] - tp[k])) / tps;
                }
            }
        } else {
            // interpolated precision: the highest precision at recall >= r, scanned from the lowest threshold up
            double best = 0;
            int g = grid.length - 1;
            for (int k = m - 1; k >= 1 && g >= 0; k--) {
                // a top group whose rows were all left out of the resample predicts nothing: no precision there
                if (tp[k] + fp[k] > 0) best = Math.max(best, tp[k] / (tp[k] + fp[k]));
                double recall = tp[k] / tps;
                double prevRecall = tp[k - 1] / tps;
                // grid points with recall in (prevRecall, recall] are reached first at point k
                while (g >= 0 && grid[g] > prevRecall && grid[g] <= recall + 1e-12) out[g--] = best;
            }
            while (g >= 0) out[g--] = best;   // recall 0: the best precision anywhere
        }
        return out;
    }

    public Curve.Kind kind() { return kind; }

    /** The grid: false positive rates (ROC) or recalls (precision/recall), 0 to 1. */
    public double[] grid() { return grid.clone(); }

    /** The curve on the original rows at each grid point. */
    public double[] estimate() { return estimate.clone(); }

    public double[] lower() { return lower.clone(); }

    public double[] upper() { return upper.clone(); }

    public Bootstrap.Spec spec() { return spec; }

    /** Resamples without both classes, left out. */
    public int skipped() { return skipped; }

    /** The widest interval over the grid. */
    public double maxWidth() {
        double m = 0;
        for (int g = 0; g < grid.length; g++) m = Math.max(m, upper[g] - lower[g]);
        return m;
    }

    /** The curve with its band (two dashed-free lines: lower and upper). */
    public Charts.Line chart() {
        String pct = String.format(Locale.ROOT, "%.0f%%", spec.confidence() * 100);
        String boot = String.format(Locale.ROOT, "%s bootstrap band, %d resamples, seed %d", pct, spec.resamples(), spec.seed());
        Charts.Line l = kind == Curve.Kind.ROC
                ? Charts.line("ROC curve with " + boot, "false positive rate", "true positive rate")
                : Charts.line("Precision / recall with " + boot, "recall", "precision (interpolated)");
        l = l.series("model", grid, estimate).series(pct + " lower", grid, lower).series(pct + " upper", grid, upper);
        return kind == Curve.Kind.ROC ? l.reference("chance", new double[] {0, 1}, new double[] {0, 1}) : l;
    }

    public String toHtml() { return dev.holdout.report.Html.image(chart().image(), kind == Curve.Kind.ROC ? "ROC band" : "Precision/recall band"); }

    @Override public String toString() {
        return String.format(Locale.ROOT, "%s band: %d grid points, widest %.3f (%.0f%% pointwise, %d resamples, seed %d%s)",
                kind == Curve.Kind.ROC ? "ROC" : "precision/recall", grid.length, maxWidth(), spec.confidence() * 100, spec.resamples(), spec.seed(),
                skipped > 0 ? ", " + skipped + " skipped" : "");
    }
}
