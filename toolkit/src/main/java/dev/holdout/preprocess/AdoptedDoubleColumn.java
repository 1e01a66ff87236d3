package dev.holdout.preprocess;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import tech.tablesaw.api.DoubleColumn;

/**
 * A {@link DoubleColumn} built around an array the caller hands over, so a computed column is not
 * copied a second time (Tablesaw's public {@code DoubleColumn.create(name, double...)} copies). The
 * caller must not touch the array afterwards. Behaves as a plain DoubleColumn in every respect.
 */
final class AdoptedDoubleColumn extends DoubleColumn {
    private AdoptedDoubleColumn(String name, double[] values) {
        super(name, DoubleArrayList.wrap(values));
    }

    static DoubleColumn adopt(String name, double[] values) {
        return new AdoptedDoubleColumn(name, values);
    }
}
