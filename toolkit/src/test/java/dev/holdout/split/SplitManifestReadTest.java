package dev.holdout.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** split.json is read back through SplitManifest.read, strictly, and says what it said. */
class SplitManifestReadTest {
    @TempDir Path dir;

    @Test void aSplitManifestReadsBackToTheSameJson() throws Exception {
        Table weather = Datasets.load("seattle-weather");
        Split split = TimeSplit.on("date").cutoffs("2014-01-01", "2015-01-01").gap(java.time.Duration.ofDays(7)).split(weather);
        SplitManifest m = SplitManifest.of(split, weather, Datasets.schema("seattle-weather"));
        Path f = dir.resolve("split.json");
        Files.writeString(f, m.toJson());
        SplitManifest back = SplitManifest.read(f);
        assertEquals(m.toJson(), back.toJson());
        assertEquals("date", back.schema().time());
        assertEquals("time", back.provenance().strategy());
        assertEquals(m.parts(), back.parts());
    }

    @Test void foldsReadBackToo() throws Exception {
        Table cancer = Datasets.load("breast-cancer");
        Folds folds = StratifiedKFold.on("malignant", 3).seed(4).split(cancer);
        SplitManifest m = SplitManifest.of(folds, cancer, Schema.empty().withLabel("malignant"));
        Path f = dir.resolve("split.json");
        Files.writeString(f, m.toJson());
        SplitManifest back = SplitManifest.read(f);
        assertEquals(m.toJson(), back.toJson());
        assertEquals(4L, back.provenance().seed());
        assertEquals(3, back.folds().size());
    }

    @Test void labelDistributionsListNumbersInNumericOrder() {
        Table t = Table.create("t", IntColumn.create("y", 10, 2, 2, 1), StringColumn.create("c", "b", "a", "10", "9"));
        Split split = RandomSplit.create().test(1).seed(1).split(t);
        SplitManifest m = SplitManifest.of(split, t, Schema.empty().withLabel("y"));
        int total = 0;
        for (SplitManifest.PartSummary p : m.parts()) {
            List<String> keys = List.copyOf(p.labelDistribution().keySet());
            List<String> sorted = keys.stream().sorted(java.util.Comparator.comparingInt(Integer::parseInt)).toList();
            assertEquals(sorted, keys, "\"10\" after \"2\": " + keys);
            total += p.labelDistribution().values().stream().mapToInt(Integer::intValue).sum();
        }
        assertEquals(4, total);
        SplitManifest text = SplitManifest.of(split, t, Schema.empty().withLabel("c"));
        for (SplitManifest.PartSummary p : text.parts()) {
            List<String> keys = List.copyOf(p.labelDistribution().keySet());
            assertEquals(dev.holdout.data.LabelVocabulary.of(keys).names(), keys, "9 before 10 before a before b: " + keys);
        }
    }

    @Test void aHandEditedManifestIsReadStrictly() throws Exception {
        Path f = dir.resolve("split.json");
        Files.writeString(f, "{\"strategy\": \"random\", \"rows\": 4, \"parts\": {\"train\": {\"rows\": 4, \"fingerprint\": \"x\", \"rws\": 1}}}");
        assertTrue(assertThrows(DataValidationException.class, () -> SplitManifest.read(f)).getMessage()
                .startsWith("parts.train.rws=1: unknown key in parts.train; did you mean 'rows'?"));
        Files.writeString(f, "{\"strategy\": \"random\", \"rows\": 4}");
        assertTrue(assertThrows(DataValidationException.class, () -> SplitManifest.read(f)).getMessage().contains("lists its parts or its folds"));
        Files.writeString(f, "{\"strategy\": \"random\", \"rows\": \"four\", \"parts\": {}}");
        assertTrue(assertThrows(DataValidationException.class, () -> SplitManifest.read(f)).getMessage().startsWith("rows=four: must be a whole number"));
    }
}
