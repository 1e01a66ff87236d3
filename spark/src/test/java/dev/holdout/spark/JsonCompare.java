package dev.holdout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** JSON documents equal key for key, numbers to 1e-9 (relative above 1). */
final class JsonCompare {
    private JsonCompare() {}

    static JsonNode read(String json) {
        try {
            return dev.holdout.io.StrictJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    static void assertSame(JsonNode expected, JsonNode actual, String at) {
        if (expected.isNumber() && actual.isNumber()) {
            assertEquals(expected.asDouble(), actual.asDouble(), 1e-9 * Math.max(1, Math.abs(expected.asDouble())), at);
            return;
        }
        assertEquals(expected.getNodeType(), actual.getNodeType(), at);
        if (expected.isObject()) {
            assertEquals(iter(expected.fieldNames()), iter(actual.fieldNames()), at + ": keys");
            for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
                var e = it.next();
                assertSame(e.getValue(), actual.get(e.getKey()), at + "/" + e.getKey());
            }
        } else if (expected.isArray()) {
            assertEquals(expected.size(), actual.size(), at + ": length");
            for (int i = 0; i < expected.size(); i++) assertSame(expected.get(i), actual.get(i), at + "[" + i + "]");
        } else {
            assertEquals(expected, actual, at);
        }
    }

    static java.util.List<String> iter(Iterator<String> it) {
        java.util.List<String> l = new java.util.ArrayList<>();
        it.forEachRemaining(l::add);
        return l;
    }

}
