package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import java.util.Locale;

/**
 * SageMaker's {@code TrainingJobEarlyStoppingType}: whether the tuner stops unpromising trials.
 *
 * <pre>{@code
 * EarlyStoppingType.parse("Auto");   // AUTO: the median stopping rule
 * }</pre>
 */
public enum EarlyStoppingType {
    /** Trials run their full rounds (Hyperband still applies its own rung rule). */
    OFF("Off"),
    /**
     * The median stopping rule: after each round, stop the trial if its objective is worse than the
     * median of the running averages of earlier trials' objectives up to the same round.
     */
    AUTO("Auto");

    private final String sageMakerName;

    EarlyStoppingType(String n) { this.sageMakerName = n; }

    public String sageMakerName() { return sageMakerName; }

    public static EarlyStoppingType parse(String text) {
        if (text == null) return OFF;
        return switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "off" -> OFF;
            case "auto" -> AUTO;
            default -> throw DataValidationException.param("TrainingJobEarlyStoppingType", text,
                    "unknown early stopping type", "use Off or Auto");
        };
    }

    @Override public String toString() { return sageMakerName; }
}
