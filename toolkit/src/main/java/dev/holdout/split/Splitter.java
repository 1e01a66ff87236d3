package dev.holdout.split;

import tech.tablesaw.api.Table;

/** An immutable holdout-split configuration. The same configuration and table give the same split. */
public interface Splitter {
    Split split(Table table);
}
