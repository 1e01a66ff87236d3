package dev.holdout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.cli.HoldoutCli;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.MetricsReport;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Metrics from a Dataset<Row> against `holdout metrics --format json` on the same file, to 1e-9. */
class SparkMetricsTest {
    @TempDir static Path dir;
    static Path csv;

    @BeforeAll static void data() throws Exception {
        csv = dir.resolve("preds.csv");
        StringBuilder sb = new StringBuilder("id,label,prediction,score,weight,region,y,yhat\n");
        dev.holdout.data.SeededRandom rng = new dev.holdout.data.SeededRandom(3);
        for (int i = 0; i < 4000; i++) {
            int label = rng.nextDouble() < 0.3 ? 1 : 0;
            // scores with 3 decimals: many ties, and far fewer distinct tuples than rows
            double score = Math.min(1, Math.max(0, Math.round((0.25 + 0.4 * label + 0.35 * rng.nextDouble() - 0.1) * 1000) / 1000.0));
            int pred = score >= 0.5 ? 1 : 0;
            double weight = 1 + (i % 4);
            double y = Math.round(rng.nextDouble() * 100) / 4.0;
            double yhat = y + Math.round((rng.nextDouble() - 0.5) * 20) / 2.0;
            sb.append(i).append(',').append(label).append(',').append(pred).append(',').append(score).append(',').append(weight).append(',')
                    .append(new String[] {"north", "south", "east"}[i % 3]).append(',').append(y).append(',').append(yhat).append('\n');
        }
        Files.writeString(csv, sb.toString());
    }

    private static JsonNode cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine c = HoldoutCli.commandLine();
        c.setOut(new PrintWriter(out));
        c.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 6];
        all[0] = "metrics";
        all[1] = "--input";
        all[2] = csv.toString();
        System.arraycopy(args, 0, all, 3, args.length);
        all[args.length + 3] = "--format";
        all[args.length + 4] = "json";
        all[args.length + 5] = "--task";
        String[] withTask = java.util.Arrays.copyOf(all, all.length + 1);
        withTask[all.length] = java.util.Arrays.asList(args).contains("y") ? "regression" : "classification";
        int code = c.execute(withTask);
        assertEquals(0, code, err.toString());
        return read(out.toString());
    }

    private static JsonNode read(String json) {
        try {
            return StrictJson.mapper().readTree(json);
        } catch (Exception e) {
            throw new AssertionError(json, e);
        }
    }

    private static JsonNode spark(MetricsReport r) {
        return read(StrictJson.pretty(r.toMap()));
    }

    private static Dataset<Row> rows() { return HoldoutSpark.readCsv(LocalSpark.get(), csv); }

    @Test void binaryWithScoresAndWeightsIsTheCliReport() {
        JsonNode expected = cli("--label", "label", "--prediction", "prediction", "--score", "score", "--weight", "weight");
        // the CLI adds its own note about the task only when it guesses; with --task it does not
        MetricsReport r = SparkMetrics.on(rows()).label("label").prediction("prediction").score("score").weight("weight").classification().report();
        JsonCompare.assertSame(expected, spark(r), "");
        assertTrue(expected.get("roc_auc").asDouble() > 0.8, expected.toString());
    }

    @Test void unweightedSlicesAreTheCliReport() {
        JsonNode expected = cli("--label", "label", "--prediction", "prediction", "--score", "score", "--group-by", "region");
        MetricsReport r = SparkMetrics.on(rows()).label("label").prediction("prediction").score("score").groupBy("region").classification().report();
        JsonCompare.assertSame(expected, spark(r), "");
    }

    @Test void regressionIsTheCliReport() {
        JsonNode expected = cli("--label", "y", "--prediction", "yhat");
        JsonCompare.assertSame(expected, spark(SparkMetrics.on(rows()).label("y").prediction("yhat").regression().report()), "");
    }

    @Test void boundsTheDriverAndSaysHow() {
        DataValidationException e = assertThrows(DataValidationException.class, () -> SparkMetrics.on(rows()).label("label")
                .prediction("prediction").score("score").maxDistinct(50).classification().report());
        assertTrue(e.getMessage().contains("--score-bins"), e.getMessage());
        // with 100 bins the tuples fit; AUC on the rounded scores stays close to the exact one
        MetricsReport binned = SparkMetrics.on(rows()).label("label").prediction("prediction").score("score").scoreBins(100).maxDistinct(1000)
                .classification().report();
        JsonNode exact = cli("--label", "label", "--prediction", "prediction", "--score", "score");
        assertEquals(exact.get("roc_auc").asDouble(), spark(binned).get("roc_auc").asDouble(), 0.01);
        if (exact.get("accuracy").asDouble() != spark(binned).get("accuracy").asDouble()) fail("bins only touch the scores");
    }
}
