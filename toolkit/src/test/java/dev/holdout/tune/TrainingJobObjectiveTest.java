package dev.holdout.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.split.KFold;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.train.Channel;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

class TrainingJobObjectiveTest {
    static Table data, train, validation, test;

    @BeforeAll
    static void load() {
        data = Datasets.load("breast-cancer");
        Split s = RandomSplit.create().test(0.2).validation(0.2).seed(7).split(data);
        train = s.train(data);
        validation = s.validation(data);
        test = s.test(data);
    }

    static TrainingJob base(int rounds) {
        return TrainingJob.xgboost("malignant", Channel.of(train)).withValidation(Channel.of(validation)).withName("bc")
                .withHyperparameters(Hyperparameters.numRound(rounds).withObjective("binary:logistic").withSeed(3));
    }

    static SearchSpace space() {
        return SearchSpace.of(ParameterRange.continuous("eta", 0.02, 0.5, Scaling.LOGARITHMIC), ParameterRange.integer("max_depth", 1, 6));
    }

    @Test
    void tunesXGBoostWithMedianRuleInParallelAndEvaluatesTestOnce(@TempDir Path dir) throws Exception {
        TuningObjective obj = TuningObjective.of("validation:logloss");
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, space(), obj).withMaxTrials(6).withMaxParallelTrials(2).withSeed(5)
                .withEarlyStopping(EarlyStoppingType.AUTO).withMedianRule(new MedianStoppingRule(2, 0));
        TrainingJobObjective objective = TrainingJobObjective.holdout(base(30), obj, dir.resolve("trials"));
        TuningResult r = Tuner.of(job).cores(2).run(objective);
        assertEquals(6, r.trials().size());
        TrialRecord best = r.best().orElseThrow();
        assertTrue(Files.isDirectory(best.jobFolder().resolve("model")), "best trial's training job folder has a model");
        assertTrue(Files.isRegularFile(best.jobFolder().resolve("input/config/hyperparameters.json")));
        String hp = Files.readString(best.jobFolder().resolve("input/config/hyperparameters.json"));
        assertTrue(hp.contains("\"nthread\" : \"1\"") || hp.contains("\"nthread\":\"1\""), "two parallel trials on 2 cores get nthread=1: " + hp);
        for (TrialRecord t : r.trials()) {
            if (t.stoppedBy() == StopReason.MEDIAN_RULE) {
                assertTrue(t.roundsRun() < 30);
                assertTrue(Files.readString(t.jobFolder().resolve("output/failure")).contains("stopped by the tuner"));
            } else {
                assertEquals(StopReason.COMPLETED, t.stoppedBy(), t.failure());
                assertEquals(30, t.curve().length, "every round reported");
            }
        }
        TuningResult withTest = objective.evaluateOnTest(r, test);
        TestEvaluation e = withTest.testEvaluation().orElseThrow();
        assertEquals(test.rowCount(), e.testRows());
        assertTrue(e.value() > 0 && e.value() < 0.7, "test logloss " + e.value());
        withTest.save(dir.resolve("report"));
        assertTrue(Files.readString(dir.resolve("report/report.html")).contains("evaluated once on the " + test.rowCount() + " test rows"));
    }

    @Test
    void crossValidationObjectiveIsTheMeanOverFolds(@TempDir Path dir) {
        Table tuning = RandomSplit.create().test(0.2).seed(7).split(data).train(data);   // the test part stays out
        TuningObjective obj = TuningObjective.of("validation:auc");
        TrainingJobObjective objective = TrainingJobObjective.crossValidation(base(15).withTrain(Channel.of(tuning)), tuning,
                KFold.of(3).seed(1).split(tuning), obj, null);
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, space(), obj).withMaxTrials(2).withMaxParallelTrials(2).withSeed(1);
        TuningResult r = Tuner.of(job).cores(2).run(objective);
        for (TrialRecord t : r.trials()) {
            assertEquals(StopReason.COMPLETED, t.stoppedBy(), t.failure());
            assertTrue(t.objective() > 0.9 && t.objective() <= 1.0, "mean CV AUC " + t.objective());
            assertEquals(15, t.curve().length, "the last fold reports the mean curve");
        }
    }

    @Test
    void hyperbandCapsRoundsAndStopsAtRungs() {
        TuningObjective obj = TuningObjective.of("validation:logloss");
        TuningJobConfig job = TuningJobConfig.hyperband(space(), obj, new HyperbandConfig(3, 27)).withMaxTrials(8).withMaxParallelTrials(2).withSeed(2);
        TuningResult r = Tuner.of(job).cores(2).run(TrainingJobObjective.holdout(base(500), obj, null));
        assertTrue(r.trials().stream().allMatch(t -> t.roundsRun() <= 27), "MaxResource caps num_round");
        assertTrue(r.trials().stream().anyMatch(t -> t.stoppedBy() == StopReason.HYPERBAND), r.trials().toString());
        assertEquals(StopReason.COMPLETED, r.best().orElseThrow().stoppedBy());
    }

    @Test
    void badInputIsRejectedBeforeAnyTrial() {
        TuningObjective rmse = TuningObjective.of("validation:rmse");
        DataValidationException e = assertThrows(DataValidationException.class, () -> TrainingJobObjective.holdout(base(10), rmse, null));
        assertTrue(e.getMessage().contains("binary classification task (objective=binary:logistic) does not compute rmse"), e.getMessage());

        TuningObjective f1 = TuningObjective.of("validation:f1");
        TuningJobConfig auto = TuningJobConfig.of(Strategy.RANDOM, space(), f1).withMaxTrials(2).withEarlyStopping(EarlyStoppingType.AUTO);
        e = assertThrows(DataValidationException.class, () -> Tuner.of(auto).run(TrainingJobObjective.holdout(base(10), f1, null)));
        assertTrue(e.getMessage().contains("does not report f1 per boosting round"), e.getMessage());

        SearchSpace typo = SearchSpace.of(ParameterRange.integer("max_dept", 1, 5));
        TuningJobConfig j = TuningJobConfig.of(Strategy.RANDOM, typo, f1).withMaxTrials(2);
        e = assertThrows(DataValidationException.class, () -> Tuner.of(j).run(TrainingJobObjective.holdout(base(10), f1, null)));
        assertTrue(e.getMessage().contains("did you mean 'max_depth'"), e.getMessage());

        TuningJobConfig wide = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("eta", 0.1, 2.0)), f1).withMaxTrials(2);
        e = assertThrows(DataValidationException.class, () -> Tuner.of(wide).run(TrainingJobObjective.holdout(base(10), f1, null)));
        assertTrue(e.getMessage().contains("ParameterRanges.eta=2.0") && e.getMessage().contains("must be in [0, 1]"), e.getMessage());

        TuningJobConfig realDepth = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("max_depth", 1, 6)), f1).withMaxTrials(2);
        e = assertThrows(DataValidationException.class, () -> Tuner.of(realDepth).run(TrainingJobObjective.holdout(base(10), f1, null)));
        assertTrue(e.getMessage().contains("use IntegerParameterRanges for max_depth"), e.getMessage());

        e = assertThrows(DataValidationException.class, () -> TrainingJobObjective.holdout(base(10).withValidation(null), f1, null));
        assertTrue(e.getMessage().contains("validation"), e.getMessage());
    }
}
