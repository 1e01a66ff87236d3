package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import java.time.Duration;
import java.util.Objects;

/**
 * A tuning job: strategy, ranges, objective, budget, early stopping and seed. Immutable; every
 * {@code with...} returns a new config, in any order; {@link #validate()} (called by {@link Tuner#of})
 * checks how the settings combine.
 *
 * <pre>{@code
 * TuningJobConfig job = TuningJobConfig.of(Strategy.BAYESIAN, space, new TuningObjective("validation:auc", true))
 *         .withLimits(ResourceLimits.of(20, 2))
 *         .withEarlyStopping(EarlyStoppingType.AUTO)
 *         .withSeed(7);
 * }</pre>
 *
 * <p>Rules (as SageMaker, anchors §5.3 and note 6): Grid takes categorical ranges only and runs every
 * combination (a trial budget, if given, must equal the number of combinations); Hyperband needs a
 * {@link HyperbandConfig} and early stopping {@code Off} (it stops trials by its own rule); the other
 * strategies need a trial budget of at least 1.
 */
public record TuningJobConfig(Strategy strategy, SearchSpace space, TuningObjective objective, ResourceLimits limits,
                              EarlyStoppingType earlyStopping, MedianStoppingRule medianRule,
                              HyperbandConfig hyperband, long seed) {
    /**
     * Checks each value on its own; how they combine (Grid and its ranges and budget, Hyperband and its
     * config and early stopping) is checked by {@link #validate()}, which {@link Tuner#of} calls, so the
     * withers may come in any order.
     */
    public TuningJobConfig {
        Objects.requireNonNull(strategy, "strategy");
        Objects.requireNonNull(space, "space");
        Objects.requireNonNull(objective, "objective");
        if (limits == null) limits = ResourceLimits.of(0, 1);   // 0 trials: not set, see maxTrials()
        if (earlyStopping == null) earlyStopping = EarlyStoppingType.OFF;
        if (medianRule == null) medianRule = MedianStoppingRule.defaults();
    }

    /**
     * Checks how the settings combine (as SageMaker): Grid takes categorical ranges only, at most 100,000
     * combinations, and a budget equal to the number of combinations when one is given; Hyperband needs its
     * config and early stopping Off; no other strategy takes a Hyperband config. Returns this.
     *
     * <pre>{@code
     * TuningJobConfig.of(Strategy.RANDOM, space, objective).withHyperband(rounds).withStrategy(Strategy.HYPERBAND).validate();   // fine
     * }</pre>
     */
    public TuningJobConfig validate() {
        if (strategy == Strategy.GRID) {
            for (ParameterRange r : space) {
                if (!(r instanceof CategoricalRange)) {
                    throw DataValidationException.param("ParameterRanges." + r.name(), r,
                            "Grid search takes categorical ranges only (as SageMaker)",
                            "list the values to try as a categorical range, e.g. {\"Name\":\"" + r.name() + "\",\"Values\":[...]}, or use Random or Bayesian");
                }
            }
            long combos = space.combinations();
            if (combos > 100_000) {
                throw DataValidationException.param("ParameterRanges", combos + " combinations", "too many for a grid (limit 100000)",
                        "drop values, or use Random or Bayesian");
            }
            if (limits.maxTrials() != 0 && limits.maxTrials() != combos) {
                throw DataValidationException.param("MaxNumberOfTrainingJobs", limits.maxTrials(),
                        "for Grid it must equal the number of combinations (" + combos + ")",
                        "leave it out, or set it to " + combos);
            }
        }
        if (strategy == Strategy.HYPERBAND) {
            if (hyperband == null) {
                throw DataValidationException.param("HyperbandStrategyConfig", "missing", "Hyperband needs MinResource and MaxResource (boosting rounds)",
                        "add \"StrategyConfig\": {\"HyperbandStrategyConfig\": {\"MinResource\": 10, \"MaxResource\": 270}}");
            }
            if (earlyStopping == EarlyStoppingType.AUTO) {
                throw DataValidationException.param("TrainingJobEarlyStoppingType", "Auto",
                        "Hyperband stops trials by its own rule and requires Off (as SageMaker)", "set it to Off");
            }
        } else if (hyperband != null) {
            throw DataValidationException.param("HyperbandStrategyConfig", "given", "only the Hyperband strategy takes it",
                    "remove it or set Strategy to Hyperband");
        }
        return this;
    }

    /** The trial budget: as set, or by default every combination for Grid and 10 otherwise. */
    public int maxTrials() {
        if (limits.maxTrials() != 0) return limits.maxTrials();
        return strategy == Strategy.GRID ? (int) Math.min(space.combinations(), Integer.MAX_VALUE) : 10;
    }

    public static TuningJobConfig of(Strategy strategy, SearchSpace space, TuningObjective objective) {
        return new TuningJobConfig(strategy, space, objective, null, null, null, null, 0L);
    }

    /** A Hyperband job (its rounds budget is part of the strategy). */
    public static TuningJobConfig hyperband(SearchSpace space, TuningObjective objective, HyperbandConfig rounds) {
        return new TuningJobConfig(Strategy.HYPERBAND, space, objective, null, null, null, rounds, 0L);
    }

    public TuningJobConfig withLimits(ResourceLimits l) {
        return new TuningJobConfig(strategy, space, objective, l, earlyStopping, medianRule, hyperband, seed);
    }

    public TuningJobConfig withMaxTrials(int n) { return withLimits(limits.withMaxTrials(n)); }

    public TuningJobConfig withMaxParallelTrials(int n) { return withLimits(limits.withMaxParallelTrials(n)); }

    public TuningJobConfig withMaxRuntime(Duration d) { return withLimits(limits.withMaxRuntime(d)); }

    public TuningJobConfig withEarlyStopping(EarlyStoppingType t) {
        return new TuningJobConfig(strategy, space, objective, limits, t, medianRule, hyperband, seed);
    }

    public TuningJobConfig withMedianRule(MedianStoppingRule r) {
        return new TuningJobConfig(strategy, space, objective, limits, earlyStopping, r, hyperband, seed);
    }

    public TuningJobConfig withHyperband(HyperbandConfig h) {
        return new TuningJobConfig(strategy, space, objective, limits, earlyStopping, medianRule, h, seed);
    }

    public TuningJobConfig withStrategy(Strategy s) {
        return new TuningJobConfig(s, space, objective, limits, earlyStopping, medianRule, hyperband, seed);
    }

    public TuningJobConfig withSeed(long s) {
        return new TuningJobConfig(strategy, space, objective, limits, earlyStopping, medianRule, hyperband, s);
    }

    @Override public String toString() {
        return "TuningJob{" + strategy + ", " + objective + ", " + maxTrials() + " trials, " + limits.maxParallelTrials()
                + " parallel, early stopping " + earlyStopping + ", seed " + seed + ", " + space.ranges() + "}";
    }
}
