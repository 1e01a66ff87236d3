package dev.holdout.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.trim;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.metrics.ClassificationOptions;
import dev.holdout.metrics.ClassificationReport;
import dev.holdout.metrics.MetricsReport;
import dev.holdout.metrics.RegressionReport;
import dev.holdout.metrics.SlicedReport;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;

/**
 * {@code holdout metrics} on a Spark {@code Dataset<Row>}: the same report (the core's
 * {@link ClassificationReport}, {@link RegressionReport}, {@link SlicedReport}, the same JSON), computed from
 * one distributed aggregation. Every row is reduced to its distinct (label, prediction, score, group) tuple
 * with its row count and summed weight (partial aggregates per partition, one shuffle of the distinct tuples);
 * the driver then runs the core's own metric code on the distinct tuples weighted by their counts. The core's
 * metrics give integer weights the same answer as repeated rows (ROC AUC and average precision with ties,
 * the weighted median), so the result is <b>exact</b>: equal to {@code holdout metrics} on the same file up
 * to the order of floating-point sums (tested to 1e-9).
 *
 * <p>The driver holds the distinct tuples only: few for class labels, predicted labels and scores with a few
 * decimals; as many as rows for continuous scores or regression values. Past {@link #maxDistinct(int)}
 * (default 5,000,000) the run is refused with the fix: for classification {@link #scoreBins(int)} rounds the
 * scores down to multiples of 1/B first, and ROC AUC and average precision are then exact for those rounded
 * scores (the difference to the unrounded ones comes only from positive/negative pairs whose scores fall in
 * one bin, where a rounded tie counts one half); log loss is computed on the rounded scores too. Without
 * {@code scoreBins} nothing is rounded.
 *
 * <pre>{@code
 * MetricsReport r = SparkMetrics.on(predictions).label("label").prediction("prediction").score("score")
 *         .classification().report();
 * String json = StrictJson.pretty(r.toMap());   // as `holdout metrics --format json`
 * }</pre>
 */
public final class SparkMetrics {
    /** The default bound on distinct tuples the driver takes. */
    public static final int DEFAULT_MAX_DISTINCT = 5_000_000;

    private final Dataset<Row> rows;
    private final String label, prediction, score, weight, groupBy;
    private final Boolean classification;
    private final ClassificationOptions options;
    private final int scoreBins;
    private final int maxDistinct;

    private SparkMetrics(Dataset<Row> rows, String label, String prediction, String score, String weight, String groupBy,
                         Boolean classification, ClassificationOptions options, int scoreBins, int maxDistinct) {
        this.rows = rows;
        this.label = label;
        this.prediction = prediction;
        this.score = score;
        this.weight = weight;
        this.groupBy = groupBy;
        this.classification = classification;
        this.options = options;
        this.scoreBins = scoreBins;
        this.maxDistinct = maxDistinct;
    }

    public static SparkMetrics on(Dataset<Row> rows) {
        return new SparkMetrics(rows, null, null, null, null, null, null, ClassificationOptions.defaults(), 0, DEFAULT_MAX_DISTINCT);
    }

    private SparkMetrics with(String l, String p, String s, String w, String g, Boolean c, ClassificationOptions o, int b, int m) {
        return new SparkMetrics(rows, l, p, s, w, g, c, o, b, m);
    }

    public SparkMetrics label(String c) { return with(c, prediction, score, weight, groupBy, classification, options, scoreBins, maxDistinct); }

    public SparkMetrics prediction(String c) { return with(label, c, score, weight, groupBy, classification, options, scoreBins, maxDistinct); }

    /** The probability of the positive class (binary classification). */
    public SparkMetrics score(String c) { return with(label, prediction, c, weight, groupBy, classification, options, scoreBins, maxDistinct); }

    public SparkMetrics weight(String c) { return with(label, prediction, score, c, groupBy, classification, options, scoreBins, maxDistinct); }

    public SparkMetrics groupBy(String c) { return with(label, prediction, score, weight, c, classification, options, scoreBins, maxDistinct); }

    public SparkMetrics classification() { return with(label, prediction, score, weight, groupBy, true, options, scoreBins, maxDistinct); }

    public SparkMetrics classification(ClassificationOptions o) { return with(label, prediction, score, weight, groupBy, true, o, scoreBins, maxDistinct); }

    public SparkMetrics regression() { return with(label, prediction, score, weight, groupBy, false, options, scoreBins, maxDistinct); }

    /** Rounds scores down to multiples of 1/{@code bins} before aggregating (bounded driver memory; see the class notes). */
    public SparkMetrics scoreBins(int bins) {
        if (bins < 2) throw DataValidationException.param("score-bins", bins, "must be at least 2", "pass e.g. 1000000");
        return with(label, prediction, score, weight, groupBy, classification, options, bins, maxDistinct);
    }

    /** The most distinct tuples the driver takes before the run is refused. */
    public SparkMetrics maxDistinct(int n) {
        if (n < 1) throw DataValidationException.param("max-distinct", n, "must be at least 1", "pass e.g. 5000000");
        return with(label, prediction, score, weight, groupBy, classification, options, scoreBins, n);
    }

    /** Runs the aggregation and the core's metrics. */
    public MetricsReport report() {
        if (label == null) throw DataValidationException.param("label", null, "is required", "name the column with the true labels");
        if (prediction == null) throw DataValidationException.param("prediction", null, "is required", "name the column with the predictions");
        boolean cls = classification != null ? classification : score != null;
        if (classification == null && score == null) {
            throw DataValidationException.param("task", null, "is required on Spark (no sample is read to guess it)",
                    "call classification() or regression() (CLI: --task)");
        }
        if (!cls && score != null) throw DataValidationException.param("score", score, "is for classification only", "drop score or use classification()");
        if (!cls && scoreBins > 0) throw DataValidationException.param("score-bins", scoreBins, "is for classification scores", "drop it");
        List<String> names = Arrays.asList(rows.columns());
        for (String[] c : new String[][] {{"label", label}, {"prediction", prediction}, {"score", score}, {"weight", weight}, {"group-by", groupBy}}) {
            if (c[1] != null && !names.contains(c[1])) throw dev.holdout.data.Columns.unknown(c[0], c[1], names, "the dataset");
        }
        List<Column> keys = new ArrayList<>();
        List<String> keyNames = new ArrayList<>();
        // labels are text (trimmed, as the core reads them); numbers are parsed as the core parses them (Double.parseDouble)
        keys.add((cls ? text(label) : number(label)).as("l"));
        keys.add((cls ? text(prediction) : number(prediction)).as("p"));
        keyNames.add(label);
        keyNames.add(prediction);
        if (score != null) {
            Column s = number(score);
            if (scoreBins > 0) s = floor(s.multiply(scoreBins)).divide(scoreBins);
            keys.add(s.as("s"));
            keyNames.add(score);
        }
        if (groupBy != null) {
            keys.add(text(groupBy).as("g"));
            keyNames.add(groupBy);
        }
        Column w = weight == null ? lit(1.0) : number(weight);
        Dataset<Row> agg = rows.groupBy(keys.toArray(new Column[0]))
                .agg(count(lit(1)).as("n"), sum(w).as("w"), min(w).as("wmin"), count(w).as("wn"));
        List<Row> tuples = HoldoutSpark.run(() -> agg.limit(maxDistinct + 1).collectAsList());
        if (tuples.size() > maxDistinct) {
            throw DataValidationException.param("max-distinct", maxDistinct, "the data has more distinct (label, prediction"
                    + (score != null ? ", score" : "") + (groupBy != null ? ", group" : "") + ") tuples than the driver is allowed to take",
                    cls && score != null ? "round the scores with scoreBins (CLI --score-bins 1000000), or raise maxDistinct with more driver memory"
                            : "raise maxDistinct (CLI --max-distinct) with more driver memory");
        }
        int k = keys.size();
        tuples = new ArrayList<>(tuples);
        // a fixed order, so sums run in the same order on every run
        tuples.sort(Comparator.comparing((Row r) -> r.mkString("\u0001")));
        int m = tuples.size();
        long total = 0;
        double[] counts = new double[m], weights = new double[m];
        for (int i = 0; i < m; i++) {
            Row r = tuples.get(i);
            for (int j = 0; j < k; j++) {
                if (r.isNullAt(j)) {
                    throw DataValidationException.param(keyNames.get(j), "(missing)", "a row has no value (blank, NA, N/A, NaN, null and NULL are missing values, "
                            + "and so is a number that does not parse); metrics need a value in every row", "drop or fix the row");
                }
            }
            long n = r.getLong(k);
            total += n;
            counts[i] = n;
            if (weight != null) {
                if (r.getLong(k + 3) < n) {
                    throw DataValidationException.param(weight, "(missing)", "a row has no weight", "drop or fix the row");
                }
                if (r.getDouble(k + 2) < 0) {
                    throw DataValidationException.param(weight, r.getDouble(k + 2), "weight " + r.getDouble(k + 2) + " is negative; sample weights must be >= 0", "fix the row");
                }
            }
            weights[i] = r.getDouble(k + 1);
        }
        if (total == 0) throw DataValidationException.param("rows", 0, "the data has no rows; metrics need at least one row", "check the input");
        if (total > Integer.MAX_VALUE) {
            throw DataValidationException.param("rows", total, "a report counts at most " + Integer.MAX_VALUE + " rows", "evaluate slices (--group-by) or a sample");
        }
        if (weight != null && Arrays.stream(weights).sum() == 0) {
            throw DataValidationException.param("weight", weight, "every weight is 0", "give at least one row a positive weight");
        }
        String[] groupValues = null;
        if (groupBy != null) {
            groupValues = new String[m];
            for (int i = 0; i < m; i++) groupValues[i] = tuples.get(i).getString(k - 1);
        }
        return cls ? classification(tuples, counts, weights, groupValues) : regression(tuples, counts, weights, groupValues);
    }

    private MetricsReport classification(List<Row> tuples, double[] counts, double[] weights, String[] groups) {
        int m = tuples.size();
        String[] t = new String[m], p = new String[m];
        double[] s = score == null ? null : new double[m];
        for (int i = 0; i < m; i++) {
            Row r = tuples.get(i);
            t[i] = r.getString(0);
            p[i] = r.getString(1);
            if (s != null) {
                s[i] = r.getDouble(2);
                if (!(s[i] >= 0 && s[i] <= 1)) {
                    throw DataValidationException.param(score, s[i], "score " + s[i] + " is not a probability in [0, 1]; the score needs the predicted probability "
                            + "of the positive class (apply a sigmoid to raw scores or margins)", "fix the scores");
                }
            }
        }
        for (String[] col : new String[][] {t, p}) {
            for (String v : col) {
                String why = LabelVocabulary.whyNotALabel(v);
                if (why != null) throw DataValidationException.param(col == t ? label : prediction, v, why, "fix the row");
            }
        }
        LabelVocabulary labels = LabelVocabulary.of(Arrays.asList(t)).union(LabelVocabulary.of(Arrays.asList(p)));
        int[] truth = labels.encode(t), pred = labels.encode(p);
        if (groups == null) {
            return asRows(ClassificationReport.ofCodes(truth, pred, labels, s, weights, options, null), counts, null);
        }
        LabelVocabulary gv = LabelVocabulary.ofCategories(Arrays.asList(groups));
        int[] g = gv.encode(groups);
        return sliced(g, gv, counts, rowsOf -> ClassificationReport.ofSlice(SlicedReport.take(truth, rowsOf), SlicedReport.take(pred, rowsOf), labels,
                SlicedReport.take(s, rowsOf), SlicedReport.take(weights, rowsOf), options, null));
    }

    private MetricsReport regression(List<Row> tuples, double[] counts, double[] weights, String[] groups) {
        int m = tuples.size();
        double[] t = new double[m], p = new double[m];
        for (int i = 0; i < m; i++) {
            t[i] = tuples.get(i).getDouble(0);
            p[i] = tuples.get(i).getDouble(1);
        }
        if (groups == null) return asRows(RegressionReport.of(t, p, weights, null), counts, null);
        LabelVocabulary gv = LabelVocabulary.ofCategories(Arrays.asList(groups));
        int[] g = gv.encode(groups);
        return sliced(g, gv, counts, rowsOf -> RegressionReport.of(SlicedReport.take(t, rowsOf), SlicedReport.take(p, rowsOf),
                SlicedReport.take(weights, rowsOf), null));
    }

    private MetricsReport sliced(int[] g, LabelVocabulary gv, double[] counts, java.util.function.Function<int[], MetricsReport> report) {
        SlicedReport s = SlicedReport.of(groupBy, g, gv.names(), rowsOf -> asRows(report.apply(rowsOf), counts, rowsOf));
        return s;
    }

    /** The report of the distinct tuples as the report of the rows they stand for: its row count and whether it was weighted. */
    private MetricsReport asRows(MetricsReport r, double[] counts, int[] rowsOf) {
        double n = 0;
        if (rowsOf == null) for (double c : counts) n += c;
        else for (int i : rowsOf) n += counts[i];
        int rowCount = (int) n;
        boolean weighted = weight != null;
        if (r instanceof ClassificationReport c) {
            return new ClassificationReport(rowCount, weighted, c.labels(), c.average(), c.positive(), c.zeroDivision(),
                    c.beta(), c.accuracy(), c.precision(), c.recall(), c.f1(), c.fbeta(), c.specificity(),
                    c.balancedAccuracy(), c.mcc(), c.rocAuc(), c.averagePrecision(), c.logLoss(), c.confusionMatrix(),
                    c.intervals(), c.warnings(), c.multiClass(), c.inputs());
        }
        RegressionReport g = (RegressionReport) r;
        return new RegressionReport(rowCount, weighted, g.mse(), g.rmse(), g.mae(), g.r2(), g.mape(), g.medianAe(),
                g.explainedVariance(), g.intervals(), g.warnings());
    }

    /** A label or group column as the core reads it: text with blanks around it trimmed; missing tokens are null. */
    private static Column text(String name) {
        Column c = trim(col(SparkSplit.quoted(name)).cast(DataTypes.StringType));
        return org.apache.spark.sql.functions.when(c.isin(missingTokens()), lit(null).cast(DataTypes.StringType)).otherwise(c);
    }

    /** A number column: a double, null when missing or not a number. */
    private static Column number(String name) {
        Column c = col(SparkSplit.quoted(name));
        Column asText = trim(c.cast(DataTypes.StringType));
        Column d = c.cast(DataTypes.DoubleType);
        // NaN and infinities are data errors in the core's reader; here they become missing (refused above)
        return org.apache.spark.sql.functions.when(asText.isin(missingTokens()).or(org.apache.spark.sql.functions.isnan(d))
                .or(d.equalTo(Double.POSITIVE_INFINITY)).or(d.equalTo(Double.NEGATIVE_INFINITY)), lit(null).cast(DataTypes.DoubleType)).otherwise(d);
    }

    private static Object[] missingTokens() {
        return dev.holdout.data.CsvLoader.DEFAULT_MISSING.toArray();
    }

}
