package dev.holdout.train;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Scores predictions with the project's metrics (dev.holdout.metrics): classification gets
 * accuracy, precision, recall, F1 (threshold 0.5 for binary), AUC and log loss; regression RMSE,
 * MAE and R².
 */
final class ModelMetrics {
    private ModelMetrics() {}

    /** {@code scores} as returned by {@link TrainedModel#scores(FeatureMatrix)}. */
    static Map<String, Double> evaluate(String objective, float[] truth, double[][] scores) {
        Map<String, Double> out = new LinkedHashMap<>();
        // wired to dev.holdout.metrics once that branch is merged
        return out;
    }
}
