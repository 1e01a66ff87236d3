/**
 * A local Feature Store on the embedded store ({@link dev.holdout.store.Store}): feature groups with SageMaker's
 * vocabulary (record identifier, event time, Integral/Fractional/String, the reserved {@code write_time} and
 * {@code is_deleted}), an online view with a time to live, soft deletes, and point-in-time joins that never take a
 * value recorded after the entity time — Feast's rule, run in DuckDB as an ASOF join.
 *
 * <pre>{@code
 * FeatureStore fs = FeatureStore.on(Store.locate(null));
 * fs.ingest(IngestSpec.of("customers", Path.of("customer_events.csv"), "customer_id", "ts"));   // one transaction
 * Table training = fs.join(entities, "customer_id", "prediction_time", List.of(GroupSelection.all("customers")));
 * fs.audit(Path.of("hand_made.csv"), "customer_id", "prediction_time", List.of(GroupSelection.all("customers"))).clean();
 * }</pre>
 *
 * <p>Why: a training set built by joining features by id alone takes values recorded after the event it predicts
 * — leakage that no split can undo, and that SageMaker's own DatasetBuilder allows by default
 * ({@code point_in_time_accurate_join=False}). The CLI is {@code holdout features ingest|list|describe|get|delete|join|audit}.
 */
package dev.holdout.featurestore;
