package dev.holdout.tune;

import java.util.List;

/**
 * Picks trial {@code index}'s hyperparameters (values in range order). A proposer is a pure function
 * of the seed, the trial index and the results it is shown, so a tuning job is reproducible.
 */
interface Proposer {
    /**
     * @param index   0-based trial index
     * @param history the ended trials the strategy may learn from (in trial order); adaptive strategies
     *                are shown exactly the trials numbered up to {@code index + 1 - maxParallelTrials}
     */
    double[] propose(int index, List<TrialRecord> history);

    /** Whether proposals depend on earlier results (then the tuner must wait for them). */
    default boolean adaptive() { return false; }

    static Proposer forConfig(TuningJobConfig config) {
        return switch (config.strategy()) {
            case GRID -> new GridProposer(config.space());
            case RANDOM, HYPERBAND -> new RandomProposer(config.space(), config.seed());
            case BAYESIAN -> new BayesianProposer(config.space(), config.objective(), config.seed(), config.maxTrials());
        };
    }
}
