package dev.holdout.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** Worked examples of the purged, combinatorial, walk-forward, stratified-group and repeated splitters, computed by hand. */
class EvaluationSplitExamplesTest {
    @TempDir Path dir;

    static RowIndices rows(int... r) { return RowIndices.sorted(r); }

    // ten steps 0..9, each label spanning [t, t + 2]
    static final long[] START = IntStream.range(0, 10).asLongStream().toArray();
    static final long[] END = Arrays.stream(START).map(t -> t + 2).toArray();

    @Test void purgedKFoldRemovesOverlappingLabelsOnBothSides() {
        Folds f = PurgedKFold.on("t").labelEnd("end").folds(5).split(START, END);
        // fold 3 tests instants {4, 5}: its labels span [4, 7]; rows 2, 3 (ending at 4 and 5) and 6, 7 (starting by 7) are purged
        assertEquals(rows(4, 5), f.get(2).test());
        assertEquals(rows(0, 1, 8, 9), f.get(2).train());
        // fold 1 tests {0, 1}, labels up to 3: only later rows train, those starting after 3
        assertEquals(rows(4, 5, 6, 7, 8, 9), f.get(0).train());
        assertEquals("2,4,4,4,2", f.provenance().parameters().get("purgedRows"));
        assertEquals("purged-kfold", f.provenance().strategy());
    }

    @Test void anEmbargoDropsWhatFollowsTheTestLabels() {
        // a span of 1 unit after T1 = 7 drops row 8; one row after 7 is row 8 too; two rows drop 8 and 9
        assertEquals(rows(0, 1, 9), PurgedKFold.on("t").labelEnd("end").embargo(Embargo.units(1)).split(START, END).get(2).train());
        assertEquals(rows(0, 1, 9), PurgedKFold.on("t").labelEnd("end").embargo(Embargo.rows(1)).split(START, END).get(2).train());
        Folds two = PurgedKFold.on("t").labelEnd("end").embargo(Embargo.rows(2)).split(START, END);
        assertEquals(rows(0, 1), two.get(2).train());
        assertEquals("2,2,2,0,0", two.provenance().parameters().get("embargoedRows"), "nothing follows the last fold");
        // without label ends, only the embargo removes rows: fold 3 tests {4, 5}, the embargo takes 6
        assertEquals(rows(0, 1, 2, 3, 7, 8, 9), PurgedKFold.on("t").embargo(Embargo.rows(1)).split(START, null).get(2).train());
    }

    @Test void theEmbargoInRowsTakesTiesWithTheLastRow() {
        long[] t = {0, 0, 1, 1, 2, 2, 3, 3, 3, 4};
        Folds f = PurgedKFold.on("t").folds(5).embargo(Embargo.rows(3)).split(t, null);
        // fold 2 tests instant 1 (rows 2, 3); three rows follow: 4, 5 and 6 at instant 3, whose ties 7, 8 go too
        assertEquals(rows(2, 3), f.get(1).test());
        assertEquals(rows(0, 1, 9), f.get(1).train());
    }

    @Test void aLabelTouchingTheTestStartIsPurged() {
        // closed intervals: the label of row 2 ends at 4, where fold 3 starts (López de Prado's code keeps it; Holdout purges it)
        Fold f = PurgedKFold.on("t").labelEnd("end").split(START, END).get(2);
        assertTrue(!f.train().contains(2));
    }

    @Test void purgedKFoldOnDatesWithADurationEmbargo() {
        LocalDate d0 = LocalDate.of(2023, 1, 2);
        LocalDate[] start = new LocalDate[20], end = new LocalDate[20];
        for (int i = 0; i < 20; i++) {
            start[i] = d0.plusDays(i);
            end[i] = d0.plusDays(i + 3);
        }
        Table t = Table.create("prices", DateColumn.create("date", start), DateColumn.create("label_end", end));
        Folds f = PurgedKFold.on("date").labelEnd("label_end").folds(4).embargo(java.time.Duration.ofDays(2)).split(t);
        Fold second = f.get(1); // days 5..9; labels up to day 12; embargo to day 14
        assertEquals(rows(5, 6, 7, 8, 9), second.test());
        assertEquals(rows(0, 1, 15, 16, 17, 18, 19), second.train());
        assertEquals("PT48H", f.provenance().parameters().get("embargo"));
    }

    @Test void badLabelIntervalsAreRefusedNamingTheRow() {
        long[] end = END.clone();
        end[6] = 3;
        DataValidationException e = assertThrows(DataValidationException.class, () -> PurgedKFold.on("t").labelEnd("end").split(START, end));
        assertTrue(e.getMessage().contains("row 7") && e.getMessage().contains("ends before it starts"), e.getMessage());
        Table t = Table.create("x", IntColumn.create("t", 1, 2, 3), DateColumn.create("e", LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 1),
                LocalDate.of(2023, 1, 1)));
        DataValidationException kind = assertThrows(DataValidationException.class, () -> PurgedKFold.on("t").labelEnd("e").folds(2).split(t));
        assertTrue(kind.getMessage().contains("labelEnd=e"), kind.getMessage());
        DataValidationException units = assertThrows(DataValidationException.class,
                () -> PurgedKFold.on("t").folds(2).embargo(java.time.Duration.ofDays(1)).split(t));
        assertTrue(units.getMessage().contains("plain numbers"), units.getMessage());
        DataValidationException empty = assertThrows(DataValidationException.class,
                () -> PurgedKFold.on("t").labelEnd("end").folds(2).split(START, Arrays.stream(START).map(x -> x + 20).toArray()));
        assertTrue(empty.getMessage().contains("no training rows left"), empty.getMessage());
        assertThrows(DataValidationException.class, () -> PurgedKFold.on("t").folds(11).split(START, null));
    }

    @Test void embargoTextIsRowsOrADuration() {
        assertEquals(Embargo.rows(20), Embargo.parse("20", "--embargo"));
        assertEquals(Embargo.of(java.time.Duration.ofDays(2)), Embargo.parse("2d", "--embargo"));
        assertEquals(Embargo.of(java.time.Duration.ofHours(12)), Embargo.parse("PT12H", "--embargo"));
        DataValidationException e = assertThrows(DataValidationException.class, () -> Embargo.parse("two days", "--embargo"));
        assertTrue(e.getMessage().startsWith("--embargo=two days"), e.getMessage());
    }

    @Test void combinatorialPurgedSplitsAndTheirBacktestPaths() {
        CombinatorialPurgedKFold cpcv = CombinatorialPurgedKFold.on("t").groups(5).testGroups(2);
        assertEquals(10, cpcv.splitCount());
        assertEquals(4, cpcv.pathCount());
        // groups of 10 instants: {0,1}, {2,3}, {4,5}, {6,7}, {8,9}; labels span [t, t + 1]
        long[] end = Arrays.stream(START).map(t -> t + 1).toArray();
        CombinatorialPurgedKFold.Backtest b = cpcv.labelEnd("end").backtest(START, end);
        assertEquals(rows(0, 1, 2, 3), b.folds().get(0).test());
        assertEquals(rows(5, 6, 7, 8, 9), b.folds().get(0).train(), "row 4 starts where test row 3's label ends");
        // split 3 tests groups 1 and 4, two runs: row 2 overlaps run 1's labels [0, 2]; rows 5 and 8 overlap run 2's [6, 8]
        assertEquals(rows(0, 1, 6, 7), b.folds().get(2).test());
        assertEquals(rows(3, 4, 9), b.folds().get(2).train());
        // path p takes group g from the p-th split that tests g: splits testing group 1 are 1..4 ({1,2},{1,3},{1,4},{1,5})
        assertEquals(List.of(1, 1, 2, 3, 4), cpcv.paths().get(0).folds());
        assertEquals(List.of(4, 7, 9, 10, 10), cpcv.paths().get(3).folds());
        for (CombinatorialPurgedKFold.BacktestPath p : cpcv.paths()) assertEquals(5, p.folds().size(), "a path covers every group once");
        assertEquals(rows(4, 5), b.segments(1).get(2).rows());
        assertEquals(2, b.segments(1).get(2).fold());
    }

    @Test void combinatorialSettingsCombineInAnyOrder() {
        CombinatorialPurgedKFold a = CombinatorialPurgedKFold.on("t").testGroups(7).groups(10);
        assertEquals(120, a.splitCount());
        DataValidationException e = assertThrows(DataValidationException.class, () -> CombinatorialPurgedKFold.on("t").groups(4).testGroups(4).splitCount());
        assertTrue(e.getMessage().startsWith("testGroups=4"), e.getMessage());
        DataValidationException big = assertThrows(DataValidationException.class, () -> CombinatorialPurgedKFold.on("t").groups(30).testGroups(15).splitCount());
        assertTrue(big.getMessage().contains("more than 10000"), big.getMessage());
    }

    @Test void backtestPathsReadBackFromTheManifest() throws Exception {
        Table t = Table.create("t", IntColumn.create("t", IntStream.range(0, 30).toArray()));
        CombinatorialPurgedKFold.Backtest b = CombinatorialPurgedKFold.on("t").groups(6).testGroups(2).backtest(t);
        SplitManifest m = SplitManifest.of(b, t, Schema.empty().withTime("t"));
        Path f = dir.resolve("split.json");
        Files.writeString(f, m.toJson());
        SplitManifest back = SplitManifest.read(f);
        assertEquals(b.paths(), back.backtestPaths());
        assertEquals(m.toJson(), back.toJson());
        assertTrue(m.toJson().contains("\"backtest_paths\""));
    }

    @Test void walkForwardByTheCalendar() {
        // daily rows through 2023: a 6-month rolling window, a one-month test after a 7-day gap, monthly steps
        LocalDate[] days = IntStream.range(0, 365).mapToObj(i -> LocalDate.of(2023, 1, 1).plusDays(i)).toArray(LocalDate[]::new);
        Table t = Table.create("daily", DateColumn.create("date", days));
        Folds f = WalkForward.on("date").trainWindow("P6M").horizon("P1M").gap("7d").split(t);
        Fold first = f.get(0);
        // cutoff 2023-07-01: train [2023-01-01, 2023-07-01), test [2023-07-08, 2023-08-08)
        assertEquals(181, first.train().size());
        assertEquals(days[0], t.dateColumn("date").get(first.train().get(0)));
        assertEquals(LocalDate.of(2023, 7, 8), t.dateColumn("date").get(first.test().get(0)));
        assertEquals(31, first.test().size());
        // the last cutoff whose test window fits: 2023-11-01 (test 11-08 .. 12-08); 2023-12-01's would end 2024-01-08
        assertEquals(5, f.size());
        assertEquals("2023-07-01,2023-08-01,2023-09-01,2023-10-01,2023-11-01", f.provenance().parameters().get("cutoffs"));
        Fold last = f.get(4);
        assertEquals(LocalDate.of(2023, 5, 1), t.dateColumn("date").get(last.train().get(0)), "rolling: six months before 11-01");
        Folds expanding = WalkForward.on("date").trainWindow("P6M").horizon("P1M").expanding().split(t);
        assertEquals(days[0], t.dateColumn("date").get(expanding.get(expanding.size() - 1).train().get(0)));
        assertEquals(6, expanding.size(), "without a gap, December 2023 is a complete month of daily rows");
        assertEquals(334, expanding.get(5).train().size());
    }

    @Test void walkForwardOnAWholeNumberColumnSkipsEmptyWindows() {
        long[] t = {0, 1, 2, 3, 4, 5, 6, 9, 10, 11};
        Folds f = WalkForward.on("t").trainWindow("4").horizon("2").split(t);
        // cutoffs 4, 6, 8, 10: [4,6) test {4,5}; [6,8) {6}; [8,10) {9}; [10,12) {10,11}
        assertEquals(4, f.size());
        assertEquals(rows(0, 1, 2, 3), f.get(0).train());
        assertEquals(rows(4, 5), f.get(0).test());
        assertEquals(rows(6), f.get(1).test());
        Folds holes = WalkForward.on("t").trainWindow("2").horizon("1").split(new long[] {0, 1, 2, 5, 6});
        assertTrue(holes.provenance().warnings().stream().anyMatch(w -> w.contains("no test rows")), holes.provenance().warnings().toString());
        DataValidationException e = assertThrows(DataValidationException.class, () -> WalkForward.on("t").trainWindow("20").horizon("2").split(t));
        assertTrue(e.getMessage().contains("no complete test window"), e.getMessage());
        assertThrows(DataValidationException.class, () -> WalkForward.on("t").horizon("2").split(t));
        assertThrows(DataValidationException.class, () -> CalendarSpan.parse("a month", "--horizon"));
        assertEquals("P3M", CalendarSpan.parse("3mo", "--step").toString());
        assertEquals("P1DT12H", CalendarSpan.parse("P1DT12H", "--step").toString());
    }

    @Test void stratifiedGroupKFoldMatchesScikitLearnOnAWorkedExample() {
        int[] y = {0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 1, 1, 1, 1, 1};
        int[] g = {1, 1, 2, 2, 3, 3, 3, 4, 5, 5, 5, 5, 6, 6, 7, 8, 8};
        Table t = Table.create("x", IntColumn.create("y", y), IntColumn.create("g", g));
        Folds f = StratifiedGroupKFold.on("y", "g").folds(3).split(t);
        // scikit-learn 1.2.1, StratifiedGroupKFold(3).split(X, y, g): test groups [1, 4, 6], [2, 5, 8], [3, 7]
        assertEquals(rows(0, 1, 7, 12, 13), f.get(0).test());
        assertEquals(rows(2, 3, 8, 9, 10, 11, 15, 16), f.get(1).test());
        assertEquals(rows(4, 5, 6, 14), f.get(2).test());
    }

    @Test void shufflingKeepsTheStratificationThatScikitLearnLoses() {
        // 40 groups: 20 all-positive groups of 3 rows, 20 all-negative; a shuffle may only reorder equally spread groups
        int[] y = new int[120], g = new int[120];
        for (int i = 0; i < 120; i++) {
            g[i] = i / 3;
            y[i] = g[i] < 20 ? 1 : 0;
        }
        Table t = Table.create("x", IntColumn.create("y", y), IntColumn.create("g", g));
        Folds unshuffled = StratifiedGroupKFold.on("y", "g").folds(4).split(t);
        java.util.Set<List<Fold>> distinct = new java.util.HashSet<>();
        for (long seed = 0; seed < 5; seed++) {
            Folds f = StratifiedGroupKFold.on("y", "g").folds(4).seed(seed).split(t);
            for (Fold fold : f) {
                long pos = fold.test().stream().filter(r -> y[r] == 1).count();
                assertEquals(15, pos, "each fold holds 5 positive and 5 negative groups (seed " + seed + ")");
                assertEquals(30, fold.test().size());
            }
            distinct.add(f.folds());
        }
        distinct.add(unshuffled.folds());
        assertTrue(distinct.size() > 1, "the seed changes which groups go together");
    }

    @Test void repeatedFoldsHaveASeedPerRepeat() {
        Table t = Table.create("x", IntColumn.create("id", IntStream.range(0, 23).toArray()),
                StringColumn.create("g", IntStream.range(0, 23).mapToObj(i -> "g" + (i % 7)).toArray(String[]::new)));
        Repeated r = KFold.of(4).repeats(3).seed(42);
        long[] seeds = r.seeds();
        assertEquals(3, Arrays.stream(seeds).distinct().count());
        Folds all = r.split(t);
        assertEquals(12, all.size());
        List<Folds> each = r.splitEach(t);
        for (int rep = 0; rep < 3; rep++) {
            assertEquals(KFold.of(4).seed(seeds[rep]).split(t).folds(), each.get(rep).folds(), "repeat " + (rep + 1) + " is reproducible alone");
            for (int k = 0; k < 4; k++) assertEquals(each.get(rep).get(k).test(), all.get(rep * 4 + k).test());
        }
        assertEquals(all, KFold.of(4).repeats(3).seed(42).split(23));
        assertEquals("repeated-kfold", all.provenance().strategy());
        assertEquals("3", all.provenance().parameters().get("repeats"));
        assertNotEquals(r.seeds()[1], KFold.of(4).repeats(3).seed(43).seeds()[0], "neighbouring base seeds share no repeat");
        Folds groups = GroupKFold.on("g", 3).repeats(2).seed(1).split(t);
        assertEquals(6, groups.size());
        assertThrows(DataValidationException.class, () -> KFold.of(4).repeats(0));
    }

    @Test void repeatedManifestsNumberFoldsWithinTheirRepeat() throws Exception {
        Table t = Table.create("x", IntColumn.create("id", IntStream.range(0, 20).toArray()));
        Folds all = KFold.of(4).repeats(2).seed(5).split(t);
        SplitManifest m = SplitManifest.of(all, t, Schema.empty());
        String json = m.toJson();
        assertTrue(json.contains("\"repeat\" : 2"), json);
        Path f = dir.resolve("split.json");
        Files.writeString(f, json);
        assertEquals(json, SplitManifest.read(f).toJson());
        assertTrue(m.toString().contains("repeat 2 fold 4 test"), m.toString());
    }
}
