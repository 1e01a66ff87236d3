package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of the label metrics over generated data, including degenerate data (one class, n = 1). */
class ClassificationPropertiesTest {
    private static final double EPS = 1e-12;
    private static final ZeroDivision[] ZD = {ZeroDivision.ZERO, ZeroDivision.ONE};

    @Provide Arbitrary<Cases.Case> multi() { return Cases.cases(1, 4, 40); }

    @Provide Arbitrary<Cases.Case> binary() { return Cases.cases(1, 2, 40); }

    @Property(tries = 300)
    void boundsHoldForEveryAverage(@ForAll("multi") Cases.Case c) {
        ConfusionMatrix m = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), c.weights());
        for (Average avg : new Average[] {Average.MICRO, Average.MACRO, Average.WEIGHTED}) {
            for (ZeroDivision zd : ZD) {
                for (double v : new double[] {m.precision(avg, -1, zd), m.recall(avg, -1, zd), m.f1(avg, -1, zd), m.fbeta(2, avg, -1, zd)}) {
                    assertTrue(v >= 0 && v <= 1, avg + " " + zd + " gave " + v);
                }
            }
        }
        assertTrue(m.accuracy() >= 0 && m.accuracy() <= 1);
        assertTrue(m.balancedAccuracy() >= 0 && m.balancedAccuracy() <= 1);
        assertTrue(m.mcc() >= -1 - EPS && m.mcc() <= 1 + EPS, "mcc " + m.mcc());
    }

    @Property(tries = 300)
    void f1IsHarmonicMeanOfPrecisionAndRecall(@ForAll("binary") Cases.Case c) {
        BinaryCounts b = Classification.binaryCounts(c.truth(), c.predicted(), 1, c.weights());
        double p = b.precision(ZeroDivision.ZERO), r = b.recall(ZeroDivision.ZERO);
        if (p + r > 0) assertEquals(2 * p * r / (p + r), b.f1(ZeroDivision.ZERO), EPS);
        else assertEquals(0.0, b.f1(ZeroDivision.ZERO));
    }

    @Property(tries = 300)
    void microAveragesEqualAccuracy(@ForAll("multi") Cases.Case c) {
        ConfusionMatrix m = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), c.weights());
        double acc = Classification.accuracy(c.truth(), c.predicted(), c.weights());
        assertEquals(acc, m.accuracy(), EPS);
        assertEquals(acc, m.f1(Average.MICRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(acc, m.precision(Average.MICRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(acc, m.recall(Average.MICRO, -1, ZeroDivision.ZERO), EPS);
    }

    @Property(tries = 300)
    void agreesWithReferenceImplementation(@ForAll("multi") Cases.Case c) {
        double[] w = c.weights();
        ConfusionMatrix m = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), w);
        assertEquals(Reference.accuracy(c.truth(), c.predicted(), w), Classification.accuracy(c.truth(), c.predicted(), w), EPS);
        for (ZeroDivision zd : ZeroDivision.values()) {
            for (Average avg : Average.values()) {
                if (avg == Average.BINARY && c.k() > 2) continue;
                int pos = avg == Average.BINARY ? c.k() - 1 : -1;
                assertSame(Reference.averaged(c.truth(), c.predicted(), w, avg, pos, 1, zd.value(), 0), m.precision(avg, pos, zd), avg + " precision " + zd);
                assertSame(Reference.averaged(c.truth(), c.predicted(), w, avg, pos, 1, zd.value(), 1), m.recall(avg, pos, zd), avg + " recall " + zd);
                assertSame(Reference.averaged(c.truth(), c.predicted(), w, avg, pos, 1, zd.value(), 2), m.f1(avg, pos, zd), avg + " f1 " + zd);
                assertSame(Reference.averaged(c.truth(), c.predicted(), w, avg, pos, 0.5, zd.value(), 2), m.fbeta(0.5, avg, pos, zd), avg + " f0.5 " + zd);
            }
        }
        assertEquals(Reference.balancedAccuracy(c.truth(), c.predicted(), w), m.balancedAccuracy(), EPS);
        assertEquals(Reference.mcc(c.truth(), c.predicted(), w, c.k()), m.mcc(), 1e-9);
    }

    private static void assertSame(double expected, double actual, String what) {
        if (Double.isNaN(expected)) assertTrue(Double.isNaN(actual), what + ": expected NaN, got " + actual);
        else assertEquals(expected, actual, EPS, what);
    }

    @Property(tries = 200)
    void invariantUnderRowPermutation(@ForAll("multi") Cases.Case c, @ForAll long seed) {
        int n = c.n();
        int[] perm = permutation(n, seed);
        int[] t = new int[n], p = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = c.truth()[perm[i]];
            p[i] = c.predicted()[perm[i]];
            w[i] = c.counts()[perm[i]];
        }
        ConfusionMatrix a = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), c.weights());
        ConfusionMatrix b = ConfusionMatrix.of(t, p, c.k(), w);
        assertEquals(a, b);
        assertEquals(a.f1(Average.MACRO, -1, ZeroDivision.ZERO), b.f1(Average.MACRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(a.mcc(), b.mcc(), EPS);
    }

    @Property(tries = 200)
    void macroMetricsInvariantUnderRenamingClasses(@ForAll("multi") Cases.Case c, @ForAll long seed) {
        int[] rename = permutation(c.k(), seed);
        int[] t = new int[c.n()], p = new int[c.n()];
        for (int i = 0; i < c.n(); i++) {
            t[i] = rename[c.truth()[i]];
            p[i] = rename[c.predicted()[i]];
        }
        ConfusionMatrix a = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), c.weights());
        ConfusionMatrix b = ConfusionMatrix.of(t, p, c.k(), c.weights());
        for (Average avg : new Average[] {Average.MICRO, Average.MACRO, Average.WEIGHTED}) {
            assertEquals(a.precision(avg, -1, ZeroDivision.ZERO), b.precision(avg, -1, ZeroDivision.ZERO), EPS);
            assertEquals(a.recall(avg, -1, ZeroDivision.ZERO), b.recall(avg, -1, ZeroDivision.ZERO), EPS);
            assertEquals(a.f1(avg, -1, ZeroDivision.ZERO), b.f1(avg, -1, ZeroDivision.ZERO), EPS);
        }
        assertEquals(a.balancedAccuracy(), b.balancedAccuracy(), EPS);
        assertEquals(a.mcc(), b.mcc(), 1e-9);
    }

    @Property(tries = 200)
    void perfectPredictionsGiveIdealValues(@ForAll("multi") Cases.Case c) {
        ConfusionMatrix m = ConfusionMatrix.of(c.truth(), c.truth(), c.k(), c.weights());
        assertEquals(1.0, m.accuracy());
        assertEquals(1.0, m.balancedAccuracy(), EPS);
        for (Average avg : new Average[] {Average.MICRO, Average.MACRO, Average.WEIGHTED}) {
            assertEquals(1.0, m.f1(avg, -1, ZeroDivision.ZERO), EPS);
            assertEquals(1.0, m.precision(avg, -1, ZeroDivision.ZERO), EPS);
        }
        int classesWithWeight = 0;
        for (int j = 0; j < c.k(); j++) classesWithWeight += m.support(j) > 0 ? 1 : 0;
        // Perfect predictions correlate perfectly, except with a single class, where sklearn returns 0.
        assertEquals(classesWithWeight >= 2 ? 1.0 : 0.0, m.mcc(), 1e-9);
    }

    @Property(tries = 300)
    void integerWeightsEqualRepeatedRows(@ForAll("multi") Cases.Case c) {
        int[] t = Reference.expand(c.truth(), c.counts()), p = Reference.expand(c.predicted(), c.counts());
        ConfusionMatrix weighted = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), c.weights());
        ConfusionMatrix repeated = ConfusionMatrix.of(t, p, c.k(), null);
        assertEquals(repeated.accuracy(), weighted.accuracy(), EPS);
        assertEquals(repeated.balancedAccuracy(), weighted.balancedAccuracy(), EPS);
        assertEquals(repeated.mcc(), weighted.mcc(), 1e-9);
        assertEquals(Classification.accuracy(t, p), Classification.accuracy(c.truth(), c.predicted(), c.weights()), EPS);
        BinaryCounts a = Classification.binaryCounts(t, p, 1, null), b = Classification.binaryCounts(c.truth(), c.predicted(), 1, c.weights());
        assertEquals(a.f1(ZeroDivision.ZERO), b.f1(ZeroDivision.ZERO), EPS);
        assertEquals(a.precision(ZeroDivision.ONE), b.precision(ZeroDivision.ONE), EPS);
        assertEquals(a.recall(ZeroDivision.ONE), b.recall(ZeroDivision.ONE), EPS);
        for (Average avg : new Average[] {Average.MICRO, Average.MACRO, Average.WEIGHTED}) {
            for (ZeroDivision zd : ZeroDivision.values()) {
                assertSame(repeated.f1(avg, -1, zd), weighted.f1(avg, -1, zd), avg + " f1 " + zd);
                assertSame(repeated.precision(avg, -1, zd), weighted.precision(avg, -1, zd), avg + " precision " + zd);
                assertSame(repeated.recall(avg, -1, zd), weighted.recall(avg, -1, zd), avg + " recall " + zd);
            }
        }
    }

    @Property(tries = 200)
    void unweightedBinaryPathEqualsWeightedPathWithUnitWeights(@ForAll("binary") Cases.Case c) {
        double[] ones = new double[c.n()];
        java.util.Arrays.fill(ones, 1);
        assertEquals(Classification.binaryCounts(c.truth(), c.predicted(), 1, null),
                Classification.binaryCounts(c.truth(), c.predicted(), 1, ones));
    }

    /** n = 10^6 with 5 classes: identities and reference agreement hold at scale too. */
    @net.jqwik.api.Example
    void millionRows() {
        int n = 1_000_000, k = 5;
        java.util.SplittableRandom r = new java.util.SplittableRandom(17);
        int[] t = new int[n], p = new int[n];
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextInt(k);
            p[i] = r.nextDouble() < 0.6 ? t[i] : r.nextInt(k);
            w[i] = r.nextInt(3);
        }
        ConfusionMatrix m = ConfusionMatrix.of(t, p, k, w);
        assertEquals(Reference.accuracy(t, p, w), m.accuracy(), 1e-12);
        assertEquals(m.accuracy(), m.f1(Average.MICRO, -1, ZeroDivision.ZERO), 1e-12);
        assertEquals(Reference.averaged(t, p, w, Average.MACRO, -1, 1, 0, 2), m.f1(Average.MACRO, -1, ZeroDivision.ZERO), 1e-12);
        assertEquals(Reference.mcc(t, p, w, k), m.mcc(), 1e-9);
        BinaryCounts b = Classification.binaryCounts(t, p, 3, null);
        assertEquals(Reference.prf(t, p, null, 3, 1, 0)[2], b.f1(ZeroDivision.ZERO), 1e-12);
    }

    static int[] permutation(int n, long seed) {
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) perm[i] = i;
        Random r = new Random(seed);
        for (int i = n - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int x = perm[i]; perm[i] = perm[j]; perm[j] = x;
        }
        return perm;
    }
}
