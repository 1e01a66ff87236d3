package dev.holdout.train;

import dev.holdout.data.DataValidationException;
import dev.holdout.metrics.Metric;
import dev.holdout.metrics.Scores;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a model's predictions with the project's metric registry ({@link Metric}), the same for
 * every algorithm. Binary: accuracy, precision, recall, F1 (probability ≥ 0.5 is class 1), ROC AUC
 * and log loss; multiclass: accuracy, macro F1, balanced accuracy and log loss; regression: RMSE,
 * MAE and R². A metric that is undefined on the data (ROC AUC when one class is absent) is left
 * out rather than reported as NaN.
 */
final class ModelMetrics {
    private ModelMetrics() {}

    static final List<Metric> BINARY = List.of(Metric.ACCURACY, Metric.PRECISION, Metric.RECALL, Metric.F1, Metric.ROC_AUC, Metric.LOG_LOSS);
    static final List<Metric> MULTICLASS = List.of(Metric.ACCURACY, Metric.F1_MACRO, Metric.BALANCED_ACCURACY);
    static final List<Metric> REGRESSION = List.of(Metric.RMSE, Metric.MAE, Metric.R2);

    /** {@code scores} as returned by {@link TrainedModel#scores(FeatureMatrix)}. */
    static Map<String, Double> evaluate(String objective, float[] truth, double[][] scores) {
        double[] y = new double[truth.length];
        for (int i = 0; i < y.length; i++) y[i] = truth[i];
        Map<String, Double> out = new LinkedHashMap<>();
        switch (objective) {
            case Hyperparameters.BINARY_LOGISTIC -> {
                double[] p = column(scores, 0);
                for (Metric m : BINARY) put(out, m, () -> m.computeFromProbability(y, p, null));
            }
            case Hyperparameters.MULTI_SOFTPROB -> {
                double[] predicted = new double[scores.length];
                int[] t = new int[truth.length];
                for (int i = 0; i < scores.length; i++) {
                    int best = 0;
                    for (int k = 1; k < scores[i].length; k++) if (scores[i][k] > scores[i][best]) best = k;
                    predicted[i] = best;
                    t[i] = (int) truth[i];
                }
                for (Metric m : MULTICLASS) put(out, m, () -> m.compute(y, predicted, null));
                put(out, Metric.LOG_LOSS, () -> Scores.logLoss(t, scores, null));
            }
            default -> {
                double[] p = column(scores, 0);
                for (Metric m : REGRESSION) put(out, m, () -> m.compute(y, p, null));
            }
        }
        return out;
    }

    private interface Value { double get(); }

    private static void put(Map<String, Double> out, Metric m, Value v) {
        try {
            double d = v.get();
            if (Double.isFinite(d)) out.put(m.key(), d);
        } catch (DataValidationException e) {
            // undefined on this data (for example a single class): not reported
        }
    }

    private static double[] column(double[][] scores, int k) {
        double[] c = new double[scores.length];
        for (int i = 0; i < c.length; i++) c[i] = scores[i][k];
        return c;
    }
}
