package dev.holdout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.CsvLoader;
import dev.holdout.data.ColumnKind;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import dev.holdout.split.GroupSplit;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.split.Splitter;
import dev.holdout.split.TimeSplit;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The same file split by the core and on Spark: the same part for every row. */
class SparkSplitTest {
    @TempDir static Path dir;
    static Path csv;
    static SparkSession spark;

    @BeforeAll static void data() throws Exception {
        spark = LocalSpark.get();
        csv = dir.resolve("visits.csv");
        StringBuilder sb = new StringBuilder("visit,patient,day,amount,note\n");
        LocalDate start = LocalDate.of(2024, 1, 1);
        for (int i = 0; i < 3000; i++) {
            String note = i % 11 == 0 ? "NA" : i % 13 == 0 ? "" : i % 17 == 0 ? "\"a, quoted\"" : "n" + (i % 5);
            sb.append(String.format("%06d", i)).append(',').append("p").append(i * 7 % 400).append(',')
                    .append(start.plusDays(i % 365)).append(',').append((i * 31 % 1000) / 8.0).append(',').append(note).append('\n');
        }
        Files.writeString(csv, sb.toString());
    }

    /** The core split as the CLI loads the file for it (key columns as text, times parsed). */
    private static Map<String, String> core(Splitter s, Schema schema) {
        Table t = CsvLoader.forFile(csv).schema(schema).load(csv);
        Split split = s.split(t);
        Map<String, String> m = new HashMap<>();
        for (Part p : Part.values()) for (int row : split.rows(p).toArray()) m.put(t.stringColumn("visit").get(row), p.label());
        return m;
    }

    private static Map<String, String> onSpark(Splitter s) {
        Dataset<Row> rows = HoldoutSpark.readCsv(spark, csv);
        Map<String, String> m = new HashMap<>();
        for (Row r : SparkSplit.assign(rows, s).select("visit", SparkSplit.PART_COLUMN).collectAsList()) m.put(r.getString(0), r.getString(1));
        return m;
    }

    private static Schema allText() {
        Schema s = Schema.empty();
        for (String c : new String[] {"visit", "patient", "day", "amount", "note"}) s = s.withType(c, ColumnKind.TEXT);
        return s;
    }

    @Test void hashedByIdGivesTheSamePartsRowForRow() {
        RandomSplit r = RandomSplit.create().test(0.2).validation(0.1).hashedBy("visit").seed(5);
        Map<String, String> core = core(r, Schema.empty().withType("visit", ColumnKind.TEXT));
        assertEquals(3000, core.size());
        assertEquals(core, onSpark(r));
        Map<Part, Long> sizes = SparkSplit.sizes(HoldoutSpark.readCsv(spark, csv), r);
        assertEquals(core.values().stream().filter("test"::equals).count(), sizes.get(Part.TEST));
    }

    @Test void hashedByRowContentGivesTheSamePartsRowForRow() {
        RandomSplit r = RandomSplit.create().test(0.25).hashedByRowContent().seed(8);
        assertEquals(core(r, allText()), onSpark(r));
    }

    @Test void hashedGroupsGiveTheSameParts() {
        GroupSplit g = GroupSplit.on("patient").test(0.3).hashed().seed(2);
        Map<String, String> core = core(g, Schema.empty().withType("visit", ColumnKind.TEXT).withType("patient", ColumnKind.TEXT));
        assertEquals(core, onSpark(g));
    }

    @Test void timeCutoffsGiveTheSameParts() {
        TimeSplit t = TimeSplit.on("day").cutoffs("2024-06-01", "2024-10-01").gap(Duration.ofDays(7));
        Map<String, String> core = core(t, Schema.empty().withType("visit", ColumnKind.TEXT));
        assertTrue(core.size() < 3000, "the gap leaves rows out");
        assertEquals(core, onSpark(t));
    }

    @Test void refusesWhatItCannotDoTheSameWay() {
        Dataset<Row> rows = HoldoutSpark.readCsv(spark, csv);
        DataValidationException sampled = assertThrows(DataValidationException.class, () -> SparkSplit.assign(rows, RandomSplit.create().test(0.2)));
        assertTrue(sampled.getMessage().contains("hashedBy"), sampled.getMessage());
        DataValidationException missing = assertThrows(DataValidationException.class,
                () -> SparkSplit.sizes(rows, RandomSplit.create().test(0.2).hashedBy("note")));
        assertTrue(missing.getMessage().contains("hash key is missing"), missing.getMessage());
        assertThrows(DataValidationException.class, () -> SparkSplit.assign(rows, RandomSplit.create().test(0.2).hashedBy("nope")));
    }
}
