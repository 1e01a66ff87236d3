package dev.holdout.tune;

import dev.holdout.data.DataValidationException;

/**
 * Hyperband's budget in boosting rounds, as SageMaker's {@code HyperbandStrategyConfig}
 * ({@code MinResource}, {@code MaxResource}), plus the halving rate {@code eta} (3, as in the paper).
 *
 * <p>Brackets {@code s = 0..sMax}, {@code sMax = floor(log_eta(max/min))}; bracket s starts its trials
 * with rungs at {@code max * eta^-s, max * eta^-s+1, ...} rounds. At a rung a trial continues only if
 * its objective ranks in the top {@code ceil(n / eta)} of the n trials of its bracket that reached that
 * rung (asynchronous successive halving, decided in trial order so results do not depend on timing).
 *
 * <pre>{@code
 * new HyperbandConfig(9, 243, 3);   // brackets with first rungs at 243, 81, 27, 9 rounds
 * }</pre>
 */
public record HyperbandConfig(int minRounds, int maxRounds, int eta) {
    public HyperbandConfig {
        if (minRounds < 1) {
            throw DataValidationException.param("HyperbandStrategyConfig.MinResource", minRounds, "must be >= 1",
                    "give the fewest boosting rounds worth judging a trial on, e.g. 10");
        }
        if (maxRounds <= minRounds) {
            throw DataValidationException.param("HyperbandStrategyConfig.MaxResource", maxRounds,
                    "must be > MinResource=" + minRounds, "give the full number of boosting rounds, e.g. " + minRounds * 9);
        }
        if (eta < 2) {
            throw DataValidationException.param("eta", eta, "the halving rate must be >= 2", "use 3");
        }
    }

    public HyperbandConfig(int minRounds, int maxRounds) { this(minRounds, maxRounds, 3); }

    /** The most aggressive bracket index. */
    public int maxBracket() {
        int s = 0;
        long r = minRounds;
        while (r * eta <= maxRounds) {
            r *= eta;
            s++;
        }
        return s;
    }

    /** Rounds at which bracket {@code s} trials are first judged. */
    public int firstRung(int bracket) {
        double r = maxRounds;
        for (int i = 0; i < bracket; i++) r /= eta;
        return Math.max(minRounds, (int) Math.round(r));
    }

    /** Whether {@code round} is a rung of bracket {@code s} below {@code maxRounds}. */
    boolean isRung(int bracket, int round) {
        if (round >= maxRounds) return false;
        long r = firstRung(bracket);
        while (r < maxRounds) {
            if (r == round) return true;
            r *= eta;
        }
        return false;
    }

    /** Trials per bracket in one Hyperband iteration: {@code ceil((sMax+1)/(s+1) * eta^s)}. */
    long bracketWeight(int bracket) {
        int sMax = maxBracket();
        return (long) Math.ceil((sMax + 1.0) / (bracket + 1.0) * Math.pow(eta, bracket));
    }
}
