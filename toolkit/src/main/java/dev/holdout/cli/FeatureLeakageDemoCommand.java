package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.featurestore.FeatureLeakageDemo;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout demo feature-leakage}: a training set joined by id vs point in time, validation vs later score, and the audit. */
@Command(name = "feature-leakage", mixinStandardHelpOptions = true,
        description = {"A seeded churn event log in a feature group; the training set built twice - by id (the latest values) and",
                "point in time - with the same time split and model: validation score vs score on later data, and the audit",
                "that names the features the join by id took from the future."})
final class FeatureLeakageDemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the event log and the learner (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--learner", defaultValue = "xgboost", description = "xgboost | logistic-regression | cart (default ${DEFAULT-VALUE}).") String learner;
    @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;

    @Override public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw DataValidationException.param("--format", format, "must be table or json", "pass --format table or --format json");
        }
        FeatureLeakageDemo.Result r = FeatureLeakageDemo.run(LeakageDemoCommand.learner(learner, seed), seed);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? r.toJson() : r.toString());
        out.flush();
        return HoldoutCli.EXIT_OK;
    }
}
