package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** Early stopping as XGBoost4J 3.4.0 does it, and prediction at the best iteration. */
class EarlyStoppingTest {
    static final List<String> X = List.of("x0", "x1", "x2", "x3", "x4");
    final Table train = TestData.binary("train", 400, 5, 1);
    final Table valid = TestData.binary("valid", 200, 5, 2);

    Hyperparameters hp() {
        return Hyperparameters.numRound(200).withObjective("binary:logistic").withEvalMetric("logloss")
                .withEta(0.3).withMaxDepth(6).withEarlyStoppingRounds(5).withSeed(3).withNthread(1);
    }

    DMatrix dm(Table t) {
        return FeatureMatrix.of(t, X).toDMatrix(TrainingLabels.read(t, "y", hp(), "t", t.name()));
    }

    @Test void ourLoopMatchesXGBoostTrainWithEarlyStopping() throws Exception {
        Hyperparameters hp = hp();
        DMatrix dt = dm(train), dv = dm(valid);
        Boosting.Outcome ours = Boosting.train(dt, dv, hp, TrainingListener.NONE);

        float[][] metrics = new float[2][hp.numRound()];
        Booster theirs = XGBoost.train(dt, hp.xgboostParams(), hp.numRound(), Boosting.watches(dt, dv), metrics, null, null,
                hp.earlyStoppingRounds());

        assertTrue(ours.curve().stoppedEarly(), "the noisy data must overfit before 200 rounds");
        assertEquals(theirs.getNumBoostedRound(), ours.booster().getNumBoostedRound());
        assertEquals(theirs.getAttr("best_iteration"), ours.booster().getAttr("best_iteration"));
        assertEquals(theirs.getAttr("best_score"), ours.booster().getAttr("best_score"));
        int rounds = ours.curve().rounds();
        assertArrayEquals(java.util.Arrays.copyOf(metrics[0], rounds), ours.curve().train());
        assertArrayEquals(java.util.Arrays.copyOf(metrics[1], rounds), ours.curve().validation());
        assertArrayEquals(theirs.toByteArray("ubj"), ours.booster().toByteArray("ubj"));
    }

    @Test void stopsAtBestPlusRoundsPlusOne() throws Exception {
        Boosting.Outcome o = Boosting.train(dm(train), dm(valid), hp(), TrainingListener.NONE);
        int best = Integer.parseInt(o.booster().getAttr("best_iteration"));   // a String attribute
        assertEquals(best, o.curve().bestIteration());
        assertEquals(best + hp().earlyStoppingRounds() + 1, o.booster().getNumBoostedRound());
        float[] v = o.curve().validation();
        for (int i = 0; i < v.length; i++) {
            assertTrue(v[i] >= o.curve().bestScore(), "round " + i + " beats the recorded best");
            if (i > best) assertTrue(v[i] >= v[best]);
        }
        for (int i = 0; i < best; i++) assertTrue(v[i] > v[best], "the best is the first round reaching the minimum");
    }

    @Test void aucIsMaximized() {
        Hyperparameters hp = hp().withEvalMetric("auc");
        Boosting.Outcome o = Boosting.train(dm(train), dm(valid), hp, TrainingListener.NONE);
        float[] v = o.curve().validation();
        for (float f : v) assertTrue(f <= o.curve().bestScore());
        assertEquals(dev.holdout.metrics.Direction.HIGHER_IS_BETTER, o.curve().direction());
    }

    @Test void predictingAtTheBestIterationEqualsAModelTrainedForBestPlusOneRounds() {
        TrainingResult early = TrainingJob.xgboost("y", Channel.of(train)).withValidation(Channel.of(valid))
                .withHyperparameters(hp()).run();
        int best = early.bestIteration();
        assertTrue(early.learningCurve().rounds() > best + 1, "the booster holds trees past the best iteration");

        TrainingResult exact = TrainingJob.xgboost("y", Channel.of(train))
                .withHyperparameters(hp().withEarlyStoppingRounds(0).withNumRound(best + 1)).run();
        Table test = TestData.binary("test", 150, 5, 9);
        assertArrayEquals(exact.model().predict(test), early.model().predict(test));

        // and the trees after the best iteration do change predictions: the range is really applied
        TrainingResult all = TrainingJob.xgboost("y", Channel.of(train))
                .withHyperparameters(hp().withEarlyStoppingRounds(0).withNumRound(early.learningCurve().rounds())).run();
        assertNotEquals(java.util.Arrays.toString(all.model().predict(test)), java.util.Arrays.toString(early.model().predict(test)));
    }

    @Test void withoutEarlyStoppingEveryRoundPredictsEvenWithAValidationChannel() {
        TrainingResult r = TrainingJob.xgboost("y", Channel.of(train)).withValidation(Channel.of(valid))
                .withHyperparameters(hp().withEarlyStoppingRounds(0).withNumRound(40)).run();
        assertEquals(40, r.learningCurve().rounds());
        assertTrue(r.learningCurve().bestIteration() < 39, "the validation best is still recorded");
        assertEquals(40, r.predictionRounds());
    }

    @Test void withoutValidationAllRoundsRunAndTheLastIsUsed() {
        TrainingResult r = TrainingJob.xgboost("y", Channel.of(train))
                .withHyperparameters(hp().withEarlyStoppingRounds(0).withNumRound(7)).run();
        assertEquals(7, r.learningCurve().rounds());
        assertEquals(6, r.bestIteration());
        assertTrue(!r.stoppedEarly());
    }
}
