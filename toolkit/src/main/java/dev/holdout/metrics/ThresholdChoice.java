package dev.holdout.metrics;

/**
 * A decision threshold chosen on a curve, with what it achieves on the data it was chosen on.
 *
 * <pre>{@code
 * ThresholdChoice t = Scores.precisionRecallCurve(truth, score, 1, null).thresholdForRecall(0.95);
 * t.threshold();   // e.g. 0.31: predict positive when score >= 0.31
 * }</pre>
 */
public record ThresholdChoice(String goal, double threshold, double precision, double recall, double falsePositiveRate) {
    public String toHtml() {
        return dev.holdout.report.Html.table(java.util.List.of("goal", "threshold", "precision", "recall", "false positive rate"),
                java.util.List.of(java.util.List.of(goal, threshold, precision, recall, falsePositiveRate)));
    }

    @Override public String toString() {
        return String.format("ThresholdChoice[%s: threshold=%.6g, precision=%.4f, recall=%.4f, fpr=%.4f]",
                goal, threshold, precision, recall, falsePositiveRate);
    }
}
