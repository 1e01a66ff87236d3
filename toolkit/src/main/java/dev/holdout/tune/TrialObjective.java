package dev.holdout.tune;

/**
 * The tuner's view of a training job: hyperparameters in, objective out, with a per-round callback
 * for early stopping. The tuner knows nothing else, so it runs the same against XGBoost or a cheap
 * synthetic function.
 *
 * <p>An objective is built from the train and validation parts (or cross-validation folds) only: the
 * test part is never handed to it.
 *
 * <pre>{@code
 * TrialObjective sphere = (trial, reporter) -> {
 *     double x = trial.hyperparameters().value("x");
 *     return TrialOutcome.of(x * x);
 * };
 * }</pre>
 *
 * <p>Implementations must be safe to call from several threads at once (one call per trial). An
 * exception fails that trial (recorded, never chosen as best); a
 * {@link dev.holdout.data.DataValidationException} aborts the tuning job, since bad input fails every trial.
 */
@FunctionalInterface
public interface TrialObjective {
    TrialOutcome run(Trial trial, RoundReporter reporter) throws Exception;

    /**
     * Hyperparameter names this objective accepts, or an empty set for "any". The tuner rejects a
     * range over any other name (with a "did you mean").
     */
    default java.util.Set<String> knownHyperparameters() { return java.util.Set.of(); }

    /** Rejects a tuning job this objective cannot serve (called by the tuner before the first trial). */
    default void check(TuningJobConfig config) { }

    /**
     * The boosting rounds {@code trial} will run at most, or 0 when unknown; sets the median rule's default
     * grace period ({@link MedianStoppingRule#graceRounds(int)}).
     */
    default int plannedRounds(Trial trial) { return trial.maxRounds(); }

    /** What kind of job this is, for error messages ("XGBoost training job"). */
    default String jobKind() { return "the training job"; }
}
