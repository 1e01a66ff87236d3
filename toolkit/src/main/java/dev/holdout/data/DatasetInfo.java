package dev.holdout.data;

import java.util.List;

/**
 * What Holdout knows about a shipped dataset: its task, the roles of its columns, and the columns that
 * would leak the label if used as features (kept in the table on purpose, for the leakage lessons).
 *
 * <pre>{@code
 * DatasetInfo info = Datasets.info("seattle-weather");
 * info.schema().label();   // "rain"
 * info.leakyColumns();     // [precipitation, weather]
 * }</pre>
 */
public record DatasetInfo(String name, String file, String description, String task, Schema schema,
                          List<String> leakyColumns, String derivedColumns) {
    public DatasetInfo {
        leakyColumns = List.copyOf(leakyColumns);
    }
}
