package dev.holdout.train;

/**
 * Hears about each boosting round while a job runs (the CLI draws its progress bar from this).
 *
 * <pre>{@code
 * job.run(e -> System.out.println(e));   // "round 12/100 train-logloss=0.31 validation-logloss=0.36 ..."
 * }</pre>
 */
@FunctionalInterface
public interface TrainingListener {
    TrainingListener NONE = e -> { };

    void onRound(RoundEvent event);

    /** Called once with a log line (job start, data sizes, stop). Default: ignored. */
    default void onLog(String line) { }
}
