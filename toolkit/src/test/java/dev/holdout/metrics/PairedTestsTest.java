package dev.holdout.metrics;

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
 * The paired comparison tests against independent computations: McNemar and the corrected t-test against values
 * statsmodels / SciPy give (bench/metrics/compare_agreement.py repeats this on generated files through the CLI), and
 * DeLong against a direct O(m·n) computation of the structural components written here from the 1988 paper.
 */
class PairedTestsTest {

    @Test void mcnemarIsExactForFewDiscordantRowsAndChiSquaredWithCorrectionOtherwise() {
        // statsmodels: mcnemar([[10,12],[4,20]], exact=True).pvalue = 0.076812744140625
        PairedTests.McNemar exact = PairedTests.mcnemar(12, 4, 46);
        assertEquals("exact", exact.method());
        assertEquals(0.076812744140625, exact.pValue(), 1e-12);
        assertEquals(4, exact.statistic());
        // statsmodels: mcnemar([[10,30],[15,20]], exact=False, correction=True) → 4.355555..., 0.0368884257
        PairedTests.McNemar chi = PairedTests.mcnemar(30, 15, 75);
        assertEquals("chi2", chi.method());
        assertEquals(4.355555555555555, chi.statistic(), 1e-12);
        assertEquals(0.036888425707049914, chi.pValue(), 1e-9);
        assertTrue(chi.verdict().startsWith("A is right more often"), chi.verdict());
        assertTrue(exact.verdict().contains("within the noise"), exact.verdict());
        // the boundary: 24 discordant rows exact, 25 chi2
        assertEquals("exact", PairedTests.mcnemar(12, 12, 30).method());
        assertEquals("chi2", PairedTests.mcnemar(13, 12, 30).method());
        assertEquals(1.0, PairedTests.mcnemar(0, 0, 10).pValue());
    }

    @Test void mcnemarCountsOnlyTheRowsWhereExactlyOneModelIsRight() {
        int[] truth = {0, 1, 2, 1, 0, 2, 1};
        int[] a = {0, 1, 0, 0, 0, 2, 2};   // right on 0,1,4,5
        int[] b = {1, 0, 2, 1, 1, 2, 0};   // right on 2,3,5
        PairedTests.McNemar m = PairedTests.mcnemar(truth, a, b);
        assertEquals(3, m.b());   // rows 0,1,4
        assertEquals(2, m.c());   // rows 2,3
    }

    @Test void correctedResampledTTestMatchesTheFormulaAndIsMoreCautiousThanTheNaiveOne() {
        double[] a = {0.80, 0.82, 0.79, 0.85, 0.81};
        double[] b = {0.78, 0.80, 0.80, 0.82, 0.79};
        // numpy/scipy: d.mean()/sqrt((1/5 + 0.25) * d.var(ddof=1)) = 1.572714198985568, p = 0.19089036663397474
        PairedTests.ResampledTTest t = PairedTests.correctedResampledTTest(a, b, 400, 100);
        assertEquals(0.016, t.meanDifference(), 1e-12);
        assertEquals(1.572714198985568, t.t(), 1e-9);
        assertEquals(0.19089036663397474, t.pValue(), 1e-7);
        assertTrue(Math.abs(t.naiveT()) > Math.abs(t.t()), "the correction widens the variance");
        assertTrue(t.verdict().contains("within the noise"), t.verdict());
        assertThrows(DataValidationException.class, () -> PairedTests.correctedResampledTTest(new double[] {1}, new double[] {0}, 4, 1));
    }

    /** DeLong's structural components directly: ψ(x, y) = 1 if x > y, ½ if equal, 0 otherwise. */
    static double[] delongReference(int[] truth, double[] sa, double[] sb) {
        int m = 0;
        for (int t : truth) if (t == 1) m++;
        int n = truth.length - m;
        double[][] x = new double[2][m], y = new double[2][n];
        double[][] s = {sa, sb};
        for (int k = 0; k < 2; k++) {
            int i = 0, j = 0;
            for (int r = 0; r < truth.length; r++) if (truth[r] == 1) x[k][i++] = s[k][r]; else y[k][j++] = s[k][r];
        }
        double[][] v10 = new double[2][m], v01 = new double[2][n];
        double[] auc = new double[2];
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < m; i++) for (int j = 0; j < n; j++) {
                double psi = x[k][i] > y[k][j] ? 1 : x[k][i] == y[k][j] ? 0.5 : 0;
                v10[k][i] += psi / n;
                v01[k][j] += psi / m;
                auc[k] += psi / ((double) m * n);
            }
        }
        double[][] s10 = new double[2][2], s01 = new double[2][2];
        for (int r = 0; r < 2; r++) for (int c = 0; c < 2; c++) {
            for (int i = 0; i < m; i++) s10[r][c] += (v10[r][i] - auc[r]) * (v10[c][i] - auc[c]) / (m - 1);
            for (int j = 0; j < n; j++) s01[r][c] += (v01[r][j] - auc[r]) * (v01[c][j] - auc[c]) / (n - 1);
        }
        double var = (s10[0][0] + s10[1][1] - 2 * s10[0][1]) / m + (s01[0][0] + s01[1][1] - 2 * s01[0][1]) / n;
        return new double[] {auc[0], auc[1], var};
    }

    @Property(tries = 60)
    void delongAgreesWithTheDirectStructuralComponents(@ForAll @IntRange(min = 6, max = 120) int rows, @ForAll long seed,
                                                       @ForAll @IntRange(min = 2, max = 20) int levels) {
        SeededRandom rng = new SeededRandom(seed);
        int[] truth = new int[rows];
        double[] a = new double[rows], b = new double[rows];
        for (int i = 0; i < rows; i++) {
            truth[i] = i < 3 ? 1 : i < 6 ? 0 : rng.nextInt(2);
            // coarse scores: many ties within and across the classes
            a[i] = Math.floor((0.3 * truth[i] + rng.nextDouble()) * levels) / levels;
            b[i] = Math.floor((0.5 * a[i] + 0.5 * rng.nextDouble()) * levels) / levels;
        }
        PairedTests.DeLong d = PairedTests.delong(truth, a, b);
        double[] ref = delongReference(truth, a, b);
        assertEquals(ref[0], d.aucA(), 1e-12);
        assertEquals(ref[1], d.aucB(), 1e-12);
        assertEquals(Scores.rocAuc(truth, a), d.aucA(), 1e-12);
        assertEquals(ref[2], d.variance(), 1e-12);
        // swapping the models flips the difference and keeps the p-value
        PairedTests.DeLong swapped = PairedTests.delong(truth, b, a);
        assertEquals(-d.difference(), swapped.difference(), 1e-12);
        assertEquals(d.pValue(), swapped.pValue(), 1e-12);
        assertTrue(d.ciLow() <= d.difference() && d.difference() <= d.ciHigh());
    }

    @Test void delongOnAModelAgainstItselfFindsNothingAndAClearWinnerIsFound() {
        SeededRandom rng = new SeededRandom(3);
        int n = 400;
        int[] truth = new int[n];
        double[] good = new double[n], noise = new double[n];
        for (int i = 0; i < n; i++) {
            truth[i] = rng.nextInt(2);
            good[i] = truth[i] + rng.nextGaussian() * 0.7;
            noise[i] = truth[i] * 0.1 + rng.nextGaussian();
        }
        PairedTests.DeLong same = PairedTests.delong(truth, good, good);
        assertEquals(0, same.difference());
        assertEquals(1, same.pValue());
        PairedTests.DeLong d = PairedTests.delong(truth, good, noise);
        assertTrue(d.pValue() < 1e-6, d.toString());
        assertTrue(d.verdict().startsWith("A ranks better"), d.verdict());
        assertThrows(DataValidationException.class, () -> PairedTests.delong(new int[] {1, 0, 0}, new double[3], new double[3]));
    }

    @Test void thePairedBootstrapUsesTheSameRowsForBothModels() {
        double[] truth = new double[200], a = new double[200], b = new double[200];
        SeededRandom rng = new SeededRandom(5);
        for (int i = 0; i < truth.length; i++) {
            truth[i] = rng.nextInt(2);
            a[i] = rng.nextDouble() < 0.9 ? truth[i] : 1 - truth[i];
            b[i] = a[i];
        }
        b[0] = 1 - b[0];   // B differs from A on one row only
        PairedTests.BootstrapDifference d = PairedTests.bootstrapDifference(Metric.ACCURACY, truth, a, b, null, Bootstrap.Spec.of(500, 1));
        // paired: every resample's difference is (copies of row 0) · (±1/200), so the interval is tiny and one-signed
        double step = 1.0 / 200;
        assertEquals(a[0] == truth[0] ? step : -step, d.difference(), 1e-12);
        assertTrue(Math.abs(d.ciHigh() - d.ciLow()) <= 4 * step + 1e-12, d.toString());
        PairedTests.BootstrapDifference again = PairedTests.bootstrapDifference(Metric.ACCURACY, truth, a, b, null, Bootstrap.Spec.of(500, 1));
        assertEquals(d, again, "same seed, same interval");
    }

    @Test void theMinimumDetectableDifferenceShrinksWithTheSquareRootOfTheRows() {
        double d500 = PairedTests.minimumDetectableDifference(500, 0.1, 0.05, 0.8);
        assertEquals((1.959963984540054 + 0.8416212335729143) * Math.sqrt(0.1 / 500), d500, 1e-9);
        assertEquals(d500 / 2, PairedTests.minimumDetectableDifference(2000, 0.1, 0.05, 0.8), 1e-12);
        assertEquals((1.959963984540054 + 0.8416212335729143) * Math.sqrt(0.85 * 0.15 / 1000), PairedTests.detectableShift(1000, 0.85, 0.05, 0.8), 1e-9);
        assertThrows(DataValidationException.class, () -> PairedTests.minimumDetectableDifference(0, 0.1, 0.05, 0.8));
    }
}
