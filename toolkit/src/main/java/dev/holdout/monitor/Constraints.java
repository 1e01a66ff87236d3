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
 * A {@code constraints.json}: Model Monitor's {@code version}, {@code features} ({@code name},
 * {@code inferred_type}, {@code completeness}, {@code num_constraints.is_non_negative},
 * {@code string_constraints.domains}, {@code monitoringConfigOverrides}) and {@code monitoring_config}
 * ({@link MonitorConfig}). Suggested from a baseline's statistics, then edited by hand or from the command
 * line; read strictly (an unknown key with a did-you-mean, a threshold outside [0, 1], a wrong type: each an
 * error naming the field).
 *
 * <pre>{@code
 * Constraints c = Constraints.suggest(statistics, MonitorConfig.defaults());
 * c.feature("weather").domains();    // [drizzle, fog, rain, snow, sun]
 * c.configFor("wind");               // monitoring_config with wind's overrides applied
 * }</pre>
 */
public record Constraints(List<FeatureConstraint> features, MonitorConfig config) {
    /** A string feature with at most this many distinct baseline values gets a domain. */
    public static final int MAX_DOMAIN = 100;

    public Constraints {
        features = List.copyOf(features);
        Set<String> seen = new HashSet<>();
        for (FeatureConstraint f : features) if (!seen.add(f.name())) throw new IllegalArgumentException("feature " + f.name() + " twice");
    }

    /** The constraints Model Monitor's baseline job suggests for these statistics. */
    public static Constraints suggest(Statistics s, MonitorConfig config) {
        List<FeatureConstraint> out = new ArrayList<>();
        for (FeatureStatistics f : s.features()) {
            double completeness = f.rows() == 0 ? 1.0 : f.completeness();
            if (f instanceof NumericStatistics n) {
                out.add(new FeatureConstraint(f.name(), f.type(), completeness, n.present() > 0 && n.min() >= 0, null, null));
            } else {
                StringStatistics t = (StringStatistics) f;
                List<String> domain = null;
                if (!t.distinctEstimated() && t.otherCount() == 0 && t.distinctCount() <= MAX_DOMAIN) {
                    domain = t.buckets().stream().map(StringStatistics.CategoryCount::value).sorted().toList();
                }
                out.add(new FeatureConstraint(f.name(), f.type(), completeness, null, domain, null));
            }
        }
        return new Constraints(out, config);
    }

    /** The feature's constraint; an unknown name is an error with a did-you-mean. */
    public FeatureConstraint feature(String name) {
        FeatureConstraint c = find(name);
        if (c == null) throw Columns.unknown("feature", name, features.stream().map(FeatureConstraint::name).toList(), "the constraints");
        return c;
    }

    FeatureConstraint find(String name) {
        for (FeatureConstraint f : features) if (f.name().equals(name)) return f;
        return null;
    }

    /** The configuration that applies to a feature: {@code monitoring_config} with its overrides. */
    public MonitorConfig configFor(String feature) {
        FeatureConstraint c = find(feature);
        return c == null ? config : config.with(c.overrides());
    }

    /** These constraints with {@code global} applied to {@code monitoring_config} and {@code perFeature} to features' overrides. */
    public Constraints with(MonitorConfig.Overrides global, Map<String, MonitorConfig.Overrides> perFeature) {
        for (String name : perFeature.keySet()) feature(name); // an unknown feature is an error, not ignored
        List<FeatureConstraint> fs = new ArrayList<>();
        for (FeatureConstraint f : features) {
            MonitorConfig.Overrides o = perFeature.get(f.name());
            fs.add(o == null ? f : f.withOverrides(o));
        }
        return new Constraints(fs, config.with(global));
    }

    /** The file's content. */
    public String toJson() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", 0);
        List<Object> fs = new ArrayList<>();
        for (FeatureConstraint f : features) {
            Map<String, Object> e = new LinkedHashMap<>();
            e.put("name", f.name());
            e.put("inferred_type", f.type().name());
            e.put("completeness", f.completeness());
            if (f.isNonNegative() != null) e.put("num_constraints", Map.of("is_non_negative", f.isNonNegative()));
            if (f.domains() != null) e.put("string_constraints", Map.of("domains", f.domains()));
            if (!f.overrides().isEmpty()) e.put("monitoringConfigOverrides", f.overrides().toJson());
            fs.add(e);
        }
        m.put("features", fs);
        m.put("monitoring_config", config.toJson());
        return StrictJson.pretty(m) + "\n";
    }

    /** Reads a {@code constraints.json} strictly. */
    public static Constraints read(Path file) { return read(StrictJson.object(file, "constraints")); }

    static Constraints read(JsonFields root) {
        root.allow("version", "features", "monitoring_config");
        long version = root.longValue("version", 0);
        if (version != 0) throw DataValidationException.param(root.param("version"), version, "only version 0 is known", "write \"version\": 0");
        JsonFields mc = root.optionalObject("monitoring_config");
        MonitorConfig config = mc == null ? MonitorConfig.defaults() : MonitorConfig.defaults().with(MonitorConfig.Overrides.read(mc));
        List<FeatureConstraint> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonFields f : root.objects("features")) {
            f.allow("name", "inferred_type", "completeness", "num_constraints", "string_constraints", "monitoringConfigOverrides");
            String name = f.text("name");
            if (!seen.add(name)) throw DataValidationException.param(f.param("name"), name, "this feature appears twice", "keep one entry per feature");
            FeatureType type = FeatureType.parse(f.text("inferred_type"), f.param("inferred_type"));
            double completeness = f.doubleValue("completeness");
            MonitorConfig.fraction(f.param("completeness"), completeness);
            Boolean nonNegative = null;
            JsonFields num = f.optionalObject("num_constraints");
            if (num != null) {
                num.allow("is_non_negative");
                if (num.has("is_non_negative")) nonNegative = num.booleanValue("is_non_negative", false);
            }
            List<String> domains = null;
            JsonFields str = f.optionalObject("string_constraints");
            if (str != null) {
                str.allow("domains");
                if (str.has("domains")) domains = str.distinctTexts("domains");
            }
            if (type.isNumeric() && domains != null) {
                throw DataValidationException.param(f.param("string_constraints"), name, "a numeric feature has no domain", "remove string_constraints from " + name);
            }
            if (!type.isNumeric() && nonNegative != null) {
                throw DataValidationException.param(f.param("num_constraints"), name, "a string feature has no numeric constraints", "remove num_constraints from " + name);
            }
            JsonFields o = f.optionalObject("monitoringConfigOverrides");
            MonitorConfig.Overrides overrides = o == null ? MonitorConfig.Overrides.NONE : MonitorConfig.Overrides.read(o);
            out.add(new FeatureConstraint(name, type, completeness, nonNegative, domains, overrides));
        }
        return new Constraints(out, config);
    }
}
