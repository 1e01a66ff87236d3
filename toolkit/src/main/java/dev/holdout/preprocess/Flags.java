package dev.holdout.preprocess;

import java.util.BitSet;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.columns.booleans.BitSetBooleanData;

/** Boolean output columns (indicators, one-hot) built from bit sets, without boxing. */
final class Flags {
    private Flags() {}

    static BooleanColumn column(String name, boolean[] flags) {
        BitSet t = new BitSet(flags.length);
        for (int i = 0; i < flags.length; i++) if (flags[i]) t.set(i);
        return column(name, t, flags.length);
    }

    /** A boolean column of {@code size} rows that is true exactly at the set bits of {@code trueRows}. */
    static BooleanColumn column(String name, BitSet trueRows, int size) {
        BitSet f = new BitSet(size);
        f.set(0, size);
        f.andNot(trueRows);
        return new BooleanColumn(name, new BitSetBooleanData(trueRows, f, new BitSet()));
    }
}
