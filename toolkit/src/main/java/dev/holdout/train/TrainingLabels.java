package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.data.Target;
import java.util.List;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A channel's label column as the learner takes it ({@code float[]}), coded by the one
 * {@link LabelVocabulary} and checked against the objective: every row has a label (not missing, NaN
 * or infinite); reg:squarederror needs numbers (a text label says so, with its values);
 * binary:logistic needs 0/1 (or true/false); multi:softprob needs class indices 0..num_class-1; and a
 * classifier's train channel needs at least two classes (one class teaches nothing and leaves ROC AUC
 * undefined and log loss a meaningless 0).
 *
 * <pre>{@code
 * float[] y = TrainingLabels.read(table, "rain", hp);   // DataValidationException naming the row for a 2 or a NaN
 * }</pre>
 */
public final class TrainingLabels {
    private TrainingLabels() {}

    /** The label column as floats, checked for {@code hp}'s objective as a train channel. */
    public static float[] read(Table table, String label, Hyperparameters hp) {
        return read(table, label, hp, "train", table.name());
    }

    /**
     * As {@link #read(Table, String, Hyperparameters)} for a named channel: a classifier's train channel
     * must have two classes or more, and a validation channel scored by auc or aucpr both classes.
     * {@code source} names the data in messages (a file, or "breast-cancer (train part)").
     */
    public static float[] read(Table table, String label, Hyperparameters hp, String channel, String source) {
        float[] y = read(table, label, hp.objective(), hp.numClass(), channel, source);
        if (hp.isClassification() && (channel.equals("train") || (channel.equals("validation") && needsBothClasses(hp.evalMetric())))) {
            requireClasses(table, label, y, hp, channel, source);
        }
        return y;
    }

    /** Metrics undefined on one class: a validation channel with one class cannot be scored by them. */
    private static boolean needsBothClasses(String evalMetric) {
        return evalMetric.equals("auc") || evalMetric.equals("aucpr");
    }

    static float[] read(Table table, String label, String objective, int numClass, String channel, String source) {
        Column<?> column = Columns.require(table, label, "label");
        Target target;
        try {
            target = Target.of(table, label, "label");
        } catch (DataValidationException e) {
            boolean missing = e.value() == null || e.value().isEmpty();
            throw DataValidationException.at(source, e.row(), label, missing ? "NaN" : e.value(), missing
                    ? "the label is missing (NaN) in row " + e.row() + " of the " + channel + " channel; drop rows without a label before training"
                    : (e.problem() == null ? e.getMessage() : e.problem()) + " (row " + e.row() + " of the " + channel + " channel)");
        }
        LabelVocabulary v = target.vocabulary();
        boolean bool = column instanceof BooleanColumn;
        if (!v.numeric() && !bool) {
            String values = shown(v.names());
            if (Hyperparameters.REG_SQUAREDERROR.equals(objective)) {
                throw DataValidationException.param("label", label, "objective=reg:squarederror needs a numeric label, but the "
                                + channel + " channel (" + source + ") holds text values " + values,
                        "choose a classification objective (binary:logistic for two classes, multi:softprob with num_class="
                                + v.size() + " for " + v.size() + "), or encode the target as numbers");
            }
            throw DataValidationException.param("label", label, "objective=" + objective + " needs the classes as numbers (0/1 for "
                            + "binary:logistic, 0..num_class-1 for multi:softprob), but the " + channel + " channel (" + source
                            + ") holds text classes " + values,
                    "map them to numbers in the label order first (" + mapping(v) + ")");
        }
        int n = target.rows();
        float[] y = new float[n];
        float[] valueOf = new float[v.size()];
        for (int c = 0; c < valueOf.length; c++) valueOf[c] = bool ? (v.name(c).equals("true") ? 1f : 0f) : (float) v.number(c);
        for (int r = 0; r < n; r++) y[r] = valueOf[target.code(r)];
        check(y, objective, numClass, label, channel, source);
        return y;
    }

    /** A classifier's channel with one class: which channel, which class, what to do. */
    private static void requireClasses(Table table, String label, float[] y, Hyperparameters hp, String channel, String source) {
        if (y.length == 0) return;
        float first = y[0];
        for (float f : y) if (f != first) return;
        String cls = first == Math.rint(first) ? Integer.toString((int) first) : Float.toString(first);
        String why = channel.equals("train")
                ? "a classifier needs at least two classes to learn from (the model would predict '" + cls
                        + "' for everything, ROC AUC is undefined and log loss a meaningless 0)"
                : "eval_metric=" + hp.evalMetric() + " needs both classes in the validation channel (it is undefined on one)";
        throw DataValidationException.param("label", label, "the " + channel + " channel (" + source + ") has only one class, '" + cls
                        + "', in all " + y.length + " rows; " + why,
                "give the " + channel + " channel rows of every class (a stratified split keeps them: holdout split --strategy "
                        + "stratified --label " + label + ")" + (channel.equals("train") ? ", or use objective=reg:squarederror if '" + label
                        + "' is a quantity" : ", or choose eval_metric=logloss or error"));
    }

    static void check(float[] y, String objective, int numClass, String label, String channel, String source) {
        for (int r = 0; r < y.length; r++) {
            float v = y[r];
            if (Hyperparameters.BINARY_LOGISTIC.equals(objective) && v != 0f && v != 1f) {
                throw DataValidationException.at(source, r + 1, label, Float.toString(v),
                        "label " + v + " in the " + channel + " channel is not 0 or 1, which objective=binary:logistic needs; "
                                + "map the classes to 0/1 or use objective=multi:softprob");
            }
            if (Hyperparameters.MULTI_SOFTPROB.equals(objective) && (v != Math.rint(v) || v < 0 || v >= numClass)) {
                throw DataValidationException.at(source, r + 1, label, Float.toString(v),
                        "label " + v + " in the " + channel + " channel is not a class index in 0.." + (numClass - 1)
                                + " (num_class=" + numClass + "); encode the classes as 0..num_class-1");
            }
        }
    }

    private static String shown(List<String> names) {
        return names.size() <= 10 ? names.toString() : names.subList(0, 10) + " and " + (names.size() - 10) + " more";
    }

    private static String mapping(LabelVocabulary v) {
        StringBuilder sb = new StringBuilder();
        for (int c = 0; c < Math.min(v.size(), 5); c++) sb.append(c > 0 ? ", " : "").append(v.name(c)).append('=').append(c);
        return sb.append(v.size() > 5 ? ", ..." : "").toString();
    }

    /** The number of classes an objective has: 2 for binary, num_class for multiclass, 0 for regression. */
    static int classCount(String objective, int numClass) {
        return switch (objective) {
            case Hyperparameters.BINARY_LOGISTIC -> 2;
            case Hyperparameters.MULTI_SOFTPROB -> numClass;
            default -> 0;
        };
    }
}
