package dev.holdout.metrics;

import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every regression metric for one set of predictions, with warnings and optional bootstrap
 * intervals. R² is null (with a warning) for fewer than two rows; explained variance of one row is
 * 1.0, as in scikit-learn (force_finite: both variances are 0).
 *
 * <pre>{@code
 * RegressionReport r = RegressionReport.of(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8}, null);
 * r.mse();   // 0.375
 * r.r2();    // 0.9486
 * }</pre>
 */
public record RegressionReport(int rows, boolean weighted, Double mse, Double rmse, Double mae, Double r2, Double mape,
                               Double medianAe, Double explainedVariance, Map<String, ConfidenceInterval> intervals,
                               List<String> warnings) implements MetricsReport {

    public RegressionReport {
        intervals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
        warnings = List.copyOf(warnings);
    }

    public static RegressionReport of(double[] truth, double[] predicted, double[] weights) {
        return of(truth, predicted, weights, null);
    }

    /** With bootstrap intervals when {@code bootstrap} is not null. */
    public static RegressionReport of(double[] truth, double[] predicted, double[] weights, Bootstrap.Spec bootstrap) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        Checks.weights(weights, truth.length);
        Checks.finite(truth, "truth");
        Checks.finite(predicted, "predicted");
        List<String> warnings = new ArrayList<>();
        LinkedHashMap<String, Double> v = values(truth, predicted, weights);
        if (truth.length < 2) {
            warnings.add("r2: not defined for fewer than two rows (scikit-learn returns NaN); explained_variance is 1.0 for one row"
                    + " (both variances are 0; scikit-learn force_finite)");
        }
        for (double y : truth) {
            if (Math.abs(y) < 1e-12) {
                warnings.add("mape: the truth contains values at or near 0, so MAPE is huge; prefer mae or rmse");
                break;
            }
        }
        if (truth.length >= 2 && isConstant(truth)) {
            warnings.add("r2, explained_variance: the truth is constant, so they are 1.0 for perfect predictions and 0.0 otherwise (scikit-learn force_finite)");
        }
        Map<String, ConfidenceInterval> intervals = Map.of();
        if (bootstrap != null) {
            intervals = Bootstrap.intervals(w -> values(truth, predicted, w), truth.length, weights, v, bootstrap);
        }
        return new RegressionReport(truth.length, weights != null, v.get("mse"), v.get("rmse"), v.get("mae"), v.get("r2"),
                v.get("mape"), v.get("median_ae"), v.get("explained_variance"), intervals, warnings);
    }

    private static boolean isConstant(double[] y) {
        for (double x : y) if (x != y[0]) return false;
        return true;
    }

    private static LinkedHashMap<String, Double> values(double[] t, double[] p, double[] w) {
        LinkedHashMap<String, Double> v = new LinkedHashMap<>();
        double mse = Regression.mse(t, p, w);
        v.put("mse", mse);
        v.put("rmse", Math.sqrt(mse));
        v.put("mae", Regression.mae(t, p, w));
        v.put("r2", t.length >= 2 ? Regression.r2(t, p, w) : null);
        v.put("mape", Regression.mape(t, p, w));
        v.put("median_ae", Regression.medianAbsoluteError(t, p, w));
        v.put("explained_variance", Regression.explainedVariance(t, p, w));
        return v;
    }

    @Override public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("task", "regression");
        out.put("rows", rows);
        if (weighted) out.put("weighted", true);
        out.put("mse", ClassificationReport.json(mse));
        out.put("rmse", ClassificationReport.json(rmse));
        out.put("mae", ClassificationReport.json(mae));
        out.put("r2", ClassificationReport.json(r2));
        out.put("mape", ClassificationReport.json(mape));
        out.put("median_ae", ClassificationReport.json(medianAe));
        out.put("explained_variance", ClassificationReport.json(explainedVariance));
        if (!intervals.isEmpty()) out.put("confidence_intervals", ClassificationReport.intervalsMap(intervals));
        out.put("warnings", warnings);
        return out;
    }

    private List<String[]> metricRows() {
        List<String[]> r = new ArrayList<>();
        String[] keys = {"mse", "rmse", "mae", "r2", "mape", "median_ae", "explained_variance"};
        Double[] vals = {mse, rmse, mae, r2, mape, medianAe, explainedVariance};
        for (int i = 0; i < keys.length; i++) {
            ConfidenceInterval ci = intervals.get(keys[i]);
            r.add(new String[] {keys[i], MetricsReport.fmt(vals[i]), MetricsReport.directionOf(keys[i]).word(),
                    ci == null ? "" : String.format(java.util.Locale.ROOT, "[%.4g, %.4g]", ci.lower(), ci.upper())});
        }
        return r;
    }

    private String header() {
        return "Regression: " + rows + " rows" + (weighted ? " (weighted)" : "");
    }

    @Override public String toText(boolean guide) {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        boolean ci = !intervals.isEmpty();
        sb.append(String.format("  %-20s %-12s %-8s%s%n", "metric", "value", "better", ci ? "  interval" : ""));
        for (String[] r : metricRows()) sb.append(String.format("  %-20s %-12s %-8s%s%n", r[0], r[1], r[2], ci ? "  " + r[3] : ""));
        if (ci) {
            ConfidenceInterval any = intervals.values().iterator().next();
            sb.append(String.format(java.util.Locale.ROOT, "Intervals: %.0f%% percentile bootstrap, %d resamples, seed %d%n",
                    any.confidence() * 100, any.resamples(), any.seed()));
        }
        if (!warnings.isEmpty()) {
            sb.append("Warnings:\n");
            for (String w : warnings) sb.append("  - ").append(w).append('\n');
        }
        return guide ? sb.append('\n').append(MetricsGuide.text("regression")).toString() : sb.toString();
    }

    @Override public String toHtml() {
        boolean ci = !intervals.isEmpty();
        List<List<String>> rowsOut = new ArrayList<>();
        for (String[] r : metricRows()) rowsOut.add(ci ? List.of(r) : List.of(r[0], r[1], r[2]));
        StringBuilder sb = new StringBuilder("<div class=\"holdout-metrics\"><p>").append(Html.escape(header())).append("</p>");
        sb.append(Html.table(ci ? List.of("metric", "value", "better", "interval") : List.of("metric", "value", "better"), rowsOut));
        if (!warnings.isEmpty()) {
            sb.append("<ul class=\"warnings\">");
            for (String w : warnings) sb.append("<li>").append(Html.escape(w)).append("</li>");
            sb.append("</ul>");
        }
        return sb.append(MetricsGuide.html("regression")).append("</div>").toString();
    }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "RegressionReport[rows=%d, rmse=%s, mae=%s, r2=%s]", rows,
                MetricsReport.fmt(rmse), MetricsReport.fmt(mae), MetricsReport.fmt(r2));
    }
}
