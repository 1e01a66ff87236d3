package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The contract every preprocessing step passes (scikit-learn's estimator_checks in spirit): fit does
 * not mutate its input, fitting twice gives equal results, schema mismatches are rejected, save ->
 * load -> transform is identical, transform is row-wise and leaves its input alone.
 */
class StepContractTest {
    static Stream<Step> steps() {
        return Stream.of(
                Imputer.mean("x").withIndicator(),
                Imputer.median("x"),
                Imputer.mostFrequent("city").withIndicator(),
                Imputer.constant(-1, "x"),
                Imputer.constant("none", "city"),
                StandardScaler.of("x", "count"),
                StandardScaler.of("amount").withMean(false),
                MinMaxScaler.of("x", "count").range(-1, 1).clip(true),
                RobustScaler.of("count", "amount"),
                OneHotEncoder.of("city").onUnknown(UnknownPolicy.IGNORE),
                OneHotEncoder.of("city").onUnknown(UnknownPolicy.INFREQUENT).minFrequency(30),
                OrdinalEncoder.of("city").onUnknown(-1),
                TargetEncoder.of("city").label("y").seed(7),
                TargetEncoder.of("city").label("amount").smooth(5),
                OutlierHandler.iqr("amount").flag(),
                OutlierHandler.zScore("x").factor(2),
                LogTransform.log1p("count"));
    }

    private static final Table TABLE = TestTables.mixed(300, 11);

    private static Table train() { return TABLE.rows(java.util.stream.IntStream.range(0, 200).toArray()); }

    private static Table later() { return TABLE.rows(java.util.stream.IntStream.range(200, 300).toArray()); }

    @ParameterizedTest @MethodSource("steps")
    void fitDoesNotMutateItsInput(Step step) {
        Table train = train();
        Table before = TestTables.copy(train);
        Preprocessor.of(step).fitTransform(train);
        assertTrue(TestTables.identical(before, train), "fit modified its input: " + step);
    }

    @ParameterizedTest @MethodSource("steps")
    void fittingTwiceGivesEqualResults(Step step) {
        FittedPreprocessor a = Preprocessor.of(step).fit(train());
        FittedPreprocessor b = Preprocessor.of(step).fit(train());
        assertEquals(a, b);
        assertEquals(a.toJson(), b.toJson());
        assertTrue(TestTables.identical(Preprocessor.of(step).fitTransform(train()).train(), Preprocessor.of(step).fitTransform(train()).train()));
    }

    @ParameterizedTest @MethodSource("steps")
    void transformLeavesItsInputAloneAndSharesNoColumn(Step step) {
        FittedPreprocessor f = Preprocessor.of(step).fit(train());
        Table later = later();
        Table before = TestTables.copy(later);
        Table out = f.transform(later);
        assertTrue(TestTables.identical(before, later));
        for (Column<?> c : out.columns()) for (Column<?> in : later.columns()) assertNotSame(in, c);
    }

    @ParameterizedTest @MethodSource("steps")
    void aMissingColumnIsRejectedByName(Step step) {
        FittedPreprocessor f = Preprocessor.of(step).fit(train());
        String col = step.columns().get(0);
        Table lacking = later().removeColumns(col);
        DataValidationException e = assertThrows(DataValidationException.class, () -> f.transform(lacking));
        assertTrue(e.getMessage().contains(col), e.getMessage());
    }

    @ParameterizedTest @MethodSource("steps")
    void aColumnOfAnotherTypeIsRejectedByName(Step step) {
        FittedPreprocessor f = Preprocessor.of(step).fit(train());
        String col = step.columns().get(0);
        Table t = later();
        Column<?> original = t.column(col);
        Column<?> changed;
        if (original instanceof StringColumn) {
            changed = tech.tablesaw.api.DoubleColumn.create(col, new double[t.rowCount()]);
        } else {
            changed = StringColumn.create(col, java.util.Collections.nCopies(t.rowCount(), "seven"));
        }
        t.replaceColumn(col, changed);
        DataValidationException e = assertThrows(DataValidationException.class, () -> f.transform(t));
        assertTrue(e.getMessage().contains(col) && e.getMessage().contains("fitted"), e.getMessage());
    }

    @ParameterizedTest @MethodSource("steps")
    void saveLoadTransformIsIdentical(Step step, @TempDir Path dir) {
        FittedPreprocessor f = Preprocessor.of(step).fit(train());
        Path file = dir.resolve("pre.json");
        f.save(file);
        FittedPreprocessor loaded = FittedPreprocessor.load(file);
        assertEquals(f, loaded);
        assertTrue(TestTables.identical(f.transform(later()), loaded.transform(later())));
    }

    @ParameterizedTest @MethodSource("steps")
    void transformIsRowWise(Step step) {
        FittedPreprocessor f = Preprocessor.of(step).fit(train());
        Table all = f.transform(later());
        int[] some = {3, 0, 57, 99, 12};
        Table subset = f.transform(later().rows(some));
        assertTrue(TestTables.identical(all.rows(some), subset), "transform of a subset differs from the subset of the transform: " + step);
    }

    @ParameterizedTest @MethodSource("steps")
    void fittedStatisticsAreReadableJson(Step step) {
        String json = Preprocessor.of(step).fit(train()).toJson();
        assertTrue(json.contains("\"step\" : \"" + Preprocessor.of(step).fit(train()).steps().get(0).kind() + "\""), json);
        for (String c : step.columns()) assertTrue(json.contains("\"" + c + "\""), json);
    }

    static List<Step> all() { return steps().toList(); }
}
