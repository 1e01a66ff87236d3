package dev.holdout.featurestore;

import tech.tablesaw.api.Table;

/**
 * A point-in-time join's table (the entity rows, in order, with their columns and the features) and its report.
 *
 * <pre>{@code
 * JoinResult r = fs.join(entities, "customer_id", "prediction_time", List.of(GroupSelection.all("customers")),
 *         JoinOptions.DEFAULT.withReport(true));
 * r.table().columnNames();   // [customer_id, prediction_time, churned, spend_30d, tickets_30d, plan]
 * r.report().futureValues(); // what a join by id would have taken from after the entity time
 * }</pre>
 */
public record JoinResult(Table table, JoinReport report) {}
