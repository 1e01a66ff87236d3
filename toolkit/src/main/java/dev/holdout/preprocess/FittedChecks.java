package dev.holdout.preprocess;

import dev.holdout.data.DataValidationException;
import java.util.List;

/**
 * Checks on learned statistics, run by the compact constructors of the fitted records, so a
 * hand-edited or corrupt preprocessor JSON fails on load with {@code param=value} instead of a
 * NullPointerException or a silent division by zero at transform.
 */
final class FittedChecks {
    private FittedChecks() {}

    private static final String FIX = "load a file written by FittedPreprocessor.save, or refit the preprocessor";

    static <T> T present(String param, T value) {
        if (value == null) throw DataValidationException.param(param, null, "is required", FIX);
        return value;
    }

    static <T> List<T> list(String param, List<T> values) {
        present(param, values);
        for (T v : values) {
            if (v == null) throw DataValidationException.param(param, values, "must not hold null", FIX);
        }
        return List.copyOf(values);
    }

    static double finite(String param, double value) {
        if (!Double.isFinite(value)) throw DataValidationException.param(param, value, "must be a finite number", FIX);
        return value;
    }

    static double finite(String param, Double value) { return finite(param, present(param, value).doubleValue()); }

    static double positive(String param, double value) {
        if (!(Double.isFinite(value) && value > 0)) {
            throw DataValidationException.param(param, value, "must be a finite number > 0", FIX);
        }
        return value;
    }

    static String column(String step, String name) {
        if (name == null || name.isBlank()) throw DataValidationException.param(step + ".column", name, "must be a column name", FIX);
        return name;
    }

    static void sameSize(String param, int expected, int actual) {
        if (expected != actual) {
            throw DataValidationException.param(param, actual + " entries", "must have one entry per category (" + expected + ")", FIX);
        }
    }
}
