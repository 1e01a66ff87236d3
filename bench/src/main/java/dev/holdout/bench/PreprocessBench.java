package dev.holdout.bench;

import dev.holdout.data.SeededRandom;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.OneHotEncoder;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.preprocess.UnknownPolicy;
import java.util.concurrent.TimeUnit;
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
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Preprocessing throughput, single-threaded, through the public Table API.
 * <ul>
 * <li>{@code standardScalerFitTransform}: {@code Preprocessor.of(StandardScaler.of(50 columns)).fitTransform(table)}
 *     on 1,000,000 x 50 doubles: copy each column out once, mean and variance, scale, wrap the result,
 *     plus the fingerprint of the 50 million training values. 50,000,000 / score = values per second.</li>
 * <li>{@code standardScalerTransform}: a fitted scaler's {@code transform} alone on the same table.</li>
 * <li>{@code oneHot1000Levels}: fit + transform of a one-hot encoder on a 1,000-level text column of
 *     1,000,000 rows: 1,000 boolean output columns built from bit sets, category codes from the
 *     column's dictionary (no boxing, no per-row map lookup).</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class PreprocessBench {
    static final int ROWS = 1_000_000;
    static final int COLUMNS = 50;

    Table numbers;
    String[] names;
    Preprocessor scaler;
    FittedPreprocessor fittedScaler;
    Table categories;
    Preprocessor oneHot;

    @Setup(Level.Trial) public void setUp() {
        SeededRandom r = new SeededRandom(7);
        numbers = Table.create("numbers");
        names = new String[COLUMNS];
        for (int c = 0; c < COLUMNS; c++) {
            double[] v = new double[ROWS];
            for (int i = 0; i < ROWS; i++) v[i] = r.nextGaussian() * (c + 1) + c;
            names[c] = "x" + c;
            numbers.addColumns(DoubleColumn.create(names[c], v));
        }
        scaler = Preprocessor.of(StandardScaler.of(names));
        fittedScaler = scaler.fit(numbers);
        String[] levels = new String[1000];
        for (int k = 0; k < levels.length; k++) levels[k] = "level-" + k;
        String[] values = new String[ROWS];
        for (int i = 0; i < ROWS; i++) values[i] = levels[r.nextInt(levels.length)];
        categories = Table.create("categories", StringColumn.create("city", values));
        oneHot = Preprocessor.of(OneHotEncoder.of("city").onUnknown(UnknownPolicy.IGNORE));
    }

    @Benchmark public Preprocessor.Fit standardScalerFitTransform() { return scaler.fitTransform(numbers); }

    @Benchmark public Table standardScalerTransform() { return fittedScaler.transform(numbers); }

    @Benchmark public Preprocessor.Fit oneHot1000Levels() { return oneHot.fitTransform(categories); }
}
