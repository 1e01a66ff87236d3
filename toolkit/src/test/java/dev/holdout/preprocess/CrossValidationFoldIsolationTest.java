package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.split.KFold;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import tech.tablesaw.api.Table;

/**
 * In every fold, the statistics (seen through the transformed training rows the learner receives,
 * and the fitted-on fingerprint) do not move when only that fold's held-out rows change; they do
 * move in the other folds, where those rows are training rows.
 */
class CrossValidationFoldIsolationTest {
    private static List<Table> trainTablesSeen(Table table, Folds folds) {
        List<Table> seen = new ArrayList<>();
        Learner recording = (train, test, label) -> { seen.add(train.copy()); return 0.0; };
        CrossValidation.Result r = CrossValidation.of(PreprocessPropertiesTest.pipeline(), recording, "y").run(table, folds);
        assertEquals(folds.size(), r.folds().size());
        return seen;
    }

    @Property(tries = 15)
    void foldStatisticsIgnoreTheHeldOutRows(@ForAll @IntRange(min = 60, max = 240) int rows, @ForAll long seed,
                                           @ForAll @IntRange(min = 0, max = 3) int mutated) {
        Table a = TestTables.mixed(rows, seed);
        Folds folds = KFold.of(4).seed(seed).split(a);
        Fold held = folds.get(mutated);
        Table b = PreprocessPropertiesTest.scrambleOutside(a, held.train(), seed + 1);   // only fold `mutated`'s test rows change
        List<Table> seenA = trainTablesSeen(a, folds);
        List<Table> seenB = trainTablesSeen(b, folds);
        CrossValidation.Result ra = CrossValidation.of(PreprocessPropertiesTest.pipeline(), (t, v, l) -> 0.0, "y").run(a, folds);
        CrossValidation.Result rb = CrossValidation.of(PreprocessPropertiesTest.pipeline(), (t, v, l) -> 0.0, "y").run(b, folds);
        for (int f = 0; f < folds.size(); f++) {
            boolean same = TestTables.identical(seenA.get(f), seenB.get(f));
            boolean sameFingerprint = ra.folds().get(f).preprocessingFittedOn().equals(rb.folds().get(f).preprocessingFittedOn());
            if (f == mutated) {
                assertTrue(same, "fold " + f + ": the held-out rows changed the fitted statistics");
                assertTrue(sameFingerprint);
            } else {
                assertFalse(same, "fold " + f + " trains on the changed rows, so its statistics must change");
                assertFalse(sameFingerprint);
            }
        }
    }
}
