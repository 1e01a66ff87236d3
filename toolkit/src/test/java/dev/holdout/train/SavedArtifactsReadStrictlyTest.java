package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.preprocess.FittedPreprocessor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** A job folder's model card and fitted preprocessor are read by the one strict reader: an edited file is an error, never half-read. */
class SavedArtifactsReadStrictlyTest {
    @TempDir Path dir;

    private Path model() {
        Table train = TestData.binary("train", 60, 3, 1);
        Path out = dir.resolve("job");
        TrainingJob.xgboost("y", Channel.of(train)).withHyperparameters(Hyperparameters.numRound(3).withObjective("binary:logistic").withNthread(1))
                .withPreprocessing(dev.holdout.preprocess.Preprocessor.of(dev.holdout.preprocess.StandardScaler.of("x0")))
                .withOutput(out).run();
        return out.resolve("model");
    }

    @Test void theModelCardIsReadStrictly() throws Exception {
        Path m = model();
        Path card = m.resolve(TrainedModel.CARD_FILE);
        String json = Files.readString(card);
        assertEquals("y", TrainedModel.load(m).label());
        Files.writeString(card, json.replaceFirst("\\{", "{\"labl\": \"z\", "));
        var unknown = assertThrows(DataValidationException.class, () -> TrainedModel.load(m));
        assertTrue(unknown.getMessage().contains("labl=z: unknown key; did you mean 'label'?"), unknown.getMessage());
        Files.writeString(card, json.replaceFirst("\\{", "{\"label\": \"z\", "));
        var twice = assertThrows(DataValidationException.class, () -> TrainedModel.load(m));
        assertTrue(twice.getMessage().contains("duplicate key 'label'"), twice.getMessage());
        Files.writeString(card, json.replace("\"binary:logistic\"", "\"binary:logistc\""));
        var objective = assertThrows(DataValidationException.class, () -> TrainedModel.load(m));
        assertTrue(objective.getMessage().contains("hyperparameters.objective=binary:logistc"), objective.getMessage());
        Files.writeString(card, json + "}");
        assertTrue(assertThrows(DataValidationException.class, () -> TrainedModel.inputSchema(m)).getMessage()
                .contains("text after the end of the JSON value"));
    }

    @Test void theFittedPreprocessorIsReadStrictly() throws Exception {
        Path m = model();
        Path pre = m.resolve(TrainedModel.PREPROCESSOR_FILE);
        String json = Files.readString(pre);
        FittedPreprocessor.load(pre);
        Files.writeString(pre, json.replaceFirst("\\{", "{\"colour\": \"blue\", "));
        var unknown = assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(pre));
        assertTrue(unknown.getMessage().contains("unknown field 'colour'"), unknown.getMessage());
        assertTrue(!unknown.getMessage().contains("com.fasterxml"), unknown.getMessage());
        Files.writeString(pre, json.replaceFirst("\\{", "{\"format\": \"x\", "));
        assertTrue(assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(pre)).getMessage().contains("duplicate key 'format'"));
    }
}
