package dev.holdout.bench;

import dev.holdout.train.FeatureMatrix;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainingLabels;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Issue 5: the only work the toolkit's training path adds to calling XGBoost4J on a float array:
 * Table (1,000,000 x 20 DoubleColumns) -> row-major float[] (+ label check), and the DMatrix built
 * from it (which the direct path builds too).
 *
 * <pre>java -jar bench/target/benchmarks.jar TableToDMatrixBench -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class TableToDMatrixBench {
    TrainingBench.Data data;
    Hyperparameters hp = TrainingBench.hp(100);

    @Setup(Level.Trial) public void setup() {
        data = TrainingBench.Data.generate(1_000_000, 20, 2026);
    }

    /** Table -> float[] and the label array: the toolkit's conversion. */
    @Benchmark public void tableToFloatArray(Blackhole bh) {
        bh.consume(FeatureMatrix.of(data.table, data.features));
        bh.consume(TrainingLabels.read(data.table, "y", hp));
    }

    /** float[] -> DMatrix with labels: done by both paths. */
    @Benchmark public long floatArrayToDMatrix() throws Exception {
        DMatrix d = new DMatrix(data.rowMajor, 1_000_000, 20, Float.NaN);
        d.setLabel(data.labels);
        long n = d.rowNum();
        d.dispose();
        return n;
    }
}
