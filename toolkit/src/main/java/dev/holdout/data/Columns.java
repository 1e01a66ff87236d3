package dev.holdout.data;

import java.util.List;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The one place where a column is looked up by name. An unknown name is an error that lists the
 * columns and suggests the closest one.
 *
 * <pre>{@code
 * Columns.require(table, "temp_mx");
 * // DataValidationException: column=temp_mx: no such column in table 'seattle-weather'; did you mean 'temp_max'? ...
 * }</pre>
 */
public final class Columns {
    private Columns() {}

    /** Returns the column named {@code name}, or throws with a "did you mean" suggestion. */
    public static Column<?> require(Table table, String name) {
        return require(table, name, "column");
    }

    /** As {@link #require(Table, String)}, naming the parameter that carried the column name. */
    public static Column<?> require(Table table, String name, String param) {
        if (name == null || name.isBlank()) {
            throw DataValidationException.param(param, name, "a column name is required", "name one of " + table.columnNames());
        }
        for (Column<?> c : table.columns()) {
            if (c.name().equals(name)) return c;
        }
        throw unknown(param, name, table.columnNames(), table.name());
    }

    /** Checks a name against a list of known names (for files whose columns are not in a Table). */
    public static DataValidationException unknown(String param, String name, List<String> known, String where) {
        String hint = closest(name, known);
        return DataValidationException.param(param, name,
                "no such column" + (where == null || where.isEmpty() ? "" : " in '" + where + "'"),
                (hint != null ? "did you mean '" + hint + "'? " : "") + "columns are " + known);
    }

    /** The closest candidate by case-insensitive edit distance, or null when nothing is close. */
    public static String closest(String name, List<String> candidates) {
        if (name == null) return null;
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String c : candidates) {
            int d = editDistance(name.toLowerCase(), c.toLowerCase());
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        if (best == null) return null;
        int limit = Math.max(2, Math.max(name.length(), best.length()) / 2);
        return bestDistance <= limit ? best : null;
    }

    static int editDistance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) prev[j] = j;
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev; prev = cur; cur = t;
        }
        return prev[b.length()];
    }
}
