package dev.holdout.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one JSON reader: its syntax rules, and the field rules of JsonFields. */
class StrictJsonTest {
    @TempDir Path dir;

    private static String error(String json) {
        return assertThrows(DataValidationException.class, () -> StrictJson.object(json, "spec.json")).getMessage();
    }

    private static String fieldError(String json, java.util.function.Consumer<JsonFields> read) {
        JsonFields f = StrictJson.object(json, "spec.json");
        return assertThrows(DataValidationException.class, () -> read.accept(f)).getMessage();
    }

    @Test void syntaxErrorsNameTheFileAndLineAndSayWhatToDo() {
        assertEquals("spec.json:2: duplicate key 'a' (column 5): a key may appear once in an object, or one value is silently lost; remove one of the two",
                error("{\"a\": 1,\n \"a\": 2}"));
        assertTrue(error("{\"x\": {\"b\": 1, \"b\": 1}}").contains("duplicate key 'b'"), "nested objects too");
        assertTrue(error("{\"a\": 1} {\"b\": 2}").startsWith("spec.json:1: text after the end of the JSON value"));
        assertTrue(error("{\"a\": 1}}").startsWith("spec.json:1: text after the end of the JSON value"));
        assertTrue(error("{\"a\": 1} x").contains("spec.json:1:"));
        assertTrue(error("{\"a\": [1, 2}").contains("not valid JSON"));
        assertTrue(error("{\"a\": 1").contains("the JSON ends early"));
        assertTrue(error("{\"a\": NaN}").contains("not valid JSON"), "NaN is not JSON");
        assertTrue(error("{\"a\": 01}").contains("not valid JSON"), "leading zeros are not JSON");
        assertTrue(error("{/* c */ \"a\": 1}").contains("not valid JSON"), "comments are not JSON");
        assertTrue(error("{\"a\": 1,}").contains("not valid JSON"), "trailing commas are not JSON");
        assertTrue(error("[1]").contains("top level must be a JSON object"));
        assertTrue(error("").contains("the file is empty"));
        String message = error("{\"a\": 1} {\"b\": 2}");
        assertFalse(message.contains("com.fasterxml") || message.contains("Exception") || message.contains("JsonNode"), message);
    }

    @Test void filesAreReadAsStrictUtf8() throws Exception {
        Path f = dir.resolve("a.json");
        Files.write(f, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, '{', '"', 'a', '"', ':', '1', '}'});
        assertEquals(1, StrictJson.object(f, "config").longValue("a"), "a byte order mark is fine");
        Files.write(f, new byte[] {'{', '"', (byte) 0xE9, '"', ':', '1', '}'});
        assertTrue(assertThrows(DataValidationException.class, () -> StrictJson.object(f, "config")).getMessage().contains("not valid UTF-8"));
        assertEquals("config=" + dir.resolve("nope.json") + ": no such file; check the path",
                assertThrows(DataValidationException.class, () -> StrictJson.read(dir.resolve("nope.json"), "config")).getMessage());
        assertTrue(assertThrows(DataValidationException.class, () -> StrictJson.read(dir, "config")).getMessage().contains("is a folder"));
    }

    @Test void unknownKeysNameTheClosestAllowedOne() {
        String e = fieldError("{\"split\": {\"testsize\": 0.2}}", f -> f.object("split").allow("testSize", "seed"));
        assertEquals("split.testsize=0.2: unknown key in split; did you mean 'testSize'? valid keys are [testSize, seed]", e);
        assertTrue(fieldError("{\"zzz\": 1}", f -> f.allow("testSize")).contains("valid keys are [testSize]"));
    }

    @Test void wrongTypesNameTheFieldWhatItHoldsAndWhatItMustHold() {
        assertEquals("label=3: must be a string, not a whole number; write e.g. \"label\": \"...\" (in double quotes)",
                fieldError("{\"label\": 3}", f -> f.text("label")));
        assertEquals("seed=seven: must be a whole number (a JSON number or a string holding one), not a string; write e.g. \"seed\": 42",
                fieldError("{\"seed\": \"seven\"}", f -> f.longValue("seed", 0)));
        assertTrue(fieldError("{\"a\": [1]}", f -> f.doubleValue("a", 0)).startsWith("a=[1]: must be a number"));
        assertTrue(fieldError("{\"a\": \"yes\"}", f -> f.booleanValue("a", false)).startsWith("a=yes: must be true or false"));
        assertTrue(fieldError("{\"c\": [\"a\", 1]}", f -> f.texts("c")).startsWith("c[1]=1: must be a string"));
        assertTrue(fieldError("{\"o\": []}", f -> f.object("o")).startsWith("o=[]: must be a JSON object, not a list"));
        assertTrue(fieldError("{}", f -> f.text("label")).startsWith("label=missing: is required"));
        assertTrue(fieldError("{\"h\": {\"x\": null}}", f -> f.object("h").scalarTexts()).startsWith("h.x=null: must be a string, a number or true/false"));
        assertTrue(fieldError("{\"a\": \"NaN\"}", f -> f.doubleValue("a", 0)).startsWith("a=NaN: must be a number"));
        assertTrue(fieldError("{\"a\": 1e400}", f -> f.doubleValue("a", 0)).startsWith("a=1E+400: is too large"));
    }

    @Test void integersAreExactAndNeverClamped() {
        long big = (1L << 53) + 1;
        assertEquals(big, StrictJson.object("{\"s\": " + big + "}", "x").longValue("s"), "not through a double");
        assertEquals(big, StrictJson.object("{\"s\": \"" + big + "\"}", "x").longValue("s"));
        assertEquals(Long.MAX_VALUE, StrictJson.object("{\"s\": 9223372036854775807}", "x").longValue("s"));
        assertEquals(Long.MIN_VALUE, StrictJson.object("{\"s\": \"-9223372036854775808\"}", "x").longValue("s"));
        assertEquals(7, StrictJson.object("{\"s\": 7.0}", "x").longValue("s"), "7.0 is the whole number 7");
        assertTrue(fieldError("{\"s\": \"99999999999999999999\"}", f -> f.longValue("s")).startsWith(
                "s=99999999999999999999: does not fit in a 64-bit integer (-9223372036854775808 to 9223372036854775807)"));
        assertTrue(fieldError("{\"s\": 9223372036854775808}", f -> f.longValue("s")).contains("does not fit in a 64-bit integer"));
        assertTrue(fieldError("{\"s\": 2.5}", f -> f.longValue("s")).startsWith("s=2.5: must be a whole number"));
        assertTrue(fieldError("{\"s\": 3000000000}", f -> f.intValue("s")).startsWith("s=3000000000: is too large here"));
    }

    @Test void listsThatNameAColumnTwiceAreRefused() {
        assertEquals("features=[a, b, a]: lists 'a' twice; name each one once",
                fieldError("{\"features\": [\"a\", \"b\", \"a\"]}", f -> f.distinctTexts("features")));
        assertEquals(List.of(), StrictJson.object("{}", "x").distinctTexts("features"));
    }

    @Test void scalarTextsKeepEveryDigit() {
        Map<String, String> m = StrictJson.object("{\"a\": \"x\", \"b\": 1e2, \"c\": 12345678901234567890, \"d\": 0.10, \"e\": true}", "x")
                .scalarTexts();
        assertEquals(Map.of("a", "x", "b", "100", "c", "12345678901234567890", "d", "0.10", "e", "true"), m);
        assertEquals(List.of("a", "b", "c", "d", "e"), List.copyOf(m.keySet()), "file order");
    }

    @Property(tries = 200)
    void everyLongSurvivesAsANumberAndAsAString(@ForAll long v) {
        assertEquals(v, StrictJson.object("{\"v\": " + v + "}", "x").longValue("v"));
        assertEquals(v, StrictJson.object("{\"v\": \"" + v + "\"}", "x").longValue("v"));
        assertEquals(Long.toString(v), StrictJson.object("{\"v\": " + v + "}", "x").scalarTexts().get("v"));
    }

    @Test void writingIsIndentedAndReadsBack() {
        String json = StrictJson.pretty(Map.of("rows", 10));
        assertTrue(json.contains("\n"), json);
        assertEquals(10, StrictJson.object(json, "x").intValue("rows"));
    }
}
