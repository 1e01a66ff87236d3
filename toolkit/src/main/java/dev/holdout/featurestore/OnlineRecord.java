package dev.holdout.featurestore;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the online store returns for an id: the latest record by event time (the later write on a tie), as it
 * stood at an instant — present, expired (older than the group's time to live: never shown as present),
 * deleted (a tombstone is the latest), or absent.
 *
 * <pre>{@code
 * OnlineRecord r = store.get("customers", "42", null);
 * r.status();     // PRESENT
 * r.values();     // {spend_30d=310.5, tickets_30d=2, plan=pro}
 * r.eventTime();  // 2024-03-09T00:00:00Z
 * }</pre>
 */
public record OnlineRecord(String group, String id, Status status, Instant eventTime, Instant writeTime, Instant asOf,
                           Map<String, Object> values) {
    /** Whether the id has a record to show. */
    public enum Status { PRESENT, EXPIRED, DELETED, ABSENT }

    public OnlineRecord {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder();
        sb.append(group).append(" id=").append(id).append(": ").append(status.name().toLowerCase(java.util.Locale.ROOT));
        if (asOf != null) sb.append(" as of ").append(asOf);
        if (eventTime != null) sb.append(" (event_time ").append(eventTime).append(", write_time ").append(writeTime).append(')');
        sb.append('\n');
        if (status == Status.PRESENT) for (Map.Entry<String, Object> e : values.entrySet()) sb.append("  ").append(e.getKey()).append(" = ")
                .append(e.getValue() == null ? "" : e.getValue()).append('\n');
        return sb.toString();
    }
}
