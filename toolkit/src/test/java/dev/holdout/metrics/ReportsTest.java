package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ReportsTest {
    @Test void javadocExampleOfClassificationReport() {
        ClassificationReport r = ClassificationReport.of(new String[] {"spam", "ham", "spam"}, new String[] {"spam", "spam", "spam"},
                new double[] {0.9, 0.6, 0.7}, null, ClassificationOptions.defaults().withPositive("spam"));
        assertEquals(2.0 / 3, r.precision(), 1e-12);
        assertEquals(1.0, r.rocAuc());
        assertEquals(List.of("ham", "spam"), r.labels());
        assertTrue(r.toText().contains("How to read these metrics"));
        assertTrue(r.toHtml().contains("<table") && r.toHtml().contains("guide"));
        assertTrue(r.toString().startsWith("ClassificationReport[rows=3"));
    }

    @Test void positiveLabelThatDoesNotOccurIsAnError() {
        DataValidationException e = assertThrows(DataValidationException.class, () -> ClassificationReport.of(
                new String[] {"a", "b"}, new String[] {"a", "a"}, null, null, ClassificationOptions.defaults().withPositive("c")));
        assertTrue(e.getMessage().startsWith("positive=c"), e.getMessage());
    }

    @Test void zeroDivisionNanIsNullInJsonAndWarned() {
        ClassificationReport r = ClassificationReport.of(new int[] {1, 0}, new int[] {0, 0}, null, null,
                ClassificationOptions.defaults().withZeroDivision(ZeroDivision.NAN));
        assertTrue(Double.isNaN(r.precision()));
        assertNull(r.toMap().get("precision"));
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("precision: label '1' was never predicted")), r.warnings().toString());
    }

    @Test void multiclassWithOneScoreColumnLeavesScoreMetricsUndefined() {
        ClassificationReport r = ClassificationReport.of(new int[] {0, 1, 2}, new int[] {0, 1, 1}, new double[] {0.2, 0.5, 0.9}, null,
                ClassificationOptions.defaults());
        assertNull(r.rocAuc());
        assertEquals(Average.MACRO, r.average());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("roc_auc, average_precision, log_loss: one score column")));
        assertThrows(DataValidationException.class, () -> ClassificationReport.of(new int[] {0, 1, 2}, new int[] {0, 1, 1}, null, null,
                ClassificationOptions.defaults().withAverage(Average.BINARY)));
    }

    @Test void bootstrapIsReproducibleAndSeedDependent() {
        SplittableRandom g = new SplittableRandom(5);
        int n = 500;
        int[] t = new int[n], p = new int[n];
        double[] s = new double[n];
        for (int i = 0; i < n; i++) {
            t[i] = g.nextInt(2);
            s[i] = Math.min(1, Math.max(0, 0.3 * t[i] + 0.7 * g.nextDouble()));
            p[i] = s[i] >= 0.5 ? 1 : 0;
        }
        dev.holdout.data.LabelVocabulary l = dev.holdout.data.LabelVocabulary.ofInts(t).union(dev.holdout.data.LabelVocabulary.ofInts(p));
        ClassificationReport a = ClassificationReport.ofCodes(l.encode(t), l.encode(p), l, s, null, null, Bootstrap.Spec.of(200, 1));
        ClassificationReport b = ClassificationReport.ofCodes(l.encode(t), l.encode(p), l, s, null, null, Bootstrap.Spec.of(200, 1));
        ClassificationReport c = ClassificationReport.ofCodes(l.encode(t), l.encode(p), l, s, null, null, Bootstrap.Spec.of(200, 2));
        assertEquals(a.intervals(), b.intervals());
        assertNotEquals(a.intervals().get("roc_auc"), c.intervals().get("roc_auc"));
        for (String k : List.of("accuracy", "f1", "roc_auc", "log_loss", "mcc")) {
            ConfidenceInterval ci = a.intervals().get(k);
            assertTrue(ci.lower() <= ci.estimate() && ci.estimate() <= ci.upper(), k + " " + ci);
        }
    }

    /** A resample expressed as integer weights gives the same metric as the resampled rows themselves. */
    @Test void bootstrapWeightsEqualExplicitResampling() {
        SplittableRandom g = new SplittableRandom(8);
        int n = 300;
        double[] y = new double[n], yhat = new double[n];
        for (int i = 0; i < n; i++) {
            y[i] = g.nextGaussian();
            yhat[i] = y[i] + g.nextGaussian();
        }
        long seed = 99;
        ConfidenceInterval ci = Bootstrap.interval(w -> Regression.medianAbsoluteError(y, yhat, w), n, null, 50, seed, 0.9);
        // Replay the same draws and compute the metric on copied rows.
        dev.holdout.data.SeededRandom rng = new dev.holdout.data.SeededRandom(seed);
        double[] values = new double[50];
        for (int r = 0; r < 50; r++) {
            double[] ys = new double[n], ps = new double[n];
            int[] counts = new int[n];
            for (int i = 0; i < n; i++) counts[rng.nextInt(n)]++;
            int k = 0;
            for (int i = 0; i < n; i++) for (int c = 0; c < counts[i]; c++) { ys[k] = y[i]; ps[k] = yhat[i]; k++; }
            values[r] = Regression.medianAbsoluteError(ys, ps);
        }
        java.util.Arrays.sort(values);
        assertEquals(Bootstrap.quantile(values, 0.05), ci.lower(), 1e-12);
        assertEquals(Bootstrap.quantile(values, 0.95), ci.upper(), 1e-12);
    }

    @Test void regressionReportWarnsOnConstantTruthAndTinyInput() {
        RegressionReport r = RegressionReport.of(new double[] {2, 2, 2}, new double[] {2, 2, 3}, null);
        assertEquals(0.0, r.r2());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("force_finite")));
        RegressionReport one = RegressionReport.of(new double[] {1}, new double[] {2}, null);
        assertNull(one.r2());
        assertTrue(one.toMap().containsKey("r2"));
        assertTrue(one.warnings().get(0).startsWith("r2: not defined"), one.warnings().toString());
        // scikit-learn: r2_score gives NaN for one row, explained_variance_score gives 1.0 (force_finite, 0/0)
        assertEquals(1.0, one.explainedVariance());
        assertEquals(1.0, RegressionReport.of(new double[] {0.3}, new double[] {0.1}, new double[] {3}).explainedVariance());
    }

    @Test void explainedVarianceOfOneRowIsOneLikeScikitLearn() {
        assertEquals(1.0, Regression.explainedVariance(new double[] {1}, new double[] {7}));
        assertEquals(1.0, Regression.explainedVariance(new double[] {0.1}, new double[] {0.7}, new double[] {3}));
        assertThrows(DataValidationException.class, () -> Regression.explainedVariance(new double[0], new double[0]));
    }

    @Test void slicesKeepFirstAppearanceOrder() {
        double[] y = {1, 2, 3, 4, 5, 6};
        double[] p = {1, 2, 4, 4, 5, 7};
        int[] g = {1, 0, 1, 0, 1, 0};
        SlicedReport s = SlicedReport.of("region", g, List.of("south", "north"),
                rows -> RegressionReport.of(SlicedReport.take(y, rows), SlicedReport.take(p, rows), null));
        assertEquals(List.of("south", "north"), List.copyOf(s.slices().keySet()));
        assertEquals(Regression.mse(new double[] {2, 4, 6}, new double[] {2, 4, 7}), s.slices().get("south").values().get("mse"));
        assertTrue(s.toText().contains("== region = north =="));
    }

    @Test void everyMetricHasADirectionAndIsFoundByNameAndAlias() {
        for (Metric m : Metric.values()) {
            assertEquals(m, Metric.byName(m.key()));
            for (String a : m.aliases()) assertEquals(m, Metric.byName(a.toUpperCase()));
            assertTrue(m.direction() != null);
        }
        assertEquals(Direction.LOWER_IS_BETTER, Metric.byName("error").direction());
        assertEquals(Direction.HIGHER_IS_BETTER, Metric.byName("r2").direction());
        assertEquals(1, Direction.LOWER_IS_BETTER.best(new double[] {0.3, 0.2, Double.NaN}));
        assertEquals(0, Direction.HIGHER_IS_BETTER.best(new double[] {0.3, 0.2}));
        assertTrue(Direction.LOWER_IS_BETTER.isBetter(0.1, Direction.LOWER_IS_BETTER.worst()));
    }

    @Test void registryComputesFromProbabilities() {
        double[] t = {0, 1, 1, 0};
        double[] prob = {0.2, 0.7, 0.4, 0.6};
        assertEquals(0.5, Metric.ACCURACY.computeFromProbability(t, prob, null), 1e-12);
        assertEquals(0.5, Metric.byName("error").computeFromProbability(t, prob, null), 1e-12);
        assertEquals(Scores.rocAuc(new int[] {0, 1, 1, 0}, prob), Metric.byName("auc").computeFromProbability(t, prob, null), 1e-12);
        assertThrows(DataValidationException.class, () -> Metric.RMSE.computeFromProbability(t, prob, null));
        assertThrows(DataValidationException.class, () -> Metric.ACCURACY.compute(new double[] {0.5}, new double[] {1}, null));
    }

    @Test void labelsSortNumericallyWhenAllAreNumbers() {
        assertEquals(List.of("2", "10"), ClassificationReport.of(new String[] {"10", "2"}, new String[] {"10", "2"}, null, null,
                ClassificationOptions.defaults().withPositive("10")).labels());
        // numbers first, in numeric order, then text: "10" no longer sorts before "2" when a text label is present
        assertEquals(List.of("2", "10", "a"), ClassificationReport.of(new String[] {"10", "2", "a"}, new String[] {"10", "2", "a"}, null, null,
                ClassificationOptions.defaults()).labels());
    }

    @Test void unreachablePrecisionTargetIsAClearError() {
        Curve pr = Scores.precisionRecallCurve(new int[] {1, 0, 1, 0}, new double[] {0.9, 0.9, 0.1, 0.1}, 1, null);
        DataValidationException e = assertThrows(DataValidationException.class, () -> pr.thresholdForPrecision(0.99));
        assertTrue(e.getMessage().contains("highest precision on this data is 0.5"), e.getMessage());
        assertEquals(0.1, pr.thresholdForRecall(1.0).threshold());
        assertTrue(pr.chart().image().getWidth() > 0);
    }

    /** roc_auc_score(y, P, multi_class=..., average=...) and log_loss(y, P) of scikit-learn 1.2.1 on these rows. */
    @Test void oneCallReportsWithClassProbabilitiesMatchScikitLearn() {
        int[] y = {0, 1, 2, 0, 1, 2, 0, 2, 1, 0, 2, 2};
        int[] pred = {0, 1, 2, 1, 0, 2, 0, 0, 1, 2, 2, 1};
        double[][] p = {{.7, .2, .1}, {.2, .5, .3}, {.1, .3, .6}, {.3, .4, .3}, {.5, .3, .2}, {.2, .2, .6}, {.6, .1, .3},
                {.4, .3, .3}, {.1, .8, .1}, {.2, .2, .6}, {.3, .3, .4}, {.1, .6, .3}};
        ClassificationReport r = ClassificationReport.of(y, pred).withScores(p);
        assertEquals(0.8100694444444444, r.rocAuc(), 1e-12);
        assertEquals(0.8455885340602382, r.logLoss(), 1e-12);
        assertEquals(MultiClass.OVR, r.multiClass());
        ClassificationOptions weightedOvo = ClassificationOptions.defaults().withAverage(Average.WEIGHTED).withMultiClass(MultiClass.OVO);
        ClassificationReport ovo = r.withOptions(weightedOvo);
        assertEquals(0.8137152777777777, ovo.rocAuc(), 1e-12);
        // the withers in either order give the same report
        assertEquals(ovo, ClassificationReport.of(y, pred).withOptions(weightedOvo).withScores(p));
        assertEquals(0.8072916666666666, Scores.rocAuc(y, p, MultiClass.OVR, Average.WEIGHTED, null), 1e-12);
        // string labels: the columns follow labels() (a, b, c)
        String[] ys = {"a", "b", "c", "a", "b", "c", "a", "c", "b", "a", "c", "c"};
        String[] ps = {"a", "b", "c", "b", "a", "c", "a", "a", "b", "c", "c", "b"};
        assertEquals(0.8180555555555555, ClassificationReport.of(ys, ps).withScores(p)
                .withOptions(ClassificationOptions.defaults().withMultiClass(MultiClass.OVO)).rocAuc(), 1e-12);
        // accuracy is the same whatever scores are added
        assertEquals(ClassificationReport.of(y, pred).accuracy(), r.accuracy());
    }

    @Test void curvesInOneCall() {
        int[] t = {1, 0, 1, 0, 1, 0};
        double[] s = {0.9, 0.2, 0.4, 0.6, 0.8, 0.1};
        Curve pr = Curve.precisionRecall(t, s);
        assertEquals(Scores.precisionRecallCurve(t, s, 1, null).thresholds().length, pr.thresholds().length);
        assertEquals(Scores.rocAuc(t, s), Curve.roc(t, s).area(), 1e-12);
        ClassificationReport r = ClassificationReport.of(t, new int[] {1, 0, 0, 1, 1, 0}).withScores(s);
        assertEquals(Scores.rocAuc(t, s), r.rocAuc(), 1e-12);
        assertEquals(Scores.averagePrecision(t, s), r.averagePrecision(), 1e-12);
    }
}
