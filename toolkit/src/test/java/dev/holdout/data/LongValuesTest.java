package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** DataValidationException is the one place long values are cut for people to read; value() keeps the value. */
class LongValuesTest {
    @Test void aLongValueIsShownAsItsHeadAndLength() {
        String big = "x".repeat(10_000_000);
        DataValidationException e = DataValidationException.at("in.csv", 3, "score", big, "'" + big + "' is not a number");
        assertEquals("in.csv:3, column 'score': '" + "x".repeat(80) + "… (10000000 chars)' is not a number", e.getMessage());
        assertEquals(big, e.value(), "the value itself is kept for code");
        assertEquals("'" + "x".repeat(80) + "… (10000000 chars)' is not a number", e.problem());
        // relocating keeps the cut
        assertEquals("data.csv:9, column 'score': '" + "x".repeat(80) + "… (10000000 chars)' is not a number",
                e.relocate("data.csv", 9).getMessage());
    }

    @Test void paramAndAtRowCutTheirValuesToo() {
        String big = "y".repeat(5_000);
        assertEquals("seed=" + "y".repeat(80) + "… (5000 chars): must be an integer; pass e.g. 42",
                DataValidationException.param("seed", big, "must be an integer", "pass e.g. 42").getMessage());
        assertTrue(DataValidationException.atRow("t", 2, "c", big, "bad value " + big).getMessage().endsWith("… (5000 chars)"));
    }

    @Test void shortValuesAndShortMessagesAreUntouched() {
        assertEquals("abc", DataValidationException.shown("abc"));
        assertEquals("x".repeat(80), DataValidationException.shown("x".repeat(80)));
        assertEquals("max_depth=-1: must be >= 0; use 6", DataValidationException.param("max_depth", -1, "must be >= 0", "use 6").getMessage());
    }

    @Test void aLongMessageWithoutAKnownValueKeepsItsBeginningAndEnd() {
        // a did-you-mean over 100,000 column names, say: the location and the fix survive
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < 100_000; i++) names.append(i == 0 ? "" : ", ").append("c").append(i);
        String m = DataValidationException.readable("column=nope: no such column; columns are [" + names + "]; check the header", null);
        assertTrue(m.length() <= DataValidationException.MESSAGE_CHARS + 60, m.length() + " chars");
        assertTrue(m.startsWith("column=nope: no such column; columns are [c0, c1, c2"), m);
        assertTrue(m.endsWith("c99999]; check the header"), m);
        assertTrue(m.contains(" chars left out) … "), m);
    }

    @Test void aLongWordInALongMessageIsCutWhereItIs() {
        String m = DataValidationException.readable("Invalid value for option '--seed': '" + "9".repeat(3_000) + "' is not a long", null);
        assertEquals("Invalid value for option '--seed': '" + "9".repeat(79) + "… (3002 chars) is not a long", m);
    }

    @Test void aCharacterIsNeverSplitInTwo() {
        String emoji = "a".repeat(79) + "\uD83D\uDE00" + "b".repeat(100);   // a surrogate pair across the cut
        String shown = DataValidationException.shown(emoji);
        assertEquals("a".repeat(79) + "… (181 chars)", shown);
    }
}
