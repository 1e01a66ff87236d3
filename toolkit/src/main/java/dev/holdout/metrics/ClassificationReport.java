package dev.holdout.metrics;

import dev.holdout.data.LabelVocabulary;
import dev.holdout.data.DataValidationException;
import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every classification metric for one set of predictions, with the options used, warnings for what
 * could not be defined or hit a zero division, and optional bootstrap intervals. A metric that is
 * undefined for the input (ROC AUC with one class, score metrics without scores) is null, and
 * {@link #warnings()} says why.
 *
 * <pre>{@code
 * ClassificationReport r = ClassificationReport.of(new String[] {"spam", "ham", "spam"}, new String[] {"spam", "spam", "spam"},
 *                 ClassificationOptions.defaults().withPositive("spam"))
 *         .withScores(new double[] {0.9, 0.6, 0.7});
 * r.precision();   // 0.6667
 * r.rocAuc();      // 1.0
 * ClassificationReport.of(truth, predicted).withScores(probabilities);   // k columns: multiclass ROC AUC and log loss
 * System.out.println(r.toText());
 * }</pre>
 *
 * <p>The {@code with...} methods recompute the report from the same rows with more inputs (scores, weights,
 * options); they may come in any order.
 */
public record ClassificationReport(int rows, boolean weighted, List<String> labels, Average average, String positive,
                                   ZeroDivision zeroDivision, double beta, Double accuracy, Double precision,
                                   Double recall, Double f1, Double fbeta, Double specificity, Double balancedAccuracy,
                                   Double mcc, Double rocAuc, Double averagePrecision, Double logLoss,
                                   ConfusionMatrix confusionMatrix, Map<String, ConfidenceInterval> intervals,
                                   List<String> warnings, MultiClass multiClass, Inputs inputs) implements MetricsReport {

    public ClassificationReport {
        labels = List.copyOf(labels);
        intervals = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(intervals));
        warnings = List.copyOf(warnings);
    }

    /**
     * The rows a report was computed from, kept (copied, never handed out) so that {@link #withScores},
     * {@link #withWeights} and {@link #withOptions} can recompute it. Not part of the report's value: two reports
     * with the same numbers are equal whatever rows they came from.
     */
    public static final class Inputs {
        private final int[] truth, predicted;
        private final LabelVocabulary labels;
        private final double[] score, weights;
        private final double[][] probability;
        private final ClassificationOptions options;

        private Inputs(int[] truth, int[] predicted, LabelVocabulary labels, double[] score, double[][] probability, double[] weights,
                       ClassificationOptions options) {
            this.truth = truth;
            this.predicted = predicted;
            this.labels = labels;
            this.score = score;
            this.probability = probability;
            this.weights = weights;
            this.options = options;
        }

        @Override public boolean equals(Object o) { return o instanceof Inputs; }

        @Override public int hashCode() { return 0; }

        @Override public String toString() { return "Inputs[" + truth.length + " rows]"; }
    }

    /** From string labels, with the default options; add scores, weights or options with the withers. */
    public static ClassificationReport of(String[] truth, String[] predicted) {
        return of(truth, predicted, ClassificationOptions.defaults());
    }

    /**
     * From string labels with options: two text labels need the positive one named
     * ({@code ClassificationOptions.defaults().withPositive("spam")}) before binary metrics can be computed.
     */
    public static ClassificationReport of(String[] truth, String[] predicted, ClassificationOptions options) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        LabelVocabulary labels = LabelVocabulary.of(distinct(truth, "truth")).union(LabelVocabulary.of(distinct(predicted, "predicted")));
        return compute(labels.encode(truth), labels.encode(predicted), labels, null, null, null,
                java.util.Objects.requireNonNull(options, "options"), null);
    }

    /**
     * From integer labels, with the default options. A k-column probability matrix given later by
     * {@link #withScores(double[][])} reads the labels as class codes 0..k-1.
     */
    public static ClassificationReport of(int[] truth, int[] predicted) {
        return of(truth, predicted, ClassificationOptions.defaults());
    }

    /** From integer labels with options (the positive label, the average, ...). */
    public static ClassificationReport of(int[] truth, int[] predicted, ClassificationOptions options) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        LabelVocabulary labels = LabelVocabulary.ofInts(truth).union(LabelVocabulary.ofInts(predicted));
        return compute(labels.encode(truth), labels.encode(predicted), labels, null, null, null,
                java.util.Objects.requireNonNull(options, "options"), null);
    }

    /** From string labels; {@code score} (P(positive), binary only) and {@code weights} may be null. */
    public static ClassificationReport of(String[] truth, String[] predicted, double[] score, double[] weights,
                                          ClassificationOptions options) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        LabelVocabulary labels = LabelVocabulary.of(distinct(truth, "truth")).union(LabelVocabulary.of(distinct(predicted, "predicted")));
        return compute(labels.encode(truth), labels.encode(predicted), labels, score, null, weights, options, null);
    }

    /** From integer labels; {@code score} and {@code weights} may be null. */
    public static ClassificationReport of(int[] truth, int[] predicted, double[] score, double[] weights,
                                          ClassificationOptions options) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        LabelVocabulary labels = LabelVocabulary.ofInts(truth).union(LabelVocabulary.ofInts(predicted));
        return compute(labels.encode(truth), labels.encode(predicted), labels, score, null, weights, options, null);
    }

    private Inputs source() {
        if (inputs == null) {
            throw new IllegalStateException("this report was built without its rows; compute it with ClassificationReport.of(truth, predicted)");
        }
        return inputs;
    }

    private ClassificationReport recompute(double[] score, double[][] probability, double[] weights, ClassificationOptions options) {
        Inputs in = source();
        return compute(in.truth, in.predicted, in.labels, score, probability, weights, options, null);
    }

    /** The same rows with P(positive) per row (two classes): adds ROC AUC, average precision and log loss. */
    public ClassificationReport withScores(double[] score) {
        Inputs in = source();
        return recompute(java.util.Objects.requireNonNull(score, "score").clone(), null, in.weights, in.options);
    }

    /**
     * The same rows with class probabilities, one column per class ({@code probability[i][c]}); adds multiclass ROC
     * AUC (one-vs-rest unless the options say one-vs-one, averaged as the report is) and log loss. For string labels
     * the columns follow the labels' order ({@link #labels()}); for integer labels column c is class c.
     */
    public ClassificationReport withScores(double[][] probability) {
        Inputs in = source();
        java.util.Objects.requireNonNull(probability, "probability");
        int k = probability.length == 0 ? 0 : probability[0].length;
        int[] truth = in.truth, predicted = in.predicted;
        LabelVocabulary labels = in.labels;
        if (labels.numeric() && k > labels.size() && k > 0) {
            // integer labels are class codes: column c is class c, whether or not every class occurs
            int[] codes = new int[k];
            for (int c = 0; c < k; c++) codes[c] = c;
            LabelVocabulary all = LabelVocabulary.ofInts(codes).union(labels);
            if (all.size() == k) {
                int[] map = all.translate(labels.names());
                truth = remap(truth, map);
                predicted = remap(predicted, map);
                labels = all;
            }
        }
        double[][] copy = new double[probability.length][];
        for (int i = 0; i < copy.length; i++) copy[i] = probability[i].clone();
        return compute(truth, predicted, labels, null, copy, in.weights, in.options, null);
    }

    private static int[] remap(int[] codes, int[] map) {
        int[] out = new int[codes.length];
        for (int i = 0; i < out.length; i++) out[i] = map[codes[i]];
        return out;
    }

    /** The same rows with sample weights. */
    public ClassificationReport withWeights(double[] weights) {
        Inputs in = source();
        return compute(in.truth, in.predicted, in.labels, in.score, in.probability, java.util.Objects.requireNonNull(weights, "weights").clone(),
                in.options, null);
    }

    /** The same rows with other options (average, positive label, zero division, beta, multiclass ROC AUC). */
    public ClassificationReport withOptions(ClassificationOptions options) {
        Inputs in = source();
        return compute(in.truth, in.predicted, in.labels, in.score, in.probability, in.weights, java.util.Objects.requireNonNull(options, "options"), null);
    }

    /** The distinct values of a label column, for a vocabulary; one that is not a label is an error naming its index. */
    static java.util.Set<String> distinct(String[] labels, String param) {
        java.util.Set<String> out = new java.util.LinkedHashSet<>();
        for (int i = 0; i < labels.length; i++) {
            if (out.add(labels[i])) {
                String why = LabelVocabulary.whyNotALabel(labels[i]);
                if (why != null) throw DataValidationException.param(param + "[" + i + "]", labels[i], why, null);
            }
        }
        return out;
    }

    /**
     * The core: labels already coded {@code 0..k-1} by {@code labels}. {@code bootstrap} may be null.
     */
    public static ClassificationReport ofCodes(int[] truth, int[] predicted, LabelVocabulary labels, double[] score,
                                               double[] weights, ClassificationOptions options, Bootstrap.Spec bootstrap) {
        return compute(truth, predicted, labels, score, null, weights, options, bootstrap);
    }

    /**
     * As {@link #ofCodes(int[], int[], LabelVocabulary, double[], double[], ClassificationOptions, Bootstrap.Spec)} with
     * class probabilities, one column per label of {@code labels} in its order.
     */
    public static ClassificationReport ofCodes(int[] truth, int[] predicted, LabelVocabulary labels, double[][] probability,
                                               double[] weights, ClassificationOptions options, Bootstrap.Spec bootstrap) {
        return compute(truth, predicted, labels, null, probability, weights, options, bootstrap);
    }

    private static ClassificationReport compute(int[] truth, int[] predicted, LabelVocabulary labels, double[] score, double[][] probability,
                                                double[] weights, ClassificationOptions options, Bootstrap.Spec bootstrap) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        if (score != null) Checks.sameLength(truth.length, score.length, "score");
        if (probability != null) {
            Checks.sameLength(truth.length, probability.length, "probability");
            int columns = probability.length == 0 ? labels.size() : probability[0].length;
            if (columns != labels.size()) {
                throw DataValidationException.param("probability", columns + " columns", "needs one column per class, " + labels.size()
                        + " " + labels.names(), "give a probability column for each class, in the labels' order");
            }
            if (labels.size() <= 2 && labels.size() > 0) {
                // two classes: the positive class's column is the score (decided below, once the positive label is known)
                double[][] p2 = probability;
                probability = null;
                score = new double[p2.length];
                int positiveCode = positiveCodeForScores(labels, options);
                for (int i = 0; i < p2.length; i++) score[i] = p2[i][positiveCode];
            }
        }
        Checks.weights(weights, truth.length);
        ClassificationOptions o = options == null ? ClassificationOptions.defaults() : options;
        List<String> warnings = new ArrayList<>();
        int k = labels.size();
        Average avg = o.average();
        if (avg == null) {
            avg = k <= 2 ? Average.BINARY : Average.MACRO;
            if (k > 2) warnings.add("average: not given; using macro over " + k + " classes (pass --average to choose)");
        }
        if (avg == Average.BINARY && k > 2) {
            throw DataValidationException.param("average", "binary", "needs at most two classes, but there are " + k + " " + labels.names(),
                    "use --average micro, macro or weighted for multiclass data");
        }
        int pos = -1;
        String absentPositive = null; // the positive label when it occurs in neither the truth nor the predictions
        if (k <= 2) {
            if (o.positive() != null) {
                if (labels.contains(o.positive())) {
                    pos = labels.code(o.positive(), "positive");
                } else if (k == 2) {
                    labels.code(o.positive(), "positive"); // two other labels: an error naming them
                } else {
                    absentPositive = o.positive();
                }
            } else if (labels.numeric()) {
                pos = labels.codeOfNumber(1.0);
                if (pos < 0 && k == 2) {
                    throw DataValidationException.param("positive", null, "not given, and neither of the labels "
                            + labels.names() + " is 1 (the default positive label)",
                            "pass --positive " + labels.name(1) + " (or " + labels.name(0) + ")");
                }
                if (pos < 0) absentPositive = "1";
            } else if (avg == Average.BINARY || score != null) {
                throw DataValidationException.param("positive", null, "must be given for text labels " + labels.names()
                        + " (binary metrics and --score need to know which label is positive; the default 1 is not a label here)",
                        "pass --positive " + labels.name(k - 1));
            }
            if (absentPositive != null) {
                pos = k; // a code no row has: tp = fp = fn = 0, every row is a negative
                warnings.add("positive: label '" + absentPositive + "' does not occur in the truth or the predictions;"
                        + " every row counts as negative");
            }
        } else if (o.positive() != null) {
            labels.code(o.positive(), "positive"); // an unknown label is still an error
            warnings.add("positive=" + o.positive() + " is ignored with average=" + avg);
        }
        ConfusionMatrix m = ConfusionMatrix.of(truth, predicted, k, weights).withLabels(labels.names());
        // With an absent positive label the metrics use one more (empty) class; the reported matrix keeps the data's labels.
        final int kk = absentPositive == null ? k : k + 1;
        ConfusionMatrix mm = m;
        if (absentPositive != null) {
            List<String> names = new ArrayList<>(labels.names());
            names.add(absentPositive);
            mm = ConfusionMatrix.of(truth, predicted, kk, weights).withLabels(names);
        }
        Computation c = new Computation(truth, predicted, score, k, avg, pos, o, labels);
        c.probability = k > 2 ? probability : null;
        if (score != null && k <= 2) c.prepareScores(weights, bootstrap != null);
        LinkedHashMap<String, Double> v = c.values(weights, mm);

        for (String w : mm.zeroDivisionWarnings(avg, pos)) {
            warnings.add(w + "; set to zero_division=" + o.zeroDivision());
        }
        for (int j = 0; j < k; j++) {
            if (m.support(j) == 0 && m.predictedCount(j) > 0) {
                warnings.add("balanced_accuracy: label '" + labels.name(j) + "' is predicted but never occurs in the truth; it is left out");
            }
        }
        if (c.probability != null) {
            warnings.add("average_precision: defined for two classes only (scikit-learn 1.2 refuses the multiclass format)");
            if (c.probabilityProblem != null) warnings.add("roc_auc: " + c.probabilityProblem);
        } else if (score == null) {
            warnings.add("roc_auc, average_precision, log_loss: need a score column (the probability of the positive class)"
                    + (k > 2 ? ", or one probability column per class" : ""));
        } else if (k > 2) {
            warnings.add("roc_auc, average_precision, log_loss: one score column only defines them for two classes, but there are " + k);
        } else {
            if (c.posWeight == 0 || c.negWeight == 0) {
                warnings.add("roc_auc: the truth has only one class ('" + (c.posWeight == 0 ? labels.name(firstOther(k, pos)) : labels.name(pos))
                        + "'); ROC AUC needs both classes");
            }
            if (c.posWeight == 0) {
                warnings.add("average_precision: the positive label '" + positiveName(labels, pos, absentPositive)
                        + "' never occurs in the truth");
            }
        }
        Map<String, ConfidenceInterval> intervals = Map.of();
        if (bootstrap != null) {
            intervals = Bootstrap.intervals(w -> c.values(w, ConfusionMatrix.of(truth, predicted, kk, w)), truth.length,
                    weights, v, bootstrap);
        }
        return new ClassificationReport(truth.length, weights != null, labels.names(), avg,
                pos >= 0 ? positiveName(labels, pos, absentPositive) : null, o.zeroDivision(), o.beta(), v.get("accuracy"), v.get("precision"),
                v.get("recall"), v.get("f1"), v.get("fbeta"), v.get("specificity"), v.get("balanced_accuracy"),
                v.get("mcc"), v.get("roc_auc"), v.get("average_precision"), v.get("log_loss"), m, intervals, warnings,
                c.probability != null ? o.multiClass() : null, new Inputs(truth, predicted, labels, score, probability, weights, options));
    }

    /** The code whose probability column is the score of a two-class probability matrix. */
    private static int positiveCodeForScores(LabelVocabulary labels, ClassificationOptions options) {
        if (options != null && options.positive() != null) return labels.code(options.positive(), "positive");
        if (labels.numeric()) {
            int one = labels.codeOfNumber(1.0);
            if (one >= 0) return one;
        }
        return labels.size() - 1;
    }

    /**
     * One slice (a {@code --group-by} value) of rows coded by the whole file's {@code labels}: the
     * metrics are those of {@link #ofCodes} with the file's labels, so the automatic average and the
     * positive label mean the same in every slice (a macro average only counts the labels present
     * in the slice anyway), while {@link #labels()} and the confusion matrix list only the labels
     * that occur in the slice's truth or predictions, as scikit-learn's {@code confusion_matrix} on
     * the slice does.
     */
    public static ClassificationReport ofSlice(int[] truth, int[] predicted, LabelVocabulary labels, double[] score,
                                               double[] weights, ClassificationOptions options, Bootstrap.Spec bootstrap) {
        ClassificationReport r = ofCodes(truth, predicted, labels, score, weights, options, bootstrap);
        return restrictToSeen(r, truth, predicted, labels);
    }

    /** The report listing only the labels that occur in the slice's truth or predictions. */
    private static ClassificationReport restrictToSeen(ClassificationReport r, int[] truth, int[] predicted, LabelVocabulary labels) {
        boolean[] seen = new boolean[labels.size()];
        for (int t : truth) seen[t] = true;
        for (int p : predicted) seen[p] = true;
        int n = 0;
        for (boolean b : seen) n += b ? 1 : 0;
        if (n == labels.size()) return r;
        int[] keep = new int[n];
        List<String> names = new ArrayList<>(n);
        for (int i = 0, j = 0; i < seen.length; i++) {
            if (seen[i]) {
                keep[j++] = i;
                names.add(labels.name(i));
            }
        }
        return new ClassificationReport(r.rows(), r.weighted(), names, r.average(), r.positive(), r.zeroDivision(), r.beta(),
                r.accuracy(), r.precision(), r.recall(), r.f1(), r.fbeta(), r.specificity(), r.balancedAccuracy(), r.mcc(),
                r.rocAuc(), r.averagePrecision(), r.logLoss(), r.confusionMatrix().restrictTo(keep), r.intervals(), r.warnings(),
                r.multiClass(), r.inputs());
    }

    /** As {@link #ofSlice(int[], int[], LabelVocabulary, double[], double[], ClassificationOptions, Bootstrap.Spec)} with class probabilities. */
    public static ClassificationReport ofSlice(int[] truth, int[] predicted, LabelVocabulary labels, double[][] probability,
                                               double[] weights, ClassificationOptions options, Bootstrap.Spec bootstrap) {
        ClassificationReport r = ofCodes(truth, predicted, labels, probability, weights, options, bootstrap);
        return restrictToSeen(r, truth, predicted, labels);
    }

    private static int firstOther(int k, int pos) {
        return k == 1 || pos >= k ? 0 : 1 - pos;
    }

    private static String positiveName(LabelVocabulary labels, int pos, String absentPositive) {
        return pos < labels.size() ? labels.name(pos) : absentPositive;
    }

    /** Computes the metric values for given row weights (the report, or one bootstrap resample). */
    private static final class Computation {
        final int[] truth, predicted;
        final double[] score;
        final int k, pos;
        final Average avg;
        final ClassificationOptions o;
        int[] order;
        double posWeight, negWeight;
        /** Class probabilities (more than two classes), or null. */
        double[][] probability;
        /** Why multiclass ROC AUC is undefined here (a class absent from the truth), or null. */
        String probabilityProblem;

        Computation(int[] truth, int[] predicted, double[] score, int k, Average avg, int pos, ClassificationOptions o, LabelVocabulary labels) {
            this.truth = truth;
            this.predicted = predicted;
            this.score = score;
            this.k = k;
            this.avg = avg;
            this.pos = pos;
            this.o = o;
        }

        long[] posKeys, negKeys;

        void prepareScores(double[] weights, boolean resampling) {
            for (int i = 0; i < score.length; i++) {
                double s = score[i];
                if (!(s >= 0 && s <= 1)) {
                    throw DataValidationException.param("score[" + i + "]", s, "must be a probability in [0, 1]",
                            "pass the predicted probability of the positive class (apply a sigmoid to raw scores)");
                }
            }
            if (weights == null) {
                // Unweighted: sort each class's scores without payload once; AUC and AP merge them.
                posKeys = ScoreOrder.sortedKeys(truth, score, pos, true);
                negKeys = ScoreOrder.sortedKeys(truth, score, pos, false);
            }
            if (weights != null || resampling) order = ScoreOrder.descending(score);
            double[] pn = classWeights(weights);
            posWeight = pn[0];
            negWeight = pn[1];
        }

        private double[] classWeights(double[] w) {
            double p = 0, n = 0;
            for (int i = 0; i < truth.length; i++) {
                double x = w == null ? 1.0 : w[i];
                if (truth[i] == pos) p += x; else n += x;
            }
            return new double[] {p, n};
        }

        LinkedHashMap<String, Double> values(double[] w, ConfusionMatrix m) {
            LinkedHashMap<String, Double> v = new LinkedHashMap<>();
            ZeroDivision zd = o.zeroDivision();
            v.put("accuracy", m.accuracy());
            v.put("precision", m.precision(avg, pos, zd));
            v.put("recall", m.recall(avg, pos, zd));
            v.put("f1", m.f1(avg, pos, zd));
            v.put("fbeta", o.beta() == 1.0 ? null : m.fbeta(o.beta(), avg, pos, zd));
            v.put("specificity", m.specificity(avg, pos, zd));
            v.put("balanced_accuracy", m.balancedAccuracy());
            v.put("mcc", m.mcc());
            Double auc = null, ap = null, ll = null;
            if (probability != null) {
                ll = Scores.logLoss(truth, probability, w);
                if (!(o.multiClass() == MultiClass.OVO && w != null)) {
                    try {
                        auc = Scores.rocAuc(truth, probability, o.multiClass(), avg, w);
                    } catch (DataValidationException e) {
                        if (w == null) probabilityProblem = e.getMessage();   // not for a bootstrap resample
                    }
                }
            } else if (w == null && posKeys != null) {
                if (posKeys.length > 0 && negKeys.length > 0) auc = Scores.rocAucSorted(posKeys, negKeys, pos);
                if (posKeys.length > 0) ap = Scores.averagePrecisionSorted(posKeys, negKeys);
                ll = Scores.logLoss(truth, score, pos, null);
            } else if (order != null) {
                double[] pn = classWeights(w);
                if (pn[0] > 0 && pn[1] > 0) auc = Scores.rocAucOrdered(order, truth, score, pos, w);
                if (pn[0] > 0) ap = Scores.averagePrecisionOrdered(order, truth, score, pos, w, pn[0]);
                ll = Scores.logLoss(truth, score, pos, w);
            }
            v.put("roc_auc", auc);
            v.put("average_precision", ap);
            v.put("log_loss", ll);
            return v;
        }
    }

    @Override public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("task", "classification");
        out.put("rows", rows);
        if (weighted) out.put("weighted", true);
        out.put("labels", labels);
        out.put("average", average.toString());
        if (positive != null) out.put("positive", positive);
        out.put("zero_division", zeroDivision.toString());
        out.put("accuracy", json(accuracy));
        out.put("precision", json(precision));
        out.put("recall", json(recall));
        out.put("f1", json(f1));
        if (beta != 1.0) {
            out.put("beta", beta);
            out.put("fbeta", json(fbeta));
        }
        out.put("specificity", json(specificity));
        out.put("balanced_accuracy", json(balancedAccuracy));
        out.put("mcc", json(mcc));
        out.put("roc_auc", json(rocAuc));
        if (multiClass != null) out.put("multi_class", multiClass.toString());
        out.put("average_precision", json(averagePrecision));
        out.put("log_loss", json(logLoss));
        LinkedHashMap<String, Object> cm = new LinkedHashMap<>();
        cm.put("labels", confusionMatrix.labels());
        List<List<Object>> rowsOut = new ArrayList<>();
        for (double[] r : confusionMatrix.toArray()) {
            List<Object> row = new ArrayList<>();
            for (double x : r) row.add(weighted ? (Object) x : (Object) (long) x);
            rowsOut.add(row);
        }
        cm.put("matrix", rowsOut);
        out.put("confusion_matrix", cm);
        if (!intervals.isEmpty()) out.put("confidence_intervals", intervalsMap(intervals));
        out.put("warnings", warnings);
        return out;
    }

    static Double json(Double v) {
        return v == null || v.isNaN() ? null : v;
    }

    static LinkedHashMap<String, Object> intervalsMap(Map<String, ConfidenceInterval> intervals) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, ConfidenceInterval> e : intervals.entrySet()) {
            ConfidenceInterval ci = e.getValue();
            LinkedHashMap<String, Object> one = new LinkedHashMap<>();
            one.put("lower", ci.lower());
            one.put("upper", ci.upper());
            one.put("confidence", ci.confidence());
            one.put("resamples", ci.resamples());
            one.put("seed", ci.seed());
            if (ci.skipped() > 0) one.put("skipped", ci.skipped());
            out.put(e.getKey(), one);
        }
        return out;
    }

    private List<String[]> metricRows() {
        List<String[]> r = new ArrayList<>();
        add(r, "accuracy", accuracy);
        add(r, "precision", precision);
        add(r, "recall", recall);
        add(r, "f1", f1);
        if (beta != 1.0) add(r, "fbeta (beta=" + beta + ")", fbeta);
        add(r, "specificity", specificity);
        add(r, "balanced_accuracy", balancedAccuracy);
        add(r, "mcc", mcc);
        add(r, "roc_auc", rocAuc);
        add(r, "average_precision", averagePrecision);
        add(r, "log_loss", logLoss);
        return r;
    }

    private void add(List<String[]> r, String key, Double v) {
        String base = key.contains(" ") ? "fbeta" : key;
        Direction d = MetricsReport.directionOf(base);
        ConfidenceInterval ci = intervals.get(base);
        r.add(new String[] {key, MetricsReport.fmt(v), d == null ? "higher" : d.word(),
                ci == null ? "" : String.format(java.util.Locale.ROOT, "[%.4g, %.4g]", ci.lower(), ci.upper())});
    }

    private String header() {
        return "Classification: " + rows + " rows" + (weighted ? " (weighted)" : "") + ", labels " + labels
                + ", average=" + average + (positive != null && average == Average.BINARY ? ", positive='" + positive + "'" : "")
                + ", zero_division=" + zeroDivision + (multiClass != null ? ", roc_auc " + (multiClass == MultiClass.OVR ? "one-vs-rest" : "one-vs-one") : "");
    }

    @Override public String toText(boolean guide) {
        StringBuilder sb = new StringBuilder(header()).append('\n');
        boolean ci = !intervals.isEmpty();
        sb.append(String.format("  %-20s %-12s %-8s%s%n", "metric", "value", "better", ci ? "  95% CI".replace("95", pct()) : ""));
        for (String[] r : metricRows()) {
            sb.append(String.format("  %-20s %-12s %-8s%s%n", r[0], r[1], r[2], ci ? "  " + r[3] : ""));
        }
        sb.append('\n').append(confusionMatrix.toString());
        if (ci) {
            ConfidenceInterval any = intervals.values().iterator().next();
            sb.append("Intervals: percentile bootstrap, ").append(any.resamples()).append(" resamples, seed ").append(any.seed()).append('\n');
        }
        if (!warnings.isEmpty()) {
            sb.append("Warnings:\n");
            for (String w : warnings) sb.append("  - ").append(w).append('\n');
        }
        return guide ? sb.append('\n').append(MetricsGuide.text("classification")).toString() : sb.toString();
    }

    private String pct() {
        ConfidenceInterval any = intervals.values().iterator().next();
        return String.format(java.util.Locale.ROOT, "%.0f", any.confidence() * 100);
    }

    @Override public String toHtml() {
        List<List<String>> rowsOut = new ArrayList<>();
        boolean ci = !intervals.isEmpty();
        for (String[] r : metricRows()) rowsOut.add(ci ? List.of(r[0], r[1], r[2], r[3]) : List.of(r[0], r[1], r[2]));
        List<String> head = ci ? List.of("metric", "value", "better", pct() + "% CI") : List.of("metric", "value", "better");
        StringBuilder sb = new StringBuilder("<div class=\"holdout-metrics\"><p>").append(Html.escape(header())).append("</p>");
        sb.append(Html.table(head, rowsOut));
        sb.append("<p>Confusion matrix (rows = truth, columns = predicted)</p>").append(confusionMatrix.toHtml());
        if (!warnings.isEmpty()) {
            sb.append("<ul class=\"warnings\">");
            for (String w : warnings) sb.append("<li>").append(Html.escape(w)).append("</li>");
            sb.append("</ul>");
        }
        return sb.append(MetricsGuide.html("classification")).append("</div>").toString();
    }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "ClassificationReport[rows=%d, accuracy=%s, precision=%s, recall=%s, f1=%s, roc_auc=%s]",
                rows, MetricsReport.fmt(accuracy), MetricsReport.fmt(precision), MetricsReport.fmt(recall),
                MetricsReport.fmt(f1), MetricsReport.fmt(rocAuc));
    }
}
