package dev.holdout.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import dev.holdout.io.JsonFields;
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
     * Numbers may be given as JSON strings (as SageMaker does) or numbers; integer bounds are exact.
     */
    public static SearchSpace fromJson(JsonNode node) {
        return fromJson(JsonFields.of(node, "ParameterRanges"));
    }

    /** As {@link #fromJson(JsonNode)}, strictly ({@link JsonFields}: unknown keys, wrong types, exact integers). */
    public static SearchSpace fromJson(JsonFields node) {
        node.allow("ContinuousParameterRanges", "IntegerParameterRanges", "CategoricalParameterRanges");
        List<ParameterRange> out = new ArrayList<>();
        for (JsonFields r : node.objects("ContinuousParameterRanges")) {
            r.allow("Name", "MinValue", "MaxValue", "ScalingType");
            String name = r.text("Name");
            out.add(new ContinuousRange(name, r.doubleValue("MinValue"), r.doubleValue("MaxValue"),
                    Scaling.parse(r.text("ScalingType", null), name + ".ScalingType")));
        }
        for (JsonFields r : node.objects("IntegerParameterRanges")) {
            r.allow("Name", "MinValue", "MaxValue", "ScalingType");
            String name = r.text("Name");
            long lo = r.longValue("MinValue"), hi = r.longValue("MaxValue");
            for (long v : new long[] {lo, hi}) {
                // the tuner holds a trial's values as doubles: beyond 2^53 a whole number would not survive
                if (Math.abs(v) > (1L << 53)) {
                    throw DataValidationException.param(r.param(v == lo ? "MinValue" : "MaxValue"), v,
                            "an integer range holds values up to 2^53 = " + (1L << 53) + " exactly", "narrow the range");
                }
            }
            out.add(new IntegerRange(name, lo, hi, Scaling.parse(r.text("ScalingType", null), name + ".ScalingType")));
        }
        for (JsonFields r : node.objects("CategoricalParameterRanges")) {
            r.allow("Name", "Values");
            String name = r.text("Name");
            if (!r.has("Values")) {
                throw DataValidationException.param(r.param("Values"), "missing", "a categorical range lists its values", "add \"Values\": [\"a\", \"b\"]");
            }
            out.add(new CategoricalRange(name, r.distinctTexts("Values")));
        }
        return new SearchSpace(out);
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
