package dev.holdout.train;

import dev.holdout.preprocess.CrossValidation;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StoppingLearner;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * XGBoost as a {@link dev.holdout.preprocess.Learner} for {@code dev.holdout.preprocess.CrossValidation} and the
 * demos: trains an in-memory job on {@code train} (every other column is a feature) and scores {@code test}: ROC AUC
 * for binary:logistic, accuracy for multi:softprob, R² for regression; higher is better in each case.
 *
 * <p>With {@code early_stopping_rounds} it is a {@link StoppingLearner}: the job gets the validation part as its
 * validation channel (the last watch), stops there as XGBoost does, and scores the test part with the trees up to
 * the best iteration. Cross-validate it with {@link CrossValidation#earlyStoppingOn}, which carves the validation
 * part from each fold's training rows; then {@link #refitJob} is the final job, on all rows, with
 * {@link CrossValidation.Result#refitRounds()} rounds.
 *
 * <pre>{@code
 * Learner xgb = new XGBoostLearner(Hyperparameters.numRound(50).withObjective("binary:logistic").withMaxDepth(3).withNthread(2));
 * double auc = xgb.fitAndScore(train, test, "rain");   // 0.85
 *
 * XGBoostLearner stopping = new XGBoostLearner(hp.withNumRound(500).withEarlyStoppingRounds(10));
 * CrossValidation.Result r = CrossValidation.of(spec, stopping, "rain").earlyStoppingOn(StratifiedSplit.on("rain").test(0.2))
 *         .run(table, StratifiedKFold.on("rain", 5).seed(1));
 * TrainingResult last = stopping.refitJob(table, "rain", spec, r).run();   // num_round = r.refitRounds(), no early stopping
 * }</pre>
 *
 * @param hyperparameters the job's hyperparameters
 */
public record XGBoostLearner(Hyperparameters hyperparameters) implements StoppingLearner {

    /** Trains on {@code train} alone; refused with early stopping, which needs a validation part. */
    @Override public double fitAndScore(Table train, Table test, String label) {
        return fitAndScore(train, label, test)[0];
    }

    /** One training job on {@code train} (no early stopping: there is no validation part), scored on each test table. */
    @Override public double[] fitAndScore(Table train, String label, Table... tests) {
        if (hyperparameters.earlyStopping()) {
            throw dev.holdout.data.DataValidationException.param("early_stopping_rounds", hyperparameters.earlyStoppingRounds(),
                    "early stopping needs a validation part, and this fit has none",
                    "cross-validate with CrossValidation...earlyStoppingOn(a carve of the training rows), or set early_stopping_rounds to 0");
        }
        // a Learner learns from every column but the label (the caller chose them; the leakage demo's planted leak included),
        // not the training job's default choice, which would leave time, id and leaking columns out
        TrainingResult r = TrainingJob.xgboost(label, Channel.of(train)).withName("learner").withHyperparameters(hyperparameters)
                .withFeatures(TribuoLearner.features(train, label)).run();
        double[] scores = new double[tests.length];
        for (int i = 0; i < tests.length; i++) scores[i] = score(r, tests[i]);
        return scores;
    }

    /** Trains on {@code train} with {@code validation} as the last watch, and scores {@code test} at the best iteration. */
    @Override public Stopped fitAndScore(Table train, Table validation, Table test, String label) {
        TrainingResult r = TrainingJob.xgboost(label, Channel.of(train)).withValidation(Channel.of(validation)).withName("learner")
                .withHyperparameters(hyperparameters).withFeatures(TribuoLearner.features(train, label)).run();
        return new Stopped(score(r, test), r.bestIteration(), r.learningCurve().rounds());
    }

    /**
     * The final job after cross-validation with early stopping: trained on all of {@code table} (which must be
     * the rows the folds came from, without the test part) with {@code cv.refitRounds()} rounds, without a
     * validation channel and without early stopping, since no rows are left to stop on.
     */
    public TrainingJob refitJob(Table table, String label, Preprocessor spec, CrossValidation.Result cv) {
        Hyperparameters hp = hyperparameters.withEarlyStoppingRounds(0).withNumRound(cv.refitRounds());
        return TrainingJob.xgboost(label, Channel.of(table)).withName("refit").withHyperparameters(hp).withPreprocessing(spec)
                .withFeatures(TribuoLearner.features(table, label));
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
