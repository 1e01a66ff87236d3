package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import java.util.List;

/**
 * The learner a {@link TrainingJob} runs: XGBoost (XGBoost4J 3.4.0, called directly) or a Tribuo
 * learner for comparison. Tribuo's own XGBoost modules are never used (they pin XGBoost 1.6.2). Each
 * learner reads a set of the SageMaker-named hyperparameters ({@link #hyperparameters()}); a job spec
 * that gives it another one is refused, because that value would silently do nothing.
 *
 * <pre>{@code
 * Algorithm.parse("cart");                   // CART: a Tribuo decision tree (classification or regression by objective)
 * Algorithm.CART.hyperparameters();          // [objective, num_class, max_depth, min_samples_leaf, criterion, max_features, seed]
 * Algorithm.CART.requireUses("eta", "0.1");  // eta=0.1: algorithm=cart does not use this hyperparameter ...
 * }</pre>
 */
public enum Algorithm {
    /** Gradient-boosted trees, XGBoost4J: every XGBoost hyperparameter (SageMaker's names). */
    XGBOOST("xgboost", Hyperparameters.NAMES, List.of()),
    /**
     * L2-regularised logistic regression, scikit-learn's {@code LogisticRegression(C, max_iter, tol, fit_intercept)}
     * with its lbfgs solver: binary, or multinomial for multi:softprob. Deterministic, so no seed.
     */
    LOGISTIC_REGRESSION("logistic-regression", List.of("objective", "num_class", "C", "max_iter", "tol", "fit_intercept"),
            List.of("seed")),
    /** Tribuo's CART tree, classification or regression by objective (scikit-learn's DecisionTree settings). */
    CART("cart", List.of("objective", "num_class", "max_depth", "min_samples_leaf", "criterion", "max_features", "seed"), List.of()),
    /** Ordinary least squares (scikit-learn's {@code LinearRegression}); reg:squarederror only. Exact, so no seed. */
    LINEAR_REGRESSION("linear-regression", List.of("objective", "fit_intercept"), List.of("seed"));

    private final String id;
    private final List<String> hyperparameters;
    /** Names older specs gave this learner that it no longer reads: accepted, ignored and not recorded. */
    private final List<String> retired;

    Algorithm(String id, List<String> hyperparameters, List<String> retired) {
        this.id = id;
        this.hyperparameters = hyperparameters;
        this.retired = retired;
    }

    /** The name used in job specs. */
    public String id() { return id; }

    /** The hyperparameters this learner reads, in SageMaker's names. */
    public List<String> hyperparameters() { return hyperparameters; }

    /** Whether this learner trains round by round (num_round, early stopping, a learning curve). */
    public boolean boosts() { return hyperparameters.contains("num_round"); }

    /**
     * Names accepted for older specs but with no effect: num_round for every learner that does not boost (job
     * specs had to give it once), and the seed of the learners that used Tribuo's SGD and are now solved exactly.
     */
    public List<String> retired() {
        List<String> r = new java.util.ArrayList<>(retired);
        if (!boosts()) r.add(0, "num_round");
        return List.copyOf(r);
    }

    /** Refuses a hyperparameter this learner ignores, saying which ones it reads ({@link #retired()} names pass). */
    public void requireUses(String name, Object value) {
        if (hyperparameters.contains(name) || retired().contains(name)) return;
        throw DataValidationException.param(name, value, "algorithm=" + id + " does not use this hyperparameter (" + id + " reads "
                        + hyperparameters + "), so the value would do nothing",
                "remove \"" + name + "\", or set \"algorithm\": \"xgboost\"");
    }

    public static List<String> ids() { return Arrays.stream(values()).map(Algorithm::id).toList(); }

    public static Algorithm parse(String name) {
        for (Algorithm a : values()) if (a.id.equalsIgnoreCase(String.valueOf(name).trim())) return a;
        String close = Columns.closest(name, ids());
        throw DataValidationException.param("algorithm", name, "unknown algorithm",
                (close != null ? "did you mean '" + close + "'? " : "") + "choose one of " + ids());
    }

    @Override public String toString() { return id; }
}
