package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import tech.tablesaw.api.StringColumn;

/** A text column built at once from first-seen codes is the column Tablesaw builds by appending the values one by one. */
class TextColumnsTest {
    /** Distinct counts around each dictionary width's capacity: 254 (byte keys), 65,534 (short keys), beyond (int keys). */
    @Property(generation = net.jqwik.api.GenerationMode.EXHAUSTIVE)
    void buildsTheSameDictionaryAsAppending(@ForAll("distinct") int distinct, @ForAll @IntRange(min = 0, max = 3) int missingEvery,
                                            @ForAll("seeds") long seed) {
        SeededRandom r = new SeededRandom(seed);
        int rows = Math.max(distinct * 2, 50);
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) {
            boolean miss = missingEvery > 0 && r.nextInt(missingEvery + 2) == 0;
            values[i] = miss ? "" : "v" + (i < distinct ? i : r.nextInt(distinct));
        }
        Map<String, Integer> first = new LinkedHashMap<>();
        int[] codes = new int[rows + 7]; // longer than the rows: only the first rows count
        for (int i = 0; i < rows; i++) codes[i] = values[i].isEmpty() ? -1 : first.computeIfAbsent(values[i], k -> first.size());
        StringColumn built = TextColumns.of("c", codes, rows, new ArrayList<>(first.keySet()));
        StringColumn appended = StringColumn.create("c", values);
        assertEquals(appended.getDictionary().getClass(), built.getDictionary().getClass());
        if (!(appended.getDictionary() instanceof tech.tablesaw.columns.strings.NullDictionaryMap)) { // it has no equals: values compared below
            assertEquals(appended.getDictionary(), built.getDictionary(), "same keys, values, counts and next key");
        }
        assertEquals(appended.size(), built.size());
        for (int i = 0; i < rows; i++) {
            assertEquals(appended.get(i), built.get(i));
            assertEquals(appended.isMissing(i), built.isMissing(i));
        }
        assertEquals(appended.countUnique(), built.countUnique());
        assertEquals(appended.countMissing(), built.countMissing());
        // it keeps working as a column: appending a new and an old value, setting one
        built.append("fresh").append("v0");
        built.set(0, "other");
        assertEquals("fresh", built.get(rows));
        assertEquals("v0", built.get(rows + 1));
        assertEquals("other", built.get(0));
        assertTrue(built.isEqualTo("fresh").contains(rows));
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Integer> distinct() {
        return net.jqwik.api.Arbitraries.of(1, 2, 200, 254, 255, 256, 3000, 65_534, 65_535, 70_000);
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<Long> seeds() { return net.jqwik.api.Arbitraries.of(7L, 11L); }

    @net.jqwik.api.Example
    void anEmptyColumn() {
        StringColumn c = TextColumns.of("c", new int[0], 0, List.of());
        assertEquals(0, c.size());
        c.append("x");
        assertEquals("x", c.get(0));
    }
}
