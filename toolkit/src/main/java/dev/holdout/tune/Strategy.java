package dev.holdout.tune;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.List;
import java.util.Locale;

/**
 * How the tuner picks the next trial's hyperparameters, named as SageMaker's {@code Strategy}.
 *
 * <pre>{@code
 * Strategy.parse("Bayesian");   // BAYESIAN
 * }</pre>
 */
public enum Strategy {
    /** Every combination of categorical values exactly once (categorical ranges only, as SageMaker). */
    GRID("Grid"),
    /** Independent draws, uniform or log-uniform per range; seeded. */
    RANDOM("Random"),
    /** Gaussian-process surrogate with expected improvement (see {@link BayesianProposer}). */
    BAYESIAN("Bayesian"),
    /** Random configurations, stopped at rungs by asynchronous successive halving over boosting rounds. */
    HYPERBAND("Hyperband");

    private final String sageMakerName;

    Strategy(String sageMakerName) { this.sageMakerName = sageMakerName; }

    public String sageMakerName() { return sageMakerName; }

    public static Strategy parse(String text) {
        if (text != null) {
            for (Strategy s : values()) {
                if (s.sageMakerName.toLowerCase(Locale.ROOT).equals(text.trim().toLowerCase(Locale.ROOT))) return s;
            }
        }
        List<String> names = List.of("Grid", "Random", "Bayesian", "Hyperband");
        String hint = Columns.closest(text, names);
        throw DataValidationException.param("Strategy", text, "unknown tuning strategy",
                (hint != null ? "did you mean '" + hint + "'? " : "") + "use one of " + names);
    }

    @Override public String toString() { return sageMakerName; }
}
