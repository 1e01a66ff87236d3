package dev.holdout.train;

import java.time.Duration;
import java.util.Locale;

/**
 * One finished boosting round: its metric on train and validation, the best so far, and time.
 *
 * <pre>{@code
 * RoundEvent e = ...;  e.round() == 11; e.validation() == 0.364f; e.timeLeft() // PT0.8S
 * }</pre>
 *
 * @param round          0-based round index
 * @param numRound       num_round (the cap)
 * @param metric         the eval metric name
 * @param train          train metric of this round
 * @param validation     validation metric of this round, NaN without a validation channel
 * @param bestIteration  best round so far (-1 before the first)
 * @param elapsed        time since the first round started
 */
public record RoundEvent(int round, int numRound, String metric, float train, float validation, int bestIteration, Duration elapsed) {

    /** A linear estimate of the time to num_round (early stopping may end sooner). */
    public Duration timeLeft() {
        int done = round + 1;
        return done == 0 ? Duration.ZERO : elapsed.multipliedBy(numRound - done).dividedBy(done);
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "round %d/%d train-%s=%.5f%s best=%d", round + 1, numRound, metric, train,
                Float.isNaN(validation) ? "" : String.format(Locale.ROOT, " validation-%s=%.5f", metric, validation), bestIteration);
    }
}
