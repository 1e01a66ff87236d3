package dev.holdout.tune;

/**
 * Progress of a running tuning job: called once as each trial ends (from the thread that ran it, one
 * call at a time).
 *
 * <pre>{@code
 * Tuner.of(job).onTrialEnd((trial, done, total, best) ->
 *         System.out.printf("%d/%d trials, best so far %s%n", done, total, best == null ? "-" : best.objective()));
 * }</pre>
 */
@FunctionalInterface
public interface TuningListener {
    /** @param bestSoFar the best eligible trial among those ended so far, or null */
    void trialEnded(TrialRecord trial, int done, int total, TrialRecord bestSoFar);
}
