package dev.holdout.data;

import it.unimi.dsi.fastutil.doubles.DoubleArrayList;
import it.unimi.dsi.fastutil.ints.IntArrayList;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;

/**
 * Tablesaw columns built around arrays the caller hands over, so a column read or computed into a
 * primitive array is not copied again (Tablesaw's public {@code DoubleColumn.create(name, double...)}
 * copies). The caller must not touch the array afterwards. The columns behave as plain
 * {@code DoubleColumn}/{@code IntColumn} in every respect ({@code copy()} returns the plain type).
 *
 * <pre>{@code
 * double[] scaled = new double[n];            // filled by a hot loop
 * DoubleColumn c = ColumnArrays.doubles("x", scaled);
 * }</pre>
 */
public final class ColumnArrays {
    private ColumnArrays() {}

    /** A double column of {@code values} (NaN is missing). */
    public static DoubleColumn doubles(String name, double[] values) { return new Doubles(name, values, values.length); }

    /** A double column of the first {@code size} of {@code values}. */
    public static DoubleColumn doubles(String name, double[] values, int size) { return new Doubles(name, values, size); }

    /** An int column of the first {@code size} of {@code values} ({@link Integer#MIN_VALUE} is missing). */
    public static IntColumn ints(String name, int[] values, int size) { return new Ints(name, values, size); }

    private static final class Doubles extends DoubleColumn {
        Doubles(String name, double[] values, int size) { super(name, DoubleArrayList.wrap(values, size)); }
    }

    private static final class Ints extends IntColumn {
        Ints(String name, int[] values, int size) { super(name, IntArrayList.wrap(values, size)); }
    }
}
