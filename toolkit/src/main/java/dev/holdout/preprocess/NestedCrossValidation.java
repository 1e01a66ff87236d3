package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.report.Html;
import dev.holdout.split.CrossValidator;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Nested cross-validation in one call: the outer folds estimate how well <em>the whole procedure</em>
 * — tuning included — does on new data; inside each outer fold, the inner folds choose among the
 * candidate learners using that outer fold's training rows only.
 *
 * <p>No fold information crosses: the inner cross-validator splits a copy of the outer fold's training
 * rows (its row positions refer to that copy, so an outer test row cannot be in any inner fold), every
 * preprocessing fit happens inside a fold ({@link CrossValidation}), and the outer test rows are scored
 * once, by the candidate the inner folds chose, refitted on all the outer training rows. The mean of the
 * outer scores is the estimate to report; the best inner mean is optimistic (it was chosen as the maximum),
 * which {@link Result#selectionOptimism()} measures.
 *
 * <pre>{@code
 * Map<String, Learner> candidates = Map.of("depth 2", new XGBoostLearner(hp.withMaxDepth(2)),
 *                                          "depth 6", new XGBoostLearner(hp.withMaxDepth(6)));
 * NestedCrossValidation.Result r = NestedCrossValidation.of(spec, "malignant", candidates)
 *         .outer(StratifiedKFold.on("malignant", 5).seed(1))
 *         .inner(StratifiedKFold.on("malignant", 3).seed(2))
 *         .run(cancer);
 * r.mean();           // the honest estimate, 0.987
 * r.folds().get(0);   // outer fold 1: chose "depth 2" (inner 0.991 vs 0.989), scored 0.984
 * }</pre>
 */
public final class NestedCrossValidation {
    private final CrossValidation base;
    private final Map<String, Learner> candidates;
    private final CrossValidator outer;
    private final CrossValidator inner;

    private NestedCrossValidation(CrossValidation base, Map<String, Learner> candidates, CrossValidator outer, CrossValidator inner) {
        this.base = base;
        this.candidates = candidates;
        this.outer = outer;
        this.inner = inner;
    }

    /**
     * Chooses among {@code candidates} (name to learner, tried in the map's order; a tie goes to the earlier)
     * with the unfitted preprocessing {@code spec} refitted in every fold. Higher scores are better.
     */
    public static NestedCrossValidation of(Preprocessor spec, String label, Map<String, ? extends Learner> candidates) {
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            throw DataValidationException.param("candidates", "{}", "nested cross-validation chooses among at least one candidate",
                    "pass a map of names to learners");
        }
        Map<String, Learner> copy = new LinkedHashMap<>(candidates);
        Learner first = copy.values().iterator().next();
        String metric = first.metric();
        for (Map.Entry<String, Learner> e : copy.entrySet()) {
            if (!e.getValue().metric().equals(metric)) {
                throw DataValidationException.param("candidates." + e.getKey(), e.getValue().metric(), "scores " + e.getValue().metric()
                        + " but the first candidate scores " + metric + "; candidates are compared on one score", "use learners with the same metric");
            }
        }
        return new NestedCrossValidation(CrossValidation.of(spec, first, label), copy, null, null);
    }

    /** The folds that estimate the procedure. */
    public NestedCrossValidation outer(CrossValidator cv) { return new NestedCrossValidation(base, candidates, cv, inner); }

    /** The folds, made inside each outer training part, that choose the candidate. */
    public NestedCrossValidation inner(CrossValidator cv) { return new NestedCrossValidation(base, candidates, outer, cv); }

    /** Early stopping in every inner and outer fit on a part carved from that fit's training rows ({@link CrossValidation#earlyStoppingOn}). */
    public NestedCrossValidation earlyStoppingOn(dev.holdout.split.Splitter carve) {
        return new NestedCrossValidation(base.earlyStoppingOn(carve), candidates, outer, inner);
    }

    public Result run(Table table) {
        if (outer == null || inner == null) {
            throw DataValidationException.param(outer == null ? "outer" : "inner", "(none)", "nested cross-validation needs an outer and an inner cross-validator",
                    "call .outer(...) and .inner(...)");
        }
        Columns.require(table, base.label(), "label");
        Folds outerFolds = outer.split(table);
        List<OuterFold> out = new ArrayList<>();
        for (Fold fold : outerFolds) {
            Table outerTrain = fold.train(table);
            Folds innerFolds = inner.split(outerTrain);
            Map<String, Double> means = new LinkedHashMap<>();
            String chosen = null;
            double best = Double.NEGATIVE_INFINITY;
            for (Map.Entry<String, Learner> c : candidates.entrySet()) {
                CrossValidation cv = base.withLearner(c.getValue());
                double mean = cv.run(outerTrain, innerFolds).mean();
                means.put(c.getKey(), mean);
                if (mean > best) {
                    best = mean;
                    chosen = c.getKey();
                }
            }
            if (chosen == null) {
                throw DataValidationException.param("candidates", means, "every candidate's inner score was NaN in outer fold " + fold.number(),
                        "check the inner folds (a class missing from a fold?)");
            }
            CrossValidation winner = base.withLearner(candidates.get(chosen));
            CrossValidation.FoldScore score = winner.scoreFold(table, fold, winner.stopper());
            out.add(new OuterFold(fold.number(), chosen, means, score.score(), fold.train().size(), fold.test().size(),
                    Fingerprint.of(outerTrain, outerTrain.columnNames()), score));
        }
        return new Result(candidates.values().iterator().next().metric(), out);
    }

    /**
     * One outer fold: the inner mean score of each candidate, the one chosen, and its score on the outer test rows.
     *
     * @param innerRows the fingerprint of the rows the inner folds were made from (the outer training rows, all columns)
     * @param outer     the chosen candidate's outer fit (preprocessing fingerprint, best iteration with early stopping)
     */
    public record OuterFold(int fold, String chosen, Map<String, Double> innerMeans, double score, int trainRows, int testRows,
                            Fingerprint innerRows, CrossValidation.FoldScore outer) {
        public OuterFold {
            innerMeans = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(innerMeans));
        }

        /** The chosen candidate's inner mean. */
        public double innerBest() { return innerMeans.get(chosen); }

        @Override public String toString() {
            return String.format(Locale.ROOT, "outer fold %d: chose %s (inner %.4f), scored %.4f on %d rows", fold, chosen, innerBest(), score, testRows);
        }
    }

    /** The outer folds; {@link #mean()} is the estimate of the tuned procedure. */
    public record Result(String metric, List<OuterFold> folds) {
        public Result {
            folds = List.copyOf(folds);
        }

        public double mean() { return folds.stream().mapToDouble(OuterFold::score).average().orElse(Double.NaN); }

        /** Population standard deviation of the outer scores. */
        public double std() {
            double m = mean();
            return Math.sqrt(folds.stream().mapToDouble(f -> (f.score() - m) * (f.score() - m)).average().orElse(Double.NaN));
        }

        /** How often each candidate was chosen. */
        public Map<String, Integer> choices() {
            Map<String, Integer> out = new LinkedHashMap<>();
            for (OuterFold f : folds) out.merge(f.chosen(), 1, Integer::sum);
            return out;
        }

        /**
         * The mean of the chosen candidates' inner scores minus the outer mean: how much the score used to choose
         * flatters the chosen model (positive when choosing the maximum of noisy estimates overstates it).
         */
        public double selectionOptimism() {
            return folds.stream().mapToDouble(OuterFold::innerBest).average().orElse(Double.NaN) - mean();
        }

        @Override public String toString() {
            return String.format(Locale.ROOT, "nested %s %.4f ± %.4f over %d outer folds (chosen: %s; inner scores of the chosen %+.4f above the outer)",
                    metric, mean(), std(), folds.size(), choices(), selectionOptimism());
        }

        public String toHtml() {
            List<List<String>> rows = new ArrayList<>();
            for (OuterFold f : folds) {
                rows.add(List.of(String.valueOf(f.fold()), f.chosen(), String.format(Locale.ROOT, "%.4f", f.innerBest()),
                        String.format(Locale.ROOT, "%.4f", f.score()), String.valueOf(f.testRows())));
            }
            return "<p>" + Html.escape(toString()) + "</p>"
                    + Html.table(List.of("outer fold", "chosen", "inner mean", "outer " + metric, "test rows"), rows);
        }
    }
}
