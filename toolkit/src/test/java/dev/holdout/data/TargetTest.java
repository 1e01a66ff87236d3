package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** A column coded by the vocabulary: every column type codes the same way, and bad labels name their row. */
class TargetTest {

    /** Each row's code names exactly the row's own value (by the one rule), whatever the column type. */
    private static void codesNameTheRows(Table t, String name) {
        Target coded = Target.categories(t, name, "test");
        Column<?> c = t.column(name);
        assertEquals(c.size(), coded.rows());
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) {
                assertEquals(coded.missingCode(), coded.code(i), name + " row " + i);
            } else {
                assertEquals(coded.vocabulary().codeOf(c.getString(i)), coded.code(i), name + " row " + i + " = " + c.getString(i));
            }
        }
        for (int v = 0; v < coded.classes(); v++) assertTrue(coded.firstRowOf(v) >= 0, "every label occurs");
    }

    @Property(tries = 50)
    void everyColumnTypeCodesTheSameWay(@ForAll @IntRange(min = 0, max = 300) int rows, @ForAll long seed) {
        Random r = new Random(seed);
        IntColumn ints = IntColumn.create("i");
        LongColumn longs = LongColumn.create("l");
        DoubleColumn doubles = DoubleColumn.create("d");
        StringColumn text = StringColumn.create("s");
        for (int k = 0; k < rows; k++) {
            if (r.nextInt(10) == 0) ints.appendMissing(); else ints.append(r.nextInt(12) - 3);
            if (r.nextInt(10) == 0) longs.appendMissing(); else longs.append((r.nextBoolean() ? 1L << 60 : 0) + r.nextInt(5));
            if (r.nextInt(10) == 0) doubles.appendMissing(); else doubles.append(r.nextInt(6) * 0.5 - (r.nextInt(20) == 0 ? 0.0 : 1));
            if (r.nextInt(10) == 0) text.appendMissing(); else text.append(List.of("10", "2", "b", "a", "2.0").get(r.nextInt(5)));
        }
        Table t = Table.create("t", ints, longs, doubles, text);
        for (String n : List.of("i", "l", "d", "s")) codesNameTheRows(t, n);
    }

    @Test void theOneOrderInEveryColumnType() {
        Table t = Table.create("t", IntColumn.create("i", 30, 10, 30, 2), StringColumn.create("s", "10", "2", "a", "2.0"),
                DoubleColumn.create("d", 1.0, 0.5, 1.0, -2), BooleanColumn.create("b", true, false, true, true));
        assertEquals(List.of("2", "10", "30"), Target.of(t, "i").vocabulary().names());
        assertArrayEquals(new int[] {2, 1, 2, 0}, Target.of(t, "i").codes());
        assertEquals(List.of("2", "10", "a"), Target.of(t, "s").vocabulary().names(), "\"2\" and \"2.0\" are one label");
        assertArrayEquals(new int[] {1, 0, 2, 0}, Target.of(t, "s").codes());
        assertEquals(List.of("-2", "0.5", "1"), Target.of(t, "d").vocabulary().names());
        assertEquals(List.of("false", "true"), Target.of(t, "b").vocabulary().names());
        assertEquals(Map.of("false", 1, "true", 3), Target.of(t, "b").distribution());
    }

    @Test void aRowWithoutAUsableLabelIsNamed() {
        DoubleColumn y = DoubleColumn.create("y", 1, 0, 1);
        y.setMissing(2);
        DataValidationException e = assertThrows(DataValidationException.class, () -> Target.of(Table.create("train.csv", y), "y"));
        assertEquals(3, e.row());
        assertEquals("y", e.column());
        assertTrue(e.getMessage().startsWith("table 'train.csv', row 3, column 'y': no label value"), e.getMessage());
        Table inf = Table.create("t", DoubleColumn.create("y", 1, Double.POSITIVE_INFINITY));
        assertEquals(2, assertThrows(DataValidationException.class, () -> Target.of(inf, "y")).row());
        Table nan = Table.create("t", StringColumn.create("y", "a", "NaN"));
        assertTrue(assertThrows(DataValidationException.class, () -> Target.of(nan, "y")).getMessage().contains("'NaN' is not a class label"));
        // an id column: "NaN" is an id like any other, but every row needs one
        assertEquals(List.of("NaN", "a"), Target.ids(nan, "y", "group").vocabulary().names());
        Table gap = Table.create("t", StringColumn.create("g", "a", ""));
        assertTrue(assertThrows(DataValidationException.class, () -> Target.ids(gap, "g", "group")).getMessage().contains("no group value"));
        assertThrows(DataValidationException.class, () -> Target.of(gap, "nope"));
    }

    @Test void savedCategoriesMatchByTheOneRule() {
        Table t = Table.create("t", DoubleColumn.create("x", 1, 2, 3));
        Target x = Target.categories(t, "x", "test");
        // an older file wrote "1.0" and sorted as text ("10" before "2"): positions still match by value
        int[] pos = x.positionsIn(List.of("2", "1.0", ""), "", -1);
        assertArrayEquals(new int[] {1, 0, -1, 2}, pos);
        assertEquals(3, x.missingCode());
    }

    @Test void aReadersDictionaryBecomesATarget() {
        Target t = Target.ofDictionary("preds.csv", "label", new int[] {0, 1, 0}, List.of("1.0", "0"), row -> row + 2L);
        assertEquals(List.of("0", "1"), t.vocabulary().names());
        assertArrayEquals(new int[] {1, 0, 1}, t.codes());
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> Target.ofDictionary("preds.csv", "label", new int[] {0, 1}, List.of("1", "nan"), row -> row + 2L));
        assertTrue(e.getMessage().startsWith("preds.csv:3, column 'label': 'nan' is not a class label"), e.getMessage());
    }
}
