package dev.holdout.metrics;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The metric registry: every metric by name, with its {@link Direction} and a uniform way to compute
 * it, for training jobs, early stopping and tuning. Names are snake_case; XGBoost's names are aliases
 * ({@code auc}, {@code aucpr}, {@code logloss}, {@code error}).
 *
 * <p>{@link #compute} takes {@code double[]} truth and prediction: for {@link Input#LABELS} metrics
 * both hold class codes (binary metrics treat code 1 as positive); for {@link Input#SCORES} metrics the
 * truth holds 0/1 and the prediction the score or probability of class 1; for {@link Input#VALUES}
 * both hold real values. {@link #computeFromProbability} thresholds probabilities at 0.5 first for
 * label metrics, which is what a binary training job needs.
 *
 * <pre>{@code
 * Metric m = Metric.byName("auc");           // ROC_AUC
 * m.direction();                             // HIGHER_IS_BETTER
 * Metric.byName("logloss").direction();      // LOWER_IS_BETTER
 * Metric.RMSE.compute(new double[] {1, 2}, new double[] {1, 4}, null);   // 1.4142
 * }</pre>
 */
public enum Metric {
    ACCURACY("accuracy", Direction.HIGHER_IS_BETTER, Input.LABELS, "acc"),
    ERROR("error", Direction.LOWER_IS_BETTER, Input.LABELS, "error_rate", "merror"),
    PRECISION("precision", Direction.HIGHER_IS_BETTER, Input.LABELS),
    RECALL("recall", Direction.HIGHER_IS_BETTER, Input.LABELS, "sensitivity", "tpr"),
    F1("f1", Direction.HIGHER_IS_BETTER, Input.LABELS, "f1_score"),
    F1_MACRO("f1_macro", Direction.HIGHER_IS_BETTER, Input.LABELS),
    SPECIFICITY("specificity", Direction.HIGHER_IS_BETTER, Input.LABELS, "tnr"),
    BALANCED_ACCURACY("balanced_accuracy", Direction.HIGHER_IS_BETTER, Input.LABELS),
    MCC("mcc", Direction.HIGHER_IS_BETTER, Input.LABELS, "matthews_corrcoef"),
    ROC_AUC("roc_auc", Direction.HIGHER_IS_BETTER, Input.SCORES, "auc"),
    AVERAGE_PRECISION("average_precision", Direction.HIGHER_IS_BETTER, Input.SCORES, "aucpr", "ap"),
    LOG_LOSS("log_loss", Direction.LOWER_IS_BETTER, Input.SCORES, "logloss", "mlogloss"),
    MSE("mse", Direction.LOWER_IS_BETTER, Input.VALUES, "mean_squared_error"),
    RMSE("rmse", Direction.LOWER_IS_BETTER, Input.VALUES, "root_mean_squared_error"),
    MAE("mae", Direction.LOWER_IS_BETTER, Input.VALUES, "mean_absolute_error"),
    RMSLE("rmsle", Direction.LOWER_IS_BETTER, Input.VALUES, "root_mean_squared_log_error"),
    R2("r2", Direction.HIGHER_IS_BETTER, Input.VALUES, "r2_score", "r_squared"),
    MAPE("mape", Direction.LOWER_IS_BETTER, Input.VALUES, "mean_absolute_percentage_error"),
    MEDIAN_AE("median_ae", Direction.LOWER_IS_BETTER, Input.VALUES, "median_absolute_error"),
    EXPLAINED_VARIANCE("explained_variance", Direction.HIGHER_IS_BETTER, Input.VALUES, "explained_variance_score");

    /** What the prediction array holds. */
    public enum Input { LABELS, SCORES, VALUES }

    private final String key;
    private final Direction direction;
    private final Input input;
    private final List<String> aliases;

    Metric(String key, Direction direction, Input input, String... aliases) {
        this.key = key;
        this.direction = direction;
        this.input = input;
        this.aliases = List.of(aliases);
    }

    /** The snake_case name used in JSON and on the command line. */
    public String key() { return key; }

    public Direction direction() { return direction; }

    public Input input() { return input; }

    public List<String> aliases() { return aliases; }

    /** True for regression metrics. */
    public boolean isRegression() { return input == Input.VALUES; }

    /** Looks a metric up by name or alias, case-insensitively ({@code "AUC"}, {@code "log-loss"}). */
    public static Metric byName(String name) {
        String n = name == null ? "" : name.trim().toLowerCase(Locale.ROOT).replace('-', '_');
        for (Metric m : values()) {
            if (m.key.equals(n) || m.aliases.contains(n)) return m;
        }
        List<String> known = new ArrayList<>();
        for (Metric m : values()) {
            known.add(m.key);
            known.addAll(m.aliases);
        }
        String hint = Columns.closest(n, known);
        throw DataValidationException.param("metric", name, "unknown metric",
                (hint != null ? "did you mean '" + hint + "'? " : "") + "known metrics: " + keys());
    }

    /** All primary names, in declaration order. */
    public static List<String> keys() {
        List<String> out = new ArrayList<>();
        for (Metric m : values()) out.add(m.key);
        return out;
    }

    /**
     * Computes the metric; see the class comment for what {@code prediction} holds. {@code weights}
     * may be null.
     */
    public double compute(double[] truth, double[] prediction, double[] weights) {
        switch (input) {
            case VALUES:
                return switch (this) {
                    case MSE -> Regression.mse(truth, prediction, weights);
                    case RMSE -> Regression.rmse(truth, prediction, weights);
                    case MAE -> Regression.mae(truth, prediction, weights);
                    case RMSLE -> Regression.rmsle(truth, prediction, weights);
                    case R2 -> Regression.r2(truth, prediction, weights);
                    case MAPE -> Regression.mape(truth, prediction, weights);
                    case MEDIAN_AE -> Regression.medianAbsoluteError(truth, prediction, weights);
                    case EXPLAINED_VARIANCE -> Regression.explainedVariance(truth, prediction, weights);
                    default -> throw new AssertionError(this);
                };
            case SCORES: {
                int[] t = codes(truth, "truth");
                return switch (this) {
                    case ROC_AUC -> Scores.rocAuc(t, prediction, 1, weights);
                    case AVERAGE_PRECISION -> Scores.averagePrecision(t, prediction, 1, weights);
                    case LOG_LOSS -> Scores.logLoss(t, prediction, 1, weights);
                    default -> throw new AssertionError(this);
                };
            }
            default: {
                int[] t = codes(truth, "truth");
                int[] p = codes(prediction, "prediction");
                return computeLabels(t, p, weights);
            }
        }
    }

    /**
     * For binary classifiers that output P(class 1): label metrics see {@code probability >= 0.5}
     * as class 1; score metrics use the probability as is; regression metrics are rejected.
     */
    public double computeFromProbability(double[] truth, double[] probability, double[] weights) {
        if (input == Input.VALUES) {
            throw DataValidationException.param("metric", key, "is a regression metric", "use compute(truth, prediction, weights)");
        }
        if (input == Input.SCORES) return compute(truth, probability, weights);
        int[] t = codes(truth, "truth");
        int[] p = new int[probability.length];
        for (int i = 0; i < p.length; i++) {
            double v = probability[i];
            if (!(v >= 0 && v <= 1)) {
                throw DataValidationException.param("probability[" + i + "]", v, "must be in [0, 1]", "pass probabilities");
            }
            p[i] = v >= 0.5 ? 1 : 0;
        }
        return computeLabels(t, p, weights);
    }

    private double computeLabels(int[] t, int[] p, double[] weights) {
        switch (this) {
            case ACCURACY: return Classification.accuracy(t, p, weights);
            case ERROR: return 1 - Classification.accuracy(t, p, weights);
            case PRECISION: return Classification.binaryCounts(t, p, 1, weights).precision(ZeroDivision.ZERO);
            case RECALL: return Classification.binaryCounts(t, p, 1, weights).recall(ZeroDivision.ZERO);
            case F1: return Classification.binaryCounts(t, p, 1, weights).f1(ZeroDivision.ZERO);
            case SPECIFICITY: return Classification.binaryCounts(t, p, 1, weights).specificity(ZeroDivision.ZERO);
            default:
        }
        int k = 0;
        for (int i = 0; i < t.length; i++) k = Math.max(k, Math.max(t[i], p[i]));
        ConfusionMatrix m = ConfusionMatrix.of(t, p, k + 1, weights);
        return switch (this) {
            case F1_MACRO -> m.f1(Average.MACRO, -1, ZeroDivision.ZERO);
            case BALANCED_ACCURACY -> m.balancedAccuracy();
            case MCC -> m.mcc();
            default -> throw new AssertionError(this);
        };
    }

    private static int[] codes(double[] values, String name) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= 0 && v == Math.rint(v) && v < Integer.MAX_VALUE)) {
                throw DataValidationException.param(name + "[" + i + "]", v, "must be a class code 0, 1, 2, ...",
                        "encode class labels as consecutive integers from 0");
            }
            out[i] = (int) v;
        }
        return out;
    }

    @Override public String toString() { return key; }
}
