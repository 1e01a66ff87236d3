package dev.holdout.featurestore;

import dev.holdout.data.ColumnKind;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What to ingest: a CSV into a group, with the record id and event time columns; on the group's first ingest also a
 * description, a time to live and declared column types ({@code --types}). Withers return a new spec.
 *
 * <pre>{@code
 * IngestSpec spec = IngestSpec.of("customers", Path.of("events.csv"), "customer_id", "ts")
 *         .withDescription("activity per customer").withTtl(Duration.ofDays(30)).withType("zip", ColumnKind.TEXT);
 * }</pre>
 */
public record IngestSpec(String group, Path input, String recordId, String eventTime, String description, Duration ttl,
                         Map<String, ColumnKind> types) {
    public IngestSpec {
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(input, "input");
        types = Map.copyOf(types);
    }

    public static IngestSpec of(String group, Path input, String recordId, String eventTime) {
        return new IngestSpec(group, input, recordId, eventTime, null, null, Map.of());
    }

    public IngestSpec withDescription(String d) { return new IngestSpec(group, input, recordId, eventTime, d, ttl, types); }

    public IngestSpec withTtl(Duration t) { return new IngestSpec(group, input, recordId, eventTime, description, t, types); }

    public IngestSpec withType(String column, ColumnKind kind) {
        Map<String, ColumnKind> m = new LinkedHashMap<>(types);
        m.put(column, kind);
        return new IngestSpec(group, input, recordId, eventTime, description, ttl, m);
    }

    public IngestSpec withTypes(Map<String, ColumnKind> kinds) {
        Map<String, ColumnKind> m = new LinkedHashMap<>(types);
        m.putAll(kinds);
        return new IngestSpec(group, input, recordId, eventTime, description, ttl, m);
    }
}
