package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Bad input at transform and on load fails with the file, row, column and value, or param=value. */
class TransformSafetyTest {
    @TempDir Path dir;

    @Test void aWordInANumericColumnIsReportedWithRowColumnAndValue() {
        Table train = Table.create("train", DoubleColumn.create("wind", 1.0, 2.5, 4.0, 3.0));
        FittedPreprocessor fitted = Preprocessor.of(StandardScaler.of("wind")).fit(train);
        Table bad = Table.create("badtype", StringColumn.create("wind", "1.5", "", "2", "windy", "3"));
        DataValidationException e = assertThrows(DataValidationException.class, () -> fitted.transform(bad));
        assertEquals("badtype", e.file());
        assertEquals(4, e.row());
        assertEquals("wind", e.column());
        assertEquals("windy", e.value());
        assertTrue(e.getMessage().contains("badtype:4, column 'wind'") && e.getMessage().contains("'windy'"), e.getMessage());
    }

    private Path savedWith(String from, String to) throws Exception {
        String json = GoldenJsonTest.example().toJson();
        assertTrue(json.contains(from), from);
        Path file = dir.resolve("corrupt.json");
        Files.writeString(file, json.replaceFirst(java.util.regex.Pattern.quote(from), java.util.regex.Matcher.quoteReplacement(to)));
        return file;
    }

    private DataValidationException loadFails(Path file) {
        return assertThrows(DataValidationException.class, () -> FittedPreprocessor.load(file));
    }

    @Test void aNullFillIsRejectedOnLoadNamingTheFile() throws Exception {
        Path file = savedWith("\"number\" : 4.0", "\"number\" : null");
        DataValidationException e = loadFails(file);
        assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("x.number=null"), e.getMessage());
    }

    @Test void aZeroOrNegativeScaleIsRejectedOnLoad() throws Exception {
        String scale = "\"scale\" : 2.8087165910587863";
        assertTrue(loadFails(savedWith(scale, "\"scale\" : 0")).getMessage().contains("x.scale=0.0: must be a finite number > 0"));
        assertTrue(loadFails(savedWith(scale, "\"scale\" : -2")).getMessage().contains("x.scale=-2.0"));
        assertTrue(loadFails(savedWith("\"center\" : 4.666666666666667", "\"center\" : null")).getMessage().contains("center"));
    }

    @Test void otherCorruptValuesAreRejectedOnLoad() throws Exception {
        assertTrue(loadFails(savedWith("\"upper\" : 9.375", "\"upper\" : -9.375")).getMessage().contains("n.bounds="));
        assertTrue(loadFails(savedWith("\"minimumAtFit\" : [ 0.0 ]", "\"minimumAtFit\" : [ ]")).getMessage().contains("minimumAtFit"));
        assertTrue(loadFails(savedWith("\"high\" : 1.0", "\"high\" : 0.0")).getMessage().contains("min-max-scaler.high - low"));
        assertTrue(loadFails(savedWith("\"categories\" : [ \"Austin\"", "\"categories\" : [ null")).getMessage().contains("city.categories"));
        assertTrue(loadFails(savedWith("\"fills\" : [ {", "\"fills\" : [ null, {")).getMessage().contains("imputer.fills"));
    }

    @Test void theUntouchedFileStillLoads() throws Exception {
        Path file = savedWith("\"format\"", "\"format\"");
        assertEquals(GoldenJsonTest.example(), FittedPreprocessor.load(file));
    }

    @Test void transformingTheFittedRowsWithATargetEncoderIsRefused() {
        Table train = TestTables.mixed(120, 7);
        Preprocessor spec = Preprocessor.of(StandardScaler.of("amount"), TargetEncoder.of("city").label("y").seed(1));
        FittedPreprocessor fitted = spec.fit(train);
        DataValidationException e = assertThrows(DataValidationException.class, () -> fitted.transform(train));
        assertTrue(e.getMessage().contains("fitTransform"), e.getMessage());
        assertThrows(DataValidationException.class, () -> fitted.transform(train.copy()));   // same rows, another object
        // other rows (even one changed) are transformed as usual
        assertDoesNotThrow(() -> fitted.transform(TestTables.mixed(120, 8)));
        assertDoesNotThrow(() -> fitted.transform(train.first(119)));
        assertDoesNotThrow(() -> spec.fitTransform(train));
        // without a target encoder, transform(train) is the usual in-sample transform
        assertDoesNotThrow(() -> Preprocessor.of(StandardScaler.of("amount")).fit(train).transform(train));
    }
}
