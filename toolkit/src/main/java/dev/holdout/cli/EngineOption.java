package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.EnvironmentException;
import java.util.ServiceLoader;
import picocli.CommandLine.Option;

/** {@code --engine local|spark} and {@code --master URL}: where a verb runs (picocli mixin). */
final class EngineOption {
    @Option(names = "--engine", paramLabel = "local|spark", defaultValue = "local",
            description = "local (default): this JVM; spark: Apache Spark (needs the holdout-spark module on the class path).")
    String engine;

    @Option(names = "--master", paramLabel = "URL", description = "spark: the Spark master (default local[*]; spark://host:7077, yarn).")
    String master;

    /** Whether the verb runs on another engine; --master without --engine spark is refused. */
    boolean distributed() {
        if (engine.equals("local")) {
            if (master != null) {
                throw DataValidationException.param("--master", master, "only applies with --engine spark", "add --engine spark or drop --master");
            }
            return false;
        }
        if (engine.equals("spark")) return true;
        throw DataValidationException.param("--engine", engine, "must be local or spark", "pass --engine spark");
    }

    String masterOrDefault() { return master == null ? "local[*]" : master; }

    /** The engine named by --engine, from the class path. */
    Engine load() {
        for (Engine e : ServiceLoader.load(Engine.class)) if (e.name().equals(engine)) return e;
        throw new EnvironmentException("--engine " + engine + " needs the holdout-spark module on the class path, and it is not there: build it with "
                + "`mvn -B package -pl spark -am` and run holdout with spark/target/holdout-spark-*.jar and its dependencies on the class path "
                + "(or spark-submit that jar; see README, \"Holdout on Apache Spark\")");
    }

    /** Refuses an option the engine does not support. */
    static void refuse(Object value, String option, String why) {
        if (value != null && !Boolean.FALSE.equals(value)) {
            throw DataValidationException.param(option, value, "is not available with --engine spark (" + why + ")", "drop " + option + " or run locally");
        }
    }
}
