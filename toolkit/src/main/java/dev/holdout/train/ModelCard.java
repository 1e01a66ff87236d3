package dev.holdout.train;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What loading a model needs from its {@code model-card.json}, read strictly (unknown keys, wrong types
 * and duplicate keys are errors naming the file): the algorithm, the label, the objective and
 * num_class, the feature columns, the raw input columns with their types at training, and the rounds
 * an XGBoost model predicts with. The card's other fields (metrics, fingerprints, versions) are
 * checked for shape but are for people.
 *
 * <pre>{@code
 * ModelCard card = ModelCard.read(Path.of("runs/rain/model"));
 * card.algorithm();          // XGBOOST
 * card.predictionRounds();   // 61 (-1 when the card predates the field)
 * }</pre>
 */
record ModelCard(Algorithm algorithm, String label, String objective, int numClass, List<String> features,
                 Map<String, ColumnKind> inputs, int predictionRounds, List<String> ids) {

    /** Every key the training job writes into the card. */
    static final List<String> KEYS = List.of("job", "algorithm", "label", "hyperparameters", "features", "inputs", "best_iteration",
            "best_score", "ids", "left_out", "rounds_trained", "stopped_early", "prediction_rounds", "prediction", "data", "metrics", "preprocessing",
            "versions", "trained_at");

    static ModelCard read(Path modelDir) {
        Path file = modelDir.resolve(TrainedModel.CARD_FILE);
        JsonFields c = StrictJson.object(file, "model").allow(KEYS);
        Algorithm algorithm = Algorithm.parse(c.text("algorithm"));
        JsonFields hp = c.object("hyperparameters").allow(Hyperparameters.ALL_NAMES);
        String objective = hp.text("objective");
        if (!Hyperparameters.OBJECTIVES.contains(objective)) {
            throw DataValidationException.param(file + ": hyperparameters.objective", objective, "must be one of " + Hyperparameters.OBJECTIVES,
                    "retrain the model (holdout train)");
        }
        List<String> features = c.texts("features");
        if (features.isEmpty()) {
            throw DataValidationException.param(file + ": features", "[]", "the model card lists no features", "retrain the model (holdout train)");
        }
        Map<String, ColumnKind> inputs = new LinkedHashMap<>();
        JsonFields in = c.optionalObject("inputs");
        if (in != null) {
            for (String name : in.keys()) {
                String kind = in.text(name);
                try {
                    inputs.put(name, ColumnKind.valueOf(kind.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    throw DataValidationException.param(file + ": inputs." + name, kind, "is not a column type; types are "
                            + List.of(ColumnKind.values()), "retrain the model (holdout train)");
                }
            }
        }
        return new ModelCard(algorithm, c.text("label"), objective, hp.intValue("num_class", 0), List.copyOf(features), inputs,
                c.intValue("prediction_rounds", -1), c.has("ids") ? List.copyOf(c.texts("ids")) : List.of());
    }
}
