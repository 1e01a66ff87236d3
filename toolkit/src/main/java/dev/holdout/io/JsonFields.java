package dev.holdout.io;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The fields of one JSON object, read strictly: a required field that is absent, a field of the wrong
 * type, an integer that does not fit, a key that is not allowed (with a "did you mean") — each is a
 * {@code param=value: rule; fix} error whose {@code param} is the field's path in the file
 * ({@code training.preprocessing.steps[1].columns}). An optional field that is absent or
 * {@code null} takes its default; one that is present is never silently replaced by a default.
 *
 * <pre>{@code
 * JsonFields split = root.object("split").allow("testSize", "folds", "seed");
 * double test = split.doubleValue("testSize", 0.2);
 * long seed = split.longValue("seed", 42);         // "seed": "99999999999999999999" -> split.seed=...: does not fit in a 64-bit integer
 * List<String> features = root.distinctTexts("features");   // ["a", "a"] -> features=[a, a]: lists 'a' twice
 * }</pre>
 *
 * <p>Numbers may be JSON numbers or strings holding exactly one number (SageMaker writes numbers as
 * strings); whole numbers must have no fraction and are exact to 64 bits; booleans are {@code true} /
 * {@code false} or those words as strings.
 */
public final class JsonFields {
    private final JsonNode node;
    private final String path;

    private JsonFields(JsonNode node, String path) {
        this.node = node;
        this.path = path;
    }

    /** The top-level object of a file; {@code where} names the file when the top level is not an object. */
    static JsonFields root(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw DataValidationException.at(where, -1, null, null, "the top level must be a JSON object {...}, not "
                    + typeOf(node) + "; wrap the settings in {}");
        }
        return new JsonFields(node, "");
    }

    /** Wraps {@code node}, an object at {@code path} ("" for a file's top level). */
    public static JsonFields of(JsonNode node, String path) {
        if (node == null || !node.isObject()) {
            throw DataValidationException.param(path.isEmpty() ? "json" : path, StrictJson.Values.show(node),
                    "must be a JSON object {...}, not " + typeOf(node), "write it as {\"key\": value, ...}");
        }
        return new JsonFields(node, path);
    }

    /** The object itself. */
    public JsonNode node() { return node; }

    /** Where this object is in its file ("" at the top level). */
    public String path() { return path; }

    /** The path of one field: {@code training.label}. */
    public String param(String key) { return path.isEmpty() ? key : path + "." + key; }

    /** The keys in file order. */
    public List<String> keys() {
        List<String> out = new ArrayList<>();
        node.fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** Whether {@code key} is present with a non-null value. */
    public boolean has(String key) { return node.hasNonNull(key); }

    /** The raw value, or null when absent. */
    public JsonNode get(String key) { return node.get(key); }

    /** Refuses keys outside {@code allowed}, naming the closest allowed one. Returns this, for chaining. */
    public JsonFields allow(String... allowed) { return allow(Arrays.asList(allowed)); }

    /** As {@link #allow(String...)}. */
    public JsonFields allow(Collection<String> allowed) {
        List<String> valid = List.copyOf(allowed);
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!valid.contains(k)) {
                String hint = Columns.closest(k, valid);
                throw DataValidationException.param(param(k), StrictJson.Values.show(node.get(k)), "unknown key" + (path.isEmpty() ? "" : " in " + path),
                        (hint != null ? "did you mean '" + hint + "'? " : "") + "valid keys are " + valid);
            }
        }
        return this;
    }

    // ---------------------------------------------------------------- text

    /** A required string. */
    public String text(String key) {
        return textOf(require(key), param(key));
    }

    /** An optional string; {@code fallback} when absent or null. */
    public String text(String key, String fallback) {
        return has(key) ? textOf(node.get(key), param(key)) : fallback;
    }

    private static String textOf(JsonNode v, String param) {
        if (v.isTextual()) return v.asText();
        throw wrongType(param, v, "a string", "\"...\" (in double quotes)");
    }

    /** An optional list of strings; empty when absent or null. */
    public List<String> texts(String key) {
        if (!has(key)) return List.of();
        JsonNode v = node.get(key);
        if (!v.isArray()) throw wrongType(param(key), v, "a list of strings", "[\"a\", \"b\"]");
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(textOf(v.get(i), param(key) + "[" + i + "]"));
        return out;
    }

    /** As {@link #texts}, but a value listed twice is an error (a column named twice in {@code features}). */
    public List<String> distinctTexts(String key) {
        List<String> out = texts(key);
        Set<String> seen = new LinkedHashSet<>();
        for (String s : out) {
            if (!seen.add(s)) {
                throw DataValidationException.param(param(key), StrictJson.Values.cut(out.toString(), 200), "lists '" + s + "' twice",
                        "name each one once");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- numbers

    /** A required whole number that fits in 64 bits, exactly. */
    public long longValue(String key) {
        return longOf(require(key), param(key));
    }

    /** An optional whole number; {@code fallback} when absent or null. */
    public long longValue(String key, long fallback) {
        return has(key) ? longOf(node.get(key), param(key)) : fallback;
    }

    /** A required whole number that fits in an {@code int}. */
    public int intValue(String key) {
        return intOf(require(key), param(key));
    }

    /** An optional whole number that fits in an {@code int}. */
    public int intValue(String key, int fallback) {
        return has(key) ? intOf(node.get(key), param(key)) : fallback;
    }

    /** An optional list of whole numbers that fit in an {@code int}; empty when absent or null. */
    public List<Integer> intValues(String key) {
        if (!has(key)) return List.of();
        JsonNode v = node.get(key);
        if (!v.isArray()) throw wrongType(param(key), v, "a list of whole numbers", "[1, 2, 3]");
        List<Integer> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) out.add(intOf(v.get(i), param(key) + "[" + i + "]"));
        return out;
    }

    /** A required finite number. */
    public double doubleValue(String key) {
        return doubleOf(require(key), param(key));
    }

    /** An optional finite number. */
    public double doubleValue(String key, double fallback) {
        return has(key) ? doubleOf(node.get(key), param(key)) : fallback;
    }

    /** An optional boolean. */
    public boolean booleanValue(String key, boolean fallback) {
        if (!has(key)) return fallback;
        JsonNode v = node.get(key);
        if (v.isBoolean()) return v.booleanValue();
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) return Boolean.parseBoolean(v.asText());
        throw wrongType(param(key), v, "true or false", "true");
    }

    /**
     * The exact decimal value of a number, or of a string holding one; null when {@code v} is neither.
     * Used for every numeric read, so "7", 7 and 7.0 are the same number and nothing goes through a double.
     */
    public static BigDecimal decimal(JsonNode v) {
        if (v == null) return null;
        if (v.isNumber()) return v.isIntegralNumber() ? new BigDecimal(v.bigIntegerValue()) : v.decimalValue();
        if (v.isTextual()) {
            String t = v.asText().strip();
            if (!t.isEmpty() && t.length() <= 400 && looksDecimal(t)) {
                try {
                    return new BigDecimal(t);
                } catch (NumberFormatException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /** Plain decimal syntax only (no NaN, Infinity, hex or a trailing 'd'), which BigDecimal then parses. */
    private static boolean looksDecimal(String t) {
        char c = t.charAt(0);
        return c == '-' || c == '+' || c == '.' || (c >= '0' && c <= '9');
    }

    static long longOf(JsonNode v, String param) {
        BigDecimal d = decimal(v);
        if (d == null) throw wrongType(param, v, "a whole number (a JSON number or a string holding one)", "42");
        return exactLong(d, param, StrictJson.Values.show(v));
    }

    /** {@code d} as a long, or an error: a fraction, or a value beyond 64 bits (never clamped). */
    public static long exactLong(BigDecimal d, String param, String shown) {
        if (d.signum() != 0 && d.stripTrailingZeros().scale() > 0) {
            throw DataValidationException.param(param, shown, "must be a whole number", "drop the fraction, e.g. " + d.setScale(0, java.math.RoundingMode.DOWN));
        }
        try {
            return d.longValueExact();
        } catch (ArithmeticException e) {
            throw DataValidationException.param(param, shown, "does not fit in a 64-bit integer (" + Long.MIN_VALUE + " to " + Long.MAX_VALUE + ")",
                    "use a smaller value");
        }
    }

    static int intOf(JsonNode v, String param) {
        long l = longOf(v, param);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw DataValidationException.param(param, StrictJson.Values.show(v), "is too large here (at most " + Integer.MAX_VALUE + ")",
                    "use a smaller value");
        }
        return (int) l;
    }

    static double doubleOf(JsonNode v, String param) {
        BigDecimal d = decimal(v);
        if (d == null) throw wrongType(param, v, "a number (a JSON number or a string holding one)", "0.5");
        double x = d.doubleValue();
        if (!Double.isFinite(x)) {
            throw DataValidationException.param(param, StrictJson.Values.show(v), "is too large for a number", "use a finite value");
        }
        return x;
    }

    // ---------------------------------------------------------------- objects and lists

    /** A required nested object. */
    public JsonFields object(String key) {
        JsonNode v = require(key);
        if (!v.isObject()) throw wrongType(param(key), v, "a JSON object", "{...}");
        return new JsonFields(v, param(key));
    }

    /** An optional nested object; null when absent or null. */
    public JsonFields optionalObject(String key) {
        return has(key) ? object(key) : null;
    }

    /** An optional list of objects; empty when absent or null. Elements are named {@code key[i]}. */
    public List<JsonFields> objects(String key) {
        if (!has(key)) return List.of();
        JsonNode v = node.get(key);
        if (!v.isArray()) throw wrongType(param(key), v, "a list of objects", "[{...}, {...}]");
        List<JsonFields> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            String p = param(key) + "[" + i + "]";
            if (!e.isObject()) throw wrongType(p, e, "a JSON object", "{...}");
            out.add(new JsonFields(e, p));
        }
        return out;
    }

    /**
     * Every field as exact text, in file order: strings as they are, numbers in plain decimal
     * ({@code 1e2} is "100", a 20-digit integer keeps its digits), booleans as {@code true}/{@code false}.
     * A list, an object or null is an error: these maps hold scalar settings (hyperparameters).
     */
    public Map<String, String> scalarTexts() {
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode v = e.getValue();
            String p = param(e.getKey());
            if (v.isTextual()) out.put(e.getKey(), v.asText());
            else if (v.isNumber()) out.put(e.getKey(), plain(decimal(v)));
            else if (v.isBoolean()) out.put(e.getKey(), Boolean.toString(v.booleanValue()));
            else throw wrongType(p, v, "a string, a number or true/false", "\"" + e.getKey() + "\": \"10\"");
        }
        return out;
    }

    /** A decimal without an exponent when that stays short (1e2 -> 100, 0.10 -> 0.10), else scientific. */
    static String plain(BigDecimal d) {
        return Math.abs((long) d.scale()) <= 400 ? d.toPlainString() : d.toString();
    }

    private JsonNode require(String key) {
        JsonNode v = node.get(key);
        if (v == null || v.isNull()) {
            throw DataValidationException.param(param(key), v == null ? "missing" : "null", "is required", "add \"" + key + "\" to "
                    + (path.isEmpty() ? "the file" : path));
        }
        return v;
    }

    /** A wrong type: which field, what it holds, what it must hold, and an example. */
    public static DataValidationException wrongType(String param, JsonNode v, String expected, String example) {
        String key = param.contains(".") ? param.substring(param.lastIndexOf('.') + 1) : param;
        return DataValidationException.param(param, StrictJson.Values.show(v), "must be " + expected + ", not " + typeOf(v),
                "write e.g. \"" + key.replaceAll("\\[\\d+]$", "") + "\": " + example);
    }

    static String typeOf(JsonNode v) {
        if (v == null || v.isMissingNode()) return "nothing";
        if (v.isNull()) return "null";
        if (v.isTextual()) return "a string";
        if (v.isIntegralNumber()) return "a whole number";
        if (v.isNumber()) return "a number";
        if (v.isBoolean()) return "a boolean";
        if (v.isArray()) return "a list";
        if (v.isObject()) return "an object";
        return v.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
    }

    @Override public String toString() { return (path.isEmpty() ? "(top level)" : path) + node; }
}
