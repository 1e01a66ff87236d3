package dev.holdout.tune;

/**
 * What the tuner asks a {@link TrialObjective} to run: one trial's hyperparameters and its share of
 * the machine.
 *
 * <pre>{@code
 * Trial t = ...;              // trial 3 of a Hyperband job on 2 cores, 2 parallel trials
 * t.number();                 // 3
 * t.maxRounds();              // 243: Hyperband's MaxResource (0 = the job's own num_round)
 * t.threads();                // 1: pass as XGBoost nthread so trials do not oversubscribe the cores
 * }</pre>
 *
 * @param number          1-based trial number (trial order decides ties and "earlier trials")
 * @param hyperparameters the tuned values
 * @param maxRounds       boosting rounds to run at most (Hyperband), or 0 to use the job's own setting
 * @param threads         threads this trial may use ({@code cores / maxParallelTrials}, at least 1)
 */
public record Trial(int number, HyperparameterValues hyperparameters, int maxRounds, int threads) {
    @Override public String toString() { return "Trial " + number + " " + hyperparameters; }
}
