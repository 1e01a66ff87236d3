package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import java.util.HashSet;
import java.util.List;

/**
 * A set of values tried as they are (strings, as SageMaker passes them). At most 30 values.
 *
 * <pre>{@code
 * CategoricalRange r = new CategoricalRange("max_depth", List.of("3", "5", "7"));
 * r.format(1);   // "5"
 * }</pre>
 */
public record CategoricalRange(String name, List<String> values) implements ParameterRange {
    /** SageMaker's limit on values per categorical range. */
    public static final int MAX_VALUES = 30;

    public CategoricalRange {
        RangeChecks.name(name);
        if (values == null || values.isEmpty()) {
            throw DataValidationException.param(name + ".Values", values == null ? "null" : "[]",
                    "a categorical range needs at least one value (the range is empty)", "list the values to try, e.g. [\"3\", \"5\"]");
        }
        values = List.copyOf(values);
        if (values.size() > MAX_VALUES) {
            throw DataValidationException.param(name + ".Values", values.size() + " values",
                    "at most " + MAX_VALUES + " values per categorical range (SageMaker's limit)", "drop some values");
        }
        HashSet<String> seen = new HashSet<>();
        for (String v : values) {
            if (v == null || v.isBlank()) {
                throw DataValidationException.param(name + ".Values", values, "values must be non-blank", "remove the blank value");
            }
            if (!seen.add(v)) {
                throw DataValidationException.param(name + ".Values", values, "value '" + v + "' is listed twice",
                        "list each value once");
            }
        }
    }

    public int size() { return values.size(); }

    @Override public double sample(SeededRandom random) { return random.nextInt(values.size()); }

    @Override public boolean contains(double value) {
        return value >= 0 && value < values.size() && value == Math.rint(value);
    }

    @Override public String format(double value) { return values.get((int) value); }

    @Override public double parse(String text) {
        int i = values.indexOf(text);
        if (i < 0) {
            throw DataValidationException.param(name, text, "not one of the values " + values, "use one of them");
        }
        return i;
    }

    @Override public int encodedWidth() { return values.size(); }

    @Override public void encode(double value, double[] out, int offset) {
        for (int k = 0; k < values.size(); k++) out[offset + k] = 0;
        out[offset + (int) value] = 1;
    }

    @Override public double decode(double[] unit, int offset) {
        int best = 0;
        for (int k = 1; k < values.size(); k++) {
            if (unit[offset + k] > unit[offset + best]) best = k;
        }
        return best;
    }

    @Override public String toString() { return name + " in " + values; }
}
