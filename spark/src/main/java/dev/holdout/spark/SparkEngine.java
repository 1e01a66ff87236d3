package dev.holdout.spark;

import dev.holdout.cli.Engine;
import dev.holdout.metrics.ClassificationOptions;
import dev.holdout.metrics.MetricsReport;
import dev.holdout.monitor.Baseline;
import dev.holdout.monitor.BaselineOptions;
import dev.holdout.split.Part;
import dev.holdout.split.Splitter;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * {@code --engine spark} for the CLI ({@code holdout metrics|split|monitor baseline ... --engine spark --master URL}),
 * found by the core through {@link java.util.ServiceLoader}. Each verb reads the file with
 * {@link HoldoutSpark#readCsv} and runs {@link SparkMetrics}, {@link SparkMonitor} or {@link SparkSplit}.
 */
public final class SparkEngine implements Engine {
    @Override public String name() { return "spark"; }

    private static Dataset<Row> read(Path input, String master) {
        SparkSession spark = HoldoutSpark.session(master);
        // the CLI prints its own result; Spark's INFO lines would bury it
        spark.sparkContext().setLogLevel("ERROR");
        return HoldoutSpark.readCsv(spark, input);
    }

    @Override public MetricsReport metrics(Path input, String master, String label, String prediction, String score, String weight, String groupBy,
                                           boolean classification, ClassificationOptions options, int scoreBins) {
        SparkMetrics m = SparkMetrics.on(read(input, master)).label(label).prediction(prediction).score(score).weight(weight).groupBy(groupBy);
        m = classification ? m.classification(options) : m.regression();
        if (scoreBins > 0) m = m.scoreBins(scoreBins);
        return m.report();
    }

    @Override public Baseline baseline(Path input, String master, BaselineOptions options) {
        return SparkMonitor.baseline(read(input, master), options);
    }

    @Override public Map<Part, Long> split(Path input, String master, Splitter splitter, Path folder) {
        Dataset<Row> rows = read(input, master);
        Dataset<Row> assigned = SparkSplit.assign(rows, splitter).cache();
        try {
            Map<Part, Long> sizes = new EnumMap<>(Part.class);
            for (Part p : Part.values()) {
                Dataset<Row> part = assigned.filter(assigned.col(SparkSplit.PART_COLUMN).equalTo(p.label())).drop(SparkSplit.PART_COLUMN);
                long n = HoldoutSpark.run(part::count);
                sizes.put(p, n);
                if (n == 0) continue;
                Path out = folder.resolve(p.label());
                HoldoutSpark.run(() -> {
                    part.write().option("header", "true").option("escape", "\"").csv(out.toAbsolutePath().toString());
                    return null;
                });
            }
            return sizes;
        } finally {
            assigned.unpersist();
        }
    }
}
