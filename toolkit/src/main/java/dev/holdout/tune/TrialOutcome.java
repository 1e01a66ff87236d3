package dev.holdout.tune;

import java.nio.file.Path;

/**
 * What one trial returns: its objective value, the rounds it ran, and its training job folder.
 *
 * <pre>{@code
 * TrialOutcome.of(0.213).withRounds(87).withJobFolder(Path.of("runs/tune/trial-003"));
 * }</pre>
 *
 * @param objective  the objective (validation metric, or mean over folds) of the trial's model
 * @param roundsRun  boosting rounds run, or -1 to take the number of rounds reported to the tuner
 * @param jobFolder  the trial's training job folder, or null when it wrote none
 */
public record TrialOutcome(double objective, int roundsRun, Path jobFolder) {
    public static TrialOutcome of(double objective) { return new TrialOutcome(objective, -1, null); }

    public TrialOutcome withRounds(int rounds) { return new TrialOutcome(objective, rounds, jobFolder); }

    public TrialOutcome withJobFolder(Path folder) { return new TrialOutcome(objective, roundsRun, folder); }
}
