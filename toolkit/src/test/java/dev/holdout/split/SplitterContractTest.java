package dev.holdout.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Synthetic;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tech.tablesaw.api.Table;

/** The contract every splitter and cross-validator passes (as scikit-learn's estimator_checks). */
class SplitterContractTest {
    static final Table TABLE = Synthetic.drifting(997, 5);

    static Stream<Arguments> splitters() {
        return Stream.of(
                Arguments.of("random", RandomSplit.create().test(0.2).validation(0.1).seed(1), RandomSplit.create().test(0.2).validation(0.1).seed(2)),
                Arguments.of("stratified", StratifiedSplit.on("converted").test(0.2).seed(1), StratifiedSplit.on("converted").test(0.2).seed(2)),
                Arguments.of("group", GroupSplit.on("date").test(0.2).seed(1), GroupSplit.on("date").test(0.2).seed(2)),
                Arguments.of("time", TimeSplit.on("date").cutoffs("2023-01-01", "2023-07-01"), null));
    }

    static Stream<Arguments> crossValidators() {
        return Stream.of(
                Arguments.of("kfold", KFold.of(4).seed(1), KFold.of(4).seed(2)),
                Arguments.of("stratified-kfold", StratifiedKFold.on("converted", 4).seed(1), StratifiedKFold.on("converted", 4).seed(2)),
                Arguments.of("group-kfold", GroupKFold.on("channel", 3).seed(1), null),
                Arguments.of("time-series", TimeSeriesSplit.of(4).time("date"), null),
                // issue 17
                Arguments.of("purged-kfold", PurgedKFold.on("date").folds(4).embargo(Embargo.rows(5)), null),
                Arguments.of("combinatorial-purged", CombinatorialPurgedKFold.on("date").groups(5).testGroups(2).embargo(java.time.Duration.ofDays(3)), null),
                Arguments.of("walk-forward", WalkForward.on("date").trainWindow("P6M").horizon("P3M").gap("7d"), null),
                Arguments.of("stratified-group-kfold", StratifiedGroupKFold.on("converted", "date").folds(4).seed(1),
                        StratifiedGroupKFold.on("converted", "date").folds(4).seed(2)),
                Arguments.of("repeated-kfold", KFold.of(4).repeats(2).seed(1), KFold.of(4).repeats(2).seed(2)),
                Arguments.of("repeated-stratified-group-kfold", StratifiedGroupKFold.on("converted", "date").repeats(2).seed(1), null));
    }

    /** Strategies whose test folds do not partition the rows once: time-ordered ones, and repeats (each row once per repeat). */
    static final java.util.Set<String> NOT_ONE_PARTITION = java.util.Set.of("time-series", "purged-kfold", "combinatorial-purged", "walk-forward",
            "repeated-kfold", "repeated-stratified-group-kfold");

    @ParameterizedTest(name = "{0}")
    @MethodSource("splitters")
    void splitterContract(String name, Splitter splitter, Splitter otherSeed) {
        String before = TABLE.write().toString("csv");
        Split a = splitter.split(TABLE), b = splitter.split(TABLE);
        assertEquals(a, b, "same configuration, same table, same split");
        assertEquals(before, TABLE.write().toString("csv"), "split must not mutate its input");
        SplitPropertiesTest.assertPartition(a, TABLE.rowCount());
        assertEquals(TABLE.rowCount(), a.provenance().rowCount());
        assertTrue(a.toString().contains(a.provenance().strategy()));
        assertTrue(a.toHtml().contains("<table"));
        assertEquals(a.size(Part.TRAIN), a.train(TABLE).rowCount());
        if (otherSeed != null) assertNotEquals(a, otherSeed.split(TABLE), "the seed matters");
        Table tiny = TABLE.first(1);
        assertThrows(DataValidationException.class, () -> splitter.split(tiny), "one row cannot be split");
        assertThrows(DataValidationException.class, () -> splitter.split(TABLE.emptyCopy()), "zero rows cannot be split");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossValidators")
    void crossValidatorContract(String name, CrossValidator cv, CrossValidator otherSeed) {
        String before = TABLE.write().toString("csv");
        Folds a = cv.split(TABLE);
        assertEquals(a, cv.split(TABLE));
        assertEquals(before, TABLE.write().toString("csv"));
        if (!NOT_ONE_PARTITION.contains(name)) SplitPropertiesTest.assertFoldsPartition(a, TABLE.rowCount());
        for (Fold f : a) {
            assertTrue(f.train().stream().noneMatch(f.test()::contains), "train and test disjoint in fold " + f.number());
            assertEquals(f.test().size(), f.test(TABLE).rowCount());
        }
        assertTrue(a.toHtml().contains("<table"));
        if (otherSeed != null) assertNotEquals(a, otherSeed.split(TABLE));
        assertThrows(DataValidationException.class, () -> cv.split(TABLE.emptyCopy()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("splitters")
    void configurationIsImmutable(String name, Splitter splitter, Splitter ignored) {
        Split before = splitter.split(TABLE);
        if (splitter instanceof RandomSplit r) r.seed(99).validation(0.3);
        if (splitter instanceof StratifiedSplit s) s.seed(99).test(0.4);
        if (splitter instanceof GroupSplit g) g.seed(99);
        if (splitter instanceof TimeSplit t) t.cutoffs("2022-06-01");
        assertEquals(before, splitter.split(TABLE), "withers return new objects and leave the original unchanged");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("crossValidators")
    void foldsManifestIsWrittenAndReadBack(String name, CrossValidator cv, CrossValidator ignored, @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        Folds folds = cv.split(TABLE);
        SplitManifest m = SplitManifest.of(folds, TABLE, dev.holdout.data.Schema.empty().withLabel("converted").withTime("date"));
        java.nio.file.Path file = dir.resolve("split.json");
        java.nio.file.Files.writeString(file, m.toJson());
        SplitManifest back = SplitManifest.read(file);
        assertEquals(m.toJson(), back.toJson());
        assertEquals(folds.provenance().strategy(), back.provenance().strategy());
        assertEquals(folds.size(), back.folds().size());
    }
}
