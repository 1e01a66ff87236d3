package dev.holdout.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.Imputer;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.preprocess.TargetEncoder;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class LeakageAuditTest {
    /** A clean, time-ordered split: groups of 3 consecutive rows never straddle a part; weakly predictive features. */
    record Parts(Table train, Table validation, Table test) {}

    static Parts clean(int groups, long seed) {
        Random r = new Random(seed);
        int n = groups * 3;
        int[] t = new int[n];
        String[] g = new String[n];
        double[] a = new double[n];
        double[] b = new double[n];
        String[] c = new String[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            t[i] = 1000 + i;
            g[i] = "g" + (i / 3);
            a[i] = r.nextGaussian();
            b[i] = r.nextDouble() < 0.1 ? Double.NaN : r.nextGaussian();
            c[i] = "c" + r.nextInt(4);
            y[i] = a[i] + 1.5 * r.nextGaussian() > 0 ? 1 : 0;
        }
        y[0] = 0;
        y[1] = 1;
        Table all = Table.create("gen", IntColumn.create("t", t), StringColumn.create("g", g), DoubleColumn.create("a", a),
                DoubleColumn.create("b", b), StringColumn.create("c", c), IntColumn.create("y", y));
        int trainEnd = (groups * 6 / 10) * 3;
        int valEnd = (groups * 8 / 10) * 3;
        return new Parts(all.inRange(0, trainEnd), all.inRange(trainEnd, valEnd), all.inRange(valEnd, n));
    }

    static LeakageAudit audit() { return LeakageAudit.of("y").time("t").group("g"); }

    // A fixed seed: the missingness check is a significance test, so on random clean tables it fires by chance at its
    // alpha (seen: groups=174, seed=2020, p=0.0008); 40 fresh tries per build would make CI fail now and then for no bug.
    // The fixed samples still fail the moment any check reports on a clean split.
    @Property(tries = 40, seed = "20261201")
    void reportsNothingOnCleanSplits(@ForAll @IntRange(min = 30, max = 300) int groups, @ForAll long seed) {
        Parts p = clean(groups, seed);
        FittedPreprocessor fitted = Preprocessor.of(Imputer.mean("b"), StandardScaler.of("a", "b"), TargetEncoder.of("c").label("y")).fit(p.train());
        AuditReport r = audit().gap(Duration.ofSeconds(0)).preprocessor(fitted).run(p.train(), p.validation(), p.test());
        assertTrue(r.findings().isEmpty() && r.clean(), r.toString());
    }

    @Property(tries = 40)
    void findsEveryPlantedDuplicate(@ForAll @IntRange(min = 30, max = 300) int groups, @ForAll long seed,
                                    @ForAll @IntRange(min = 1, max = 5) int k) {
        Parts p = clean(groups, seed);
        Random r = new Random(seed);
        Table test = p.test();
        k = Math.min(k, test.rowCount());
        for (int j = 0; j < k; j++) {
            int from = r.nextInt(p.train().rowCount());
            for (String col : List.of("a", "b", "c", "y")) copyCell(p.train(), from, test, j, col);
        }
        AuditReport rep = audit().run(p.train(), p.validation(), test);
        List<Finding> d = rep.findings("duplicate-rows");
        assertEquals(1, d.size(), rep.toString());
        assertEquals(k, d.get(0).evidence().get("duplicated_rows"));
        assertEquals("train -> test", d.get(0).evidence().get("parts"));
        // nothing else changes: the other findings are those of the split before the copies (a random
        // table can, rarely, show a chance missingness pattern on train; the copies do not touch train)
        List<String> before = audit().run(p.train(), p.validation(), clean(groups, seed).test()).findings().stream().map(Finding::check)
                .filter(c -> !c.equals("duplicate-rows")).toList();
        assertEquals(before, rep.findings().stream().map(Finding::check).filter(c -> !c.equals("duplicate-rows")).toList(), rep.toString());
    }

    @Property(tries = 40)
    void findsEveryPlantedTemporalLeak(@ForAll @IntRange(min = 30, max = 300) int groups, @ForAll long seed,
                                       @ForAll @IntRange(min = 1, max = 5) int k) {
        Parts p = clean(groups, seed);
        Table train = p.train();
        int latest = p.test().intColumn("t").getInt(p.test().rowCount() - 1);
        for (int j = 0; j < k; j++) train.intColumn("t").set(j, latest - j);
        AuditReport rep = LeakageAudit.of("y").time("t").run(train, p.validation(), p.test());
        List<Finding> f = rep.findings("temporal-overlap");
        assertEquals(1, f.size(), rep.toString());
        assertEquals(k, f.get(0).evidence().get("train_rows_at_or_after"));
        assertEquals(Severity.HIGH, f.get(0).severity());
    }

    @Test void findsTrainRowsInsideTheGap() {
        Parts p = clean(100, 1);
        int valStart = p.validation().intColumn("t").getInt(0);
        AuditReport rep = LeakageAudit.of("y").time("t").gapUnits(5).run(p.train(), p.validation(), p.test());
        List<Finding> f = rep.findings("temporal-gap");
        assertEquals(2, f.size(), rep.toString());   // train before validation, validation before test
        assertEquals(4, f.get(0).evidence().get("train_rows_inside_gap"));   // t in (valStart-5, valStart)
        assertTrue(f.get(0).evidence().get("gap_window").toString().endsWith(String.valueOf(valStart)));
    }

    @Test void aDurationGapOnANumericTimeColumnCountsOneUnitPerDayAsTimeSplitDoes() {
        Parts p = clean(100, 1);
        AuditReport days = LeakageAudit.of("y").time("t").gap(Duration.ofDays(5)).run(p.train(), p.validation(), p.test());
        assertEquals(4, days.findings("temporal-gap").get(0).evidence().get("train_rows_inside_gap"), days.toString());
        AuditReport seconds = LeakageAudit.of("y").time("t").gap(Duration.ofSeconds(5)).run(p.train(), p.validation(), p.test());
        assertTrue(seconds.findings("temporal-gap").isEmpty(), seconds.toString());   // 5 s is 5/86400 of a unit, not 5 units
    }

    @Test void fractionalNumericTimesAreComparedWithoutRounding() {
        Table train = Table.create("train", DoubleColumn.create("t", 1.1, 1.2, 1.3), IntColumn.create("y", 0, 1, 0));
        Table valid = Table.create("validation", DoubleColumn.create("t", 1.4, 1.6), IntColumn.create("y", 1, 0));
        Table test = Table.create("test", DoubleColumn.create("t", 2.4, 2.6), IntColumn.create("y", 1, 0));
        AuditReport clean = LeakageAudit.of("y").time("t").run(train, valid, test);
        assertTrue(clean.findings("temporal-overlap").isEmpty(), clean.toString());   // 1.3 < 1.4, though both round to 1
        AuditReport gap = LeakageAudit.of("y").time("t").gapUnits(0.15).run(train, valid, test);
        List<Finding> g = gap.findings("temporal-gap");
        assertEquals(1, g.size(), gap.toString());
        assertEquals(1, g.get(0).evidence().get("train_rows_inside_gap"));   // only 1.3 is within 0.15 of 1.4
        valid.doubleColumn("t").set(0, 1.25);
        List<Finding> overlap = LeakageAudit.of("y").time("t").run(train, valid, test).findings("temporal-overlap");
        assertEquals(1, overlap.size());
        assertEquals(1, overlap.get(0).evidence().get("train_rows_at_or_after"));   // 1.3 >= 1.25
    }

    @Property(tries = 40)
    void findsEveryPlantedGroupLeak(@ForAll @IntRange(min = 30, max = 300) int groups, @ForAll long seed) {
        Parts p = clean(groups, seed);
        String shared = p.train().stringColumn("g").get(new Random(seed).nextInt(p.train().rowCount()));
        p.test().stringColumn("g").set(0, shared);
        AuditReport rep = audit().run(p.train(), p.validation(), p.test());
        List<Finding> f = rep.findings("group-overlap");
        assertEquals(1, f.size(), rep.toString());
        assertEquals(1, f.get(0).evidence().get("shared_groups"));
        assertEquals(List.of(shared), f.get(0).evidence().get("examples"));
    }

    @Property(tries = 30)
    void findsEveryPlantedFeatureLeak(@ForAll @IntRange(min = 30, max = 300) int groups, @ForAll long seed) {
        Parts p = clean(groups, seed);
        Random r = new Random(seed);
        for (Table t : List.of(p.train(), p.validation(), p.test())) {
            double[] leak = new double[t.rowCount()];
            String[] code = new String[t.rowCount()];
            for (int i = 0; i < leak.length; i++) {
                int y = t.intColumn("y").getInt(i);
                leak[i] = y * 3 + 0.2 * r.nextGaussian();
                code[i] = y == 1 ? "refund" : "none";
            }
            t.addColumns(DoubleColumn.create("leak", leak), StringColumn.create("status", code));
        }
        AuditReport rep = audit().run(p.train(), p.validation(), p.test());
        List<Finding> f = rep.findings("target-leak");
        assertEquals(List.of("leak", "status"), f.stream().map(x -> x.evidence().get("feature")).toList(), rep.toString());
        assertEquals(2, rep.findings().size(), rep.toString());
    }

    @Property(tries = 30)
    void findsMissingnessThatDependsOnTheLabel(@ForAll @IntRange(min = 100, max = 300) int groups, @ForAll long seed) {
        Parts p = clean(groups, seed);
        Table train = p.train();
        Random r = new Random(seed);
        DoubleColumn a = train.doubleColumn("a");
        for (int i = 0; i < train.rowCount(); i++) if (train.intColumn("y").getInt(i) == 1 && r.nextDouble() < 0.5) a.setMissing(i);
        AuditReport rep = audit().run(train, p.validation(), p.test());
        List<Finding> f = rep.findings("missingness-leak");
        assertEquals(1, f.size(), rep.toString());
        assertEquals("a", f.get(0).evidence().get("feature"));
    }

    @Test void findsAPreprocessorFittedOnTrainAndTest() {
        Parts p = clean(100, 4);
        Table both = p.train().copy().append(p.test());
        FittedPreprocessor leaky = Preprocessor.of(StandardScaler.of("a"), TargetEncoder.of("c").label("y")).fit(both);
        AuditReport rep = audit().preprocessor(leaky).run(p.train(), p.validation(), p.test());
        List<Finding> f = rep.findings("preprocessing-outside-train");
        assertEquals(1, f.size(), rep.toString());
        assertEquals("train + test", f.get(0).evidence().get("fitted_on_parts"));
        // fitted on a different sample of rows: still reported, with lower severity
        FittedPreprocessor other = Preprocessor.of(StandardScaler.of("a")).fit(p.train().first(10));
        assertEquals(Severity.MEDIUM, audit().preprocessor(other).run(p.train(), p.validation(), p.test())
                .findings("preprocessing-outside-train").get(0).severity());
    }

    @Test void aRareClassDoesNotMakeAFeatureLookLeaky() {
        Parts p = clean(100, 6);
        Table train = p.train();
        String[] cls = new String[train.rowCount()];
        double[] marker = new double[train.rowCount()];
        for (int i = 0; i < cls.length; i++) {
            cls[i] = i < 3 ? "rare" : (train.intColumn("y").getInt(i) == 1 ? "yes" : "no");
            marker[i] = i < 3 ? 100 : 0;   // separates the 3 rare rows perfectly, says nothing about the rest
        }
        train.addColumns(StringColumn.create("kind", cls), DoubleColumn.create("marker", marker));
        for (Table t : List.of(p.validation(), p.test())) {
            t.addColumns(StringColumn.create("kind", java.util.Collections.nCopies(t.rowCount(), "no")),
                    DoubleColumn.create("marker", new double[t.rowCount()]));
        }
        AuditReport rep = LeakageAudit.of("kind").features(List.of("a", "marker")).run(train, p.validation(), p.test());
        assertTrue(rep.findings("target-leak").isEmpty(), rep.toString());
    }

    @Test void reportRendersAsTextJsonAndHtml() {
        Parts p = clean(60, 2);
        p.test().stringColumn("g").set(0, p.train().stringColumn("g").get(0));
        AuditReport rep = audit().run(p.train(), p.validation(), p.test());
        assertFalse(rep.clean());
        assertTrue(rep.toString().startsWith("LEAKAGE FOUND: 1 finding (1 high"), rep.toString());
        assertTrue(rep.toJson().contains("\"check\" : \"group-overlap\""), rep.toJson());
        assertTrue(rep.toHtml().contains("group-overlap"));
    }

    @Test void unknownColumnsAreRefusedWithASuggestion() {
        Parts p = clean(30, 2);
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> LeakageAudit.of("y").time("tt").run(p.train(), p.validation(), p.test()));
        assertTrue(e.getMessage().contains("did you mean 't'"), e.getMessage());
    }

    private static void copyCell(Table from, int i, Table to, int j, String col) {
        if (from.column(col) instanceof DoubleColumn d) {
            if (d.isMissing(i)) to.doubleColumn(col).setMissing(j); else to.doubleColumn(col).set(j, d.getDouble(i));
        } else if (from.column(col) instanceof IntColumn ic) to.intColumn(col).set(j, ic.getInt(i));
        else to.stringColumn(col).set(j, from.stringColumn(col).get(i));
    }
}
