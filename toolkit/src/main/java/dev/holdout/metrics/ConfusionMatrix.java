package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A k×k confusion matrix: {@code count(i, j)} is the (weighted) number of rows whose true class is
 * {@code i} and whose predicted class is {@code j} (rows = truth, columns = prediction, as
 * scikit-learn), with its label order. Every multiclass metric is computed from it.
 *
 * <pre>{@code
 * ConfusionMatrix m = ConfusionMatrix.of(new int[] {0, 1, 2, 2}, new int[] {0, 2, 2, 2}, 3, null)
 *         .withLabels(List.of("ant", "bird", "cat"));
 * m.count(1, 2);                                              // 1.0 (a bird predicted as cat)
 * m.precision(Average.MACRO, -1, ZeroDivision.ZERO);          // (1 + 0 + 2/3) / 3 = 0.5556
 * }</pre>
 */
public final class ConfusionMatrix {
    private final int k;
    private final double[] counts;
    private final boolean[] present;
    private final List<String> labels;

    private ConfusionMatrix(int k, double[] counts, boolean[] present, List<String> labels) {
        this.k = k;
        this.counts = counts;
        this.present = present;
        this.labels = labels;
    }

    /** Counts codes in {@code [0, numClasses)} in one pass; a code outside that range is an error. */
    public static ConfusionMatrix of(int[] truth, int[] predicted, int numClasses, double[] weights) {
        Checks.sameLength(truth.length, predicted.length, "predicted");
        if (numClasses < 1) {
            throw DataValidationException.param("numClasses", numClasses, "must be >= 1", "pass the number of label codes");
        }
        Checks.weights(weights, truth.length);
        int k = numClasses;
        double[] c = new double[k * k];
        boolean[] present = new boolean[k];
        for (int i = 0; i < truth.length; i++) {
            int t = truth[i], p = predicted[i];
            if (t < 0 || t >= k || p < 0 || p >= k) {
                int bad = t < 0 || t >= k ? t : p;
                throw DataValidationException.param((bad == t ? "truth[" : "predicted[") + i + "]", bad,
                        "must be a label code in [0, " + k + ")", "encode labels with LabelVocabulary.of(...).encode(...) first");
            }
            double w = weights == null ? 1.0 : weights[i];
            c[t * k + p] += w;
            // A label counts as present when a row with positive weight carries it. (scikit-learn also
            // keeps labels whose rows all have weight 0; this way integer weights equal repeated rows,
            // which bootstrap resampling by weights relies on.)
            if (w > 0) {
                present[t] = true;
                present[p] = true;
            }
        }
        List<String> names = new ArrayList<>(k);
        for (int i = 0; i < k; i++) names.add(Integer.toString(i));
        return new ConfusionMatrix(k, c, present, List.copyOf(names));
    }

    /** The same matrix with display names for the codes, in code order. */
    public ConfusionMatrix withLabels(List<String> names) {
        if (names.size() != k) {
            throw DataValidationException.param("labels.size", names.size(), "must equal numClasses=" + k, "pass one name per code");
        }
        return new ConfusionMatrix(k, counts, present, List.copyOf(names));
    }

    /**
     * The matrix of only the given label codes (in the given order), e.g. the labels that occur in a
     * slice; rows and columns of other codes must be empty, since they are dropped.
     */
    public ConfusionMatrix restrictTo(int[] codes) {
        int m = codes.length;
        double[] c = new double[m * m];
        boolean[] pr = new boolean[m];
        List<String> names = new ArrayList<>(m);
        for (int i = 0; i < m; i++) {
            pr[i] = present[codes[i]];
            names.add(labels.get(codes[i]));
            for (int j = 0; j < m; j++) c[i * m + j] = counts[codes[i] * k + codes[j]];
        }
        return new ConfusionMatrix(m, c, pr, List.copyOf(names));
    }

    public int numClasses() { return k; }

    /** Label names in row/column order. */
    public List<String> labels() { return labels; }

    public double count(int truthCode, int predictedCode) { return counts[truthCode * k + predictedCode]; }

    /** A copy of the matrix as rows (truth) of columns (prediction). */
    public double[][] toArray() {
        double[][] out = new double[k][];
        for (int i = 0; i < k; i++) out[i] = Arrays.copyOfRange(counts, i * k, i * k + k);
        return out;
    }

    /** True when the class occurs (with positive weight) in the truth or the predictions; averages run over those. */
    public boolean present(int code) { return present[code]; }

    public double total() {
        double s = 0;
        for (double v : counts) s += v;
        return s;
    }

    /** Row sum: the (weighted) number of rows truly in class {@code code}. */
    public double support(int code) {
        double s = 0;
        for (int j = 0; j < k; j++) s += counts[code * k + j];
        return s;
    }

    /** Column sum: the (weighted) number of rows predicted as class {@code code}. */
    public double predictedCount(int code) {
        double s = 0;
        for (int i = 0; i < k; i++) s += counts[i * k + code];
        return s;
    }

    /** One-vs-rest counts of one class. */
    public BinaryCounts binary(int code) {
        double tp = count(code, code);
        double fp = predictedCount(code) - tp;
        double fn = support(code) - tp;
        return new BinaryCounts(tp, fp, fn, total() - tp - fp - fn);
    }

    public double accuracy() {
        double d = 0;
        for (int i = 0; i < k; i++) d += counts[i * k + i];
        return d / total();
    }

    /** Mean recall over classes present in the truth. */
    public double balancedAccuracy() {
        double sum = 0;
        int n = 0;
        for (int i = 0; i < k; i++) {
            double s = support(i);
            if (s > 0) {
                sum += count(i, i) / s;
                n++;
            }
        }
        return sum / n;
    }

    /** Multiclass Matthews correlation (Gorodkin's R_K), 0 when the denominator is 0, as scikit-learn. */
    public double mcc() {
        double nCorrect = 0, n = 0, tp = 0, pp = 0, tt = 0;
        for (int i = 0; i < k; i++) {
            double ts = support(i), ps = predictedCount(i);
            nCorrect += count(i, i);
            n += ts;
            tp += ts * ps;
            pp += ps * ps;
            tt += ts * ts;
        }
        double covYtYp = nCorrect * n - tp;
        double covYpYp = n * n - pp;
        double covYtYt = n * n - tt;
        if (covYpYp * covYtYt == 0) return 0.0;
        return covYtYp / Math.sqrt(covYtYt * covYpYp);
    }

    public double precision(Average average, int positive, ZeroDivision zd) {
        return averaged(Kind.PRECISION, 1.0, average, positive, zd);
    }

    public double recall(Average average, int positive, ZeroDivision zd) {
        return averaged(Kind.RECALL, 1.0, average, positive, zd);
    }

    public double fbeta(double beta, Average average, int positive, ZeroDivision zd) {
        Classification.checkBeta(beta);
        return averaged(Kind.F, beta, average, positive, zd);
    }

    public double f1(Average average, int positive, ZeroDivision zd) {
        return fbeta(1.0, average, positive, zd);
    }

    /** Specificity (true negative rate) of one class against the rest. */
    public double specificity(int code, ZeroDivision zd) {
        return binary(code).specificity(zd);
    }

    /** Specificity averaged like the other metrics (micro = over pooled one-vs-rest counts). */
    public double specificity(Average average, int positive, ZeroDivision zd) {
        return averaged(Kind.SPECIFICITY, 1.0, average, positive, zd);
    }

    /**
     * The classes whose precision, recall or F-beta hit a zero denominator under this averaging, e.g.
     * {@code ["precision: label 'b' has no predicted rows"]}; empty when nothing was undefined.
     */
    public List<String> zeroDivisionWarnings(Average average, int positive) {
        List<String> out = new ArrayList<>();
        if (average == Average.MICRO) {
            // Pooled counts: undefined only when there are no rows at all, which is rejected earlier.
            return out;
        }
        for (int c : classesFor(average, positive)) {
            BinaryCounts b = binary(c);
            String name = "label '" + labels.get(c) + "'";
            if (b.precisionUndefined()) out.add("precision: " + name + " was never predicted (tp + fp = 0)");
            if (b.recallUndefined()) out.add("recall: " + name + " never occurs in the truth (tp + fn = 0)");
            if (b.fUndefined()) out.add("f1: " + name + " has tp + fp + fn = 0");
            if (b.tn() + b.fp() == 0) out.add("specificity: every row is " + name + " (tn + fp = 0)");
        }
        return out;
    }

    private enum Kind { PRECISION, RECALL, F, SPECIFICITY }

    private int[] classesFor(Average average, int positive) {
        if (average == Average.BINARY) {
            if (positive < 0 || positive >= k) {
                throw DataValidationException.param("positive", positive, "must be a label code in [0, " + k + ")",
                        "name the positive label");
            }
            int nPresent = 0;
            for (boolean p : present) nPresent += p ? 1 : 0;
            if (nPresent > 2) {
                throw DataValidationException.param("average", "binary",
                        "needs at most two classes, but there are " + nPresent + " " + labels,
                        "use --average micro, macro or weighted for multiclass data");
            }
            return new int[] {positive};
        }
        int n = 0;
        for (boolean p : present) n += p ? 1 : 0;
        int[] out = new int[n];
        for (int i = 0, j = 0; i < k; i++) if (present[i]) out[j++] = i;
        return out;
    }

    private static double value(Kind kind, BinaryCounts b, double beta, ZeroDivision zd) {
        return switch (kind) {
            case PRECISION -> b.precision(zd);
            case RECALL -> b.recall(zd);
            case F -> b.fbeta(beta, zd);
            case SPECIFICITY -> b.specificity(zd);
        };
    }

    private double averaged(Kind kind, double beta, Average average, int positive, ZeroDivision zd) {
        int[] classes = classesFor(average, positive);
        if (average == Average.BINARY) return value(kind, binary(positive), beta, zd);
        if (average == Average.MICRO) {
            double tp = 0, fp = 0, fn = 0, tn = 0;
            for (int c : classes) {
                BinaryCounts b = binary(c);
                tp += b.tp();
                fp += b.fp();
                fn += b.fn();
                tn += b.tn();
            }
            return value(kind, new BinaryCounts(tp, fp, fn, tn), beta, zd);
        }
        double sum = 0, wsum = 0;
        for (int c : classes) {
            double v = value(kind, binary(c), beta, zd);
            if (Double.isNaN(v)) continue; // zero_division=nan leaves the class out of the average
            double w = average == Average.WEIGHTED ? support(c) : 1.0;
            sum += w * v;
            wsum += w;
        }
        if (wsum == 0) return zd.value();
        return sum / wsum;
    }

    /** Plain-text grid with the label order on both axes. */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder("ConfusionMatrix (rows = truth, columns = predicted)\n");
        int width = 6;
        for (String l : labels) width = Math.max(width, l.length() + 1);
        for (int i = 0; i < k; i++) width = Math.max(width, fmt(support(i)).length() + 1);
        sb.append(String.format("%" + width + "s", ""));
        for (String l : labels) sb.append(String.format("%" + width + "s", l));
        sb.append('\n');
        for (int i = 0; i < k; i++) {
            sb.append(String.format("%" + width + "s", labels.get(i)));
            for (int j = 0; j < k; j++) sb.append(String.format("%" + width + "s", fmt(count(i, j))));
            sb.append('\n');
        }
        return sb.toString();
    }

    /** HTML table (rows = truth, columns = predicted). */
    public String toHtml() {
        List<String> header = new ArrayList<>();
        header.add("truth \\ predicted");
        header.addAll(labels);
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < k; i++) {
            List<String> row = new ArrayList<>();
            row.add(labels.get(i));
            for (int j = 0; j < k; j++) row.add(fmt(count(i, j)));
            rows.add(row);
        }
        return Html.table(header, rows);
    }

    static String fmt(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : String.format("%.4g", v);
    }

    @Override public boolean equals(Object o) {
        return o instanceof ConfusionMatrix m && m.k == k && Arrays.equals(m.counts, counts) && m.labels.equals(labels);
    }

    @Override public int hashCode() { return Arrays.hashCode(counts) * 31 + labels.hashCode(); }
}
