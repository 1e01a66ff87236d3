package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.LinkedHashMap;
import java.util.List;
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
        assertTrue(e2.getMessage().contains("algorithm=xgboost reads [num_round, eta"), e2.getMessage());
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
        var unknown = assertThrows(DataValidationException.class, () -> b.withEvalMetric("aucc"));
        assertTrue(unknown.getMessage().contains("did you mean 'auc'"), unknown.getMessage());
        // a metric of another objective is refused once the set is used, whichever was set first
        var wrong = assertThrows(DataValidationException.class, () -> b.withEvalMetric("rmse").validate());
        assertTrue(wrong.getMessage().startsWith("eval_metric=rmse: must be one of [logloss, error, auc, aucpr] for objective=binary:logistic"),
                wrong.getMessage());
        assertEquals(wrong.getMessage(), assertThrows(DataValidationException.class,
                () -> Hyperparameters.numRound(5).withEvalMetric("rmse").withObjective("binary:logistic").validate()).getMessage());
        var e2 = assertThrows(DataValidationException.class, () -> b.withObjective("binary:logistc"));
        assertTrue(e2.getMessage().contains("did you mean 'binary:logistic'"), e2.getMessage());
    }

    @Test void theMetricBeforeTheObjectiveIsTheSameAsAfter() {
        // the case: withEvalMetric before withObjective used to throw
        Hyperparameters before = Hyperparameters.numRound(5).withEvalMetric("auc").withObjective("binary:logistic").validate();
        Hyperparameters after = Hyperparameters.numRound(5).withObjective("binary:logistic").withEvalMetric("auc").validate();
        assertEquals(after, before);
        assertEquals("auc", before.evalMetric());
        assertEquals(dev.holdout.metrics.Direction.HIGHER_IS_BETTER, before.evalDirection());
        // an unset metric follows the objective
        assertEquals("error", Hyperparameters.numRound(5).withObjective("binary:logistic").evalMetric());
        assertEquals("rmse", Hyperparameters.numRound(5).withObjective("binary:logistic").withObjective("reg:squarederror").evalMetric());
    }

    @Test void numClassOnlyForMulticlass() {
        var none = assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withObjective("multi:softprob").validate());
        assertTrue(none.getMessage().startsWith("num_class=0: is required (≥ 2) for objective=multi:softprob"), none.getMessage());
        assertEquals(3, Hyperparameters.fromMap(Map.of("num_round", "5", "objective", "multi:softprob", "num_class", "3")).numClass());
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withNumClass(3).validate());
        assertThrows(DataValidationException.class, () -> Hyperparameters.numRound(5).withNumClass(1));
        assertEquals(Hyperparameters.numRound(5).withNumClass(3).withObjective("multi:softprob").validate(),
                Hyperparameters.numRound(5).withObjective("multi:softprob").withNumClass(3).validate());
        assertEquals("mlogloss", Hyperparameters.numRound(5).withMultiClass(4).evalMetric());
    }

    @Test void integersAreExactAndNeverClamped() {
        long big = (1L << 53) + 1;   // a double would round it to 2^53
        assertEquals(big, Hyperparameters.fromMap(Map.of("num_round", "5", "seed", Long.toString(big))).seed());
        assertEquals(big, Hyperparameters.fromMap(Map.of("num_round", "5", "seed", java.math.BigInteger.valueOf(big))).seed());
        assertEquals(Long.MAX_VALUE, Hyperparameters.fromMap(Map.of("num_round", "5", "seed", "9223372036854775807")).seed());
        var e = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "5", "seed", "99999999999999999999")));
        assertTrue(e.getMessage().startsWith("seed=99999999999999999999: does not fit in a 64-bit integer"), e.getMessage());
        var frac = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "5", "seed", "1.5")));
        assertTrue(frac.getMessage().startsWith("seed=1.5: must be a whole number"), frac.getMessage());
        var rounds = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "3000000000")));
        assertTrue(rounds.getMessage().contains("out of the integer range"), rounds.getMessage());
        // text that Double.parseDouble would take is not a number here
        for (String notANumber : new String[] {"NaN", "Infinity", "0x10", "1d", "1,5"}) {
            var n = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("num_round", "5", "eta", notANumber)));
            assertTrue(n.getMessage().startsWith("eta=" + notANumber + ": must be a number"), n.getMessage());
        }
        assertEquals(100, Hyperparameters.fromMap(Map.of("num_round", "1e2")).numRound());
    }

    @Test void aHyperparameterTheLearnerIgnoresIsRefused() {
        var cart = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("eta", "0.1"), Algorithm.CART));
        assertTrue(cart.getMessage().startsWith("eta=0.1: algorithm=cart does not use this hyperparameter"), cart.getMessage());
        assertTrue(cart.getMessage().contains("max_depth") && cart.getMessage().contains("remove \"eta\""), cart.getMessage());
        var lr = assertThrows(DataValidationException.class,
                () -> Hyperparameters.fromMap(Map.of("objective", "binary:logistic", "max_depth", "3"), Algorithm.LOGISTIC_REGRESSION));
        assertTrue(lr.getMessage().startsWith("max_depth=3: algorithm=logistic-regression does not use this hyperparameter"), lr.getMessage());
        // num_round is accepted (specs had to give it) but not recorded; a Tribuo learner records only what it reads
        assertEquals(Map.of("objective", "binary:logistic", "C", "1", "max_iter", "100", "tol", "1.0E-4", "fit_intercept", "true"),
                Hyperparameters.fromMap(Map.of("num_round", "10", "objective", "binary:logistic", "seed", "3"), Algorithm.LOGISTIC_REGRESSION)
                        .toMap(Algorithm.LOGISTIC_REGRESSION));
        Hyperparameters h = Hyperparameters.fromMap(Map.of("objective", "binary:logistic", "max_depth", "3", "seed", "4"), Algorithm.CART);
        assertEquals(Map.of("objective", "binary:logistic", "max_depth", "3", "min_samples_leaf", "1", "criterion", "gini", "max_features", "1",
                "seed", "4"), h.toMap(Algorithm.CART));
        assertEquals(h, Hyperparameters.fromMap(h.toMap(Algorithm.CART), Algorithm.CART));
    }

    /** Every permutation of a set of withers gives equal objects, and validate() the same answer. */
    @Property(tries = 300)
    void witherOrderNeverMatters(@ForAll("witherSets") List<Wither> withers, @ForAll java.util.Random shuffle) {
        List<Wither> other = new java.util.ArrayList<>(withers);
        java.util.Collections.shuffle(other, shuffle);
        Hyperparameters a = apply(withers), b = apply(other);
        assertEquals(a, b, withers + " vs " + other);
        assertEquals(outcome(a), outcome(b), withers + " vs " + other);
    }

    record Wither(String name, java.util.function.UnaryOperator<Hyperparameters> f) {
        @Override public String toString() { return name; }
    }

    private static Hyperparameters apply(List<Wither> ws) {
        Hyperparameters h = Hyperparameters.numRound(10);
        for (Wither w : ws) h = w.f().apply(h);
        return h;
    }

    private static String outcome(Hyperparameters h) {
        try {
            h.validate();
            return "valid";
        } catch (DataValidationException e) {
            return e.getMessage();
        }
    }

    @net.jqwik.api.Provide
    net.jqwik.api.Arbitrary<List<Wither>> witherSets() {
        // each value valid on its own; combinations may clash (rmse with binary:logistic, num_class without multi:softprob)
        var objective = net.jqwik.api.Arbitraries.of(Hyperparameters.OBJECTIVES).map(o -> new Wither("objective=" + o, h -> h.withObjective(o)));
        var metric = net.jqwik.api.Arbitraries.of(Hyperparameters.ALL_METRICS).map(m -> new Wither("eval_metric=" + m, h -> h.withEvalMetric(m)));
        var numClass = net.jqwik.api.Arbitraries.of(0, 2, 3).map(k -> new Wither("num_class=" + k, h -> h.withNumClass(k)));
        var depth = net.jqwik.api.Arbitraries.of(0, 3).map(d -> new Wither("max_depth=" + d, h -> h.withMaxDepth(d)));
        var tree = net.jqwik.api.Arbitraries.of(Hyperparameters.TREE_METHODS).map(t -> new Wither("tree_method=" + t, h -> h.withTreeMethod(t)));
        var eta = net.jqwik.api.Arbitraries.doubles().between(0, 1).map(v -> new Wither("eta=" + v, h -> h.withEta(v)));
        var seed = net.jqwik.api.Arbitraries.longs().map(v -> new Wither("seed=" + v, h -> h.withSeed(v)));
        var multi = net.jqwik.api.Arbitraries.of(2, 4).map(k -> new Wither("multiClass=" + k, h -> h.withMultiClass(k)));
        var esr = net.jqwik.api.Arbitraries.integers().between(0, 20).map(v -> new Wither("early_stopping_rounds=" + v, h -> h.withEarlyStoppingRounds(v)));
        // at most one wither per hyperparameter: two values of one setting are an order by definition
        return net.jqwik.api.Combinators.combine(objective.injectNull(0.2), metric.injectNull(0.2), numClass.injectNull(0.3),
                        depth.injectNull(0.3), tree.injectNull(0.3), eta.injectNull(0.3), seed.injectNull(0.3), esr.injectNull(0.3))
                .as((o, m, k, d, t, e, s, r) -> {
                    List<Wither> l = new java.util.ArrayList<>();
                    for (Wither w : new Wither[] {o, m, k, d, t, e, s, r}) if (w != null) l.add(w);
                    return l;
                }).flatMap(l -> multi.injectNull(0.8).map(mc -> {
                    // withMultiClass sets objective and num_class: only without those two
                    if (mc == null || l.stream().anyMatch(w -> w.name().startsWith("objective") || w.name().startsWith("num_class"))) return l;
                    List<Wither> with = new java.util.ArrayList<>(l);
                    with.add(mc);
                    return with;
                }));
    }

    @Property(tries = 60)
    void mapRoundTrip(@ForAll @IntRange(min = 1, max = 500) int rounds, @ForAll @DoubleRange(min = 0, max = 1) double eta,
                      @ForAll @IntRange(min = 1, max = 12) int depth, @ForAll @IntRange(min = 0, max = 50) int esr) {
        Hyperparameters h = Hyperparameters.numRound(rounds).withEta(eta).withMaxDepth(depth).withEarlyStoppingRounds(esr)
                .withObjective("binary:logistic").withEvalMetric("auc").withSeed(rounds).withNthread(2);
        Map<String, Object> asJson = new LinkedHashMap<>(h.toMap());
        assertEquals(h, Hyperparameters.fromMap(asJson));
    }

    /** "Higher is better" has one answer, the metric registry's, for every eval_metric (not a name prefix). */
    @Test void everyEvalMetricHasItsDirectionInTheRegistry() {
        for (String m : Hyperparameters.ALL_METRICS) {
            dev.holdout.metrics.Metric metric = dev.holdout.metrics.Metric.byName(m);
            String objective = Hyperparameters.BINARY_METRICS.contains(m) ? "binary:logistic"
                    : Hyperparameters.MULTI_METRICS.contains(m) ? "multi:softprob" : "reg:squarederror";
            Hyperparameters h = Hyperparameters.numRound(2).withObjective(objective).withNumClass(objective.startsWith("multi") ? 3 : 0)
                    .withEvalMetric(m).validate();
            assertEquals(metric.direction(), h.evalDirection(), m);
        }
        assertEquals(dev.holdout.metrics.Direction.HIGHER_IS_BETTER, dev.holdout.metrics.Metric.byName("aucpr").direction());
        assertEquals(dev.holdout.metrics.Direction.LOWER_IS_BETTER, dev.holdout.metrics.Metric.byName("mlogloss").direction());
        assertEquals(dev.holdout.metrics.Direction.LOWER_IS_BETTER, dev.holdout.metrics.Metric.byName("rmsle").direction());
        assertEquals(0.4901, dev.holdout.metrics.Regression.rmsle(new double[] {0, 1}, new double[] {0, 3}, null), 1e-4);
    }
}
