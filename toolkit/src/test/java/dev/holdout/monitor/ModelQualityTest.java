package dev.holdout.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.metrics.Bootstrap;
import dev.holdout.metrics.Classification;
import dev.holdout.metrics.Scores;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelQualityTest {
    static final String[] TRUTH = {"1", "0", "1", "1", "0", "0", "1", "0"};
    static final String[] PRED = {"1", "0", "0", "1", "1", "0", "1", "0"};
    static final double[] SCORE = {0.9, 0.2, 0.4, 0.8, 0.6, 0.1, 0.7, 0.3};

    @Test
    void binaryMetricsAreTheProjectsMetricsInModelMonitorsNames() {
        ModelQuality q = ModelQuality.binary(TRUTH, PRED, SCORE, "1", Bootstrap.Spec.of(200, 5));
        int[] t = {1, 0, 1, 1, 0, 0, 1, 0}, p = {1, 0, 0, 1, 1, 0, 1, 0};
        assertEquals(Classification.accuracy(t, p), q.value("accuracy"));
        assertEquals(Classification.f1(t, p, 1), q.value("f1"));
        assertEquals(Classification.fbeta(t, p, 1, 0.5), q.value("f0_5"));
        assertEquals(Scores.rocAuc(t, SCORE), q.value("auc"));
        assertEquals(0.25, q.value("false_positive_rate"));
        assertEquals(0.5, q.value("precision_best_constant_classifier"), "the constant classifier predicts the positive class");
        assertEquals(1.0, q.value("recall_best_constant_classifier"));
        double sd = q.metrics().get("accuracy").standardDeviation();
        assertTrue(sd > 0.05 && sd < 0.3, "the bootstrap standard error of accuracy on 8 rows: " + sd);
        assertEquals(q, ModelQuality.binary(TRUTH, PRED, SCORE, "1", Bootstrap.Spec.of(200, 5)), "same seed, same deviations");
        String json = q.toJson();
        for (String key : new String[] {"binary_classification_metrics", "confusion_matrix", "standard_deviation",
                "receiver_operating_characteristic_curve", "precision_recall_curve", "f2_best_constant_classifier"}) {
            assertTrue(json.contains("\"" + key + "\""), key);
        }
        assertTrue(json.contains("\"1\" : {\n        \"0\" : 1,\n        \"1\" : 3"), "actual 1: one predicted 0, three predicted 1\n" + json);
    }

    @Test
    void constraintsFollowEachMetricsDirectionAndAViolationNamesIt() {
        ModelQuality base = ModelQuality.binary(TRUTH, TRUTH, SCORE, "1", Bootstrap.Spec.of(50, 5));
        QualityConstraints c = QualityConstraints.suggest(base);
        assertEquals(QualityConstraints.Operator.LessThanThreshold, c.thresholds().get("f1").operator());
        assertEquals(QualityConstraints.Operator.GreaterThanThreshold, c.thresholds().get("false_positive_rate").operator());
        assertFalse(c.thresholds().containsKey("f1_best_constant_classifier"));
        ModelQuality worse = ModelQuality.binary(TRUTH, PRED, SCORE, "1", Bootstrap.Spec.of(50, 5));
        var v = c.check(worse);
        assertTrue(v.stream().anyMatch(x -> x.metricName().equals("f1") && x.description().startsWith("Metric f1 with 0.75")), v.toString());
        assertTrue(v.stream().anyMatch(x -> x.metricName().equals("false_positive_rate")));
        assertTrue(c.check(base).isEmpty());
    }

    @Test
    void regressionAndMulticlass() {
        ModelQuality r = ModelQuality.regression(new double[] {1, 2, 3, 4}, new double[] {1, 2, 4, 4}, Bootstrap.Spec.of(30, 1));
        assertEquals(0.25, r.value("mae"));
        assertEquals(0.5, r.value("rmse"));
        assertEquals(QualityConstraints.Operator.GreaterThanThreshold, QualityConstraints.suggest(r).thresholds().get("mse").operator());
        ModelQuality m = ModelQuality.multiclass(new String[] {"a", "b", "c", "a"}, new String[] {"a", "b", "b", "a"}, Bootstrap.Spec.of(30, 1));
        assertEquals(0.75, m.value("accuracy"));
        assertEquals(0.5, m.value("accuracy_best_constant_classifier"), "the most frequent class, a");
        assertTrue(m.toJson().contains("multiclass_classification_metrics"));
    }

    @Test
    void qualityConstraintFilesAreReadStrictly(@TempDir Path dir) throws IOException {
        QualityConstraints c = QualityConstraints.suggest(ModelQuality.binary(TRUTH, PRED, SCORE, "1", Bootstrap.Spec.of(30, 1)));
        Path f = dir.resolve("constraints.json");
        Files.writeString(f, c.toJson());
        assertEquals(c, QualityConstraints.read(f));
        Files.writeString(f, c.toJson().replace("\"comparison_operator\" : \"LessThanThreshold\"", "\"comparison_operator\" : \"LessThan\""));
        DataValidationException e = assertThrows(DataValidationException.class, () -> QualityConstraints.read(f));
        assertTrue(e.getMessage().contains("LessThanThreshold"), e.getMessage());
        Files.writeString(f, c.toJson().replace("\"f1\"", "\"f11\""));
        e = assertThrows(DataValidationException.class, () -> QualityConstraints.read(f));
        assertTrue(e.getMessage().contains("f11"), e.getMessage());
    }

    @Test
    void twoTextLabelsNeedThePositiveOne() {
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> ModelQuality.binary(new String[] {"yes", "no"}, new String[] {"yes", "yes"}, null, null, Bootstrap.Spec.of(10, 1)));
        assertTrue(e.getMessage().contains("--positive"), e.getMessage());
    }
}
