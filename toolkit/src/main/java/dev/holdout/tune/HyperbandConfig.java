package dev.holdout.tune;

import dev.holdout.data.DataValidationException;

/**
 * Hyperband's budget in boosting rounds, as SageMaker's {@code HyperbandStrategyConfig}
 * ({@code MinResource}, {@code MaxResource}), plus the halving rate {@code eta} (3, as in the paper).
 *
 * <p>Rungs sit at {@code min, min*eta, min*eta^2, ...} rounds below {@code max}. Brackets
 * {@code s = 0..K} (K rungs): bracket K judges trials from the first rung on, bracket K-1 from the
 * second, ..., bracket 0 never. At a rung a trial continues only if its objective ranks in the top
 * {@code ceil(n / eta)} of the n trials of its bracket that reached that rung (asynchronous successive
 * halving, decided in trial order so results do not depend on timing). Trials are spread over the
 * brackets in Hyperband's proportions, {@code ceil((K+1)/(s+1) * eta^s)}.
 *
 * <pre>{@code
 * new HyperbandConfig(9, 243, 3);   // rungs at 9, 27, 81 rounds; brackets judged from 9, 27, 81 rounds, or never
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

    /**
     * The most aggressive bracket index: the number of rungs, {@code K = #{k >= 0 : minRounds * eta^k < maxRounds}}.
     * Bracket {@code s} judges its trials at the rungs {@code minRounds * eta^j} for {@code j >= K - s} below
     * {@code maxRounds}; bracket 0 has no rung (its trials always run {@code maxRounds}).
     */
    public int maxBracket() {
        int k = 0;
        long r = minRounds;
        while (r < maxRounds) {
            r *= eta;
            k++;
        }
        return k;
    }

    /** Rounds at which bracket {@code s} trials are first judged ({@code >= maxRounds} for bracket 0: never). */
    public long firstRung(int bracket) {
        long r = minRounds;
        for (int i = 0; i < maxBracket() - bracket && r < Long.MAX_VALUE / eta; i++) r *= eta;
        return r;
    }

    /** Whether {@code round} is a rung of bracket {@code s} (a rung is always below {@code maxRounds}). */
    boolean isRung(int bracket, int round) {
        if (round >= maxRounds) return false;
        for (long r = firstRung(bracket); r < maxRounds; r *= eta) {
            if (r == round) return true;
        }
        return false;
    }

    /** Trials per bracket in one Hyperband iteration: {@code ceil((sMax+1)/(s+1) * eta^s)}. */
    long bracketWeight(int bracket) {
        int sMax = maxBracket();
        return (long) Math.ceil((sMax + 1.0) / (bracket + 1.0) * Math.pow(eta, bracket));
    }
}
