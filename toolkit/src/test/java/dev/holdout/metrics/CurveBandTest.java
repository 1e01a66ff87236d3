package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class CurveBandTest {
    /** The grid reading written from the Curve's own points, the slow way. */
    static double rocAt(Curve c, double x) {
        double[] f = c.falsePositiveRate(), t = c.recall();
        double best = 0;
        for (int i = 0; i < f.length; i++) if (f[i] <= x + 1e-12) best = Math.max(best, t[i]);
        for (int i = 0; i + 1 < f.length; i++) {
            if (f[i] < x && x < f[i + 1] - 1e-12) return t[i] + (x - f[i]) / (f[i + 1] - f[i]) * (t[i + 1] - t[i]);
        }
        return best;
    }

    static double prAt(Curve c, double r) {
        double[] p = c.precision(), rec = c.recall();
        double best = 0;
        for (int i = 0; i < p.length; i++) if (rec[i] >= r - 1e-12) best = Math.max(best, p[i]);
        return best;
    }

    @Property(tries = 60)
    void theEstimateIsTheCurveReadOnTheGrid(@ForAll @IntRange(min = 4, max = 80) int n, @ForAll long seed, @ForAll @IntRange(min = 2, max = 12) int levels) {
        SeededRandom rng = new SeededRandom(seed);
        int[] y = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = i < 2 ? i : rng.nextInt(2);
            s[i] = Math.floor((0.3 * y[i] + rng.nextDouble()) * levels) / levels;
        }
        CurveBand roc = CurveBand.roc(y, s, 1, null, Bootstrap.Spec.of(20, 1), 20);
        CurveBand pr = CurveBand.precisionRecall(y, s, 1, null, Bootstrap.Spec.of(20, 1), 20);
        Curve rc = Scores.rocCurve(y, s, 1, null), pc = Scores.precisionRecallCurve(y, s, 1, null);
        for (int g = 0; g < roc.grid().length; g++) {
            double x = roc.grid()[g];
            assertEquals(rocAt(rc, x), roc.estimate()[g], 1e-9, "ROC at " + x);
            assertEquals(prAt(pc, x), pr.estimate()[g], 1e-9, "PR at " + x);
            assertTrue(roc.lower()[g] <= roc.upper()[g] && pr.lower()[g] <= pr.upper()[g]);
        }
    }

    @Test void theBandIsSeededCoversTheCurveAndNarrowsWithMoreRows() {
        double[] widths = new double[2];
        int k = 0;
        for (int n : new int[] {200, 3200}) {
            SeededRandom rng = new SeededRandom(4);
            int[] y = new int[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                y[i] = rng.nextInt(2);
                s[i] = 1 / (1 + Math.exp(-(1.5 * (y[i] - 0.5) + rng.nextGaussian())));
            }
            CurveBand b = CurveBand.roc(y, s, 1, null, Bootstrap.Spec.of(200, 9), 50);
            assertArrayEquals(b.lower(), CurveBand.roc(y, s, 1, null, Bootstrap.Spec.of(200, 9), 50).lower(), "same seed, same band");
            int inside = 0;
            for (int g = 0; g < b.grid().length; g++) if (b.lower()[g] <= b.estimate()[g] && b.estimate()[g] <= b.upper()[g]) inside++;
            assertTrue(inside >= b.grid().length - 2, inside + " of " + b.grid().length);
            widths[k++] = b.maxWidth();
        }
        // four times the rows should roughly halve the band (1/sqrt(16) = 1/4 here; allow slack)
        assertTrue(widths[1] < widths[0] / 2, java.util.Arrays.toString(widths));
        assertThrows(DataValidationException.class, () -> CurveBand.roc(new int[] {1, 1}, new double[] {0.2, 0.3}, 1, null, Bootstrap.Spec.of(20, 1), 10));
    }
}
