package dev.holdout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.cli.HoldoutCli;
import dev.holdout.data.CsvLoader;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainedModel;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** XGBoost4J-Spark with early stopping, saved so the core's predict scores with the best iteration. */
class SparkTrainingTest {
    @TempDir Path dir;

    @Test void earlyStoppingIsRecordedAndPredictUsesTheBestIteration() throws Exception {
        Path csv = dir.resolve("events.csv");
        StringBuilder sb = new StringBuilder("id,a,b,c,label\n");
        dev.holdout.data.SeededRandom r = new dev.holdout.data.SeededRandom(12);
        for (int i = 0; i < 2500; i++) {
            double a = r.nextDouble(), b = r.nextDouble(), c = r.nextDouble();
            // noisy labels: deep trees overfit, so the validation loss turns up and training stops early
            int label = r.nextDouble() < 0.2 + 0.6 * (a > 0.5 ? 1 : 0) * (b > 0.3 ? 1 : 0) ? 1 : 0;
            sb.append(i).append(',').append(i % 17 == 0 ? "" : Double.toString(a)).append(',').append(b).append(',').append(i % 5 == 0 ? "0" : Double.toString(c))
                    .append(',').append(label).append('\n');
        }
        Files.writeString(csv, sb.toString());
        Dataset<Row> rows = HoldoutSpark.readCsv(LocalSpark.get(), csv);
        Map<Part, Dataset<Row>> parts = SparkSplit.parts(rows, RandomSplit.create().test(0.25).hashedBy("id").seed(1));
        Hyperparameters hp = Hyperparameters.numRound(200).withObjective(Hyperparameters.BINARY_LOGISTIC).withEta(0.5).withMaxDepth(8).withEarlyStoppingRounds(5);
        Path job = dir.resolve("job");
        SparkTraining.Result res = SparkTraining.train(parts.get(Part.TRAIN), parts.get(Part.TEST), "label", List.of("a", "b", "c"), hp, 2, job);

        assertTrue(res.curve().stoppedEarly(), res.curve() + " " + java.util.Arrays.toString(res.curve().validation()) + " " + java.util.Arrays.toString(res.curve().train()));
        assertTrue(res.curve().bestIteration() < res.curve().rounds() - 1);
        var card = dev.holdout.io.StrictJson.mapper().readTree(job.resolve("model/model-card.json").toFile());
        assertEquals(res.curve().bestIteration() + 1, card.get("prediction_rounds").asInt(), card.toString());
        assertEquals(res.trainRows() + res.validationRows(), 2500);

        TrainedModel m = TrainedModel.load(job.resolve("model"));
        assertEquals(List.of("a", "b", "c"), m.features());
        Path preds = dir.resolve("preds.csv");
        StringWriter err = new StringWriter();
        CommandLine cli = HoldoutCli.commandLine();
        cli.setErr(new PrintWriter(err));
        cli.setOut(new PrintWriter(new StringWriter()));
        int code = cli.execute("predict", "--model", job.resolve("model").toString(), "--input", csv.toString(), "--output", preds.toString());
        assertEquals(0, code, err.toString());
        var p = CsvLoader.csv().load(preds);
        assertEquals(2500, p.rowCount());
        // the saved model's scores are the core's own: predict through TrainedModel gives the file's probabilities
        double[] direct = m.predict(CsvLoader.csv().schema(TrainedModel.inputSchema(job.resolve("model"))).load(csv));
        assertEquals(direct[7], p.numberColumn("probability").getDouble(7), 1e-6);
    }
}
