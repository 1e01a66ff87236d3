package dev.holdout.bench;

import dev.holdout.data.CsvLoader;
import java.nio.file.Files;
import java.nio.file.Path;
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
import tech.tablesaw.api.Table;

/**
 * Loads a 1,000,000-row CSV (written by {@link GenerateCsv}: id, date, 6 numbers with some missing,
 * a category, a 0/1 label) with Holdout's strict loader and with Tablesaw's own reader.
 * The file path comes from the system property {@code holdout.bench.csv} (default /tmp/holdout-1m.csv).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx6g"})
public class CsvLoadBench {
    Path file;

    @Setup(Level.Trial) public void setUp() throws Exception {
        file = Path.of(System.getProperty("holdout.bench.csv", "/tmp/holdout-1m.csv"));
        if (!Files.exists(file)) GenerateCsv.write(file, 1_000_000, 1);
    }

    @Benchmark public Table holdoutStrictLoader() {
        return CsvLoader.csv().load(file);
    }

    @Benchmark public Table tablesawReader() throws Exception {
        return Table.read().csv(file.toString());
    }
}
