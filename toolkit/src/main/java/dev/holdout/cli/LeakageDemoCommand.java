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

/**
 * {@code holdout demo leakage}: the same model trained four ways on a time-ordered maintenance log, at many seeds;
 * validation score vs score on later unseen data, and what holds at every seed.
 */
@Command(name = "leakage", mixinStandardHelpOptions = true,
        description = {"The same model trained four ways on a time-ordered maintenance log (Synthetic.machineFailures):",
                "(a) preprocessing fitted on all rows before splitting, (b) a random split of time-ordered rows,",
                "(c) a feature recorded after the outcome, (d) the safe pipeline. At each seed (a new log, split and",
                "model) it scores each way on its validation rows and on the last 20% of the year, which none of them",
                "touched, and prints the optimism (validation - later) of each way over the seeds."})
final class LeakageDemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--seed", defaultValue = "1", description = "The first seed (default ${DEFAULT-VALUE}); the seeds are SEED, SEED+1, ...") long seed;
    @Option(names = "--seeds", defaultValue = "20", description = "How many seeds (default ${DEFAULT-VALUE}).") int seeds;
    @Option(names = "--learner", defaultValue = "xgboost",
            description = "xgboost | logistic-regression | cart (default ${DEFAULT-VALUE}; the same model for all four ways).") String learner;
    @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;

    @Override public Integer call() {
        if (!format.equals("table") && !format.equals("json")) {
            throw DataValidationException.param("--format", format, "must be table or json", "pass --format table or --format json");
        }
        if (seeds < 1 || seeds > 1000) {
            throw DataValidationException.param("--seeds", seeds, "must be between 1 and 1000", "pass --seeds 20");
        }
        learner(learner, seed); // an unknown learner fails before any work
        PrintWriter err = spec.commandLine().getErr();
        boolean tty = TrainingProgress.isTerminal();
        LeakageDemo.Study study = LeakageDemo.repeat(s -> learner(learner, s), seed, seeds, done -> {
            if (!tty) return;
            err.print("\rseed " + (done - seed + 1) + " of " + seeds + " done ");
            err.flush();
        });
        if (tty) {
            err.print("\r" + " ".repeat(30) + "\r");
            err.flush();
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(format.equals("json") ? study.toJson() : table(study));
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    private static String table(LeakageDemo.Study study) {
        StringBuilder sb = new StringBuilder(study.toString()).append('\n');
        int n = study.runs().size();
        for (LeakageDemo.Way w : LeakageDemo.Way.values()) {
            if (w == LeakageDemo.Way.SAFE) continue;
            int k = study.seedsMoreOptimisticThanSafe(w);
            sb.append("(").append(w.letter()).append(") is more optimistic than the safe pipeline (d) at ").append(k).append(" of ")
                    .append(n).append(k == n ? " seeds: at every seed\n" : " seeds\n");
        }
        sb.append('\n');
        for (LeakageDemo.Way w : LeakageDemo.Way.values()) sb.append("(").append(w.letter()).append(") ").append(w.description()).append('\n');
        return sb.toString();
    }

    /**
     * The model trained four ways: XGBoost as the training jobs run it (60 rounds of depth-4 trees, eta 0.3; one
     * thread: on a small table a second thread costs more than it gives), or a Tribuo learner.
     */
    static Learner learner(String name, long seed) {
        return switch (name) {
            case "xgboost" -> new XGBoostLearner(Hyperparameters.numRound(60).withObjective(Hyperparameters.BINARY_LOGISTIC)
                    .withEvalMetric("auc").withMaxDepth(4).withEta(0.3).withSeed(seed).withNthread(1));
            case "logistic-regression" -> TribuoLearner.logisticRegression(seed);
            case "cart" -> TribuoLearner.cart(6, seed);
            default -> throw DataValidationException.param("--learner", name, "unknown learner",
                    "choose xgboost, logistic-regression or cart");
        };
    }
}
