package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.split.RowIndices;
import dev.holdout.split.Split;
import dev.holdout.split.SplitProvenance;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class PreprocessPropertiesTest {
    static Preprocessor pipeline() {
        return Preprocessor.of(
                Imputer.median("x").withIndicator(),
                OutlierHandler.iqr("amount").flag(),
                LogTransform.log1p("count"),
                StandardScaler.of("x", "count"),
                TargetEncoder.of("city").label("y").seed(3),
                RobustScaler.of("amount"));
    }

    /** Overwrites every row outside {@code keep} with fresh random values (same types). */
    static Table scrambleOutside(Table t, RowIndices keep, long seed) {
        Random r = new Random(seed);
        Table c = t.copy();
        DoubleColumn x = c.doubleColumn("x");
        IntColumn count = c.intColumn("count");
        StringColumn city = c.stringColumn("city");
        IntColumn y = c.intColumn("y");
        DoubleColumn amount = c.doubleColumn("amount");
        for (int i = 0; i < c.rowCount(); i++) {
            if (keep.contains(i)) continue;
            x.set(i, r.nextGaussian() * 100);
            count.set(i, r.nextInt(1000));
            city.set(i, "Elsewhere" + r.nextInt(5));
            y.set(i, r.nextInt(2));
            amount.set(i, r.nextDouble() * 1e6);
        }
        return c;
    }

    /**
     * Table B differs from table A only in the validation and test rows of a real seeded split made
     * on each table; the pipeline fitted on each split's train part must be the same. The check is
     * sensitive: fitting on all of A and all of B gives different statistics.
     */
    @Property(tries = 40)
    void statisticsDependOnlyOnTheTrainingRows(@ForAll @IntRange(min = 40, max = 400) int rows, @ForAll long seed) {
        Table a = TestTables.mixed(rows, seed);
        dev.holdout.split.RandomSplit splitter = dev.holdout.split.RandomSplit.create().test(0.2).validation(0.1).seed(seed);
        Split splitA = splitter.split(a);
        Table b = scrambleOutside(a, splitA.rows(dev.holdout.split.Part.TRAIN), seed + 1);
        Split splitB = splitter.split(b);
        assertEquals(splitA.rows(dev.holdout.split.Part.TRAIN), splitB.rows(dev.holdout.split.Part.TRAIN));
        assertTrue(splitA.size(dev.holdout.split.Part.TEST) > 0 && splitA.size(dev.holdout.split.Part.VALIDATION) > 0);
        FittedPreprocessor fa = pipeline().fitTransform(splitA.train(a)).fitted();
        FittedPreprocessor fb = pipeline().fitTransform(splitB.train(b)).fitted();
        assertEquals(fa.toJson(), fb.toJson());
        assertEquals(fa, fb);
        assertNotEquals(pipeline().fit(a).toJson(), pipeline().fit(b).toJson());   // the scramble is visible to a fit that sees it
    }

    @Property(tries = 40)
    void transformIsRowWiseAndDeterministic(@ForAll @IntRange(min = 40, max = 300) int rows, @ForAll long seed) {
        Table table = TestTables.mixed(rows, seed);
        FittedPreprocessor f = pipeline().fit(table.first(rows / 2));
        Table other = TestTables.mixed(rows, seed ^ 0x5DEECE66DL);
        Table once = f.transform(other);
        assertTrue(TestTables.identical(once, f.transform(other)));
        int[] pick = new Random(seed).ints(10, 0, rows).toArray();
        assertTrue(TestTables.identical(once.rows(pick), f.transform(other.rows(pick))));
    }

    @Property(tries = 30)
    void saveLoadTransformIsIdentical(@ForAll @IntRange(min = 40, max = 300) int rows, @ForAll long seed) {
        Table table = TestTables.mixed(rows, seed);
        FittedPreprocessor f = pipeline().fit(table);
        FittedPreprocessor back = FittedPreprocessor.fromJson(f.toJson());
        assertEquals(f, back);
        Table other = TestTables.mixed(rows, seed + 7);
        assertTrue(TestTables.identical(f.transform(other), back.transform(other)));
    }

    /** The moments gathered on the fingerprint pass give the scaler exactly the statistics it computes alone. */
    @Property(tries = 30)
    void fusedMomentsEqualTheScalersOwn(@ForAll @IntRange(min = 2, max = 5000) int rows, @ForAll long seed) {
        Table table = TestTables.mixed(rows, seed);
        FittedStep alone = StandardScaler.of("x", "amount", "count").fit(table);
        assertEquals(alone, Preprocessor.of(StandardScaler.of("x", "amount", "count")).fit(table).steps().get(0));
        // after a step that replaces "count" but shares "x" and "amount": gathered moments for two, recomputed for one
        Table logged = LogTransform.log1p("count").fitTransform(table, FitContext.NONE).transformedTrain();
        assertEquals(StandardScaler.of("x", "amount", "count").fit(logged),
                Preprocessor.of(LogTransform.log1p("count"), StandardScaler.of("x", "amount", "count")).fit(table).steps().get(1));
    }

    /** Changing row i's label never changes row i's cross-fitted encoding (continuous label: folds do not depend on y). */
    @Property(tries = 40)
    void targetEncodingNeverUsesARowsOwnLabel(@ForAll @IntRange(min = 20, max = 300) int rows, @ForAll long seed,
                                              @ForAll @IntRange(min = 0, max = 10_000) int pick) {
        Table table = TestTables.mixed(rows, seed);
        int i = pick % rows;
        Preprocessor spec = Preprocessor.of(TargetEncoder.of("city").label("amount").seed(seed));
        Table before = spec.fitTransform(table).train();
        Table changed = table.copy();
        changed.doubleColumn("amount").set(i, 1e9);
        Table after = spec.fitTransform(changed).train();
        assertEquals(before.doubleColumn("city").getDouble(i), after.doubleColumn("city").getDouble(i), 0.0);
    }

    /** An identifier column encoded in-sample would predict the label perfectly; cross-fitted it carries no label. */
    @Property(tries = 20)
    void crossFittedIdentifierCarriesNoOwnLabel(@ForAll @IntRange(min = 40, max = 200) int rows, @ForAll long seed) {
        Table table = TestTables.mixed(rows, seed);
        String[] ids = new String[rows];
        for (int i = 0; i < rows; i++) ids[i] = "id" + i;
        table.addColumns(StringColumn.create("id", ids));
        Preprocessor spec = Preprocessor.of(TargetEncoder.of("id").label("y").smooth(0));
        Table crossFitted = spec.fitTransform(table).train();
        FittedPreprocessor fitted = spec.fit(table);
        assertThrows(dev.holdout.data.DataValidationException.class, () -> fitted.transform(table));   // refused
        Table inSample = fitted.transform(table.copy().removeColumns("y"));   // the same rows without the label get through
        for (int i = 0; i < rows; i++) {
            double y = table.intColumn("y").getInt(i);
            assertEquals(y, inSample.doubleColumn("id").getDouble(i), 1e-12);             // in-sample: the label itself
            assertNotEquals(y, crossFitted.doubleColumn("id").getDouble(i));             // cross-fitted: a fold mean
        }
    }
}
