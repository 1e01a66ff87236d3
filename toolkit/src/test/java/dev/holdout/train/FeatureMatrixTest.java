package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FeatureMatrixTest {

    @Test void rowMajorWithNaNForMissingAcrossColumnTypes() {
        IntColumn a = IntColumn.create("a", 1, 2, 3);
        a.setMissing(1);
        DoubleColumn b = DoubleColumn.create("b", 0.5, Double.NaN, 2.5);
        BooleanColumn c = BooleanColumn.create("c", new boolean[] {true, false, true});
        c.setMissing(2);
        FeatureMatrix x = FeatureMatrix.of(Table.create("t", a, b, c), List.of("c", "a", "b"));
        assertEquals(3, x.rows());
        assertEquals(3, x.columns());
        float[] expected = {1, 1, 0.5f, 0, Float.NaN, Float.NaN, Float.NaN, 3, 2.5f};
        for (int r = 0; r < 3; r++) {
            for (int k = 0; k < 3; k++) assertEquals(expected[r * 3 + k], x.get(r, k), "row " + r + " col " + k);
        }
        assertEquals(9, x.values().length);
    }

    @Test void textColumnsMustBeEncodedFirst() {
        Table t = Table.create("t", StringColumn.create("city", "a", "b"), DoubleColumn.create("y", 1, 0));
        var e = assertThrows(DataValidationException.class, () -> FeatureMatrix.of(t, List.of("city")));
        assertTrue(e.getMessage().contains("encode it in the preprocessing"), e.getMessage());
        var e2 = assertThrows(DataValidationException.class, () -> FeatureMatrix.of(t, List.of("cty")));
        assertTrue(e2.getMessage().contains("did you mean 'city'"), e2.getMessage());
    }

    @Property(tries = 40)
    void everyCellLandsAtRowTimesColumnsPlusColumn(@ForAll @IntRange(min = 0, max = 60) int n, @ForAll @IntRange(min = 1, max = 7) int p) {
        Table t = Table.create("t");
        for (int k = 0; k < p; k++) {
            double[] v = new double[n];
            for (int r = 0; r < n; r++) v[r] = r * 100 + k;
            t.addColumns(DoubleColumn.create("c" + k, v));
        }
        FeatureMatrix x = FeatureMatrix.of(t, t.columnNames());
        float[] raw = x.values();
        for (int r = 0; r < n; r++) for (int k = 0; k < p; k++) assertEquals(r * 100 + k, raw[r * p + k]);
    }

    @Test void tribuoDatasetHasOneExamplePerRowAndRejectsMissing() {
        Table t = TestData.binary("t", 50, 3, 1);
        MutableDataset<Label> d = TribuoData.classification(t, "y", List.of("x0", "x1", "x2"), "t");
        assertEquals(50, d.size());
        assertEquals(3, d.getFeatureMap().size());
        t.doubleColumn("x1").setMissing(4);
        var e = assertThrows(DataValidationException.class, () -> TribuoData.classification(t, "y", List.of("x0", "x1"), "t"));
        assertTrue(e.getMessage().contains("impute"), e.getMessage());
        assertEquals(5, e.row());
    }
}
