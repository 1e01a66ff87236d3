package dev.holdout.cli;

import dev.holdout.metrics.ClassificationOptions;
import dev.holdout.metrics.MetricsReport;
import dev.holdout.monitor.Baseline;
import dev.holdout.monitor.BaselineOptions;
import dev.holdout.split.Part;
import dev.holdout.split.Splitter;
import java.nio.file.Path;
import java.util.Map;

/**
 * Another engine for a verb's work ({@code --engine spark}): the optional module {@code holdout-spark}
 * provides one through {@link java.util.ServiceLoader} ({@code META-INF/services/dev.holdout.cli.Engine}), so the
 * core does not depend on it. Each method gives the same result as the single-machine verb on the same file.
 */
public interface Engine {
    /** The name users pass to {@code --engine}. */
    String name();

    /** {@code holdout metrics} on {@code input}; {@code scoreBins} 0 for exact scores. */
    MetricsReport metrics(Path input, String master, String label, String prediction, String score, String weight, String groupBy,
                          boolean classification, ClassificationOptions options, int scoreBins);

    /** {@code holdout monitor baseline} on {@code input}. */
    Baseline baseline(Path input, String master, BaselineOptions options);

    /** {@code holdout split} on {@code input}: writes each part as a folder of CSV part files {@code folder/<part>/}; returns the sizes. */
    Map<Part, Long> split(Path input, String master, Splitter splitter, Path folder);
}
