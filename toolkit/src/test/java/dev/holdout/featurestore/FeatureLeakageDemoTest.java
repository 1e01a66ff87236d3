package dev.holdout.featurestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.train.Hyperparameters;
import dev.holdout.train.XGBoostLearner;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code holdout demo feature-leakage}'s claims, computed: the training set joined by id scores better on validation
 * and worse on later data than the point-in-time one, and the audit names the features it took from the future.
 */
class FeatureLeakageDemoTest {
    @ParameterizedTest(name = "seed {0}") @ValueSource(longs = {42})
    void theJoinByIdFlattersValidationCostsLaterAndTheAuditNamesTheLeaks(long seed) {
        XGBoostLearner xgb = new XGBoostLearner(Hyperparameters.numRound(60).withObjective(Hyperparameters.BINARY_LOGISTIC)
                .withEvalMetric("auc").withMaxDepth(4).withEta(0.1).withSeed(seed).withNthread(1));
        FeatureLeakageDemo.Result r = FeatureLeakageDemo.run(xgb, seed, 600);
        String where = r.toString();
        assertTrue(r.byId().validation() > r.pointInTime().validation() + 0.05, "the join by id looks better on validation: " + where);
        assertTrue(r.byId().later() < r.pointInTime().later() - 0.05, "and is worse on later data: " + where);
        assertTrue(r.pointInTime().validation() - r.pointInTime().later() < r.byId().validation() - r.byId().later(),
                "the point-in-time set's validation score is the more honest forecast: " + where);
        assertEquals(List.of("logins_30d", "tickets_30d", "spend_30d"), r.leakingFeatures(), where);
        assertEquals(r.trainRows() + r.validationRows() + r.laterRows(), r.audit().rows(), where);
    }
}
