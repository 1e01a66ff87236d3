package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The saved preprocessor format is a contract with batch scoring and the endpoint: a change to it
 * must be deliberate. Regenerate the golden file with -Dgolden.update=true (then review the diff).
 */
class GoldenJsonTest {
    static FittedPreprocessor example() {
        Table t = Table.create("golden",
                DoubleColumn.create("x", 1, Double.NaN, 3, 10, 4, 6),
                IntColumn.create("n", 0, 1, 2, 3, 40, 5),
                StringColumn.create("city", "Reno", "Omaha", "Reno", "", "Austin", "Reno"),
                IntColumn.create("y", 1, 0, 1, 0, 0, 1));
        return Preprocessor.of(
                Imputer.median("x").withIndicator(),
                OutlierHandler.iqr("n").flag(),
                LogTransform.log1p("n"),
                StandardScaler.of("x"),
                MinMaxScaler.of("n"),
                OrdinalEncoder.of("city").onUnknown(-1),
                TargetEncoder.of("city").label("y").smooth(1).folds(2)).fit(t);
    }

    @Test void savedFormatIsStable() throws IOException {
        String json = example().toJson();
        java.nio.file.Path file = java.nio.file.Path.of("src/test/resources/dev/holdout/preprocess/golden-preprocessor.json");
        if (Boolean.getBoolean("golden.update")) java.nio.file.Files.writeString(file, json);
        try (InputStream in = getClass().getResourceAsStream("golden-preprocessor.json")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), json);
        }
        assertEquals(example(), FittedPreprocessor.fromJson(json));
    }
}
