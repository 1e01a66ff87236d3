package dev.holdout.tune;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.math.BigDecimal;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;

/**
 * Strict reading of optional fields of the tuning JSON: an absent (or null) field takes its default, but a
 * present one of the wrong type or format is an error naming {@code param=value}, the rule and the fix —
 * never a silent default (Jackson's {@code asInt()} turns {@code "seven"} into 0).
 *
 * <pre>{@code
 * long seed = StrictJson.optLong(config, "RandomSeed", "HyperParameterTuningJobConfig.RandomSeed", 0);
 * // {"RandomSeed": "seven"} -> HyperParameterTuningJobConfig.RandomSeed=seven: must be a whole number; e.g. 7
 * }</pre>
 *
 * <p>Numbers may be JSON numbers or strings holding exactly one number (SageMaker writes many numbers as
 * strings); whole numbers must have no fraction; booleans must be {@code true} or {@code false}.
 */
final class StrictJson {
    private StrictJson() {}

    static boolean present(JsonNode parent, String key) {
        return parent != null && parent.hasNonNull(key);
    }

    static double optDouble(JsonNode parent, String key, String param, double dflt) {
        if (!present(parent, key)) return dflt;
        JsonNode v = parent.get(key);
        if (v.isNumber()) return v.doubleValue();
        if (v.isTextual()) {
            try {
                double d = Double.parseDouble(v.asText().trim());
                if (Double.isFinite(d)) return d;
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw DataValidationException.param(param, show(v), "must be a number", "write a number, e.g. " + example(dflt));
    }

    static long optLong(JsonNode parent, String key, String param, long dflt) {
        if (!present(parent, key)) return dflt;
        JsonNode v = parent.get(key);
        try {
            BigDecimal d = v.isNumber() ? v.decimalValue() : v.isTextual() ? new BigDecimal(v.asText().trim()) : null;
            if (d != null) return d.longValueExact();
        } catch (NumberFormatException | ArithmeticException e) {
            // reported below
        }
        throw DataValidationException.param(param, show(v), "must be a whole number", "write a whole number, e.g. " + dflt);
    }

    static int optInt(JsonNode parent, String key, String param, int dflt) {
        long l = optLong(parent, key, param, dflt);
        if (l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
            throw DataValidationException.param(param, l, "is too large for a whole number here", "write e.g. " + dflt);
        }
        return (int) l;
    }

    static boolean optBoolean(JsonNode parent, String key, String param, boolean dflt) {
        if (!present(parent, key)) return dflt;
        JsonNode v = parent.get(key);
        if (v.isBoolean()) return v.booleanValue();
        if (v.isTextual() && (v.asText().equals("true") || v.asText().equals("false"))) return Boolean.parseBoolean(v.asText());
        throw DataValidationException.param(param, show(v), "must be true or false", "write true or false (JSON, no quotes)");
    }

    static String optText(JsonNode parent, String key, String param, String dflt) {
        if (!present(parent, key)) return dflt;
        JsonNode v = parent.get(key);
        if (v.isTextual()) return v.asText();
        throw DataValidationException.param(param, show(v), "must be a string", "write it in double quotes");
    }

    /** Rejects keys of {@code n} outside {@code keys}, with a "did you mean". */
    static void checkKeys(JsonNode n, List<String> keys, String prefix) {
        if (n == null || !n.isObject()) return;
        for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!keys.contains(k)) {
                String hint = Columns.closest(k, keys);
                throw DataValidationException.param(prefix + k, show(n.get(k)), "unknown key",
                        (hint != null ? "did you mean '" + prefix + hint + "'? " : "") + "valid keys are " + keys);
            }
        }
    }

    private static String show(JsonNode v) {
        return v.isTextual() ? v.asText() : v.toString();
    }

    private static String example(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? String.format(Locale.ROOT, "%.1f", d) : Double.toString(d);
    }
}
