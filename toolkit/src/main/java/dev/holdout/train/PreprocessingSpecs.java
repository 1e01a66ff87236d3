package dev.holdout.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.preprocess.Imputer;
import dev.holdout.preprocess.LogTransform;
import dev.holdout.preprocess.MinMaxScaler;
import dev.holdout.preprocess.OneHotEncoder;
import dev.holdout.preprocess.OrdinalEncoder;
import dev.holdout.preprocess.OutlierHandler;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.RobustScaler;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.preprocess.Step;
import dev.holdout.preprocess.TargetEncoder;
import dev.holdout.preprocess.UnknownPolicy;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The job spec's {@code "preprocessing"} node ↔ an unfitted {@link Preprocessor}. The parser is
 * strict (unknown keys and values are errors with the valid ones listed), and {@link #toJson} writes
 * the same schema back, so a saved job.json can be re-run.
 *
 * <pre>{@code
 * "preprocessing": {"steps": [
 *   {"step": "impute", "strategy": "median", "columns": ["temp_max"], "indicator": true},
 *   {"step": "standard_scaler", "columns": ["temp_max", "wind"]},
 *   {"step": "one_hot", "columns": ["weather"], "unknown": "ignore", "min_frequency": 5},
 *   {"step": "target_encoder", "columns": ["airport"], "label": "damage", "folds": 5, "smooth": "auto", "seed": 0},
 *   {"step": "outliers", "columns": ["wind"], "method": "z_score", "factor": 3, "action": "flag"}]}
 * }</pre>
 */
final class PreprocessingSpecs {
    private PreprocessingSpecs() {}

    static final List<String> KINDS = List.of("impute", "standard_scaler", "min_max_scaler", "robust_scaler", "one_hot",
            "ordinal", "target_encoder", "outliers", "log1p");

    /** The keys each step accepts (besides "step" and "columns"). */
    static final Map<String, List<String>> KEYS = Map.of(
            "impute", List.of("strategy", "value", "indicator"),
            "standard_scaler", List.of(),
            "min_max_scaler", List.of(),
            "robust_scaler", List.of(),
            "one_hot", List.of("unknown", "min_frequency"),
            "ordinal", List.of(),
            "target_encoder", List.of("label", "folds", "smooth", "seed"),
            "outliers", List.of("method", "factor", "action"),
            "log1p", List.of());

    static final List<String> STRATEGIES = List.of("mean", "median", "most_frequent", "constant");
    static final List<String> UNKNOWN = List.of("error", "ignore", "infrequent");
    static final List<String> METHODS = List.of("iqr", "z_score");
    static final List<String> ACTIONS = List.of("clip", "flag");

    static Preprocessor fromJson(JsonNode node) {
        if (node == null || node.isNull()) return Preprocessor.of();
        if (!node.isObject() || !node.path("steps").isArray()) {
            throw DataValidationException.param("preprocessing", node, "must be an object with a \"steps\" list", "e.g. {\"steps\": []}");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("steps")) throw DataValidationException.param("preprocessing." + k, node.get(k), "unknown key", "the only key is \"steps\"");
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode s : node.get("steps")) steps.add(step(s, "preprocessing.steps[" + i++ + "]"));
        return Preprocessor.of(steps.toArray(new Step[0]));
    }

    private static Step step(JsonNode s, String where) {
        if (!s.isObject()) throw DataValidationException.param(where, s, "a step must be an object", "e.g. {\"step\": \"standard_scaler\", \"columns\": [\"wind\"]}");
        String kind = oneOf(s, "step", where, KINDS, null, "unknown preprocessing step");
        if (kind == null) throw DataValidationException.param(where + ".step", null, "the step kind is required", "steps are " + KINDS);
        List<String> allowed = new ArrayList<>(List.of("step", "columns"));
        allowed.addAll(KEYS.get(kind));
        for (Iterator<String> it = s.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!allowed.contains(k)) {
                String close = Columns.closest(k, allowed);
                throw DataValidationException.param(where + "." + k, s.get(k), "unknown key for step " + kind,
                        (close != null ? "did you mean '" + close + "'? " : "") + "valid keys are " + allowed);
            }
        }
        String[] cols = columns(s, where);
        switch (kind) {
            case "impute": {
                String strategy = oneOf(s, "strategy", where, STRATEGIES, "median", "unknown imputer strategy");
                if (s.has("value") && !strategy.equals("constant")) {
                    throw DataValidationException.param(where + ".value", s.get("value"), "a fill value needs strategy=constant (strategy=" + strategy + ")",
                            "set \"strategy\": \"constant\" or drop \"value\"");
                }
                Imputer im = switch (strategy) {
                    case "mean" -> Imputer.mean(cols);
                    case "median" -> Imputer.median(cols);
                    case "most_frequent" -> Imputer.mostFrequent(cols);
                    default -> {
                        JsonNode v = s.get("value");
                        if (v == null) yield Imputer.constant("missing_value", cols);
                        if (v.isNumber()) yield Imputer.constant(v.asDouble(), cols);
                        if (v.isTextual()) yield Imputer.constant(v.asText(), cols);
                        throw DataValidationException.param(where + ".value", v, "must be a number or a string", "e.g. \"value\": 0");
                    }
                };
                return bool(s, "indicator", where) ? im.withIndicator() : im;
            }
            case "standard_scaler": return StandardScaler.of(cols);
            case "min_max_scaler": return MinMaxScaler.of(cols);
            case "robust_scaler": return RobustScaler.of(cols);
            case "one_hot": {
                OneHotEncoder e = OneHotEncoder.of(cols)
                        .onUnknown(UnknownPolicy.valueOf(oneOf(s, "unknown", where, UNKNOWN, "error", "unknown policy").toUpperCase(Locale.ROOT)));
                if (s.has("min_frequency")) e = e.minFrequency(integer(s, "min_frequency", where));
                return e;
            }
            case "ordinal": return OrdinalEncoder.of(cols);
            case "target_encoder": {
                if (!s.hasNonNull("label") || !s.get("label").isTextual()) {
                    throw DataValidationException.param(where + ".label", s.get("label"), "a target encoder needs the label column", "add \"label\": \"<target>\"");
                }
                TargetEncoder t = TargetEncoder.of(cols).label(s.get("label").asText());
                if (s.has("seed")) {
                    JsonNode seed = s.get("seed");
                    if (!seed.isIntegralNumber() || !seed.canConvertToLong()) {
                        throw DataValidationException.param(where + ".seed", seed, "must be a whole number", "e.g. \"seed\": 42");
                    }
                    t = t.seed(seed.asLong());
                }
                if (s.has("folds")) t = t.folds(integer(s, "folds", where));
                if (s.has("smooth")) {
                    JsonNode m = s.get("smooth");
                    if (m.isNumber()) t = t.smooth(m.asDouble());
                    else if (!"auto".equals(m.asText(null))) {
                        throw DataValidationException.param(where + ".smooth", m, "must be \"auto\" or a number >= 0", "e.g. \"smooth\": 10");
                    }
                }
                return t;
            }
            case "outliers": {
                String method = oneOf(s, "method", where, METHODS, "iqr", "unknown outlier method");
                OutlierHandler o = method.equals("z_score") ? OutlierHandler.zScore(cols) : OutlierHandler.iqr(cols);
                if (s.has("factor")) {
                    if (!s.get("factor").isNumber()) throw DataValidationException.param(where + ".factor", s.get("factor"), "must be a number", "e.g. \"factor\": 1.5");
                    o = o.factor(s.get("factor").asDouble());
                }
                return oneOf(s, "action", where, ACTIONS, "clip", "unknown outlier action").equals("flag") ? o.flag() : o.clip();
            }
            default: return LogTransform.log1p(cols);
        }
    }

    /** A lower-case string value that must be one of {@code valid}; {@code fallback} when absent. */
    private static String oneOf(JsonNode s, String key, String where, List<String> valid, String fallback, String rule) {
        JsonNode v = s.get(key);
        if (v == null || v.isNull()) return fallback;
        String text = v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : v.toString();
        if (v.isTextual() && valid.contains(text)) return text;
        String close = Columns.closest(text, valid);
        throw DataValidationException.param(where + "." + key, v.isTextual() ? v.asText() : v, rule,
                (close != null ? "did you mean '" + close + "'? " : "") + "valid values are " + valid);
    }

    private static int integer(JsonNode s, String key, String where) {
        JsonNode v = s.get(key);
        if (!v.canConvertToInt() || !v.isIntegralNumber()) {
            throw DataValidationException.param(where + "." + key, v, "must be a whole number", "e.g. \"" + key + "\": 5");
        }
        return v.asInt();
    }

    private static boolean bool(JsonNode s, String key, String where) {
        JsonNode v = s.get(key);
        if (v == null || v.isNull()) return false;
        if (!v.isBoolean()) throw DataValidationException.param(where + "." + key, v, "must be true or false", "e.g. \"" + key + "\": true");
        return v.asBoolean();
    }

    private static String[] columns(JsonNode s, String where) {
        JsonNode c = s.path("columns");
        if (!c.isArray() || c.isEmpty()) throw DataValidationException.param(where + ".columns", c, "a non-empty list of columns is required", "e.g. \"columns\": [\"wind\"]");
        String[] out = new String[c.size()];
        for (int i = 0; i < out.length; i++) {
            if (!c.get(i).isTextual()) throw DataValidationException.param(where + ".columns[" + i + "]", c.get(i), "must be a column name (a string)", "e.g. \"wind\"");
            out[i] = c.get(i).asText();
        }
        return out;
    }

    /**
     * The spec in the schema {@link #fromJson} reads (the fitted form is in preprocessor.json).
     * Options without a JSON key (a scaler's range or quantiles, the ordinal encoder's unknown value)
     * are written at their defaults.
     */
    static JsonNode toJson(Preprocessor p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        var arr = o.putArray("steps");
        for (Step s : p.steps()) {
            ObjectNode n = arr.addObject();
            if (s instanceof Imputer im) {
                n.put("step", "impute");
                n.put("strategy", im.strategy().name().toLowerCase(Locale.ROOT));
                if (im.strategy() == Imputer.Strategy.CONSTANT) {
                    // constant(text) fills numbers with 0; constant(number) fills text with "missing_value"
                    if ("missing_value".equals(im.fillText())) n.put("value", im.fillNumber());
                    else n.put("value", im.fillText());
                }
                if (im.indicator()) n.put("indicator", true);
            } else if (s instanceof StandardScaler) {
                n.put("step", "standard_scaler");
            } else if (s instanceof MinMaxScaler) {
                n.put("step", "min_max_scaler");
            } else if (s instanceof RobustScaler) {
                n.put("step", "robust_scaler");
            } else if (s instanceof OneHotEncoder e) {
                n.put("step", "one_hot");
                n.put("unknown", e.unknown().name().toLowerCase(Locale.ROOT));
                n.put("min_frequency", e.minFrequency());
            } else if (s instanceof OrdinalEncoder) {
                n.put("step", "ordinal");
            } else if (s instanceof TargetEncoder t) {
                n.put("step", "target_encoder");
                n.put("label", t.label());
                n.put("folds", t.folds());
                if (t.smoothing() == null) n.put("smooth", "auto");
                else n.put("smooth", t.smoothing());
                n.put("seed", t.seed());
            } else if (s instanceof OutlierHandler h) {
                n.put("step", "outliers");
                n.put("method", h.method().name().toLowerCase(Locale.ROOT));
                n.put("factor", h.factor());
                n.put("action", h.action().name().toLowerCase(Locale.ROOT));
            } else if (s instanceof LogTransform) {
                n.put("step", "log1p");
            }
            var cols = n.putArray("columns");
            s.columns().forEach(cols::add);
        }
        return o;
    }
}
