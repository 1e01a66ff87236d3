package dev.holdout.metrics;

/**
 * A percentile bootstrap interval for one metric.
 *
 * <pre>{@code
 * ConfidenceInterval ci = Bootstrap.interval(w -> Classification.accuracy(t, p, w), t.length, null, 1000, 42, 0.95);
 * ci.lower(); ci.upper();   // e.g. 0.81 .. 0.86
 * }</pre>
 *
 * @param estimate  the metric on the original rows
 * @param skipped   resamples on which the metric was undefined (e.g. one class only), left out
 */
public record ConfidenceInterval(double estimate, double lower, double upper, double confidence, int resamples,
                                 long seed, int skipped) {
    public String toHtml() {
        return "<span class=\"holdout-ci\">" + dev.holdout.report.Html.escape(toString()) + "</span>";
    }

    @Override public String toString() {
        return String.format("%.4f [%.4f, %.4f] (%.0f%% percentile bootstrap, %d resamples, seed %d%s)",
                estimate, lower, upper, confidence * 100, resamples, seed, skipped > 0 ? ", " + skipped + " skipped" : "");
    }
}
