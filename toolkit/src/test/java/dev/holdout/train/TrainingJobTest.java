package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.data.DataValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.Table;

class TrainingJobTest {
    @TempDir Path dir;
    final Table train = TestData.binary("train", 300, 4, 11);
    final Table valid = TestData.binary("valid", 150, 4, 12);

    TrainingJob job() {
        return TrainingJob.xgboost("y", Channel.of(train)).withName("t").withValidation(Channel.of(valid))
                .withHyperparameters(Hyperparameters.numRound(60).withObjective("binary:logistic").withEvalMetric("logloss")
                        .withEarlyStoppingRounds(5).withMaxDepth(4).withSeed(5).withNthread(1));
    }

    @Test void writesASageMakerShapedJobFolder() throws Exception {
        Path out = dir.resolve("job");
        TrainingResult r = job().withOutput(out).run();
        assertEquals(out, r.jobFolder());
        for (String f : List.of("input/config/hyperparameters.json", "model/xgboost-model.json", "model/preprocessor.json",
                "model/model-card.json", "output/metrics.json", "output/learning-curve.png", "output/training.log", "input/config/inputdataconfig.json",
                "input/data/train/train.csv", "input/data/validation/validation.csv")) {
            assertTrue(Files.isRegularFile(out.resolve(f)), f);
        }
        assertFalse(Files.exists(out.resolve("output/failure")));
        ObjectMapper m = new ObjectMapper();
        JsonNode hp = m.readTree(out.resolve("input/config/hyperparameters.json").toFile());
        assertEquals("60", hp.get("num_round").asText());            // strings, as SageMaker writes them
        JsonNode metrics = m.readTree(out.resolve("output/metrics.json").toFile());
        assertEquals(r.learningCurve().rounds(), metrics.get("history").size());
        assertEquals(r.bestIteration(), metrics.get("best_iteration").asInt());
        assertEquals(r.learningCurve().validation()[3], (float) metrics.get("history").get(3).get("validation:logloss").asDouble());
        JsonNode card = m.readTree(out.resolve("model/model-card.json").toFile());
        assertEquals(r.bestIteration(), card.get("best_iteration").asInt());
        assertEquals(List.of("x0", "x1", "x2", "x3"), m.convertValue(card.get("features"), List.class));
        assertFalse(card.at("/data/train/fingerprint").asText().isEmpty());
        assertTrue(r.evaluation().get("validation", "roc_auc") > 0.7, r.evaluation().toString());
        assertEquals("3.4.0", card.at("/versions/xgboost4j").asText());
        // the model JSON is XGBoost's own format and keeps best_iteration as a string attribute
        JsonNode model = m.readTree(out.resolve("model/xgboost-model.json").toFile());
        assertEquals(String.valueOf(r.bestIteration()), model.at("/learner/attributes/best_iteration").asText());
        // no temporary folders left beside it
        try (var s = Files.list(dir)) {
            assertEquals(List.of(out), s.toList());
        }
    }

    @Test void aLoadedModelPredictsLikeTheTrainedOne() {
        Path out = dir.resolve("job");
        TrainingResult r = job().withOutput(out).run();
        TrainedModel loaded = TrainedModel.load(out.resolve("model"));
        Table test = TestData.binary("test", 80, 4, 13);
        assertArrayEquals(r.model().predict(test), loaded.predict(test));
    }

    @Test void sameSpecAndSeedGiveTheSameModelAndMetrics() throws Exception {
        TrainingJob j = job().withHyperparameters(h -> h.withSubsample(0.7).withColsampleBytree(0.8).withNthread(2));
        TrainingResult a = j.withOutput(dir.resolve("a")).run();
        TrainingResult b = j.withOutput(dir.resolve("b")).run();
        assertEquals(a.learningCurve(), b.learningCurve());
        assertEquals(a.evaluation(), b.evaluation());
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/model/xgboost-model.json")), Files.readAllBytes(dir.resolve("b/model/xgboost-model.json")));
        assertArrayEquals(Files.readAllBytes(dir.resolve("a/output/metrics.json")), Files.readAllBytes(dir.resolve("b/output/metrics.json")));
        TrainingResult c = j.withHyperparameters(h -> h.withSeed(6)).run();
        assertFalse(a.learningCurve().equals(c.learningCurve()), "another seed subsamples other rows");
    }

    @Test void aFailedJobWritesOutputFailureAndNoModel() throws Exception {
        Table bad = train.copy();
        bad.replaceColumn("y", DoubleColumn.create("y", bad.intColumn("y").asDoubleArray()));
        bad.doubleColumn("y").set(7, 2.0);
        Path out = dir.resolve("failed");
        var e = assertThrows(DataValidationException.class, () -> job().withTrain(Channel.of(bad)).withOutput(out).run());
        assertTrue(e.getMessage().contains("not 0 or 1"), e.getMessage());
        assertTrue(e.getMessage().contains("8"), "names the row: " + e.getMessage());
        assertTrue(Files.readString(out.resolve("output/failure")).contains("not 0 or 1"));
        assertFalse(Files.exists(out.resolve("model")));
        assertTrue(Files.isRegularFile(out.resolve("input/config/hyperparameters.json")));
        var load = assertThrows(DataValidationException.class, () -> TrainedModel.load(out.resolve("model")));
        assertTrue(load.getMessage().contains("no such model folder"), load.getMessage());
    }

    @Test void nanLabelsAndEmptyChannelsAreRejected() {
        Table nan = train.copy();
        nan.replaceColumn("y", DoubleColumn.create("y", nan.intColumn("y").asDoubleArray()));
        nan.doubleColumn("y").setMissing(3);
        var e = assertThrows(DataValidationException.class, () -> job().withTrain(Channel.of(nan)).run());
        assertTrue(e.getMessage().contains("missing (NaN) in row 4"), e.getMessage());
        var empty = assertThrows(DataValidationException.class, () -> job().withValidation(Channel.of(valid.emptyCopy())).run());
        assertTrue(empty.getMessage().contains("validation channel is empty"), empty.getMessage());
    }

    @Test void earlyStoppingNeedsAValidationChannel() {
        // checked when the job is complete (validate, or run), so the withers can come in any order
        TrainingJob noValidation = job().withValidation(null);
        var e = assertThrows(DataValidationException.class, noValidation::validate);
        assertEquals(e.getMessage(), assertThrows(DataValidationException.class, noValidation::run).getMessage());
        assertTrue(e.getMessage().startsWith("early_stopping_rounds=5: early stopping needs a validation channel"), e.getMessage());
    }

    @Test void aCorruptModelIsAClearError() throws Exception {
        Path out = dir.resolve("job");
        job().withOutput(out).run();
        Files.writeString(out.resolve("model/xgboost-model.json"), "{not json");
        var e = assertThrows(DataValidationException.class, () -> TrainedModel.load(out.resolve("model")));
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertTrue(e.getMessage().contains("xgboost-model.json"), "names the file: " + e.getMessage());
        assertFalse(e.getMessage().contains("[bt]") || e.getMessage().contains("Stack trace"), "no native backtrace: " + e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    @Test void aNonEmptyOutputFolderIsRefused() throws Exception {
        Path out = dir.resolve("job");
        Files.createDirectories(out);
        Files.writeString(out.resolve("keep.txt"), "x");
        assertThrows(DataValidationException.class, () -> job().withOutput(out).run());
        assertEquals("x", Files.readString(out.resolve("keep.txt")));
    }

    @Test void readsAJsonSpecWithCsvChannels() throws Exception {
        train.write().csv(dir.resolve("train.csv").toFile());
        valid.write().csv(dir.resolve("valid.csv").toFile());
        Files.writeString(dir.resolve("job.json"), """
                {"name": "json-job", "algorithm": "xgboost", "label": "y",
                 "hyperparameters": {"num_round": "30", "objective": "binary:logistic", "eval_metric": "auc",
                                     "early_stopping_rounds": 4, "max_depth": "3", "seed": "1", "nthread": "1"},
                 "channels": {"train": "train.csv", "validation": "valid.csv"},
                 "output": "out"}
                """);
        TrainingJob j = TrainingJob.fromJson(dir.resolve("job.json"));
        assertEquals("auc", j.hyperparameters().evalMetric());
        TrainingResult r = j.run();
        assertTrue(Files.isRegularFile(dir.resolve("out/model/model-card.json")));
        assertEquals(dev.holdout.metrics.Direction.HIGHER_IS_BETTER, r.learningCurve().direction());

        Files.writeString(dir.resolve("bad.json"), """
                {"label": "y", "hyperparameters": {"num_round": "3"}, "chanels": {}}
                """);
        var e = assertThrows(DataValidationException.class, () -> TrainingJob.fromJson(dir.resolve("bad.json")));
        assertTrue(e.getMessage().contains("did you mean 'channels'"), e.getMessage());
    }

    @Test void thePreprocessorIsFittedOnTrainAndSavedForPredict() throws Exception {
        Table t = train.copy();
        t.addColumns(tech.tablesaw.api.StringColumn.create("colour", t.rowCount()));
        for (int i = 0; i < t.rowCount(); i++) t.stringColumn("colour").set(i, i % 3 == 0 ? "red" : "blue");
        t.doubleColumn("x0").setMissing(0);
        Table v = valid.copy();
        v.addColumns(tech.tablesaw.api.StringColumn.create("colour", v.rowCount()));
        for (int i = 0; i < v.rowCount(); i++) v.stringColumn("colour").set(i, "red");
        com.fasterxml.jackson.databind.JsonNode spec = new ObjectMapper().readTree("""
                {"steps": [{"step": "impute", "strategy": "median", "columns": ["x0"]},
                           {"step": "one_hot", "columns": ["colour"]}]}""");
        Path out = dir.resolve("pre");
        TrainingResult r = job().withTrain(Channel.of(t)).withValidation(Channel.of(v))
                .withPreprocessing(PreprocessingSpecs.fromJson(spec)).withOutput(out).run();
        assertTrue(r.model().features().stream().anyMatch(f -> f.startsWith("colour")), r.model().features().toString());
        assertFalse(r.model().features().contains("colour"));
        TrainedModel loaded = TrainedModel.load(out.resolve("model"));
        assertEquals(r.model().preprocessor(), loaded.preprocessor());
        assertArrayEquals(r.model().predict(v), loaded.predict(v));
        var e = assertThrows(DataValidationException.class, () -> PreprocessingSpecs.fromJson(new ObjectMapper().readTree(
                "{\"steps\": [{\"step\": \"one_hott\", \"columns\": [\"a\"]}]}")));
        assertTrue(e.getMessage().contains("did you mean 'one_hot'"), e.getMessage());
    }

    @Test void tribuoLearnersTrainOnTheSameTables() {
        for (Algorithm a : List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.CART)) {
            TrainingResult r = job().withAlgorithm(a).withHyperparameters(h -> h.withEarlyStoppingRounds(0)).run();
            double[] p = r.model().predict(valid);
            assertEquals(valid.rowCount(), p.length);
            for (double v : p) assertTrue(v >= 0 && v <= 1, a + " gives probabilities");
        }
        Table reg = TestData.regression("reg", 200, 3);
        TrainingResult lr = TrainingJob.xgboost("y", Channel.of(reg)).withAlgorithm(Algorithm.LINEAR_REGRESSION)
                .withHyperparameters(Hyperparameters.numRound(1).withSeed(1).withNthread(1)).run();
        double[] p = lr.model().predict(reg);
        double sse = 0, sst = 0, mean = reg.doubleColumn("y").mean();
        for (int i = 0; i < p.length; i++) {
            sse += Math.pow(p[i] - reg.doubleColumn("y").get(i), 2);
            sst += Math.pow(reg.doubleColumn("y").get(i) - mean, 2);
        }
        assertTrue(sse < 0.5 * sst, "a linear target is learned by linear regression");
    }

    @Test void multiclassAndRegressionObjectives() {
        Table m = TestData.multiclass("m", 300, 4);
        TrainingResult r = TrainingJob.xgboost("y", Channel.of(m)).withHyperparameters(Hyperparameters.numRound(10)
                .withMultiClass(3).withNthread(1)).run();
        assertEquals(3, r.model().scores(m)[0].length);
        var e = assertThrows(DataValidationException.class, () -> TrainingJob.xgboost("y", Channel.of(m)).withHyperparameters(
                Hyperparameters.numRound(3).withMultiClass(2).withNthread(1)).run());
        assertTrue(e.getMessage().contains("not a class index"), e.getMessage());
        Table reg = TestData.regression("reg", 200, 5);
        TrainingResult rr = TrainingJob.xgboost("y", Channel.of(reg)).withHyperparameters(Hyperparameters.numRound(20).withNthread(1)).run();
        assertEquals("rmse", rr.learningCurve().metric());
        float[] t = rr.learningCurve().train();
        assertTrue(t[t.length - 1] < t[0]);
    }

    @Test void aPreprocessingStepOnTheLabelIsRefused() {
        var ex = assertThrows(DataValidationException.class, () -> job().withPreprocessing(
                dev.holdout.preprocess.Preprocessor.of(dev.holdout.preprocess.StandardScaler.of("x0"),
                        dev.holdout.preprocess.Imputer.median("x1", "y"))).validate());
        assertTrue(ex.getMessage().contains("preprocessing.steps[1].columns=") && ex.getMessage().contains("label=y"), ex.getMessage());
        // the JSON form is refused the same way, so an imputer can never fill NaN labels
        var spec = new ObjectMapper().createObjectNode();
        spec.put("label", "y");
        spec.putObject("hyperparameters").put("num_round", "3");
        spec.putObject("channels").put("train", "t.csv");
        spec.putObject("preprocessing").putArray("steps").addObject().put("step", "impute").putArray("columns").add("y");
        var json = assertThrows(DataValidationException.class, () -> TrainingJob.fromJson(dev.holdout.io.JsonFields.of(spec, ""), dir));
        assertTrue(json.getMessage().contains("preprocessing.steps[0].columns=") && json.getMessage().contains("label=y"), json.getMessage());
    }

    @Test void theSavedJobSpecReproducesTheJob() throws Exception {
        Path out = dir.resolve("job");
        TrainingJob j = job().withPreprocessing(dev.holdout.preprocess.Preprocessor.of(
                dev.holdout.preprocess.Imputer.mean("x0").withIndicator(), dev.holdout.preprocess.StandardScaler.of("x0", "x1"),
                dev.holdout.preprocess.OutlierHandler.zScore("x2").factor(2.5).flag())).withOutput(out);
        j.run();
        Path spec = out.resolve("input/config/job.json");
        JsonNode json = new ObjectMapper().readTree(spec.toFile());
        assertEquals(out.toAbsolutePath().normalize().toString(), json.get("output").asText());
        assertEquals("../data/train/train.csv", json.at("/channels/train").asText());
        assertEquals("z_score", json.at("/preprocessing/steps/2/method").asText());
        TrainingJob again = TrainingJob.fromJson(spec);
        assertEquals(out.toAbsolutePath().normalize(), again.output());
        assertEquals(PreprocessingSpecs.toJson(j.preprocessing()), PreprocessingSpecs.toJson(again.preprocessing()));
        Path other = dir.resolve("other");
        again.withOutput(other).run();
        assertArrayEquals(Files.readAllBytes(out.resolve("model/xgboost-model.json")), Files.readAllBytes(other.resolve("model/xgboost-model.json")));
        assertEquals(Files.readString(out.resolve("model/preprocessor.json")), Files.readString(other.resolve("model/preprocessor.json")));
    }

    @Test void aTribuoJobJsonSavedBeforeLearnersRecordedOnlyTheirOwnHyperparametersStillReRuns() throws Exception {
        // the hyperparameters a cart job's folder recorded before this version: every XGBoost name
        Files.writeString(dir.resolve("old.json"), """
                {"name": "cart", "algorithm": "cart", "label": "y", "features": [], "exclude": [],
                 "hyperparameters": {"num_round": "10", "eta": "0.3", "max_depth": "3", "min_child_weight": "1", "subsample": "1",
                   "colsample_bytree": "1", "gamma": "0", "lambda": "1", "alpha": "0", "objective": "binary:logistic",
                   "eval_metric": "error", "scale_pos_weight": "1", "seed": "1", "nthread": "2", "tree_method": "auto"},
                 "channels": {"train": "train.csv"}, "preprocessing": {"steps": []}}
                """);
        TrainingJob old = TrainingJob.fromJson(dir.resolve("old.json"));
        assertEquals(3, old.hyperparameters().maxDepth());
        assertEquals(java.util.Map.of("objective", "binary:logistic", "max_depth", "3", "min_samples_leaf", "1", "criterion", "gini",
                "max_features", "1", "seed", "1"), old.hyperparameters().toMap(Algorithm.CART));
        // a spec written by hand that gives cart one XGBoost setting is refused: the value would do nothing
        Files.writeString(dir.resolve("new.json"), """
                {"algorithm": "cart", "label": "y", "hyperparameters": {"objective": "binary:logistic", "eta": "0.1"},
                 "channels": {"train": "train.csv"}}
                """);
        var e = assertThrows(DataValidationException.class, () -> TrainingJob.fromJson(dir.resolve("new.json")));
        assertTrue(e.getMessage().startsWith("eta=0.1: algorithm=cart does not use this hyperparameter"), e.getMessage());
    }

    @Test void aReRunIntoTheFolderOfAFailedJobNeedsNoForce() throws Exception {
        Path out = dir.resolve("job");
        Table oneClass = TestData.binary("train", 60, 2, 3);
        tech.tablesaw.api.IntColumn y = (tech.tablesaw.api.IntColumn) oneClass.column("y");
        for (int i = 0; i < y.size(); i++) y.set(i, 0);
        TrainingJob failing = job().withTrain(Channel.of(oneClass)).withOutput(out);
        var failed = assertThrows(DataValidationException.class, failing::run);
        assertTrue(Files.isRegularFile(out.resolve("output/failure")), failed.getMessage() + " " + (Files.exists(out) ? java.util.Arrays.toString(out.toFile().list()) : "no folder"));
        // fixed, into the same folder, without force: the failure was all that was there
        TrainingResult r = job().withOutput(out).run();
        assertTrue(Files.isRegularFile(out.resolve("model/model-card.json")));
        assertFalse(Files.exists(out.resolve("output/failure")));
        assertEquals(out, r.jobFolder());
        // a folder with anything else in it still needs force
        Path other = Files.createDirectories(dir.resolve("other/output"));
        Files.writeString(other.resolve("failure"), "x\n");
        Files.writeString(dir.resolve("other/notes.txt"), "mine\n");
        assertThrows(DataValidationException.class, () -> job().withOutput(dir.resolve("other")).run());
        assertTrue(Files.isRegularFile(dir.resolve("other/notes.txt")));
    }
}
