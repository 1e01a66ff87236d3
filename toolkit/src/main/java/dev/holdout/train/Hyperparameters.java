package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * XGBoost hyperparameters under SageMaker's built-in algorithm names, with SageMaker's defaults
 * and ranges, validated when built: an instance that exists is a valid one.
 *
 * <pre>{@code
 * Hyperparameters hp = Hyperparameters.numRound(100)
 *         .withObjective("binary:logistic").withEvalMetric("logloss")
 *         .withEarlyStoppingRounds(10).withMaxDepth(4).withSeed(7).withNthread(2);
 * hp.toMap(); // {num_round=100, eta=0.3, max_depth=4, ...} -- the hyperparameters.json content
 * Hyperparameters.fromMap(Map.of("num_rounds", "10"));
 * // DataValidationException: num_rounds=10: unknown hyperparameter; did you mean 'num_round'? valid names are [...]
 * }</pre>
 *
 * @param numRound            num_round, boosting rounds, required, ≥ 1
 * @param eta                 eta (learning rate), [0, 1], default 0.3
 * @param maxDepth            max_depth, ≥ 0 (0 = no limit, needs tree_method hist/approx), default 6
 * @param minChildWeight      min_child_weight, ≥ 0, default 1
 * @param subsample           subsample, (0, 1], default 1
 * @param colsampleBytree     colsample_bytree, (0, 1], default 1
 * @param gamma               gamma (min split loss), ≥ 0, default 0
 * @param lambda              lambda (L2), ≥ 0, default 1
 * @param alpha               alpha (L1), ≥ 0, default 0
 * @param objective           binary:logistic, multi:softprob or reg:squarederror (SageMaker default)
 * @param evalMetric          one XGBoost metric; default error / mlogloss / rmse by objective
 * @param earlyStoppingRounds early_stopping_rounds, 0 = off (SageMaker: none), else ≥ 1
 * @param scalePosWeight      scale_pos_weight, > 0, default 1
 * @param seed                seed, default 0
 * @param nthread             nthread, ≥ 1; default the available processors
 * @param numClass            num_class, required (≥ 2) for multi:softprob only, 0 otherwise
 * @param treeMethod          auto, exact, approx or hist; default auto
 */
public record Hyperparameters(int numRound, double eta, int maxDepth, double minChildWeight, double subsample,
                              double colsampleBytree, double gamma, double lambda, double alpha, String objective,
                              String evalMetric, int earlyStoppingRounds, double scalePosWeight, long seed,
                              int nthread, int numClass, String treeMethod) {

    public static final String BINARY_LOGISTIC = "binary:logistic";
    public static final String MULTI_SOFTPROB = "multi:softprob";
    public static final String REG_SQUAREDERROR = "reg:squarederror";

    /** The names accepted, in SageMaker's spelling. */
    public static final List<String> NAMES = List.of("num_round", "eta", "max_depth", "min_child_weight", "subsample",
            "colsample_bytree", "gamma", "lambda", "alpha", "objective", "eval_metric", "early_stopping_rounds",
            "scale_pos_weight", "seed", "nthread", "num_class", "tree_method");

    public static final List<String> OBJECTIVES = List.of(BINARY_LOGISTIC, MULTI_SOFTPROB, REG_SQUAREDERROR);
    public static final List<String> TREE_METHODS = List.of("auto", "exact", "approx", "hist");
    /** XGBoost's own metric names usable here, by objective family. */
    public static final List<String> BINARY_METRICS = List.of("logloss", "error", "auc", "aucpr");
    public static final List<String> MULTI_METRICS = List.of("mlogloss", "merror");
    public static final List<String> REGRESSION_METRICS = List.of("rmse", "mae", "rmsle", "mape");

    public Hyperparameters {
        if (numRound < 1) throw bad("num_round", numRound, "must be an integer ≥ 1", "set num_round, e.g. 100");
        range("eta", eta, 0, 1, false);
        if (maxDepth < 0) throw bad("max_depth", maxDepth, "must be ≥ 0 (0 = no limit)", "use e.g. 6");
        atLeast("min_child_weight", minChildWeight, 0);
        range("subsample", subsample, 0, 1, true);
        range("colsample_bytree", colsampleBytree, 0, 1, true);
        atLeast("gamma", gamma, 0);
        atLeast("lambda", lambda, 0);
        atLeast("alpha", alpha, 0);
        if (objective == null || !OBJECTIVES.contains(objective)) {
            throw bad("objective", objective, "must be one of " + OBJECTIVES, hint(objective, OBJECTIVES));
        }
        if (evalMetric == null || evalMetric.isBlank()) evalMetric = defaultMetric(objective);
        if (evalMetric.contains(",")) {
            throw bad("eval_metric", evalMetric, "one metric only: XGBoost4J early stopping watches the last metric and "
                    + "several metrics overrun its per-watch score array", "keep the metric to stop on");
        }
        List<String> allowed = metricsFor(objective);
        if (!allowed.contains(evalMetric)) {
            boolean otherObjective = BINARY_METRICS.contains(evalMetric) || MULTI_METRICS.contains(evalMetric) || REGRESSION_METRICS.contains(evalMetric);
            throw bad("eval_metric", evalMetric, "must be one of " + allowed + " for objective=" + objective,
                    otherObjective ? "set the objective before the metric (withObjective(...).withEvalMetric(...))" : hint(evalMetric, allowed));
        }
        if (earlyStoppingRounds < 0) {
            throw bad("early_stopping_rounds", earlyStoppingRounds, "must be ≥ 1 (or 0 for no early stopping)", "use e.g. 10");
        }
        if (!(scalePosWeight > 0) || Double.isInfinite(scalePosWeight)) {
            throw bad("scale_pos_weight", scalePosWeight, "must be a finite number > 0", "use sum(negative)/sum(positive)");
        }
        if (nthread < 1) throw bad("nthread", nthread, "must be ≥ 1", "use the number of cores, e.g. 2");
        if (MULTI_SOFTPROB.equals(objective)) {
            if (numClass < 2) throw bad("num_class", numClass, "is required (≥ 2) for objective=multi:softprob", "set num_class to the number of classes");
        } else if (numClass != 0) {
            throw bad("num_class", numClass, "is only allowed with objective=multi:softprob", "remove num_class");
        }
        if (treeMethod == null || !TREE_METHODS.contains(treeMethod)) {
            throw bad("tree_method", treeMethod, "must be one of " + TREE_METHODS + " (no GPU here)", hint(treeMethod, TREE_METHODS));
        }
        if (maxDepth == 0 && ("exact".equals(treeMethod) || "auto".equals(treeMethod))) {
            throw bad("max_depth", 0, "no depth limit needs tree_method=hist or approx", "set tree_method=hist or a max_depth ≥ 1");
        }
    }

    /** SageMaker defaults with the one required value, num_round. nthread defaults to the processors available. */
    public static Hyperparameters numRound(int numRound) {
        return new Hyperparameters(numRound, 0.3, 6, 1, 1, 1, 0, 1, 0, REG_SQUAREDERROR, null, 0, 1, 0,
                Runtime.getRuntime().availableProcessors(), 0, "auto");
    }

    /** The default eval_metric for an objective (SageMaker: rmse for regression, error for classification). */
    public static String defaultMetric(String objective) {
        return switch (objective) {
            case BINARY_LOGISTIC -> "error";
            case MULTI_SOFTPROB -> "mlogloss";
            default -> "rmse";
        };
    }

    static List<String> metricsFor(String objective) {
        return switch (objective) {
            case BINARY_LOGISTIC -> BINARY_METRICS;
            case MULTI_SOFTPROB -> MULTI_METRICS;
            default -> REGRESSION_METRICS;
        };
    }

    /** True for a classification objective. */
    public boolean isClassification() { return !REG_SQUAREDERROR.equals(objective); }

    /** True when early stopping is on. */
    public boolean earlyStopping() { return earlyStoppingRounds > 0; }

    /** XGBoost's direction rule: auc/aucpr are maximized, the losses and errors minimized. */
    public boolean maximizeMetric() { return evalMetric.startsWith("auc"); }

    public Hyperparameters withNumRound(int v) { return new Hyperparameters(v, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withEta(double v) { return new Hyperparameters(numRound, v, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withMaxDepth(int v) { return new Hyperparameters(numRound, eta, v, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withMinChildWeight(double v) { return new Hyperparameters(numRound, eta, maxDepth, v, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withSubsample(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, v, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withColsampleBytree(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, v, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withGamma(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, v, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withLambda(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, v, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withAlpha(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, v, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    /** Changing the objective resets eval_metric to that objective's default when the old one does not fit. */
    public Hyperparameters withObjective(String v) {
        if (MULTI_SOFTPROB.equals(v) && numClass < 2) {
            throw bad("objective", v, "multi:softprob needs num_class (≥ 2)", "use withMultiClass(numClass), which sets both");
        }
        String metric = v != null && OBJECTIVES.contains(v) && metricsFor(v).contains(evalMetric) ? evalMetric : null;
        int nc = MULTI_SOFTPROB.equals(v) ? Math.max(numClass, 0) : 0;
        return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, v, metric, earlyStoppingRounds, scalePosWeight, seed, nthread, nc, treeMethod);
    }
    public Hyperparameters withEvalMetric(String v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, v, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withEarlyStoppingRounds(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, v, scalePosWeight, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withScalePosWeight(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, v, seed, nthread, numClass, treeMethod); }
    public Hyperparameters withSeed(long v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, v, nthread, numClass, treeMethod); }
    public Hyperparameters withNthread(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, v, numClass, treeMethod); }
    /** objective=multi:softprob with {@code numClass} classes (and mlogloss unless a multiclass metric is set). */
    public Hyperparameters withMultiClass(int numClass) {
        String metric = MULTI_METRICS.contains(evalMetric) ? evalMetric : null;
        return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, MULTI_SOFTPROB, metric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod);
    }

    /** Sets objective multi:softprob's num_class. */
    public Hyperparameters withNumClass(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, v, treeMethod); }
    public Hyperparameters withTreeMethod(String v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, v); }

    /**
     * Reads SageMaker-named hyperparameters. Values may be strings (as in SageMaker's
     * hyperparameters.json) or JSON numbers. Unknown names are rejected with the valid names and the
     * closest one.
     */
    public static Hyperparameters fromMap(Map<String, ?> values) {
        for (String name : values.keySet()) {
            if (!NAMES.contains(name)) {
                String close = Columns.closest(name, NAMES);
                throw DataValidationException.param(name, values.get(name), "unknown hyperparameter",
                        (close != null ? "did you mean '" + close + "'? " : "") + "valid names are " + NAMES);
            }
        }
        if (!values.containsKey("num_round")) {
            throw DataValidationException.param("num_round", null, "is required", "set num_round, e.g. \"num_round\": \"100\"");
        }
        Hyperparameters h = numRound(intOf(values, "num_round"));
        String objective = values.containsKey("objective") ? str(values, "objective") : h.objective;
        String metric = values.containsKey("eval_metric") ? str(values, "eval_metric") : null;
        return new Hyperparameters(
                h.numRound,
                dbl(values, "eta", h.eta),
                values.containsKey("max_depth") ? intOf(values, "max_depth") : h.maxDepth,
                dbl(values, "min_child_weight", h.minChildWeight),
                dbl(values, "subsample", h.subsample),
                dbl(values, "colsample_bytree", h.colsampleBytree),
                dbl(values, "gamma", h.gamma),
                dbl(values, "lambda", h.lambda),
                dbl(values, "alpha", h.alpha),
                objective, metric,
                values.containsKey("early_stopping_rounds") ? intOf(values, "early_stopping_rounds") : 0,
                dbl(values, "scale_pos_weight", h.scalePosWeight),
                values.containsKey("seed") ? longOf(values, "seed") : h.seed,
                values.containsKey("nthread") ? intOf(values, "nthread") : h.nthread,
                values.containsKey("num_class") ? intOf(values, "num_class") : 0,
                values.containsKey("tree_method") ? str(values, "tree_method") : h.treeMethod);
    }

    /** SageMaker-named values as strings, in {@link #NAMES} order: the content of hyperparameters.json. */
    public Map<String, String> toMap() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("num_round", Integer.toString(numRound));
        m.put("eta", num(eta));
        m.put("max_depth", Integer.toString(maxDepth));
        m.put("min_child_weight", num(minChildWeight));
        m.put("subsample", num(subsample));
        m.put("colsample_bytree", num(colsampleBytree));
        m.put("gamma", num(gamma));
        m.put("lambda", num(lambda));
        m.put("alpha", num(alpha));
        m.put("objective", objective);
        m.put("eval_metric", evalMetric);
        if (earlyStoppingRounds > 0) m.put("early_stopping_rounds", Integer.toString(earlyStoppingRounds));
        m.put("scale_pos_weight", num(scalePosWeight));
        m.put("seed", Long.toString(seed));
        m.put("nthread", Integer.toString(nthread));
        if (numClass > 0) m.put("num_class", Integer.toString(numClass));
        m.put("tree_method", treeMethod);
        return m;
    }

    /** The parameter map XGBoost4J takes (its own names; num_round and early stopping are loop settings). */
    Map<String, Object> xgboostParams() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("eta", eta);
        p.put("max_depth", maxDepth);
        p.put("min_child_weight", minChildWeight);
        p.put("subsample", subsample);
        p.put("colsample_bytree", colsampleBytree);
        p.put("gamma", gamma);
        p.put("lambda", lambda);
        p.put("alpha", alpha);
        p.put("objective", objective);
        p.put("eval_metric", evalMetric);
        p.put("scale_pos_weight", scalePosWeight);
        p.put("seed", seed);
        p.put("nthread", nthread);
        if (numClass > 0) p.put("num_class", numClass);
        p.put("tree_method", treeMethod);
        p.put("verbosity", 0);
        return p;
    }

    @Override public String toString() {
        return "Hyperparameters" + toMap();
    }

    private static String num(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    private static DataValidationException bad(String name, Object value, String rule, String fix) {
        return DataValidationException.param(name, value, rule, fix);
    }

    private static String hint(String value, List<String> options) {
        String close = Columns.closest(value, options);
        return close != null ? "did you mean '" + close + "'?" : "choose one of " + options;
    }

    private static void range(String name, double v, double lo, double hi, boolean openLow) {
        boolean ok = openLow ? v > lo && v <= hi : v >= lo && v <= hi;
        if (!ok) throw bad(name, v, "must be in " + (openLow ? "(" : "[") + fmt(lo) + ", " + fmt(hi) + "]", "SageMaker's range for " + name);
    }

    private static void atLeast(String name, double v, double lo) {
        if (!(v >= lo) || Double.isInfinite(v)) throw bad(name, v, "must be a finite number ≥ " + fmt(lo), null);
    }

    private static String fmt(double v) { return num(v); }

    private static String str(Map<String, ?> m, String k) {
        Object v = m.get(k);
        return v == null ? null : v.toString().trim().toLowerCase(Locale.ROOT);
    }

    private static double dbl(Map<String, ?> m, String k, double dflt) {
        if (!m.containsKey(k)) return dflt;
        Object v = m.get(k);
        if (v instanceof Number n) return n.doubleValue();
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw bad(k, v, "must be a number", "write e.g. \"" + k + "\": \"" + fmt(dflt) + "\"");
        }
    }

    private static long longOf(Map<String, ?> m, String k) {
        Object v = m.get(k);
        double d = v instanceof Number n ? n.doubleValue() : parse(k, v);
        if (d != Math.rint(d) || Double.isInfinite(d)) throw bad(k, v, "must be an integer", null);
        return (long) d;
    }

    private static int intOf(Map<String, ?> m, String k) {
        long l = longOf(m, k);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) throw bad(k, l, "is out of the integer range", null);
        return (int) l;
    }

    private static double parse(String k, Object v) {
        try {
            return Double.parseDouble(String.valueOf(v).trim());
        } catch (NumberFormatException e) {
            throw bad(k, v, "must be an integer", "write e.g. \"" + k + "\": \"10\"");
        }
    }
}
