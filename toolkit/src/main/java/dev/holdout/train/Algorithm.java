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
 * Algorithm.CART.hyperparameters();          // [objective, max_depth, seed, num_class]
 * Algorithm.CART.requireUses("eta", "0.1");  // eta=0.1: algorithm=cart does not use this hyperparameter ...
 * }</pre>
 */
public enum Algorithm {
    /** Gradient-boosted trees, XGBoost4J: every hyperparameter. */
    XGBOOST("xgboost", Hyperparameters.NAMES),
    /** Tribuo's logistic regression (binary and multiclass objectives; fixed recipe, the seed). */
    LOGISTIC_REGRESSION("logistic-regression", List.of("objective", "seed", "num_class")),
    /** Tribuo's CART tree; classification or regression by objective; uses max_depth. */
    CART("cart", List.of("objective", "max_depth", "seed", "num_class")),
    /** Tribuo's linear regression by SGD (reg:squarederror only; fixed recipe, the seed). */
    LINEAR_REGRESSION("linear-regression", List.of("objective", "seed"));

    private final String id;
    private final List<String> hyperparameters;

    Algorithm(String id, List<String> hyperparameters) {
        this.id = id;
        this.hyperparameters = hyperparameters;
    }

    /** The name used in job specs. */
    public String id() { return id; }

    /** The hyperparameters this learner reads, in SageMaker's names. */
    public List<String> hyperparameters() { return hyperparameters; }

    /**
     * Refuses a hyperparameter this learner ignores, saying which ones it reads. num_round is accepted by
     * every learner (job specs had to give it before the Tribuo learners stopped requiring it), and has no
     * effect on them.
     */
    public void requireUses(String name, Object value) {
        if (hyperparameters.contains(name) || name.equals("num_round")) return;
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
