package dev.holdout.spark;

import org.apache.spark.sql.SparkSession;

/** One local[2] session for all of this module's tests (starting Spark costs seconds; the JVM's exit stops it). */
final class LocalSpark {
    private LocalSpark() {}

    private static SparkSession session;

    static synchronized SparkSession get() {
        if (session == null) {
            session = HoldoutSpark.session("local[2]");
        }
        return session;
    }
}
