package dev.holdout.metrics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What every metrics report offers: its values as an ordered map with snake_case keys (the JSON of
 * {@code holdout metrics}), warnings for metrics that could not be defined, and text and HTML
 * renderings that include the plain-words guide.
 *
 * <pre>{@code
 * MetricsReport r = RegressionReport.of(y, yhat, null);
 * r.toMap().get("rmse");   // 0.6124
 * r.toHtml();              // table + guide, for notebooks
 * }</pre>
 */
public sealed interface MetricsReport permits ClassificationReport, RegressionReport, SlicedReport {
    /** Keys in a fixed order; an undefined metric maps to null with its reason in {@code warnings}. */
    LinkedHashMap<String, Object> toMap();

    List<String> warnings();

    /** A full plain-text rendering: metrics, confidence intervals, warnings, then the guide to this task's metrics. */
    default String toText() { return toText(true); }

    /** The plain-text rendering, with or without the guide ({@code holdout metrics --no-guide}). */
    String toText(boolean guide);

    /** An HTML fragment for notebooks and reports, including the guide. */
    String toHtml();

    /** The metric values (non-null only), for code that wants numbers. */
    default Map<String, Double> values() {
        Map<String, Double> out = new LinkedHashMap<>();
        toMap().forEach((k, v) -> {
            if (v instanceof Double d) out.put(k, d);
        });
        return out;
    }

    static String fmt(Double v) {
        if (v == null) return "-";
        if (Double.isNaN(v)) return "nan";
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }

    static Direction directionOf(String key) {
        for (Metric m : Metric.values()) if (m.key().equals(key)) return m.direction();
        return null;
    }
}
