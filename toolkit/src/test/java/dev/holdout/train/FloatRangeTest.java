package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.holdout.data.DataValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/** XGBoost takes 32-bit floats: a value beyond their range, or an infinite one, is refused with its row and column. */
class FloatRangeTest {
    @Test void aFiniteDoubleBeyondFloatRangeIsADataErrorNamingRowAndColumn() {
        Table t = Table.create("train.csv", DoubleColumn.create("a", 1, 2, 3), DoubleColumn.create("b", 0.5, -1e300, 2));
        DataValidationException e = assertThrows(DataValidationException.class, () -> FeatureMatrix.of(t, List.of("a", "b")));
        assertEquals("table 'train.csv', row 2, column 'b': value -1.0E300 is beyond the range of XGBoost's 32-bit floats (about ±3.4e38); "
                + "fix the value, mark it missing, or rescale the column in the preprocessing (e.g. log1p)", e.getMessage());
        assertEquals(2, e.row());
        assertEquals("b", e.column());
    }

    @Test void anInfiniteValueIsADataErrorToo() {
        Table t = Table.create("t", DoubleColumn.create("a", 1, Double.POSITIVE_INFINITY));
        DataValidationException e = assertThrows(DataValidationException.class, () -> FeatureMatrix.of(t, List.of("a")));
        assertEquals("table 't', row 2, column 'a': value Infinity is infinite, which XGBoost cannot take; "
                + "fix the value, mark it missing, or rescale the column in the preprocessing (e.g. log1p)", e.getMessage());
    }

    @Test void theLargestFloatAndMissingValuesPass() {
        Table t = Table.create("t", DoubleColumn.create("a", Float.MAX_VALUE, -Float.MAX_VALUE, Double.NaN));
        FeatureMatrix x = FeatureMatrix.of(t, List.of("a"));
        assertEquals(Float.MAX_VALUE, x.get(0, 0));
        assertEquals(Float.NaN, x.get(2, 0));
    }
}
