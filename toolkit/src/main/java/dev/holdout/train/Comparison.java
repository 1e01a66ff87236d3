package dev.holdout.train;

import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import tech.tablesaw.api.Table;

/**
 * Several algorithms trained by the same job spec (same channels, same preprocessing fitted on
 * train) and scored with the same metrics on the same part, side by side.
 *
 * <pre>{@code
 * Comparison c = Comparison.of(job, List.of(Algorithm.XGBOOST, Algorithm.LOGISTIC_REGRESSION, Algorithm.CART), "test", test);
 * c.get(Algorithm.XGBOOST, "roc_auc");   // 0.856
 * System.out.print(c.toTable());
 * }</pre>
 *
 * @param part    the name of the scored part ("validation", "test")
 * @param results algorithm → metric name → value, in the order trained
 */
public record Comparison(String part, Map<Algorithm, Map<String, Double>> results) {

    public Comparison {
        Map<Algorithm, Map<String, Double>> copy = new LinkedHashMap<>();
        results.forEach((a, m) -> copy.put(a, java.util.Collections.unmodifiableMap(new LinkedHashMap<>(m))));
        results = java.util.Collections.unmodifiableMap(copy);
    }

    /**
     * Trains {@code job} once per algorithm, in memory (no job folder), and evaluates each model on
     * {@code rows}. A Tribuo learner ignores XGBoost-only hyperparameters (see {@link Algorithm}).
     */
    public static Comparison of(TrainingJob job, List<Algorithm> algorithms, String part, Table rows) {
        Map<Algorithm, Map<String, Double>> out = new LinkedHashMap<>();
        for (Algorithm a : algorithms) {
            TrainingJob j = job.withAlgorithm(a).withOutput(null);
            if (a != Algorithm.XGBOOST) j = j.withHyperparameters(h -> h.withEarlyStoppingRounds(0));
            out.put(a, j.run().model().evaluate(rows));
        }
        return new Comparison(part, out);
    }

    /** A copy with one more row (for a model already trained and evaluated elsewhere), placed first. */
    public Comparison withFirst(Algorithm algorithm, Map<String, Double> metrics) {
        Map<Algorithm, Map<String, Double>> copy = new LinkedHashMap<>();
        copy.put(algorithm, metrics);
        results.forEach(copy::putIfAbsent);
        return new Comparison(part, copy);
    }

    public double get(Algorithm algorithm, String metric) {
        Map<String, Double> m = results.get(algorithm);
        Double v = m == null ? null : m.get(metric);
        return v == null ? Double.NaN : v;
    }

    public List<String> metricNames() {
        Set<String> names = new LinkedHashSet<>();
        results.values().forEach(m -> names.addAll(m.keySet()));
        return new ArrayList<>(names);
    }

    /** One row per algorithm, one column per metric. */
    public String toTable() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-22s", part));
        for (String m : metricNames()) sb.append(String.format(Locale.ROOT, "%11s", m));
        sb.append('\n');
        for (var e : results.entrySet()) {
            sb.append(String.format(Locale.ROOT, "%-22s", e.getKey().id()));
            for (String m : metricNames()) sb.append(String.format(Locale.ROOT, "%11.4f", get(e.getKey(), m)));
            sb.append('\n');
        }
        return sb.toString();
    }

    public String toHtml() {
        List<String> header = new ArrayList<>();
        header.add("algorithm (" + part + ")");
        header.addAll(metricNames());
        List<List<?>> rows = new ArrayList<>();
        for (Algorithm a : results.keySet()) {
            List<Object> row = new ArrayList<>();
            row.add(a.id());
            for (String m : metricNames()) row.add(String.format(Locale.ROOT, "%.4f", get(a, m)));
            rows.add(row);
        }
        return Html.table(header, rows);
    }

    @Override public String toString() {
        return "Comparison[" + part + ", " + results + "]";
    }
}
