package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.metrics.Scores;
import dev.holdout.preprocess.Learner;
import java.util.ArrayList;
import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A binary classifier from Tribuo scored by ROC AUC, as a {@link Learner} for cross-validation and the
 * leakage demo: logistic regression (Tribuo's LogisticRegressionTrainer recipe: log loss, AdaGrad 1.0,
 * 5 epochs, with the given seed) or CART. The label must be 0/1; every other column is a feature
 * (numeric or boolean, no missing values: impute in the preprocessing). The training issue's
 * XGBoost plugs in through the same interface.
 *
 * <pre>{@code
 * Learner lr = TribuoLearner.logisticRegression(42);
 * lr.fitAndScore(train, test, "churned");   // e.g. 0.74
 * }</pre>
 */
public record TribuoLearner(String algorithm, int maxDepth, long seed) implements Learner {
    public TribuoLearner {
        if (!algorithm.equals("logistic_regression") && !algorithm.equals("cart")) {
            throw DataValidationException.param("algorithm", algorithm, "must be logistic_regression or cart", null);
        }
        if (maxDepth < 1) throw DataValidationException.param("maxDepth", maxDepth, "must be >= 1", "use e.g. 6");
    }

    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    public static TribuoLearner logisticRegression(long seed) { return new TribuoLearner("logistic_regression", 1, seed); }

    public static TribuoLearner cart(int maxDepth, long seed) { return new TribuoLearner("cart", maxDepth, seed); }

    @Override public String metric() { return "roc_auc"; }

    @Override public double fitAndScore(Table train, Table test, String label) {
        List<String> features = features(train, label);
        MutableDataset<Label> d = TribuoData.classification(train, label, features, train.name());
        Model<Label> model = algorithm.equals("cart")
                ? new CARTClassificationTrainer(maxDepth, 1.0f, seed).train(d)
                : new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), 5, seed).train(d);
        MutableDataset<Label> t = TribuoData.classification(test, label, features, test.name());
        List<Prediction<Label>> predictions = model.predict(t);
        int[] truth = new int[predictions.size()];
        double[] score = new double[predictions.size()];
        Column<?> y = Columns.require(test, label, "label");
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (int) ((NumericColumn<?>) y).getDouble(i);
            Prediction<Label> p = predictions.get(i);
            Label one = p.getOutputScores().get("1");
            score[i] = p.hasProbabilities() ? (one == null ? 0 : one.getScore()) : ("1".equals(p.getOutput().getLabel()) ? 1 : 0);
        }
        return Scores.rocAuc(truth, score);
    }

    /** Every column except the label. */
    static List<String> features(Table table, String label) {
        Columns.require(table, label, "label");
        List<String> f = new ArrayList<>(table.columnNames());
        f.remove(label);
        if (f.isEmpty()) throw DataValidationException.param("features", "[]", "the table has no column besides the label", "add feature columns");
        return f;
    }

    @Override public String toString() {
        return algorithm.equals("cart") ? "Tribuo CART(maxDepth=" + maxDepth + ", seed=" + seed + ")" : "Tribuo logistic regression(seed=" + seed + ")";
    }
}
