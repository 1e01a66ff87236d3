package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.report.Html;
import dev.holdout.split.CrossValidator;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
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
 * <pre>{@code
 * CrossValidation cv = CrossValidation.of(spec, TribuoLearner.logisticRegression(42), "rain");
 * CrossValidation.Result r = cv.run(table, StratifiedKFold.on("rain", 5).seed(42));
 * r;   // roc_auc 0.712 ± 0.031 over 5 folds
 * }</pre>
 */
public final class CrossValidation {
    private final Preprocessor spec;
    private final Learner learner;
    private final String label;

    private CrossValidation(Preprocessor spec, Learner learner, String label) {
        this.spec = Objects.requireNonNull(spec, "spec");
        this.learner = Objects.requireNonNull(learner, "learner");
        if (label == null || label.isBlank()) {
            throw DataValidationException.param("label", label, "a label column is required", "name the label column");
        }
        this.label = label;
    }

    public static CrossValidation of(Preprocessor spec, Learner learner, String label) { return new CrossValidation(spec, learner, label); }

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
        List<FoldScore> scores = new ArrayList<>();
        for (Fold fold : folds) {
            Preprocessor.Fit fit = spec.fitTransform(fold.train(table));
            Table test = fit.fitted().transform(fold.test(table));
            double s = learner.fitAndScore(fit.train(), test, label);
            scores.add(new FoldScore(fold.number(), fold.train().size(), fold.test().size(), s, fit.fitted().fittedOn()));
        }
        return new Result(learner.metric(), scores);
    }

    /** One fold's score and the fingerprint of the rows its preprocessing was fitted on. */
    public record FoldScore(int fold, int trainRows, int testRows, double score, Fingerprint preprocessingFittedOn) {
        @Override public String toString() { return String.format(Locale.ROOT, "fold %d: %.4f (%d/%d rows)", fold, score, trainRows, testRows); }
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

        @Override public String toString() {
            return String.format(Locale.ROOT, "%s %.4f ± %.4f over %d folds", metric, mean(), std(), folds.size());
        }

        public String toHtml() {
            List<List<String>> rows = new ArrayList<>();
            for (FoldScore f : folds) rows.add(List.of(String.valueOf(f.fold()), String.valueOf(f.trainRows()), String.valueOf(f.testRows()),
                    String.format(Locale.ROOT, "%.4f", f.score())));
            return "<p>" + Html.escape(toString()) + "</p>" + Html.table(List.of("fold", "train rows", "test rows", metric), rows);
        }
    }
}
