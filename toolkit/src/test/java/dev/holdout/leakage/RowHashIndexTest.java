package dev.holdout.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

class RowHashIndexTest {
    /** Every hash lists exactly its rows, ascending; an absent hash lists none. */
    @Property(tries = 50)
    void listsTheRowsOfEachHash(@ForAll @IntRange(min = 0, max = 500) int rows, @ForAll long seed) {
        Random r = new Random(seed);
        long[] h = new long[rows];
        for (int i = 0; i < rows; i++) h[i] = r.nextInt(Math.max(1, rows / 3)) * 0x100000001L;   // many repeats, clustered keys
        RowHashIndex ix = new RowHashIndex(h);
        for (int i = 0; i < rows; i++) {
            List<Integer> expected = new ArrayList<>();
            for (int j = 0; j < rows; j++) if (h[j] == h[i]) expected.add(j);
            List<Integer> got = new ArrayList<>();
            for (int j = ix.first(h[i]); j >= 0; j = ix.next(j)) got.add(j);
            assertEquals(expected, got);
        }
        assertEquals(-1, ix.first(-7));
    }
}
