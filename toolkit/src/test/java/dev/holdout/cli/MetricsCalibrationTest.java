package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.io.StrictJson;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** holdout metrics --calibration-bins: scikit-learn's calibration_curve doc example through the CLI. */
class MetricsCalibrationTest {
    @TempDir Path dir;

    private String[] run(String... args) {
        CliRunner r = CliRunner.run(args);
        return new String[] {String.valueOf(r.exitCode()), r.out(), r.err()};
    }

    @Test void calibrationKeysAreScikitLearnsCurveWithEmptyBinsDropped() throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "y,pred,p\n0,0,0.1\n0,0,0.2\n0,0,0.3\n0,0,0.4\n1,1,0.65\n1,1,0.7\n1,1,0.8\n1,1,0.9\n1,1,1.0\n");
        String[] r = run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "pred", "--score", "p", "--calibration-bins", "3",
                "--format", "json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = StrictJson.mapper().readTree(r[1]);
        assertEquals(0.0625, j.get("brier").asDouble(), 1e-12);
        assertEquals(3.0 / 9 * 0.2 + 2.0 / 9 * 0.025 + 4.0 / 9 * 0.15, j.get("ece").asDouble(), 1e-12);
        JsonNode c = j.get("calibration_curve");
        assertEquals("[0.0,0.5,1.0]", c.get("prob_true").toString());
        assertEquals(0.525, c.get("prob_pred").get(1).asDouble(), 1e-12);
        assertEquals("[3.0,2.0,4.0]", c.get("count").toString());
        String[] q = run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "pred", "--score", "p", "--calibration-bins", "3",
                "--calibration-strategy", "quantile", "--format", "json");
        assertEquals(0.9, StrictJson.mapper().readTree(q[1]).get("calibration_curve").get("prob_pred").get(2).asDouble(), 1e-12);
        String[] t = run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "pred", "--score", "p", "--calibration-bins", "3");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains("calibration_curve: {prob_true=[0.0, 0.5, 1.0]"), t[1]);
        String[] bad = run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "pred", "--calibration-bins", "3");
        assertEquals("2", bad[0]);
        assertTrue(bad[2].contains("calibration-bins=3: needs binary classification with --score"), bad[2]);
    }

    @Test void withBootstrapTheChartsAndHtmlCarryTheCurveBands() throws Exception {
        StringBuilder csv = new StringBuilder("y,pred,p\n");
        dev.holdout.data.SeededRandom rng = new dev.holdout.data.SeededRandom(2);
        for (int i = 0; i < 200; i++) {
            int y = rng.nextInt(2);
            double p = Math.round(Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.4 + rng.nextGaussian() * 0.2)) * 100) / 100.0;
            csv.append(y).append(',').append(p >= 0.5 ? 1 : 0).append(',').append(p).append('\n');
        }
        Path f = dir.resolve("b.csv");
        Files.writeString(f, csv);
        Path html = dir.resolve("r.html"), charts = dir.resolve("charts");
        String[] r = run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "pred", "--score", "p", "--bootstrap", "50", "--seed", "1",
                "--charts", charts.toString(), "--html", html.toString(), "--calibration-bins", "5");
        assertEquals("0", r[0], r[2]);
        assertTrue(Files.size(charts.resolve("roc.png")) > 1000);
        String page = Files.readString(html);
        assertTrue(page.contains("ROC band: 101 grid points"), "the band is described");
        assertTrue(page.contains("95% pointwise, 50 resamples, seed 1"), "seeded and stated");
        assertTrue(page.contains("Calibration"), "the reliability diagram is in the page");
    }

    @Test void everyPerSliceMetricCarriesItsInterval() throws Exception {
        StringBuilder csv = new StringBuilder("y,pred,p,region\n");
        dev.holdout.data.SeededRandom rng = new dev.holdout.data.SeededRandom(6);
        for (int i = 0; i < 300; i++) {
            int y = rng.nextInt(2);
            double p = Math.round(Math.min(1, Math.max(0, 0.5 + (y - 0.5) * 0.5 + rng.nextGaussian() * 0.2)) * 100) / 100.0;
            csv.append(y).append(',').append(p >= 0.5 ? 1 : 0).append(',').append(p).append(',').append(i % 3 == 0 ? "north" : "south").append('\n');
        }
        Path f = dir.resolve("s.csv");
        Files.writeString(f, csv);
        String[] r = run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "pred", "--score", "p", "--group-by", "region",
                "--bootstrap", "100", "--seed", "3", "--format", "json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = StrictJson.mapper().readTree(r[1]);
        for (String region : java.util.List.of("north", "south")) {
            JsonNode ci = j.get("groups").get(region).get("confidence_intervals");
            for (String m : java.util.List.of("accuracy", "f1", "roc_auc")) {
                assertTrue(ci.has(m), region + " has an interval for " + m + ": " + ci);
                assertTrue(ci.get(m).toString().contains("lower"), ci.get(m).toString());
            }
        }
    }
}
