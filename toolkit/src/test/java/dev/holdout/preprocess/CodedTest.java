package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** The primitive codes of numeric category columns name exactly the categories the text path would. */
class CodedTest {
    private static void sameAsText(Table t, String name) {
        Coded coded = Coded.of(t, name, "test");
        String[] text = ColumnValues.categories(t, name, "test");
        assertEquals(text.length, coded.codes.length);
        for (int i = 0; i < text.length; i++) assertEquals(text[i], coded.values[coded.codes[i]], name + " row " + i);
        Set<String> distinct = new HashSet<>(java.util.List.of(coded.values));
        assertEquals(coded.values.length, distinct.size(), "one code per category text");
        assertEquals(new HashSet<>(java.util.List.of(text)), distinct);
        for (int v = 0; v < coded.values.length; v++) assertEquals(coded.values[v], text[coded.firstRowOf(v)]);
    }

    @Property(tries = 50)
    void numericCodesMatchTheTextCategories(@ForAll @IntRange(min = 0, max = 300) int rows, @ForAll long seed) {
        Random r = new Random(seed);
        IntColumn ints = IntColumn.create("i");
        LongColumn longs = LongColumn.create("l");
        DoubleColumn doubles = DoubleColumn.create("d");
        for (int k = 0; k < rows; k++) {
            if (r.nextInt(10) == 0) ints.appendMissing(); else ints.append(r.nextInt(12) - 3);
            if (r.nextInt(10) == 0) longs.appendMissing(); else longs.append((r.nextBoolean() ? 1L << 60 : 0) + r.nextInt(5));
            if (r.nextInt(10) == 0) doubles.appendMissing(); else doubles.append(r.nextInt(6) * 0.5 - (r.nextInt(20) == 0 ? 0.0 : 1));
        }
        Table t = Table.create("t", ints, longs, doubles);
        sameAsText(t, "i");
        sameAsText(t, "l");
        sameAsText(t, "d");
    }

    @Test void firstAppearanceOrder() {
        Table t = Table.create("t", IntColumn.create("i", new int[] {30, 10, 30, 20}));
        Coded c = Coded.of(t, "i", "test");
        assertEquals(java.util.List.of("30", "10", "20"), java.util.List.of(c.values));
        assertEquals(java.util.List.of(0, 1, 0, 2), java.util.Arrays.stream(c.codes).boxed().toList());
    }
}
