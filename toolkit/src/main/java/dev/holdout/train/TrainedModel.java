package dev.holdout.train;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import dev.holdout.preprocess.FittedPreprocessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.impl.ArrayExample;
import org.tribuo.regression.Regressor;
import tech.tablesaw.api.Table;

/**
 * A trained model with the preprocessing fitted on its train channel: {@link #predict(Table)} takes
 * raw rows, applies exactly the training transform, and scores them. XGBoost models predict with
 * the trees up to the best iteration ({@code inplace_predict} with the iteration range
 * {@code [0, best_iteration + 1)}), as SageMaker hosting uses the best model.
 *
 * <pre>{@code
 * TrainedModel m = TrainedModel.load(Path.of("runs/rain/model"));
 * double[] p = m.predict(test);   // P(rain = 1) per row for binary:logistic
 * }</pre>
 */
public sealed interface TrainedModel permits TrainedModel.XGBoostModel, TrainedModel.TribuoModel, TrainedModel.LinearModel {

    String XGBOOST_FILE = "xgboost-model.json";
    String TRIBUO_FILE = "tribuo-model.tribuo";
    String LINEAR_FILE = "linear-model.json";
    String PREPROCESSOR_FILE = "preprocessor.json";
    String CARD_FILE = "model-card.json";

    Algorithm algorithm();

    /** The objective (decides what predict returns). */
    String objective();

    String label();

    /** Feature columns after preprocessing, in model order. */
    List<String> features();

    FittedPreprocessor preprocessor();

    /**
     * Scores raw rows: P(class 1) for binary:logistic, the predicted value for regression, the
     * most probable class index for multi:softprob.
     */
    default double[] predict(Table raw) {
        double[][] p = scores(raw);
        double[] out = new double[p.length];
        for (int i = 0; i < p.length; i++) {
            if (Hyperparameters.MULTI_SOFTPROB.equals(objective())) {
                int best = 0;
                for (int k = 1; k < p[i].length; k++) if (p[i][k] > p[i][best]) best = k;
                out[i] = best;
            } else {
                out[i] = p[i][0];
            }
        }
        return out;
    }

    /** Per row: {P(1)} for binary, class probabilities for multiclass, {value} for regression. */
    default double[][] scores(Table raw) {
        Table t = preprocessor().transform(raw);
        FeatureMatrix x = FeatureMatrix.of(t, features(), exactFeatures());
        return scores(x);
    }

    /** Whether the model reads its features in double precision (the exact linear solvers), not as 32-bit floats. */
    default boolean exactFeatures() { return false; }

    /**
     * Scores {@code raw} rows that carry the label column and computes the standard metrics for the
     * objective with the project's metric registry (accuracy, precision, recall, F1, ROC AUC, log
     * loss; or RMSE, MAE, R²).
     *
     * <pre>{@code
     * Map<String, Double> test = model.evaluate(testTable);   // {accuracy=0.74, ..., roc_auc=0.78, log_loss=0.52}
     * }</pre>
     */
    default java.util.Map<String, Double> evaluate(Table raw) {
        Table t = preprocessor().transform(raw);
        float[] y = TrainingLabels.read(t, label(), objective(), numClasses(), "evaluation", raw.name());
        return ModelMetrics.evaluate(objective(), y, scores(FeatureMatrix.of(t, features(), exactFeatures())));
    }

    /** The number of classes (multi:softprob), else 0. */
    default int numClasses() { return 0; }

    /** Scores already-transformed features. */
    double[][] scores(FeatureMatrix x);

    /** Writes the model files into {@code modelDir} (the job writes them atomically). */
    void save(Path modelDir) throws IOException;

    /**
     * The schema to load rows to score with: each raw column the model reads, declared with its type at
     * training (the model card's {@code inputs}; for older cards, the preprocessor's numeric/text inputs),
     * so a blank numeric cell stays a missing number for the imputer instead of turning the column into text.
     *
     * <pre>{@code
     * Table rows = CsvLoader.csv().schema(TrainedModel.inputSchema(Path.of("runs/rain/model"))).load(file);
     * }</pre>
     */
    static Schema inputSchema(Path modelDir) {
        Schema schema = Schema.empty();
        try {
            ModelCard c = ModelCard.read(modelDir);
            String label = c.label();
            if (!c.inputs().isEmpty()) {
                for (Map.Entry<String, ColumnKind> e : c.inputs().entrySet()) {
                    ColumnKind k = e.getValue();
                    if (!e.getKey().equals(label)) schema = schema.withType(e.getKey(), k == ColumnKind.INTEGER ? ColumnKind.NUMBER : k);
                }
                return schema;
            }
            FittedPreprocessor pre = FittedPreprocessor.load(modelDir.resolve(PREPROCESSOR_FILE));
            for (FittedPreprocessor.InputColumn in : pre.inputs()) {
                if (in.name().equals(label)) continue;
                if ("numeric".equals(in.type())) schema = schema.withType(in.name(), ColumnKind.NUMBER);
                else if ("text".equals(in.type())) schema = schema.withType(in.name(), ColumnKind.TEXT);
            }
            return schema;
        } catch (RuntimeException e) {
            if (e instanceof DataValidationException d) throw d;
            throw DataValidationException.param("model", modelDir, "is corrupt or unreadable: " + CARD_FILE + ": " + XGBoostFailure.firstLine(e.getMessage()),
                    "retrain the model (holdout train) or restore the folder");
        }
    }

    /**
     * The id columns the training job found among the raw train columns (the model card's {@code ids}; none for a
     * card that predates it): {@code holdout predict} keeps them beside each prediction.
     */
    static List<String> idColumns(Path modelDir) {
        try {
            return ModelCard.read(modelDir).ids();
        } catch (RuntimeException e) {
            if (e instanceof DataValidationException d) throw d;
            throw DataValidationException.param("model", modelDir, "is corrupt or unreadable: " + CARD_FILE + ": " + XGBoostFailure.firstLine(e.getMessage()),
                    "retrain the model (holdout train) or restore the folder");
        }
    }

    /** Loads a model folder written by a training job (model/ of the job folder). */
    static TrainedModel load(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            throw DataValidationException.param("model", modelDir, "no such model folder", "pass the model/ folder of a finished training job");
        }
        Path card = modelDir.resolve(CARD_FILE);
        if (!Files.isRegularFile(card)) {
            throw DataValidationException.param("model", modelDir, "has no " + CARD_FILE + " (not a finished training job's model folder?)",
                    "pass <job>/model; a failed job has output/failure instead of a model");
        }
        Path reading = card;
        try {
            ModelCard c = ModelCard.read(modelDir);
            Algorithm algorithm = c.algorithm();
            String objective = c.objective();
            String label = c.label();
            List<String> features = c.features();
            reading = modelDir.resolve(PREPROCESSOR_FILE);
            FittedPreprocessor pre = FittedPreprocessor.load(reading);
            if (algorithm == Algorithm.XGBOOST) {
                Path file = modelDir.resolve(XGBOOST_FILE);
                reading = file;
                if (!Files.isRegularFile(file)) throw new IOException("missing " + XGBOOST_FILE);
                byte[] bytes = Files.readAllBytes(file);
                // native code trusts the file's indices (an empty or inconsistent one aborts the JVM): check them first
                XGBoostModelFile.check(bytes, features.size(), objective.isEmpty() ? null : objective);
                // XGBoost's global configuration is per thread; verbosity 0 keeps its native warnings (e.g. about a model
                // saved by an old version) off the user's terminal, as training's verbosity=0 does
                ml.dmlc.xgboost4j.java.XGBoostJNI.XGBSetGlobalConfig("{\"verbosity\": 0}");
                Booster b = XGBoost.loadModel(bytes);
                int rounds = c.predictionRounds();
                if (rounds < 0) {
                    // a model without our card field: XGBoost's convention, best_iteration as a string attribute
                    String attr = b.getAttr("best_iteration");
                    rounds = attr != null ? Integer.parseInt(attr) + 1 : b.getNumBoostedRound();
                }
                if (rounds < 1 || rounds > b.getNumBoostedRound()) {
                    throw new IOException("prediction_rounds=" + rounds + " but the booster has " + b.getNumBoostedRound() + " rounds");
                }
                return new XGBoostModel(objective, label, features, pre, b, rounds, c.numClass());
            }
            if (algorithm == Algorithm.LINEAR_REGRESSION || algorithm == Algorithm.LOGISTIC_REGRESSION) {
                Path file = modelDir.resolve(LINEAR_FILE);
                reading = file;
                if (!Files.isRegularFile(file)) throw new IOException("missing " + LINEAR_FILE);
                return LinearModel.read(file, algorithm, objective, label, features, pre);
            }
            Path file = modelDir.resolve(TRIBUO_FILE);
            reading = file;
            if (!Files.isRegularFile(file)) throw new IOException("missing " + TRIBUO_FILE);
            return new TribuoModel(algorithm, objective, label, features, pre, Model.deserializeFromFile(file));
        } catch (IOException | XGBoostError | RuntimeException e) {
            if (e instanceof DataValidationException d) throw d;
            throw DataValidationException.param("model", modelDir, "is corrupt or unreadable: " + reading.getFileName() + ": "
                            + XGBoostFailure.firstLine(e.getMessage()),
                    "retrain the model (holdout train) or restore the folder");
        }
    }

    /**
     * An XGBoost booster predicting with the trees of rounds {@code [0, predictionRounds)}: the best
     * iteration + 1 after early stopping, every round otherwise (as SageMaker, which truncates only
     * when early stopping is on).
     */
    record XGBoostModel(String objective, String label, List<String> features, FittedPreprocessor preprocessor,
                        Booster booster, int predictionRounds, int numClass) implements TrainedModel {
        public XGBoostModel {
            features = List.copyOf(features);
        }

        @Override public Algorithm algorithm() { return Algorithm.XGBOOST; }

        @Override public int numClasses() { return numClass; }

        @Override public double[][] scores(FeatureMatrix x) {
            checkColumns(x, features);
            try {
                float[][] p = booster.inplace_predict(x.values(), x.rows(), x.columns(), Float.NaN, new int[] {0, predictionRounds});
                double[][] out = new double[p.length][];
                for (int i = 0; i < p.length; i++) {
                    out[i] = new double[p[i].length];
                    for (int k = 0; k < p[i].length; k++) out[i][k] = p[i][k];
                }
                return out;
            } catch (XGBoostError e) {
                throw XGBoostFailure.of("predicting " + x.rows() + " rows", e);
            }
        }

        /** The model in XGBoost's JSON format. */
        public byte[] modelJson() {
            try {
                return booster.toByteArray("json");
            } catch (XGBoostError e) {
                throw XGBoostFailure.of("writing the model as JSON", e);
            }
        }

        @Override public void save(Path modelDir) throws IOException {
            Files.createDirectories(modelDir);
            Files.write(modelDir.resolve(XGBOOST_FILE), modelJson());
        }

        @Override public String toString() {
            return "XGBoostModel[" + objective + ", " + features.size() + " features, predicting with rounds [0, " + predictionRounds + ")]";
        }
    }

    /** A Tribuo model (logistic regression, CART, linear regression). */
    record TribuoModel(Algorithm algorithm, String objective, String label, List<String> features,
                       FittedPreprocessor preprocessor, Model<?> model) implements TrainedModel {
        public TribuoModel {
            features = List.copyOf(features);
        }

        /** The classes of a multiclass model (Tribuo's output domain), else 0. */
        @Override public int numClasses() {
            return Hyperparameters.MULTI_SOFTPROB.equals(objective) ? model.getOutputIDInfo().size() : 0;
        }

        @SuppressWarnings("unchecked")
        @Override public double[][] scores(FeatureMatrix x) {
            checkColumns(x, features);
            String[] names = features.toArray(new String[0]);
            double[][] out = new double[x.rows()][];
            if (Hyperparameters.REG_SQUAREDERROR.equals(objective)) {
                Model<Regressor> m = (Model<Regressor>) model;
                for (int r = 0; r < x.rows(); r++) {
                    Example<Regressor> e = new ArrayExample<>(org.tribuo.regression.RegressionFactory.UNKNOWN_REGRESSOR, names, TribuoData.row(x, r, "input"));
                    out[r] = new double[] {m.predict(e).getOutput().getValues()[0]};
                }
                return out;
            }
            Model<Label> m = (Model<Label>) model;
            int k = Hyperparameters.MULTI_SOFTPROB.equals(objective) ? m.getOutputIDInfo().size() : 2;
            for (int r = 0; r < x.rows(); r++) {
                Example<Label> e = new ArrayExample<>(org.tribuo.classification.LabelFactory.UNKNOWN_LABEL, names, TribuoData.row(x, r, "input"));
                Prediction<Label> p = m.predict(e);
                double[] probs = new double[k];
                for (int c = 0; c < k; c++) probs[c] = score(p, TribuoData.className(c));
                out[r] = Hyperparameters.BINARY_LOGISTIC.equals(objective) ? new double[] {probs[1]} : probs;
            }
            return out;
        }

        private static double score(Prediction<Label> p, String cls) {
            if (p.hasProbabilities()) {
                Label l = p.getOutputScores().get(cls);
                return l == null ? 0 : l.getScore();
            }
            return p.getOutput().getLabel().equals(cls) ? 1 : 0;
        }

        @Override public void save(Path modelDir) throws IOException {
            Files.createDirectories(modelDir);
            model.serializeToFile(modelDir.resolve(TRIBUO_FILE));
        }

        @Override public String toString() {
            return "TribuoModel[" + algorithm + ", " + objective + ", " + features.size() + " features]";
        }
    }

    /**
     * Linear or logistic regression solved exactly ({@link LinearFit}): one row of coefficients and an intercept per
     * output (one for regression and binary, one per class for multinomial), saved as {@code linear-model.json}
     * ({@code {"coefficients": [[...]], "intercepts": [...]}}, features in {@link #features()} order).
     */
    record LinearModel(Algorithm algorithm, String objective, String label, List<String> features, FittedPreprocessor preprocessor,
                       double[][] coefficients, double[] intercepts) implements TrainedModel {
        public LinearModel {
            features = List.copyOf(features);
            if (coefficients.length != intercepts.length || coefficients.length == 0) {
                throw new IllegalArgumentException(coefficients.length + " coefficient rows, " + intercepts.length + " intercepts");
            }
            for (double[] row : coefficients) {
                if (row.length != features.size()) throw new IllegalArgumentException(row.length + " coefficients for " + features.size() + " features");
            }
        }

        @Override public boolean exactFeatures() { return true; }

        @Override public int numClasses() { return Hyperparameters.MULTI_SOFTPROB.equals(objective) ? coefficients.length : 0; }

        @Override public double[][] scores(FeatureMatrix x) {
            checkColumns(x, features);
            int k = coefficients.length, p = features.size();
            double[][] out = new double[x.rows()][];
            double[] z = new double[k];
            for (int r = 0; r < x.rows(); r++) {
                for (int j = 0; j < k; j++) {
                    double s = intercepts[j];
                    double[] w = coefficients[j];
                    for (int c = 0; c < p; c++) {
                        double v = x.value(r, c);
                        if (Double.isNaN(v)) {
                            throw DataValidationException.at("input", r + 1, features.get(c), "NaN",
                                    "missing value; " + algorithm.id() + " cannot take missing values (only XGBoost can): add an imputer to the preprocessing");
                        }
                        s += w[c] * v;
                    }
                    z[j] = s;
                }
                if (Hyperparameters.REG_SQUAREDERROR.equals(objective)) {
                    out[r] = new double[] {z[0]};
                } else if (k == 1) {
                    out[r] = new double[] {LinearFit.sigmoid(z[0])};
                } else {
                    double max = Double.NEGATIVE_INFINITY;
                    for (double v : z) max = Math.max(max, v);
                    double sum = 0;
                    double[] prob = new double[k];
                    for (int j = 0; j < k; j++) sum += prob[j] = Math.exp(z[j] - max);
                    for (int j = 0; j < k; j++) prob[j] /= sum;
                    out[r] = prob;
                }
            }
            return out;
        }

        @Override public void save(Path modelDir) throws IOException {
            Files.createDirectories(modelDir);
            Map<String, Object> m = new java.util.LinkedHashMap<>();
            m.put("coefficients", coefficients);
            m.put("intercepts", intercepts);
            Files.writeString(modelDir.resolve(LINEAR_FILE), dev.holdout.io.StrictJson.pretty(m));
        }

        static LinearModel read(Path file, Algorithm algorithm, String objective, String label, List<String> features,
                                FittedPreprocessor pre) throws IOException {
            com.fasterxml.jackson.databind.JsonNode n = dev.holdout.io.StrictJson.read(file, "model");
            com.fasterxml.jackson.databind.JsonNode cs = n.get("coefficients"), is = n.get("intercepts");
            if (cs == null || !cs.isArray() || is == null || !is.isArray() || cs.size() != is.size() || n.size() != 2) {
                throw new IOException("needs exactly \"coefficients\" (rows of numbers) and \"intercepts\" (one per row)");
            }
            double[][] coef = new double[cs.size()][];
            double[] b = new double[is.size()];
            for (int j = 0; j < coef.length; j++) {
                com.fasterxml.jackson.databind.JsonNode row = cs.get(j);
                if (!row.isArray() || row.size() != features.size()) throw new IOException("coefficient row " + j + " needs " + features.size() + " numbers");
                coef[j] = new double[row.size()];
                for (int c = 0; c < coef[j].length; c++) {
                    if (!row.get(c).isNumber()) throw new IOException("coefficient [" + j + "][" + c + "] is not a number");
                    coef[j][c] = row.get(c).doubleValue();
                }
                if (!is.get(j).isNumber()) throw new IOException("intercept " + j + " is not a number");
                b[j] = is.get(j).doubleValue();
            }
            return new LinearModel(algorithm, objective, label, features, pre, coef, b);
        }

        @Override public boolean equals(Object o) {
            return o instanceof LinearModel m && algorithm == m.algorithm && objective.equals(m.objective) && features.equals(m.features)
                    && java.util.Arrays.deepEquals(coefficients, m.coefficients) && java.util.Arrays.equals(intercepts, m.intercepts);
        }

        @Override public int hashCode() { return java.util.Arrays.deepHashCode(coefficients); }

        @Override public String toString() {
            return "LinearModel[" + algorithm.id() + ", " + objective + ", " + features.size() + " features]";
        }
    }

    private static void checkColumns(FeatureMatrix x, List<String> features) {
        if (!x.featureNames().equals(features)) {
            throw DataValidationException.param("features", x.featureNames(), "do not match the model's features " + features,
                    "score a table with the training columns");
        }
    }
}
