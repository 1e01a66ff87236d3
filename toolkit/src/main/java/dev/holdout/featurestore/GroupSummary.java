package dev.holdout.featurestore;

import java.time.Instant;
import java.util.Locale;

/**
 * A group with what its offline store holds: rows (tombstones included), distinct ids, tombstones, the event-time
 * range and the number of ingests.
 *
 * <pre>{@code
 * store.describe("customers");
 * // customers: 120,000 rows, 1,000 ids, 3 deleted, event time 2024-01-01T00:00:00Z .. 2024-10-31T00:00:00Z, 2 ingests
 * }</pre>
 */
public record GroupSummary(FeatureGroup group, long rows, long ids, long deleted, Instant eventMin, Instant eventMax, long ingests) {
    /** One line: the counts and the range. */
    public String line() {
        return String.format(Locale.ROOT, "%s: %,d rows, %,d ids, %,d deleted, event time %s .. %s, %d ingest%s", group.name(), rows, ids,
                deleted, eventMin == null ? "-" : eventMin, eventMax == null ? "-" : eventMax, ingests, ingests == 1 ? "" : "s");
    }

    /** Everything, feature by feature. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder(line()).append('\n');
        if (group.description() != null) sb.append("  description: ").append(group.description()).append('\n');
        sb.append("  record id:  ").append(group.recordId()).append('\n');
        sb.append("  event time: ").append(group.eventTime()).append('\n');
        sb.append("  ttl:        ").append(group.ttl().map(Object::toString).orElse("none")).append('\n');
        sb.append("  features:\n");
        for (Feature f : group.features()) sb.append(String.format(Locale.ROOT, "    %-24s %s%n", f.name(), f.type().label()));
        sb.append("  reserved:   write_time (when a row was ingested), is_deleted (a tombstone)\n");
        return sb.toString();
    }
}
