package dev.holdout.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.monitor.Baseline;
import dev.holdout.monitor.BaselineOptions;
import dev.holdout.monitor.Monitor;
import dev.holdout.monitor.MonitorOptions;
import dev.holdout.monitor.MonitorResult;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Baselines and runs on Spark (3 partitions, merged) against the single-machine monitor on the same files. */
class SparkMonitorTest {
    @TempDir static Path dir;
    static Path train, today;

    private static void write(Path file, int rows, double shift, int seed) throws Exception {
        StringBuilder sb = new StringBuilder("count,amount,city,day,note\n");
        dev.holdout.data.SeededRandom r = new dev.holdout.data.SeededRandom(seed);
        for (int i = 0; i < rows; i++) {
            sb.append(i % 29 == 0 ? "" : Integer.toString((int) (r.nextDouble() * 40))).append(',')
                    .append(i % 31 == 0 ? "NA" : Double.toString(Math.round((100 + shift + r.nextDouble() * 20) * 100) / 100.0)).append(',')
                    .append(new String[] {"Oslo", "Lima", "Pune", "Kyiv"}[(int) (r.nextDouble() * (shift > 0 ? 2 : 4))]).append(',')
                    .append(java.time.LocalDate.of(2024, 1, 1).plusDays(i % 200)).append(',')
                    .append(i % 7 == 0 ? "" : "n" + (i % 3)).append('\n');
        }
        Files.writeString(file, sb.toString());
    }

    @BeforeAll static void data() throws Exception {
        train = dir.resolve("train.csv");
        today = dir.resolve("today.csv");
        write(train, 1500, 0, 1);
        write(today, 900, 15, 2);
    }

    private static Dataset<Row> spread(Path csv) {
        return HoldoutSpark.readCsv(LocalSpark.get(), csv).repartition(3);
    }

    @Test void baselineFilesAreTheSingleMachineOnes() throws Exception {
        Baseline expected = Baseline.of(train);
        Baseline actual = SparkMonitor.baseline(spread(train), BaselineOptions.defaults());
        JsonCompare.assertSame(JsonCompare.read(expected.statistics().toJson()), JsonCompare.read(actual.statistics().toJson()), "statistics");
        JsonCompare.assertSame(JsonCompare.read(expected.constraints().toJson()), JsonCompare.read(actual.constraints().toJson()), "constraints");
    }

    @Test void aRunFindsTheSameViolations() {
        Baseline b = Baseline.of(train);
        MonitorResult expected = Monitor.run(b, today);
        MonitorResult actual = SparkMonitor.run(b, spread(today), MonitorOptions.defaults(), today.toString());
        assertTrue(expected.hasViolations(), expected.violationsJson());
        JsonCompare.assertSame(JsonCompare.read(expected.violationsJson()), JsonCompare.read(actual.violationsJson()), "violations");
        assertEquals(expected.drifted(), actual.drifted());
    }
}
