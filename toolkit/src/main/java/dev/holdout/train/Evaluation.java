package dev.holdout.train;

import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Metric values of one model by data part ("train", "validation", "test"), computed with the
 * project's metrics registry (the same functions for every algorithm, so models compare side by
 * side).
 *
 * <pre>{@code
 * Evaluation e = result.evaluation();
 * e.get("validation", "auc");   // 0.912
 * }</pre>
 *
 * @param values part → metric name → value, in insertion order
 */
public record Evaluation(Map<String, Map<String, Double>> values) {

    public Evaluation {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>();
        values.forEach((k, v) -> copy.put(k, Collections.unmodifiableMap(new LinkedHashMap<>(v))));
        values = Collections.unmodifiableMap(copy);
    }

    public static Evaluation empty() { return new Evaluation(Map.of()); }

    /** A copy with one more part. */
    public Evaluation with(String part, Map<String, Double> metrics) {
        Map<String, Map<String, Double>> copy = new LinkedHashMap<>(values);
        copy.put(part, metrics);
        return new Evaluation(copy);
    }

    /**
     * The metric keys an evaluation of a model with {@code objective} reports (where the data defines them), as in
     * {@link TrainedModel#evaluate}: {@code metricKeys("binary:logistic")} is [accuracy, precision, recall, f1, roc_auc, log_loss].
     */
    public static List<String> metricKeys(String objective) {
        List<dev.holdout.metrics.Metric> list = switch (objective) {
            case Hyperparameters.BINARY_LOGISTIC -> ModelMetrics.BINARY;
            case Hyperparameters.MULTI_SOFTPROB -> {
                List<dev.holdout.metrics.Metric> m = new ArrayList<>(ModelMetrics.MULTICLASS);
                m.add(dev.holdout.metrics.Metric.LOG_LOSS);
                yield m;
            }
            default -> ModelMetrics.REGRESSION;
        };
        return list.stream().map(dev.holdout.metrics.Metric::key).toList();
    }

    /** The value, or NaN when the part or metric was not evaluated. */
    public double get(String part, String metric) {
        Map<String, Double> m = values.get(part);
        Double v = m == null ? null : m.get(metric);
        return v == null ? Double.NaN : v;
    }

    public Set<String> parts() { return values.keySet(); }

    /** Metric names over all parts, in first-seen order. */
    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        values.values().forEach(m -> names.addAll(m.keySet()));
        return new ArrayList<>(names);
    }

    /** A text table: one row per metric, one column per part. */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-12s", "metric"));
        for (String p : values.keySet()) sb.append(String.format(Locale.ROOT, "%12s", p));
        sb.append('\n');
        for (String m : metricNames()) {
            sb.append(String.format(Locale.ROOT, "%-12s", m));
            for (String p : values.keySet()) sb.append(String.format(Locale.ROOT, "%12.4f", get(p, m)));
            sb.append('\n');
        }
        return sb.toString();
    }

    public String toHtml() {
        List<String> header = new ArrayList<>();
        header.add("metric");
        header.addAll(values.keySet());
        List<List<?>> rows = new ArrayList<>();
        for (String m : metricNames()) {
            List<Object> row = new ArrayList<>();
            row.add(m);
            for (String p : values.keySet()) row.add(String.format(Locale.ROOT, "%.4f", get(p, m)));
            rows.add(row);
        }
        return Html.table(header, rows);
    }

    @Override public String toString() {
        return "Evaluation" + values;
    }
}
