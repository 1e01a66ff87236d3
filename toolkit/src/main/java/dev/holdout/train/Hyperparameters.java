package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.metrics.Direction;
import dev.holdout.metrics.Metric;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * XGBoost hyperparameters under SageMaker's built-in algorithm names, with SageMaker's defaults
 * and ranges. Each value is checked when it is set; how values combine (eval_metric and objective,
 * num_class and multi:softprob) is checked by {@link #validate()} when the set is used (a training
 * job, a learner, {@link #fromMap}), so the withers may come in any order: {@code withEvalMetric("auc")}
 * before {@code withObjective("binary:logistic")} is the same object as after it.
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
 * @param c                   C, logistic regression's inverse regularisation strength (scikit-learn's C), &gt; 0, default 1
 * @param maxIter             max_iter, logistic regression's L-BFGS iterations, ≥ 1, default 100
 * @param tol                 tol, logistic regression's stopping tolerance on the gradient, &gt; 0, default 1e-4
 * @param fitIntercept        fit_intercept, linear and logistic regression, default true
 * @param minSamplesLeaf      min_samples_leaf, CART's fewest training rows in a leaf, ≥ 1, default 1
 * @param criterion           criterion, CART's split quality: gini or entropy (classification), squared_error or
 *                            absolute_error (regression); null = gini / squared_error by objective
 * @param maxFeatures         max_features, CART's fraction of the features tried at each split, (0, 1], default 1
 *                            (below 1 the seed chooses them)
 */
public record Hyperparameters(int numRound, double eta, int maxDepth, double minChildWeight, double subsample,
                              double colsampleBytree, double gamma, double lambda, double alpha, String objective,
                              String evalMetric, int earlyStoppingRounds, double scalePosWeight, long seed,
                              int nthread, int numClass, String treeMethod, double c, int maxIter, double tol,
                              boolean fitIntercept, int minSamplesLeaf, String criterion, double maxFeatures) {

    public static final String BINARY_LOGISTIC = "binary:logistic";
    public static final String MULTI_SOFTPROB = "multi:softprob";
    public static final String REG_SQUAREDERROR = "reg:squarederror";

    /** XGBoost's names, in SageMaker's spelling. */
    public static final List<String> NAMES = List.of("num_round", "eta", "max_depth", "min_child_weight", "subsample",
            "colsample_bytree", "gamma", "lambda", "alpha", "objective", "eval_metric", "early_stopping_rounds",
            "scale_pos_weight", "seed", "nthread", "num_class", "tree_method");
    /** The names only the other learners read, in scikit-learn's spelling (see {@link Algorithm#hyperparameters()}). */
    public static final List<String> LEARNER_NAMES = List.of("C", "max_iter", "tol", "fit_intercept", "min_samples_leaf", "criterion",
            "max_features");
    /** Every name any learner reads. */
    public static final List<String> ALL_NAMES = java.util.stream.Stream.of(NAMES, LEARNER_NAMES).flatMap(List::stream).toList();
    /** CART's criteria: classification, then regression. */
    public static final List<String> CLASSIFICATION_CRITERIA = List.of("gini", "entropy");
    public static final List<String> REGRESSION_CRITERIA = List.of("squared_error", "absolute_error");

    public static final List<String> OBJECTIVES = List.of(BINARY_LOGISTIC, MULTI_SOFTPROB, REG_SQUAREDERROR);
    public static final List<String> TREE_METHODS = List.of("auto", "exact", "approx", "hist");
    /** XGBoost's own metric names usable here, by objective family. */
    public static final List<String> BINARY_METRICS = List.of("logloss", "error", "auc", "aucpr");
    public static final List<String> MULTI_METRICS = List.of("mlogloss", "merror");
    public static final List<String> REGRESSION_METRICS = List.of("rmse", "mae", "rmsle", "mape");
    /** Every eval_metric name, of any objective. */
    public static final List<String> ALL_METRICS = java.util.stream.Stream.of(BINARY_METRICS, MULTI_METRICS, REGRESSION_METRICS)
            .flatMap(List::stream).toList();

    /**
     * Checks each value on its own (a range, a known name). How values combine (eval_metric with the
     * objective, num_class with multi:softprob, max_depth 0 with the tree method) is checked by
     * {@link #validate()} once the set is complete, so the withers can be called in any order.
     */
    public Hyperparameters {
        // the default criterion is no choice: null, so a recorded "gini" reads back equal
        if (criterion != null && criterion.equals(REG_SQUAREDERROR.equals(objective) ? "squared_error" : "gini")) criterion = null;
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
        if (evalMetric != null && evalMetric.isBlank()) evalMetric = null;
        if (evalMetric != null) {
            if (evalMetric.contains(",")) {
                throw bad("eval_metric", evalMetric, "one metric only: XGBoost4J early stopping watches the last metric and "
                        + "several metrics overrun its per-watch score array", "keep the metric to stop on");
            }
            if (!ALL_METRICS.contains(evalMetric)) throw bad("eval_metric", evalMetric, "must be one of " + ALL_METRICS, hint(evalMetric, ALL_METRICS));
        }
        if (earlyStoppingRounds < 0) {
            throw bad("early_stopping_rounds", earlyStoppingRounds, "must be ≥ 1 (or 0 for no early stopping)", "use e.g. 10");
        }
        if (!(scalePosWeight > 0) || Double.isInfinite(scalePosWeight)) {
            throw bad("scale_pos_weight", scalePosWeight, "must be a finite number > 0", "use sum(negative)/sum(positive)");
        }
        if (nthread < 1) throw bad("nthread", nthread, "must be ≥ 1", "use the number of cores, e.g. 2");
        if (numClass < 0 || numClass == 1) {
            throw bad("num_class", numClass, "must be ≥ 2 (the number of classes of multi:softprob), or 0 when not multiclass", "set the number of classes");
        }
        if (treeMethod == null || !TREE_METHODS.contains(treeMethod)) {
            throw bad("tree_method", treeMethod, "must be one of " + TREE_METHODS + " (no GPU here)", hint(treeMethod, TREE_METHODS));
        }
        if (!(c > 0) || Double.isInfinite(c)) throw bad("C", c, "must be a finite number > 0 (smaller is stronger regularisation)", "use e.g. 1.0");
        if (maxIter < 1) throw bad("max_iter", maxIter, "must be ≥ 1", "use e.g. 100");
        if (!(tol > 0) || Double.isInfinite(tol)) throw bad("tol", tol, "must be a finite number > 0", "use e.g. 1e-4");
        if (minSamplesLeaf < 1) throw bad("min_samples_leaf", minSamplesLeaf, "must be ≥ 1", "use e.g. 1 or 5");
        List<String> criteria = java.util.stream.Stream.of(CLASSIFICATION_CRITERIA, REGRESSION_CRITERIA).flatMap(List::stream).toList();
        if (criterion != null && !criteria.contains(criterion)) throw bad("criterion", criterion, "must be one of " + criteria, hint(criterion, criteria));
        range("max_features", maxFeatures, 0, 1, true);
    }

    /**
     * Checks how the values combine: eval_metric belongs to the objective's family, num_class is set
     * exactly for multi:softprob, max_depth 0 has a tree method that allows it. Returns this. A training
     * job, a learner and {@link #fromMap} call it; the withers do not, so their order never matters.
     *
     * <pre>{@code
     * Hyperparameters.numRound(10).withEvalMetric("auc").withObjective("binary:logistic").validate();   // fine
     * Hyperparameters.numRound(10).withObjective("binary:logistic").withEvalMetric("rmse").validate();
     * // eval_metric=rmse: must be one of [logloss, error, auc, aucpr] for objective=binary:logistic; ...
     * }</pre>
     */
    public Hyperparameters validate() { return validate(Algorithm.XGBOOST); }

    /**
     * As {@link #validate()} for the settings {@code algorithm} reads: XGBoost's combinations for XGBoost, CART's
     * criterion against the objective for CART.
     */
    public Hyperparameters validate(Algorithm algorithm) {
        if (criterion != null) {
            List<String> fit = isClassification() ? CLASSIFICATION_CRITERIA : REGRESSION_CRITERIA;
            if (!fit.contains(criterion)) {
                throw bad("criterion", criterion, "must be one of " + fit + " for objective=" + objective, hint(criterion, fit));
            }
        }
        if (MULTI_SOFTPROB.equals(objective)) {
            if (numClass < 2) throw bad("num_class", numClass, "is required (≥ 2) for objective=multi:softprob", "set num_class to the number of classes");
        } else if (numClass != 0) {
            throw bad("num_class", numClass, "is only allowed with objective=multi:softprob (objective=" + objective + ")", "remove num_class");
        }
        if (algorithm != Algorithm.XGBOOST) return this;
        if (evalMetric != null) {
            List<String> allowed = metricsFor(objective);
            if (!allowed.contains(evalMetric)) {
                throw bad("eval_metric", evalMetric, "must be one of " + allowed + " for objective=" + objective,
                        "choose one of those, or the objective that " + evalMetric + " measures");
            }
        }
        if (maxDepth == 0 && ("exact".equals(treeMethod) || "auto".equals(treeMethod))) {
            throw bad("max_depth", 0, "no depth limit needs tree_method=hist or approx (tree_method=" + treeMethod + ")",
                    "set tree_method=hist or a max_depth ≥ 1");
        }
        return this;
    }

    /** SageMaker defaults with the one required value, num_round. nthread defaults to the processors available. */
    public static Hyperparameters numRound(int numRound) {
        return new Hyperparameters(numRound, 0.3, 6, 1, 1, 1, 0, 1, 0, REG_SQUAREDERROR, null, 0, 1, 0,
                Runtime.getRuntime().availableProcessors(), 0, "auto", 1.0, 100, 1e-4, true, 1, null, 1.0);
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

    /** The metric to evaluate: the one set, or the objective's default when none is (error, mlogloss or rmse). */
    @Override public String evalMetric() { return evalMetric != null ? evalMetric : defaultMetric(objective); }

    /** Whether eval_metric was set, rather than following the objective's default. */
    public boolean evalMetricSet() { return evalMetric != null; }

    /** Whether a larger {@link #evalMetric()} is better: the metric registry's answer (auc: higher; logloss: lower). */
    public Direction evalDirection() { return Metric.byName(evalMetric()).direction(); }

    public Hyperparameters withNumRound(int v) { return new Hyperparameters(v, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withEta(double v) { return new Hyperparameters(numRound, v, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withMaxDepth(int v) { return new Hyperparameters(numRound, eta, v, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withMinChildWeight(double v) { return new Hyperparameters(numRound, eta, maxDepth, v, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withSubsample(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, v, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withColsampleBytree(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, v, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withGamma(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, v, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withLambda(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, v, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withAlpha(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, v, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    /** The objective; an eval_metric left unset follows it, one that was set stays (and must fit, see {@link #validate()}). */
    public Hyperparameters withObjective(String v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, v, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withEvalMetric(String v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, v, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withEarlyStoppingRounds(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, v, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withScalePosWeight(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, v, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withSeed(long v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, v, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withNthread(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, v, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    /** objective=multi:softprob with {@code numClass} classes (the same as withObjective("multi:softprob").withNumClass(numClass)). */
    public Hyperparameters withMultiClass(int numClass) {
        return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, MULTI_SOFTPROB, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures);
    }

    /** Sets objective multi:softprob's num_class. */
    public Hyperparameters withNumClass(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, v, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    /** Logistic regression's C (scikit-learn's inverse regularisation strength). */
    public Hyperparameters withC(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, v, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withMaxIter(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, v, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withTol(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, v, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withFitIntercept(boolean v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, v, minSamplesLeaf, criterion, maxFeatures); }
    public Hyperparameters withMinSamplesLeaf(int v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, v, criterion, maxFeatures); }
    public Hyperparameters withCriterion(String v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, v, maxFeatures); }
    public Hyperparameters withMaxFeatures(double v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, treeMethod, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, v); }

    /** CART's criterion: the one set, else gini for classification and squared_error for regression. */
    @Override public String criterion() { return criterion != null ? criterion : isClassification() ? "gini" : "squared_error"; }

    public Hyperparameters withTreeMethod(String v) { return new Hyperparameters(numRound, eta, maxDepth, minChildWeight, subsample, colsampleBytree, gamma, lambda, alpha, objective, evalMetric, earlyStoppingRounds, scalePosWeight, seed, nthread, numClass, v, c, maxIter, tol, fitIntercept, minSamplesLeaf, criterion, maxFeatures); }

    /**
     * Reads SageMaker-named XGBoost hyperparameters (see {@link #fromMap(Map, Algorithm)}).
     *
     * <pre>{@code
     * Hyperparameters.fromMap(Map.of("num_round", "100", "seed", "18446744073709551615"));
     * // seed=18446744073709551615: does not fit in a 64-bit integer (...); use a smaller value
     * }</pre>
     */
    public static Hyperparameters fromMap(Map<String, ?> values) {
        return fromMap(values, Algorithm.XGBOOST);
    }

    /**
     * Reads the SageMaker-named hyperparameters given to {@code algorithm}. Values may be strings (as in
     * SageMaker's hyperparameters.json) or numbers, and are read exactly: a whole number must have no
     * fraction and fit its type (a 64-bit seed stays exact; {@code "99999999999999999999"} is an error,
     * never clamped). An unknown name is an error naming the closest valid one; a name the algorithm
     * does not read (CART given {@code eta}) is an error too, since it would silently do nothing.
     * num_round is required when the algorithm boosts. The result is {@link #validate() validated}.
     */
    public static Hyperparameters fromMap(Map<String, ?> values, Algorithm algorithm) {
        for (String name : values.keySet()) {
            if (!ALL_NAMES.contains(name)) {
                String close = Columns.closest(name, ALL_NAMES);
                throw DataValidationException.param(name, values.get(name), "unknown hyperparameter",
                        (close != null ? "did you mean '" + close + "'? " : "") + "algorithm=" + algorithm.id() + " reads "
                                + algorithm.hyperparameters());
            }
            algorithm.requireUses(name, values.get(name));
        }
        boolean boosts = algorithm.hyperparameters().contains("num_round");
        if (boosts && !values.containsKey("num_round")) {
            throw DataValidationException.param("num_round", null, "is required", "set num_round, e.g. \"num_round\": \"100\"");
        }
        Hyperparameters h = numRound(boosts ? intOf(values, "num_round") : 1);
        return new Hyperparameters(
                h.numRound,
                dbl(values, "eta", h.eta),
                // CART grows until min_samples_leaf stops it, as scikit-learn's max_depth=None; XGBoost's default is 6
                values.containsKey("max_depth") ? intOf(values, "max_depth") : algorithm == Algorithm.CART ? 0 : h.maxDepth,
                dbl(values, "min_child_weight", h.minChildWeight),
                dbl(values, "subsample", h.subsample),
                dbl(values, "colsample_bytree", h.colsampleBytree),
                dbl(values, "gamma", h.gamma),
                dbl(values, "lambda", h.lambda),
                dbl(values, "alpha", h.alpha),
                values.containsKey("objective") ? str(values, "objective") : h.objective,
                values.containsKey("eval_metric") ? str(values, "eval_metric") : null,
                values.containsKey("early_stopping_rounds") ? intOf(values, "early_stopping_rounds") : 0,
                dbl(values, "scale_pos_weight", h.scalePosWeight),
                values.containsKey("seed") ? longOf(values, "seed") : h.seed,
                values.containsKey("nthread") ? intOf(values, "nthread") : h.nthread,
                values.containsKey("num_class") ? intOf(values, "num_class") : 0,
                values.containsKey("tree_method") ? str(values, "tree_method") : h.treeMethod,
                dbl(values, "C", h.c),
                values.containsKey("max_iter") ? intOf(values, "max_iter") : h.maxIter,
                dbl(values, "tol", h.tol),
                values.containsKey("fit_intercept") ? bool(values, "fit_intercept") : h.fitIntercept,
                values.containsKey("min_samples_leaf") ? intOf(values, "min_samples_leaf") : h.minSamplesLeaf,
                values.containsKey("criterion") ? str(values, "criterion") : null,
                dbl(values, "max_features", h.maxFeatures)).validate(algorithm);
    }

    /** XGBoost's SageMaker-named values as strings, in {@link #NAMES} order: the content of an XGBoost job's hyperparameters.json. */
    public Map<String, String> toMap() {
        Map<String, String> m = allValues();
        m.keySet().retainAll(NAMES);
        return m;
    }

    /** Every value under its name, XGBoost's then the other learners'. */
    private Map<String, String> allValues() {
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
        m.put("eval_metric", evalMetric());
        if (earlyStoppingRounds > 0) m.put("early_stopping_rounds", Integer.toString(earlyStoppingRounds));
        m.put("scale_pos_weight", num(scalePosWeight));
        m.put("seed", Long.toString(seed));
        m.put("nthread", Integer.toString(nthread));
        if (numClass > 0) m.put("num_class", Integer.toString(numClass));
        m.put("tree_method", treeMethod);
        m.put("C", num(c));
        m.put("max_iter", Integer.toString(maxIter));
        m.put("tol", num(tol));
        m.put("fit_intercept", Boolean.toString(fitIntercept));
        m.put("min_samples_leaf", Integer.toString(minSamplesLeaf));
        m.put("criterion", criterion());
        m.put("max_features", num(maxFeatures));
        return m;
    }

    /**
     * The values {@code algorithm} reads, in {@link #NAMES} order: what its job's hyperparameters.json,
     * job.json and model card record (a CART job records max_depth, not eta).
     */
    public Map<String, String> toMap(Algorithm algorithm) {
        Map<String, String> all = allValues();
        Map<String, String> m = new LinkedHashMap<>();
        for (String name : algorithm.hyperparameters()) if (all.containsKey(name)) m.put(name, all.get(name));
        return m;
    }

    /** The parameter map XGBoost4J (and XGBoost4J-Spark) takes (its own names; num_round and early stopping are loop settings). */
    public Map<String, Object> xgboostParams() {
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
        p.put("eval_metric", evalMetric());
        p.put("scale_pos_weight", scalePosWeight);
        p.put("seed", seed);
        p.put("nthread", nthread);
        if (numClass > 0) p.put("num_class", numClass);
        p.put("tree_method", treeMethod);
        p.put("verbosity", 0);
        return p;
    }

    @Override public String toString() {
        return "Hyperparameters" + allValues();
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

    private static boolean bool(Map<String, ?> m, String k) {
        Object v = m.get(k);
        if (v instanceof Boolean b) return b;
        String t = String.valueOf(v).trim().toLowerCase(Locale.ROOT);
        if (t.equals("true")) return true;
        if (t.equals("false")) return false;
        throw bad(k, v, "must be true or false", "write e.g. \"" + k + "\": \"true\"");
    }

    private static String str(Map<String, ?> m, String k) {
        Object v = m.get(k);
        if (v != null && !(v instanceof String)) throw bad(k, v, "must be a name (a string)", "write e.g. \"" + k + "\": \"...\"");
        return v == null ? null : v.toString().trim().toLowerCase(Locale.ROOT);
    }

    /** The exact value of a number or of a string holding one; strings such as "NaN", "1d" or "0x10" are not numbers. */
    private static java.math.BigDecimal decimal(String k, Object v, String expected, String example) {
        java.math.BigDecimal d = null;
        if (v instanceof java.math.BigDecimal b) d = b;
        else if (v instanceof java.math.BigInteger b) d = new java.math.BigDecimal(b);
        else if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) d = java.math.BigDecimal.valueOf(((Number) v).longValue());
        else if (v instanceof Number n && Double.isFinite(n.doubleValue())) d = new java.math.BigDecimal(n.toString());
        else if (v instanceof String s) d = dev.holdout.data.DecimalText.parse(s);
        if (d == null) throw bad(k, v, "must be " + expected, "write e.g. \"" + k + "\": \"" + example + "\"");
        return d;
    }

    private static double dbl(Map<String, ?> m, String k, double dflt) {
        if (!m.containsKey(k)) return dflt;
        double d = decimal(k, m.get(k), "a number", fmt(dflt)).doubleValue();
        if (!Double.isFinite(d)) throw bad(k, m.get(k), "is too large for a number", null);
        return d;
    }

    private static long longOf(Map<String, ?> m, String k) {
        Object v = m.get(k);
        return dev.holdout.io.JsonFields.exactLong(decimal(k, v, "an integer", "10"), k, String.valueOf(v));
    }

    private static int intOf(Map<String, ?> m, String k) {
        long l = longOf(m, k);
        if (l > Integer.MAX_VALUE || l < Integer.MIN_VALUE) throw bad(k, m.get(k), "is out of the integer range (at most " + Integer.MAX_VALUE + ")", "use a smaller value");
        return (int) l;
    }
}
