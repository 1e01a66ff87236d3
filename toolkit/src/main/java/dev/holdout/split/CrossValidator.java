package dev.holdout.split;

import tech.tablesaw.api.Table;

/** An immutable cross-validation configuration. The same configuration and table give the same folds. */
public interface CrossValidator {
    Folds split(Table table);
}
