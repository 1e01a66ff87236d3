package dev.holdout.train;

import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.dtree.impurity.Entropy;
import org.tribuo.classification.dtree.impurity.GiniIndex;
import org.tribuo.classification.dtree.impurity.LabelImpurity;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanAbsoluteError;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.rtree.impurity.RegressorImpurity;

/**
 * Trains the Tribuo learner, CART, on a feature matrix with scikit-learn's DecisionTree settings from the spec:
 * {@code max_depth} (0 = grow until the leaves are pure or too small, scikit-learn's None), {@code min_samples_leaf}
 * (Tribuo's minimum child weight, the same with unit weights), {@code criterion} (gini, entropy; squared_error,
 * absolute_error) and {@code max_features} (the fraction of features tried per split; below 1 the seed draws them).
 * Linear and logistic regression are solved exactly by {@link LinearFit}.
 */
final class TribuoLearners {
    private TribuoLearners() {}

    // Tribuo logs progress at INFO; a job keeps its own log. Held in a field: java.util.logging keeps loggers
    // weakly, and a collected logger forgets its level.
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    static Model<?> train(Algorithm algorithm, Hyperparameters hp, FeatureMatrix x, float[] y, String source) {
        if (algorithm != Algorithm.CART) throw new IllegalArgumentException("algorithm=" + algorithm + ": not a Tribuo learner");
        int depth = hp.maxDepth() == 0 ? Integer.MAX_VALUE : hp.maxDepth();
        float leaf = hp.minSamplesLeaf();
        float features = (float) hp.maxFeatures();
        if (hp.isClassification()) {
            MutableDataset<Label> d = TribuoData.classification(x, y, source);
            LabelImpurity impurity = hp.criterion().equals("entropy") ? new Entropy() : new GiniIndex();
            return new CARTClassificationTrainer(depth, leaf, 0f, features, impurity, hp.seed()).train(d);
        }
        MutableDataset<Regressor> d = TribuoData.regression(x, y, source);
        RegressorImpurity impurity = hp.criterion().equals("absolute_error") ? new MeanAbsoluteError() : new MeanSquaredError();
        return new CARTRegressionTrainer(depth, leaf, 0f, features, impurity, hp.seed()).train(d);
    }

    static List<Algorithm> all() { return List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.CART, Algorithm.LINEAR_REGRESSION); }
}
