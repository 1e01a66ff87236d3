package dev.holdout.monitor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Options of one monitoring run: configuration applied on top of the baseline's {@code constraints.json}
 * (for this run only), the column order of captured CSV records, and a progress listener.
 *
 * <pre>{@code
 * MonitorOptions o = MonitorOptions.defaults().config(MonitorConfig.Overrides.NONE.withComparisonMethod(ComparisonMethod.Simple));
 * MonitorResult r = Monitor.run(baseline, Path.of("capture/my-endpoint"), o.captureColumns(List.of("temp_max", "temp_min", "wind")));
 * }</pre>
 *
 * @param captureColumns the model's input columns, in order, for captured CSV records (which have no header);
 *                       empty: the baseline's features in their order
 */
public record MonitorOptions(MonitorConfig.Overrides config, Map<String, MonitorConfig.Overrides> perFeature, List<String> captureColumns,
                             Progress progress) {
    public MonitorOptions {
        if (config == null) config = MonitorConfig.Overrides.NONE;
        perFeature = Map.copyOf(perFeature);
        captureColumns = List.copyOf(captureColumns);
        if (progress == null) progress = Progress.NONE;
    }

    private static final MonitorOptions DEFAULTS = new MonitorOptions(MonitorConfig.Overrides.NONE, Map.of(), List.of(), Progress.NONE);

    public static MonitorOptions defaults() { return DEFAULTS; }

    public MonitorOptions config(MonitorConfig.Overrides o) { return new MonitorOptions(config.then(o), perFeature, captureColumns, progress); }

    public MonitorOptions feature(String name, MonitorConfig.Overrides o) {
        Map<String, MonitorConfig.Overrides> m = new LinkedHashMap<>(perFeature);
        m.merge(name, o, MonitorConfig.Overrides::then);
        return new MonitorOptions(config, m, captureColumns, progress);
    }

    public MonitorOptions perFeature(Map<String, MonitorConfig.Overrides> m) { return new MonitorOptions(config, m, captureColumns, progress); }

    public MonitorOptions captureColumns(List<String> columns) { return new MonitorOptions(config, perFeature, columns, progress); }

    public MonitorOptions progress(Progress p) { return new MonitorOptions(config, perFeature, captureColumns, p); }
}
