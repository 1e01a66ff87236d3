package dev.holdout.tune;

import dev.holdout.data.DataValidationException;

/**
 * SageMaker's "Auto" early stopping of trials: after round r, a trial is stopped when its objective
 * at round r is worse than the median, over earlier trials that reached round r, of their running
 * averages (mean of rounds 1..r).
 *
 * <p>"Earlier" means a lower trial number: a trial waits at each round until every lower-numbered
 * trial has passed that round or ended, so the decision does not depend on thread timing. The rule
 * applies once {@code minEarlierTrials} earlier trials reached the round and from round
 * {@code graceRounds + 1} on; SageMaker does not publish these two numbers, so they are Holdout's
 * (defaults 3 and 0).
 *
 * <pre>{@code
 * MedianStoppingRule rule = MedianStoppingRule.defaults();   // minEarlierTrials=3, graceRounds=0
 * }</pre>
 */
public record MedianStoppingRule(int minEarlierTrials, int graceRounds) {
    public MedianStoppingRule {
        if (minEarlierTrials < 1) {
            throw DataValidationException.param("minEarlierTrials", minEarlierTrials, "must be >= 1", "use 3");
        }
        if (graceRounds < 0) {
            throw DataValidationException.param("graceRounds", graceRounds, "must be >= 0", "use 0");
        }
    }

    public static MedianStoppingRule defaults() { return new MedianStoppingRule(3, 0); }
}
