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

/**
 * Calibration against scikit-learn 1.2.1 (values below printed by calibration_curve, brier_score_loss,
 * CalibratedClassifierCV's _sigmoid_calibration and IsotonicRegression on the same arrays) and by its laws.
 */
class CalibrationTest {
    static final int[] Y = {0, 0, 0, 0, 1, 1, 1, 1, 1};
    static final double[] P = {0.1, 0.2, 0.3, 0.4, 0.65, 0.7, 0.8, 0.9, 1.0};

    @Test void theReliabilityCurveIsScikitLearnsOnItsDocExample() {
        // sklearn docstring: calibration_curve(y, p, n_bins=3) → prob_true [0, 0.5, 1], prob_pred [0.2, 0.525, 0.85]
        Calibration.Curve c = Calibration.curve(Y, P, 1, null, 3, Calibration.Strategy.UNIFORM);
        assertArrayEquals(new double[] {0, 0.5, 1}, c.probTrue(), 1e-12);
        assertArrayEquals(new double[] {0.2, 0.525, 0.85}, c.probPred(), 1e-12);
        assertArrayEquals(new double[] {3, 2, 4}, c.count(), 1e-12);
        // ECE = 3/9·0.2 + 2/9·0.025 + 4/9·0.15
        assertEquals(3.0 / 9 * 0.2 + 2.0 / 9 * 0.025 + 4.0 / 9 * 0.15, c.ece(), 1e-12);
        // sklearn brier_score_loss(y, p) = 0.0625
        assertEquals(0.0625, Calibration.brier(Y, P, 1, null), 1e-12);
    }

    @Test void quantileBinsAreCutAtTheProbabilitiesPercentilesAndEmptyBinsAreDropped() {
        // sklearn: calibration_curve(y, p, n_bins=3, strategy="quantile") → prob_true [0, 0.66666667, 1], prob_pred [0.2, 0.58333333, 0.9]
        Calibration.Curve q = Calibration.curve(Y, P, 1, null, 3, Calibration.Strategy.QUANTILE);
        assertArrayEquals(new double[] {0, 2.0 / 3, 1}, q.probTrue(), 1e-9);
        assertArrayEquals(new double[] {0.2, 0.5833333333333334, 0.9}, q.probPred(), 1e-9);
        // 10 uniform bins over 9 values: the empty bins are dropped
        Calibration.Curve u = Calibration.curve(Y, P, 1, null, 10, Calibration.Strategy.UNIFORM);
        double rows = 0;
        for (double c : u.count()) {
            assertTrue(c > 0);
            rows += c;
        }
        assertEquals(9, rows);
    }

    @Property(tries = 100)
    void weightsCountAsRepeatsAndEceIsBetweenZeroAndOne(@ForAll @IntRange(min = 2, max = 60) int n, @ForAll long seed,
                                                         @ForAll @IntRange(min = 1, max = 12) int bins) {
        SeededRandom rng = new SeededRandom(seed);
        int[] y = new int[n];
        double[] p = new double[n], w = new double[n];
        int total = 0;
        for (int i = 0; i < n; i++) {
            y[i] = rng.nextInt(2);
            p[i] = Math.floor(rng.nextDouble() * 10) / 10;
            w[i] = rng.nextInt(3);
            total += (int) w[i];
        }
        if (total == 0) return;
        int[] ry = new int[total];
        double[] rp = new double[total];
        int k = 0;
        for (int i = 0; i < n; i++) for (int c = 0; c < w[i]; c++) {
            ry[k] = y[i];
            rp[k++] = p[i];
        }
        Calibration.Curve a = Calibration.curve(y, p, 1, w, bins, Calibration.Strategy.UNIFORM);
        Calibration.Curve b = Calibration.curve(ry, rp, 1, null, bins, Calibration.Strategy.UNIFORM);
        assertEquals(b.ece(), a.ece(), 1e-12);
        assertEquals(b.brier(), a.brier(), 1e-12);
        assertTrue(a.ece() >= 0 && a.ece() <= 1);
        // a perfectly calibrated constant: every row predicts the overall rate
        double rate = 0;
        for (int v : ry) rate += v;
        rate /= total;
        double[] constant = new double[total];
        java.util.Arrays.fill(constant, rate);
        assertEquals(0, Calibration.curve(ry, constant, 1, null, bins, Calibration.Strategy.UNIFORM).ece(), 1e-12);
    }

    @Test void plattAgreesWithScikitLearnsSigmoidCalibration() {
        // sklearn.calibration._sigmoid_calibration(P, Y) → (a, b); the objective is convex, so both find the same optimum
        Calibrator.PlattFit f = (Calibrator.PlattFit) Calibrator.platt().fit(P, Y, 1);
        double[] s = {0.05, 0.2, 0.5, 0.95};
        double[] expected = new double[s.length];
        for (int i = 0; i < s.length; i++) expected[i] = 1 / (1 + Math.exp(f.a() * s[i] + f.b()));
        assertArrayEquals(expected, f.apply(s), 1e-12);
        assertEquals(PLATT_A, f.a(), 1e-3);
        assertEquals(PLATT_B, f.b(), 1e-3);
        assertTrue(f.a() < 0, "higher scores give higher probabilities");
    }

    static final double PLATT_A = -5.523723900293318;   // sklearn 1.2.1 _sigmoid_calibration(P, Y)
    static final double PLATT_B = 2.7993623228036997;

    @Test void isotonicIsTheMonotonePoolOfAdjacentViolatorsClippedOutside() {
        double[] s = {0.1, 0.2, 0.2, 0.3, 0.4, 0.5, 0.6};
        int[] y = {0, 1, 0, 0, 1, 0, 1};
        Calibrator.IsotonicFit f = (Calibrator.IsotonicFit) Calibrator.isotonic().fit(s, y, 1);
        // ties pooled: 0.2 → 0.5; then [0.5, 0] violate → pool to 1/3 over (0.2×2, 0.3); then 1, 0 → pool to 0.5
        assertArrayEquals(new double[] {0.1, 0.2, 0.3, 0.4, 0.5, 0.6}, f.thresholds(), 0);
        assertArrayEquals(new double[] {0, 1.0 / 3, 1.0 / 3, 0.5, 0.5, 1}, f.values(), 1e-12);
        assertEquals(0, f.map(-5));
        assertEquals(1, f.map(7));
        assertEquals((1.0 / 3 + 0.5) / 2, f.map(0.35), 1e-12);
        double[] v = f.values();
        for (int i = 1; i < v.length; i++) assertTrue(v[i] >= v[i - 1]);
    }

    @Test void aFittedCalibratorRefusesTheRowsItWasFittedOnInAnyOrder() {
        Calibrator.Fitted f = Calibrator.isotonic().fit(P, Y, 1);
        DataValidationException e = assertThrows(DataValidationException.class, () -> f.apply(P, Y, 1));
        assertTrue(e.getMessage().contains("fitted on"), e.getMessage());
        double[] shuffledP = {1.0, 0.1, 0.9, 0.2, 0.8, 0.3, 0.7, 0.4, 0.65};
        int[] shuffledY = {1, 0, 1, 0, 1, 0, 1, 0, 1};
        assertThrows(DataValidationException.class, () -> f.apply(shuffledP, shuffledY, 1));
        // other rows are fine, and so is one changed label
        int[] changed = Y.clone();
        changed[0] = 1;
        assertEquals(9, f.apply(P, changed, 1).length);
        assertThrows(DataValidationException.class, () -> Calibrator.platt().fit(P, new int[9], 1), "one class only");
    }

    @Test void calibratingOnValidationFixesAnOverconfidentModelOnTheTestPart() {
        SeededRandom rng = new SeededRandom(8);
        int n = 4000;
        double[] score = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double p = rng.nextDouble();
            y[i] = rng.nextDouble() < p ? 1 : 0;
            // an over-confident but perfectly ranked model: pushes every probability towards 0 or 1
            double z = Math.log(p / (1 - p)) * 3;
            score[i] = 1 / (1 + Math.exp(-z));
        }
        int half = n / 2;
        double[] vs = java.util.Arrays.copyOfRange(score, 0, half), ts = java.util.Arrays.copyOfRange(score, half, n);
        int[] vy = java.util.Arrays.copyOfRange(y, 0, half), ty = java.util.Arrays.copyOfRange(y, half, n);
        double before = Calibration.ece(ty, ts, 1, null, 10);
        for (Calibrator c : new Calibrator[] {Calibrator.platt(), Calibrator.isotonic()}) {
            double[] p = c.fit(vs, vy, 1).apply(ts, ty, 1);
            double after = Calibration.ece(ty, p, 1, null, 10);
            assertTrue(after < before / 2, c.name() + ": ECE " + before + " -> " + after);
            assertTrue(Calibration.brier(ty, p, 1, null) < Calibration.brier(ty, ts, 1, null), c.name());
        }
    }
}
