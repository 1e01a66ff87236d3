package dev.holdout.split;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The hashed mode of {@link RandomSplit} and {@link GroupSplit}: each row's part from {@link KeyHash} of its key alone. */
final class HashAssign {
    private HashAssign() {}

    /**
     * Assigns every row of {@code table}: by the cells of {@code keyColumn}, or (null) by all of the row's cells.
     * A missing key is refused (it would send every such row to one part), naming the row.
     */
    static Split split(Table table, HashedAssignment a, String param, String strategy, Map<String, String> params) {
        String keyColumn = a.keyColumn();
        KeyHash hash = a.hash();
        int n = table.rowCount();
        if (n < 2) throw DataValidationException.param("n_samples", n, "need at least 2 samples to split", "provide more data");
        byte[] part = new byte[n];
        if (keyColumn != null) {
            Column<?> c = Columns.require(table, keyColumn, param);
            for (int i = 0; i < n; i++) {
                String cell = c.isMissing(i) ? null : KeyHash.text(c.get(i));
                if (KeyHash.isMissing(cell)) {
                    throw DataValidationException.atRow(table.name(), i + 1, keyColumn, "",
                            "the hash key is missing; a hashed split needs a key in every row (fill it, or hash the row content instead)");
                }
                part[i] = code(a.partOf(hash.of(cell)));
            }
        } else {
            int k = table.columnCount();
            Column<?>[] cols = table.columns().toArray(new Column<?>[0]);
            for (int i = 0; i < n; i++) {
                long h = hash.start();
                for (int j = 0; j < k; j++) h = KeyHash.fold(h, cols[j].isMissing(i) ? null : KeyHash.text(cols[j].get(i)));
                part[i] = code(a.partOf(h));
            }
        }
        params.put("assign", "hash");
        return Assign.fromCodes(part, new SplitProvenance(strategy, params, hash.seed(), n));
    }

    private static byte code(Part p) {
        return switch (p) {
            case TRAIN -> Assign.TRAIN;
            case VALIDATION -> Assign.VALIDATION;
            case TEST -> Assign.TEST;
        };
    }
}
