package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.split.KFold;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.StratifiedKFold;
import dev.holdout.split.StratifiedSplit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Cross-validation with early stopping inside each fold (the validation part carved from the fold's
 * training rows, never its test rows) and nested cross-validation (no fold information crossing).
 */
class EarlyStoppingCrossValidationTest {

    /** Records the ids of the rows each part held, and reports a best iteration from a script. */
    static final class Recording implements StoppingLearner {
        final List<Set<Integer>> train = new ArrayList<>(), validation = new ArrayList<>(), test = new ArrayList<>();
        final int[] bests;

        Recording(int... bests) { this.bests = bests; }

        static Set<Integer> ids(Table t) {
            Set<Integer> s = new HashSet<>();
            for (int i = 0; i < t.rowCount(); i++) s.add(t.intColumn("id").get(i));
            return s;
        }

        @Override public Stopped fitAndScore(Table tr, Table va, Table te, String label) {
            train.add(ids(tr));
            validation.add(ids(va));
            test.add(ids(te));
            int b = bests[(train.size() - 1) % bests.length];
            return new Stopped(0.5, b, b + 11);
        }

        @Override public double fitAndScore(Table tr, Table te, String label) { throw new AssertionError("the carve must be used"); }
    }

    static Table ids(int n) {
        return Table.create("t", IntColumn.create("id", IntStream.range(0, n).toArray()),
                IntColumn.create("y", IntStream.range(0, n).map(i -> i % 3 == 0 ? 1 : 0).toArray()));
    }

    @Test void theValidationPartComesFromEachFoldsTrainingRowsOnly() {
        Table t = ids(100);
        Folds folds = KFold.of(4).seed(3).split(t);
        Recording rec = new Recording(5);
        CrossValidation.Result r = CrossValidation.of(Preprocessor.of(), rec, "y").earlyStoppingOn(StratifiedSplit.on("y").test(0.25).seed(9))
                .run(t, folds);
        for (int f = 0; f < 4; f++) {
            Fold fold = folds.get(f);
            Set<Integer> foldTrain = new HashSet<>(), foldTest = new HashSet<>();
            fold.train().stream().forEach(foldTrain::add);
            fold.test().stream().forEach(foldTest::add);
            assertEquals(foldTest, rec.test.get(f), "the fold's test rows are scored");
            assertTrue(foldTrain.containsAll(rec.validation.get(f)), "validation rows are training rows of the fold");
            assertTrue(rec.validation.get(f).stream().noneMatch(foldTest::contains), "no test row watches the training");
            assertTrue(rec.validation.get(f).stream().noneMatch(rec.train.get(f)::contains), "validation rows are not fitted on");
            Set<Integer> both = new HashSet<>(rec.train.get(f));
            both.addAll(rec.validation.get(f));
            assertEquals(foldTrain, both, "fit part + validation part = the fold's training rows");
            CrossValidation.FoldScore s = r.folds().get(f);
            assertEquals(rec.validation.get(f).size(), s.validationRows());
            assertEquals(rec.train.get(f).size(), s.preprocessingFittedOn().rowCount(), "preprocessing fitted on the fit part only");
            assertEquals(5, s.bestIteration());
            assertEquals(16, s.rounds());
        }
        assertTrue(r.toString().contains("refit with 6 rounds"), r.toString());
    }

    @Test void theRefitRoundsAreTheMedianOfTheFoldsBestRounds() {
        Table t = ids(90);
        Folds three = KFold.of(3).split(t);
        StratifiedSplit carve = StratifiedSplit.on("y").test(0.2).seed(1);
        // best iterations 3, 10, 7 -> best rounds 4, 11, 8 -> median 8
        assertEquals(8, CrossValidation.of(Preprocessor.of(), new Recording(3, 10, 7), "y").earlyStoppingOn(carve).run(t, three).refitRounds());
        // 4 folds: rounds 4, 11, 8, 20 -> middle 8 and 11 -> 9.5 rounds half up to 10
        Folds four = KFold.of(4).split(t);
        assertEquals(10, CrossValidation.of(Preprocessor.of(), new Recording(3, 10, 7, 19), "y").earlyStoppingOn(carve).run(t, four).refitRounds());
        CrossValidation.Result plain = CrossValidation.of(Preprocessor.of(), (a, b, c) -> 0.5, "y").run(t, three);
        DataValidationException e = assertThrows(DataValidationException.class, plain::refitRounds);
        assertTrue(e.getMessage().contains("earlyStoppingOn"), e.getMessage());
    }

    @Test void aCarveMustHaveNoValidationPartAndTheLearnerMustStop() {
        Table t = ids(60);
        Folds folds = KFold.of(3).split(t);
        DataValidationException v = assertThrows(DataValidationException.class, () -> CrossValidation.of(Preprocessor.of(), new Recording(1), "y")
                .earlyStoppingOn(RandomSplit.create().test(0.2).validation(0.1)).run(t, folds));
        assertTrue(v.getMessage().contains("validation part of its own"), v.getMessage());
        DataValidationException l = assertThrows(DataValidationException.class, () -> CrossValidation.of(Preprocessor.of(), (a, b, c) -> 0.5, "y")
                .earlyStoppingOn(RandomSplit.create().test(0.2)).run(t, folds));
        assertTrue(l.getMessage().contains("stops on a validation part"), l.getMessage());
    }

    /** The fold's test labels are scrambled: a CV that stopped on them would stop elsewhere; this one must not. */
    @Test void xgboostStopsOnTheCarvedRowsAndScoresTheTestRowsAtTheBestIteration() {
        Table cancer = Datasets.load("breast-cancer");
        Folds folds = StratifiedKFold.on("malignant", 3).seed(4).split(cancer);
        dev.holdout.train.Hyperparameters hp = dev.holdout.train.Hyperparameters.numRound(200).withObjective("binary:logistic")
                .withEvalMetric("logloss").withEarlyStoppingRounds(8).withEta(0.3).withMaxDepth(3).withSeed(1).withNthread(1);
        dev.holdout.train.XGBoostLearner xgb = new dev.holdout.train.XGBoostLearner(hp);
        CrossValidation cv = CrossValidation.of(Preprocessor.of(), xgb, "malignant").earlyStoppingOn(StratifiedSplit.on("malignant").test(0.2).seed(5));
        CrossValidation.Result r = cv.run(cancer, folds);
        Table flipped = cancer.copy();
        IntColumn y = flipped.intColumn("malignant");
        for (Fold f : folds) if (f.number() == 2) f.test().stream().forEach(i -> y.set(i, 1 - y.get(i)));
        CrossValidation.Result rf = cv.run(flipped, folds);
        for (int f = 0; f < 3; f++) {
            CrossValidation.FoldScore a = r.folds().get(f), b = rf.folds().get(f);
            assertTrue(a.bestIteration() >= 0 && a.rounds() == a.bestIteration() + 9 || a.rounds() == 200, a.toString());
            if (f == 1) {
                assertEquals(a.bestIteration(), b.bestIteration(), "fold 2's own test labels cannot move where it stopped");
                assertTrue(b.score() < 0.5, "but they are what it is scored on: " + b.score());
            }
        }
        // the score is the model at the best iteration: a job trained for bestIteration + 1 rounds on the same fit rows scores the same
        Fold first = folds.get(0);
        Table foldTrain = first.train(cancer);
        dev.holdout.split.Split carved = StratifiedSplit.on("malignant").test(0.2).seed(5).split(foldTrain);
        int best = r.folds().get(0).bestIteration();
        double direct = new dev.holdout.train.XGBoostLearner(hp.withEarlyStoppingRounds(0).withNumRound(best + 1))
                .fitAndScore(carved.train(foldTrain), first.test(cancer), "malignant");
        assertEquals(direct, r.folds().get(0).score(), 1e-12);
        assertTrue(r.mean() > 0.95, r.toString());
        dev.holdout.train.TrainingResult refit = xgb.refitJob(cancer, "malignant", Preprocessor.of(), r).run();
        assertEquals(r.refitRounds(), refit.learningCurve().rounds());
        assertTrue(!refit.learningCurve().hasValidation());
        DataValidationException e = assertThrows(DataValidationException.class, () -> xgb.fitAndScore(cancer, cancer, "malignant"));
        assertTrue(e.getMessage().contains("early_stopping_rounds=8"), e.getMessage());
    }

    @Test void nestedCrossValidationChoosesInsideAndNeverSeesTheOuterTestRows() {
        Table t = ids(120);
        Map<Integer, List<Set<Integer>>> seenByCandidate = new LinkedHashMap<>();
        Map<String, Learner> candidates = new LinkedHashMap<>();
        for (int c = 0; c < 3; c++) {
            int id = c;
            List<Set<Integer>> seen = new ArrayList<>();
            seenByCandidate.put(c, seen);
            // candidate c scores well only on tables whose smallest id is odd, c times over: a learner whose choice depends on the data
            candidates.put("c" + c, (train, test, label) -> {
                Set<Integer> tr = Recording.ids(train), te = Recording.ids(test);
                seen.add(tr);
                seen.add(te);
                return (id == 1 ? 0.7 : 0.6) + 0.001 * te.size() / 100.0;
            });
        }
        Folds outer = KFold.of(4).seed(1).split(t);
        NestedCrossValidation.Result r = NestedCrossValidation.of(Preprocessor.of(), "y", candidates)
                .outer(KFold.of(4).seed(1)).inner(KFold.of(3).seed(2)).run(t);
        assertEquals(4, r.folds().size());
        assertEquals(Map.of("c1", 4), r.choices());
        List<Set<Integer>> c0 = seenByCandidate.get(0);
        assertEquals(4 * 3 * 2, c0.size(), "candidate 0 ran only inside: 3 inner folds per outer fold, never scored outside");
        List<Set<Integer>> c1 = seenByCandidate.get(1);
        assertEquals(4 * 3 * 2 + 4 * 2, c1.size(), "the chosen candidate also fits each outer fold once");
        for (int o = 0; o < 4; o++) {
            Set<Integer> outerTest = new HashSet<>();
            outer.get(o).test().stream().forEach(outerTest::add);
            for (int j = 0; j < 6; j++) {
                Set<Integer> innerTable = c0.get(o * 6 + j);
                assertTrue(innerTable.stream().noneMatch(outerTest::contains), "outer fold " + (o + 1) + "'s test rows reach an inner fit");
            }
            NestedCrossValidation.OuterFold of = r.folds().get(o);
            assertEquals(outer.get(o).train().size(), of.innerRows().rowCount());
            assertEquals(outerTest.size(), of.testRows());
        }
        assertTrue(r.toString().startsWith("nested score"), r.toString());
        assertTrue(r.toHtml().contains("<table"));
        assertThrows(DataValidationException.class, () -> NestedCrossValidation.of(Preprocessor.of(), "y", Map.of()));
        assertThrows(DataValidationException.class, () -> NestedCrossValidation.of(Preprocessor.of(), "y", candidates).run(t));
    }
}
