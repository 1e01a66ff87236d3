package dev.holdout.metrics;

import dev.holdout.report.Html;
import java.util.List;

/**
 * The plain-words guide to choosing a metric, matching the study guide. {@code holdout metrics
 * --explain} prints it, and every report renders it below its numbers.
 *
 * <pre>{@code
 * MetricsGuide.entries().get(0).metric();   // "accuracy"
 * System.out.println(MetricsGuide.text());
 * }</pre>
 */
public final class MetricsGuide {
    private MetricsGuide() {}

    /** One metric: what it measures and when to use it. */
    public record Entry(String metric, String direction, String means, String useWhen) {
        /** Whether this is a regression metric (else classification). */
        public boolean regression() { return REGRESSION.contains(metric); }
    }

    private static final List<String> REGRESSION = List.of("mae", "mse", "rmse", "r2", "mape", "median_ae", "explained_variance");

    private static final List<Entry> ENTRIES = List.of(
            new Entry("accuracy", "higher", "the share of rows predicted correctly",
                    "the classes are roughly balanced and every mistake costs the same; on imbalanced data it flatters a model that always predicts the majority class"),
            new Entry("precision", "higher", "of the rows predicted positive, the share that really are positive",
                    "false positives are costly (a spam filter that must not hide real mail, an alert that wakes someone up)"),
            new Entry("recall", "higher", "of the truly positive rows, the share the model found (sensitivity, true positive rate)",
                    "false negatives are costly (missing a disease, missing fraud)"),
            new Entry("f1", "higher", "the harmonic mean of precision and recall, 2PR/(P+R)",
                    "you want one number that balances precision and recall, especially on imbalanced data; F-beta with beta > 1 leans toward recall, beta < 1 toward precision"),
            new Entry("specificity", "higher", "of the truly negative rows, the share predicted negative (true negative rate)",
                    "false alarms matter and you report it beside recall"),
            new Entry("balanced_accuracy", "higher", "the mean recall over classes, so each class counts the same",
                    "classes are imbalanced and you still want an accuracy-like number"),
            new Entry("mcc", "higher", "Matthews correlation between truth and prediction, from -1 to 1 (0 = no better than chance)",
                    "classes are imbalanced and you want a single score that uses all four cells of the confusion matrix"),
            new Entry("roc_auc", "higher", "the probability that a random positive scores higher than a random negative (ties count one half)",
                    "you rank by a score and the threshold is not chosen yet; 0.5 is chance, 1.0 is perfect"),
            new Entry("average_precision", "higher", "the area under the precision/recall curve, as a step sum",
                    "positives are rare and you care about the top of the ranking more than ROC AUC shows"),
            new Entry("log_loss", "lower", "how surprised the predicted probabilities are by the truth (probabilities clipped to [1e-15, 1-1e-15])",
                    "the probabilities themselves matter (calibration), not only the predicted class"),
            new Entry("confusion_matrix", "-", "counts of each (true class, predicted class) pair; rows are the truth",
                    "you want to see which classes are confused with which"),
            new Entry("mae", "lower", "the mean absolute error, in the units of the target",
                    "every unit of error costs the same and outliers should not dominate"),
            new Entry("mse", "lower", "the mean squared error: large errors count much more than small ones",
                    "large errors are disproportionately bad; it is the usual training loss"),
            new Entry("rmse", "lower", "the square root of MSE, back in the units of the target",
                    "you want MSE's emphasis on large errors but a number in the target's units"),
            new Entry("r2", "higher", "the share of the target's variance the model explains: 1 is perfect, 0 is as good as predicting the mean, negative is worse",
                    "you compare models across targets with different scales; it is not an error size"),
            new Entry("mape", "lower", "the mean absolute error relative to the truth, as a fraction (0.1 = 10 %)",
                    "relative error matters and the truth is never near zero"),
            new Entry("median_ae", "lower", "the median absolute error: the typical error, robust to outliers",
                    "a few huge errors should not decide the score"),
            new Entry("explained_variance", "higher", "like R2 but ignores a constant bias in the predictions",
                    "you want to know whether the model tracks the variation even if it is offset"));

    public static List<Entry> entries() { return ENTRIES; }

    /** The guide as plain text, one paragraph per metric of both tasks ({@code holdout metrics --explain}). */
    public static String text() { return text(null); }

    /** The entries of one task: "classification", "regression", or null for both. */
    public static List<Entry> entries(String task) {
        if (task == null) return ENTRIES;
        boolean regression = task.equals("regression");
        return ENTRIES.stream().filter(e -> e.regression() == regression).toList();
    }

    /** The guide for one task's report (only its metrics): "classification", "regression", or null for both. */
    public static String text(String task) {
        StringBuilder sb = new StringBuilder("How to read these metrics\n");
        for (Entry e : entries(task)) {
            sb.append("  ").append(e.metric());
            if (!e.direction().equals("-")) sb.append(" (").append(e.direction()).append(" is better)");
            sb.append(": ").append(e.means()).append(".\n      Use it when ").append(e.useWhen()).append(".\n");
        }
        return sb.append("  In short: ").append(inShort(task)).append('\n').toString();
    }

    private static String inShort(String task) {
        String c = "accuracy for balanced data, precision when false positives cost, recall when false negatives cost, F1 for an overall view";
        String r = "MAE for typical error, MSE/RMSE when big errors hurt most, R2 for the share of variance explained";
        return task == null ? c + "; " + r + "." : (task.equals("regression") ? r : c) + ".";
    }

    /** The guide of both tasks as an HTML table. */
    public static String html() { return html(null); }

    /** The guide of one task as an HTML table ("classification", "regression", or null for both). */
    public static String html(String task) {
        List<List<String>> rows = new java.util.ArrayList<>();
        for (Entry e : entries(task)) rows.add(List.of(e.metric(), e.direction(), e.means(), e.useWhen()));
        return "<details class=\"guide\"><summary>How to read these metrics</summary>"
                + Html.table(List.of("metric", "better", "what it measures", "use it when"), rows)
                + "<p class=\"note\">In short: " + Html.escape(inShort(task)) + "</p></details>";
    }
}
