package dev.holdout.monitor;

import dev.holdout.io.StrictJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What a monitoring run found: the current data's statistics, one {@link FeatureCheck} per baseline feature,
 * and the violations. Renders itself as Model Monitor's files and as an HTML report.
 *
 * <pre>{@code
 * MonitorResult r = Monitor.run(baseline, Path.of("2015-07.csv"));
 * r.hasViolations();                      // the CLI exits 3 when true
 * r.drifted();                            // [temp_max, temp_min]
 * r.writeFiles(folder);                   // statistics.json, constraint_violations.json, report.html
 * }</pre>
 */
public record MonitorResult(String source, Baseline baseline, Constraints constraints, Statistics current, List<FeatureCheck> features,
                            List<String> extraColumns, List<Violation> violations) {
    public static final String VIOLATIONS = "constraint_violations.json";
    public static final String REPORT = "report.html";

    public MonitorResult {
        features = List.copyOf(features);
        extraColumns = List.copyOf(extraColumns);
        violations = List.copyOf(violations);
    }

    public boolean hasViolations() { return !violations.isEmpty(); }

    /** The feature's check; an unknown name is an error with a did-you-mean. */
    public FeatureCheck feature(String name) {
        for (FeatureCheck f : features) if (f.name().equals(name)) return f;
        throw dev.holdout.data.Columns.unknown("feature", name, features.stream().map(FeatureCheck::name).toList(), "the run");
    }

    /** The features whose distribution moved past their threshold, in baseline order. */
    public List<String> drifted() { return features.stream().filter(FeatureCheck::drifted).map(FeatureCheck::name).toList(); }

    /** {@code constraint_violations.json}. */
    public String violationsJson() {
        List<Object> vs = new ArrayList<>();
        for (Violation v : violations) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("feature_name", v.featureName());
            m.put("constraint_check_type", v.checkType().name());
            m.put("description", v.description());
            vs.add(m);
        }
        return StrictJson.pretty(Map.of("violations", vs)) + "\n";
    }

    /** Writes statistics.json, constraint_violations.json and report.html into {@code folder} (which the caller has claimed). */
    public void writeFiles(Path folder) throws IOException {
        Files.writeString(folder.resolve(Baseline.STATISTICS), current.toJson(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(VIOLATIONS), violationsJson(), StandardCharsets.UTF_8);
        Files.writeString(folder.resolve(REPORT), dev.holdout.report.Html.page("Monitoring run: " + source, toHtml()), StandardCharsets.UTF_8);
    }

    /** The report: the violations, a table of every feature, a chart of each drifted feature's two distributions. */
    public String toHtml() { return Report.html(this); }

    /** A few lines a terminal shows. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "monitoring run of %s: %,d rows, %d features; %d violation%s%n", source, current.itemCount(),
                features.size(), violations.size(), violations.size() == 1 ? "" : "s"));
        for (FeatureCheck f : features) {
            Drift d = f.drift();
            sb.append(String.format(Locale.ROOT, "  %-24s %-10s %s%n", f.name(), f.baseline().type(), d == null ? (f.current() == null ? "missing" : "no comparison")
                    : String.format(Locale.ROOT, "%s %s (threshold %s)  PSI %s  JS %s%s", Report.method(d.method()), Report.num(d.distance()),
                    Report.num(d.threshold()), Report.num(d.psi()), Report.num(d.jensenShannon()), d.drifted() ? "  DRIFT" : "")));
        }
        for (Violation v : violations) sb.append("  ").append(v.checkType()).append(" ").append(v.featureName()).append(": ").append(v.description()).append('\n');
        return sb.toString();
    }
}
