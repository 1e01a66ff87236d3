package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The one label coding: the order rule, "1" vs "1.0", what is never a label, and the invariances. */
class LabelVocabularyTest {

    @Test void numbersInNumericOrderThenTextInCodePointOrder() {
        LabelVocabulary v = LabelVocabulary.of(List.of("b", "10", "2", "-3.5", "a", "B", "0.25", "1e3"));
        assertEquals(List.of("-3.5", "0.25", "2", "10", "1000", "B", "a", "b"), v.names());
        assertFalse(v.numeric());
        assertTrue(LabelVocabulary.of("10", "2").numeric());
        assertEquals(List.of("2", "10"), LabelVocabulary.of("10", "2").names(), "not text order, where \"10\" < \"2\"");
        // code points, not UTF-16 units: U+FFFF comes before U+1F600 (whose first UTF-16 unit, 0xD83D, is smaller)
        String high = "\uFFFF", emoji = "\uD83D\uDE00";
        assertTrue(emoji.compareTo(high) < 0, "String.compareTo orders by UTF-16 units");
        assertEquals(List.of(high, emoji), LabelVocabulary.of(emoji, high).names());
    }

    @Test void oneAndOnePointZeroAreOneLabel() {
        LabelVocabulary v = LabelVocabulary.of("1", "1.0", "+1", "1e0", "01", "1.000");
        assertEquals(List.of("1"), v.names());
        for (String s : List.of("1", "1.0", "1.00", "+1", "10e-1", " 1 ")) assertEquals(0, v.codeOf(s), s);
        assertEquals(0, v.codeOfNumber(1.0));
        assertEquals(List.of("0", "1.5"), LabelVocabulary.of("1.50", "0.0", "-0", "1.5").names());
        assertEquals(LabelVocabulary.of("0", "1"), LabelVocabulary.ofNumbers(1.0, 0.0, -0.0));
        assertEquals(LabelVocabulary.of("0", "1"), LabelVocabulary.ofInts(1, 0, 1));
        // text that merely looks like a number to Double.parseDouble stays text
        assertEquals(List.of("0x10", "1d", "1f"), LabelVocabulary.of("1d", "0x10", "1f").names());
    }

    @Test void numbersAreExactNotRoundedThroughADouble() {
        LabelVocabulary v = LabelVocabulary.of("99999999999999999999", "99999999999999999998", "0.1", "0.1000000000000000055511151231257827");
        assertEquals(4, v.size(), "distinct decimals are distinct labels even when their doubles are equal");
        assertEquals(List.of("0.1", "0.1000000000000000055511151231257827", "99999999999999999998", "99999999999999999999"), v.names());
        assertEquals(0, v.codeOfNumber(0.1));
        assertEquals(-1, v.codeOfNumber(1e20));
    }

    @Test void missingNanAndInfinityAreNeverLabels() {
        for (String bad : new String[] {null, "", "  ", "NaN", "nan", "-NaN", "inf", "-Infinity", "+inf", "1e400", "-1E999"}) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> LabelVocabulary.of(java.util.Arrays.asList("0", bad)));
            assertTrue(e.getMessage().startsWith("label="), e.getMessage());
            assertTrue(LabelVocabulary.whyNotALabel(bad) != null, String.valueOf(bad));
        }
        assertThrows(DataValidationException.class, () -> LabelVocabulary.ofNumbers(0, Double.NaN));
        assertThrows(DataValidationException.class, () -> LabelVocabulary.ofNumbers(Double.POSITIVE_INFINITY));
        // as categories of a feature, the words are text (a code "INF"), and a missing value is still refused
        assertEquals(List.of("INF", "NaN"), LabelVocabulary.ofCategories(List.of("NaN", "INF")).names());
        assertThrows(DataValidationException.class, () -> LabelVocabulary.ofCategories(java.util.Arrays.asList("a", null)));
    }

    @Test void lookupsAndErrorsNameTheLabels() {
        LabelVocabulary v = LabelVocabulary.of("spam", "ham");
        assertEquals(1, v.code("spam", "positive"));
        DataValidationException e = assertThrows(DataValidationException.class, () -> v.code("eggs", "positive"));
        assertEquals("positive=eggs: is not one of the labels [ham, spam]; pick one of [ham, spam]", e.getMessage());
        assertEquals(-1, v.codeOf("eggs"));
        assertTrue(Double.isNaN(v.number(0)));
        assertArrayEquals(new int[] {1, 0, 1}, v.encode(new String[] {"spam", "ham", "spam"}));
        assertThrows(DataValidationException.class, () -> v.encode(new String[] {"spam", "eggs"}));
        assertArrayEquals(new int[] {1, 0}, LabelVocabulary.ofInts(3, 7).encode(new int[] {7, 3}));
    }

    @Test void aReadersFirstSeenDictionaryPlugsIn() {
        LabelVocabulary v = LabelVocabulary.of("10", "b", "2");
        assertArrayEquals(new int[] {2, 1, 2, 0}, v.recode(new int[] {0, 1, 0, 2}, List.of("b", "10", "2")));
        assertArrayEquals(new int[] {0}, LabelVocabulary.of("1").recode(new int[] {0}, List.of("1.0")));
        assertThrows(DataValidationException.class, () -> v.recode(new int[] {0}, List.of("c")));
    }

    // ---------------------------------------------------------------- properties

    @Provide Arbitrary<List<String>> labels() {
        Arbitrary<String> one = Arbitraries.oneOf(
                Arbitraries.integers().between(-20, 20).map(String::valueOf),
                Arbitraries.integers().between(-20, 20).map(i -> i + ".0"),
                Arbitraries.doubles().between(-5, 5).ofScale(2).map(d -> BigDecimal.valueOf(d).toPlainString()),
                Arbitraries.of("a", "b", "B", "spam", "ham", "é", "10a", "\uD83D\uDE00", "NA"));
        return one.list().ofMinSize(1).ofMaxSize(40);
    }

    @Property(tries = 300)
    void theOrderNeverDependsOnTheOrderOfTheRows(@ForAll("labels") List<String> rows, @ForAll Random random) {
        List<String> shuffled = new ArrayList<>(rows);
        Collections.shuffle(shuffled, random);
        assertEquals(LabelVocabulary.of(rows), LabelVocabulary.of(shuffled));
        // and coding commutes with permuting rows
        LabelVocabulary v = LabelVocabulary.of(rows);
        int[] codes = v.encode(rows.toArray(new String[0]));
        int[] perm = new int[rows.size()];
        for (int i = 0; i < perm.length; i++) perm[i] = i;
        for (int i = perm.length - 1; i > 0; i--) { int j = random.nextInt(i + 1); int t = perm[i]; perm[i] = perm[j]; perm[j] = t; }
        String[] permuted = new String[perm.length];
        for (int i = 0; i < perm.length; i++) permuted[i] = rows.get(perm[i]);
        int[] permutedCodes = v.encode(permuted);
        for (int i = 0; i < perm.length; i++) assertEquals(codes[perm[i]], permutedCodes[i]);
    }

    @Property(tries = 300)
    void theOrderRule(@ForAll("labels") List<String> rows) {
        LabelVocabulary v = LabelVocabulary.of(rows);
        for (int c = 1; c < v.size(); c++) {
            boolean a = v.isNumber(c - 1), b = v.isNumber(c);
            assertFalse(!a && b, "numbers come before text: " + v);
            if (a && b) assertTrue(new BigDecimal(v.name(c - 1)).compareTo(new BigDecimal(v.name(c))) < 0, v.toString());
            if (!a && !b) assertTrue(LabelVocabulary.TEXT_ORDER.compare(v.name(c - 1), v.name(c)) < 0, v.toString());
        }
        // every row's label has a code, and labels of equal value share it
        for (String s : rows) assertEquals(s.equals(v.name(v.codeOf(s))) || DecimalText.isNumber(s), true, s);
        for (String s : rows) for (String t : rows) {
            BigDecimal x = DecimalText.parse(s), y = DecimalText.parse(t);
            boolean same = x != null && y != null ? x.compareTo(y) == 0 : s.equals(t);
            assertEquals(same, v.codeOf(s) == v.codeOf(t), s + " vs " + t);
        }
    }

    @Property(tries = 200)
    void recodingAFirstSeenDictionaryEqualsEncodingTheStrings(@ForAll("labels") List<String> rows) {
        Map<String, Integer> first = new LinkedHashMap<>();
        int[] firstSeen = new int[rows.size()];
        for (int i = 0; i < firstSeen.length; i++) firstSeen[i] = first.computeIfAbsent(rows.get(i), k -> first.size());
        LabelVocabulary v = LabelVocabulary.of(first.keySet());
        assertArrayEquals(v.encode(rows.toArray(new String[0])), v.recode(firstSeen, new ArrayList<>(first.keySet())));
    }

    @Property(tries = 200)
    void unionIsTheSortedUnion(@ForAll("labels") List<String> a, @ForAll("labels") List<String> b) {
        List<String> both = new ArrayList<>(a);
        both.addAll(b);
        LabelVocabulary u = LabelVocabulary.of(a).union(LabelVocabulary.of(b));
        assertEquals(LabelVocabulary.of(both), u);
        assertEquals(u, LabelVocabulary.of(b).union(LabelVocabulary.of(a)));
    }

    /** Renaming the classes (any bijection, text or numbers) permutes the codes and changes nothing else. */
    @Property(tries = 200)
    void relabellingPermutesTheCodes(@ForAll @Size(min = 1, max = 30) List<@net.jqwik.api.constraints.IntRange(min = 0, max = 4) Integer> rows,
                                     @ForAll Random random) {
        List<String> names = new ArrayList<>(List.of("x", "7", "-2", "alpha", "1.5"));
        Collections.shuffle(names, random);
        String[] original = rows.stream().map(String::valueOf).toArray(String[]::new);
        String[] renamed = rows.stream().map(names::get).toArray(String[]::new);
        LabelVocabulary vo = LabelVocabulary.of(original), vr = LabelVocabulary.of(renamed);
        int[] co = vo.encode(original), cr = vr.encode(renamed);
        Map<Integer, Integer> mapping = new HashMap<>();
        for (int i = 0; i < co.length; i++) {
            Integer prior = mapping.putIfAbsent(co[i], cr[i]);
            assertTrue(prior == null || prior == cr[i], "a bijection of codes");
        }
        assertEquals(mapping.size(), new java.util.HashSet<>(mapping.values()).size());
    }
}
