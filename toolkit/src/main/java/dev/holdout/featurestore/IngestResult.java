package dev.holdout.featurestore;

import java.time.Instant;

/**
 * What one ingest wrote: the group (as it is after the ingest), whether the ingest created it, the rows, and the
 * {@code write_time} every row got.
 *
 * <pre>{@code
 * IngestResult r = store.ingest(IngestSpec.of("customers", Path.of("events.csv"), "customer_id", "ts"));
 * r;   // ingested 120,000 rows into new feature group 'customers' (3 features: spend_30d Fractional, ...)
 * }</pre>
 */
public record IngestResult(FeatureGroup group, boolean created, long rows, Instant writeTime) {
    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "ingested %,d rows into %sfeature group '%s' (%d features: %s), write_time %s",
                rows, created ? "new " : "", group.name(), group.features().size(),
                String.join(", ", group.features().stream().map(Feature::toString).toList()), writeTime);
    }
}
