package dev.holdout.preprocess;

import tech.tablesaw.api.Table;

/**
 * "Fit a model on a table and score it on another": the one thing {@link CrossValidation} and the
 * leakage demo need from a learner. Every column other than {@code label} is a feature, so pass
 * tables that hold only features and the label. Higher scores are better.
 *
 * <pre>{@code
 * Learner lr = TribuoLearner.logisticRegression(42);   // ROC AUC of a Tribuo logistic regression
 * double auc = lr.fitAndScore(train, validation, "rain");   // 0.71
 * }</pre>
 */
@FunctionalInterface
public interface Learner {
    /** Fits on {@code train} (label column {@code label}) and returns the score on {@code test}. */
    double fitAndScore(Table train, Table test, String label);

    /**
     * Fits once on {@code train} and returns the score on each of {@code tests}, in order. The default fits once per
     * test table; a learner whose fit is costly (XGBoost) overrides it to fit once.
     */
    default double[] fitAndScore(Table train, String label, Table... tests) {
        double[] scores = new double[tests.length];
        for (int i = 0; i < tests.length; i++) scores[i] = fitAndScore(train, tests[i], label);
        return scores;
    }

    /** The name of the score, e.g. {@code "roc_auc"}. */
    default String metric() { return "score"; }
}
