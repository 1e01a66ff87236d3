package dev.holdout.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.data.Synthetic;
import java.time.Duration;
import java.time.LocalDate;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Worked examples: scikit-learn parity on small inputs and the shipped datasets. */
class SplitExamplesTest {
    @Test void sizesMatchScikitLearnExamples() {
        Split s = RandomSplit.create().test(0.25).split(10);
        assertEquals(3, s.size(Part.TEST), "ceil(2.5)");
        assertEquals(7, s.size(Part.TRAIN));
        assertThrows(DataValidationException.class, () -> RandomSplit.create().test(1.0));
        assertThrows(DataValidationException.class, () -> RandomSplit.create().test(10).split(10));
        DataValidationException sum = assertThrows(DataValidationException.class,
                () -> RandomSplit.create().test(0.7).validation(0.3).split(10));
        assertTrue(sum.getMessage().startsWith("testSize+validationSize=1.0"), sum.getMessage());
    }

    @Test void kFoldSizesOnAnAwkwardCount() {
        Folds f = KFold.of(5).split(57);
        assertEquals(java.util.List.of(12, 12, 11, 11, 11), f.folds().stream().map(x -> x.test().size()).toList());
        assertEquals(0, f.get(0).test().get(0), "unshuffled folds are contiguous, as scikit-learn");
        DataValidationException e = assertThrows(DataValidationException.class, () -> KFold.of(5).split(3));
        assertTrue(e.getMessage().contains("folds=5") && e.getMessage().contains("n_samples=3"), e.getMessage());
    }

    @Test void timeSeriesSplitMatchesScikitLearnWhenEveryRowIsItsOwnInstant() {
        long[] t = IntStream.range(0, 10).asLongStream().toArray();
        Folds f = TimeSeriesSplit.of(3).split(t);
        // sklearn TimeSeriesSplit(3) on 10 samples: test [4,5], [6,7], [8,9]; train everything before
        assertEquals(RowIndices.sorted(new int[] {0, 1, 2, 3}), f.get(0).train());
        assertEquals(RowIndices.sorted(new int[] {4, 5}), f.get(0).test());
        assertEquals(RowIndices.sorted(new int[] {8, 9}), f.get(2).test());
        Folds gap = TimeSeriesSplit.of(3).gap(2).split(t);
        assertEquals(RowIndices.sorted(new int[] {0, 1}), gap.get(0).train());
        DataValidationException e = assertThrows(DataValidationException.class, () -> TimeSeriesSplit.of(3).gap(5).split(t));
        assertTrue(e.getMessage().contains("too many splits=3"), e.getMessage());
    }

    @Test void timeSeriesSplitKeepsTiedTimestampsTogether() {
        // 4 instants, 3 rows each: a row-based split would cut inside an instant
        long[] t = {1, 1, 1, 2, 2, 2, 3, 3, 3, 4, 4, 4};
        Folds f = TimeSeriesSplit.of(3).split(t);
        for (Fold fold : f) {
            assertEquals(3, fold.test().size());
            assertEquals(3 * fold.number(), fold.train().size());
        }
    }

    @Test void theStudyGuidesCutoffsOnADatedTable() {
        Table drift = Synthetic.drifting(3000, 11);
        Split s = TimeSplit.on("date").cutoffs(LocalDate.of(2023, 1, 1), LocalDate.of(2023, 7, 1)).split(drift);
        SplitManifest m = SplitManifest.of(s, drift, dev.holdout.data.Schema.empty().withTime("date").withLabel("converted"));
        assertTrue(m.parts().get(0).timeMax().compareTo("2023-01-01") < 0, "train ends before 2023-01-01");
        assertTrue(m.parts().get(1).timeMin().compareTo("2023-01-01") >= 0 && m.parts().get(1).timeMax().compareTo("2023-07-01") < 0);
        assertTrue(m.parts().get(2).timeMin().compareTo("2023-07-01") >= 0);
        assertEquals(3000, s.size(Part.TRAIN) + s.size(Part.VALIDATION) + s.size(Part.TEST));
        Split gapped = TimeSplit.on("date").cutoffs("2023-01-01", "2023-07-01").gap(Duration.ofDays(14)).split(drift);
        assertTrue(gapped.size(Part.TRAIN) < s.size(Part.TRAIN));
        assertTrue(gapped.provenance().warnings().get(0).contains("inside the gap"));
    }

    @Test void timeSplitByFractionsOfTheRange() {
        Table w = Datasets.load("seattle-weather");
        Split s = TimeSplit.on("date").test(0.25).validation(0.25).split(w);
        // 2012-01-01 .. 2015-12-31 spans 1460 days (2012 is a leap year): 730 and 1095 days in are 2013-12-31 and 2014-12-31
        assertEquals("2013-12-31,2014-12-31", s.provenance().parameters().get("cutoffs"));
        assertTrue(Math.abs(s.size(Part.TEST) - 365) <= 1);
    }

    @Test void missingTimesAreAnErrorUnlessDropped() {
        Table t = Table.create("t", tech.tablesaw.api.DateColumn.create("d",
                new LocalDate[] {LocalDate.of(2023, 1, 1), null, LocalDate.of(2023, 3, 1), LocalDate.of(2023, 5, 1)}));
        DataValidationException e = assertThrows(DataValidationException.class, () -> TimeSplit.on("d").cutoffs("2023-02-01").split(t));
        assertTrue(e.getMessage().contains("row 2, column 'd': no time"), e.getMessage());
        assertEquals(2, e.row());
        Split s = TimeSplit.on("d").cutoffs("2023-02-01").missingTimes(MissingTimePolicy.DROP).split(t);
        assertEquals(1, s.size(Part.TRAIN));
        assertEquals(2, s.size(Part.TEST));
    }

    @Test void stratifiedSplitOfTheImbalancedBirdstrikes() {
        Table b = Datasets.load("birdstrikes");
        Split s = StratifiedSplit.on("damage").test(0.2).validation(0.1).seed(3).split(b);
        int positivesInTest = 0;
        for (int i = 0; i < s.size(Part.TEST); i++) positivesInTest += b.intColumn("damage").get(s.rows(Part.TEST).get(i));
        assertTrue(positivesInTest == 212 || positivesInTest == 213, "1061 * 2000 / 10000 = 212.2, got " + positivesInTest);
        assertEquals(2000, s.size(Part.TEST));
        assertEquals(1000, s.size(Part.VALIDATION));
    }

    @Test void materialisedPartsCopyOnlyTheirRows() {
        Table w = Datasets.load("seattle-weather");
        Split s = RandomSplit.create().test(0.2).seed(1).split(w);
        assertEquals(s.size(Part.TRAIN), s.train(w).rowCount());
        assertEquals(w.column("date").getString(s.rows(Part.TEST).get(0)), s.test(w).column("date").getString(0));
        assertThrows(DataValidationException.class, () -> s.train(w.first(10)));
    }
}
