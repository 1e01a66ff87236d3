package dev.holdout.bench;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.CsvReader;
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
 * Loads the 1,000,000 × 20 mixed CSV (written by {@link GenerateCsv} {@code mixed}: id, date, date-time, twelve
 * numbers with 2 % missing, a whole number, three categories of 4, 50 and 100,000 levels, a 0/1 label; 146 MB)
 * warm, in one JVM: the table loader streamed ({@code load}), the loader that keeps the records to write parts
 * ({@code read}), one streaming pass of batches, and Tablesaw's own reader for scale. The file path comes from
 * {@code holdout.bench.csv} (default /tmp/holdout-mixed-1m.csv, written when missing).
 * The whole-process comparison with pandas is {@code LoadCsv} beside {@code bench/python/read_csv.py --once}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"-Xmx3g"})
public class CsvLoadBench {
    Path file;

    @Setup(Level.Trial) public void setUp() throws Exception {
        file = Path.of(System.getProperty("holdout.bench.csv", "/tmp/holdout-mixed-1m.csv"));
        if (!Files.exists(file)) GenerateCsv.writeMixed(file, 1_000_000, 1);
    }

    @Benchmark public Table load() {
        return CsvLoader.csv().load(file);
    }

    @Benchmark public CsvLoader.LoadedCsv read() {
        return CsvLoader.csv().read(file);
    }

    @Benchmark public double batches() {
        double sum = 0;
        try (CsvReader.Batches b = CsvReader.open(file).withType("x1", ColumnKind.NUMBER).batches(65_536)) {
            for (CsvBatch batch : b) for (double x : batch.numbers("x1")) if (x == x) sum += x;
        }
        return sum;
    }

    @Benchmark public Table tablesawReader() throws Exception {
        return Table.read().csv(file.toString());
    }
}
