package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** ROC AUC, average precision, log loss and the curves, against references and identities. */
class ScoresPropertiesTest {
    private static final double EPS = 1e-12;

    @Provide Arbitrary<Cases.Case> binary() { return Cases.cases(2, 2, 50); }

    private static boolean bothClasses(Cases.Case c) {
        double pos = 0, neg = 0;
        for (int i = 0; i < c.n(); i++) {
            if (c.truth()[i] == 1) pos += c.counts()[i]; else neg += c.counts()[i];
        }
        return pos > 0 && neg > 0;
    }

    @Property(tries = 300)
    void rocAucAgreesWithPairCounting(@ForAll("binary") Cases.Case c) {
        Assume.that(bothClasses(c));
        assertEquals(Reference.rocAuc(c.truth(), c.score(), 1, c.weights()), Scores.rocAuc(c.truth(), c.score(), 1, c.weights()), EPS);
        boolean unweightedBoth = Arrays.stream(c.truth()).anyMatch(t -> t == 1) && Arrays.stream(c.truth()).anyMatch(t -> t == 0);
        if (unweightedBoth) assertEquals(Reference.rocAuc(c.truth(), c.score(), 1, null), Scores.rocAuc(c.truth(), c.score()), EPS);
    }

    @Property(tries = 300)
    void reversedScoresGiveOneMinusAuc(@ForAll("binary") Cases.Case c) {
        Assume.that(bothClasses(c));
        double[] neg = new double[c.n()];
        for (int i = 0; i < neg.length; i++) neg[i] = -c.score()[i];
        double auc = Scores.rocAuc(c.truth(), c.score(), 1, c.weights());
        assertEquals(1 - auc, Scores.rocAuc(c.truth(), neg, 1, c.weights()), EPS);
        assertTrue(auc >= 0 && auc <= 1);
    }

    @Property(tries = 300)
    void rocCurveAreaEqualsAuc(@ForAll("binary") Cases.Case c) {
        Assume.that(bothClasses(c));
        Curve roc = Scores.rocCurve(c.truth(), c.score(), 1, c.weights());
        assertEquals(Scores.rocAuc(c.truth(), c.score(), 1, c.weights()), roc.area(), 1e-9);
        double[] fpr = roc.falsePositiveRate(), tpr = roc.recall();
        assertEquals(0.0, fpr[0]);
        assertEquals(1.0, fpr[fpr.length - 1], EPS);
        assertEquals(1.0, tpr[tpr.length - 1], EPS);
        for (int i = 1; i < fpr.length; i++) assertTrue(fpr[i] >= fpr[i - 1] && tpr[i] >= tpr[i - 1]);
    }

    @Property(tries = 300)
    void averagePrecisionAgreesWithThresholdScan(@ForAll("binary") Cases.Case c) {
        Assume.that(bothClasses(c));
        double ap = Scores.averagePrecision(c.truth(), c.score(), 1, c.weights());
        assertEquals(Reference.averagePrecision(c.truth(), c.score(), 1, c.weights()), ap, EPS);
        assertTrue(ap >= 0 && ap <= 1 + EPS);
    }

    @Property(tries = 300)
    void logLossAgreesWithReference(@ForAll("binary") Cases.Case c) {
        double ll = Scores.logLoss(c.truth(), c.score(), 1, c.weights());
        assertEquals(Reference.logLoss(c.truth(), c.score(), 1, c.weights()), ll, 1e-9);
        assertTrue(ll >= 0);
    }

    @Property(tries = 300)
    void integerWeightsEqualRepeatedRows(@ForAll("binary") Cases.Case c) {
        Assume.that(bothClasses(c));
        int[] t = Reference.expand(c.truth(), c.counts());
        double[] s = Reference.expand(c.score(), c.counts());
        assertEquals(Scores.rocAuc(t, s), Scores.rocAuc(c.truth(), c.score(), 1, c.weights()), EPS);
        assertEquals(Scores.averagePrecision(t, s), Scores.averagePrecision(c.truth(), c.score(), 1, c.weights()), EPS);
        assertEquals(Scores.logLoss(t, s), Scores.logLoss(c.truth(), c.score(), 1, c.weights()), 1e-9);
    }

    @Property(tries = 200)
    void invariantUnderRowPermutation(@ForAll("binary") Cases.Case c, @ForAll long seed) {
        Assume.that(bothClasses(c));
        int[] perm = ClassificationPropertiesTest.permutation(c.n(), seed);
        int[] t = new int[c.n()];
        double[] s = new double[c.n()], w = new double[c.n()];
        for (int i = 0; i < c.n(); i++) {
            t[i] = c.truth()[perm[i]];
            s[i] = c.score()[perm[i]];
            w[i] = c.counts()[perm[i]];
        }
        assertEquals(Scores.rocAuc(c.truth(), c.score(), 1, c.weights()), Scores.rocAuc(t, s, 1, w), EPS);
        assertEquals(Scores.averagePrecision(c.truth(), c.score(), 1, c.weights()), Scores.averagePrecision(t, s, 1, w), EPS);
    }

    @Property(tries = 200)
    void thresholdChoicesMeetTheirTarget(@ForAll("binary") Cases.Case c) {
        Assume.that(bothClasses(c));
        Curve pr = Scores.precisionRecallCurve(c.truth(), c.score(), 1, c.weights());
        ThresholdChoice r = pr.thresholdForRecall(0.8);
        assertTrue(r.recall() >= 0.8);
        // Predicting positive at score >= threshold reproduces the reported precision and recall.
        double tp = 0, fp = 0, pos = 0;
        for (int i = 0; i < c.n(); i++) {
            double w = c.counts()[i];
            if (c.truth()[i] == 1) pos += w;
            if (c.score()[i] >= r.threshold()) {
                if (c.truth()[i] == 1) tp += w; else fp += w;
            }
        }
        assertEquals(tp / pos, r.recall(), EPS);
        if (tp + fp > 0) assertEquals(tp / (tp + fp), r.precision(), EPS);
    }

    @Example
    void everyScoreTiedGivesHalfAndPositiveRate() {
        int[] t = {1, 0, 0, 1, 0};
        double[] s = {0.3, 0.3, 0.3, 0.3, 0.3};
        assertEquals(0.5, Scores.rocAuc(t, s));
        assertEquals(0.4, Scores.averagePrecision(t, s), EPS);
    }

    @Example
    void perfectSeparationIsIdeal() {
        int[] t = {0, 0, 1, 1};
        double[] s = {0.0, 0.0, 1.0, 1.0};
        assertEquals(1.0, Scores.rocAuc(t, s));
        assertEquals(1.0, Scores.averagePrecision(t, s));
        assertTrue(Scores.logLoss(t, s) < 1e-14);
    }

    @Example
    void confidentMistakeIsClippedNotInfinite() {
        assertEquals(-Math.log(1e-15), Scores.logLoss(new int[] {1}, new double[] {0.0}), 1e-9);
    }

    @Example
    void badInputIsRejected() {
        assertThrows(DataValidationException.class, () -> Scores.rocAuc(new int[] {1, 1}, new double[] {0.2, 0.3}));
        assertThrows(DataValidationException.class, () -> Scores.averagePrecision(new int[] {0, 0}, new double[] {0.2, 0.3}));
        assertThrows(DataValidationException.class, () -> Scores.rocAuc(new int[] {1, 0}, new double[] {Double.NaN, 0.3}));
        assertThrows(DataValidationException.class, () -> Scores.logLoss(new int[] {1, 0}, new double[] {1.5, 0.3}));
        assertThrows(DataValidationException.class, () -> Scores.logLoss(new int[] {1, 0}, new double[] {0.5}));
        assertThrows(DataValidationException.class, () -> Scores.rocAuc(new int[] {1, 0}, new double[] {0.5, 0.2}, 1, new double[] {1, -1}));
        assertThrows(DataValidationException.class, () -> Scores.rocAuc(new int[0], new double[0]));
    }

    /** n = 10^6: the one-sort AUC equals the rank-sum (Mann-Whitney U) formula with average ranks. */
    @Example
    void millionRowsAgreeWithRankSum() {
        int n = 1_000_000;
        SplittableRandom r = new SplittableRandom(3);
        int[] t = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = r.nextDouble() < 0.2 ? 1 : 0;
            s[i] = Math.round((t[i] * 0.7 + r.nextDouble()) * 1000) / 1000.0; // many ties
        }
        double[] sorted = s.clone();
        Arrays.sort(sorted);
        double rankSumPos = 0;
        long pos = 0;
        for (int i = 0; i < n; i++) {
            if (t[i] != 1) continue;
            int lo = lowerBound(sorted, s[i]), hi = lowerBound(sorted, Math.nextUp(s[i]));
            rankSumPos += (lo + 1 + hi) / 2.0; // average 1-based rank of the tie block
            pos++;
        }
        long neg = n - pos;
        double u = rankSumPos - pos * (pos + 1) / 2.0;
        assertEquals(u / ((double) pos * neg), Scores.rocAuc(t, s), 1e-9);
    }

    private static int lowerBound(double[] a, double v) {
        int lo = 0, hi = a.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (a[mid] < v) lo = mid + 1; else hi = mid;
        }
        return lo;
    }
}
