package dev.holdout.split;

import tech.tablesaw.api.Table;

/**
 * One cross-validation fold: the rows to fit on and the rows to evaluate on.
 *
 * <pre>{@code
 * Fold f = folds.get(0);
 * f.number();              // 1
 * Table fitOn = f.train(table);
 * }</pre>
 */
public record Fold(int number, RowIndices train, RowIndices test) {
    public Table train(Table table) { return materialise(table, train, "train"); }

    public Table test(Table table) { return materialise(table, test, "test"); }

    private Table materialise(Table table, RowIndices rows, String what) {
        Table t = table.rows(rows.toArray());
        t.setName(table.name() + "[fold-" + number + "/" + what + "]");
        return t;
    }

    @Override public String toString() {
        return "Fold " + number + ": train=" + train.size() + ", test=" + test.size();
    }
}
