package dev.holdout.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;

/**
 * A value in a condition or a {@code Fail} message: a literal, a pipeline parameter, or SageMaker's {@code JsonGet}
 * — a value read by path from an {@code Evaluation} step's property file once that step has run.
 *
 * <pre>{@code
 * 0.75                                                         // a literal (number, string, true/false)
 * {"parameter": "min_auc"}                                     // the run's value of parameter min_auc
 * {"json_get": {"step": "evaluate", "path": "metrics.roc_auc"}}
 * }</pre>
 */
public sealed interface Value permits Value.Literal, Value.Parameter, Value.JsonGet {

    /** A literal JSON scalar. */
    record Literal(JsonNode value) implements Value {}

    /** A pipeline parameter by name. */
    record Parameter(String name, String where) implements Value {}

    /** A value from a step's property file, by a dotted path ({@code metrics.roc_auc}). */
    record JsonGet(String step, String path, String where) implements Value {}

    /** Reads one value at {@code where} (e.g. {@code steps[4].conditions[0].left}). */
    static Value read(JsonNode v, String where) {
        if (v == null || v.isNull()) {
            throw DataValidationException.param(where, v == null ? "missing" : "null", "is required",
                    "give a number, a string, {\"parameter\": \"NAME\"} or {\"json_get\": {\"step\": \"STEP\", \"path\": \"metrics.roc_auc\"}}");
        }
        if (v.isNumber() || v.isTextual() || v.isBoolean()) return new Literal(v);
        if (v.isObject()) {
            JsonFields f = JsonFields.of(v, where).allow("parameter", "json_get");
            if (f.keys().size() != 1) {
                throw DataValidationException.param(where, v.toString(), "must have exactly one of parameter, json_get",
                        "write {\"parameter\": \"min_auc\"} or {\"json_get\": {...}}");
            }
            if (f.has("parameter")) return new Parameter(f.text("parameter"), f.param("parameter"));
            JsonFields g = f.object("json_get").allow("step", "path");
            return new JsonGet(g.text("step"), g.text("path"), g.path());
        }
        throw JsonFields.wrongType(where, v, "a number, a string, true/false or an object", "{\"parameter\": \"min_auc\"}");
    }

    /** How the value reads in a message before it is resolved. */
    default String describe() {
        if (this instanceof Literal l) return l.value().isTextual() ? "'" + l.value().asText() + "'" : l.value().toString();
        if (this instanceof Parameter p) return "parameter " + p.name();
        JsonGet g = (JsonGet) this;
        return g.step() + "." + g.path();
    }
}
