package dev.holdout.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.data.SeededRandom;
import dev.holdout.leakage.AuditReport.Status;
import dev.holdout.leakage.AuditReport.Verdict;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A check that cannot run is never a silent pass: it is skipped (or partly skipped) with its reason, in the text,
 * the JSON and the HTML, and the verdict is INCOMPLETE, not CLEAN. Checks nobody asked for (no time column) are
 * "not requested" and leave a clean audit clean.
 */
class AuditIncompleteTest {
    /** n rows: a noise feature, a feature that copies the label (plus noise), the label (0/1, share of ones as given). */
    static Table part(String name, int n, double ones, long seed) {
        SeededRandom rnd = new SeededRandom(seed);
        double[] noise = new double[n], leak = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            y[i] = rnd.nextDouble() < ones ? 1 : 0;
            noise[i] = rnd.nextGaussian();
            leak[i] = y[i] + 0.01 * rnd.nextDouble();
        }
        return Table.create(name, DoubleColumn.create("noise", noise), DoubleColumn.create("leak", leak), IntColumn.create("y", y));
    }

    @Test void oneInfinityInTrainNoLongerMakesTheTargetLeakCheckVanish() {
        Table train = part("train", 200, 0.5, 1), test = part("test", 50, 0.5, 2);
        assertEquals(Verdict.LEAKAGE_FOUND, LeakageAudit.of("y").run(train, null, test).verdict(), "the leak is found on clean data");

        train.doubleColumn("leak").set(5, Double.POSITIVE_INFINITY);
        AuditReport r = LeakageAudit.of("y").run(train, null, test);
        assertEquals(Verdict.INCOMPLETE, r.verdict(), r.toString());
        assertFalse(r.clean());
        assertEquals("partly: 1 of 2 features could not be scored: 'leak' (train row 6 is Infinity, not a finite number)",
                r.checksSkipped().get("target-leak"));
        assertTrue(r.toString().startsWith("INCOMPLETE: no leakage found, but 1 check could not run fully (target-leak)"), r.toString());
        assertTrue(r.toString().contains("target-leak                  partly skipped: 1 of 2 features"), r.toString());
        assertTrue(r.toHtml().contains("<td>partly skipped</td>"), r.toHtml());
    }

    @Test void aSingleClassSkipsBothLabelChecks() throws Exception {
        Table train = part("train", 100, 0, 1), test = part("test", 20, 0.5, 2);
        AuditReport r = LeakageAudit.of("y").run(train, null, test);
        assertEquals(Verdict.INCOMPLETE, r.verdict());
        String why = "'y' has one value in train (0): there is nothing to predict, so no feature can give it away";
        assertEquals(why, r.checksSkipped().get("target-leak"));
        assertEquals(why, r.checksSkipped().get("missingness-leak"));
        JsonNode json = new ObjectMapper().readTree(r.toJson());
        assertEquals("INCOMPLETE", json.path("verdict").asText());
        assertFalse(json.path("clean").asBoolean());
        JsonNode target = null;
        for (JsonNode c : json.path("checks")) if (c.path("check").asText().equals("target-leak")) target = c;
        assertEquals("skipped", target.path("status").asText());
        assertEquals(why, target.path("reason").asText());
        assertEquals("no time column given (--time), and no date, date-time or instant column to check", json.path("checks_not_requested").path("temporal-overlap").asText());
    }

    @Test void tooFewRowsOfAClassSkipsTheSingleFeatureCheck() {
        Table train = part("train", 200, 0, 1);
        for (int i = 0; i < 6; i++) train.intColumn("y").set(i, 1);
        AuditReport r = LeakageAudit.of("y").run(train, null, part("test", 20, 0.5, 2));
        assertEquals(Verdict.INCOMPLETE, r.verdict());
        assertEquals("too few rows: the rarest class '1' has 6 train rows, and scoring a feature alone needs at least 10 rows of a class "
                + "and 10 of the rest", r.checksSkipped().get("target-leak"));
        assertEquals(Status.RAN, r.checks().stream().filter(c -> c.name().equals("missingness-leak")).findFirst().orElseThrow().status());
    }

    @Test void rowsWithoutATimeAreNotCheckedAndSaySo() {
        Table train = dated("train", LocalDate.of(2020, 1, 1), 30), test = dated("test", LocalDate.of(2021, 1, 1), 10);
        assertEquals(Status.RAN, status(LeakageAudit.of("y").time("t").features(java.util.List.of("x")).run(train, null, test), "temporal-overlap"));
        train.dateColumn("t").setMissing(3);
        train.dateColumn("t").setMissing(4);
        AuditReport r = LeakageAudit.of("y").time("t").features(java.util.List.of("x")).run(train, null, test);
        assertEquals(Status.PARTLY, status(r, "temporal-overlap"));
        assertEquals("partly: 2 rows have no 't' value and were not checked (train 2); fill in or drop them to check them",
                r.checksSkipped().get("temporal-overlap"));
        assertEquals(Verdict.INCOMPLETE, r.verdict());

        for (int i = 0; i < test.rowCount(); i++) test.dateColumn("t").setMissing(i);
        assertEquals("every 't' value of the test part is missing",
                LeakageAudit.of("y").time("t").features(java.util.List.of("x")).run(train, null, test).checksSkipped().get("temporal-overlap"));
    }

    @Test void anEmptyTestPartLeavesNothingToCompare() {
        Table train = part("train", 100, 0.5, 1);
        AuditReport r = LeakageAudit.of("y").group("noise").run(train, null, train.emptyCopy());
        assertEquals("the test part has no rows: there is nothing to compare train with", r.checksSkipped().get("duplicate-rows"));
        assertEquals("the test part has no rows: there is nothing to compare train with", r.checksSkipped().get("group-overlap"));
    }

    @Test void aGroupMissingInAPartIsSkipped() {
        String[] groups = new String[40];
        for (int i = 0; i < groups.length; i++) groups[i] = "g" + i % 5;
        Table train = part("train", 40, 0.5, 1).addColumns(StringColumn.create("g", groups));
        Table test = part("test", 10, 0.5, 2).addColumns(StringColumn.create("g", new String[10]));
        for (int i = 0; i < 10; i++) test.stringColumn("g").setMissing(i);
        AuditReport r = LeakageAudit.of("y").group("g").features(java.util.List.of("noise")).run(train, null, test);
        assertEquals("every 'g' value of the test part is missing", r.checksSkipped().get("group-overlap"));
    }

    @Test void checksNotAskedForLeaveACleanAuditClean() {
        Table train = part("train", 200, 0.5, 1).removeColumns("leak"), test = part("test", 50, 0.5, 2).removeColumns("leak");
        AuditReport r = LeakageAudit.of("y").run(train, null, test);
        assertEquals(Verdict.CLEAN, r.verdict(), r.toString());
        assertTrue(r.clean());
        assertTrue(r.checksSkipped().isEmpty(), r.checksSkipped().toString());
        assertEquals(3, r.checksNotRequested().size());
        assertTrue(r.toString().contains("temporal-overlap             not requested: no time column given (--time)"), r.toString());
    }

    private static Status status(AuditReport r, String check) {
        return r.checks().stream().filter(c -> c.name().equals(check)).findFirst().orElseThrow().status();
    }

    private static Table dated(String name, LocalDate from, int n) {
        DateColumn t = DateColumn.create("t");
        for (int i = 0; i < n; i++) t.append(from.plusDays(i));
        double[] x = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            x[i] = from.toEpochDay() + i * 1.37;   // unique: no duplicate rows across parts
            y[i] = i % 2;
        }
        return Table.create(name, t, DoubleColumn.create("x", x), IntColumn.create("y", y));
    }
}
