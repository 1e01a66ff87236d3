package dev.holdout.train;

import dev.holdout.preprocess.Learner;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * XGBoost as a {@link Learner} for {@code dev.holdout.preprocess.CrossValidation} and the demos:
 * trains an in-memory job on {@code train} (every other column is a feature; no early stopping,
 * since there is no validation channel) and scores {@code test}: ROC AUC for binary:logistic,
 * accuracy for multi:softprob, R² for regression; higher is better in each case.
 *
 * <pre>{@code
 * Learner xgb = new XGBoostLearner(Hyperparameters.numRound(50).withObjective("binary:logistic").withMaxDepth(3).withNthread(2));
 * double auc = xgb.fitAndScore(train, test, "rain");   // 0.85
 * }</pre>
 *
 * @param hyperparameters the job's hyperparameters; early_stopping_rounds must be 0
 */
public record XGBoostLearner(Hyperparameters hyperparameters) implements Learner {

    public XGBoostLearner {
        if (hyperparameters.earlyStopping()) {
            throw dev.holdout.data.DataValidationException.param("early_stopping_rounds", hyperparameters.earlyStoppingRounds(),
                    "a Learner has no validation channel to stop on", "set early_stopping_rounds to 0");
        }
    }

    @Override public double fitAndScore(Table train, Table test, String label) {
        return fitAndScore(train, label, test)[0];
    }

    /** One training job on {@code train}, scored on each test table. */
    @Override public double[] fitAndScore(Table train, String label, Table... tests) {
        // a Learner learns from every column but the label (the caller chose them; the leakage demo's planted leak included),
        // not the training job's default choice, which would leave time, id and leaking columns out
        TrainingResult r = TrainingJob.xgboost(label, Channel.of(train)).withName("learner").withHyperparameters(hyperparameters)
                .withFeatures(TribuoLearner.features(train, label)).run();
        double[] scores = new double[tests.length];
        for (int i = 0; i < tests.length; i++) scores[i] = score(r, tests[i]);
        return scores;
    }

    private double score(TrainingResult r, Table test) {
        Map<String, Double> m = r.model().evaluate(test);
        Double v = m.get(metric());
        if (v == null) {
            throw dev.holdout.data.DataValidationException.param("test", test.name(), metric() + " is undefined on this part (one class only?)",
                    "use a larger or stratified test part");
        }
        return v;
    }

    @Override public String metric() {
        return switch (hyperparameters.objective()) {
            case Hyperparameters.BINARY_LOGISTIC -> "roc_auc";
            case Hyperparameters.MULTI_SOFTPROB -> "accuracy";
            default -> "r2";
        };
    }

    @Override public String toString() { return "XGBoostLearner" + hyperparameters.toMap(); }
}
