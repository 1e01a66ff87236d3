package dev.holdout.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.split.Fold;
import java.nio.file.Path;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** A tuning spec's "split" takes holdout split's options: by time (cutoffs, fractions, time-series folds with a gap). */
class TuningTimeSplitTest {
    static final String REST = "\"training\":{\"label\":\"rain\",\"exclude\":[\"date\",\"precipitation\",\"weather\"],"
            + "\"hyperparameters\":{\"num_round\":\"5\",\"objective\":\"binary:logistic\"}},"
            + "\"HyperParameterTuningJobConfig\":{\"Strategy\":\"Random\",\"HyperParameterTuningJobObjective\":{\"MetricName\":\"validation:logloss\"},"
            + "\"ParameterRanges\":{\"IntegerParameterRanges\":[{\"Name\":\"max_depth\",\"MinValue\":\"1\",\"MaxValue\":\"4\"}]}}}";

    static TuningSpec spec(String split) {
        return TuningSpec.fromJson("{\"data\":{\"dataset\":\"seattle-weather\"},\"split\":" + split + "," + REST, Path.of("."));
    }

    static LocalDate min(Table t) { return t.dateColumn("date").min(); }

    static LocalDate max(Table t) { return t.dateColumn("date").max(); }

    @Test
    void cutoffsMakeTrainValidationAndTestInTimeOrderWithTheGap() {
        TuningSpec s = spec("{\"strategy\":\"time\",\"time\":\"date\",\"cutoffs\":\"2014-01-01,2015-01-01\",\"gap\":\"7d\"}");
        TuningSpec.Parts p = s.parts();
        assertEquals(LocalDate.parse("2013-12-24"), max(p.train()));          // the week before the cutoff is left out
        assertEquals(LocalDate.parse("2014-01-01"), min(p.validation()));
        assertEquals(LocalDate.parse("2014-12-24"), max(p.validation()));
        assertEquals(LocalDate.parse("2015-01-01"), min(p.test()));
        assertTrue(s.warnings().isEmpty(), s.warnings().toString());
    }

    @Test
    void fractionsOfTheTimeRangeAsHoldoutSplitDoes() {
        TuningSpec.Parts p = spec("{\"strategy\":\"time\",\"time\":\"date\",\"testSize\":0.25,\"validationSize\":0.25}").parts();
        assertTrue(max(p.train()).isBefore(min(p.validation())));
        assertTrue(max(p.validation()).isBefore(min(p.test())));
        assertEquals(365, p.test().rowCount(), 1.0);
    }

    @Test
    void timeSeriesFoldsOverTheRowsBeforeTheTestCutoff() {
        TuningSpec.Parts p = spec("{\"strategy\":\"time-series\",\"time\":\"date\",\"cutoffs\":\"2015-01-01\",\"folds\":4,\"gap\":7}").parts();
        assertEquals(LocalDate.parse("2015-01-01"), min(p.test()));
        assertEquals(LocalDate.parse("2014-12-31"), max(p.tuning()));
        assertEquals(4, p.folds().size());
        for (Fold f : p.folds()) {
            Table train = f.train(p.tuning()), test = f.test(p.tuning());
            // walk-forward: every training day is before the fold's test days, 7 days (instants) apart at least
            assertEquals(8, max(train).until(min(test)).getDays(), f.toString());
        }
    }

    @Test
    void aDatedFileSplitAtRandomIsAWarning() {
        TuningSpec s = spec("{\"testSize\":0.2,\"validationSize\":0.2,\"seed\":1}");
        assertEquals(1, s.warnings().size());
        String w = s.warnings().get(0);
        assertTrue(w.contains("date column 'date'") && w.contains("split.strategy=random") && w.contains("\"strategy\": \"time\""), w);
    }

    @Test
    void optionsAreCheckedAsHoldoutSplitChecksThem() {
        assertMessage(() -> spec("{\"strategy\":\"time\",\"time\":\"date\",\"cutoffs\":\"2014-01-01\",\"folds\":3}"),
                "split.folds=3", "does not apply to split.strategy=time");
        assertMessage(() -> spec("{\"strategy\":\"time\",\"cutoffs\":\"2014-01-01,2015-01-01\"}").parts(), "split.time", "needs split.time");
        assertMessage(() -> spec("{\"strategy\":\"time\",\"time\":\"date\",\"cutoffs\":\"2014-01-01\"}").parts(),
                "tuning scores each trial on a validation part", "two cutoffs");
        assertMessage(() -> spec("{\"strategy\":\"time\",\"time\":\"date\",\"cutoffs\":\"2014-01-01,2015-01-01\",\"gap\":\"7x\"}").parts(),
                "split.gap=7x", "is not a duration");
        assertMessage(() -> spec("{\"strategy\":\"time-series\",\"time\":\"date\",\"folds\":3}"), "split.cutoffs", "one cutoff");
        assertMessage(() -> spec("{\"strategy\":\"time\",\"time\":\"dat\",\"cutoffs\":\"2014-01-01,2015-01-01\"}"), "split.time", "did you mean 'date'");
        assertMessage(() -> spec("{\"strategy\":\"tiem\"}"), "split.strategy=tiem", "did you mean 'time'");
        assertMessage(() -> spec("{\"strategy\":\"random\",\"seed\":1,\"stratify\":true}"), "split.stratify=true", "disagrees");
    }

    private static void assertMessage(Runnable r, String... parts) {
        DataValidationException e = assertThrows(DataValidationException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
    }

    @Test
    void theOlderFormStillMeansARandomOrStratifiedSplit() {
        TuningSpec s = spec("{\"testSize\":0.2,\"folds\":3,\"stratify\":true,\"seed\":4}");
        assertEquals("stratified-kfold", s.split().strategy());
        assertEquals(3, s.parts().folds().size());
    }
}
