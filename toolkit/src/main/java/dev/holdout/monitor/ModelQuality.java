package dev.holdout.monitor;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.Average;
import dev.holdout.metrics.BinaryCounts;
import dev.holdout.metrics.Bootstrap;
import dev.holdout.metrics.Classification;
import dev.holdout.metrics.ConfusionMatrix;
import dev.holdout.metrics.Curve;
import dev.holdout.metrics.Regression;
import dev.holdout.metrics.Scores;
import dev.holdout.metrics.ZeroDivision;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * A model-quality {@code statistics.json}: Model Monitor's metric blocks ({@code binary_classification_metrics},
 * {@code multiclass_classification_metrics}, {@code regression_metrics}), each metric {@code {value,
 * standard_deviation}}. The metrics come from {@code dev.holdout.metrics}; the standard deviation is the bootstrap
 * standard error ({@link Bootstrap#standardDeviations}: the deviation of the metric over {@code resamples} seeded
 * resamples of the rows drawn with replacement, 100 and seed 42 unless given) — Model Monitor instead takes 5 draws
 * of 80% and only from 200 rows; here it is given at any size, since a small month is exactly where a reader needs
 * to see how uncertain a metric is.
 *
 * <pre>{@code
 * ModelQuality q = ModelQuality.binary(truth, predicted, score, "1", Bootstrap.Spec.of(100, 42));
 * q.value("f1");                  // 0.71
 * q.metrics().get("f1").standardDeviation();
 * }</pre>
 *
 * <p>Binary metrics: accuracy, precision, recall, f0_5, f1, f2, auc (with scores), true/false positive/negative
 * rates, the confusion matrix (actual label, then predicted), the ROC and precision-recall curves, and each
 * {@code *_best_constant_classifier}: the constant classifier that predicts the positive class for every row (as
 * Model Monitor's files show: it maximises recall and the F-scores among constants). Multiclass: accuracy and the
 * weighted (by support) precision, recall, f0_5, f1, f2, and the same for the constant classifier predicting the
 * most frequent class. Regression: mae, mse, rmse, r2.
 */
public record ModelQuality(ProblemType problemType, long itemCount, Map<String, MetricValue> metrics, List<String> labels, double[][] confusion,
                           Map<String, double[]> curves, Bootstrap.Spec bootstrap) {
    /** Model Monitor's problem types. */
    public enum ProblemType {
        BinaryClassification("binary_classification"), MulticlassClassification("multiclass_classification"), Regression("regression");

        final String prefix;

        ProblemType(String prefix) { this.prefix = prefix; }

        /** {@code binary_classification_metrics} etc. */
        public String metricsKey() { return prefix + "_metrics"; }

        /** {@code binary_classification_constraints} etc. */
        public String constraintsKey() { return prefix + "_constraints"; }

        public static ProblemType parse(String s, String param) { return MonitorConfig.parse(ProblemType.class, s, param); }
    }

    /** A metric's value and its bootstrap standard deviation (NaN when it could not be estimated). */
    public record MetricValue(double value, double standardDeviation) {}

    public ModelQuality {
        metrics = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(metrics));
        labels = List.copyOf(labels);
        curves = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(curves));
    }

    /** Equal when every value is: records compare arrays by reference, so the confusion matrix and curves are compared by content here. */
    @Override public boolean equals(Object o) {
        if (!(o instanceof ModelQuality q)) return false;
        if (problemType != q.problemType || itemCount != q.itemCount || !metrics.equals(q.metrics) || !labels.equals(q.labels)
                || !java.util.Arrays.deepEquals(confusion, q.confusion) || !bootstrap.equals(q.bootstrap) || !curves.keySet().equals(q.curves.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> e : curves.entrySet()) if (!java.util.Arrays.equals(e.getValue(), q.curves.get(e.getKey()))) return false;
        return true;
    }

    @Override public int hashCode() {
        int h = java.util.Objects.hash(problemType, itemCount, metrics, labels, bootstrap) * 31 + java.util.Arrays.deepHashCode(confusion);
        for (Map.Entry<String, double[]> e : curves.entrySet()) h = h * 31 + e.getKey().hashCode() ^ java.util.Arrays.hashCode(e.getValue());
        return h;
    }

    /** The value of a metric; an unknown name is an error with a did-you-mean. */
    public double value(String metric) {
        MetricValue v = metrics.get(metric);
        if (v == null) throw dev.holdout.data.Columns.unknown("metric", metric, List.copyOf(metrics.keySet()), problemType.metricsKey());
        return v.value();
    }

    /** Binary classification: labels as text (coded by {@link LabelVocabulary}), an optional score of the positive label. */
    public static ModelQuality binary(String[] truth, String[] predicted, double[] score, String positive, Bootstrap.Spec spec) {
        LabelVocabulary v = vocabulary(truth, predicted);
        if (v.size() > 2) {
            throw DataValidationException.param("--problem-type", "BinaryClassification", "the labels and predictions hold " + v.size() + " labels "
                    + v.names(), "use --problem-type MulticlassClassification");
        }
        if (positive == null) positive = v.numeric() ? "1" : null;
        if (positive == null) {
            throw DataValidationException.param("--positive", null, "two text labels " + v.names() + " need the positive one named", "pass --positive " + v.name(v.size() - 1));
        }
        LabelVocabulary all = v.union(LabelVocabulary.of(positive));
        int pos = all.codeOf(positive);
        int[] t = all.encode(truth), p = all.encode(predicted);
        int n = t.length;
        Function<double[], Map<String, Double>> f = w -> {
            Map<String, Double> m = new LinkedHashMap<>();
            BinaryCounts c = Classification.binaryCounts(t, p, pos, w);
            double tpr = c.recall(ZeroDivision.ZERO), tnr = c.specificity(ZeroDivision.ZERO);
            m.put("recall", tpr);
            m.put("precision", c.precision(ZeroDivision.ZERO));
            m.put("accuracy", c.accuracy());
            BinaryCounts constant = new BinaryCounts(c.tp() + c.fn(), c.fp() + c.tn(), 0, 0);
            m.put("recall_best_constant_classifier", constant.recall(ZeroDivision.ZERO));
            m.put("precision_best_constant_classifier", constant.precision(ZeroDivision.ZERO));
            m.put("accuracy_best_constant_classifier", constant.accuracy());
            m.put("true_positive_rate", tpr);
            m.put("true_negative_rate", tnr);
            m.put("false_positive_rate", 1 - tnr);
            m.put("false_negative_rate", 1 - tpr);
            if (score != null) m.put("auc", Scores.rocAuc(t, score, pos, w));
            m.put("f0_5", c.fbeta(0.5, ZeroDivision.ZERO));
            m.put("f1", c.f1(ZeroDivision.ZERO));
            m.put("f2", c.fbeta(2, ZeroDivision.ZERO));
            m.put("f0_5_best_constant_classifier", constant.fbeta(0.5, ZeroDivision.ZERO));
            m.put("f1_best_constant_classifier", constant.f1(ZeroDivision.ZERO));
            m.put("f2_best_constant_classifier", constant.fbeta(2, ZeroDivision.ZERO));
            return m;
        };
        Map<String, double[]> curves = new LinkedHashMap<>();
        if (score != null) {
            boolean both = false, neg = false;
            for (int x : t) if (x == pos) both = true; else neg = true;
            if (both && neg) {
                Curve roc = Scores.rocCurve(t, score, pos, null), pr = Scores.precisionRecallCurve(t, score, pos, null);
                curves.put("false_positive_rates", roc.falsePositiveRate());
                curves.put("true_positive_rates", roc.recall());
                curves.put("precisions", pr.precision());
                curves.put("recalls", pr.recall());
            }
        }
        ConfusionMatrix cm = Classification.confusionMatrix(t, p, all.size(), null);
        return new ModelQuality(ProblemType.BinaryClassification, n, withDeviations(f, n, spec), all.names(), cm.toArray(), curves, spec);
    }

    /** Multiclass classification. */
    public static ModelQuality multiclass(String[] truth, String[] predicted, Bootstrap.Spec spec) {
        LabelVocabulary v = vocabulary(truth, predicted);
        int[] t = v.encode(truth), p = v.encode(predicted);
        int k = v.size(), n = t.length;
        Function<double[], Map<String, Double>> f = w -> {
            Map<String, Double> m = new LinkedHashMap<>();
            ConfusionMatrix cm = Classification.confusionMatrix(t, p, k, w);
            m.put("accuracy", cm.accuracy());
            m.put("weighted_recall", cm.recall(Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_precision", cm.precision(Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_f0_5", cm.fbeta(0.5, Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_f1", cm.f1(Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_f2", cm.fbeta(2, Average.WEIGHTED, 0, ZeroDivision.ZERO));
            int majority = 0;
            for (int c = 1; c < k; c++) if (cm.support(c) > cm.support(majority)) majority = c;
            int[] constant = new int[n];
            java.util.Arrays.fill(constant, majority);
            ConfusionMatrix cc = Classification.confusionMatrix(t, constant, k, w);
            m.put("accuracy_best_constant_classifier", cc.accuracy());
            m.put("weighted_recall_best_constant_classifier", cc.recall(Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_precision_best_constant_classifier", cc.precision(Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_f0_5_best_constant_classifier", cc.fbeta(0.5, Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_f1_best_constant_classifier", cc.f1(Average.WEIGHTED, 0, ZeroDivision.ZERO));
            m.put("weighted_f2_best_constant_classifier", cc.fbeta(2, Average.WEIGHTED, 0, ZeroDivision.ZERO));
            return m;
        };
        ConfusionMatrix cm = Classification.confusionMatrix(t, p, k, null);
        return new ModelQuality(ProblemType.MulticlassClassification, n, withDeviations(f, n, spec), v.names(), cm.toArray(), Map.of(), spec);
    }

    /** Regression: mae, mse, rmse, r2. */
    public static ModelQuality regression(double[] truth, double[] predicted, Bootstrap.Spec spec) {
        int n = truth.length;
        Function<double[], Map<String, Double>> f = w -> {
            Map<String, Double> m = new LinkedHashMap<>();
            m.put("mae", Regression.mae(truth, predicted, w));
            m.put("mse", Regression.mse(truth, predicted, w));
            m.put("rmse", Regression.rmse(truth, predicted, w));
            m.put("r2", Regression.r2(truth, predicted, w));
            return m;
        };
        return new ModelQuality(ProblemType.Regression, n, withDeviations(f, n, spec), List.of(), null, Map.of(), spec);
    }

    private static LabelVocabulary vocabulary(String[] truth, String[] predicted) {
        if (truth.length != predicted.length) throw new IllegalArgumentException("truth and predictions differ in length");
        if (truth.length == 0) throw DataValidationException.param("--input", "no rows", "model quality needs rows with a label and a prediction", "pass predictions with labels");
        List<String> all = new ArrayList<>(truth.length * 2);
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == null) throw DataValidationException.param("label", "missing", "row " + (i + 1) + " has no label", "drop rows without ground truth");
            if (predicted[i] == null) throw DataValidationException.param("prediction", "missing", "row " + (i + 1) + " has no prediction", "fill in the prediction");
            all.add(truth[i]);
            all.add(predicted[i]);
        }
        return LabelVocabulary.of(new java.util.LinkedHashSet<>(all));
    }

    private static Map<String, MetricValue> withDeviations(Function<double[], Map<String, Double>> f, int n, Bootstrap.Spec spec) {
        Map<String, Double> values = f.apply(null);
        Map<String, Double> sd = Bootstrap.standardDeviations(f, n, null, values.keySet(), spec);
        Map<String, MetricValue> out = new LinkedHashMap<>();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            out.put(e.getKey(), new MetricValue(e.getValue(), sd.getOrDefault(e.getKey(), Double.NaN)));
        }
        return out;
    }

    /** The file's content. */
    public String toJson() {
        Map<String, Object> block = new LinkedHashMap<>();
        if (confusion != null) {
            Map<String, Object> cm = new LinkedHashMap<>();
            for (int a = 0; a < labels.size(); a++) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int p = 0; p < labels.size(); p++) row.put(labels.get(p), (long) confusion[a][p]);
                cm.put(labels.get(a), row);
            }
            block.put("confusion_matrix", cm);
        }
        for (Map.Entry<String, MetricValue> e : metrics.entrySet()) {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("value", finite(e.getValue().value()));
            v.put("standard_deviation", finite(e.getValue().standardDeviation()));
            block.put(e.getKey(), v);
            if (e.getKey().equals("false_negative_rate") && curves.containsKey("false_positive_rates")) {
                block.put("receiver_operating_characteristic_curve", Map.of("false_positive_rates", curves.get("false_positive_rates"),
                        "true_positive_rates", curves.get("true_positive_rates")));
                block.put("precision_recall_curve", Map.of("precisions", curves.get("precisions"), "recalls", curves.get("recalls")));
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", 0);
        Map<String, Object> ds = new LinkedHashMap<>();
        ds.put("item_count", itemCount);
        ds.put("bootstrap", Map.of("resamples", bootstrap.resamples(), "seed", bootstrap.seed()));
        m.put("dataset", ds);
        m.put(problemType.metricsKey(), block);
        return StrictJson.pretty(m) + "\n";
    }

    private static Double finite(double v) { return Double.isFinite(v) ? v : null; }

    /** A table of the metrics with their deviations. */
    public String toHtml() {
        List<List<?>> rows = new ArrayList<>();
        for (Map.Entry<String, MetricValue> e : metrics.entrySet()) {
            rows.add(List.of(e.getKey(), Report.num(e.getValue().value()), Report.num(e.getValue().standardDeviation())));
        }
        return String.format(Locale.ROOT, "<p>%s, %,d rows; standard deviations from %d bootstrap resamples (seed %d).</p>", problemType, itemCount,
                bootstrap.resamples(), bootstrap.seed()) + dev.holdout.report.Html.table(List.of("metric", "value", "standard deviation"), rows);
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s on %,d rows:%n", problemType, itemCount));
        for (Map.Entry<String, MetricValue> e : metrics.entrySet()) {
            if (e.getKey().contains("best_constant")) continue;
            sb.append(String.format(Locale.ROOT, "  %-22s %s ± %s%n", e.getKey(), Report.num(e.getValue().value()), Report.num(e.getValue().standardDeviation())));
        }
        return sb.toString();
    }
}
