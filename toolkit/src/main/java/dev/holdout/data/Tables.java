package dev.holdout.data;

import java.lang.reflect.Field;
import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Builds a Tablesaw table from columns in linear time. Tablesaw's {@code addColumns} (and
 * {@code Table.create(name, columns...)}, which calls it once per column) lower-cases every existing
 * name to check each new one, so 100,000 columns cost 5·10⁹ string operations. The readers check
 * their names once (case-insensitively, as Tablesaw would) and then hand the whole list over.
 */
final class Tables {
    private Tables() {}

    private static final Field COLUMN_LIST = columnList();

    private static Field columnList() {
        try {
            Field f = Table.class.getDeclaredField("columnList");
            f.setAccessible(true);
            return f;
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // another Tablesaw version: fall back to addColumns (correct, only slower)
        }
    }

    /** A table of {@code columns}, whose names must already be distinct ignoring case and whose sizes must agree. */
    @SuppressWarnings("unchecked")
    static Table of(String name, List<Column<?>> columns) {
        Table t = Table.create(name);
        if (COLUMN_LIST != null && columns.size() > 64) {
            try {
                ((List<Column<?>>) COLUMN_LIST.get(t)).addAll(columns);
                return t;
            } catch (IllegalAccessException | ClassCastException e) {
                // fall through
            }
        }
        t.addColumns(columns.toArray(new Column<?>[0]));
        return t;
    }
}
