package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.LinkedHashMap;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class HyperparametersTest {

    @Test void sageMakerDefaults() {
        Hyperparameters h = Hyperparameters.fromMap(Map.of("num_round", "10"));
        assertEquals(0.3, h.eta());
        assertEquals(6, h.maxDepth());
        assertEquals(1, h.subsample());
        assertEquals(1, h.lambda());
        assertEquals(0, h.alpha());
        assertEquals("reg:squarederror", h.objective());
        assertEquals("rmse", h.evalMetric());
        assertEquals("error", h.withObjective("binary:logistic").evalMetric());
        assertEquals(0, h.earlyStoppingRounds());
        assertEquals(0, h.seed());
    }

    @Test void unknownNameListsValidNamesAndTheClosest() {
        var e = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "5", "num_rounds", "5")));
        assertTrue(e.getMessage().startsWith("num_rounds=5: unknown hyperparameter"), e.getMessage());
        assertTrue(e.getMessage().contains("did you mean 'num_round'"), e.getMessage());
        assertTrue(e.getMessage().contains("colsample_bytree"), e.getMessage());
        var e2 = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "5", "learning_rate", "0.1")));
        assertTrue(e2.getMessage().contains("valid names are"), e2.getMessage());
    }

    @Test void outOfRangeValuesNameTheRule() {
        var e = assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withEta(1.5));
        assertTrue(e.getMessage().startsWith("eta=1.5: must be in [0, 1]"), e.getMessage());
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withSubsample(0));
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(0));
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withMaxDepth(-1));
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withNthread(0));
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withScalePosWeight(0));
        assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "ten")));
        assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "2.5")));
        assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("eta", "0.1")), "num_round is required");
    }

    @Test void oneEvalMetricOnlyAndItMustFitTheObjective() {
        Hyperparameters b = Hyperparameters.numRound(5).withObjective("binary:logistic");
        var e = assertThrows(DataValidationException.class, () -> b.withEvalMetric("logloss,auc"));
        assertTrue(e.getMessage().contains("one metric only"), e.getMessage());
        assertThrows(DataValidationException.class, () -> b.withEvalMetric("rmse"));
        var e2 = assertThrows(DataValidationException.class, () -> b.withObjective("binary:logistc"));
        assertTrue(e2.getMessage().contains("did you mean 'binary:logistic'"), e2.getMessage());
    }

    @Test void numClassOnlyForMulticlass() {
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withObjective("multi:softprob"));
        assertEquals(3, Hyperparameters.fromMap(Map.of("num_round", "5", "objective", "multi:softprob", "num_class", "3")).numClass());
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withNumClass(3));
        assertEquals("mlogloss", Hyperparameters.numRound(5).withMultiClass(4).evalMetric());
    }

    @Property(tries = 60)
    void mapRoundTrip(@ForAll @IntRange(min = 1, max = 500) int rounds, @ForAll @DoubleRange(min = 0, max = 1) double eta,
                      @ForAll @IntRange(min = 1, max = 12) int depth, @ForAll @IntRange(min = 0, max = 50) int esr) {
        Hyperparameters h = Hyperparameters.numRound(rounds).withEta(eta).withMaxDepth(depth).withEarlyStoppingRounds(esr)
                .withObjective("binary:logistic").withEvalMetric("auc").withSeed(rounds).withNthread(2);
        Map<String, Object> asJson = new LinkedHashMap<>(h.toMap());
        assertEquals(h, Hyperparameters.fromMap(asJson));
    }
}
