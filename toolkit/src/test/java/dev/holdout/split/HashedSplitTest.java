package dev.holdout.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class HashedSplitTest {
    /** The documented definition, written out independently of KeyHash. */
    private static long reference(long seed, String... cells) {
        long h = seed ^ 0x9E3779B97F4A7C15L;
        for (String c : cells) {
            if (c == null) {
                h = mix(h ^ 0x5BD1E9955BD1E995L);
                continue;
            }
            byte[] b = c.getBytes(StandardCharsets.UTF_8);
            for (byte x : b) h = (h ^ (x & 0xFF)) * 0x100000001B3L;
            h = mix(h ^ b.length);
        }
        return h;
    }

    private static long mix(long k) {
        k = (k ^ (k >>> 33)) * 0xFF51AFD7ED558CCDL;
        k = (k ^ (k >>> 33)) * 0xC4CEB93FE53B12BAL;
        return k ^ (k >>> 33);
    }

    private static Table orders(int n, int idOffset) {
        StringColumn id = StringColumn.create("order_id");
        DoubleColumn amount = DoubleColumn.create("amount");
        for (int i = 0; i < n; i++) {
            id.append("o-" + (i + idOffset));
            amount.append((i * 37 % 101) / 4.0);
        }
        return Table.create("orders", id, amount);
    }

    @Test void theHashFollowsTheDocumentedDefinition() {
        KeyHash h = KeyHash.seeded(42);
        for (String s : new String[] {"a", "patient-17", "é€", "0"}) assertEquals(reference(42, s), h.of(s), s);
        assertEquals(reference(7, "x", null, "1.5"), KeyHash.seeded(7).of(new String[] {"x", "NA", "1.5"}), "NA is missing");
        assertEquals(h.of((String) null), h.of(" \t"), "blank is missing");
        assertNotEquals(h.of(new String[] {"ab", "c"}), h.of(new String[] {"a", "bc"}), "cell boundaries count");
        assertNotEquals(KeyHash.seeded(1).of("a"), KeyHash.seeded(2).of("a"), "the seed counts");
    }

    @Test void textOfTypedCells() {
        assertEquals("7", KeyHash.text(7.0));
        assertEquals("7", KeyHash.text(7L));
        assertEquals("0.1", KeyHash.text(0.1));
        assertEquals(null, KeyHash.text(Double.NaN));
        assertEquals("2024-01-31T08:00:00", KeyHash.text(java.time.LocalDateTime.of(2024, 1, 31, 8, 0)));
    }

    @Test void eachRowsPartDependsOnItsKeyAlone() {
        Table small = orders(400, 0);
        Table grown = orders(1200, 0);   // the same first 400 ids, then 800 more
        RandomSplit r = RandomSplit.create().test(0.2).validation(0.1).hashedBy("order_id").seed(11);
        Map<String, Part> before = partsById(r.split(small), small);
        Map<String, Part> after = partsById(r.split(grown), grown);
        for (var e : before.entrySet()) assertEquals(e.getValue(), after.get(e.getKey()), "row " + e.getKey() + " moved as data grew");
        Table reversed = grown.sortDescendingOn("order_id");
        assertEquals(after, partsById(r.split(reversed), reversed), "row order does not matter");
        // each part is about its share (binomial: 1200 rows, sd of the test share ~ 0.012)
        Split s = r.split(grown);
        assertEquals(0.2, s.size(Part.TEST) / 1200.0, 0.05);
        assertEquals(0.1, s.size(Part.VALIDATION) / 1200.0, 0.04);
        assertEquals("hash", s.provenance().parameters().get("assign"));
        assertNotEquals(s.rows(Part.TEST), RandomSplit.create().test(0.2).validation(0.1).hashedBy("order_id").seed(12).split(grown).rows(Part.TEST));
    }

    @Test void growingValidationNeverChangesTest() {
        Table t = orders(500, 0);
        Split a = RandomSplit.create().test(0.2).hashedBy("order_id").split(t);
        Split b = RandomSplit.create().test(0.2).validation(0.3).hashedBy("order_id").split(t);
        assertEquals(a.rows(Part.TEST), b.rows(Part.TEST));
    }

    @Test void rowContentKeepsDuplicatesTogether() {
        Table t = orders(300, 0);
        Table doubled = t.copy().append(t);
        doubled.column("order_id");
        Split s = RandomSplit.create().test(0.3).hashedByRowContent().seed(5).split(doubled);
        for (int i = 0; i < 300; i++) {
            assertEquals(s.rows(Part.TEST).contains(i), s.rows(Part.TEST).contains(i + 300), "duplicate rows " + i);
        }
        assertTrue(s.size(Part.TEST) > 0 && s.size(Part.TEST) < 600);
    }

    @Test void hashedGroupsNeverStraddleParts() {
        StringColumn g = StringColumn.create("patient");
        for (int i = 0; i < 900; i++) g.append("p" + (i % 150));
        Table visits = Table.create("visits", g);
        Split s = GroupSplit.on("patient").test(0.25).hashed().seed(3).split(visits);
        Map<String, Part> seen = new HashMap<>();
        for (Part p : Part.values()) {
            for (int row : s.rows(p).toArray()) {
                Part before = seen.putIfAbsent(g.get(row), p);
                assertTrue(before == null || before == p, "group " + g.get(row) + " in two parts");
            }
        }
        assertEquals("group", s.provenance().strategy());
        // the group's part is the part of its value's hash
        assertEquals(KeyHash.part(KeyHash.position(KeyHash.seeded(3).of("p0")), 0.25, 0), seen.get("p0"));
    }

    @Test void refusesCountsAndMissingKeys() {
        Table t = orders(10, 0);
        DataValidationException counts = assertThrows(DataValidationException.class,
                () -> RandomSplit.create().test(3).hashedBy("order_id").split(t));
        assertTrue(counts.getMessage().contains("testSize=3") && counts.getMessage().contains("fractions"), counts.getMessage());
        t.stringColumn("order_id").set(4, "");
        DataValidationException missing = assertThrows(DataValidationException.class,
                () -> RandomSplit.create().test(0.2).hashedBy("order_id").split(t));
        assertTrue(missing.getMessage().contains("row 5") && missing.getMessage().contains("order_id"), missing.getMessage());
        assertThrows(DataValidationException.class, () -> RandomSplit.create().test(0.2).hashedBy("nope").split(orders(10, 0)));
    }

    private static Map<String, Part> partsById(Split s, Table t) {
        Map<String, Part> m = new HashMap<>();
        for (Part p : Part.values()) for (int row : s.rows(p).toArray()) m.put(t.stringColumn("order_id").get(row), p);
        return m;
    }
}
