package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.List;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Regression metrics: bounds, identities, force_finite, weights as repeats, agreement with two-pass references. */
class RegressionPropertiesTest {
    record Row(double y, double yhat, int count) {}

    record Data(double[] y, double[] yhat, int[] counts) {
        double[] w() {
            double[] w = new double[counts.length];
            for (int i = 0; i < w.length; i++) w[i] = counts[i];
            return w;
        }
    }

    @Provide Arbitrary<Data> data() {
        Arbitrary<Double> v = Arbitraries.oneOf(Arbitraries.doubles().between(-1000, 1000),
                Arbitraries.of(0.0, 1.0, 2.0, -3.5), Arbitraries.integers().between(-5, 5).map(Integer::doubleValue));
        Arbitrary<Integer> c = Arbitraries.integers().between(0, 3);
        return Combinators.combine(v, v, c).as(Row::new).list().ofMinSize(1).ofMaxSize(60).map(RegressionPropertiesTest::toData);
    }

    private static Data toData(List<Row> rows) {
        int n = rows.size();
        double[] y = new double[n], p = new double[n];
        int[] c = new int[n];
        boolean any = false;
        for (int i = 0; i < n; i++) {
            y[i] = rows.get(i).y();
            p[i] = rows.get(i).yhat();
            c[i] = rows.get(i).count();
            any |= c[i] > 0;
        }
        if (!any) c[0] = 1;
        return new Data(y, p, c);
    }

    private static double tol(double expected) {
        return 1e-9 * Math.max(1, Math.abs(expected));
    }

    @Property(tries = 300)
    void boundsAndIdentities(@ForAll("data") Data d) {
        double mse = Regression.mse(d.y(), d.yhat(), d.w());
        assertTrue(mse >= 0);
        assertEquals(mse, Math.pow(Regression.rmse(d.y(), d.yhat(), d.w()), 2), tol(mse));
        assertTrue(Regression.mae(d.y(), d.yhat(), d.w()) >= 0);
        assertTrue(Regression.mape(d.y(), d.yhat(), d.w()) >= 0);
        if (d.y().length >= 2) {
            assertTrue(Regression.r2(d.y(), d.yhat(), d.w()) <= 1.0);
            assertTrue(Regression.explainedVariance(d.y(), d.yhat(), d.w()) <= 1.0 + 1e-12);
        }
    }

    @Property(tries = 300)
    void agreesWithTwoPassReference(@ForAll("data") Data d) {
        double[] w = d.w();
        double e;
        assertEquals(e = Reference.mse(d.y(), d.yhat(), w), Regression.mse(d.y(), d.yhat(), w), tol(e));
        assertEquals(e = Reference.mae(d.y(), d.yhat(), w), Regression.mae(d.y(), d.yhat(), w), tol(e));
        assertEquals(e = Reference.mape(d.y(), d.yhat(), w), Regression.mape(d.y(), d.yhat(), w), tol(e));
        if (d.y().length >= 2) {
            assertEquals(e = Reference.r2(d.y(), d.yhat(), w), Regression.r2(d.y(), d.yhat(), w), 1e-7 * Math.max(1, Math.abs(e)));
            assertEquals(e = Reference.explainedVariance(d.y(), d.yhat(), w), Regression.explainedVariance(d.y(), d.yhat(), w),
                    1e-7 * Math.max(1, Math.abs(e)));
        }
        assertEquals(e = Reference.medianAbsoluteError(d.y(), d.yhat()), Regression.medianAbsoluteError(d.y(), d.yhat()), tol(e));
    }

    @Property(tries = 300)
    void integerWeightsEqualRepeatedRows(@ForAll("data") Data d) {
        double[] y = Reference.expand(d.y(), d.counts()), p = Reference.expand(d.yhat(), d.counts());
        double e;
        assertEquals(e = Regression.mse(y, p), Regression.mse(d.y(), d.yhat(), d.w()), tol(e));
        assertEquals(e = Regression.mae(y, p), Regression.mae(d.y(), d.yhat(), d.w()), tol(e));
        assertEquals(e = Regression.medianAbsoluteError(y, p), Regression.medianAbsoluteError(d.y(), d.yhat(), d.w()), tol(e));
        assertEquals(e = Regression.mape(y, p), Regression.mape(d.y(), d.yhat(), d.w()), tol(e));
        if (y.length >= 2 && d.y().length >= 2) {
            assertEquals(e = Regression.r2(y, p), Regression.r2(d.y(), d.yhat(), d.w()), 1e-7 * Math.max(1, Math.abs(e)));
            assertEquals(e = Regression.explainedVariance(y, p), Regression.explainedVariance(d.y(), d.yhat(), d.w()),
                    1e-7 * Math.max(1, Math.abs(e)));
        }
    }

    @Property(tries = 200)
    void perfectPredictionsAreIdeal(@ForAll("data") Data d) {
        assertEquals(0.0, Regression.mse(d.y(), d.y(), d.w()));
        assertEquals(0.0, Regression.mae(d.y(), d.y(), d.w()));
        assertEquals(0.0, Regression.medianAbsoluteError(d.y(), d.y(), d.w()));
        if (d.y().length >= 2) {
            assertEquals(1.0, Regression.r2(d.y(), d.y(), d.w()));
            assertEquals(1.0, Regression.explainedVariance(d.y(), d.y(), d.w()));
        }
    }

    @Property(tries = 200)
    void invariantUnderRowPermutation(@ForAll("data") Data d, @ForAll long seed) {
        int n = d.y().length;
        int[] perm = ClassificationPropertiesTest.permutation(n, seed);
        double[] y = new double[n], p = new double[n], w = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = d.y()[perm[i]];
            p[i] = d.yhat()[perm[i]];
            w[i] = d.counts()[perm[i]];
        }
        double e;
        assertEquals(e = Regression.mse(d.y(), d.yhat(), d.w()), Regression.mse(y, p, w), tol(e));
        assertEquals(e = Regression.medianAbsoluteError(d.y(), d.yhat(), d.w()), Regression.medianAbsoluteError(y, p, w), tol(e));
        if (n >= 2) assertEquals(e = Regression.r2(d.y(), d.yhat(), d.w()), Regression.r2(y, p, w), 1e-7 * Math.max(1, Math.abs(e)));
    }

    @Example
    void forceFiniteOnConstantTruth() {
        double[] y = {5, 5, 5, 5};
        assertEquals(1.0, Regression.r2(y, y.clone()));
        assertEquals(0.0, Regression.r2(y, new double[] {5, 5, 5, 6}));
        assertEquals(1.0, Regression.explainedVariance(y, y.clone()));
        assertEquals(0.0, Regression.explainedVariance(y, new double[] {5, 5, 5, 6}));
    }

    @Example
    void mapeIsAFractionWithEpsilonFloor() {
        assertEquals(0.5, Regression.mape(new double[] {2, 4}, new double[] {3, 2}), 1e-12);
        double huge = Regression.mape(new double[] {0}, new double[] {1});
        assertTrue(Double.isFinite(huge) && huge > 1e15);
    }

    @Example
    void largeOffsetKeepsPrecision() {
        // y around 1e9 with unit spread: the shifted one-pass SST must not cancel away.
        SplittableRandom r = new SplittableRandom(9);
        int n = 1_000_000;
        double[] y = new double[n], p = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = 1e9 + r.nextGaussian();
            p[i] = y[i] + 0.5 * r.nextGaussian();
        }
        assertEquals(Reference.r2(y, p, null), Regression.r2(y, p), 1e-9);
    }

    @Example
    void badInputIsRejected() {
        assertThrows(DataValidationException.class, () -> Regression.mse(new double[] {1, Double.NaN}, new double[] {1, 2}));
        assertThrows(DataValidationException.class, () -> Regression.mae(new double[] {1}, new double[] {1, 2}));
        assertThrows(DataValidationException.class, () -> Regression.mse(new double[0], new double[0]));
        assertThrows(DataValidationException.class, () -> Regression.r2(new double[] {1}, new double[] {1}));
        assertThrows(DataValidationException.class, () -> Regression.mse(new double[] {1, 2}, new double[] {1, 2}, new double[] {1, -1}));
        assertThrows(DataValidationException.class, () -> Regression.mse(new double[] {1, 2}, new double[] {1, Double.POSITIVE_INFINITY}));
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> Regression.mse(new double[] {1, 2, 3}, new double[] {1, Double.NaN, 3}));
        assertTrue(e.getMessage().startsWith("predicted[1]=NaN"), e.getMessage());
    }
}
