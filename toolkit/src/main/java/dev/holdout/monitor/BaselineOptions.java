package dev.holdout.monitor;

import dev.holdout.data.ColumnKind;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How to compute a baseline: which features, declared column types, and the monitoring configuration to write
 * into {@code constraints.json}. Immutable; every modifier returns a new value and order never matters.
 *
 * <pre>{@code
 * BaselineOptions o = BaselineOptions.defaults().exclude("date", "rain")
 *         .config(MonitorConfig.Overrides.NONE.withComparisonThreshold(0.2))
 *         .feature("wind", MonitorConfig.Overrides.NONE.withComparisonThreshold(0.3));
 * Baseline b = Baseline.of(Path.of("train.csv"), o);
 * }</pre>
 */
public record BaselineOptions(List<String> features, List<String> exclude, Map<String, ColumnKind> types, MonitorConfig.Overrides config,
                              Map<String, MonitorConfig.Overrides> perFeature, Progress progress) {
    public BaselineOptions {
        features = List.copyOf(features);
        exclude = List.copyOf(exclude);
        types = Map.copyOf(types);
        perFeature = Map.copyOf(perFeature);
        if (config == null) config = MonitorConfig.Overrides.NONE;
        if (progress == null) progress = Progress.NONE;
    }

    private static final BaselineOptions DEFAULTS = new BaselineOptions(List.of(), List.of(), Map.of(), MonitorConfig.Overrides.NONE, Map.of(), Progress.NONE);

    /** Every column, inferred types, Model Monitor's default configuration. */
    public static BaselineOptions defaults() { return DEFAULTS; }

    /** Only these columns (in this order). */
    public BaselineOptions features(String... names) { return new BaselineOptions(List.of(names), exclude, types, config, perFeature, progress); }

    public BaselineOptions features(List<String> names) { return new BaselineOptions(names, exclude, types, config, perFeature, progress); }

    /** Not these columns (an id, the label, a date). */
    public BaselineOptions exclude(String... names) { return new BaselineOptions(features, List.of(names), types, config, perFeature, progress); }

    public BaselineOptions exclude(List<String> names) { return new BaselineOptions(features, names, types, config, perFeature, progress); }

    /** Declares a column's type, as {@code --types} does (a CSV only). */
    public BaselineOptions withType(String column, ColumnKind kind) {
        Map<String, ColumnKind> m = new LinkedHashMap<>(types);
        m.put(column, kind);
        return new BaselineOptions(features, exclude, m, config, perFeature, progress);
    }

    public BaselineOptions types(Map<String, ColumnKind> kinds) { return new BaselineOptions(features, exclude, kinds, config, perFeature, progress); }

    /** Keys of {@code monitoring_config} to set. */
    public BaselineOptions config(MonitorConfig.Overrides o) { return new BaselineOptions(features, exclude, types, config.then(o), perFeature, progress); }

    /** A feature's {@code monitoringConfigOverrides}. */
    public BaselineOptions feature(String name, MonitorConfig.Overrides o) {
        Map<String, MonitorConfig.Overrides> m = new LinkedHashMap<>(perFeature);
        m.merge(name, o, MonitorConfig.Overrides::then);
        return new BaselineOptions(features, exclude, types, config, m, progress);
    }

    public BaselineOptions perFeature(Map<String, MonitorConfig.Overrides> m) { return new BaselineOptions(features, exclude, types, config, m, progress); }

    public BaselineOptions progress(Progress p) { return new BaselineOptions(features, exclude, types, config, perFeature, p); }
}
