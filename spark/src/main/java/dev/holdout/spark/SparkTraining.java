package dev.holdout.spark;

import static org.apache.spark.sql.functions.col;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputFolder;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.Direction;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.train.Algorithm;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.LearningCurve;
import dev.holdout.train.TrainedModel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassificationModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostClassifier;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressionModel;
import ml.dmlc.xgboost4j.scala.spark.XGBoostRegressor;
import ml.dmlc.xgboost4j.scala.spark.XGBoostTrainingSummary;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

/**
 * XGBoost training on Spark (XGBoost4J-Spark, {@code setNumWorkers} workers) with early stopping on an
 * evaluation set, saved in the core's model-folder layout ({@code model/xgboost-model.json},
 * {@code preprocessor.json}, {@code model-card.json} with the best iteration and {@code prediction_rounds}), so
 * {@code holdout predict --model JOB/model} and {@code holdout serve} score with the trees up to the best
 * iteration — XGBoost4J-Spark's own model keeps every round trained (dmlc/xgboost#6893).
 *
 * <p>Missing values: the features are passed as numeric columns ({@code setFeaturesCol(String[])}), never as a
 * Spark ML vector, and {@code missing} is NaN: a null or NaN cell is missing and a 0 is a 0. (With a
 * {@code VectorAssembler}'s sparse vectors the zeros an assembler leaves out are read as missing by XGBoost
 * unless {@code missing} is 0 — the trap this avoids.) Labels are numbers: 0/1 for binary:logistic, class
 * codes for multi:softprob, values for regression.
 *
 * <pre>{@code
 * Hyperparameters hp = Hyperparameters.numRound(500).withEarlyStoppingRounds(10);
 * SparkTraining.Result r = SparkTraining.train(train, validation, "label", List.of("x1", "x2"), hp, 2, Path.of("runs/big"));
 * r.curve().bestIteration();      // the round `holdout predict` stops at
 * }</pre>
 */
public final class SparkTraining {
    private SparkTraining() {}

    /** What a training run gives: the model folder (inside the job folder) and the learning curve. */
    public record Result(Path modelFolder, LearningCurve curve, long trainRows, long validationRows) {}

    public static Result train(Dataset<Row> train, Dataset<Row> validation, String label, List<String> features, Hyperparameters hp,
                               int numWorkers, Path jobFolder) {
        hp = hp.validate();
        if (numWorkers < 1) throw DataValidationException.param("num-workers", numWorkers, "must be at least 1", "pass e.g. 2");
        if (hp.earlyStopping() && validation == null) {
            throw DataValidationException.param("early_stopping_rounds", hp.earlyStoppingRounds(), "needs a validation set to stop on",
                    "pass a validation dataset, or set early_stopping_rounds to 0");
        }
        List<String> names = Arrays.asList(train.columns());
        for (String f : features) if (!names.contains(f)) throw dev.holdout.data.Columns.unknown("features", f, names, "the training data");
        if (!names.contains(label)) throw dev.holdout.data.Columns.unknown("label", label, names, "the training data");
        if (features.contains(label)) throw DataValidationException.param("features", label, "the label cannot be a feature", "drop it from the features");
        Dataset<Row> tr = numeric(train, label, features);
        Dataset<Row> va = validation == null ? null : numeric(validation, label, features);
        Map<String, Object> params = new java.util.LinkedHashMap<>(hp.xgboostParams());
        // XGBoost4J-Spark sets the threads per worker from spark.task.cpus
        params.remove("nthread");
        params.remove("verbosity");
        scala.collection.immutable.Map<String, Object> sp = scala.collection.JavaConverters.mapAsScalaMapConverter(params).asScala()
                .toMap(scala.Predef$.MODULE$.<scala.Tuple2<String, Object>>$conforms());
        String[] cols = features.toArray(new String[0]);
        ml.dmlc.xgboost4j.scala.Booster booster;
        scala.Option<XGBoostTrainingSummary> summary;
        try (OutputFolder out = OutputFolder.at(jobFolder).named("--output").claim()) {
            if (hp.isClassification()) {
                XGBoostClassifier est = new XGBoostClassifier(sp);
                est.setFeaturesCol(cols);
                est.setLabelCol(label);
                est.setNumWorkers(numWorkers);
                est.setNumRound(hp.numRound());
                est.setMissing(Float.NaN);
                if (va != null) est.setEvalDataset(va);
                if (hp.earlyStopping()) est.setNumEarlyStoppingRounds(hp.earlyStoppingRounds());
                XGBoostClassificationModel m = (XGBoostClassificationModel) HoldoutSpark.run(() -> est.fit(tr));
                booster = m.nativeBooster();
                summary = m.summary();
            } else {
                XGBoostRegressor est = new XGBoostRegressor(sp);
                est.setFeaturesCol(cols);
                est.setLabelCol(label);
                est.setNumWorkers(numWorkers);
                est.setNumRound(hp.numRound());
                est.setMissing(Float.NaN);
                if (va != null) est.setEvalDataset(va);
                if (hp.earlyStopping()) est.setNumEarlyStoppingRounds(hp.earlyStoppingRounds());
                XGBoostRegressionModel m = (XGBoostRegressionModel) HoldoutSpark.run(() -> est.fit(tr));
                booster = m.nativeBooster();
                summary = m.summary();
            }
            LearningCurve curve = curve(hp, summary, (int) booster.getNumBoostedRound());
            long trainRows = tr.count(), validationRows = va == null ? 0 : va.count();
            byte[] json;
            try {
                json = booster.toByteArray("json");
            } catch (ml.dmlc.xgboost4j.java.XGBoostError e) {
                throw dev.holdout.train.XGBoostFailure.of("writing the model as JSON", e);
            }
            Hyperparameters used = hp;
            out.write(dir -> {
                Path model = Files.createDirectories(dir.resolve("model"));
                Files.write(model.resolve(TrainedModel.XGBOOST_FILE), json);
                Files.writeString(model.resolve(TrainedModel.PREPROCESSOR_FILE), identity(features, label).toJson(), StandardCharsets.UTF_8);
                Files.writeString(model.resolve(TrainedModel.CARD_FILE), card(jobFolder, label, features, used, curve, trainRows, validationRows,
                        numWorkers), StandardCharsets.UTF_8);
            });
            return new Result(jobFolder.resolve("model"), curve, trainRows, validationRows);
        }
    }

    /** The label and features as doubles; a cell that is not a number is missing (null), which XGBoost reads as missing. */
    private static Dataset<Row> numeric(Dataset<Row> d, String label, List<String> features) {
        Column[] cs = new Column[features.size() + 1];
        cs[0] = col(SparkSplit.quoted(label)).cast(DataTypes.DoubleType).as(label);
        for (int i = 0; i < features.size(); i++) cs[i + 1] = col(SparkSplit.quoted(features.get(i))).cast(DataTypes.FloatType).as(features.get(i));
        return d.select(cs).filter(col(SparkSplit.quoted(label)).isNotNull());
    }

    /** The learning curve from XGBoost4J-Spark's summary, with the best round by the metric's direction (the core's rule). */
    static LearningCurve curve(Hyperparameters hp, scala.Option<XGBoostTrainingSummary> summary, int rounds) {
        float[] train = summary.isDefined() ? summary.get().trainObjectiveHistory() : new float[0];
        float[] validation = new float[0];
        if (summary.isDefined() && summary.get().validationObjectiveHistory().nonEmpty()) {
            validation = summary.get().validationObjectiveHistory().head()._2();
        }
        // XGBoost4J-Spark sizes the histories by num_round: after an early stop the rounds not trained are zeros
        if (train.length > rounds) train = Arrays.copyOf(train, rounds);
        if (validation.length > rounds) validation = Arrays.copyOf(validation, rounds);
        Direction d = hp.evalDirection();
        int best = Math.max(0, rounds - 1);
        if (validation.length > 0) {
            best = 0;
            for (int i = 1; i < validation.length; i++) {
                if (d == Direction.HIGHER_IS_BETTER ? validation[i] > validation[best] : validation[i] < validation[best]) best = i;
            }
        }
        if (train.length == 0) train = new float[rounds];
        return new LearningCurve(hp.evalMetric(), d, train, validation, Math.min(best, train.length - 1),
                validation.length > 0 ? validation[best] : Float.NaN, rounds < hp.numRound());
    }

    private static dev.holdout.preprocess.FittedPreprocessor identity(List<String> features, String label) {
        Table t = Table.create("train");
        for (String f : features) t.addColumns(DoubleColumn.create(f, new double[] {0}));
        t.addColumns(DoubleColumn.create(label, new double[] {0}));
        return Preprocessor.of().fit(t);
    }

    private static String card(Path job, String label, List<String> features, Hyperparameters hp, LearningCurve curve, long trainRows,
                               long validationRows, int workers) {
        ObjectNode c = StrictJson.mapper().createObjectNode();
        c.put("job", job.getFileName().toString());
        c.put("algorithm", Algorithm.XGBOOST.id());
        c.put("label", label);
        ObjectNode h = c.putObject("hyperparameters");
        hp.toMap(Algorithm.XGBOOST).forEach(h::put);
        ArrayNode f = c.putArray("features");
        features.forEach(f::add);
        ObjectNode inputs = c.putObject("inputs");
        features.forEach(x -> inputs.put(x, "NUMBER"));
        c.put("best_iteration", curve.bestIteration());
        if (curve.hasValidation()) c.put("best_score", curve.bestScore());
        c.put("rounds_trained", curve.rounds());
        c.put("stopped_early", curve.stoppedEarly());
        int predictionRounds = hp.earlyStopping() ? curve.bestIteration() + 1 : curve.rounds();
        c.put("prediction_rounds", predictionRounds);
        c.put("prediction", "trees of rounds [0, " + predictionRounds + ")" + (hp.earlyStopping() ? " (up to the best iteration)" : " (all rounds; no early stopping)"));
        ObjectNode data = c.putObject("data");
        data.putObject("train").put("source", "spark (" + workers + " XGBoost workers)").put("rows", trainRows);
        if (validationRows > 0) data.putObject("validation").put("source", "spark").put("rows", validationRows);
        c.putObject("metrics");
        ObjectNode v = c.putObject("versions");
        v.put("xgboost4j-spark", xgboostVersion());
        v.put("spark", org.apache.spark.package$.MODULE$.SPARK_VERSION());
        v.put("java", System.getProperty("java.version"));
        c.put("trained_at", Instant.now().toString());
        return StrictJson.pretty(c);
    }

    private static String xgboostVersion() {
        try (java.io.InputStream in = XGBoostClassifier.class.getResourceAsStream("/META-INF/maven/ml.dmlc/xgboost4j-spark_2.12/pom.properties")) {
            if (in == null) return "unknown";
            java.util.Properties p = new java.util.Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (java.io.IOException e) {
            return "unknown";
        }
    }
}
