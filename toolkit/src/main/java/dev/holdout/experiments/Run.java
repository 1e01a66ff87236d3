package dev.holdout.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One recorded training run: what was trained on what, how it went round by round, and where it stopped.
 *
 * <pre>{@code
 * Run r = Experiments.open(store).get(7);
 * r.metric();                         // "auc"
 * r.bestIteration();                  // 23
 * r.curve("validation:auc");          // the validation AUC after each round
 * r.finalMetric("validation", "auc"); // 0.912
 * }</pre>
 *
 * @param id              the run id (1, 2, ... in the order runs were recorded)
 * @param kind            {@value Experiments#TRAIN}, {@value Experiments#TUNE_TRIAL} or {@value Experiments#PIPELINE}
 * @param name            the job's name
 * @param parent          the tuning job folder or pipeline execution it belongs to (null for a plain train)
 * @param recordedAt      when it was recorded
 * @param trainedAt       when the job says it trained (its model card), or null
 * @param jobFolder       the job folder (absolute): the source of truth, the run is its summary
 * @param algorithm       xgboost or a Tribuo learner id
 * @param status          Completed or Failed
 * @param spec            the job spec (input/config/job.json)
 * @param hyperparameters the hyperparameters as the job used them
 * @param data            the data: per channel source, rows and fingerprint, and the split manifest's part fingerprints
 * @param metric          the eval metric of the learning curve (null without one)
 * @param direction       maximize or minimize
 * @param rounds          rounds trained (null for learners without rounds)
 * @param bestIteration   the 0-based best round
 * @param bestScore       the validation metric at the best round
 * @param stoppedEarly    whether early stopping ended training
 * @param history         per round: {@code {"round":0,"train:auc":...,"validation:auc":...}}
 * @param finalMetrics    part → metric → value
 * @param modelSha256     the digest of the job's model folder (links the run to registry versions of that model)
 */
public record Run(long id, String kind, String name, String parent, Instant recordedAt, String trainedAt, String jobFolder,
                  String algorithm, String status, ObjectNode spec, ObjectNode hyperparameters, ObjectNode data, String metric,
                  String direction, Integer rounds, Integer bestIteration, Double bestScore, Boolean stoppedEarly, ArrayNode history,
                  ObjectNode finalMetrics, String modelSha256) {

    /** The series of one history key ({@code train:auc}, {@code validation:logloss}), NaN where a round lacks it. */
    public double[] curve(String key) {
        double[] out = new double[history.size()];
        for (int i = 0; i < out.length; i++) {
            JsonNode v = history.get(i).get(key);
            out[i] = v == null || !v.isNumber() ? Double.NaN : v.asDouble();
        }
        return out;
    }

    /** The history keys (other than {@code round}), in order of appearance. */
    public List<String> curveKeys() {
        Set<String> keys = new LinkedHashSet<>();
        for (JsonNode row : history) row.fieldNames().forEachRemaining(k -> {
            if (!k.equals("round")) keys.add(k);
        });
        return new ArrayList<>(keys);
    }

    /** A final metric ({@code part} train/validation), NaN when the run has none. */
    public double finalMetric(String part, String metricName) {
        JsonNode v = finalMetrics.path(part).get(metricName);
        return v == null || !v.isNumber() ? Double.NaN : v.asDouble();
    }

    /** The final metrics as {@code part:metric} → value, in order. */
    public Map<String, Double> flatMetrics() {
        Map<String, Double> out = new LinkedHashMap<>();
        finalMetrics.fields().forEachRemaining(p -> p.getValue().fields().forEachRemaining(m -> {
            if (m.getValue().isNumber()) out.put(p.getKey() + ":" + m.getKey(), m.getValue().asDouble());
        }));
        return out;
    }

    /** The hyperparameters as text values, in order. */
    public Map<String, String> flatHyperparameters() {
        Map<String, String> out = new LinkedHashMap<>();
        hyperparameters.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return out;
    }

    /** Why the job failed (its {@code output/failure}), or null for a completed run. */
    public String failure() { return data.hasNonNull("failure") ? data.get("failure").asText() : null; }

    /** As {@code holdout experiments show --format json} prints it. */
    public ObjectNode toJson() {
        ObjectNode o = dev.holdout.io.StrictJson.mapper().createObjectNode();
        o.put("run", id);
        o.put("kind", kind);
        o.put("name", name);
        o.put("parent", parent);
        o.put("recorded_at", recordedAt.toString());
        o.put("trained_at", trainedAt);
        o.put("job_folder", jobFolder);
        o.put("algorithm", algorithm);
        o.put("status", status);
        o.put("metric", metric);
        o.put("direction", direction);
        o.put("rounds", rounds);
        o.put("best_iteration", bestIteration);
        o.put("best_score", bestScore);
        o.put("stopped_early", stoppedEarly);
        o.put("model_sha256", modelSha256);
        o.set("hyperparameters", hyperparameters);
        o.set("final", finalMetrics);
        o.set("data", data);
        o.set("spec", spec);
        o.set("history", history);
        return o;
    }

    @Override public String toString() { return "run " + id + " (" + kind + " " + name + ")"; }
}
