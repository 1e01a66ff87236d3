package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.report.Html;
import dev.holdout.split.CrossValidator;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.split.Part;
import dev.holdout.split.Split;
import dev.holdout.split.Splitter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * Cross-validation that refits the unfitted preprocessing inside every fold, as scikit-learn's
 * {@code cross_validate(pipeline, ...)}: in each fold the {@link Preprocessor} is fitted on the
 * fold's training rows only, the fold's held-out rows are transformed with those statistics, and
 * the {@link Learner} is fitted and scored. It takes the raw table and the unfitted spec; by design
 * there is no way to hand it already-transformed data.
 *
 * <p>With {@link #earlyStoppingOn(Splitter)} and a {@link StoppingLearner} (an XGBoost job with
 * {@code early_stopping_rounds}), each fold trains as the real job does: the splitter carves a
 * validation part out of <em>that fold's training rows</em> (its test part becomes the validation
 * watch), the preprocessing is fitted on the rest, training stops on the validation part, and the
 * fold's test rows are scored once, at the best iteration. The test rows never decide when to stop
 * (scikit-learn's and XGBoost's own CV stop on, or ignore, the held-out fold: XGBoost #4888, #6893).
 * Each fold reports its best iteration; {@link Result#refitRounds()} is the documented rule for the
 * final model's rounds.
 *
 * <pre>{@code
 * CrossValidation cv = CrossValidation.of(spec, TribuoLearner.logisticRegression(42), "rain");
 * CrossValidation.Result r = cv.run(table, StratifiedKFold.on("rain", 5).seed(42));
 * r;   // roc_auc 0.712 ± 0.031 over 5 folds
 *
 * CrossValidation.Result x = CrossValidation.of(spec, new XGBoostLearner(hp.withEarlyStoppingRounds(10)), "rain")
 *         .earlyStoppingOn(StratifiedSplit.on("rain").test(0.2).seed(7))
 *         .run(table, StratifiedKFold.on("rain", 5).seed(42));
 * x.folds().get(0).bestIteration();   // 37
 * x.refitRounds();                    // 41: the median of the folds' best rounds
 * }</pre>
 */
public final class CrossValidation {
    private final Preprocessor spec;
    private final Learner learner;
    private final String label;
    private final Splitter stopping;

    private CrossValidation(Preprocessor spec, Learner learner, String label, Splitter stopping) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.learner = Objects.requireNonNull(learner, "learner");
        if (label == null || label.isBlank()) {
            throw DataValidationException.param("label", label, "a label column is required", "name the label column");
        }
        this.label = label;
        this.stopping = stopping;
    }

    public static CrossValidation of(Preprocessor spec, Learner learner, String label) { return new CrossValidation(spec, learner, label, null); }

    /**
     * Early stopping inside every fold on a validation part that {@code carve} splits off that fold's
     * training rows: the carve's test part is the validation watch and its train part is fitted on (a
     * carve with a validation part of its own is refused). Use a stratified carve for classes, a
     * {@code TimeSplit} carve (the latest rows) when the folds are in time order. The learner must be
     * a {@link StoppingLearner}.
     */
    public CrossValidation earlyStoppingOn(Splitter carve) {
        return new CrossValidation(spec, learner, label, Objects.requireNonNull(carve, "carve"));
    }

    /** Splits {@code table} with {@code cv} and runs every fold. */
    public Result run(Table table, CrossValidator cv) { return run(table, cv.split(table)); }

    /** Runs every fold of {@code folds}, which must have been made on {@code table}. */
    public Result run(Table table, Folds folds) {
        Columns.require(table, label, "label");
        if (folds.provenance().rowCount() != table.rowCount()) {
            throw DataValidationException.param("table.rowCount", table.rowCount(),
                    "must equal the row count the folds were made on (" + folds.provenance().rowCount() + ")",
                    "make the folds from the same table");
        }
        StoppingLearner stopper = stopper();
        List<FoldScore> scores = new ArrayList<>();
        for (Fold fold : folds) scores.add(scoreFold(table, fold, stopper));
        return new Result(learner.metric(), scores);
    }

    /** The learner as a {@link StoppingLearner} when early stopping is on, else null. */
    StoppingLearner stopper() {
        if (stopping == null) return null;
        if (!(learner instanceof StoppingLearner sl)) {
            throw DataValidationException.param("learner", learner, "early stopping inside the folds needs a learner that stops on a validation part",
                    "use an XGBoostLearner with early_stopping_rounds, or drop earlyStoppingOn");
        }
        return sl;
    }

    /** One fold: preprocessing fitted on the fold's training rows (without a carved validation part), the learner fitted and scored. */
    FoldScore scoreFold(Table table, Fold fold, StoppingLearner stopper) {
        if (stopper == null) {
            Preprocessor.Fit fit = spec.fitTransform(fold.train(table));
            Table test = fit.fitted().transform(fold.test(table));
            double s = learner.fitAndScore(fit.train(), test, label);
            return new FoldScore(fold.number(), fold.train().size(), fold.test().size(), s, fit.fitted().fittedOn());
        }
        Table foldTrain = fold.train(table);
        Split carved = stopping.split(foldTrain);
        if (carved.hasValidation()) {
            throw DataValidationException.param("earlyStoppingOn", carved.provenance(), "makes a validation part of its own; its test part is the validation watch",
                    "give the carve a test size only (e.g. StratifiedSplit.on(label).test(0.2))");
        }
        Preprocessor.Fit fit = spec.fitTransform(carved.train(foldTrain));
        Table validation = fit.fitted().transform(carved.test(foldTrain));
        Table test = fit.fitted().transform(fold.test(table));
        StoppingLearner.Stopped s = stopper.fitAndScore(fit.train(), validation, test, label);
        return new FoldScore(fold.number(), carved.size(Part.TRAIN), fold.test().size(), s.score(), fit.fitted().fittedOn(),
                carved.size(Part.TEST), s.bestIteration(), s.rounds());
    }

    /** The same cross-validation with another learner (nested cross-validation tries each candidate this way). */
    CrossValidation withLearner(Learner other) { return new CrossValidation(spec, other, label, stopping); }

    String label() { return label; }

    /**
     * One fold's score and the fingerprint of the rows its preprocessing was fitted on; with early
     * stopping also the validation rows carved from the fold's training rows, the best iteration and the
     * rounds trained ({@code validationRows} 0 and {@code bestIteration} -1 without).
     *
     * @param trainRows the rows fitted on (without the carved validation rows)
     */
    public record FoldScore(int fold, int trainRows, int testRows, double score, Fingerprint preprocessingFittedOn, int validationRows,
                            int bestIteration, int rounds) {
        public FoldScore(int fold, int trainRows, int testRows, double score, Fingerprint preprocessingFittedOn) {
            this(fold, trainRows, testRows, score, preprocessingFittedOn, 0, -1, 0);
        }

        @Override public String toString() {
            String s = String.format(Locale.ROOT, "fold %d: %.4f (%d/%d rows)", fold, score, trainRows, testRows);
            return bestIteration < 0 ? s : s + String.format(Locale.ROOT, ", stopped on %d validation rows at best iteration %d of %d rounds",
                    validationRows, bestIteration, rounds);
        }
    }

    /** Per-fold scores with their mean and (population) standard deviation. */
    public record Result(String metric, List<FoldScore> folds) {
        public Result {
            folds = List.copyOf(folds);
        }

        public double mean() { return folds.stream().mapToDouble(FoldScore::score).average().orElse(Double.NaN); }

        public double std() {
            double m = mean();
            return Math.sqrt(folds.stream().mapToDouble(f -> (f.score() - m) * (f.score() - m)).average().orElse(Double.NaN));
        }

        public double[] scores() { return folds.stream().mapToDouble(FoldScore::score).toArray(); }

        /** Whether every fold stopped early on a carved validation part (so {@link #refitRounds()} is defined). */
        public boolean stopped() { return !folds.isEmpty() && folds.stream().allMatch(f -> f.bestIteration() >= 0); }

        /**
         * The rounds for the final model, refitted on all rows without a validation part: the median of the
         * folds' best rounds ({@code bestIteration + 1}); with an even number of folds the mean of the two
         * middle ones, rounded half up. The median, because one fold that stops late (or early) should not
         * move it; not scaled up for the larger refit data, because how the best round grows with the rows
         * depends on the learning rate and the data, and a rule that guesses it would hide that. Check the
         * spread of the folds' best iterations: a wide spread says the number of rounds is not well determined.
         */
        public int refitRounds() {
            if (!stopped()) {
                throw DataValidationException.param("refitRounds", "no early stopping", "the folds did not stop on a validation part, so there is no best iteration to carry over",
                        "run the cross-validation with earlyStoppingOn(...) and a StoppingLearner");
            }
            int[] best = folds.stream().mapToInt(f -> f.bestIteration() + 1).sorted().toArray();
            int n = best.length;
            return n % 2 == 1 ? best[n / 2] : (best[n / 2 - 1] + best[n / 2] + 1) / 2;
        }

        @Override public String toString() {
            String s = String.format(Locale.ROOT, "%s %.4f ± %.4f over %d folds", metric, mean(), std(), folds.size());
            return stopped() ? s + " (early stopping in each fold; refit with " + refitRounds() + " rounds)" : s;
        }

        public String toHtml() {
            List<List<String>> rows = new ArrayList<>();
            boolean stopped = stopped();
            for (FoldScore f : folds) {
                List<String> row = new ArrayList<>(List.of(String.valueOf(f.fold()), String.valueOf(f.trainRows()), String.valueOf(f.testRows())));
                if (stopped) row.addAll(List.of(String.valueOf(f.validationRows()), String.valueOf(f.bestIteration())));
                row.add(String.format(Locale.ROOT, "%.4f", f.score()));
                rows.add(row);
            }
            List<String> head = stopped ? List.of("fold", "train rows", "test rows", "validation rows", "best iteration", metric)
                    : List.of("fold", "train rows", "test rows", metric);
            return "<p>" + Html.escape(toString()) + "</p>" + Html.table(head, rows);
        }
    }
}
