package dev.holdout.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.data.SeededRandom;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.Table;

class MonitorTest {
    static Table weather() { return Datasets.load("seattle-weather"); }

    static Table between(Table t, String from, String to) {
        DateColumn d = t.dateColumn("date");
        return t.where(d.isOnOrAfter(LocalDate.parse(from)).and(d.isBefore(LocalDate.parse(to))));
    }

    static BaselineOptions features() { return BaselineOptions.defaults().exclude("date", "rain", "precipitation"); }

    @Test
    void numericStatisticsAreExactAndStdDevIsThePopulationOne() {
        Table y2012 = between(weather(), "2012-01-01", "2013-01-01");
        NumericStatistics t = (NumericStatistics) Baseline.of(y2012, features()).statistics().feature("temp_max");
        double[] v = y2012.numberColumn("temp_max").asDoubleArray();
        double sum = 0;
        for (double x : v) sum += x;
        double mean = sum / v.length, ss = 0;
        for (double x : v) ss += (x - mean) * (x - mean);
        assertEquals(366, t.present());
        assertEquals(sum, t.sum(), 1e-9);
        assertEquals(mean, t.mean(), 1e-12);
        assertEquals(Math.sqrt(ss / v.length), t.stdDev(), 1e-12, "divided by n, not n - 1");
        assertEquals(java.util.Arrays.stream(v).min().getAsDouble(), t.min());
        assertEquals(java.util.Arrays.stream(v).max().getAsDouble(), t.max());
        assertEquals(FeatureType.Fractional, t.type());
        assertEquals(10, t.buckets().size());
    }

    @Test
    void bucketCountsAreWithinOnePercentOfTheExactCounts() {
        SeededRandom r = new SeededRandom(7);
        int n = 300_000;
        double[] v = new double[n];
        for (int i = 0; i < n; i++) v[i] = Math.exp(r.nextGaussian()) * 10; // skewed: most values in the first buckets
        Profiler p = new Profiler(List.of("x"), List.of(FeatureType.Fractional));
        p.addNumbers(0, v, n, 0);
        p.addRows(n);
        NumericStatistics s = (NumericStatistics) p.finish().feature("x");
        long total = 0;
        for (int b = 0; b < 10; b++) {
            NumericStatistics.Bucket bk = s.buckets().get(b);
            long exact = 0;
            for (double x : v) if (x >= bk.lowerBound() && (b == 9 ? x <= bk.upperBound() : x < bk.upperBound())) exact++;
            assertTrue(Math.abs(exact - bk.count()) <= n / 100, "bucket " + b + ": sketch " + bk.count() + ", exact " + exact);
            total += bk.count();
        }
        assertEquals(n, total, "the buckets hold every value");
        assertTrue(s.sketch().count() == n);
    }

    @Test
    void sumsAreTheSameWhateverTheBatchSize() {
        SeededRandom r = new SeededRandom(3);
        double[] v = new double[50_000];
        for (int i = 0; i < v.length; i++) v[i] = 1e8 + r.nextGaussian() * (i % 3 == 0 ? 1e-3 : 1e3);
        NumericStatistics a = profile(v, 7), b = profile(v, 65_536), c = profile(v, 1000);
        assertEquals(a.sum(), b.sum(), 0.0);
        assertEquals(a.sum(), c.sum(), 0.0);
        assertEquals(a.stdDev(), b.stdDev(), 0.0);
        assertEquals(a.mean(), c.mean(), 0.0);
        java.math.BigDecimal exact = java.math.BigDecimal.ZERO;
        for (double x : v) exact = exact.add(new java.math.BigDecimal(x));
        assertEquals(exact.doubleValue(), a.sum(), Math.ulp(a.sum()), "compensated: the exact sum, rounded once");
    }

    private static NumericStatistics profile(double[] v, int batch) {
        Profiler p = new Profiler(List.of("x"), List.of(FeatureType.Fractional));
        for (int from = 0; from < v.length; from += batch) {
            int n = Math.min(batch, v.length - from);
            p.addNumbers(0, java.util.Arrays.copyOfRange(v, from, from + n), n, 0);
        }
        p.addRows(v.length);
        return (NumericStatistics) p.finish().feature("x");
    }

    @Test
    void filesRoundTripAndASketchComparesWithoutTheData(@TempDir Path dir) throws IOException {
        Baseline b = Baseline.of(between(weather(), "2012-01-01", "2013-01-01"), features());
        b.save(dir.resolve("baseline"), false);
        Baseline again = Baseline.read(dir.resolve("baseline"));
        assertEquals(b.constraints(), again.constraints());
        assertEquals(b.statistics().names(), again.statistics().names());
        NumericStatistics t1 = (NumericStatistics) b.statistics().feature("temp_max"), t2 = (NumericStatistics) again.statistics().feature("temp_max");
        assertEquals(0.0, t1.sketch().ksDistance(t2.sketch()));
        assertEquals(t1.buckets(), t2.buckets());
        assertEquals(b.statistics().toJson(), again.statistics().toJson(), "written again byte for byte");
        String json = Files.readString(dir.resolve("baseline/statistics.json"));
        for (String key : List.of("\"version\"", "\"item_count\"", "\"inferred_type\"", "\"numerical_statistics\"", "\"num_present\"", "\"num_missing\"",
                "\"std_dev\"", "\"kll\"", "\"lower_bound\"", "\"sketch\"", "\"parameters\"", "\"string_statistics\"", "\"distinct_count\"", "\"categorical\"")) {
            assertTrue(json.contains(key), key);
        }
        String constraints = Files.readString(dir.resolve("baseline/constraints.json"));
        for (String key : List.of("\"completeness\"", "\"is_non_negative\"", "\"domains\"", "\"monitoring_config\"", "\"evaluate_constraints\" : \"Enabled\"",
                "\"datatype_check_threshold\" : 1.0", "\"comparison_method\" : \"Robust\"", "\"categorical_drift_method\" : \"LInfinity\"",
                "\"completeness_tolerance\" : 0.02")) {
            assertTrue(constraints.contains(key), key + " in " + constraints);
        }
        assertEquals(List.of("drizzle", "fog", "rain", "snow", "sun"), again.constraints().feature("weather").domains());
    }

    @Test
    void summerDriftsFromTheWholeYearAndTheSameMonthOfAnotherYearDoesNot() {
        Table all = weather();
        Baseline july2012 = Baseline.of(between(all, "2012-07-01", "2012-08-01"), features());
        MonitorResult july2013 = Monitor.run(july2012, between(all, "2013-07-01", "2013-08-01"));
        Baseline year = Baseline.of(between(all, "2012-01-01", "2013-01-01"), features());
        MonitorResult summer = Monitor.run(year, between(all, "2013-07-01", "2013-08-01"));
        assertTrue(summer.drifted().contains("temp_max"), summer.toString());
        assertTrue(summer.feature("temp_max").drift().pValue() < 0.05);
        assertTrue(summer.feature("temp_max").drift().psi() > 0.25, "a large PSI too: " + summer.feature("temp_max").drift());
        assertFalse(july2013.feature("wind").drifted(), july2013.toString());
        assertTrue(summer.hasViolations());
        assertTrue(summer.toHtml().contains("<img"), "a chart of each drifted feature");
    }

    @Test
    void robustNeedsTheTestToRejectSimpleDoesNot() {
        Table all = weather();
        Baseline year = Baseline.of(between(all, "2012-01-01", "2013-01-01"), features().features("wind"));
        Table week = between(all, "2013-03-02", "2013-03-07"); // five days: a distance, but no evidence
        MonitorResult robust = Monitor.run(year, week);
        MonitorResult simple = Monitor.run(year, week, MonitorOptions.defaults()
                .config(MonitorConfig.Overrides.NONE.withComparisonMethod(MonitorConfig.ComparisonMethod.Simple)));
        Drift d = robust.feature("wind").drift();
        assertTrue(d.distance() > 0.1 && d.pValue() >= 0.05, d.toString());
        assertFalse(robust.feature("wind").drifted());
        assertTrue(simple.feature("wind").drifted());
    }

    @Test
    void textInANumericColumnIsTheDataTypeCheckNotACrash(@TempDir Path dir) throws IOException {
        Path base = dir.resolve("base.csv"), cur = dir.resolve("cur.csv");
        StringBuilder b = new StringBuilder("x,n,c\n");
        for (int i = 0; i < 200; i++) b.append(i * 0.5).append(',').append(i).append(',').append(i % 2 == 0 ? "a" : "b").append('\n');
        Files.writeString(base, b);
        Files.writeString(cur, "x,n,c\n1.5,3,a\noops,4.5,b\n2.5,5,NA\n1e400,6,a\n");
        Baseline bl = Baseline.of(base);
        assertEquals(FeatureType.Integral, bl.statistics().feature("n").type());
        MonitorResult r = Monitor.run(bl, cur);
        FeatureCheck x = r.feature("x");
        assertEquals(2, x.current().wrongType(), "'oops' and the overflowing 1e400");
        assertEquals(0.5, x.dataTypeShare());
        assertTrue(x.violations().stream().anyMatch(v -> v.checkType() == Violation.Check.data_type_check));
        FeatureCheck n = r.feature("n");
        assertEquals(0.75, n.dataTypeShare(), "4.5 is not Integral");
        assertEquals(FeatureType.Fractional, n.current().type());
        assertTrue(r.feature("c").current().missing() == 1, "NA is missing, as everywhere");
    }

    @Test
    void completenessToleranceSeparatesAJumpFromNoise() {
        Table base = between(weather(), "2012-01-01", "2013-01-01");
        Baseline b = Baseline.of(base, features().features("wind"));
        Table cur = between(weather(), "2013-01-01", "2014-01-01").copy();
        Table small = cur.copy(), big = cur.copy();
        small.doubleColumn("wind").setMissing(3); // 1 of 365: 0.3%
        for (int i = 0; i < 110; i++) big.doubleColumn("wind").setMissing(i * 3); // 30%
        assertTrue(Monitor.run(b, small).feature("wind").violations().stream().noneMatch(v -> v.checkType() == Violation.Check.completeness_check));
        Violation v = Monitor.run(b, big).feature("wind").violations().stream().filter(x -> x.checkType() == Violation.Check.completeness_check)
                .findFirst().orElseThrow();
        assertTrue(v.description().contains("69.86%"), v.description());
    }

    @Test
    void missingExtraAndNewValuesAreTheirChecks() {
        Table base = between(weather(), "2012-01-01", "2013-01-01");
        Baseline b = Baseline.of(base, features());
        Table cur = between(weather(), "2013-01-01", "2013-02-01").copy();
        cur.removeColumns("wind");
        cur.stringColumn("weather").set(0, "hail");
        MonitorResult r = Monitor.run(b, cur);
        List<Violation.Check> types = r.violations().stream().map(Violation::checkType).toList();
        assertTrue(types.contains(Violation.Check.missing_column_check), r.toString());
        assertTrue(types.contains(Violation.Check.extra_column_check), "date, precipitation and rain are not features");
        Violation nv = r.violations().stream().filter(v -> v.checkType() == Violation.Check.categorical_values_check).findFirst().orElseThrow();
        assertTrue(nv.description().contains("'hail' (1)"), nv.description());
        assertNull(r.feature("wind").current());
        assertTrue(r.violationsJson().contains("\"constraint_check_type\" : \"missing_column_check\""));
    }

    @Test
    void perFeatureOverridesApplyToThatFeatureOnly() {
        Table all = weather();
        Baseline b = Baseline.of(between(all, "2012-01-01", "2013-01-01"), features()
                .feature("temp_max", MonitorConfig.Overrides.NONE.withComparisonThreshold(0.9)));
        MonitorResult r = Monitor.run(b, between(all, "2013-07-01", "2013-08-01"));
        assertFalse(r.feature("temp_max").drifted(), "its own threshold is 0.9");
        assertTrue(r.feature("temp_min").drifted(), "the others keep 0.1");
        assertEquals(0.9, r.feature("temp_max").drift().threshold());
    }

    @Test
    void chiSquaredUsesCramersVAndItsTest() {
        Table all = weather();
        Baseline b = Baseline.of(between(all, "2012-01-01", "2013-01-01"), features().features("weather")
                .config(MonitorConfig.Overrides.NONE.withCategoricalDriftMethod(MonitorConfig.CategoricalDriftMethod.ChiSquared)));
        Drift d = Monitor.run(b, between(all, "2013-07-01", "2013-08-01")).feature("weather").drift();
        assertEquals("ChiSquared", d.method());
        assertTrue(d.distance() > 0 && d.distance() <= 1, d.toString());
        assertTrue(d.pValue() >= 0 && d.pValue() <= 1);
    }

    @Test
    void constraintFilesAreReadStrictly(@TempDir Path dir) throws IOException {
        Baseline b = Baseline.of(between(weather(), "2012-01-01", "2013-01-01"), features());
        b.save(dir.resolve("b"), false);
        Path c = dir.resolve("b/constraints.json");
        String good = Files.readString(c);
        Files.writeString(c, good.replace("\"comparison_threshold\"", "\"comparision_threshold\""));
        DataValidationException e = assertThrows(DataValidationException.class, () -> Baseline.read(dir.resolve("b")));
        assertTrue(e.getMessage().contains("did you mean 'comparison_threshold'"), e.getMessage());
        Files.writeString(c, good.replace("\"comparison_threshold\" : 0.1", "\"comparison_threshold\" : 1.5"));
        e = assertThrows(DataValidationException.class, () -> Baseline.read(dir.resolve("b")));
        assertTrue(e.getMessage().contains("must be in [0, 1]"), e.getMessage());
        Files.writeString(c, good.substring(0, good.length() / 2));
        e = assertThrows(DataValidationException.class, () -> Baseline.read(dir.resolve("b")));
        assertTrue(e.getMessage().contains("constraints.json"), e.getMessage());
        Files.delete(c);
        e = assertThrows(DataValidationException.class, () -> Baseline.read(dir.resolve("b")));
        assertTrue(e.getMessage().contains("constraints.json is missing"), e.getMessage());
    }

    @Test
    void aHighCardinalityStringIsBoundedAndItsDistinctCountEstimated() {
        int n = Profiler.TRACKED_MAX + 20_000;
        String[] v = new String[n];
        for (int i = 0; i < n; i++) v[i] = "id-" + i;
        Profiler p = new Profiler(List.of("id"), List.of(FeatureType.String));
        p.addStrings(0, v, n);
        p.addRows(n);
        StringStatistics s = (StringStatistics) p.finish().feature("id");
        assertTrue(s.distinctEstimated());
        assertTrue(Math.abs(s.distinctCount() - n) < n * 0.03, "HyperLogLog within 3%: " + s.distinctCount());
        assertEquals(n, s.present());
        long counted = s.otherCount();
        for (StringStatistics.CategoryCount c : s.buckets()) counted += c.count();
        assertEquals(n, counted);
        assertEquals(Profiler.TRACKED_MAX, s.buckets().size());
        assertNull(Constraints.suggest(p.finish(), MonitorConfig.defaults()).feature("id").domains());
    }

    @Test
    void numbersAreShownReadably() {
        assertEquals("0.1", Report.num(0.1));
        assertEquals("12.35", Report.num(12.3456));
        assertEquals("30%", Report.pct(0.3));
        assertEquals("-2.5", Drift.tick(-2.5));
        assertEquals("1.23e+07", Drift.tick(12_340_000).toLowerCase(Locale.ROOT));
        assertNotNull(Report.summary(null));
    }
}
