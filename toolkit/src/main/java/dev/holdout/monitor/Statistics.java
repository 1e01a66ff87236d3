package dev.holdout.monitor;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A {@code statistics.json}: Model Monitor's {@code version: 0}, {@code dataset.item_count} and one entry per
 * feature. Holdout's extensions, each written only when it applies: {@code common.num_wrong_type} (values of
 * another type in current data), {@code distinct_count_estimated} and {@code categorical.other_count} (a string
 * feature with more distinct values than are tracked exactly).
 *
 * <pre>{@code
 * Statistics s = Statistics.read(Path.of("baseline/statistics.json"));
 * s.itemCount();                       // rows of the baseline data
 * s.feature("temp_max").completeness();
 * }</pre>
 */
public record Statistics(long itemCount, List<FeatureStatistics> features) {
    public Statistics {
        features = List.copyOf(features);
        Set<String> seen = new HashSet<>();
        for (FeatureStatistics f : features) {
            if (!seen.add(f.name())) throw new IllegalArgumentException("feature " + f.name() + " appears twice");
        }
    }

    /** The feature's statistics; an unknown name is an error with a did-you-mean. */
    public FeatureStatistics feature(String name) {
        for (FeatureStatistics f : features) if (f.name().equals(name)) return f;
        throw Columns.unknown("feature", name, names(), "the statistics");
    }

    /** The feature's statistics, or null. */
    FeatureStatistics find(String name) {
        for (FeatureStatistics f : features) if (f.name().equals(name)) return f;
        return null;
    }

    /** The feature names, in order. */
    public List<String> names() { return features.stream().map(FeatureStatistics::name).toList(); }

    /** The file's content. */
    public String toJson() { return StrictJson.pretty(toMap()) + "\n"; }

    Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", 0);
        m.put("dataset", Map.of("item_count", itemCount));
        List<Object> fs = new ArrayList<>();
        for (FeatureStatistics f : features) fs.add(json(f));
        m.put("features", fs);
        return m;
    }

    private static Map<String, Object> json(FeatureStatistics f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("inferred_type", f.type().name());
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("num_present", f.present());
        common.put("num_missing", f.missing());
        if (f.wrongType() > 0) common.put("num_wrong_type", f.wrongType());
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("common", common);
        if (f instanceof NumericStatistics n) {
            s.put("mean", number(n.mean()));
            s.put("sum", n.sum());
            s.put("std_dev", number(n.stdDev()));
            s.put("min", number(n.min()));
            s.put("max", number(n.max()));
            List<Object> buckets = new ArrayList<>();
            for (NumericStatistics.Bucket b : n.buckets()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("lower_bound", b.lowerBound());
                bm.put("upper_bound", b.upperBound());
                bm.put("count", b.count());
                buckets.add(bm);
            }
            Map<String, Object> kll = new LinkedHashMap<>();
            kll.put("buckets", buckets);
            kll.put("sketch", n.sketch().toJson());
            s.put("distribution", Map.of("kll", kll));
            m.put("numerical_statistics", s);
        } else {
            StringStatistics t = (StringStatistics) f;
            s.put("distinct_count", t.distinctCount());
            if (t.distinctEstimated()) s.put("distinct_count_estimated", true);
            List<Object> buckets = new ArrayList<>();
            for (StringStatistics.CategoryCount c : t.buckets()) {
                Map<String, Object> bm = new LinkedHashMap<>();
                bm.put("value", c.value());
                bm.put("count", c.count());
                buckets.add(bm);
            }
            Map<String, Object> cat = new LinkedHashMap<>();
            cat.put("buckets", buckets);
            if (t.otherCount() > 0) cat.put("other_count", t.otherCount());
            s.put("distribution", Map.of("categorical", cat));
            m.put("string_statistics", s);
        }
        return m;
    }

    private static Double number(double v) { return Double.isFinite(v) ? v : null; }

    /** Reads a {@code statistics.json} strictly: unknown keys, wrong types, negative counts are errors naming the field. */
    public static Statistics read(Path file) { return read(StrictJson.object(file, "statistics"), file.toString()); }

    static Statistics read(JsonFields root, String where) {
        root.allow("version", "dataset", "features");
        long version = root.longValue("version", 0);
        if (version != 0) throw DataValidationException.param(root.param("version"), version, "only version 0 is known", "write \"version\": 0");
        long items = count(root.object("dataset").allow("item_count"), "item_count");
        List<FeatureStatistics> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonFields f : root.objects("features")) {
            FeatureStatistics fs = feature(f);
            if (!seen.add(fs.name())) throw DataValidationException.param(f.param("name"), fs.name(), "this feature appears twice", "keep one entry per feature");
            if (fs.rows() != items) {
                throw DataValidationException.param(f.param("name"), fs.name(), "num_present + num_missing (+ num_wrong_type) is " + fs.rows()
                        + " but dataset.item_count is " + items, "the file was edited by hand; write it again with holdout monitor baseline");
            }
            out.add(fs);
        }
        return new Statistics(items, out);
    }

    private static FeatureStatistics feature(JsonFields f) {
        f.allow("name", "inferred_type", "numerical_statistics", "string_statistics");
        String name = f.text("name");
        FeatureType type = FeatureType.parse(f.text("inferred_type"), f.param("inferred_type"));
        if (type.isNumeric()) {
            JsonFields s = f.object("numerical_statistics").allow("common", "mean", "sum", "std_dev", "min", "max", "distribution");
            JsonFields c = s.object("common").allow("num_present", "num_missing", "num_wrong_type");
            long present = count(c, "num_present"), missing = count(c, "num_missing"), wrong = c.has("num_wrong_type") ? count(c, "num_wrong_type") : 0;
            JsonFields kll = s.object("distribution").allow("kll").object("kll").allow("buckets", "sketch");
            List<NumericStatistics.Bucket> buckets = new ArrayList<>();
            for (JsonFields b : kll.objects("buckets")) {
                b.allow("lower_bound", "upper_bound", "count");
                buckets.add(new NumericStatistics.Bucket(b.doubleValue("lower_bound"), b.doubleValue("upper_bound"), count(b, "count")));
            }
            QuantileSketch sketch = QuantileSketch.read(kll.object("sketch"));
            if (sketch.count() != present) {
                throw DataValidationException.param(kll.param("sketch"), sketch.count() + " values", "the sketch must summarise num_present = " + present + " values",
                        "the file was edited by hand; write it again with holdout monitor baseline");
            }
            return new NumericStatistics(name, type, present, missing, wrong, 0, s.doubleValue("sum", 0), optional(s, "mean"),
                    optional(s, "std_dev"), optional(s, "min"), optional(s, "max"), buckets, sketch);
        }
        JsonFields s = f.object("string_statistics").allow("common", "distinct_count", "distinct_count_estimated", "distribution");
        JsonFields c = s.object("common").allow("num_present", "num_missing", "num_wrong_type");
        JsonFields cat = s.object("distribution").allow("categorical").object("categorical").allow("buckets", "other_count");
        List<StringStatistics.CategoryCount> buckets = new ArrayList<>();
        for (JsonFields b : cat.objects("buckets")) {
            b.allow("value", "count");
            buckets.add(new StringStatistics.CategoryCount(b.text("value"), count(b, "count")));
        }
        return new StringStatistics(name, count(c, "num_present"), count(c, "num_missing"), c.has("num_wrong_type") ? count(c, "num_wrong_type") : 0,
                count(s, "distinct_count"), s.booleanValue("distinct_count_estimated", false), buckets, cat.has("other_count") ? count(cat, "other_count") : 0);
    }

    private static double optional(JsonFields f, String key) { return f.has(key) ? f.doubleValue(key) : Double.NaN; }

    private static long count(JsonFields f, String key) {
        long v = f.longValue(key);
        if (v < 0) throw DataValidationException.param(f.param(key), v, "a count cannot be negative", "keep the value the baseline wrote");
        return v;
    }
}
