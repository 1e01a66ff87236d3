package dev.holdout.bench;

import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.split.StratifiedSplit;
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
 * Random and stratified index splits of 10,000,000 rows, single-threaded. Divide the row count by the
 * score (ms/op) for rows per second. Index-only: no table is built, as the splitters' cores take row
 * counts and class codes.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class SplitBench {
    @Param({"10000000"}) int rows;

    int[] classes;

    @Setup(Level.Trial) public void setUp() {
        classes = new int[rows];
        dev.holdout.data.SeededRandom r = new dev.holdout.data.SeededRandom(1);
        for (int i = 0; i < rows; i++) classes[i] = r.nextDouble() < 0.11 ? 1 : 0; // birdstrikes-like imbalance
    }

    @Benchmark public Split randomTrainTest() {
        return RandomSplit.create().test(0.2).seed(42).split(rows);
    }

    @Benchmark public Split randomTrainValidationTest() {
        return RandomSplit.create().test(0.2).validation(0.1).seed(42).split(rows);
    }

    @Benchmark public Split stratifiedTrainTest() {
        return StratifiedSplit.on("y").test(0.2).seed(42).split(classes, 2);
    }
}
