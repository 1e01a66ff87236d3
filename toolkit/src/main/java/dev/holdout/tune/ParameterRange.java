package dev.holdout.tune;

import dev.holdout.data.SeededRandom;

/**
 * One tunable hyperparameter and the values it may take, as SageMaker's parameter ranges: continuous
 * (linear or logarithmic scale), integer, or categorical.
 *
 * <p>Inside the tuner a value is a {@code double}: the number itself for continuous and integer ranges,
 * the index of the value for categorical ones. {@link #format(double)} turns it into the string
 * written to {@code hyperparameters.json}.
 *
 * <pre>{@code
 * ParameterRange eta = ParameterRange.continuous("eta", 0.01, 0.3, Scaling.LOGARITHMIC);
 * ParameterRange depth = ParameterRange.integer("max_depth", 2, 8);
 * ParameterRange booster = ParameterRange.categorical("booster", "gbtree", "dart");
 * }</pre>
 */
public sealed interface ParameterRange permits ContinuousRange, IntegerRange, CategoricalRange {

    /** The hyperparameter name, as the training job knows it ({@code eta}, {@code max_depth}). */
    String name();

    /** A value drawn from the range's own distribution (uniform, or log-uniform on a log scale). */
    double sample(SeededRandom random);

    /** Whether {@code value} is a value of this range. */
    boolean contains(double value);

    /** The text form of a value, as SageMaker passes hyperparameters (strings). */
    String format(double value);

    /** Parses a text value of this range (for configs and reports). */
    double parse(String text);

    /** Coordinates this range takes in the tuner's unit cube: 1, or one per category (one-hot). */
    int encodedWidth();

    /** Writes {@code value} as unit-cube coordinates into {@code out[offset..offset+encodedWidth())}. */
    void encode(double value, double[] out, int offset);

    /** The value nearest to unit-cube coordinates {@code unit[offset..]} (clamped into range). */
    double decode(double[] unit, int offset);

    static ContinuousRange continuous(String name, double min, double max, Scaling scaling) {
        return new ContinuousRange(name, min, max, scaling);
    }

    static ContinuousRange continuous(String name, double min, double max) {
        return new ContinuousRange(name, min, max, Scaling.LINEAR);
    }

    static IntegerRange integer(String name, long min, long max, Scaling scaling) {
        return new IntegerRange(name, min, max, scaling);
    }

    static IntegerRange integer(String name, long min, long max) {
        return new IntegerRange(name, min, max, Scaling.LINEAR);
    }

    static CategoricalRange categorical(String name, String... values) {
        return new CategoricalRange(name, java.util.List.of(values));
    }
}
