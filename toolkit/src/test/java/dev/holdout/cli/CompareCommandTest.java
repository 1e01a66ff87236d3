package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.SeededRandom;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.PairedTests;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompareCommandTest {
    @TempDir Path dir;

    private String[] run(String... args) {
        String[] all = new String[args.length + 1];
        all[0] = "compare";
        System.arraycopy(args, 0, all, 1, args.length);
        CliRunner r = CliRunner.run(all);
        return new String[] {String.valueOf(r.exitCode()), r.out(), r.err()};
    }

    @Test void jsonHasTheDocumentedKeysAndTheLibrarysNumbers() throws Exception {
        SeededRandom rng = new SeededRandom(11);
        int n = 300;
        int[] truth = new int[n], pa = new int[n], pb = new int[n];
        double[] a = new double[n], b = new double[n];
        StringBuilder csv = new StringBuilder("y,sa,sb,la,lb\n");
        for (int i = 0; i < n; i++) {
            truth[i] = rng.nextInt(2);
            a[i] = Math.round(Math.min(1, Math.max(0, 0.5 + (truth[i] - 0.5) * 0.5 + rng.nextGaussian() * 0.25)) * 100) / 100.0;
            b[i] = Math.round(Math.min(1, Math.max(0, 0.5 + (truth[i] - 0.5) * 0.3 + rng.nextGaussian() * 0.25)) * 100) / 100.0;
            pa[i] = a[i] >= 0.5 ? 1 : 0;
            pb[i] = b[i] >= 0.5 ? 1 : 0;
            csv.append(truth[i] == 1 ? "yes" : "no").append(',').append(a[i]).append(',').append(b[i]).append(',')
                    .append(pa[i] == 1 ? "yes" : "no").append(',').append(pb[i] == 1 ? "yes" : "no").append('\n');
        }
        Path f = dir.resolve("p.csv");
        Files.writeString(f, csv);
        String[] r = run("--input", f.toString(), "--label", "y", "--score-a", "sa", "--score-b", "sb", "--prediction-a", "la",
                "--prediction-b", "lb", "--positive", "yes", "--bootstrap", "200", "--seed", "3", "--format", "json");
        assertEquals("0", r[0], r[2]);
        JsonNode j = StrictJson.mapper().readTree(r[1]);
        for (String k : List.of("mcnemar", "delong", "bootstrap_difference", "verdict")) assertTrue(j.has(k), k + " in " + r[1]);
        for (String k : List.of("statistic", "p_value", "discordant", "method")) assertTrue(j.get("mcnemar").has(k), k);
        for (String k : List.of("auc_a", "auc_b", "difference", "z", "p_value", "ci_low", "ci_high")) assertTrue(j.get("delong").has(k), k);
        for (String k : List.of("metric", "difference", "ci_low", "ci_high")) assertTrue(j.get("bootstrap_difference").has(k), k);
        PairedTests.McNemar mc = PairedTests.mcnemar(truth, pa, pb);
        assertEquals(mc.b(), j.get("mcnemar").get("discordant").get(0).asInt());
        assertEquals(mc.c(), j.get("mcnemar").get("discordant").get(1).asInt());
        assertEquals(mc.pValue(), j.get("mcnemar").get("p_value").asDouble(), 1e-12);
        PairedTests.DeLong dl = PairedTests.delong(truth, a, b);
        assertEquals(dl.aucA(), j.get("delong").get("auc_a").asDouble(), 1e-12);
        assertEquals(dl.pValue(), j.get("delong").get("p_value").asDouble(), 1e-12);
        assertEquals("roc_auc", j.get("bootstrap_difference").get("metric").asText());
        assertEquals(dl.difference(), j.get("bootstrap_difference").get("difference").asDouble(), 1e-12);
        assertTrue(j.get("verdict").asText().contains("DeLong"), j.get("verdict").asText());
        // without predicted labels, the scores at 0.5 are the labels: the same McNemar counts here
        String[] s = run("--input", f.toString(), "--label", "y", "--score-a", "sa", "--score-b", "sb", "--positive", "yes", "--format", "json");
        assertEquals("0", s[0], s[2]);
        assertEquals(mc.b(), StrictJson.mapper().readTree(s[1]).get("mcnemar").get("discordant").get(0).asInt());
        // the table says the same in words
        String[] t = run("--input", f.toString(), "--label", "y", "--score-a", "sa", "--score-b", "sb", "--positive", "yes");
        assertEquals("0", t[0], t[2]);
        assertTrue(t[1].contains(dl.verdict()), t[1]);
    }
}
