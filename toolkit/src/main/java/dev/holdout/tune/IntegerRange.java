package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;

/**
 * An integer range {@code [min, max]} (both inclusive), linear or logarithmic.
 *
 * <p>On a logarithmic scale a value {@code k} is drawn with probability proportional to
 * {@code log((k+1)/k)}: a continuous log-uniform draw on {@code [min, max+1)} rounded down.
 *
 * <pre>{@code
 * new IntegerRange("max_depth", 2, 8, Scaling.LINEAR).sample(new SeededRandom(3));   // one of 2..8
 * }</pre>
 */
public record IntegerRange(String name, long min, long max, Scaling scaling) implements ParameterRange {
    public IntegerRange {
        RangeChecks.name(name);
        if (scaling == null) scaling = Scaling.LINEAR;
        RangeChecks.order(name, min, max);
        if (scaling == Scaling.LOGARITHMIC && min <= 0) {
            throw DataValidationException.param(name + ".MinValue", min,
                    "a Logarithmic range must have MinValue > 0 (the range [" + min + ", " + max + "] includes zero or negatives)",
                    "raise MinValue to 1 or more, or use ScalingType Linear");
        }
    }

    /** Number of values in the range. */
    public long count() { return max - min + 1; }

    @Override public double sample(SeededRandom random) {
        if (scaling == Scaling.LOGARITHMIC) {
            double lo = Math.log(min), hi = Math.log(max + 1.0);
            long k = (long) Math.floor(Math.exp(lo + random.nextDouble() * (hi - lo)));
            return Math.max(min, Math.min(max, k));
        }
        long n = count();
        long k = n <= Integer.MAX_VALUE ? random.nextInt((int) n) : (long) Math.floor(random.nextDouble() * n);
        return min + k;
    }

    @Override public boolean contains(double value) { return value >= min && value <= max && value == Math.rint(value); }

    @Override public String format(double value) { return Long.toString((long) value); }

    @Override public double parse(String text) {
        try {
            return Long.parseLong(text.trim());
        } catch (NumberFormatException e) {
            throw DataValidationException.param(name, text, "not an integer", "give a whole number");
        }
    }

    @Override public int encodedWidth() { return 1; }

    // Integers are placed at the centres of equal-width cells so each value owns the same share of [0,1].
    @Override public void encode(double value, double[] out, int offset) {
        if (scaling == Scaling.LOGARITHMIC) {
            out[offset] = (Math.log(value + 0.5) - Math.log(min)) / (Math.log(max + 1.0) - Math.log(min));
        } else {
            out[offset] = (value - min + 0.5) / count();
        }
    }

    @Override public double decode(double[] unit, int offset) {
        double u = Math.min(1, Math.max(0, unit[offset]));
        double v;
        if (scaling == Scaling.LOGARITHMIC) {
            v = Math.floor(Math.exp(Math.log(min) + u * (Math.log(max + 1.0) - Math.log(min))));
        } else {
            v = min + Math.floor(u * count());
        }
        return Math.max(min, Math.min(max, v));
    }

    @Override public String toString() {
        return name + " in {" + min + ".." + max + "}" + (scaling == Scaling.LOGARITHMIC ? " log" : "");
    }
}
