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

    @Test void leakageDemoTrainsXGBoostAndMeasuresTheOptimismOfEachLeakAtEachSeed() throws Exception {
        AuditCommandTest.Run r = AuditCommandTest.run("demo", "leakage", "--seeds", "3", "--format", "json");
        assertEquals(0, r.code(), r.err());
        var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(r.out());
        assertTrue(json.path("learner").asText().contains("XGBoost"), r.out());
        assertEquals("[1,2,3]", json.path("seeds").toString());
        var ways = json.path("ways");
        assertEquals(4, ways.size());
        var leaky = ways.get(2).path("optimism");
        var safe = ways.get(3).path("optimism");
        assertEquals("c", ways.get(2).path("way").asText());
        for (int i = 0; i < 3; i++) {
            assertTrue(leaky.get(i).asDouble() > safe.get(i).asDouble() + 0.2, "seed " + (i + 1) + ": the planted leak's optimism "
                    + leaky.get(i) + " must exceed the safe pipeline's " + safe.get(i) + ": " + r.out());
        }
        AuditCommandTest.Run table = AuditCommandTest.run("demo", "leakage", "--seeds", "2", "--seed", "5");
        assertEquals(0, table.code(), table.err());
        assertTrue(table.out().contains("at 2 seeds (5..6)") && table.out().contains("(d) safe pipeline"), table.out());
    }

    @Test void leakageDemoRefusesZeroSeeds() {
        AuditCommandTest.Run r = AuditCommandTest.run("demo", "leakage", "--seeds", "0");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--seeds=0"), r.err());
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
