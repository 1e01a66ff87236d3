package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class ValidationCurveTest {

    @Test void deeperTreesFitTrainBetterAndValidationWorse() {
        Table train = TestData.binary("train", 300, 5, 21);
        Table valid = TestData.binary("valid", 300, 5, 22);
        TrainingJob job = TrainingJob.xgboost("y", Channel.of(train)).withValidation(Channel.of(valid))
                .withHyperparameters(Hyperparameters.numRound(30).withObjective("binary:logistic").withEvalMetric("logloss")
                        .withEta(0.3).withSeed(1).withNthread(1));
        double[] depths = new double[12];
        for (int i = 0; i < 12; i++) depths[i] = i + 1;
        ValidationCurve c = ValidationCurve.of(job, "max_depth", depths);
        double[] tr = c.train(), va = c.validation();
        assertTrue(tr[11] < tr[0] / 2, "depth 12 fits train far better than stumps");
        double minVal = Double.MAX_VALUE;
        for (double v : va) minVal = Math.min(minVal, v);
        assertTrue(va[11] > minVal * 1.1, "the deepest trees overfit: validation worse than the best by >10%");
        assertTrue(c.bestValue() < 12);
        assertTrue(c.toHtml().contains("data:image/png"));
        assertEquals(c, ValidationCurve.of(job, "max_depth", depths), "reproducible");
    }

    @Test void algorithmsCompareSideBySideOnTheSameMetrics() {
        Table train = TestData.binary("train", 300, 3, 31);
        Table test = TestData.binary("test", 200, 3, 32);
        TrainingJob job = TrainingJob.xgboost("y", Channel.of(train))
                .withHyperparameters(Hyperparameters.numRound(20).withObjective("binary:logistic").withMaxDepth(3).withSeed(1).withNthread(1));
        Comparison c = Comparison.of(job, java.util.List.of(Algorithm.XGBOOST, Algorithm.LOGISTIC_REGRESSION, Algorithm.CART), "test", test);
        assertEquals(3, c.results().size());
        for (Algorithm a : c.results().keySet()) {
            assertEquals(c.metricNames(), java.util.List.copyOf(c.results().get(a).keySet()), a + " has every metric");
            assertTrue(c.get(a, "roc_auc") > 0.6, a + " learns the linear rule: " + c.get(a, "roc_auc"));
        }
        assertTrue(c.toTable().contains("logistic-regression"));
        // the table's numbers are the models' own evaluations
        double direct = job.withAlgorithm(Algorithm.CART).run().model().evaluate(test).get("f1");
        assertEquals(direct, c.get(Algorithm.CART, "f1"));
    }

    @Test void xgboostPlugsIntoCrossValidationAsALearner() {
        XGBoostLearner learner = new XGBoostLearner(Hyperparameters.numRound(20).withObjective("binary:logistic").withMaxDepth(3)
                .withSeed(1).withNthread(1));
        Table t = TestData.binary("t", 200, 3, 5);
        double auc = learner.fitAndScore(t, TestData.binary("u", 200, 3, 6), "y");
        assertTrue(auc > 0.7 && auc <= 1, "auc " + auc);
        assertEquals("roc_auc", learner.metric());
    }
}
