package dev.holdout.cli;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvColumns;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.InputFiles;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.Bootstrap;
import dev.holdout.metrics.Metric;
import dev.holdout.metrics.PairedTests;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout compare}: two models' predictions on the same test rows, compared with paired tests (McNemar on
 * the predicted labels, DeLong on the scores, a paired bootstrap of a metric's difference) and a plain-words verdict.
 *
 * <pre>
 * holdout compare --input preds.csv --label label --score-a xgb --score-b logreg --format json
 * </pre>
 */
@Command(name = "compare", mixinStandardHelpOptions = true,
        description = {"Compare two models on the same test rows: McNemar's test on their predicted labels, DeLong's test of their ROC AUCs, "
                + "and a paired bootstrap of a metric's difference, each with what it means in plain words.",
                "Without --prediction-a/-b the labels are the scores thresholded at 0.5 (score >= 0.5 is the positive label)."})
final class CompareCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", required = true, description = "CSV with the true label and both models' scores, one row per test row.")
    Path input;

    @Option(names = "--label", paramLabel = "COL", required = true, description = "Column with the true label (two classes).")
    String label;

    @Option(names = "--score-a", paramLabel = "COL", required = true, description = "Model A's probability of the positive class.")
    String scoreA;

    @Option(names = "--score-b", paramLabel = "COL", required = true, description = "Model B's probability of the positive class.")
    String scoreB;

    @Option(names = "--prediction-a", paramLabel = "COL", description = "Model A's predicted label (default: score-a >= 0.5).")
    String predictionA;

    @Option(names = "--prediction-b", paramLabel = "COL", description = "Model B's predicted label (default: score-b >= 0.5).")
    String predictionB;

    @Option(names = "--positive", paramLabel = "LABEL", description = "The positive label (default 1 for numeric labels; required for text labels).")
    String positive;

    @Option(names = "--metric", paramLabel = "M", defaultValue = "roc_auc", description = "Metric of the paired bootstrap (default roc_auc; any classification metric).")
    String metric;

    @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "1000", description = "Resamples of the paired bootstrap (default 1000).")
    int bootstrap;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the bootstrap (default 42; recorded in the output).")
    long seed;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95", description = "Confidence level of the intervals (default 0.95).")
    double confidence;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table", description = "table | json (default table).")
    String format;

    @Override public Integer call() {
        if (!format.equals("json") && !format.equals("table")) {
            throw DataValidationException.param("format", format, "must be json or table", "pass --format json or --format table");
        }
        if ((predictionA == null) != (predictionB == null)) {
            throw DataValidationException.param(predictionA == null ? "prediction-a" : "prediction-b", "(none)",
                    "give both models' predicted labels or neither", "pass --prediction-a COL --prediction-b COL, or drop both");
        }
        Metric m = Metric.byName(metric);
        if (m.isRegression()) {
            throw DataValidationException.param("metric", metric, "is a regression metric; compare compares classifiers", "pass roc_auc, accuracy, f1 ...");
        }
        Bootstrap.Spec boot = new Bootstrap.Spec(bootstrap, seed, confidence);
        InputFiles.requireReadable(input, "input");

        List<String> text = new ArrayList<>(List.of(label));
        if (predictionA != null) {
            text.add(predictionA);
            text.add(predictionB);
        }
        CsvReader r = CsvReader.open(input);
        List<String> all = new ArrayList<>();
        for (String c : text) {
            r = r.withType(c, ColumnKind.TEXT, "labels are read as text");
            if (!all.contains(c)) all.add(c);
        }
        for (String c : List.of(scoreA, scoreB)) {
            if (text.contains(c)) throw DataValidationException.param("score", c, "is also a label column", "name the score columns");
            r = r.withType(c, ColumnKind.NUMBER, "scores are numbers");
            if (!all.contains(c)) all.add(c);
        }
        CsvColumns cols = r.columns(all).readAll();
        if (cols.rowCount() == 0) {
            throw DataValidationException.at(input.toString(), 2, null, null, "the file has a header but no data rows; compare needs test rows");
        }
        for (String c : all) {
            int i = cols.firstMissing(c);
            if (i >= 0) {
                throw DataValidationException.at(input.toString(), cols.line(i), c, "", "the value is missing; compare needs a value in every row: drop or fix the row");
            }
        }
        String[] truthRaw = trimmed(cols.strings(label));
        for (int i = 0; i < truthRaw.length; i++) {
            String why = LabelVocabulary.whyNotALabel(truthRaw[i]);
            if (why != null) throw DataValidationException.at(input.toString(), cols.line(i), label, truthRaw[i], why);
        }
        LabelVocabulary labels = LabelVocabulary.of(new java.util.LinkedHashSet<>(List.of(truthRaw)));
        if (labels.size() > 2) {
            throw DataValidationException.param("label", label, "has " + labels.size() + " labels " + labels.names() + "; compare needs two classes",
                    "compare binary classifiers (one label against the rest: make a 0/1 column)");
        }
        String pos = positiveLabel(labels);
        int[] truth = new int[truthRaw.length];
        for (int i = 0; i < truth.length; i++) truth[i] = isPositive(labels, truthRaw[i], pos) ? 1 : 0;
        double[] sa = cols.numbers(scoreA), sb = cols.numbers(scoreB);
        checkProbabilities(cols, sa, scoreA);
        checkProbabilities(cols, sb, scoreB);
        int[] pa = predictionA == null ? threshold(sa) : coded(cols, predictionA, labels, pos);
        int[] pb = predictionB == null ? threshold(sb) : coded(cols, predictionB, labels, pos);

        PairedTests.McNemar mc = PairedTests.mcnemar(truth, pa, pb);
        PairedTests.DeLong dl = PairedTests.delong(truth, sa, sb, 1, confidence);
        double[] t = new double[truth.length];
        for (int i = 0; i < t.length; i++) t[i] = truth[i];
        double[] a = m.input() == Metric.Input.SCORES ? sa : toDouble(pa), b = m.input() == Metric.Input.SCORES ? sb : toDouble(pb);
        PairedTests.BootstrapDifference bd = PairedTests.bootstrapDifference(m, t, a, b, null, boot);

        LinkedHashMap<String, Object> json = new LinkedHashMap<>();
        json.put("rows", truth.length);
        json.put("positive", pos);
        LinkedHashMap<String, Object> mj = new LinkedHashMap<>();
        mj.put("statistic", mc.statistic());
        mj.put("p_value", mc.pValue());
        mj.put("discordant", List.of(mc.b(), mc.c()));
        mj.put("method", mc.method());
        mj.put("predictions", predictionA == null ? "scores >= 0.5" : predictionA + ", " + predictionB);
        json.put("mcnemar", mj);
        LinkedHashMap<String, Object> dj = new LinkedHashMap<>();
        dj.put("auc_a", dl.aucA());
        dj.put("auc_b", dl.aucB());
        dj.put("difference", dl.difference());
        dj.put("z", finiteOrNull(dl.z()));
        dj.put("p_value", dl.pValue());
        dj.put("ci_low", dl.ciLow());
        dj.put("ci_high", dl.ciHigh());
        json.put("delong", dj);
        LinkedHashMap<String, Object> bj = new LinkedHashMap<>();
        bj.put("metric", bd.metric());
        bj.put("difference", bd.difference());
        bj.put("ci_low", bd.ciLow());
        bj.put("ci_high", bd.ciHigh());
        bj.put("resamples", bootstrap);
        bj.put("seed", seed);
        bj.put("confidence", confidence);
        json.put("bootstrap_difference", bj);
        json.put("verdict", verdict(mc, dl, bd));
        json.put("minimum_detectable_difference", detectable(mc, truth.length));

        PrintWriter out = spec.commandLine().getOut();
        if (format.equals("json")) {
            out.println(StrictJson.pretty(json));
        } else {
            out.printf(Locale.ROOT, "%d test rows, positive label %s%n", truth.length, pos);
            out.printf(Locale.ROOT, "McNemar (%s): discordant A-only %d, B-only %d, p = %.4g%n  %s%n", mc.method(), mc.b(), mc.c(), mc.pValue(), mc.verdict());
            out.printf(Locale.ROOT, "DeLong: ROC AUC A %.4f, B %.4f, difference %.4f [%.4f, %.4f], p = %.4g%n  %s%n", dl.aucA(), dl.aucB(), dl.difference(),
                    dl.ciLow(), dl.ciHigh(), dl.pValue(), dl.verdict());
            out.printf(Locale.ROOT, "Paired bootstrap of %s: difference %.4f [%.4f, %.4f]%n  %s%n", bd.metric(), bd.difference(), bd.ciLow(), bd.ciHigh(),
                    bd.verdict());
            out.println("Verdict: " + json.get("verdict"));
        }
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    /** The smallest accuracy difference these rows detect (80% power, 5% level) at the observed disagreement, or null when the models never disagree. */
    private static Object detectable(PairedTests.McNemar mc, int rows) {
        double disagree = (double) (mc.b() + mc.c()) / rows;
        if (disagree == 0) return null;
        return PairedTests.minimumDetectableDifference(rows, disagree, PairedTests.ALPHA, 0.8);
    }

    /** One sentence: the ranking comparison (DeLong) first, then the labels (McNemar), then the chosen metric. */
    static String verdict(PairedTests.McNemar mc, PairedTests.DeLong dl, PairedTests.BootstrapDifference bd) {
        return "ranking: " + dl.verdict() + "; labels: " + mc.verdict() + "; " + bd.verdict();
    }

    private String positiveLabel(LabelVocabulary labels) {
        if (positive != null) {
            String p = positive.strip();
            if (!labels.contains(p) && labels.size() == 2) {
                throw DataValidationException.param("positive", p, "is not one of the labels " + labels.names(), "pass --positive " + labels.name(labels.size() - 1));
            }
            return p;
        }
        if (labels.numeric()) return "1";
        throw DataValidationException.param("positive", null, "must be given for text labels " + labels.names(),
                "pass --positive " + labels.name(labels.size() - 1));
    }

    private static boolean isPositive(LabelVocabulary labels, String raw, String pos) {
        int p = labels.codeOf(pos);
        return p >= 0 && labels.codeOf(raw) == p;
    }

    private int[] coded(CsvColumns cols, String column, LabelVocabulary truthLabels, String pos) {
        String[] raw = trimmed(cols.strings(column));
        for (int i = 0; i < raw.length; i++) {
            String why = LabelVocabulary.whyNotALabel(raw[i]);
            if (why != null) throw DataValidationException.at(input.toString(), cols.line(i), column, raw[i], why);
        }
        LabelVocabulary both = truthLabels.union(LabelVocabulary.of(new java.util.LinkedHashSet<>(List.of(raw))));
        if (both.size() > 2) {
            throw DataValidationException.param(column.equals(predictionA) ? "prediction-a" : "prediction-b", column,
                    "holds labels " + both.names() + " besides the truth's; compare needs the same two classes", "predict the truth's labels");
        }
        int posCode = both.codeOf(pos);
        int[] out = new int[raw.length];
        for (int i = 0; i < raw.length; i++) out[i] = posCode >= 0 && both.codeOf(raw[i]) == posCode ? 1 : 0;
        return out;
    }

    private void checkProbabilities(CsvColumns cols, double[] s, String column) {
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] >= 0 && s[i] <= 1)) {
                throw DataValidationException.at(input.toString(), cols.line(i), column, Double.toString(s[i]),
                        "score " + s[i] + " is not a probability in [0, 1]; pass the predicted probability of the positive class");
            }
        }
    }

    private static int[] threshold(double[] s) {
        int[] out = new int[s.length];
        for (int i = 0; i < s.length; i++) out[i] = s[i] >= 0.5 ? 1 : 0;
        return out;
    }

    private static double[] toDouble(int[] a) {
        double[] out = new double[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i];
        return out;
    }

    private static String[] trimmed(String[] a) {
        String[] out = new String[a.length];
        for (int i = 0; i < a.length; i++) out[i] = a[i].trim();
        return out;
    }

    private static Double finiteOrNull(double v) { return Double.isFinite(v) ? v : null; }
}
