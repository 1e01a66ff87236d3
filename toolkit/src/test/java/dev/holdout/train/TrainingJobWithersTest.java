package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.holdout.data.DataValidationException;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import tech.tablesaw.api.Table;

/** A training job reads its configuration in any order: every permutation of a set of withers is the same job, valid or not. */
class TrainingJobWithersTest {
    static final Table TRAIN = TestData.binary("t", 40, 3, 1), VALID = TestData.binary("v", 20, 3, 2);
    static final Channel TRAIN_CHANNEL = Channel.of(TRAIN), VALID_CHANNEL = Channel.of(VALID);
    static final Preprocessor SCALE_X0 = Preprocessor.of(StandardScaler.of("x0")), SCALE_Y = Preprocessor.of(StandardScaler.of("y"));

    record Wither(String name, UnaryOperator<TrainingJob> f) {
        @Override public String toString() { return name; }
    }

    static Arbitrary<Wither> one(String name, List<UnaryOperator<TrainingJob>> options, List<String> labels) {
        return Arbitraries.integers().between(0, options.size() - 1).map(i -> new Wither(name + "=" + labels.get(i), options.get(i)));
    }

    @Provide Arbitrary<List<Wither>> withers() {
        var validation = one("validation", List.of(j -> j.withValidation(VALID_CHANNEL), j -> j.withValidation(null)), List.of("valid", "none"));
        var earlyStopping = one("early_stopping_rounds", List.of(j -> j.withHyperparameters(h -> h.withEarlyStoppingRounds(5)),
                j -> j.withHyperparameters(h -> h.withEarlyStoppingRounds(0))), List.of("5", "0"));
        var objective = one("objective", List.of(j -> j.withHyperparameters(h -> h.withObjective(Hyperparameters.BINARY_LOGISTIC)),
                j -> j.withHyperparameters(h -> h.withObjective(Hyperparameters.REG_SQUAREDERROR))), List.of("binary", "reg"));
        var metric = one("eval_metric", List.of(j -> j.withHyperparameters(h -> h.withEvalMetric("auc")),
                j -> j.withHyperparameters(h -> h.withEvalMetric("rmse"))), List.of("auc", "rmse"));
        var algorithm = one("algorithm", List.of(j -> j.withAlgorithm(Algorithm.XGBOOST), j -> j.withAlgorithm(Algorithm.LOGISTIC_REGRESSION),
                j -> j.withAlgorithm(Algorithm.LINEAR_REGRESSION)), List.of("xgboost", "logistic", "linear"));
        var features = one("features", List.of(j -> j.withFeatures(List.of("x0", "x1")), j -> j.withFeatures(List.of("y", "x0"))), List.of("x0,x1", "y,x0"));
        var preprocessing = one("preprocessing", List.of(j -> j.withPreprocessing(SCALE_X0), j -> j.withPreprocessing(SCALE_Y)), List.of("x0", "y"));
        return Combinators.combine(validation.injectNull(0.3), earlyStopping.injectNull(0.3), objective.injectNull(0.3), metric.injectNull(0.3),
                        algorithm.injectNull(0.3), features.injectNull(0.3), preprocessing.injectNull(0.3))
                .as((a, b, c, d, e, f, g) -> {
                    List<Wither> l = new ArrayList<>();
                    for (Wither w : new Wither[] {a, b, c, d, e, f, g}) if (w != null) l.add(w);
                    return l;
                });
    }

    private static TrainingJob apply(List<Wither> ws) {
        TrainingJob j = TrainingJob.xgboost("y", TRAIN_CHANNEL);
        for (Wither w : ws) j = w.f().apply(j);
        return j;
    }

    /** The job's settings (a Preprocessor compares by identity; its steps by value). */
    private static List<Object> key(TrainingJob j) {
        return java.util.Arrays.asList(j.name(), j.algorithm(), j.hyperparameters(), j.label(), j.features(), j.exclude(), j.train(),
                j.validation(), j.preprocessing().steps(), j.output());
    }

    private static String outcome(TrainingJob j) {
        try {
            j.validate();
            return "valid";
        } catch (DataValidationException e) {
            return e.getMessage();
        }
    }

    @Property(tries = 300)
    void witherOrderNeverMatters(@ForAll("withers") List<Wither> withers, @ForAll Random random) {
        List<Wither> shuffled = new ArrayList<>(withers);
        Collections.shuffle(shuffled, random);
        TrainingJob a = apply(withers), b = apply(shuffled);
        assertEquals(key(a), key(b), withers + " vs " + shuffled);
        assertEquals(outcome(a), outcome(b), withers + " vs " + shuffled);
    }
}
