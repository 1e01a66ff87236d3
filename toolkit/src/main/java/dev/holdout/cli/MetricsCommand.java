package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvColumns;
import dev.holdout.data.CsvReader;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.io.OutputFile;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.Average;
import dev.holdout.metrics.Bootstrap;
import dev.holdout.metrics.Calibration;
import dev.holdout.metrics.ClassificationOptions;
import dev.holdout.metrics.ClassificationReport;
import dev.holdout.metrics.Curve;
import dev.holdout.metrics.CurveBand;
import dev.holdout.metrics.MetricsGuide;
import dev.holdout.metrics.MetricsReport;
import dev.holdout.metrics.RegressionCharts;
import dev.holdout.metrics.RegressionReport;
import dev.holdout.metrics.MultiClass;
import dev.holdout.metrics.Scores;
import dev.holdout.metrics.SlicedReport;
import dev.holdout.metrics.ZeroDivision;
import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout metrics}: evaluates a predictions CSV. It streams only the named columns with
 * {@link CsvReader} (no table is built, the file is not held), so a few million rows take about a second.
 *
 * <pre>
 * holdout metrics --input preds.csv --label label --prediction prediction --score score --format json
 * holdout metrics --input predictions.csv --label species --prediction predicted_label --score p_setosa,p_versicolor,p_virginica
 * holdout metrics --input preds.csv --label y --prediction yhat --task regression --group-by region
 * holdout metrics --explain
 * </pre>
 */
@Command(name = "metrics", mixinStandardHelpOptions = true,
        description = {"Compute classification or regression metrics from a predictions CSV.",
                "Classification: accuracy, precision, recall, f1, specificity, balanced_accuracy, mcc, roc_auc, "
                        + "average_precision, log_loss, confusion_matrix. Regression: mse, rmse, mae, r2, mape, median_ae, "
                        + "explained_variance. A metric that cannot be defined is null, with the reason under warnings."})
final class MetricsCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--input", paramLabel = "FILE", description = "Predictions CSV with a header row.")
    Path input;

    @Option(names = "--label", paramLabel = "COL", description = "Column with the true label or value.")
    String label;

    @Option(names = "--prediction", paramLabel = "COL", description = "Column with the predicted label or value.")
    String prediction;

    @Option(names = "--score", paramLabel = "COL[,COL...]",
            description = "Column with the probability of the positive class (binary): enables roc_auc, average_precision, log_loss. "
                    + "Several columns (p_a,p_b,p_c, as holdout predict writes them; the class is the name after p_) are class "
                    + "probabilities: multiclass roc_auc (see --multi-class) and log_loss.")
    String score;

    @Option(names = "--multi-class", paramLabel = "ovr|ovo", defaultValue = "ovr",
            description = "Multiclass ROC AUC with class probabilities: ovr (one-vs-rest, default) or ovo (one-vs-one), "
                    + "averaged as --average (macro or weighted; micro for ovr), as scikit-learn.")
    String multiClass;

    @Option(names = "--no-guide", description = "Leave the plain-words guide out of the table output.")
    boolean noGuide;

    @Option(names = "--task", paramLabel = "TASK", description = "classification | regression (default: classification "
            + "when --score is given or the labels look categorical, else regression).")
    String task;

    @Option(names = "--average", paramLabel = "AVG", description = "binary | micro | macro | weighted (default: binary for two classes, macro for more).")
    String average;

    @Option(names = "--positive", paramLabel = "LABEL", description = "The positive label for binary metrics and --score (default: 1 for numeric labels, even when 1 "
                    + "does not occur; required for two text labels).")
    String positive;

    @Option(names = "--zero-division", paramLabel = "0|1|nan", defaultValue = "0",
            description = "Value of precision/recall/F1 when undefined (default 0; reported under warnings).")
    String zeroDivision;

    @Option(names = "--beta", paramLabel = "B", defaultValue = "1", description = "Also report F-beta with this beta (default 1 = F1 only).")
    double beta;

    @Option(names = "--weight", paramLabel = "COL", description = "Column of non-negative sample weights.")
    String weight;

    @Option(names = "--group-by", paramLabel = "COL", description = "Report each value of this column separately.")
    String groupBy;

    @Option(names = "--bootstrap", paramLabel = "N", description = "Percentile bootstrap confidence intervals with N resamples (needs --seed).")
    Integer bootstrap;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of the bootstrap resampling.")
    Long seed;

    @Option(names = "--confidence", paramLabel = "C", defaultValue = "0.95", description = "Confidence level of the intervals (default 0.95).")
    double confidence;

    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table", description = "table | json (default table).")
    String format;

    @Option(names = "--html", paramLabel = "FILE", description = "Also write the report as a standalone HTML page.")
    Path html;

    @Option(names = "--charts", paramLabel = "DIR", description = "Write roc.png and precision-recall.png (binary "
            + "classification with --score; with --bootstrap, with their confidence bands), or predicted-vs-actual.png and residuals.png (regression).")
    Path charts;

    @Option(names = "--target-precision", paramLabel = "P",
            description = "Also choose the lowest score threshold whose precision is at least P (binary with --score).")
    Double targetPrecision;

    @Option(names = "--target-recall", paramLabel = "R",
            description = "Also choose the highest score threshold whose recall is at least R (binary with --score).")
    Double targetRecall;

    @Option(names = "--calibration-bins", paramLabel = "B",
            description = "Also report calibration: brier, ece and calibration_curve over B bins (binary with --score).")
    Integer calibrationBins;

    @Option(names = "--calibration-strategy", paramLabel = "S", defaultValue = "uniform",
            description = "uniform | quantile: equal-width bins or bins at the scores' quantiles (default uniform).")
    String calibrationStrategy;

    @Option(names = "--explain", description = "Print the plain-words guide to the metrics and exit.")
    boolean explain;

    @picocli.CommandLine.Mixin TypesOption types;

    @picocli.CommandLine.Mixin EngineOption engine;

    @Option(names = "--score-bins", paramLabel = "B", description = "--engine spark: round scores down to multiples of 1/B before aggregating "
            + "(bounded driver memory; roc_auc and average_precision are then exact for the rounded scores). Default: exact.")
    Integer scoreBins;

    @Override public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        if (explain) {
            out.print(MetricsGuide.text());
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
        require(input, "input", "pass --input predictions.csv");
        require(label, "label", "name the column with the true labels: --label COL");
        require(prediction, "prediction", "name the column with the predictions: --prediction COL");
        if (!format.equals("json") && !format.equals("table")) {
            throw DataValidationException.param("format", format, "must be json or table", "pass --format json or --format table");
        }
        if (bootstrap != null && seed == null) {
            throw DataValidationException.param("seed", null, "--bootstrap needs a seed so the intervals can be reproduced",
                    "add --seed 42 (any integer)");
        }
        Bootstrap.Spec boot = bootstrap == null ? null : new Bootstrap.Spec(bootstrap, seed, confidence);
        Calibration.Strategy calStrategy = Calibration.Strategy.parse(calibrationStrategy);
        if (calibrationBins != null && calibrationBins < 1) {
            throw DataValidationException.param("calibration-bins", calibrationBins, "must be >= 1", "pass --calibration-bins 10");
        }
        if (calibrationBins == null && !calibrationStrategy.equals("uniform")) {
            throw DataValidationException.param("calibration-strategy", calibrationStrategy, "has no effect without --calibration-bins",
                    "add --calibration-bins 10");
        }
        // the files this run may write are checked (and locked) before the input is read
        try (OutputFile htmlOut = html == null ? null : OutputFile.at(html).named("--html").input("--input", input).claim();
             OutputFile rocOut = charts == null ? null : OutputFile.at(charts.resolve("roc.png")).named("--charts").input("--input", input).claim();
             OutputFile prOut = charts == null ? null
                     : OutputFile.at(charts.resolve("precision-recall.png")).named("--charts").input("--input", input).claim()) {
            this.rocOut = rocOut;
            this.prOut = prOut;
            return evaluate(out, boot, htmlOut);
        }
    }

    private OutputFile rocOut, prOut;

    private Integer evaluate(PrintWriter out, Bootstrap.Spec boot, OutputFile htmlOut) throws Exception {
        List<String> notes = new ArrayList<>();
        boolean distributed = engine.distributed();
        if (!distributed && scoreBins != null) {
            throw DataValidationException.param("--score-bins", scoreBins, "only applies with --engine spark", "drop it (the local run is exact)");
        }
        if (distributed) {
            EngineOption.refuse(bootstrap, "--bootstrap", "resampling needs every row in one place");
            EngineOption.refuse(html, "--html", "charts need every score");
            EngineOption.refuse(charts, "--charts", "charts need every score");
            EngineOption.refuse(targetPrecision, "--target-precision", "thresholds need the whole curve");
            EngineOption.refuse(targetRecall, "--target-recall", "thresholds need the whole curve");
            EngineOption.refuse(types.kinds().isEmpty() ? null : types.kinds(), "--types", "Spark reads the columns as text and parses them itself");
        }
        boolean classification = decideTask(notes);
        requireChartable(classification);
        MetricsReport report;
        if (distributed) {
            dev.holdout.data.InputFiles.requireReadable(input, "--input");
            report = withNotes(engine.load().metrics(input, engine.masterOrDefault(), label, prediction, score, weight, groupBy, classification,
                    new ClassificationOptions(average == null ? null : Average.parse(average), positive == null ? null : positive.strip(),
                            ZeroDivision.parse(zeroDivision), beta), scoreBins == null ? 0 : scoreBins), notes);
        } else {
            report = classification ? classification(boot, notes) : regression(boot, notes);
        }

        LinkedHashMap<String, Object> thresholds = thresholds(report);
        thresholds.putAll(calibration(report));
        if (format.equals("json")) {
            LinkedHashMap<String, Object> map = report.toMap();
            if (!thresholds.isEmpty()) {
                // keep warnings last
                Object warnings = map.remove("warnings");
                map.putAll(thresholds);
                map.put("warnings", warnings);
            }
            out.println(StrictJson.pretty(map));
        } else {
            String text = report.toText(!noGuide);
            if (!thresholds.isEmpty()) {
                StringBuilder t = new StringBuilder();
                thresholds.forEach((k, v) -> t.append(k).append(": ").append(v instanceof Map<?, ?> m ? text(m) : v).append('\n'));
                int guide = text.indexOf("How to read these metrics");
                text = guide > 0 ? text.substring(0, guide) + t + "\n" + text.substring(guide) : text + t;
            }
            out.print(text);
        }
        out.flush();
        if (htmlOut != null) {
            htmlOut.write(Html.page("Metrics: " + input.getFileName(), report.toHtml() + chartsHtml()).getBytes(StandardCharsets.UTF_8));
        }
        return HoldoutCli.EXIT_OK;
    }

    /** Threshold choices for --target-precision / --target-recall; a target out of reach is null with a warning. */
    private LinkedHashMap<String, Object> thresholds(MetricsReport report) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        if (targetPrecision == null && targetRecall == null) return out;
        if (pr == null && report instanceof ClassificationReport c && c.positive() != null && score != null && scoreColumns().size() == 1
                && c.averagePrecision() != null) {
            pr = Scores.precisionRecallCurve(lastTruth, cols.numbers(score), positiveCode, lastWeights);
        }
        if (pr == null) {
            throw DataValidationException.param(targetPrecision != null ? "target-precision" : "target-recall",
                    targetPrecision != null ? targetPrecision : targetRecall,
                    "needs binary classification with --score, without --group-by, and positive rows in the truth",
                    "add --score COL, or drop the option");
        }
        if (targetPrecision != null) out.put("threshold_for_precision", choice(targetPrecision, true, report));
        if (targetRecall != null) out.put("threshold_for_recall", choice(targetRecall, false, report));
        return out;
    }

    /** brier, ece and calibration_curve for --calibration-bins (binary with --score, without --group-by). */
    private LinkedHashMap<String, Object> calibration(MetricsReport report) {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        if (calibrationBins == null) return out;
        if (!(report instanceof ClassificationReport c) || c.positive() == null || score == null || positiveCode < 0) {
            throw DataValidationException.param("calibration-bins", calibrationBins,
                    "needs binary classification with --score (the probability of the positive class), without --group-by",
                    "add --score COL, or drop the option");
        }
        Calibration.Curve curve = Calibration.curve(lastTruth, cols.numbers(score), positiveCode, lastWeights, calibrationBins,
                Calibration.Strategy.parse(calibrationStrategy));
        out.put("brier", curve.brier());
        out.put("ece", curve.ece());
        out.put("calibration_curve", curve.toMap());
        reliability = curve;
        return out;
    }

    private Calibration.Curve reliability;

    private Object choice(double target, boolean precision, MetricsReport report) {
        dev.holdout.metrics.ThresholdChoice c;
        try {
            c = precision ? pr.thresholdForPrecision(target) : pr.thresholdForRecall(target);
        } catch (DataValidationException e) {
            if (target <= 0 || target > 1) throw e;
            LinkedHashMap<String, Object> none = new LinkedHashMap<>();
            none.put("target", target);
            none.put("threshold", null);
            none.put("reason", e.getMessage());
            return none;
        }
        LinkedHashMap<String, Object> m = new LinkedHashMap<>();
        m.put("target", target);
        m.put("threshold", c.threshold());
        m.put("precision", c.precision());
        m.put("recall", c.recall());
        m.put("false_positive_rate", c.falsePositiveRate());
        return m;
    }

    /** A nested JSON object as one line: arrays of numbers written out, not as Java array names. */
    private static String text(Map<?, ?> m) {
        StringBuilder b = new StringBuilder("{");
        m.forEach((k, v) -> {
            if (b.length() > 1) b.append(", ");
            b.append(k).append('=').append(v instanceof double[] d ? java.util.Arrays.toString(d) : String.valueOf(v));
        });
        return b.append('}').toString();
    }

    private static void require(Object value, String name, String fix) {
        if (value == null) throw DataValidationException.param(name, null, "is required", fix);
    }

    /** Explicit --task, else classification with --score or categorical-looking labels, else regression. */
    private boolean decideTask(List<String> notes) {
        if (task != null) {
            String t = task.trim().toLowerCase(java.util.Locale.ROOT);
            if (t.equals("classification")) return true;
            if (t.equals("regression")) return false;
            throw DataValidationException.param("task", task, "must be classification or regression", "pass --task classification or --task regression");
        }
        if (score != null) return true;
        ColumnKind declared = types.kinds().getOrDefault(label, types.kinds().get(prediction));
        if (declared != null) {
            notes.add("task: not given; --types declares '" + (types.kinds().containsKey(label) ? label : prediction) + "' " + declared
                    + ", so the file is read as " + (declared.isNumeric() ? "regression" : "classification") + "; pass --task to choose");
            return !declared.isNumeric();
        }
        CsvColumns sample = read(List.of(label, prediction), List.of(), 2000);
        LabelVocabulary values = LabelVocabulary.ofCategories(labels(sample, label).values())
                .union(LabelVocabulary.ofCategories(labels(sample, prediction).values()));
        boolean numeric = values.numeric(), integral = true;
        for (int c = 0; c < values.size() && numeric; c++) {
            double d = values.number(c);
            if (d != Math.rint(d)) integral = false;
        }
        boolean regression = numeric && (!integral || values.size() > 20);
        notes.add("task: not given; treating the file as " + (regression ? "regression" : "classification")
                + " (" + (regression ? "numeric values that are not a few class codes" : "labels look categorical")
                + "); pass --task to choose");
        return !regression;
    }

    private CsvColumns cols;
    private int positiveCode = -1;

    /**
     * Reads the columns this run uses with the one CSV reader (same quoting, encoding, missing tokens and
     * number rule as every verb): {@code text} columns as raw text, {@code numbers} as finite numbers.
     */
    private CsvColumns read(List<String> text, List<String> numbers, long limit) {
        CsvReader r = CsvReader.open(input);
        for (Map.Entry<String, ColumnKind> e : types.kinds().entrySet()) r = r.withType(e.getKey(), e.getValue());
        List<String> all = new ArrayList<>();
        for (String c : text) {
            if (numbers.contains(c)) {
                throw DataValidationException.param("group-by", c, "is also read as numbers here", "group by another column");
            }
            if (!types.kinds().containsKey(c)) r = r.withType(c, ColumnKind.TEXT, "labels are read as text");
            if (!all.contains(c)) all.add(c);
        }
        for (String c : numbers) {
            r = r.withType(c, ColumnKind.NUMBER, "metrics read this column as numbers");
            if (!all.contains(c)) all.add(c);
        }
        CsvColumns c = r.columns(all).limit(limit).readAll();
        for (String name : all) {
            int i = c.firstMissing(name);
            if (i >= 0) {
                throw DataValidationException.at(input.toString(), c.line(i), name, "",
                        "the value is missing (blank, NA, N/A, NaN, null and NULL are missing values); metrics need a value in every row: "
                                + "drop or fix the row");
            }
        }
        return c;
    }

    /**
     * A label column as the reader gives it: one code per distinct value with blanks around it trimmed, in
     * order of first appearance; {@link LabelVocabulary#recode} puts the codes in the one label order.
     */
    private record LabelColumn(int[] codes, List<String> values) {}

    private static LabelColumn labels(CsvColumns c, String column) {
        if (c.kind(column) != ColumnKind.TEXT) {
            throw DataValidationException.param("types", column + "=" + c.kind(column), "classification reads labels as text",
                    "drop the type of '" + column + "' from --types, or pass --task regression");
        }
        List<String> raw = c.values(column);
        Map<String, Integer> byTrimmed = new LinkedHashMap<>();
        int[] map = new int[raw.size()];
        for (int i = 0; i < map.length; i++) map[i] = byTrimmed.computeIfAbsent(raw.get(i).trim(), k -> byTrimmed.size());
        int[] codes = c.codes(column);
        int[] out = new int[codes.length];
        for (int i = 0; i < out.length; i++) out[i] = map[codes[i]];
        return new LabelColumn(out, List.copyOf(byTrimmed.keySet()));
    }

    private MetricsReport classification(Bootstrap.Spec boot, List<String> notes) {
        bootSpec = boot;
        List<String> text = new ArrayList<>(List.of(label, prediction));
        if (groupBy != null) text.add(groupBy);
        List<String> numbers = new ArrayList<>(scoreColumns());
        if (weight != null) numbers.add(weight);
        cols = read(text, numbers, Long.MAX_VALUE);
        requireRows();
        LabelColumn t = labels(cols, label), p = labels(cols, prediction);
        checkLabels(t, label);
        checkLabels(p, prediction);
        // One label space over truth and predictions, in the one order; "1" and "1.0" are the same class.
        List<String> scoreColumns = scoreColumns();
        LabelVocabulary seen = LabelVocabulary.of(t.values()).union(LabelVocabulary.of(p.values()));
        // with class probabilities a class no row has still has its column
        LabelVocabulary labels = scoreColumns.size() > 1 ? seen.union(LabelVocabulary.of(scoreClasses(scoreColumns))) : seen;
        int[] truth = labels.recode(t.codes(), t.values());
        int[] pred = labels.recode(p.codes(), p.values());
        double[] w = weights();
        double[] s = scoreColumns.size() == 1 ? cols.numbers(score) : null;
        if (s != null) checkProbabilities(s);
        ClassificationOptions o = new ClassificationOptions(average == null ? null : Average.parse(average),
                positive == null ? null : positive.strip(), ZeroDivision.parse(zeroDivision), beta, MultiClass.parse(multiClass));
        if (scoreColumns.size() > 1) {
            double[][] probability = probabilities(scoreColumns, labels);
            if (groupBy == null) return withNotes(ClassificationReport.ofCodes(truth, pred, labels, probability, w, o, boot), notes);
            LabelVocabulary groups = groupVocabulary();
            return SlicedReport.of(groupBy, groupCodes(groups), groups.names(), rows -> ClassificationReport.ofSlice(
                    SlicedReport.take(truth, rows), SlicedReport.take(pred, rows), labels, SlicedReport.take(probability, rows),
                    SlicedReport.take(w, rows), o, boot));
        }
        if (groupBy == null) {
            ClassificationReport rep = ClassificationReport.ofCodes(truth, pred, labels, s, w, o, boot);
            if (rep.positive() != null && labels.contains(rep.positive())) positiveCode = labels.codeOf(rep.positive());
            lastTruth = truth;
            lastWeights = w;
            writeCharts(truth, s, w);
            return withNotes(rep, notes);
        }
        LabelVocabulary groups = groupVocabulary();
        SlicedReport sliced = SlicedReport.of(groupBy, groupCodes(groups), groups.names(), rows -> ClassificationReport.ofSlice(
                SlicedReport.take(truth, rows), SlicedReport.take(pred, rows), labels, SlicedReport.take(s, rows),
                SlicedReport.take(w, rows), o, boot));
        return sliced;
    }

    private MetricsReport regression(Bootstrap.Spec boot, List<String> notes) {
        if (score != null) {
            throw DataValidationException.param("score", score, "is for classification only", "drop --score or pass --task classification");
        }
        List<String> numbers = new ArrayList<>(List.of(label, prediction));
        if (weight != null) numbers.add(weight);
        cols = read(groupBy == null ? List.of() : List.of(groupBy), numbers, Long.MAX_VALUE);
        requireRows();
        double[] t = cols.numbers(label), p = cols.numbers(prediction), w = weights();
        if (groupBy == null) {
            RegressionReport report = RegressionReport.of(t, p, w, boot);
            writeRegressionCharts(t, p);
            return withNotes(report, notes);
        }
        LabelVocabulary groups = groupVocabulary();
        return SlicedReport.of(groupBy, groupCodes(groups), groups.names(), rows -> RegressionReport.of(
                SlicedReport.take(t, rows), SlicedReport.take(p, rows), SlicedReport.take(w, rows), boot));
    }

    /** A distinct value that cannot be a label (NaN, infinity) is an error naming the first line that has it. */
    private void checkLabels(LabelColumn col, String name) {
        List<String> values = col.values();
        for (int code = 0; code < values.size(); code++) {
            String why = LabelVocabulary.whyNotALabel(values.get(code));
            if (why == null) continue;
            int[] codes = col.codes();
            for (int i = 0; i < codes.length; i++) {
                if (codes[i] == code) throw DataValidationException.at(input.toString(), cols.line(i), name, values.get(code), why);
            }
        }
    }

    /** The --group-by values in the one order (numbers numerically, then text), so slices list the same way everywhere. */
    private LabelVocabulary groupVocabulary() {
        return LabelVocabulary.ofCategories(labels(cols, groupBy).values());
    }

    private int[] groupCodes(LabelVocabulary groups) {
        LabelColumn g = labels(cols, groupBy);
        return groups.recode(g.codes(), g.values());
    }

    private void requireRows() {
        if (cols.rowCount() == 0) {
            throw DataValidationException.at(input.toString(), 2, null, null,
                    "the file has a header but no data rows; metrics need at least one row");
        }
    }

    private double[] weights() {
        if (weight == null) return null;
        double[] w = cols.numbers(weight);
        double sum = 0;
        for (int i = 0; i < w.length; i++) {
            if (w[i] < 0) {
                throw DataValidationException.at(input.toString(), cols.line(i), weight, Double.toString(w[i]),
                        "weight " + w[i] + " is negative; sample weights must be >= 0");
            }
            sum += w[i];
        }
        if (sum == 0) {
            throw DataValidationException.param("weight", weight, "every weight is 0", "give at least one row a positive weight");
        }
        return w;
    }

    /** The --score columns: one (binary) or one per class. */
    private List<String> scoreColumns() {
        if (score == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String c : score.split(",", -1)) {
            String name = c.strip();
            if (name.isEmpty()) {
                throw DataValidationException.param("score", score, "has an empty column name", "list the columns separated by commas: --score p_a,p_b,p_c");
            }
            if (out.contains(name)) throw DataValidationException.param("score", score, "names column '" + name + "' twice", "list each column once");
            out.add(name);
        }
        return out;
    }

    /** The class of each probability column: the name after {@code p_} (holdout predict's naming), else the name itself. */
    private static List<String> scoreClasses(List<String> columns) {
        List<String> classes = new ArrayList<>();
        for (String c : columns) classes.add(c.startsWith("p_") && c.length() > 2 ? c.substring(2) : c);
        return classes;
    }

    /**
     * The class-probability matrix, one column per label of {@code labels} in its order: every class of the truth
     * and the predictions needs a column, and every row's probabilities are in [0, 1] and sum to 1.
     */
    private double[][] probabilities(List<String> columns, LabelVocabulary labels) {
        List<String> classes = scoreClasses(columns);
        int k = labels.size();
        int[] codeOfColumn = new int[columns.size()];
        String[] columnOfCode = new String[k];
        for (int j = 0; j < columns.size(); j++) {
            int code = labels.codeOf(classes.get(j));
            if (columnOfCode[code] != null) {
                throw DataValidationException.param("score", score, "columns '" + columnOfCode[code] + "' and '" + columns.get(j)
                        + "' are both class '" + labels.name(code) + "'", "give one probability column per class");
            }
            columnOfCode[code] = columns.get(j);
            codeOfColumn[j] = code;
        }
        for (int c = 0; c < k; c++) {
            if (columnOfCode[c] == null) {
                throw DataValidationException.param("score", score, "has no column for class '" + labels.name(c) + "' (the classes of "
                        + "--label and --prediction are " + labels.names() + ")", "add its probability column, p_" + labels.name(c));
            }
        }
        int n = cols.rowCount();
        double[][] p = new double[n][k];
        for (int j = 0; j < columns.size(); j++) {
            double[] v = cols.numbers(columns.get(j));
            for (int i = 0; i < n; i++) {
                if (!(v[i] >= 0 && v[i] <= 1)) {
                    throw DataValidationException.at(input.toString(), cols.line(i), columns.get(j), Double.toString(v[i]),
                            "probability " + v[i] + " is not in [0, 1]; --score with several columns needs each class's predicted probability");
                }
                p[i][codeOfColumn[j]] = v[i];
            }
        }
        for (int i = 0; i < n; i++) {
            double sum = 0;
            for (double x : p[i]) sum += x;
            // numpy.allclose(sum, 1), the tolerance scikit-learn's roc_auc_score checks with
            if (!(Math.abs(sum - 1) <= 1e-8 + 1e-5 * Math.abs(sum))) {
                throw DataValidationException.at(input.toString(), cols.line(i), score, Double.toString(sum),
                        "the class probabilities sum to " + sum + ", not 1; --score with several columns needs one probability per class "
                                + "(a softmax output), every class listed");
            }
        }
        return p;
    }

    private void checkProbabilities(double[] s) {
        for (int i = 0; i < s.length; i++) {
            if (!(s[i] >= 0 && s[i] <= 1)) {
                throw DataValidationException.at(input.toString(), cols.line(i), score, Double.toString(s[i]),
                        "score " + s[i] + " is not a probability in [0, 1]; --score needs the predicted probability of the "
                                + "positive class (apply a sigmoid to raw scores or margins)");
            }
        }
    }

    private static MetricsReport withNotes(MetricsReport r, List<String> notes) {
        if (notes.isEmpty()) return r;
        if (r instanceof ClassificationReport c) {
            List<String> w = new ArrayList<>(notes);
            w.addAll(c.warnings());
            return new ClassificationReport(c.rows(), c.weighted(), c.labels(), c.average(), c.positive(), c.zeroDivision(),
                    c.beta(), c.accuracy(), c.precision(), c.recall(), c.f1(), c.fbeta(), c.specificity(),
                    c.balancedAccuracy(), c.mcc(), c.rocAuc(), c.averagePrecision(), c.logLoss(), c.confusionMatrix(),
                    c.intervals(), w, c.multiClass(), c.inputs());
        }
        if (r instanceof RegressionReport g) {
            List<String> w = new ArrayList<>(notes);
            w.addAll(g.warnings());
            return new RegressionReport(g.rows(), g.weighted(), g.mse(), g.rmse(), g.mae(), g.r2(), g.mape(), g.medianAe(),
                    g.explainedVariance(), g.intervals(), w);
        }
        return r;
    }

    private Curve roc, pr;
    private CurveBand rocBand, prBand;
    private Bootstrap.Spec bootSpec;
    private int[] lastTruth;
    private double[] lastWeights;

    /**
     * --charts is refused where no chart can be drawn, before anything is written: the caller asked for files and a
     * silent exit 0 with an empty folder would hide that they are missing.
     */
    private void requireChartable(boolean classification) {
        if (charts == null) return;
        if (groupBy != null) {
            throw DataValidationException.param("charts", charts, "charts are drawn for the whole file, not per --group-by slice",
                    "drop --group-by, or drop --charts");
        }
        if (classification && score == null) {
            throw DataValidationException.param("charts", charts, "ROC and precision/recall charts need the model's scores",
                    "add --score COL (the predicted probability of the positive class)");
        }
    }

    private void writeRegressionCharts(double[] actual, double[] predicted) {
        if (charts == null && html == null) return;
        String unit = "(" + label + ")";
        regressionCharts = List.of(RegressionCharts.predictedVsActual(actual, predicted, unit),
                RegressionCharts.residuals(actual, predicted, unit));
        if (charts != null) {
            Charts.savePng(regressionCharts.get(0).image(), charts.resolve("predicted-vs-actual.png"));
            Charts.savePng(regressionCharts.get(1).image(), charts.resolve("residuals.png"));
        }
    }

    private List<Charts.Line> regressionCharts = List.of();

    private void writeCharts(int[] truth, double[] s, double[] w) {
        if ((charts == null && html == null) || s == null) return;
        if (positiveCode < 0) {
            if (charts == null) return;
            throw DataValidationException.param("charts", charts, "ROC and precision/recall charts are for two classes",
                    "drop --charts for a multiclass file, or pass --positive LABEL to chart one class against the rest");
        }
        double pos = 0, neg = 0;
        for (int i = 0; i < truth.length; i++) {
            double x = w == null ? 1 : w[i];
            if (truth[i] == positiveCode) pos += x; else neg += x;
        }
        if (pos == 0 || neg == 0) {
            if (charts == null) return;
            throw DataValidationException.param("charts", charts, "ROC and precision/recall charts need rows of both classes; "
                    + "this file has " + (pos == 0 ? "no positive" : "only positive") + " rows", "drop --charts, or chart a file with both classes");
        }
        roc = Scores.rocCurve(truth, s, positiveCode, w);
        pr = Scores.precisionRecallCurve(truth, s, positiveCode, w);
        if (bootSpec != null) {
            // with --bootstrap the curves carry their seeded pointwise bands (100 grid steps)
            rocBand = CurveBand.roc(truth, s, positiveCode, w, bootSpec, 100);
            prBand = CurveBand.precisionRecall(truth, s, positiveCode, w, bootSpec, 100);
        }
        if (rocOut != null) {
            rocOut.write(Charts.png(rocBand != null ? rocBand.chart().image() : roc.chart().image()));
            prOut.write(Charts.png(prBand != null ? prBand.chart().image() : pr.chart().image()));
        }
    }

    private String chartsHtml() {
        if (!regressionCharts.isEmpty()) {
            return "<h2>Charts</h2>" + Html.image(regressionCharts.get(0).image(), "predicted vs actual")
                    + Html.image(regressionCharts.get(1).image(), "residuals");
        }
        String cal = reliability == null ? "" : "<h2>Calibration</h2><p>" + Html.escape(reliability.toString()) + "</p>" + reliability.toHtml();
        if (roc == null) return cal;
        if (rocBand != null) {
            return "<h2>Curves</h2><p>" + Html.escape(rocBand.toString()) + "; " + Html.escape(prBand.toString()) + "</p>" + rocBand.toHtml()
                    + prBand.toHtml() + cal;
        }
        return "<h2>Curves</h2>" + roc.toHtml() + pr.toHtml() + cal;
    }
}
