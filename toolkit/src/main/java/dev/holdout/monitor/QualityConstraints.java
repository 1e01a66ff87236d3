package dev.holdout.monitor;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.Direction;
import dev.holdout.metrics.Metric;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A model-quality {@code constraints.json}: per metric a {@code threshold} and a {@code comparison_operator}, under
 * {@code binary_classification_constraints} (or {@code multiclass_...}, {@code regression_...}). Suggested from a
 * quality baseline — the threshold is the baseline's value, {@code LessThanThreshold} for a metric where higher is
 * better, {@code GreaterThanThreshold} for an error — and editable; read strictly.
 *
 * <pre>{@code
 * QualityConstraints c = QualityConstraints.suggest(baselineQuality);
 * c.thresholds().get("f1");           // Threshold[threshold=0.72, operator=LessThanThreshold]
 * List<QualityConstraints.Violation> v = c.check(currentQuality);
 * }</pre>
 */
public record QualityConstraints(ModelQuality.ProblemType problemType, Map<String, Threshold> thresholds) {
    /** Model Monitor's comparison operators: the violation happens when the current value compares so to the threshold. */
    public enum Operator {
        LessThanThreshold, LessThanOrEqualToThreshold, GreaterThanThreshold, GreaterThanOrEqualToThreshold;

        boolean violated(double value, double threshold) {
            return switch (this) {
                case LessThanThreshold -> value < threshold;
                case LessThanOrEqualToThreshold -> value <= threshold;
                case GreaterThanThreshold -> value > threshold;
                case GreaterThanOrEqualToThreshold -> value >= threshold;
            };
        }
    }

    /** One metric's constraint. */
    public record Threshold(double threshold, Operator operator) {}

    /** One entry of a quality run's {@code constraint_violations.json}: {@code metric_name}, {@code constraint_check_type}, {@code description}. */
    public record Violation(String metricName, Operator checkType, String description) {}

    public QualityConstraints {
        thresholds = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(thresholds));
    }

    /** Which way a Model Monitor metric is better, from the project's one {@link Direction}. */
    static Direction direction(String metric) {
        String m = metric.replace("weighted_", "");
        return switch (m) {
            case "f0_5", "f2" -> Metric.F1.direction();
            case "auc" -> Metric.ROC_AUC.direction();
            case "true_positive_rate" -> Metric.RECALL.direction();
            case "true_negative_rate" -> Metric.SPECIFICITY.direction();
            // the complements of specificity and recall: lower is better
            case "false_positive_rate" -> opposite(Metric.SPECIFICITY.direction());
            case "false_negative_rate" -> opposite(Metric.RECALL.direction());
            default -> Metric.byName(m).direction();
        };
    }

    private static Direction opposite(Direction d) { return d == Direction.HIGHER_IS_BETTER ? Direction.LOWER_IS_BETTER : Direction.HIGHER_IS_BETTER; }

    /** The baseline's values as thresholds (the constant-classifier metrics are for comparison, not constraints). */
    public static QualityConstraints suggest(ModelQuality q) {
        Map<String, Threshold> t = new LinkedHashMap<>();
        for (Map.Entry<String, ModelQuality.MetricValue> e : q.metrics().entrySet()) {
            if (e.getKey().contains("best_constant") || !Double.isFinite(e.getValue().value())) continue;
            Operator op = direction(e.getKey()) == Direction.HIGHER_IS_BETTER ? Operator.LessThanThreshold : Operator.GreaterThanThreshold;
            t.put(e.getKey(), new Threshold(e.getValue().value(), op));
        }
        return new QualityConstraints(q.problemType(), t);
    }

    /** The violated constraints of a current quality. */
    public List<Violation> check(ModelQuality current) {
        if (current.problemType() != problemType) {
            throw DataValidationException.param("--problem-type", current.problemType(), "the quality baseline is " + problemType, "pass --problem-type " + problemType);
        }
        List<Violation> out = new ArrayList<>();
        for (Map.Entry<String, Threshold> e : thresholds.entrySet()) {
            ModelQuality.MetricValue v = current.metrics().get(e.getKey());
            if (v == null || !Double.isFinite(v.value())) continue;
            Threshold t = e.getValue();
            if (t.operator().violated(v.value(), t.threshold())) {
                out.add(new Violation(e.getKey(), t.operator(), String.format(Locale.ROOT, "Metric %s with %s +/- %s was %s '%s'", e.getKey(),
                        Report.num(v.value()), Report.num(v.standardDeviation()), t.operator(), Report.num(t.threshold()))));
            }
        }
        return out;
    }

    public String toJson() {
        Map<String, Object> block = new LinkedHashMap<>();
        for (Map.Entry<String, Threshold> e : thresholds.entrySet()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("threshold", e.getValue().threshold());
            m.put("comparison_operator", e.getValue().operator().name());
            block.put(e.getKey(), m);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("version", 0);
        root.put(problemType.constraintsKey(), block);
        return StrictJson.pretty(root) + "\n";
    }

    static String violationsJson(List<Violation> vs) {
        List<Object> out = new ArrayList<>();
        for (Violation v : vs) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("constraint_check_type", v.checkType().name());
            m.put("description", v.description());
            m.put("metric_name", v.metricName());
            out.add(m);
        }
        return StrictJson.pretty(Map.of("violations", out)) + "\n";
    }

    /** Reads a model-quality {@code constraints.json} strictly. */
    public static QualityConstraints read(Path file) {
        JsonFields root = StrictJson.object(file, "constraints");
        List<String> keys = new ArrayList<>(List.of("version"));
        for (ModelQuality.ProblemType p : ModelQuality.ProblemType.values()) keys.add(p.constraintsKey());
        root.allow(keys);
        ModelQuality.ProblemType type = null;
        for (ModelQuality.ProblemType p : ModelQuality.ProblemType.values()) {
            if (root.has(p.constraintsKey())) {
                if (type != null) throw DataValidationException.param(file.toString(), p.constraintsKey(), "a file holds the constraints of one problem type", "keep one block");
                type = p;
            }
        }
        if (type == null) {
            throw DataValidationException.at(file.toString(), -1, null, null, "has no binary_classification_constraints, multiclass_classification_constraints "
                    + "or regression_constraints; write it with holdout monitor quality-baseline");
        }
        JsonFields block = root.object(type.constraintsKey());
        Map<String, Threshold> t = new LinkedHashMap<>();
        for (String metric : block.keys()) {
            JsonFields m = block.object(metric).allow("threshold", "comparison_operator");
            try {
                direction(metric);
            } catch (DataValidationException e) {
                throw DataValidationException.param(m.path(), metric, "is not a model-quality metric", e.getMessage());
            }
            t.put(metric, new Threshold(m.doubleValue("threshold"), MonitorConfig.parse(Operator.class, m.text("comparison_operator"), m.param("comparison_operator"))));
        }
        return new QualityConstraints(type, t);
    }
}
