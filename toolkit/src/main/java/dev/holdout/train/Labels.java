package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Reads and checks the label column for an objective: no missing values, 0/1 for binary:logistic,
 * 0..num_class-1 for multi:softprob.
 *
 * <pre>{@code
 * float[] y = Labels.read(table, "rain", hp);   // DataValidationException naming the row for a 2 or a NaN
 * }</pre>
 */
public final class Labels {
    private Labels() {}

    /** The label column as floats, checked for {@code hp}'s objective. */
    public static float[] read(Table table, String label, Hyperparameters hp) {
        return read(table, label, hp, "train", table.name());
    }

    static float[] read(Table table, String label, Hyperparameters hp, String channel, String source) {
        return read(table, label, hp.objective(), hp.numClass(), channel, source);
    }

    static float[] read(Table table, String label, String objective, int numClass, String channel, String source) {
        Column<?> column = Columns.require(table, label, "label");
        int n = table.rowCount();
        float[] y = new float[n];
        if (column instanceof BooleanColumn b) {
            for (int r = 0; r < n; r++) {
                byte v = b.getByte(r);
                if (BooleanColumn.valueIsMissing(v)) throw missing(source, channel, r, label);
                y[r] = v;
            }
        } else if (column instanceof NumericColumn<?> num) {
            for (int r = 0; r < n; r++) {
                if (num.isMissing(r)) throw missing(source, channel, r, label);
                double v = num.getDouble(r);
                if (!Double.isFinite(v)) throw missing(source, channel, r, label);
                y[r] = (float) v;
            }
        } else {
            throw DataValidationException.param("label", label, "the label column in the " + channel + " channel (" + source + ") is "
                    + column.type().name() + ", not numeric or boolean", "encode the target as numbers (0/1 for binary:logistic)");
        }
        check(y, objective, numClass, label, channel, source);
        return y;
    }

    static void check(float[] y, String objective, int numClass, String label, String channel, String source) {
        for (int r = 0; r < y.length; r++) {
            float v = y[r];
            if (Hyperparameters.BINARY_LOGISTIC.equals(objective) && v != 0f && v != 1f) {
                throw DataValidationException.at(source, r + 1, label, Float.toString(v),
                        "label " + v + " in the " + channel + " channel is not 0 or 1, which objective=binary:logistic needs; "
                                + "map the classes to 0/1 or use objective=multi:softprob");
            }
            if (Hyperparameters.MULTI_SOFTPROB.equals(objective) && (v != Math.rint(v) || v < 0 || v >= numClass)) {
                throw DataValidationException.at(source, r + 1, label, Float.toString(v),
                        "label " + v + " in the " + channel + " channel is not a class index in 0.." + (numClass - 1)
                                + " (num_class=" + numClass + "); encode the classes as 0..num_class-1");
            }
        }
    }

    private static DataValidationException missing(String source, String channel, int row, String label) {
        return DataValidationException.at(source, row + 1, label, "NaN",
                "the label is missing (NaN) in row " + (row + 1) + " of the " + channel + " channel; drop rows without a label before training");
    }
}
