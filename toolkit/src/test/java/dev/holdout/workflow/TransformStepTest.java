package dev.holdout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.cli.HoldoutCli;
import dev.holdout.store.Store;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Transform step scores with the batch-transform engine: its output is byte for byte what {@code holdout predict}
 * writes for the same model and rows; an Evaluation step's property file has the objective's metrics.
 */
class TransformStepTest {
    @TempDir Path dir;

    @Test void transformScoresAsPredictDoes() throws Exception {
        Path data = Path.of("..", "datasets", "breast-cancer.csv").toAbsolutePath();
        Path file = dir.resolve("p.json");
        Files.writeString(file, """
                {"name": "cancer", "steps": [
                  {"name": "split", "type": "Processing", "inputs": {"data": "%s"},
                   "holdout": ["split", "--input", "${inputs.data}", "--output", "${output}", "--strategy", "stratified",
                               "--label", "malignant", "--test-size", "0.2", "--validation-size", "0.2", "--seed", "7"],
                   "outputs": {"train": "train.csv", "validation": "validation.csv", "test": "test.csv"}},
                  {"name": "train", "type": "Training",
                   "inputs": {"train": "steps.split.outputs.train", "validation": "steps.split.outputs.validation"},
                   "job": {"label": "malignant", "hyperparameters": {"num_round": "20", "objective": "binary:logistic", "max_depth": "2", "nthread": "1", "seed": "1"}}},
                  {"name": "score", "type": "Transform", "inputs": {"model": "steps.train.outputs.model", "data": "steps.split.outputs.test"}},
                  {"name": "evaluate", "type": "Evaluation", "inputs": {"model": "steps.train.outputs.model", "data": "steps.split.outputs.test"}}
                ]}""".formatted(data));
        Execution e = PipelineExecutor.on(Store.at(dir.resolve("store.duckdb"))).parallelism(2).run(Pipeline.read(file), Map.of());
        assertTrue(e.succeeded(), e.toString());
        Path out = Path.of(e.step("score").outputs().get("predictions")).resolve("test.csv.out");
        Path predicted = dir.resolve("predict.csv");
        var cl = HoldoutCli.commandLine();
        cl.setOut(new PrintWriter(new StringWriter()));
        cl.setErr(new PrintWriter(new StringWriter()));
        assertEquals(0, cl.execute("predict", "--model", e.step("train").outputs().get("model"), "--input",
                e.step("split").outputs().get("test"), "--output", predicted.toString()));
        assertEquals(Files.readString(predicted), Files.readString(out));
        assertEquals(List.of("accuracy", "precision", "recall", "f1", "roc_auc", "log_loss"),
                iterable(dev.holdout.io.StrictJson.parse(e.step("evaluate").properties(), "p").path("metrics").fieldNames()));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new java.util.ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }
}
