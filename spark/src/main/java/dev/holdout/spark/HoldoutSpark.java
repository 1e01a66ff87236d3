package dev.holdout.spark;

import dev.holdout.data.DataValidationException;
import org.apache.spark.sql.SparkSession;

/**
 * Starting Spark for Holdout, and the one place that turns a failure inside a Spark job back into
 * Holdout's own error. Holdout's verbs on Spark run on any session ({@code spark-submit} gives one); this
 * class only makes a local one with the settings the results depend on: UTC session time zone (times
 * without an offset are read as UTC, as on one machine) and no UI.
 *
 * <pre>{@code
 * SparkSession spark = HoldoutSpark.session("local[2]");
 * Dataset<Row> rows = HoldoutSpark.readCsv(spark, Path.of("orders.csv"));
 * }</pre>
 */
public final class HoldoutSpark {
    private HoldoutSpark() {}

    /** The Spark line this module is built and tested against. */
    public static final String SPARK_LINE = "3.5";

    /** A session on {@code master} (local[N], spark://..., yarn): reuses the active one if there is one. */
    public static SparkSession session(String master) {
        if (master == null || master.isBlank()) {
            throw DataValidationException.param("--master", master, "needs a Spark master URL", "pass --master local[2] (or spark://host:7077)");
        }
        requireSparkLine();
        return SparkSession.builder().master(master).appName("holdout")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.shuffle.partitions", "8")
                .getOrCreate();
    }

    /**
     * Reads a CSV file with a header as text columns (as Holdout's hashed keys and time parsing read the file's
     * text); a verb casts the columns it needs. Every value is a string or null (an empty cell).
     */
    public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> readCsv(SparkSession spark, java.nio.file.Path file) {
        dev.holdout.data.InputFiles.requireReadable(file, "--input");
        char delimiter = dev.holdout.data.CsvLoader.forFile(file).delimiter();
        return spark.read().option("header", "true").option("inferSchema", "false").option("multiLine", "true")
                .option("escape", "\"").option("sep", String.valueOf(delimiter))
                .option("mode", "FAILFAST").csv(file.toAbsolutePath().toString());
    }

    /** The Holdout error inside a Spark failure (a UDF's DataValidationException arrives wrapped), or null. */
    public static DataValidationException holdoutError(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof DataValidationException d) return d;
        }
        return null;
    }

    /** Runs a Spark action, rethrowing a Holdout data error raised inside it as itself. */
    public static <T> T run(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (Exception e) {   // Spark's SparkException is checked, yet Scala code throws it from any action
            DataValidationException d = holdoutError(e);
            if (d != null) throw d;
            throw HoldoutSpark.<RuntimeException>sneaky(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static <E extends Exception> E sneaky(Exception e) throws E { throw (E) e; }

    private static void requireSparkLine() {
        String v = org.apache.spark.package$.MODULE$.SPARK_VERSION();
        if (!v.startsWith(SPARK_LINE + ".")) {
            throw new dev.holdout.io.EnvironmentException("Spark " + v + " is on the class path; holdout-spark is built for Spark "
                    + SPARK_LINE + ".x with Scala 2.12: submit with a Spark " + SPARK_LINE + " distribution");
        }
    }
}
