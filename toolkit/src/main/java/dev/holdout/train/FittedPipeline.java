package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.metrics.ClassificationReport;
import dev.holdout.metrics.MetricsReport;
import dev.holdout.metrics.RegressionReport;
import dev.holdout.preprocess.FittedPreprocessor;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A {@link Pipeline} after {@link Pipeline#fit}: the fitted preprocessor and the model together. {@link #predict}
 * scores raw rows through exactly the training transform; {@link #evaluate} scores rows that carry the label and
 * returns the typed report of the task, every metric in it (an undefined one is null with its reason under
 * {@code warnings()}, never silently dropped).
 *
 * <pre>{@code
 * FittedPipeline f = Pipeline.of(Preprocessor.of(), hp).label("malignant").fit(train);
 * FittedPipeline.Report r = f.evaluate(test);
 * r.classification().rocAuc();          // 0.99
 * r.report().toText();                  // the table, warnings and the guide
 * }</pre>
 *
 * @param pipeline what was fitted
 * @param model    the trained model with its fitted preprocessor
 * @param features which columns it learned from, and which it left out and why
 */
public record FittedPipeline(Pipeline pipeline, TrainedModel model, FeatureChoice features) {
    public FittedPipeline {
        Objects.requireNonNull(pipeline, "pipeline");
        Objects.requireNonNull(model, "model");
        Objects.requireNonNull(features, "features");
    }

    /** The preprocessor as fitted on the train rows. */
    public FittedPreprocessor preprocessor() { return model.preprocessor(); }

    /** Per row: {P(1)} for binary, the class probabilities for multiclass, {value} for regression. */
    public double[][] predict(Table rows) { return model.scores(rows); }

    /**
     * The report of rows with the label: classification (predicted class = the most probable; binary at 0.5, with
     * the probabilities as scores) or regression.
     */
    public Report evaluate(Table rows) {
        Columns.require(rows, model.label(), "label");
        double[][] s = model.scores(rows);
        String objective = model.objective();
        float[] y = TrainingLabels.read(rows, model.label(), objective, model.numClasses(), "evaluation", rows.name());
        int n = y.length;
        if (Hyperparameters.REG_SQUAREDERROR.equals(objective)) {
            double[] truth = new double[n], predicted = new double[n];
            for (int i = 0; i < n; i++) {
                truth[i] = y[i];
                predicted[i] = s[i][0];
            }
            return new Report(RegressionReport.of(truth, predicted, null));
        }
        int[] truth = new int[n], predicted = new int[n];
        for (int i = 0; i < n; i++) truth[i] = (int) y[i];
        if (Hyperparameters.BINARY_LOGISTIC.equals(objective)) {
            double[] p = new double[n];
            for (int i = 0; i < n; i++) {
                p[i] = s[i][0];
                predicted[i] = p[i] >= 0.5 ? 1 : 0;
            }
            return new Report(ClassificationReport.of(truth, predicted).withScores(p));
        }
        for (int i = 0; i < n; i++) {
            int best = 0;
            for (int k = 1; k < s[i].length; k++) if (s[i][k] > s[i][best]) best = k;
            predicted[i] = best;
        }
        return new Report(ClassificationReport.of(truth, predicted).withScores(s));
    }

    /**
     * An evaluation's report: {@link #report()} is the task's own type; {@link #classification()} and
     * {@link #regression()} give it typed (the other task's accessor is an error naming the task).
     */
    public record Report(MetricsReport report) {
        public Report {
            Objects.requireNonNull(report, "report");
        }

        public ClassificationReport classification() {
            if (report instanceof ClassificationReport c) return c;
            throw dev.holdout.data.DataValidationException.param("task", "regression", "this model is a regressor; its report has no classification metrics",
                    "use regression()");
        }

        public RegressionReport regression() {
            if (report instanceof RegressionReport r) return r;
            throw dev.holdout.data.DataValidationException.param("task", "classification", "this model is a classifier; its report has no regression metrics",
                    "use classification()");
        }
    }
}
