package dev.holdout.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Names the role of each column (features, label, time, group, id) and, optionally, declares column
 * types. Immutable: every {@code with...} returns a new schema.
 *
 * <pre>{@code
 * Schema s = Schema.empty().withLabel("rain").withTime("date")
 *         .withFeatures("temp_max", "temp_min", "wind").withType("date", ColumnKind.DATE);
 * s.label();      // "rain"
 * s.features();   // [temp_max, temp_min, wind]
 * }</pre>
 *
 * <p>An empty feature list means "every column that has no other role" ({@link #featuresIn(Table)}).
 */
public record Schema(List<String> features, String label, String time, String group, String id,
                     Map<String, ColumnKind> types) {

    public Schema {
        features = List.copyOf(features);
        types = Collections.unmodifiableMap(new LinkedHashMap<>(types));
        for (String f : features) {
            if (f.equals(label) || f.equals(time) || f.equals(group) || f.equals(id)) {
                throw DataValidationException.param("features", features,
                        "column '" + f + "' cannot be a feature and also the label, time, group or id",
                        "remove it from the features");
            }
        }
    }

    private static final Schema EMPTY = new Schema(List.of(), null, null, null, null, Map.of());

    /** No roles and no declared types: everything is inferred. */
    public static Schema empty() { return EMPTY; }

    public Schema withFeatures(String... names) { return withFeatures(List.of(names)); }

    public Schema withFeatures(List<String> names) { return new Schema(names, label, time, group, id, types); }

    public Schema withLabel(String name) { return new Schema(features, name, time, group, id, types); }

    public Schema withTime(String name) { return new Schema(features, label, name, group, id, types); }

    public Schema withGroup(String name) { return new Schema(features, label, time, name, id, types); }

    public Schema withId(String name) { return new Schema(features, label, time, group, name, types); }

    /** Declares the type of a column; loading fails with file/line/column if a value does not parse. */
    public Schema withType(String column, ColumnKind kind) {
        Map<String, ColumnKind> m = new LinkedHashMap<>(types);
        m.put(Objects.requireNonNull(column), Objects.requireNonNull(kind));
        return new Schema(features, label, time, group, id, m);
    }

    /** Every column this schema names, in role order (features, label, time, group, id, typed columns). */
    public List<String> declaredColumns() {
        List<String> out = new ArrayList<>(features);
        for (String c : new String[] {label, time, group, id}) {
            if (c != null && !out.contains(c)) out.add(c);
        }
        for (String c : types.keySet()) {
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }

    /** The feature columns of {@code table}: the declared ones, or every column without another role. */
    public List<String> featuresIn(Table table) {
        if (!features.isEmpty()) return features;
        List<String> out = new ArrayList<>();
        for (String c : table.columnNames()) {
            if (!c.equals(label) && !c.equals(time) && !c.equals(group) && !c.equals(id)) out.add(c);
        }
        return out;
    }

    /** Checks that every column the schema names exists in {@code table} ("did you mean" on a typo). */
    public Schema validate(Table table) {
        for (String c : declaredColumns()) Columns.require(table, c, roleOf(c));
        return this;
    }

    private String roleOf(String c) {
        if (c.equals(label)) return "label";
        if (c.equals(time)) return "time";
        if (c.equals(group)) return "group";
        if (c.equals(id)) return "id";
        if (features.contains(c)) return "feature";
        return "column";
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Schema{");
        if (label != null) sb.append("label=").append(label).append(", ");
        if (time != null) sb.append("time=").append(time).append(", ");
        if (group != null) sb.append("group=").append(group).append(", ");
        if (id != null) sb.append("id=").append(id).append(", ");
        sb.append("features=").append(features.isEmpty() ? "(all others)" : features);
        if (!types.isEmpty()) sb.append(", types=").append(types);
        return sb.append('}').toString();
    }
}
