package dev.holdout.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * Columns of text aligned for a terminal: the table format of the listing verbs ({@code registry list},
 * {@code experiments list}, {@code experiments compare}). Cells are cut at 60 characters so one long description
 * does not push the rest off the screen (the JSON format has them whole).
 *
 * <pre>{@code
 * TextTable t = new TextTable("VERSION", "STATUS");
 * t.row("rain/1", "Approved");
 * t.toString();   // "VERSION  STATUS\nrain/1   Approved\n"
 * }</pre>
 */
final class TextTable {
    private static final int MAX_CELL = 60;
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;

    TextTable(String... header) {
        this.columns = header.length;
        rows.add(header);
    }

    TextTable row(Object... cells) {
        if (cells.length != columns) throw new IllegalArgumentException(cells.length + " cells for " + columns + " columns");
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) {
            String s = cells[i] == null ? "-" : cells[i].toString().replaceAll("\\R", " ");
            r[i] = s.length() > MAX_CELL ? s.substring(0, MAX_CELL - 3) + "..." : s;
        }
        rows.add(r);
        return this;
    }

    /** Rows after the header. */
    int size() { return rows.size() - 1; }

    @Override public String toString() {
        int[] w = new int[columns];
        for (String[] r : rows) for (int i = 0; i < columns; i++) w[i] = Math.max(w[i], r[i].length());
        StringBuilder sb = new StringBuilder();
        for (String[] r : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < columns; i++) {
                line.append(r[i]);
                if (i < columns - 1) line.append(" ".repeat(w[i] - r[i].length() + 2));
            }
            sb.append(line.toString().stripTrailing()).append('\n');
        }
        return sb.toString();
    }
}
