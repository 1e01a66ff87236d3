package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.io.StrictJson;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdout monitor} end to end on the shipped weather data, and {@code holdout demo drift}. */
class MonitorCommandTest {
    static Path weather() { return Path.of("..", "datasets", "seattle-weather.csv"); }

    /** The rows of the weather file whose date starts with one of the prefixes, with the header. */
    static Path rows(Path dir, String name, String... prefixes) throws IOException {
        List<String> lines = Files.readAllLines(weather());
        StringBuilder sb = new StringBuilder(lines.get(0)).append('\n');
        for (String l : lines.subList(1, lines.size())) {
            for (String p : prefixes) if (l.startsWith(p)) sb.append(l).append('\n');
        }
        Path f = dir.resolve(name);
        Files.writeString(f, sb);
        return f;
    }

    @Test
    void baselineThenRunsExitThreeOnDriftAndZeroWithoutAndThresholdsAreSetPerFeature(@TempDir Path dir) throws IOException {
        Path y2013 = rows(dir, "2013.csv", "2013-"), july = rows(dir, "july.csv", "2015-07-"), sameYear = rows(dir, "2013-again.csv", "2013-");
        CliRunner b = CliRunner.run("monitor", "baseline", "--input", y2013.toString(), "--output", dir.resolve("base").toString(),
                "--exclude", "date,precipitation", "--comparison-threshold", "wind=0.3", "--categorical-drift-method", "chisquared");
        assertEquals(0, b.exitCode(), b.err());
        var constraints = StrictJson.mapper().readTree(dir.resolve("base/constraints.json").toFile());
        assertEquals("ChiSquared", constraints.at("/monitoring_config/distribution_constraints/categorical_drift_method").asText());
        assertEquals(0.3, constraints.at("/features/2/monitoringConfigOverrides/distribution_constraints/comparison_threshold").asDouble(), 1e-12,
                constraints.at("/features/2").toString());
        assertEquals("wind", constraints.at("/features/2/name").asText());

        CliRunner same = CliRunner.run("monitor", "run", "--baseline", dir.resolve("base").toString(), "--input", sameYear.toString(),
                "--output", dir.resolve("run-same").toString(), "--exclude-columns-check-is-not-an-option");
        assertEquals(2, same.exitCode(), "an unknown option is bad usage: " + same.err());

        CliRunner calm = CliRunner.run("monitor", "run", "--baseline", dir.resolve("base").toString(), "--input", sameYear.toString(),
                "--output", dir.resolve("run-same").toString());
        assertEquals(3, calm.exitCode(), "the same year has the columns the baseline left out: " + calm.out());
        assertTrue(calm.out().contains("extra_column_check date"), calm.out());
        assertFalse(calm.out().contains("baseline_drift_check"), "the baseline's own data does not drift: " + calm.out());

        CliRunner summer = CliRunner.run("monitor", "run", "--baseline", dir.resolve("base").toString(), "--input", july.toString(),
                "--output", dir.resolve("run-july").toString(), "--format", "json");
        assertEquals(3, summer.exitCode(), summer.err());
        var v = StrictJson.mapper().readTree(summer.out());
        boolean tempDrift = false;
        for (var x : v.get("violations")) {
            tempDrift |= x.get("feature_name").asText().equals("temp_max") && x.get("constraint_check_type").asText().equals("baseline_drift_check");
        }
        assertTrue(tempDrift, summer.out());
        assertEquals(summer.out(), Files.readString(dir.resolve("run-july/constraint_violations.json")));
        String html = Files.readString(dir.resolve("run-july/report.html"));
        assertTrue(html.contains("temp_max") && html.contains("<img") && html.contains("Jensen-Shannon"), "the report: a table and a chart per drifted feature");
        assertTrue(Files.readString(dir.resolve("run-july/statistics.json")).contains("\"item_count\" : 31"));

        CliRunner noDrift = CliRunner.run("monitor", "run", "--baseline", dir.resolve("base").toString(), "--input", july.toString(),
                "--output", dir.resolve("run-july-2").toString(), "--no-comparison", "--datatype-check-threshold", "0");
        assertFalse(noDrift.out().contains("baseline_drift_check"), "--no-comparison turns the drift check off: " + noDrift.out());
    }

    @Test
    void qualityBaselineThenQualityFlagsAWorseModel(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("good.csv"), bad = dir.resolve("bad.csv");
        StringBuilder g = new StringBuilder("y,p,yhat\n"), w = new StringBuilder("y,p,yhat\n");
        dev.holdout.data.SeededRandom r = new dev.holdout.data.SeededRandom(3);
        for (int i = 0; i < 400; i++) {
            int y = r.nextDouble() < 0.4 ? 1 : 0;
            double p = Math.min(1, Math.max(0, (y == 1 ? 0.7 : 0.3) + r.nextGaussian() * 0.15));
            double q = Math.min(1, Math.max(0, (y == 1 ? 0.55 : 0.45) + r.nextGaussian() * 0.2));
            g.append(y).append(',').append(p).append(',').append(p >= 0.5 ? 1 : 0).append('\n');
            w.append(y).append(',').append(q).append(',').append(q >= 0.5 ? 1 : 0).append('\n');
        }
        Files.writeString(good, g);
        Files.writeString(bad, w);
        CliRunner base = CliRunner.run("monitor", "quality-baseline", "--input", good.toString(), "--label", "y", "--prediction", "yhat", "--score", "p",
                "--problem-type", "BinaryClassification", "--output", dir.resolve("qb").toString());
        assertEquals(0, base.exitCode(), base.err());
        String stats = Files.readString(dir.resolve("qb/statistics.json"));
        assertTrue(stats.contains("binary_classification_metrics") && stats.contains("standard_deviation"), stats);
        CliRunner same = CliRunner.run("monitor", "quality", "--baseline", dir.resolve("qb").toString(), "--input", good.toString(), "--label", "y",
                "--prediction", "yhat", "--score", "p", "--problem-type", "BinaryClassification", "--output", dir.resolve("q1").toString());
        assertEquals(0, same.exitCode(), "the baseline's own predictions meet every threshold: " + same.out());
        CliRunner worse = CliRunner.run("monitor", "quality", "--baseline", dir.resolve("qb").toString(), "--input", bad.toString(), "--label", "y",
                "--prediction", "yhat", "--score", "p", "--problem-type", "BinaryClassification", "--output", dir.resolve("q2").toString(), "--format", "json");
        assertEquals(3, worse.exitCode(), worse.out() + worse.err());
        assertTrue(worse.out().contains("\"metric_name\" : \"auc\"") && worse.out().contains("LessThanThreshold"), worse.out());
    }

    @Test
    void demoDriftTellsTheStoryAndWritesEveryMonthlyRun(@TempDir Path dir) throws IOException {
        CliRunner r = CliRunner.run("demo", "drift", "--output", dir.resolve("drift").toString());
        assertEquals(0, r.exitCode(), r.err());
        for (YearMonth m = YearMonth.of(2014, 1); !m.isAfter(YearMonth.of(2015, 12)); m = m.plusMonths(1)) {
            Path run = dir.resolve("drift").resolve(m.toString());
            assertTrue(Files.exists(run.resolve("constraint_violations.json")) && Files.exists(run.resolve("report.html")), run.toString());
            // each month's line names the features its own violations file lists as drifted
            var v = StrictJson.mapper().readTree(run.resolve("constraint_violations.json").toFile()).get("violations");
            String line = r.out().lines().filter(l -> l.startsWith(run.getFileName().toString()) && l.contains("|")).findFirst().orElseThrow();
            for (var x : v) {
                if (x.get("constraint_check_type").asText().equals("baseline_drift_check")) {
                    assertTrue(line.split("\\|")[1].contains(x.get("feature_name").asText()), line + " vs " + x);
                }
            }
        }
        assertTrue(Files.exists(dir.resolve("drift/baseline/constraints.json")));
        // the lesson the prose draws: the whole-year baseline flags more months than the seasonal one
        List<String> months = r.out().lines().filter(l -> l.matches("20\\d\\d-\\d\\d .*\\|.*")).toList();
        assertEquals(24, months.size(), r.out());
        long wholeYear = months.stream().filter(l -> !l.split("\\|")[1].strip().startsWith("–")).count();
        long seasonal = months.stream().filter(l -> !l.split("\\|")[2].strip().startsWith("–")).count();
        assertTrue(wholeYear > seasonal, r.out());
        assertTrue(r.out().contains("a month is a narrow slice of a year"), r.out());
        assertTrue(r.out().contains("Against the whole of 2013, " + wholeYear + " of 24 months drift"), r.out());
        assertTrue(r.out().contains("Against the same month of 2013, " + seasonal + " of 24 months drift"), r.out());
    }
}
