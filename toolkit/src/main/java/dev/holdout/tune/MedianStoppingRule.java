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
 * {@code graceRounds + 1} on. SageMaker does not publish these two numbers, so they are Holdout's.
 *
 * <p><b>Default grace: {@code max(5, num_round / 10)} rounds</b> (the trial's own {@code num_round}; 5 when
 * it is unknown). Why: in the first rounds of boosting the validation loss mostly reflects the learning
 * rate (a small {@code eta} starts slowly and often ends best), so judging at round 1 just kills every
 * below-median learning rate. A few rounds (at least 5) and a tenth of the planned run let the curves
 * show their shape first; the rule still stops a hopeless trial within the first ~10% of its budget.
 * Pass an explicit {@code graceRounds} (0 = judge from round 1) to override.
 *
 * <pre>{@code
 * MedianStoppingRule rule = MedianStoppingRule.defaults();   // minEarlierTrials=3, grace max(5, num_round/10)
 * rule.graceRounds(100);                                      // 10
 * new MedianStoppingRule(3, 0).graceRounds(100);              // 0: judged from round 1
 * }</pre>
 *
 * @param graceRounds rounds never judged, or {@link #AUTO_GRACE} for {@code max(5, num_round / 10)}
 */
public record MedianStoppingRule(int minEarlierTrials, int graceRounds) {
    /** {@code graceRounds} value meaning {@code max(5, num_round / 10)}. */
    public static final int AUTO_GRACE = -1;

    public MedianStoppingRule {
        if (minEarlierTrials < 1) {
            throw DataValidationException.param("minEarlierTrials", minEarlierTrials, "must be >= 1", "use 3");
        }
        if (graceRounds < 0 && graceRounds != AUTO_GRACE) {
            throw DataValidationException.param("graceRounds", graceRounds, "must be >= 0", "leave it out for max(5, num_round / 10), or use 0");
        }
    }

    /** minEarlierTrials 3, grace {@code max(5, num_round / 10)}. */
    public static MedianStoppingRule defaults() { return new MedianStoppingRule(3, AUTO_GRACE); }

    /** The rounds not judged for a trial of {@code numRound} boosting rounds (0 or less: unknown). */
    public int graceRounds(int numRound) {
        if (graceRounds != AUTO_GRACE) return graceRounds;
        return Math.max(5, Math.max(0, numRound) / 10);
    }

    @Override public String toString() {
        return "MedianStoppingRule[minEarlierTrials=" + minEarlierTrials + ", graceRounds="
                + (graceRounds == AUTO_GRACE ? "max(5, num_round/10)" : Integer.toString(graceRounds)) + "]";
    }
}
