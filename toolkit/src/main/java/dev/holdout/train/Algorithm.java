package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import java.util.List;

/**
 * The learner a {@link TrainingJob} runs: XGBoost (XGBoost4J 3.4.0, called directly) or a Tribuo
 * learner for comparison. Tribuo's own XGBoost modules are never used (they pin XGBoost 1.6.2).
 *
 * <pre>{@code
 * Algorithm.parse("cart");   // CART: a Tribuo decision tree (classification or regression by objective)
 * }</pre>
 */
public enum Algorithm {
    /** Gradient-boosted trees, XGBoost4J. */
    XGBOOST("xgboost"),
    /** Tribuo's logistic regression (binary and multiclass objectives). */
    LOGISTIC_REGRESSION("logistic-regression"),
    /** Tribuo's CART tree; classification or regression by objective; uses max_depth. */
    CART("cart"),
    /** Tribuo's linear regression by SGD (reg:squarederror only). */
    LINEAR_REGRESSION("linear-regression");

    private final String id;

    Algorithm(String id) { this.id = id; }

    /** The name used in job specs. */
    public String id() { return id; }

    public static List<String> ids() { return Arrays.stream(values()).map(Algorithm::id).toList(); }

    public static Algorithm parse(String name) {
        for (Algorithm a : values()) if (a.id.equalsIgnoreCase(String.valueOf(name).trim())) return a;
        String close = Columns.closest(name, ids());
        throw DataValidationException.param("algorithm", name, "unknown algorithm",
                (close != null ? "did you mean '" + close + "'? " : "") + "choose one of " + ids());
    }

    @Override public String toString() { return id; }
}
