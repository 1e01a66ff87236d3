package dev.holdout.bench;

import dev.holdout.tune.ParameterRange;
import dev.holdout.tune.SearchSpace;
import dev.holdout.tune.Strategy;
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
 * Issue 7: 16 CPU-bound trials (pure Java, about 20 ms each on an idle core) with 1 or 2 parallel
 * trials; the ratio of the two scores is the speed-up the second core gives.
 *
 * <pre>
 * java -jar bench/target/benchmarks.jar TuningParallelBench -f 1 -wi 2 -i 3
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
public class TuningParallelBench {
    @Param({"1", "2"})
    public int maxParallelTrials;

    TuningJobConfig config;

    @Setup(Level.Trial)
    public void setUp() {
        SearchSpace space = SearchSpace.of(ParameterRange.continuous("x", 0, 1));
        config = TuningJobConfig.of(Strategy.RANDOM, space, TuningObjective.of("validation:rmse"))
                .withMaxTrials(16).withMaxParallelTrials(maxParallelTrials).withSeed(2);
    }

    static double burn(double seed) {
        double x = seed;
        for (int i = 0; i < 1_000_000; i++) x = Math.sin(x) + 1.0000001;
        return x;
    }

    @Benchmark
    public TuningResult sixteenTrials() {
        return Tuner.of(config).run((t, r) -> TrialOutcome.of(burn(t.hyperparameters().value("x"))));
    }
}
