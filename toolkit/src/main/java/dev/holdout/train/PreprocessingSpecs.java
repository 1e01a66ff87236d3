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
import java.util.List;
import java.util.Locale;

/**
 * The job spec's {@code "preprocessing"} node ↔ an unfitted {@link Preprocessor}.
 *
 * <pre>{@code
 * "preprocessing": {"steps": [
 *   {"step": "impute", "strategy": "median", "columns": ["temp_max"]},
 *   {"step": "standard_scaler", "columns": ["temp_max", "wind"]},
 *   {"step": "one_hot", "columns": ["weather"], "unknown": "ignore"},
 *   {"step": "target_encoder", "columns": ["airport"], "label": "damage"}]}
 * }</pre>
 */
final class PreprocessingSpecs {
    private PreprocessingSpecs() {}

    static final List<String> KINDS = List.of("impute", "standard_scaler", "min_max_scaler", "robust_scaler", "one_hot",
            "ordinal", "target_encoder", "outliers", "log1p");

    static Preprocessor fromJson(JsonNode node) {
        if (node == null || node.isNull()) return Preprocessor.of();
        if (!node.isObject() || !node.path("steps").isArray()) {
            throw DataValidationException.param("preprocessing", node, "must be an object with a \"steps\" list", "e.g. {\"steps\": []}");
        }
        List<Step> steps = new ArrayList<>();
        int i = 0;
        for (JsonNode s : node.get("steps")) steps.add(step(s, "preprocessing.steps[" + i++ + "]"));
        return Preprocessor.of(steps.toArray(new Step[0]));
    }

    private static Step step(JsonNode s, String where) {
        String kind = s.path("step").asText("").toLowerCase(Locale.ROOT);
        String[] cols = columns(s, where);
        switch (kind) {
            case "impute": {
                String strategy = s.path("strategy").asText("median").toLowerCase(Locale.ROOT);
                Imputer im = switch (strategy) {
                    case "mean" -> Imputer.mean(cols);
                    case "median" -> Imputer.median(cols);
                    case "most_frequent" -> Imputer.mostFrequent(cols);
                    case "constant" -> s.path("value").isNumber() ? Imputer.constant(s.get("value").asDouble(), cols)
                            : Imputer.constant(s.path("value").asText("missing_value"), cols);
                    default -> throw DataValidationException.param(where + ".strategy", strategy, "unknown imputer strategy",
                            "use mean, median, most_frequent or constant");
                };
                return s.path("indicator").asBoolean(false) ? im.withIndicator() : im;
            }
            case "standard_scaler": return StandardScaler.of(cols);
            case "min_max_scaler": return MinMaxScaler.of(cols);
            case "robust_scaler": return RobustScaler.of(cols);
            case "one_hot": {
                OneHotEncoder e = OneHotEncoder.of(cols);
                if (s.has("unknown")) e = e.onUnknown(UnknownPolicy.valueOf(s.get("unknown").asText().toUpperCase(Locale.ROOT)));
                if (s.has("min_frequency")) e = e.minFrequency(s.get("min_frequency").asInt());
                return e;
            }
            case "ordinal": return OrdinalEncoder.of(cols);
            case "target_encoder": {
                if (!s.hasNonNull("label")) throw DataValidationException.param(where + ".label", null, "a target encoder needs the label column", "add \"label\": \"<target>\"");
                TargetEncoder t = TargetEncoder.of(cols).label(s.get("label").asText());
                if (s.has("seed")) t = t.seed(s.get("seed").asLong());
                return t;
            }
            case "outliers": return "z_score".equals(s.path("method").asText("iqr")) ? OutlierHandler.zScore(cols) : OutlierHandler.iqr(cols);
            case "log1p": return LogTransform.log1p(cols);
            default: {
                String close = Columns.closest(kind, KINDS);
                throw DataValidationException.param(where + ".step", kind, "unknown preprocessing step",
                        (close != null ? "did you mean '" + close + "'? " : "") + "steps are " + KINDS);
            }
        }
    }

    private static String[] columns(JsonNode s, String where) {
        JsonNode c = s.path("columns");
        if (!c.isArray() || c.isEmpty()) throw DataValidationException.param(where + ".columns", c, "a non-empty list of columns is required", "e.g. \"columns\": [\"wind\"]");
        String[] out = new String[c.size()];
        for (int i = 0; i < out.length; i++) out[i] = c.get(i).asText();
        return out;
    }

    /** A readable record of the spec for job.json and the model card (the fitted form is in preprocessor.json). */
    static JsonNode toJson(Preprocessor p) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        var arr = o.putArray("steps");
        for (Step s : p.steps()) {
            ObjectNode n = arr.addObject();
            n.put("step", s.toString());
            var cols = n.putArray("columns");
            s.columns().forEach(cols::add);
        }
        return o;
    }
}
