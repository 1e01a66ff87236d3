package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.holdout.data.DataValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The javadoc examples, checked (values from scikit-learn's own documentation examples). */
class CoreExamplesTest {
    @Test void regressionDocExample() {
        double[] y = {3, -0.5, 2, 7};
        double[] yhat = {2.5, 0.0, 2, 8};
        assertEquals(0.375, Regression.mse(y, yhat), 1e-12);
        assertEquals(Math.sqrt(0.375), Regression.rmse(y, yhat), 1e-12);
        assertEquals(0.5, Regression.mae(y, yhat), 1e-12);
        assertEquals(0.9486081370449679, Regression.r2(y, yhat), 1e-12);
        assertEquals(0.9571734475374732, Regression.explainedVariance(y, yhat), 1e-12);
        assertEquals(0.5, Regression.medianAbsoluteError(y, yhat), 1e-12);
    }

    @Test void r2ForceFinite() {
        assertEquals(1.0, Regression.r2(new double[] {2, 2, 2}, new double[] {2, 2, 2}));
        assertEquals(0.0, Regression.r2(new double[] {2, 2, 2}, new double[] {2, 2, 3}));
        assertThrows(DataValidationException.class, () -> Regression.r2(new double[] {1}, new double[] {1}));
    }

    @Test void scoresDocExample() {
        int[] truth = {0, 0, 1, 1};
        double[] score = {0.1, 0.4, 0.35, 0.8};
        assertEquals(0.75, Scores.rocAuc(truth, score), 1e-12);
        assertEquals(0.8333333333333333, Scores.averagePrecision(truth, score), 1e-12);
        double ll = -(Math.log(0.9) + Math.log(0.6) + Math.log(0.35) + Math.log(0.8)) / 4;
        assertEquals(ll, Scores.logLoss(truth, score), 1e-12);
    }

    @Test void classificationDocExample() {
        int[] truth = {1, 0, 1, 1, 0};
        int[] pred = {1, 0, 0, 1, 1};
        assertEquals(0.6, Classification.accuracy(truth, pred), 1e-12);
        assertEquals(2.0 / 3, Classification.precision(truth, pred, 1), 1e-12);
        assertEquals(2.0 / 3, Classification.recall(truth, pred, 1), 1e-12);
        assertEquals(2.0 / 3, Classification.f1(truth, pred, 1), 1e-12);
    }

    @Test void confusionMatrixDocExample() {
        ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 2}, 3, null)
                .withLabels(List.of("ant", "bird", "cat"));
        assertEquals(1.0, m.count(1, 2));
        assertEquals((1 + 0 + 2.0 / 3) / 3, m.precision(Average.MACRO, -1, ZeroDivision.ZERO), 1e-12);
    }

    @Test void registry() {
        assertEquals(Metric.ROC_AUC, Metric.byName("auc"));
        assertEquals(Direction.LOWER_IS_BETTER, Metric.byName("logloss").direction());
        assertEquals(Direction.HIGHER_IS_BETTER, Metric.byName("AUC").direction());
        assertEquals(Math.sqrt(2), Metric.RMSE.compute(new double[] {1, 2}, new double[] {1, 4}, null), 1e-12);
        DataValidationException e = assertThrows(DataValidationException.class, () -> Metric.byName("acuracy"));
        assertEquals(true, e.getMessage().contains("did you mean 'accuracy'"), e.getMessage());
        assertEquals(0.9934, Correlation.pearson(new double[] {1, 2, 3}, new double[] {2, 4, 7}), 1e-4);
    }
}
