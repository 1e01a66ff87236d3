package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Values worked out by hand with scikit-learn's formulas, and the bad-input errors of issue 4. */
class StepValuesTest {
    static Table nums(String name, double... v) { return Table.create("t", DoubleColumn.create(name, v)); }

    static double[] col(Table t, String name) { return ((DoubleColumn) t.column(name)).asDoubleArray(); }

    @Test void standardScalerUsesPopulationStdAndKeepsMissing() {
        FittedPreprocessor f = Preprocessor.of(StandardScaler.of("x")).fit(nums("x", 1, 2, 3, Double.NaN));
        double[] out = col(f.transform(nums("x", 4, Double.NaN)), "x");
        assertEquals(2 / Math.sqrt(2.0 / 3.0), out[0], 1e-12);
        assertTrue(Double.isNaN(out[1]));
    }

    @Test void varianceStaysAccurateFarFromZero() {
        FittedPreprocessor f = Preprocessor.of(StandardScaler.of("x")).fit(nums("x", 1e9 + 1, 1e9 + 2, 1e9 + 3));
        assertEquals(2 / Math.sqrt(2.0 / 3.0), col(f.transform(nums("x", 1e9 + 4)), "x")[0], 1e-9);
    }

    @Test void aConstantColumnGetsScaleOne() {
        FittedPreprocessor f = Preprocessor.of(StandardScaler.of("x"), RobustScaler.of("y")).fit(
                Table.create("t", DoubleColumn.create("x", 5, 5, 5), DoubleColumn.create("y", 2, 2, 2)));
        Table out = f.transform(Table.create("t", DoubleColumn.create("x", new double[] {7}), DoubleColumn.create("y", new double[] {3})));
        assertEquals(2.0, col(out, "x")[0], 0);
        assertEquals(1.0, col(out, "y")[0], 0);
    }

    @Test void minMaxMapsTheTrainingRangeAndClipsOnlyWhenAsked() {
        Table train = nums("x", 2, 4, 6);
        assertArrayEquals(new double[] {0.5, 1.5, -0.5}, col(Preprocessor.of(MinMaxScaler.of("x")).fit(train).transform(nums("x", 4, 8, 0)), "x"), 1e-12);
        assertArrayEquals(new double[] {0.5, 1.0, 0.0}, col(Preprocessor.of(MinMaxScaler.of("x").clip(true)).fit(train).transform(nums("x", 4, 8, 0)), "x"), 1e-12);
    }

    @Test void robustScalerUsesMedianAndIqr() {
        FittedPreprocessor f = Preprocessor.of(RobustScaler.of("x")).fit(nums("x", 1, 2, 3, 4, 100));
        assertEquals(48.5, col(f.transform(nums("x", 100)), "x")[0], 1e-12);
    }

    @Test void imputersLearnTheirFillFromTrainOnly() {
        Table train = nums("x", 1, Double.NaN, 3, 10);
        assertEquals(3.0, col(Preprocessor.of(Imputer.median("x")).fit(train).transform(nums("x", Double.NaN)), "x")[0]);
        assertEquals(14.0 / 3, col(Preprocessor.of(Imputer.mean("x")).fit(train).transform(nums("x", Double.NaN)), "x")[0], 1e-12);
        // most frequent: ties go to the smallest value, as SimpleImputer
        assertEquals(1.0, col(Preprocessor.of(Imputer.mostFrequent("x")).fit(nums("x", 3, 1, 3, 1, 2, Double.NaN)).transform(nums("x", Double.NaN)), "x")[0]);
        Table text = Table.create("t", StringColumn.create("c", "b", "a", "b", "a", ""));
        Table filled = Preprocessor.of(Imputer.mostFrequent("c").withIndicator()).fit(text).transform(text);
        assertEquals("a", filled.stringColumn("c").get(4));
        assertEquals(List.of("c", "c_missing"), filled.columnNames());
        assertTrue(((BooleanColumn) filled.column("c_missing")).get(4));
        assertFalse(((BooleanColumn) filled.column("c_missing")).get(0));
    }

    @Test void indicatorOnlyForColumnsWithMissingValuesAtFit() {
        Table train = Table.create("t", DoubleColumn.create("a", 1, 2), DoubleColumn.create("b", 1, Double.NaN));
        Table out = Preprocessor.of(Imputer.mean("a", "b").withIndicator()).fit(train).transform(train);
        assertEquals(List.of("a", "b", "b_missing"), out.columnNames());
    }

    @Test void oneHotSortsCategoriesAndHandlesUnknowns() {
        Table train = Table.create("t", StringColumn.create("w", "sun", "rain", "sun", "fog"));
        Table test = Table.create("t", StringColumn.create("w", "rain", "snow"));
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> Preprocessor.of(OneHotEncoder.of("w")).fit(train).transform(test));
        assertTrue(e.getMessage().contains("'snow'") && e.getMessage().contains("row 2") && e.getMessage().contains("'w'"), e.getMessage());
        assertEquals("w", e.column());
        Table ignored = Preprocessor.of(OneHotEncoder.of("w").onUnknown(UnknownPolicy.IGNORE)).fit(train).transform(test);
        assertEquals(List.of("w=fog", "w=rain", "w=sun"), ignored.columnNames());
        assertEquals(0, ignored.booleanColumn("w=fog").countTrue() + ignored.booleanColumn("w=sun").countTrue());
        assertTrue(ignored.booleanColumn("w=rain").get(0));
        Table bucket = Preprocessor.of(OneHotEncoder.of("w").onUnknown(UnknownPolicy.INFREQUENT).minFrequency(2)).fit(train).transform(test);
        assertEquals(List.of("w=sun", "w=<infrequent>"), bucket.columnNames());
        assertTrue(bucket.booleanColumn("w=<infrequent>").get(0) && bucket.booleanColumn("w=<infrequent>").get(1));
    }

    @Test void ordinalEncodesSortedPositions() {
        Table train = Table.create("t", StringColumn.create("s", "M", "S", "L"));
        FittedPreprocessor f = Preprocessor.of(OrdinalEncoder.of("s").onUnknown(-1)).fit(train);
        assertArrayEquals(new double[] {0, 1, 2, -1}, col(f.transform(Table.create("t", StringColumn.create("s", "L", "M", "S", "XL"))), "s"));
        assertThrows(DataValidationException.class, () -> Preprocessor.of(OrdinalEncoder.of("s")).fit(train)
                .transform(Table.create("t", StringColumn.create("s", "XL"))));
    }

    @Test void targetEncoderFormulasMatchScikitLearn() {
        // a: y = 1, 1, 0 ; b: y = 0, 0 ; mean = 0.4
        Table train = Table.create("t", StringColumn.create("c", "a", "a", "a", "b", "b"), IntColumn.create("y", 1, 1, 0, 0, 0));
        FittedPreprocessor m = Preprocessor.of(TargetEncoder.of("c").label("y").smooth(2).folds(2)).fit(train);
        Table probe = Table.create("t", StringColumn.create("c", "a", "b", "z"));
        assertArrayEquals(new double[] {(2 + 2 * 0.4) / (3 + 2), (0 + 2 * 0.4) / (2 + 2), 0.4}, col(m.transform(probe), "c"), 1e-12);
        // smooth="auto": lambda = n var(y) / (n var(y) + ss_c / n); var(y) = 0.24
        double ssA = 2 * Math.pow(1 - 2.0 / 3, 2) + Math.pow(0 - 2.0 / 3, 2);
        double lambdaA = 3 * 0.24 / (3 * 0.24 + ssA / 3);
        FittedPreprocessor auto = Preprocessor.of(TargetEncoder.of("c").label("y").folds(2)).fit(train);
        double[] enc = col(auto.transform(probe), "c");
        assertEquals(lambdaA * (2.0 / 3) + (1 - lambdaA) * 0.4, enc[0], 1e-12);
        assertEquals(0.0, enc[1], 1e-12); // b has no within-category variance: lambda = 1
    }

    @Test void targetEncoderNeedsALabel() {
        Table train = Table.create("t", StringColumn.create("c", "a", "b"), IntColumn.create("y", 1, 0));
        DataValidationException e = assertThrows(DataValidationException.class, () -> Preprocessor.of(TargetEncoder.of("c")).fit(train));
        assertTrue(e.getMessage().contains("label"), e.getMessage());
        DataValidationException e2 = assertThrows(DataValidationException.class, () -> Preprocessor.of(TargetEncoder.of("c").label("yy")).fit(train));
        assertTrue(e2.getMessage().contains("yy") && e2.getMessage().contains("did you mean 'y'"), e2.getMessage());
    }

    @Test void aColumnAllMissingAtFitIsAnErrorNamingIt() {
        Table train = Table.create("t", DoubleColumn.create("gone", Double.NaN, Double.NaN));
        for (Step s : List.of(Imputer.mean("gone"), StandardScaler.of("gone"), MinMaxScaler.of("gone"), RobustScaler.of("gone"), OutlierHandler.iqr("gone"))) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> Preprocessor.of(s).fit(train), s.toString());
            assertTrue(e.getMessage().contains("gone") && e.getMessage().contains("missing in all 2"), e.getMessage());
        }
    }

    @Test void outliersLearnBoundsOnTrain() {
        Table train = nums("w", 1, 2, 3, 4, 100);   // q1=2, q3=4 -> [-1, 7]
        Table flagged = Preprocessor.of(OutlierHandler.iqr("w").flag()).fit(train).transform(nums("w", 6, 8));
        assertEquals(List.of("w", "w_outlier"), flagged.columnNames());
        assertFalse(flagged.booleanColumn("w_outlier").get(0));
        assertTrue(flagged.booleanColumn("w_outlier").get(1));
        assertArrayEquals(new double[] {6, 7}, col(Preprocessor.of(OutlierHandler.iqr("w")).fit(train).transform(nums("w", 6, 8)), "w"));
    }

    @Test void logTransformRefusesValuesAtOrBelowMinusOneNamingTheRow() {
        FittedPreprocessor f = Preprocessor.of(LogTransform.log1p("p")).fit(nums("p", 0, 9));
        assertEquals(Math.log(10), col(f.transform(nums("p", 9)), "p")[0], 1e-12);
        DataValidationException e = assertThrows(DataValidationException.class, () -> f.transform(nums("p", 1, -2)));
        assertEquals(2, e.row());
        assertEquals("p", e.column());
    }

    @Test void badConfigurationIsRefusedAtConstruction() {
        assertThrows(DataValidationException.class, () -> StandardScaler.of());
        assertThrows(DataValidationException.class, () -> MinMaxScaler.of("x").range(1, 0));
        assertThrows(DataValidationException.class, () -> TargetEncoder.of("c").folds(1));
        assertThrows(DataValidationException.class, () -> OneHotEncoder.of("c").minFrequency(0));
        assertThrows(DataValidationException.class, () -> Preprocessor.of(StandardScaler.of("x")).fit(nums("x")));
    }
}
