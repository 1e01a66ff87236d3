package dev.holdout.featurestore;

import java.util.List;
import java.util.Locale;

/**
 * What {@link FeatureStore#audit} found in a training table: per feature, how many values were checked and how many
 * the store could not have known at the row's entity time — values it recorded only later. Any such value is
 * leakage from the future (exit code 3 on the command line).
 *
 * <pre>{@code
 * FeatureAuditReport r = fs.audit(Path.of("training.csv"), "customer_id", "prediction_time", List.of(GroupSelection.all("customers")));
 * r.clean();           // false
 * r.leakingFeatures(); // [spend_30d, days_since_login]
 * }</pre>
 */
public record FeatureAuditReport(String file, long rows, List<FeatureCheck> features) {
    /** A value the store recorded only after the row's entity time. */
    public record Example(long line, String id, String entityTime, String value, String recordedAt) {}

    /** One feature column of the training table. */
    public record FeatureCheck(String group, String feature, String column, long checked, long fromFuture, List<Example> examples) {
        public FeatureCheck {
            examples = List.copyOf(examples);
        }
    }

    public FeatureAuditReport {
        features = List.copyOf(features);
    }

    /** Whether no value came from the future. */
    public boolean clean() { return features.stream().allMatch(f -> f.fromFuture() == 0); }

    /** The training columns with at least one value from the future. */
    public List<String> leakingFeatures() { return features.stream().filter(f -> f.fromFuture() > 0).map(FeatureCheck::column).toList(); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(clean() ? "CLEAN" : "LEAKAGE FOUND").append(String.format(Locale.ROOT,
                ": %s, %,d rows: every feature value checked against what the store knew at the row's entity time%n", file, rows));
        sb.append(String.format(Locale.ROOT, "%-32s %10s %14s%n", "feature", "checked", "from the future"));
        for (FeatureCheck f : features) sb.append(String.format(Locale.ROOT, "%-32s %10d %14d%n", f.column(), f.checked(), f.fromFuture()));
        for (FeatureCheck f : features) {
            if (f.fromFuture() == 0) continue;
            sb.append(String.format(Locale.ROOT, "%s (group %s): %,d of %,d values were recorded only after their entity time, e.g.%n",
                    f.column(), f.group(), f.fromFuture(), f.checked()));
            for (Example e : f.examples()) {
                sb.append(String.format(Locale.ROOT, "  line %d: id %s at %s has %s, first recorded at %s%n", e.line(), e.id(), e.entityTime(), e.value(),
                        e.recordedAt()));
            }
        }
        return sb.toString();
    }

    public String toJson() {
        var root = dev.holdout.io.StrictJson.mapper().createObjectNode();
        root.put("file", file).put("rows", rows).put("verdict", clean() ? "CLEAN" : "LEAKAGE FOUND");
        var fs = root.putArray("features");
        for (FeatureCheck f : features) {
            var o = fs.addObject().put("group", f.group()).put("feature", f.feature()).put("column", f.column()).put("checked", f.checked())
                    .put("from_future", f.fromFuture());
            var ex = o.putArray("examples");
            for (Example e : f.examples()) {
                ex.addObject().put("line", e.line()).put("id", e.id()).put("entity_time", e.entityTime()).put("value", e.value())
                        .put("recorded_at", e.recordedAt());
            }
        }
        return dev.holdout.io.StrictJson.pretty(root) + "\n";
    }
}
