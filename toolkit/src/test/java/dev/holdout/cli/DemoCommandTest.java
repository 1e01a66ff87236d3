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

    @Test void leakageDemoRefusesAnUnknownFormat() {
        AuditCommandTest.Run r = AuditCommandTest.run("demo", "leakage", "--format", "csv");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--format=csv"), r.err());
    }
}
