package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.data.Datasets;
import dev.holdout.leakage.AuditReport;
import dev.holdout.leakage.Interleaving;
import dev.holdout.leakage.LeakageAudit;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.RowIndices;
import dev.holdout.split.Split;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The audit finds a random split of dated rows without being told the time column. */
class AuditTimeTest {
    static final String WEATHER = "../datasets/seattle-weather.csv";

    static AuditCommandTest.Run run(String... args) { return AuditCommandTest.run(args); }

    static JsonNode json(AuditCommandTest.Run r) throws Exception { return new ObjectMapper().readTree(r.out()); }

    static JsonNode check(JsonNode json, String name) {
        for (JsonNode c : json.get("checks")) if (c.get("check").asText().equals(name)) return c;
        throw new AssertionError("no check " + name + " in " + json);
    }

    static JsonNode finding(JsonNode json, String check) {
        for (JsonNode f : json.get("findings")) if (f.get("check").asText().equals(check)) return f;
        return null;
    }

    @Test
    void aRandomSplitOfADatedFileIsAFindingWithTheNumbers(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("random");
        assertEquals(0, run("split", "--input", WEATHER, "--output", out.toString(), "--strategy", "random", "--test-size", "0.2").code());
        AuditCommandTest.Run r = run("audit", "--split", out.toString(), "--label", "weather", "--format", "json");
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode j = json(r);
        assertEquals("LEAKAGE_FOUND", j.get("verdict").asText());
        assertEquals("ran", check(j, "temporal-overlap").get("status").asText());
        JsonNode f = finding(j, "temporal-overlap");
        String between = f.get("evidence").get("test_rows_between_train_rows").asText();
        assertTrue(between.matches("[0-9]+ of 293 \\([0-9]+%\\)"), between);
        assertTrue(f.get("summary").asText().contains("test rows have train rows just before and just after them in time"), f.toString());
        assertTrue(j.get("notes").get(0).asText().startsWith("time column 'date' detected (a date column)"), j.toString());

        AuditCommandTest.Run off = run("audit", "--split", out.toString(), "--label", "weather", "--format", "json", "--no-time");
        assertEquals("not requested", check(json(off), "temporal-overlap").get("status").asText());
        assertEquals(null, finding(json(off), "temporal-overlap"));
    }

    @Test
    void aFoldFolderIsAuditedWithItsParentsManifest(@TempDir Path dir) throws Exception {
        Path cv = dir.resolve("cv");
        assertEquals(0, run("split", "--input", WEATHER, "--output", cv.toString(), "--strategy", "time-series", "--time", "date",
                "--folds", "3", "--gap", "7").code());
        AuditCommandTest.Run r = run("audit", "--split", cv.resolve("fold-2").toString(), "--label", "weather", "--format", "json");
        JsonNode j = json(r);
        assertEquals("ran", check(j, "temporal-overlap").get("status").asText(), r.out());
        assertEquals(null, finding(j, "temporal-overlap"), "walk-forward folds keep train before test");
        AuditCommandTest.Run text = run("audit", "--split", cv.resolve("fold-2").toString(), "--label", "weather");
        assertTrue(text.out().contains("note: a fold of " + cv.toAbsolutePath().normalize()), text.out());
        assertTrue(text.out().contains("note: time column 'date' from split.json"), text.out());

        Path kfold = dir.resolve("kfold");
        assertEquals(0, run("split", "--input", WEATHER, "--output", kfold.toString(), "--strategy", "kfold", "--folds", "3").code());
        JsonNode k = json(run("audit", "--split", kfold.resolve("fold-1").toString(), "--label", "weather", "--format", "json"));
        assertTrue(finding(k, "temporal-overlap") != null, k.toString());
    }

    @Test
    void theLibraryDetectsToo() {
        Table weather = Datasets.load("seattle-weather").selectColumns("date", "temp_max", "wind", "rain");
        Split random = RandomSplit.create().test(0.2).seed(42).split(weather);
        AuditReport r = LeakageAudit.of("rain").run(random, weather);
        assertFalse(r.findings("temporal-overlap").isEmpty(), r.toString());
        assertEquals(1, r.notes().size());
        AuditReport off = LeakageAudit.of("rain").noTime().run(random, weather);
        assertTrue(off.findings("temporal-overlap").isEmpty());
        assertEquals("no time column (--no-time)", off.checksNotRequested().get("temporal-overlap"));
    }

    /** The quickstart's count (row-adjacent days in date order) and the audit's are one measure. */
    @Test
    void interleavingIsTheQuickstartsCountOfSurroundedDays() {
        Table weather = Datasets.load("seattle-weather");
        Split random = RandomSplit.create().test(0.2).seed(42).split(weather);
        RowIndices test = random.rows(Part.TEST);
        int sandwiched = 0;
        for (int i = 0; i < test.size(); i++) {
            int row = test.get(i);
            if (row > 0 && row + 1 < weather.rowCount() && !test.contains(row - 1) && !test.contains(row + 1)) sandwiched++;
        }
        Interleaving i = Interleaving.of(random.train(weather), random.test(weather), "date");
        assertEquals(sandwiched, i.surrounded());
        assertEquals(test.size(), i.rows());
        assertTrue(i.share() > 0.5, i.toString());
        assertEquals(0, Interleaving.of(weather.where(weather.dateColumn("date").isBefore(java.time.LocalDate.of(2015, 1, 1))),
                weather.where(weather.dateColumn("date").isOnOrAfter(java.time.LocalDate.of(2015, 1, 1))), "date").surrounded());
    }

    @Test
    void noTimeAndTimeTogetherAreRefused(@TempDir Path dir) {
        AuditCommandTest.Run r = run("audit", "--split", dir.toString(), "--label", "y", "--time", "date", "--no-time");
        assertEquals(2, r.code());
        assertTrue(r.err().contains("--no-time=true: contradicts --time date"), r.err());
    }
}
