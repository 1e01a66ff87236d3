package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.preprocess.Preprocessor;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A preprocessor and a learner, fitted together: {@link #fit} learns the preprocessing from the train rows only and
 * trains the model on their transform, as scikit-learn's {@code Pipeline(steps).fit(X, y)}; the result,
 * {@link FittedPipeline}, holds both and applies exactly that transform before every prediction.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.of(Preprocessor.of(StandardScaler.of("temp_max", "wind")), Algorithm.LOGISTIC_REGRESSION,
 *                 Hyperparameters.numRound(1).withObjective("binary:logistic").withC(0.5))
 *         .label("rain");
 * FittedPipeline fitted = p.fit(split.train(weather));
 * ClassificationReport test = fitted.evaluate(split.test(weather)).classification();
 * double[][] scores = fitted.predict(newRows);   // {P(1)} per row
 * }</pre>
 *
 * @param preprocessor    the steps to fit on the train rows (none: {@code Preprocessor.of()})
 * @param algorithm       the learner
 * @param hyperparameters its settings (each learner reads its own: {@link Algorithm#hyperparameters()})
 * @param label           the label column (set with {@link #label(String)})
 * @param features        the raw columns to learn from; empty = every column but the label, time, id and leak columns
 *                        (see {@link FeatureChoice})
 */
public record Pipeline(Preprocessor preprocessor, Algorithm algorithm, Hyperparameters hyperparameters, String label, List<String> features) {
    public Pipeline {
        Objects.requireNonNull(preprocessor, "preprocessor");
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        features = List.copyOf(features);
    }

    /** The preprocessor then {@code algorithm} with {@code hyperparameters}; name the label with {@link #label(String)}. */
    public static Pipeline of(Preprocessor preprocessor, Algorithm algorithm, Hyperparameters hyperparameters) {
        return new Pipeline(preprocessor, algorithm, hyperparameters, null, List.of());
    }

    /** XGBoost after the preprocessor. */
    public static Pipeline of(Preprocessor preprocessor, Hyperparameters xgboost) {
        return of(preprocessor, Algorithm.XGBOOST, xgboost);
    }

    public Pipeline label(String column) { return new Pipeline(preprocessor, algorithm, hyperparameters, column, features); }

    /** The raw columns to learn from (before encoding: a one-hot column's source name selects all of its columns). */
    public Pipeline features(String... columns) { return new Pipeline(preprocessor, algorithm, hyperparameters, label, List.of(columns)); }

    /** Fits the preprocessing on {@code train} and trains the model on its transform. */
    public FittedPipeline fit(Table train) {
        if (label == null) {
            throw DataValidationException.param("label", null, "the pipeline has no label column", "call .label(\"column\") before fit");
        }
        Columns.require(train, label, "label");
        TrainingResult r = TrainingJob.xgboost(label, Channel.of(train)).withName("pipeline").withAlgorithm(algorithm)
                .withHyperparameters(hyperparameters).withPreprocessing(preprocessor).withFeatures(features).run();
        return new FittedPipeline(this, r.model(), r.features());
    }
}
