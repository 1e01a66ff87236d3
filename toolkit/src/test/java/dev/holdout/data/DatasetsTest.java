package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class DatasetsTest {
    @Test void shippedDatasetsLoadWithTheirDocumentedShape() {
        Table w = Datasets.load("seattle-weather");
        assertEquals(1461, w.rowCount());
        assertEquals(641, w.intColumn("rain").sum(), "641 rainy days, as datasets/README.md says");
        Table b = Datasets.load("birdstrikes");
        assertEquals(10_000, b.rowCount());
        assertEquals(1061, b.intColumn("damage").sum());
        assertEquals(2836, b.column("Speed IAS in knots").countMissing(), "empty speeds stay missing");
        assertEquals(8939, b.stringColumn("Effect Amount of damage").isEqualTo("None").size(), "'None' is a category, not missing");
        assertEquals(569, Datasets.load("breast-cancer").rowCount());
        assertEquals(442, Datasets.load("diabetes").rowCount());
        for (String name : Datasets.names()) Datasets.schema(name).validate(Datasets.load(name));
    }

    @Test void unknownDatasetSuggestsTheClosest() {
        DataValidationException e = assertThrows(DataValidationException.class, () -> Datasets.load("seattle-wether"));
        assertTrue(e.getMessage().contains("did you mean 'seattle-weather'"), e.getMessage());
    }

    /** The packaged bytes are the files whose SHA-256 datasets/README.md records. */
    @Test void packagedFilesMatchTheReadmeChecksums() throws Exception {
        String readme = Files.readString(Path.of("..", "datasets", "README.md"), StandardCharsets.UTF_8);
        for (String name : Datasets.names()) {
            DatasetInfo info = Datasets.info(name);
            try (InputStream in = Datasets.class.getResourceAsStream("/dev/holdout/datasets/" + info.file())) {
                byte[] digest = MessageDigest.getInstance("SHA-256").digest(in.readAllBytes());
                StringBuilder hex = new StringBuilder();
                for (byte x : digest) hex.append(String.format("%02x", x));
                assertTrue(readme.contains(hex.toString()), info.file() + " has SHA-256 " + hex + ", which datasets/README.md does not list");
            }
        }
    }

    @Test void syntheticTablesAreReproducibleAndPlantTheirEffects() {
        Table a = Synthetic.leakyClassification(2000, 7), b = Synthetic.leakyClassification(2000, 7);
        assertEquals(a.write().toString("csv"), b.write().toString("csv"), "same seed, same table");
        double rate = a.intColumn("churned").sum() / 2000.0;
        assertTrue(rate > 0.15 && rate < 0.5, "churn rate " + rate);
        // the planted leak separates the classes almost perfectly
        var leak = a.doubleColumn(Synthetic.LEAKY_FEATURE);
        int agree = 0;
        for (int i = 0; i < 2000; i++) if ((leak.get(i) > 1.25) == (a.intColumn("churned").get(i) == 1)) agree++;
        assertTrue(agree > 1980, "leaky feature agrees with the label on " + agree + " rows");
        Table d = Synthetic.drifting(4000, 3);
        var x1 = d.doubleColumn("x1");
        double early = 0, late = 0;
        for (int i = 0; i < 1000; i++) {
            early += x1.get(i);
            late += x1.get(3999 - i);
        }
        assertTrue(late / 1000 - early / 1000 > 1.2, "x1 drifts upward over time");
        assertTrue(d.dateColumn("date").min().getYear() == 2022 && d.dateColumn("date").max().getYear() == 2023);
    }
}
