package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;

/**
 * A real-valued range {@code [min, max]}, searched on a linear or logarithmic scale.
 *
 * <pre>{@code
 * new ContinuousRange("eta", 0.01, 0.3, Scaling.LOGARITHMIC).sample(new SeededRandom(1));  // e.g. 0.047
 * new ContinuousRange("eta", 0.0, 0.3, Scaling.LOGARITHMIC);
 * // DataValidationException: eta.MinValue=0.0: a Logarithmic range must have MinValue > 0 ...
 * }</pre>
 */
public record ContinuousRange(String name, double min, double max, Scaling scaling) implements ParameterRange {
    public ContinuousRange {
        RangeChecks.name(name);
        if (scaling == null) scaling = Scaling.LINEAR;
        if (!Double.isFinite(min)) {
            throw DataValidationException.param(name + ".MinValue", min, "must be a finite number", "give a number such as 0.01");
        }
        if (!Double.isFinite(max)) {
            throw DataValidationException.param(name + ".MaxValue", max, "must be a finite number", "give a number such as 0.3");
        }
        RangeChecks.order(name, min, max);
        if (scaling == Scaling.LOGARITHMIC && min <= 0) {
            throw DataValidationException.param(name + ".MinValue", min,
                    "a Logarithmic range must have MinValue > 0 (the range [" + min + ", " + max + "] includes zero or negatives)",
                    "raise MinValue above 0 (e.g. " + (max > 0 ? fmt(Math.min(max / 1000, 1e-4)) : "1e-4")
                            + ") or use ScalingType Linear");
        }
    }

    @Override public double sample(SeededRandom random) {
        double u = random.nextDouble();
        return clamp(fromUnit(u));
    }

    @Override public boolean contains(double value) { return value >= min && value <= max; }

    @Override public String format(double value) { return fmt(value); }

    @Override public double parse(String text) {
        try {
            return Double.parseDouble(text.trim());
        } catch (NumberFormatException e) {
            throw DataValidationException.param(name, text, "not a number", "give a decimal number");
        }
    }

    @Override public int encodedWidth() { return 1; }

    @Override public void encode(double value, double[] out, int offset) { out[offset] = toUnit(value); }

    @Override public double decode(double[] unit, int offset) {
        return clamp(fromUnit(Math.min(1, Math.max(0, unit[offset]))));
    }

    double toUnit(double value) {
        if (scaling == Scaling.LOGARITHMIC) return (Math.log(value) - Math.log(min)) / (Math.log(max) - Math.log(min));
        return (value - min) / (max - min);
    }

    double fromUnit(double u) {
        if (scaling == Scaling.LOGARITHMIC) return Math.exp(Math.log(min) + u * (Math.log(max) - Math.log(min)));
        return min + u * (max - min);
    }

    private double clamp(double v) { return v < min ? min : Math.min(v, max); }

    static String fmt(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) return Long.toString((long) v) + ".0";
        return Double.toString(v);
    }

    @Override public String toString() {
        return name + " in [" + fmt(min) + ", " + fmt(max) + "]" + (scaling == Scaling.LOGARITHMIC ? " log" : "");
    }
}
