package dev.holdout.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * The tunable hyperparameters of a tuning job: an ordered list of ranges with distinct names (at most
 * 30, SageMaker's limit). Values are {@code double[]} in range order (see {@link ParameterRange}).
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.of(
 *         ParameterRange.continuous("eta", 0.01, 0.3, Scaling.LOGARITHMIC),
 *         ParameterRange.integer("max_depth", 2, 8));
 * HyperparameterValues h = space.sample(new SeededRandom(7));   // {eta=0.08..., max_depth=5}
 * }</pre>
 */
public final class SearchSpace implements Iterable<ParameterRange> {
    /** SageMaker's limit on tunable hyperparameters. */
    public static final int MAX_RANGES = 30;

    private final List<ParameterRange> ranges;
    private final Map<String, Integer> index;
    private final int encodedDimension;

    private SearchSpace(List<ParameterRange> ranges) {
        if (ranges.isEmpty()) {
            throw DataValidationException.param("ParameterRanges", "[]", "at least one hyperparameter range is required",
                    "add a ContinuousParameterRanges, IntegerParameterRanges or CategoricalParameterRanges entry");
        }
        if (ranges.size() > MAX_RANGES) {
            throw DataValidationException.param("ParameterRanges", ranges.size() + " ranges",
                    "at most " + MAX_RANGES + " tunable hyperparameters (SageMaker's limit)", "fix some as static hyperparameters");
        }
        this.ranges = List.copyOf(ranges);
        this.index = new HashMap<>();
        int width = 0;
        for (int i = 0; i < this.ranges.size(); i++) {
            ParameterRange r = this.ranges.get(i);
            if (index.put(r.name(), i) != null) {
                throw DataValidationException.param("ParameterRanges.Name", r.name(), "hyperparameter has two ranges",
                        "give each hyperparameter one range");
            }
            width += r.encodedWidth();
        }
        this.encodedDimension = width;
    }

    public static SearchSpace of(ParameterRange... ranges) { return new SearchSpace(List.of(ranges)); }

    public static SearchSpace of(Collection<? extends ParameterRange> ranges) { return new SearchSpace(new ArrayList<>(ranges)); }

    /**
     * Reads SageMaker's {@code ParameterRanges} object:
     * {@code {"ContinuousParameterRanges":[{"Name":"eta","MinValue":"0.01","MaxValue":"0.3","ScalingType":"Logarithmic"}],
     * "IntegerParameterRanges":[...], "CategoricalParameterRanges":[{"Name":"booster","Values":["gbtree","dart"]}]}}.
     * Numbers may be given as JSON strings (as SageMaker does) or numbers.
     */
    public static SearchSpace fromJson(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw DataValidationException.param("ParameterRanges", node, "must be a JSON object",
                    "see SageMaker's ParameterRanges: ContinuousParameterRanges, IntegerParameterRanges, CategoricalParameterRanges");
        }
        List<String> kinds = List.of("ContinuousParameterRanges", "IntegerParameterRanges", "CategoricalParameterRanges");
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String f = it.next();
            if (!kinds.contains(f)) {
                String hint = Columns.closest(f, kinds);
                throw DataValidationException.param("ParameterRanges." + f, "...", "unknown kind of range",
                        (hint != null ? "did you mean '" + hint + "'? " : "") + "use one of " + kinds);
            }
        }
        List<ParameterRange> out = new ArrayList<>();
        for (JsonNode r : node.path("ContinuousParameterRanges")) {
            String name = text(r, "Name", "ContinuousParameterRanges");
            out.add(new ContinuousRange(name, number(r, "MinValue", name), number(r, "MaxValue", name),
                    Scaling.parse(r.hasNonNull("ScalingType") ? r.get("ScalingType").asText() : null, name + ".ScalingType")));
        }
        for (JsonNode r : node.path("IntegerParameterRanges")) {
            String name = text(r, "Name", "IntegerParameterRanges");
            double lo = number(r, "MinValue", name), hi = number(r, "MaxValue", name);
            for (double v : new double[] {lo, hi}) {
                if (v != Math.rint(v)) {
                    throw DataValidationException.param(name + (v == lo ? ".MinValue" : ".MaxValue"), v,
                            "an integer range needs whole numbers", "round it, or use ContinuousParameterRanges");
                }
            }
            out.add(new IntegerRange(name, (long) lo, (long) hi,
                    Scaling.parse(r.hasNonNull("ScalingType") ? r.get("ScalingType").asText() : null, name + ".ScalingType")));
        }
        for (JsonNode r : node.path("CategoricalParameterRanges")) {
            String name = text(r, "Name", "CategoricalParameterRanges");
            List<String> values = new ArrayList<>();
            for (JsonNode v : r.path("Values")) values.add(v.asText());
            out.add(new CategoricalRange(name, values));
        }
        return new SearchSpace(out);
    }

    private static String text(JsonNode r, String field, String where) {
        if (!r.hasNonNull(field)) {
            throw DataValidationException.param(where + "." + field, "missing", "every range needs " + field, "add \"" + field + "\"");
        }
        return r.get(field).asText();
    }

    private static double number(JsonNode r, String field, String name) {
        if (!r.hasNonNull(field)) {
            throw DataValidationException.param(name + "." + field, "missing", "a numeric range needs " + field, "add \"" + field + "\"");
        }
        String t = r.get(field).asText();
        try {
            return Double.parseDouble(t.trim());
        } catch (NumberFormatException e) {
            throw DataValidationException.param(name + "." + field, t, "not a number", "give a number such as \"0.1\"");
        }
    }

    public List<ParameterRange> ranges() { return ranges; }

    public int size() { return ranges.size(); }

    public ParameterRange get(int i) { return ranges.get(i); }

    /** Names in range order. */
    public List<String> names() {
        List<String> n = new ArrayList<>(ranges.size());
        for (ParameterRange r : ranges) n.add(r.name());
        return n;
    }

    /** Position of the range called {@code name}, or -1. */
    public int indexOf(String name) {
        Integer i = index.get(name);
        return i == null ? -1 : i;
    }

    /** Coordinates of a point in the unit cube (one-hot for categorical ranges). */
    public int encodedDimension() { return encodedDimension; }

    /** Whether every range is categorical (Grid search needs that). */
    public boolean allCategorical() {
        for (ParameterRange r : ranges) if (!(r instanceof CategoricalRange)) return false;
        return true;
    }

    /** Number of combinations of a categorical space, saturating at {@code Long.MAX_VALUE}. */
    public long combinations() {
        long n = 1;
        for (ParameterRange r : ranges) {
            long k = r instanceof CategoricalRange c ? c.size() : r instanceof IntegerRange ir ? ir.count() : Long.MAX_VALUE;
            if (n > Long.MAX_VALUE / Math.max(1, k)) return Long.MAX_VALUE;
            n *= k;
        }
        return n;
    }

    /** Draws every range independently from its own distribution. */
    public HyperparameterValues sample(SeededRandom random) {
        double[] v = new double[ranges.size()];
        sampleInto(random, v);
        return new HyperparameterValues(this, v, true);
    }

    void sampleInto(SeededRandom random, double[] out) {
        for (int i = 0; i < out.length; i++) out[i] = ranges.get(i).sample(random);
    }

    /** Unit-cube coordinates of {@code values} written into {@code out} (length {@link #encodedDimension()}). */
    void encode(double[] values, double[] out) {
        int off = 0;
        for (int i = 0; i < values.length; i++) {
            ParameterRange r = ranges.get(i);
            r.encode(values[i], out, off);
            off += r.encodedWidth();
        }
    }

    void decode(double[] unit, double[] out) {
        int off = 0;
        for (int i = 0; i < out.length; i++) {
            ParameterRange r = ranges.get(i);
            out[i] = r.decode(unit, off);
            off += r.encodedWidth();
        }
    }

    /** Wraps values (one per range, in order) after checking each is in its range. */
    public HyperparameterValues hyperparameters(double... values) {
        if (values.length != ranges.size()) {
            throw new IllegalArgumentException("values.length=" + values.length + ": must equal the number of ranges " + ranges.size());
        }
        for (int i = 0; i < values.length; i++) {
            if (!ranges.get(i).contains(values[i])) {
                throw DataValidationException.param(ranges.get(i).name(), values[i], "outside " + ranges.get(i), "pick a value in range");
            }
        }
        return new HyperparameterValues(this, values.clone(), true);
    }

    /**
     * Checks every range names a hyperparameter the training job knows; an unknown name is an error with
     * a "did you mean" suggestion.
     */
    public void requireKnown(Collection<String> known, String jobKind) {
        List<String> list = new ArrayList<>(known);
        for (ParameterRange r : ranges) {
            if (!known.contains(r.name())) {
                String hint = Columns.closest(r.name(), list);
                throw DataValidationException.param("ParameterRanges.Name", r.name(),
                        "unknown hyperparameter for " + jobKind,
                        (hint != null ? "did you mean '" + hint + "'? " : "") + "known hyperparameters are " + new java.util.TreeSet<>(known));
            }
        }
    }

    @Override public Iterator<ParameterRange> iterator() { return ranges.iterator(); }

    @Override public boolean equals(Object o) { return o instanceof SearchSpace s && s.ranges.equals(ranges); }

    @Override public int hashCode() { return ranges.hashCode(); }

    @Override public String toString() { return "SearchSpace" + ranges; }
}
