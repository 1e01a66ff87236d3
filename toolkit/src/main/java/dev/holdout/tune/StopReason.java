package dev.holdout.tune;

/**
 * Why a trial ended. Only {@link #COMPLETED} trials can be chosen as best: a trial the tuner stopped
 * ran fewer rounds than the others and its objective is not comparable.
 *
 * <pre>{@code
 * record.stoppedBy();   // MEDIAN_RULE
 * }</pre>
 */
public enum StopReason {
    /** Ran to the end (including the training job's own early stopping). */
    COMPLETED("completed"),
    /** Stopped by the median stopping rule (early stopping type Auto). */
    MEDIAN_RULE("median rule"),
    /** Stopped at a rung by Hyperband's successive halving. */
    HYPERBAND("hyperband"),
    /** Stopped because the tuning job's wall-clock limit passed. */
    WALL_CLOCK("wall-clock limit"),
    /** The trial threw; see the record's failure message. */
    FAILED("failed");

    private final String label;

    StopReason(String label) { this.label = label; }

    public String label() { return label; }

    /** Whether the tuner cut the trial short (not completed, not failed). */
    public boolean stoppedEarly() { return this == MEDIAN_RULE || this == HYPERBAND || this == WALL_CLOCK; }

    @Override public String toString() { return label; }
}
