package dev.holdout.preprocess;

import tech.tablesaw.api.Table;

/**
 * A {@link Learner} that stops training on a validation part, as an XGBoost job with early stopping
 * does: it fits on {@code train}, watches {@code validation} to choose its best iteration, and scores
 * {@code test} with the model at that iteration. {@link CrossValidation#earlyStoppingOn} gives it, in
 * every fold, a validation part carved from that fold's training rows, so the fold's test rows never
 * choose when training stops.
 *
 * <pre>{@code
 * StoppingLearner xgb = new XGBoostLearner(Hyperparameters.numRound(500).withObjective("binary:logistic")
 *         .withEvalMetric("logloss").withEarlyStoppingRounds(10).withNthread(2));
 * StoppingLearner.Stopped s = xgb.fitAndScore(train, validation, test, "rain");
 * s.bestIteration();   // 41: 42 rounds of trees score the test rows
 * }</pre>
 */
public interface StoppingLearner extends Learner {
    /** Fits on {@code train}, stops on {@code validation}, and scores {@code test} at the best iteration. */
    Stopped fitAndScore(Table train, Table validation, Table test, String label);

    /**
     * What one stopped fit gave.
     *
     * @param score         the test score at the best iteration (higher is better)
     * @param bestIteration the 0-based best round on the validation part
     * @param rounds        the rounds trained before stopping (best + early_stopping_rounds + 1 when it stopped early)
     */
    record Stopped(double score, int bestIteration, int rounds) {}
}
