package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.leakage.LeakageDemo;
import dev.holdout.preprocess.Learner;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TribuoLearner;
import dev.holdout.train.XGBoostLearner;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code holdout demo leakage}: the same model trained four ways, validation score vs score on later unseen data. */
@Command(name = "leakage", mixinStandardHelpOptions = true,
        description = {"The same model trained four ways on birdstrikes and a synthetic churn table:",
                "(a) preprocessing fitted on all rows before splitting, (b) a random split of time-ordered data,",
                "(c) with a leaky feature, (d) the safe pipeline. Prints validation score vs score on later, unseen data."})
final class LeakageDemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for the learner, the random split and the synthetic table (default ${DEFAULT-VALUE}).") long seed;
    @Option(names = "--learner", defaultValue = "xgboost",
            description = "xgboost | logistic-regression | cart (default ${DEFAULT-VALUE}; the same model for all four ways).") String learner;
    @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;

    @Override public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw DataValidationException.param("--format", format, "must be table or json", "pass --format table or --format json");
        }
        LeakageDemo.Result r = LeakageDemo.run(learner(learner, seed), seed);
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? r.toJson() : r.toString());
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    /** The model trained four ways: XGBoost as the training jobs run it (100 rounds, depth 4), or a Tribuo learner. */
    static Learner learner(String name, long seed) {
        return switch (name) {
            case "xgboost" -> new XGBoostLearner(Hyperparameters.numRound(100).withObjective(Hyperparameters.BINARY_LOGISTIC)
                    .withEvalMetric("auc").withMaxDepth(4).withEta(0.1).withSeed(seed)
                    .withNthread(Math.min(2, Runtime.getRuntime().availableProcessors())));
            case "logistic-regression" -> TribuoLearner.logisticRegression(seed);
            case "cart" -> TribuoLearner.cart(6, seed);
            default -> throw DataValidationException.param("--learner", name, "unknown learner",
                    "choose xgboost, logistic-regression or cart");
        };
    }
}
