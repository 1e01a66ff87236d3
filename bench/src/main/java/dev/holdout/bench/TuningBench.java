package dev.holdout.bench;

import dev.holdout.tune.EarlyStoppingType;
import dev.holdout.tune.ParameterRange;
import dev.holdout.tune.Scaling;
import dev.holdout.tune.SearchSpace;
import dev.holdout.tune.Strategy;
import dev.holdout.tune.TrialObjective;
import dev.holdout.tune.TrialOutcome;
import dev.holdout.tune.Tuner;
import dev.holdout.tune.TuningJobConfig;
import dev.holdout.tune.TuningObjective;
import dev.holdout.tune.TuningResult;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Issue 7: the tuner's own cost per trial with a no-op objective (target: under 1 ms). Divide the
 * score by the trials of the job (200; 50 for Bayesian). See {@link TuningParallelBench} for the
 * speed-up of parallel trials.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar TuningBench -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TuningBench {
    static final int TRIALS = 200;
    static final SearchSpace SPACE = SearchSpace.of(
            ParameterRange.continuous("eta", 0.01, 0.5, Scaling.LOGARITHMIC),
            ParameterRange.continuous("subsample", 0.5, 1.0),
            ParameterRange.integer("max_depth", 1, 10),
            ParameterRange.categorical("booster", "gbtree", "dart"));
    static final TuningObjective LOSS = TuningObjective.of("validation:logloss");

    /** Overhead: Random / Grid-like / Hyperband-free strategies, with and without 20 reported rounds per trial. */
    @Param({"Random", "Random+Auto20rounds", "Bayesian"})
    public String setup;

    TuningJobConfig config;
    TrialObjective objective;

    @Setup(Level.Trial)
    public void setUp() {
        switch (setup) {
            case "Random" -> {
                config = TuningJobConfig.of(Strategy.RANDOM, SPACE, LOSS).withMaxTrials(TRIALS).withSeed(1);
                objective = (t, r) -> TrialOutcome.of(0.5);
            }
            case "Random+Auto20rounds" -> {
                config = TuningJobConfig.of(Strategy.RANDOM, SPACE, LOSS).withMaxTrials(TRIALS).withSeed(1)
                        .withEarlyStopping(EarlyStoppingType.AUTO);
                objective = (t, r) -> {
                    double v = 1;
                    int k = 0;
                    while (k < 20) {
                        k++;
                        v = 1.0 / k + t.hyperparameters().value("eta");
                        if (!r.report(k, v)) break;
                    }
                    return TrialOutcome.of(v).withRounds(k);
                };
            }
            case "Bayesian" -> {
                // 50 trials: the GP is refitted for every proposal, so its cost grows with the trials seen
                config = TuningJobConfig.of(Strategy.BAYESIAN, SPACE, LOSS).withMaxTrials(50).withSeed(1);
                objective = (t, r) -> TrialOutcome.of(Math.abs(Math.log(t.hyperparameters().value("eta")) + 3));
            }
            default -> throw new IllegalArgumentException(setup);
        }
    }

    /** Milliseconds per trial: the whole job divided by its trials (200, or 50 for Bayesian). */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MILLISECONDS)
    public TuningResult overheadPerJob() {
        return Tuner.of(config).run(objective);
    }
}
