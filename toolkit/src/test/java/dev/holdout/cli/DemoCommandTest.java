package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class DemoCommandTest {
    @Test void demoIsAParentCommandListingLeakage() {
        AuditCommandTest.Run r = AuditCommandTest.run("demo");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("leakage"), r.out());
        assertTrue(r.out().contains("overfitting"), r.out());
    }

    @Test void leakageDemoTrainsXGBoostAndMeasuresTheOptimismOfEachLeak() throws Exception {
        AuditCommandTest.Run r = AuditCommandTest.run("demo", "leakage", "--format", "json");
        assertEquals(0, r.code(), r.err());
        var rows = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out()).path("rows");
        assertTrue(r.out().contains("XGBoost"), r.out());
        double leaky = Double.NaN, safe = Double.NaN;
        for (var row : rows) {
            if (!row.path("dataset").asText().equals("synthetic-churn")) continue;
            if (row.path("way").asText().startsWith("(c)")) leaky = row.path("optimism").asDouble();
            if (row.path("way").asText().startsWith("(d)")) safe = row.path("optimism").asDouble();
        }
        assertTrue(leaky > safe + 0.2, "the planted leak's optimism " + leaky + " must exceed the safe pipeline's " + safe + ": " + r.out());
    }

    @Test void leakageDemoRefusesAnUnknownLearner() {
        AuditCommandTest.Run r = AuditCommandTest.run("demo", "leakage", "--learner", "svm");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--learner=svm"), r.err());
    }

    @Test void leakageDemoRefusesAnUnknownFormat() {
        AuditCommandTest.Run r = AuditCommandTest.run("demo", "leakage", "--format", "csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--format=csv"), r.err());
    }
}
