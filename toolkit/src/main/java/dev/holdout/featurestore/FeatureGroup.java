package dev.holdout.featurestore;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * A feature group's definition: its record id and event time columns (SageMaker's RecordIdentifierFeatureName and
 * EventTimeFeatureName), its features in file order, a description, and an optional time to live. Every record
 * also has SageMaker's reserved {@code write_time} (when it was ingested) and {@code is_deleted}.
 *
 * <pre>{@code
 * FeatureGroup g = store.group("customers");
 * g.recordId();     // customer_id Integral
 * g.features();     // [spend_30d Fractional, tickets_30d Integral, plan String]
 * g.ttl();          // Optional[PT720H]
 * }</pre>
 */
public record FeatureGroup(int id, String name, Feature recordId, String eventTime, List<Feature> features, String description,
                           Duration ttlOrNull) {
    /** SageMaker Feature Store's reserved names: no feature may be called so. */
    public static final List<String> RESERVED = List.of("write_time", "is_deleted", "api_invocation_time");

    public FeatureGroup {
        features = List.copyOf(features);
    }

    /** The time to live: a record older than this at the entity time is expired. */
    public Optional<Duration> ttl() { return Optional.ofNullable(ttlOrNull); }

    /** The feature of this name, if the group has it. */
    public Optional<Feature> feature(String name) {
        for (Feature f : features) if (f.name().equals(name)) return Optional.of(f);
        return Optional.empty();
    }

    /** The position of a feature, -1 if none. */
    int position(String name) {
        for (int i = 0; i < features.size(); i++) if (features.get(i).name().equals(name)) return i;
        return -1;
    }

    /** The records' table in the store. */
    String table() { return "fs_records_" + id; }

    /** The column of feature {@code i} in {@link #table()}. */
    static String column(int i) { return "f_" + i; }

    /** The feature names. */
    public List<String> featureNames() { return features.stream().map(Feature::name).toList(); }
}
