package dev.holdout.testkit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.holdout.metrics.Classification;
import dev.holdout.metrics.Metric;
import dev.holdout.metrics.Scores;
import dev.holdout.split.Folds;
import dev.holdout.split.GroupKFold;
import dev.holdout.split.KFold;
import dev.holdout.split.PurgedKFold;
import dev.holdout.split.StratifiedKFold;
import dev.holdout.split.TimeSeriesSplit;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The testkit on Holdout itself: its metrics and splitters obey the laws, and the laws catch what breaks them. */
class HoldoutObeysTheLawsTest {
    @Provide Arbitrary<LabelledPredictions> binary() { return Predictions.binary().withTies().weighted().arbitrary(); }

    @Provide Arbitrary<LabelledPredictions> multiclass() { return Predictions.multiclass(4).weighted().arbitrary(); }

    @Provide Arbitrary<Table> tables() { return TimeTables.tables(12, 120); }

    static double[] d(int[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    @Property(tries = 200)
    void holdoutsBinaryMetricsObeyTheLaws(@ForAll("binary") LabelledPredictions p) {
        MetricLaws.LabelMetric f1 = (t, q, w) -> Metric.F1.compute(d(t), d(q), w);
        MetricLaws.bounded(f1, p, 0, 1);
        MetricLaws.permutationInvariant(f1, p);
        MetricLaws.weightsAreRepeats(f1, p);
        MetricLaws.agrees(f1, (t, q, w) -> ReferenceMetrics.f1(t, q, 1, w), p, 1e-12);
        MetricLaws.ScoreMetric auc = (t, s, w) -> {
            double pos = 0, neg = 0;
            for (int i = 0; i < t.length; i++) if (t[i] == 1) pos += w == null ? 1 : w[i]; else neg += w == null ? 1 : w[i];
            return pos == 0 || neg == 0 ? Double.NaN : Scores.rocAuc(t, s, 1, w);
        };
        MetricLaws.scoreAgrees(auc, (t, s, w) -> ReferenceMetrics.rocAuc(t, s, 1, w), p, 1e-12);
        MetricLaws.scoreWeightsAreRepeats(auc, p);
    }

    @Property(tries = 200)
    void holdoutsMulticlassMetricsAreSymmetricInTheClasses(@ForAll("multiclass") LabelledPredictions p) {
        MetricLaws.LabelMetric accuracy = (t, q, w) -> Classification.accuracy(t, q, w);
        MetricLaws.relabellingInvariant(accuracy, p);
        MetricLaws.perfectScores(accuracy, p, 1);
        MetricLaws.agrees(accuracy, ReferenceMetrics::accuracy, p, 1e-12);
    }

    @Property(tries = 60)
    void holdoutsSplittersObeyTheSplitLaws(@ForAll("tables") Table t, @ForAll long seed) {
        int n = t.rowCount();
        Folds k = KFold.of(4).seed(seed).split(t);
        SplitLaws.foldsDisjoint(k);
        SplitLaws.testsPartition(k, n);
        int[] labels = TimeTables.labels(t);
        int ones = 0;
        for (int l : labels) ones += l;
        if (ones >= 4 && n - ones >= 4) SplitLaws.stratified(StratifiedKFold.on("label", 4).seed(seed).split(t), labels, 2, 1);
        Object[] groups = TimeTables.groups(t);
        Assume.that(java.util.Arrays.stream(groups).distinct().count() >= 3);
        Folds g = GroupKFold.on("group", 3).split(t);
        SplitLaws.groupsIntact(g, groups);
        SplitLaws.testsPartition(g, n);
        long[] days = TimeTables.epochDays(t);
        if (java.util.Arrays.stream(days).distinct().count() >= 6) {
            SplitLaws.timeOrdered(TimeSeriesSplit.of(3).time("date").split(t), days, 0);
            SplitLaws.foldsDisjoint(PurgedKFold.on("date").labelEnd("end").folds(3).split(t));
        }
    }

    @Test void theLawsCatchWhatBreaksThem() {
        LabelledPredictions p = new LabelledPredictions(new int[] {1, 0, 1, 0}, new int[] {1, 1, 0, 0}, new double[] {0.9, 0.6, 0.4, 0.1},
                new double[] {2, 1, 1, 1}, 2);
        // a metric that looks at the first row only is not permutation invariant
        assertThrows(AssertionError.class, () -> MetricLaws.permutationInvariant((t, q, w) -> t[0] == q[0] ? 1 : 0,
                new LabelledPredictions(new int[] {1, 0, 1, 0, 1, 1}, new int[] {1, 1, 0, 0, 0, 0}, new double[6], null, 2)));
        // a metric that ignores the weights breaks weights-as-repeats
        assertThrows(AssertionError.class, () -> MetricLaws.weightsAreRepeats((t, q, w) -> ReferenceMetrics.accuracy(t, q, null), p));
        // binary F1 singles out class 1, so it is not relabelling invariant, and the law says so
        assertThrows(AssertionError.class, () -> MetricLaws.relabellingInvariant((t, q, w) -> ReferenceMetrics.f1(t, q, 1, w),
                new LabelledPredictions(new int[] {1, 1, 0}, new int[] {1, 1, 1}, new double[3], null, 2)));
        // a fold with a group on both sides
        Table t = Table.create("t", tech.tablesaw.api.StringColumn.create("group", "a", "a", "b", "b"));
        Folds leaky = KFold.of(2).split(4);
        assertThrows(AssertionError.class, () -> SplitLaws.groupsIntact(KFold.of(4).split(t), new Object[] {"a", "a", "b", "b"}));
        SplitLaws.groupsIntact(leaky, new Object[] {"a", "a", "b", "b"});   // unshuffled halves keep these groups apart
    }
}
