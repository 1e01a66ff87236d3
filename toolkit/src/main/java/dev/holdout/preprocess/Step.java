package dev.holdout.preprocess;

import java.util.List;
import tech.tablesaw.api.Table;

/**
 * One unfitted preprocessing step: a configuration that learns nothing until a {@link Preprocessor}
 * fits it on training rows. Steps are immutable; every modifier returns a new step.
 *
 * <pre>{@code
 * Step s = StandardScaler.of("temp_max", "wind");
 * s.columns();   // [temp_max, wind]
 * }</pre>
 */
public abstract sealed class Step
        permits Imputer, StandardScaler, MinMaxScaler, RobustScaler, OneHotEncoder, OrdinalEncoder, TargetEncoder,
                OutlierHandler, LogTransform {
    Step() {}

    /** The columns this step reads and transforms. */
    public abstract List<String> columns();

    /** Columns read only while fitting (the target encoder's label). */
    List<String> fitOnlyColumns() { return List.of(); }

    /** Learns the statistics from {@code train} (the output of the previous steps on the training rows). */
    abstract FittedStep fit(Table train);

    /**
     * Fits and transforms the training rows. Equal to {@code fit(train).apply(train)} for every step
     * except the target encoder, which cross-fits so no row's encoding comes from its own label.
     */
    StepFit fitTransform(Table train, FitContext context) {
        FittedStep fitted = fit(train, context);
        return new StepFit(fitted, ((Applies) fitted).apply(train));
    }

    /** As {@link #fit(Table)}, reusing what the pipeline already computed about unchanged raw columns. */
    FittedStep fit(Table train, FitContext context) { return fit(train); }

    /** A fitted step and the training rows it produced. */
    record StepFit(FittedStep fitted, Table transformedTrain) {}

    /** The transform side of a fitted step, kept package-private so that only FittedPreprocessor transforms. */
    interface Applies {
        /** A new table with this step applied; {@code input} and its columns are not modified. */
        Table apply(Table input);
    }

    static List<String> requireColumns(String step, String[] columns) {
        if (columns == null || columns.length == 0) {
            throw dev.holdout.data.DataValidationException.param(step + ".columns", "[]",
                    "at least one column is required", "name the columns, e.g. " + step + ".of(\"age\")");
        }
        for (String c : columns) {
            if (c == null || c.isBlank()) {
                throw dev.holdout.data.DataValidationException.param(step + ".columns", java.util.Arrays.toString(columns),
                        "column names must not be blank", "pass real column names");
            }
        }
        if (java.util.Set.of(columns).size() != columns.length) {
            throw dev.holdout.data.DataValidationException.param(step + ".columns", java.util.Arrays.toString(columns),
                    "a column is named twice", "name each column once");
        }
        return List.of(columns);
    }
}
