package dev.holdout.metrics;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.data.Target;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The Tablesaw-level entry point, a thin layer over the array functions: columns are looked up by
 * name (with "did you mean"), copied once into primitive arrays, and handed to the reports. A
 * missing value in a used column is an error naming its row.
 *
 * <pre>{@code
 * Table preds = CsvLoader.csv().load(Path.of("predictions.csv"));
 * ClassificationReport r = TableMetrics.classification(preds, "label", "prediction", "score", null,
 *         ClassificationOptions.defaults());
 * SlicedReport s = TableMetrics.regressionByGroup(preds, "y", "yhat", null, "region");
 * }</pre>
 */
public final class TableMetrics {
    private TableMetrics() {}

    /** Classification report; {@code score} (P(positive)) and {@code weight} may be null. */
    public static ClassificationReport classification(Table table, String label, String prediction, String score,
                                                      String weight, ClassificationOptions options) {
        Target t = Target.of(table, label, "label"), p = Target.of(table, prediction, "prediction");
        LabelVocabulary l = t.vocabulary().union(p.vocabulary());
        return ClassificationReport.ofCodes(recode(t, l), recode(p, l), l, numbers(table, score, "score"),
                numbers(table, weight, "weight"), options, null);
    }

    /** Regression report; {@code weight} may be null. */
    public static RegressionReport regression(Table table, String label, String prediction, String weight) {
        return RegressionReport.of(numbers(table, label, "label"), numbers(table, prediction, "prediction"),
                numbers(table, weight, "weight"));
    }

    /**
     * One classification report per value of {@code groupBy}, in the vocabulary's order; each lists
     * only its own labels (see {@link ClassificationReport#ofSlice}).
     */
    public static SlicedReport classificationByGroup(Table table, String label, String prediction, String score,
                                                     String weight, ClassificationOptions options, String groupBy) {
        Target t = Target.of(table, label, "label"), p = Target.of(table, prediction, "prediction");
        LabelVocabulary l = t.vocabulary().union(p.vocabulary());
        int[] tc = recode(t, l), pc = recode(p, l);
        double[] s = numbers(table, score, "score"), w = numbers(table, weight, "weight");
        return sliced(table, groupBy, rows -> ClassificationReport.ofSlice(SlicedReport.take(tc, rows), SlicedReport.take(pc, rows),
                l, SlicedReport.take(s, rows), SlicedReport.take(w, rows), options, null));
    }

    /** One regression report per value of {@code groupBy}, in the vocabulary's order. */
    public static SlicedReport regressionByGroup(Table table, String label, String prediction, String weight, String groupBy) {
        double[] y = numbers(table, label, "label"), p = numbers(table, prediction, "prediction"), w = numbers(table, weight, "weight");
        return sliced(table, groupBy, rows -> RegressionReport.of(SlicedReport.take(y, rows), SlicedReport.take(p, rows),
                SlicedReport.take(w, rows)));
    }

    private static SlicedReport sliced(Table table, String groupBy, java.util.function.Function<int[], MetricsReport> report) {
        Target g = Target.ids(table, groupBy, "groupBy");
        return SlicedReport.of(groupBy, g.codes(), g.vocabulary().names(), report);
    }

    /** A target's codes in a wider vocabulary (the union of truth and predictions). */
    private static int[] recode(Target t, LabelVocabulary wider) {
        int[] map = wider.translate(t.vocabulary().names());
        int[] out = new int[t.rows()];
        for (int i = 0; i < out.length; i++) out[i] = map[t.code(i)];
        return out;
    }

    static double[] numbers(Table table, String name, String param) {
        if (name == null) return null;
        Column<?> c = Columns.require(table, name, param);
        if (!(c instanceof NumericColumn<?> n)) {
            throw DataValidationException.param(param, name, "must be a numeric column, but it is " + c.type(),
                    "pick a numeric column or convert it first");
        }
        double[] out = n.asDoubleArray();
        for (int i = 0; i < out.length; i++) {
            if (!Double.isFinite(out[i])) {
                if (Double.isNaN(out[i])) throw missing(table, name, i);
                throw DataValidationException.at(table.name(), i + 1, name, Double.toString(out[i]),
                        "the value is infinite; drop or fix that row");
            }
        }
        return out;
    }

    private static DataValidationException missing(Table table, String column, int row) {
        return DataValidationException.at(table.name(), row + 1, column, "",
                "row " + (row + 1) + " has a missing value; drop or impute missing rows before computing metrics");
    }

}
