package dev.holdout.tune;

import dev.holdout.data.DataValidationException;

/** Validation shared by the range records. */
final class RangeChecks {
    private RangeChecks() {}

    static void name(String name) {
        if (name == null || name.isBlank()) {
            throw DataValidationException.param("Name", name, "every range needs a hyperparameter name", "set Name, e.g. \"eta\"");
        }
    }

    static void order(String name, double min, double max) {
        if (min > max) {
            throw DataValidationException.param(name + ".MinValue", fmt(min),
                    "range is inverted: MinValue must be < MaxValue=" + fmt(max), "swap MinValue and MaxValue");
        }
        if (min == max) {
            throw DataValidationException.param(name + ".MinValue", fmt(min),
                    "range is empty: MinValue equals MaxValue=" + fmt(max),
                    "widen the range, or pass " + name + "=" + fmt(min) + " as a static hyperparameter");
        }
    }

    private static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
