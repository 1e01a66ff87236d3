package dev.holdout.tune;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Objects;

/**
 * One row of the tuning results: a trial's hyperparameters, objective, rounds run, why it ended,
 * and how long it took.
 *
 * <pre>{@code
 * TrialRecord r = result.trials().get(0);
 * r.number();       // 1
 * r.objective();    // 0.0931
 * r.roundsRun();    // 120
 * r.stoppedBy();    // COMPLETED
 * r.curve();        // the objective after each reported round
 * }</pre>
 *
 * @param stopDetail why the tuner stopped it ("round 12: 0.41 worse than median 0.38 of 4 earlier trials"), or ""
 * @param seconds    wall time from start to end (with early stopping on, this includes waiting at a round for
 *                   earlier trials to reach it, which keeps the decisions independent of thread timing)
 * @param failure    the exception message of a failed trial, or ""
 */
public record TrialRecord(int number, HyperparameterValues hyperparameters, double objective, int roundsRun, StopReason stoppedBy,
                          String stopDetail, double seconds, double[] curve, Path jobFolder, String failure) {
    public TrialRecord {
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        Objects.requireNonNull(stoppedBy, "stoppedBy");
        curve = curve == null ? new double[0] : curve.clone();
        if (stopDetail == null) stopDetail = "";
        if (failure == null) failure = "";
    }

    /** This record with its training job folder moved from under {@code from} to under {@code to}. */
    public TrialRecord withFolderMoved(Path from, Path to) {
        if (jobFolder == null || !jobFolder.startsWith(from)) return this;
        return new TrialRecord(number, hyperparameters, objective, roundsRun, stoppedBy, stopDetail, seconds, curve,
                to.resolve(from.relativize(jobFolder)), failure);
    }

    /** The objective after each reported round (a copy). */
    @Override public double[] curve() { return curve.clone(); }

    /** Whether the tuner cut this trial short. */
    public boolean stoppedEarly() { return stoppedBy.stoppedEarly(); }

    /** Whether this trial may be chosen as best: completed with a finite objective. */
    public boolean eligible() { return stoppedBy == StopReason.COMPLETED && Double.isFinite(objective); }

    /** Equal apart from timing: the same trial in a sequential and a parallel run gives equal outcomes. */
    public boolean sameOutcome(TrialRecord o) {
        return number == o.number && hyperparameters.equals(o.hyperparameters)
                && Double.compare(objective, o.objective) == 0 && roundsRun == o.roundsRun && stoppedBy == o.stoppedBy
                && stopDetail.equals(o.stopDetail) && Arrays.equals(curve, o.curve);
    }

    @Override public boolean equals(Object o) {
        return o instanceof TrialRecord r && sameOutcome(r) && Double.compare(seconds, r.seconds) == 0
                && Objects.equals(jobFolder, r.jobFolder) && failure.equals(r.failure);
    }

    @Override public int hashCode() { return Objects.hash(number, hyperparameters, objective, roundsRun, stoppedBy); }

    @Override public String toString() {
        return "Trial " + number + " " + hyperparameters + " -> " + objective + " (" + roundsRun + " rounds, " + stoppedBy
                + String.format(java.util.Locale.ROOT, ", %.3fs)", seconds);
    }
}
