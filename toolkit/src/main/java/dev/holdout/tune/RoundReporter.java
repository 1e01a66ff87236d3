package dev.holdout.tune;

/**
 * The callback a trial calls after each boosting round with the objective measured on the
 * validation channel (or the mean over folds) at that round. The answer says whether to go on.
 *
 * <pre>{@code
 * for (int round = 1; round <= rounds; round++) {
 *     trainOneRound();
 *     if (!reporter.report(round, validationLoss())) break;   // stopped by the median rule or Hyperband
 * }
 * }</pre>
 */
@FunctionalInterface
public interface RoundReporter {
    /**
     * Records the objective after {@code round} (1-based, consecutive) and returns {@code false} when
     * the tuner stops the trial; the trial should then return its outcome so far.
     */
    boolean report(int round, double objective);

    /** A reporter that records nothing and never stops (for running an objective on its own). */
    static RoundReporter ignoring() { return (round, value) -> true; }
}
