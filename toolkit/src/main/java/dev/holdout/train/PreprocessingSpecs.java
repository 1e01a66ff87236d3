package dev.holdout.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
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
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The job spec's {@code "preprocessing"} node ↔ an unfitted {@link Preprocessor}. The parser is
 * strict ({@link JsonFields}: unknown keys and values are errors with the valid ones listed, a wrong
 * type names the field, a column listed twice is refused), and {@link #toJson} writes
 * the same schema back, so a saved job.json can be re-run.
 *
 * <pre>{@code
 * "preprocessing": {"steps": [
 *   {"step": "impute", "strategy": "median", "columns": ["temp_max"], "indicator": true},
 *   {"step": "standard_scaler", "columns": ["temp_max", "wind"]},
 *   {"step": "one_hot", "columns": ["weather"], "handle_unknown": "ignore", "min_frequency": 5},
 *   {"step": "target_encoder", "columns": ["airport"], "label": "damage", "folds": 5, "smooth": "auto", "seed": 0},
 *   {"step": "outliers", "columns": ["wind"], "method": "z_score", "factor": 3, "action": "flag"}]}
 * }</pre>
 */
public final class PreprocessingSpecs {
    private PreprocessingSpecs() {}

    static final List<String> KINDS = List.of("impute", "standard_scaler", "min_max_scaler", "robust_scaler", "one_hot",
            "ordinal", "target_encoder", "outliers", "log1p");

    /** The keys each step accepts (besides "step" and "columns"). */
    static final Map<String, List<String>> KEYS = Map.of(
            "impute", List.of("strategy", "value", "indicator"),
            "standard_scaler", List.of(),
            "min_max_scaler", List.of(),
            "robust_scaler", List.of(),
            "one_hot", List.of("handle_unknown", "unknown", "min_frequency"),
            "ordinal", List.of(),
            "target_encoder", List.of("label", "folds", "smooth", "seed"),
            "outliers", List.of("method", "factor", "action"),
            "log1p", List.of());

    static final List<String> STRATEGIES = List.of("mean", "median", "most_frequent", "constant");
    static final List<String> UNKNOWN = List.of("error", "ignore", "infrequent");
    static final List<String> METHODS = List.of("iqr", "z_score");
    static final List<String> ACTIONS = List.of("clip", "flag");

    /** The {@code "preprocessing"} node at the top level of a job spec; null means no preprocessing. */
    static Preprocessor fromJson(JsonNode node) {
        return node == null || node.isNull() ? Preprocessor.of() : fromJson(JsonFields.of(node, "preprocessing"));
    }

    /** A {@code "preprocessing"} object ({@code {"steps": [...]}}); null means no preprocessing. */
    public static Preprocessor fromJson(JsonFields node) {
        if (node == null) return Preprocessor.of();
        node.allow("steps");
        if (!node.has("steps")) {
            throw DataValidationException.param(node.param("steps"), "missing", "the preprocessing needs a \"steps\" list", "e.g. {\"steps\": []}");
        }
        List<Step> steps = new ArrayList<>();
        for (JsonFields s : node.objects("steps")) steps.add(step(s));
        return Preprocessor.of(steps.toArray(new Step[0]));
    }

    private static Step step(JsonFields s) {
        String where = s.path();
        String kind = oneOf(s, "step", KINDS, null, "unknown preprocessing step");
        if (kind == null) throw DataValidationException.param(where + ".step", null, "the step kind is required", "steps are " + KINDS);
        List<String> allowed = new ArrayList<>(List.of("step", "columns"));
        allowed.addAll(KEYS.get(kind));
        s.allow(allowed);
        List<String> list = s.distinctTexts("columns");
        if (list.isEmpty()) {
            throw DataValidationException.param(where + ".columns", s.has("columns") ? "[]" : "missing", "a non-empty list of columns is required",
                    "e.g. \"columns\": [\"wind\"]");
        }
        String[] cols = list.toArray(new String[0]);
        switch (kind) {
            case "impute": {
                String strategy = oneOf(s, "strategy", STRATEGIES, "median", "unknown imputer strategy");
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
                        if (v == null || v.isNull()) yield Imputer.constant("missing_value", cols);
                        if (v.isNumber()) yield Imputer.constant(s.doubleValue("value"), cols);
                        if (v.isTextual()) yield Imputer.constant(v.asText(), cols);
                        throw JsonFields.wrongType(where + ".value", v, "a number or a string", "0");
                    }
                };
                return s.booleanValue("indicator", false) ? im.withIndicator() : im;
            }
            case "standard_scaler": return StandardScaler.of(cols);
            case "min_max_scaler": return MinMaxScaler.of(cols);
            case "robust_scaler": return RobustScaler.of(cols);
            case "one_hot": {
                // scikit-learn's key; "unknown" is the older name, kept as an alias
                if (s.has("handle_unknown") && s.has("unknown")) {
                    throw DataValidationException.param(s.param("unknown"), s.get("unknown").asText(), "is the older name of handle_unknown, "
                            + "which is given too", "keep only \"handle_unknown\"");
                }
                String key = s.has("unknown") ? "unknown" : "handle_unknown";
                OneHotEncoder e = OneHotEncoder.of(cols)
                        .onUnknown(UnknownPolicy.valueOf(oneOf(s, key, UNKNOWN, "error", "unknown policy").toUpperCase(Locale.ROOT)));
                if (s.has("min_frequency")) e = e.minFrequency(s.intValue("min_frequency"));
                return e;
            }
            case "ordinal": return OrdinalEncoder.of(cols);
            case "target_encoder": {
                if (!s.has("label")) {
                    throw DataValidationException.param(where + ".label", "missing", "a target encoder needs the label column", "add \"label\": \"<target>\"");
                }
                TargetEncoder t = TargetEncoder.of(cols).label(s.text("label"));
                if (s.has("seed")) t = t.seed(s.longValue("seed"));
                if (s.has("folds")) t = t.folds(s.intValue("folds"));
                if (s.has("smooth")) {
                    JsonNode m = s.get("smooth");
                    if (m.isTextual() && "auto".equals(m.asText())) {
                        // the default: learned from the data
                    } else if (JsonFields.decimal(m) != null) {
                        t = t.smooth(s.doubleValue("smooth"));
                    } else {
                        throw DataValidationException.param(where + ".smooth", m, "must be \"auto\" or a number >= 0", "e.g. \"smooth\": 10");
                    }
                }
                return t;
            }
            case "outliers": {
                String method = oneOf(s, "method", METHODS, "iqr", "unknown outlier method");
                OutlierHandler o = method.equals("z_score") ? OutlierHandler.zScore(cols) : OutlierHandler.iqr(cols);
                if (s.has("factor")) o = o.factor(s.doubleValue("factor"));
                return oneOf(s, "action", ACTIONS, "clip", "unknown outlier action").equals("flag") ? o.flag() : o.clip();
            }
            default: return LogTransform.log1p(cols);
        }
    }

    /** A lower-case string value that must be one of {@code valid}; {@code fallback} when absent. */
    private static String oneOf(JsonFields s, String key, List<String> valid, String fallback, String rule) {
        JsonNode v = s.get(key);
        if (v == null || v.isNull()) return fallback;
        String text = v.isTextual() ? v.asText().toLowerCase(Locale.ROOT) : v.toString();
        if (v.isTextual() && valid.contains(text)) return text;
        String close = Columns.closest(text, valid);
        throw DataValidationException.param(s.param(key), v.isTextual() ? v.asText() : v, rule,
                (close != null ? "did you mean '" + close + "'? " : "") + "valid values are " + valid);
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
                n.put("handle_unknown", e.unknown().name().toLowerCase(Locale.ROOT));
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
