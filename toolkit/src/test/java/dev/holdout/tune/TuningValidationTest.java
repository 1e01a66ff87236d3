package dev.holdout.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.data.DataValidationException;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TuningValidationTest {
    static final TuningObjective LOSS = TuningObjective.of("validation:logloss");

    private static void assertMessage(Runnable r, String... parts) {
        DataValidationException e = assertThrows(DataValidationException.class, r::run);
        for (String p : parts) assertTrue(e.getMessage().contains(p), () -> "'" + p + "' not in: " + e.getMessage());
    }

    @Test
    void invertedRangeIsRejected() {
        assertMessage(() -> ParameterRange.continuous("eta", 0.5, 0.1), "eta.MinValue=0.5", "inverted", "swap");
        assertMessage(() -> ParameterRange.integer("max_depth", 9, 3), "max_depth.MinValue=9", "inverted");
    }

    @Test
    void emptyRangeIsRejected() {
        assertMessage(() -> ParameterRange.continuous("eta", 0.3, 0.3), "eta.MinValue=0.3", "empty", "static hyperparameter");
        assertMessage(() -> new CategoricalRange("booster", java.util.List.of()), "booster.Values", "empty");
    }

    @Test
    void logScaleIncludingZeroIsRejected() {
        assertMessage(() -> ParameterRange.continuous("alpha", 0, 10, Scaling.LOGARITHMIC), "alpha.MinValue=0.0", "Logarithmic",
                "includes zero", "MinValue > 0");
        assertMessage(() -> ParameterRange.integer("min_child_weight", 0, 10, Scaling.LOGARITHMIC), "MinValue=0", "Logarithmic");
    }

    @Test
    void gridTakesCategoricalRangesOnlyAndEveryCombination() {
        SearchSpace numeric = SearchSpace.of(ParameterRange.continuous("eta", 0.1, 0.3));
        assertMessage(() -> TuningJobConfig.of(Strategy.GRID, numeric, LOSS).validate(), "Grid search takes categorical ranges only");
        assertMessage(() -> Tuner.of(TuningJobConfig.of(Strategy.GRID, numeric, LOSS)), "Grid search takes categorical ranges only");
        SearchSpace cat = SearchSpace.of(ParameterRange.categorical("max_depth", "3", "5"), ParameterRange.categorical("eta", "0.1", "0.3", "1"));
        assertEquals(6, TuningJobConfig.of(Strategy.GRID, cat, LOSS).maxTrials());
        assertMessage(() -> TuningJobConfig.of(Strategy.GRID, cat, LOSS).withMaxTrials(5).validate(), "MaxNumberOfTrainingJobs=5", "6");
        // the budget defaults by strategy whenever it is asked, so the order of the withers does not matter
        assertEquals(10, TuningJobConfig.of(Strategy.GRID, cat, LOSS).withStrategy(Strategy.RANDOM).maxTrials());
        assertEquals(6, TuningJobConfig.of(Strategy.RANDOM, cat, LOSS).withStrategy(Strategy.GRID).maxTrials());
    }

    @Test
    void hyperbandRequiresEarlyStoppingOff() {
        SearchSpace s = SearchSpace.of(ParameterRange.continuous("eta", 0.1, 0.3));
        assertMessage(() -> TuningJobConfig.hyperband(s, LOSS, new HyperbandConfig(5, 45)).withEarlyStopping(EarlyStoppingType.AUTO).validate(),
                "TrainingJobEarlyStoppingType=Auto", "Off");
        // a Hyperband job can be configured in any order: the strategy before or after its config
        TuningJobConfig a = TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withStrategy(Strategy.HYPERBAND).withHyperband(new HyperbandConfig(5, 45));
        TuningJobConfig b = TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withHyperband(new HyperbandConfig(5, 45)).withStrategy(Strategy.HYPERBAND);
        assertEquals(a.validate(), b.validate());
        assertMessage(() -> TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withHyperband(new HyperbandConfig(5, 45)).validate(),
                "HyperbandStrategyConfig=given", "only the Hyperband strategy");
        assertMessage(() -> new HyperbandConfig(50, 10), "MaxResource=10");
    }

    @Test
    void unknownHyperparameterNameIsRejectedWithSuggestion() {
        SearchSpace s = SearchSpace.of(ParameterRange.continuous("etta", 0.1, 0.3));
        TrialObjective job = new TrialObjective() {
            @Override public TrialOutcome run(Trial trial, RoundReporter reporter) { return TrialOutcome.of(0); }
            @Override public Set<String> knownHyperparameters() { return Set.of("eta", "max_depth", "subsample"); }
            @Override public String jobKind() { return "XGBoost training job"; }
        };
        Tuner tuner = Tuner.of(TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withMaxTrials(2));
        assertMessage(() -> tuner.run(job), "ParameterRanges.Name=etta", "unknown hyperparameter for XGBoost training job",
                "did you mean 'eta'");
    }

    @Test
    void unknownObjectiveMetricAndTestChannelAreRejected() {
        assertMessage(() -> TuningObjective.of("validation:acuracy"), "metric=acuracy", "did you mean 'accuracy'");
        assertMessage(() -> TuningObjective.of("test:auc"), "never on 'test'", "validation:auc");
        assertEquals("Maximize", TuningObjective.of("validation:auc").type());
        assertEquals("Minimize", TuningObjective.of("validation:rmse").type());
    }

    @Test
    void moreParallelTrialsThanCoresWarns() {
        SearchSpace s = SearchSpace.of(ParameterRange.continuous("x", 0, 1));
        Tuner tuner = Tuner.of(TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withMaxTrials(8).withMaxParallelTrials(4)).cores(2);
        assertEquals(1, tuner.threadsPerTrial());
        assertTrue(tuner.warnings().stream().anyMatch(w -> w.contains("MaxParallelTrainingJobs=4 is more than the 2 cores")));
        TuningResult r = tuner.run((t, rep) -> TrialOutcome.of(t.threads()));
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("oversubscribe")));
        assertEquals(2, Tuner.of(TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withMaxTrials(2)).cores(2).threadsPerTrial(),
                "one trial at a time gets every core as nthread");
        assertTrue(Tuner.of(TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withMaxTrials(8).withMaxParallelTrials(2)).cores(2)
                .warnings().isEmpty());
    }

    @Test
    void rangesParseFromSageMakerJson() throws Exception {
        String json = "{\"ContinuousParameterRanges\":[{\"Name\":\"eta\",\"MinValue\":\"0.01\",\"MaxValue\":\"0.3\",\"ScalingType\":\"Logarithmic\"}],"
                + "\"IntegerParameterRanges\":[{\"Name\":\"max_depth\",\"MinValue\":2,\"MaxValue\":\"8\",\"ScalingType\":\"Auto\"}],"
                + "\"CategoricalParameterRanges\":[{\"Name\":\"booster\",\"Values\":[\"gbtree\",\"dart\"]}]}";
        SearchSpace s = SearchSpace.fromJson(new ObjectMapper().readTree(json));
        assertEquals(java.util.List.of("eta", "max_depth", "booster"), s.names());
        assertEquals(new ContinuousRange("eta", 0.01, 0.3, Scaling.LOGARITHMIC), s.get(0));
        assertEquals(1 + 1 + 2, s.encodedDimension());
        assertMessage(() -> {
            try {
                SearchSpace.fromJson(new ObjectMapper().readTree("{\"ContinousParameterRanges\":[]}"));
            } catch (java.io.IOException e) {
                throw new AssertionError(e);
            }
        }, "did you mean 'ContinuousParameterRanges'");
    }

    @Test
    void aDataValidationExceptionInATrialAbortsTheJob() {
        SearchSpace s = SearchSpace.of(ParameterRange.continuous("x", 0, 1));
        Tuner tuner = Tuner.of(TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withMaxTrials(5));
        assertMessage(() -> tuner.run((t, rep) -> {
            throw DataValidationException.param("label", "y", "no such column", "fix the config");
        }), "label=y");
        // any other exception only fails that trial
        TuningResult r = tuner.run((t, rep) -> {
            if (t.number() == 2) throw new IllegalStateException("boom");
            return TrialOutcome.of(t.number());
        });
        assertEquals(StopReason.FAILED, r.trials().get(1).stoppedBy());
        assertTrue(r.trials().get(1).failure().contains("boom"));
        assertEquals(1, r.best().orElseThrow().number());
        assertFalse(r.trials().get(1).eligible());
    }

    @Test
    void twoParallelTrialsRunAtTheSameTime() {
        // each trial waits for another trial to be running; with one trial at a time the barrier would time out
        java.util.concurrent.CyclicBarrier meet = new java.util.concurrent.CyclicBarrier(2);
        SearchSpace s = SearchSpace.of(ParameterRange.continuous("x", 0, 1));
        TuningResult r = Tuner.of(TuningJobConfig.of(Strategy.RANDOM, s, LOSS).withMaxTrials(4).withMaxParallelTrials(2)).cores(2)
                .run((t, rep) -> {
                    meet.await(20, java.util.concurrent.TimeUnit.SECONDS);
                    return TrialOutcome.of(t.threads());
                });
        for (TrialRecord t : r.trials()) {
            assertEquals(StopReason.COMPLETED, t.stoppedBy(), t.failure());
            assertEquals(1.0, t.objective(), "each of 2 parallel trials on 2 cores gets nthread=1");
        }
    }

    @Test
    void tuningJobConfigJsonIsCheckedKeyByKey() throws Exception {
        ObjectMapper m = new ObjectMapper();
        String ranges = "\"ParameterRanges\":{\"IntegerParameterRanges\":[{\"Name\":\"max_depth\",\"MinValue\":\"1\",\"MaxValue\":\"4\"}]}";
        TuningJobConfig ok = TuningSpec.jobConfig(m.readTree("{\"Strategy\":\"Random\",\"HyperParameterTuningJobObjective\":"
                + "{\"MetricName\":\"validation:auc\",\"Type\":\"Maximize\"},\"ResourceLimits\":{\"MaxNumberOfTrainingJobs\":5,"
                + "\"MaxParallelTrainingJobs\":2,\"MaxRuntimeInSeconds\":60}," + ranges + ",\"RandomSeed\":3}"));
        assertEquals(5, ok.maxTrials());
        assertEquals(2, ok.limits().maxParallelTrials());
        assertEquals(java.time.Duration.ofSeconds(60), ok.limits().maxRuntime());
        assertMessage(() -> parse(m, "{\"Strategy\":\"Random\",\"HyperParameterTuningJobObjective\":{\"MetricName\":\"validation:auc\","
                + "\"Type\":\"Minimize\"}," + ranges + "}"), "Type=Minimize", "direction comes from the metric");
        assertMessage(() -> parse(m, "{\"Stratgy\":\"Random\"}"), "HyperParameterTuningJobConfig.Stratgy=Random", "did you mean 'Strategy'");
        assertMessage(() -> parse(m, "{\"Strategy\":\"Bayesain\"}"), "Strategy=Bayesain", "did you mean 'Bayesian'");
    }

    @Test
    void wrongTypesAreErrorsNotSilentDefaults() throws Exception {
        ObjectMapper m = new ObjectMapper();
        String head = "{\"Strategy\":\"Random\",\"HyperParameterTuningJobObjective\":{\"MetricName\":\"validation:auc\"},"
                + "\"ParameterRanges\":{\"IntegerParameterRanges\":[{\"Name\":\"max_depth\",\"MinValue\":\"1\",\"MaxValue\":\"4\"}]}";
        assertMessage(() -> parse(m, head + ",\"RandomSeed\":\"seven\"}"), "RandomSeed=seven", "whole number");
        assertMessage(() -> parse(m, head + ",\"RandomSeed\":7.5}"), "RandomSeed=7.5", "whole number");
        assertMessage(() -> parse(m, head + ",\"ResourceLimits\":{\"MaxNumberOfTrainingJobs\":\"abc\"}}"),
                "ResourceLimits.MaxNumberOfTrainingJobs=abc", "whole number");
        assertMessage(() -> parse(m, head + ",\"ResourceLimits\":{\"MaxParalelTrainingJobs\":2}}"),
                "ResourceLimits.MaxParalelTrainingJobs=2", "did you mean 'MaxParallelTrainingJobs'");
        assertMessage(() -> parse(m, head + ",\"MedianStoppingRule\":{\"graceRound\":2}}"), "MedianStoppingRule.graceRound=2", "did you mean 'graceRounds'");
        assertMessage(() -> parse(m, head + ",\"MedianStoppingRule\":{\"graceRounds\":true}}"), "graceRounds=true", "whole number");
        assertMessage(() -> parse(m, head + ",\"Strategy\":5}"), "Strategy=5", "must be a string");
        // numbers written as strings (as SageMaker does) are fine when they are exactly one number
        assertEquals(7L, parse(m, head + ",\"RandomSeed\":\"7\"}").seed());
        assertEquals(12, parse(m, head + ",\"ResourceLimits\":{\"MaxNumberOfTrainingJobs\":\"12\"}}").maxTrials());
    }

    @Test
    void splitFieldsAreReadStrictly() {
        ObjectMapper m = new ObjectMapper();
        String rest = "\"training\":{\"label\":\"malignant\",\"hyperparameters\":{\"num_round\":\"5\",\"objective\":\"binary:logistic\"}},"
                + "\"HyperParameterTuningJobConfig\":{\"Strategy\":\"Random\",\"HyperParameterTuningJobObjective\":{\"MetricName\":\"validation:auc\"},"
                + "\"ParameterRanges\":{\"IntegerParameterRanges\":[{\"Name\":\"max_depth\",\"MinValue\":\"1\",\"MaxValue\":\"4\"}]}}}";
        java.util.function.Function<String, Runnable> spec = split -> () -> {
            TuningSpec.fromJson("{\"data\":{\"dataset\":\"breast-cancer\"},\"split\":" + split + "," + rest, java.nio.file.Path.of("."));
        };
        assertMessage(spec.apply("{\"testSize\":\"0.5x\"}"), "split.testSize=0.5x", "not a number");
        assertMessage(spec.apply("{\"stratify\":\"yes\"}"), "split.stratify=yes", "true or false");
        assertMessage(spec.apply("{\"folds\":2.5}"), "split.folds=2.5", "whole number");
        assertMessage(spec.apply("{\"seed\":\"x\"}"), "split.seed=x", "whole number");
        assertMessage(spec.apply("{\"testsize\":0.3}"), "split.testsize=0.3", "did you mean 'testSize'");
        spec.apply("{\"testSize\":0.3, \"stratify\":true, \"seed\":3}").run();
    }

    private static TuningJobConfig parse(ObjectMapper m, String json) {
        try {
            return TuningSpec.jobConfig(m.readTree(json));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void hyperbandRungsFormALadderFromMinResource() {
        HyperbandConfig h = new HyperbandConfig(6, 60);   // rungs 6, 18, 54; brackets 0..3
        assertEquals(3, h.maxBracket());
        for (int round = 1; round <= 60; round++) {
            assertEquals(round == 6 || round == 18 || round == 54, h.isRung(3, round), "bracket 3, round " + round);
            assertEquals(round == 18 || round == 54, h.isRung(2, round), "bracket 2, round " + round);
            assertEquals(round == 54, h.isRung(1, round), "bracket 1, round " + round);
            assertFalse(h.isRung(0, round), "bracket 0 never stops a trial");
        }
        assertEquals(2, new HyperbandConfig(3, 27).maxBracket(), "rungs 3 and 9 below 27");
        // the most aggressive bracket gets the most trials, as in Hyperband
        int[] b = Tuner.brackets(TuningJobConfig.hyperband(SearchSpace.of(ParameterRange.continuous("x", 0, 1)), LOSS, h).withMaxTrials(60));
        int[] count = new int[4];
        for (int x : b) count[x]++;
        assertTrue(count[3] > count[2] && count[2] > count[1] && count[1] >= count[0] && count[0] > 0, java.util.Arrays.toString(count));
    }
}
