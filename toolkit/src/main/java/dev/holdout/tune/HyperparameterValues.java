package dev.holdout.tune;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The hyperparameter values of one trial: one value per range of a {@link SearchSpace}. Immutable.
 *
 * <pre>{@code
 * HyperparameterValues h = space.hyperparameters(0.1, 4);
 * h.value("eta");          // 0.1
 * h.intValue("max_depth"); // 4
 * h.asStrings();           // {eta=0.1, max_depth=4}, as written to hyperparameters.json
 * }</pre>
 */
public final class HyperparameterValues {
    private final SearchSpace space;
    private final double[] values;

    HyperparameterValues(SearchSpace space, double[] values, boolean owned) {
        this.space = space;
        this.values = owned ? values : values.clone();
    }

    public SearchSpace space() { return space; }

    /** The numeric value (the index for a categorical range). */
    public double value(String name) { return values[require(name)]; }

    /** An integer range's value. */
    public long intValue(String name) { return (long) values[require(name)]; }

    /** The text value, for any kind of range. */
    public String text(String name) {
        int i = require(name);
        return space.get(i).format(values[i]);
    }

    /** Values in range order (a copy). */
    public double[] values() { return values.clone(); }

    double valueAt(int i) { return values[i]; }

    /** Name to text value, in range order: what SageMaker writes to {@code hyperparameters.json}. */
    public Map<String, String> asStrings() {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) m.put(space.get(i).name(), space.get(i).format(values[i]));
        return m;
    }

    /** As {@link #asStrings()} with continuous values rounded to 4 significant digits, for tables and logs. */
    public Map<String, String> display() {
        LinkedHashMap<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < values.length; i++) {
            ParameterRange r = space.get(i);
            m.put(r.name(), r instanceof ContinuousRange ? String.format(java.util.Locale.ROOT, "%.4g", values[i]) : r.format(values[i]));
        }
        return m;
    }

    private int require(String name) {
        int i = space.indexOf(name);
        if (i < 0) {
            throw dev.holdout.data.DataValidationException.param("hyperparameter", name, "not a tuned hyperparameter",
                    "tuned hyperparameters are " + space.names());
        }
        return i;
    }

    @Override public boolean equals(Object o) {
        return o instanceof HyperparameterValues h && Arrays.equals(values, h.values) && space.equals(h.space);
    }

    @Override public int hashCode() { return Arrays.hashCode(values); }

    @Override public String toString() { return display().toString(); }
}
