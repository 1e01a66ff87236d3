package dev.holdout.train;

import java.util.List;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.dtree.CARTClassificationTrainer;
import org.tribuo.classification.sgd.linear.LinearSGDTrainer;
import org.tribuo.classification.sgd.objectives.LogMulticlass;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.rtree.CARTRegressionTrainer;
import org.tribuo.regression.rtree.impurity.MeanSquaredError;
import org.tribuo.regression.sgd.objectives.SquaredLoss;

/**
 * Trains the Tribuo comparison learners on a feature matrix. Settings: logistic regression is
 * Tribuo's LogisticRegressionTrainer recipe (log loss, AdaGrad 1.0, 5 epochs) with the job's seed;
 * CART uses max_depth (0 → unlimited), all features per split, the seed (regression: Tribuo's min child weight 5); linear regression is squared loss, AdaGrad 0.1,
 * 10 epochs, the seed.
 */
final class TribuoLearners {
    private TribuoLearners() {}

    // Tribuo's SGD trainers log every 1000 steps at INFO; a job keeps its own log. Held in a field:
    // java.util.logging keeps loggers weakly, and a collected logger forgets its level.
    private static final java.util.logging.Logger TRIBUO_LOG = java.util.logging.Logger.getLogger("org.tribuo");

    static {
        TRIBUO_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    static Model<?> train(Algorithm algorithm, Hyperparameters hp, FeatureMatrix x, float[] y, String source) {
        boolean classification = hp.isClassification();
        int depth = hp.maxDepth() == 0 ? Integer.MAX_VALUE : hp.maxDepth();
        switch (algorithm) {
            case LOGISTIC_REGRESSION -> {
                MutableDataset<Label> d = TribuoData.classification(x, y, source);
                return new LinearSGDTrainer(new LogMulticlass(), new AdaGrad(1.0, 0.1), 5, hp.seed()).train(d);
            }
            case CART -> {
                if (classification) {
                    MutableDataset<Label> d = TribuoData.classification(x, y, source);
                    return new CARTClassificationTrainer(depth, 1.0f, hp.seed()).train(d);
                }
                MutableDataset<Regressor> d = TribuoData.regression(x, y, source);
                return new CARTRegressionTrainer(depth, 5f, 0f, 1f, new MeanSquaredError(), hp.seed()).train(d);
            }
            case LINEAR_REGRESSION -> {
                MutableDataset<Regressor> d = TribuoData.regression(x, y, source);
                return new org.tribuo.regression.sgd.linear.LinearSGDTrainer(new SquaredLoss(), new AdaGrad(0.1, 0.1), 10, hp.seed()).train(d);
            }
            default -> throw new IllegalArgumentException("algorithm=" + algorithm + ": not a Tribuo learner");
        }
    }

    static List<Algorithm> all() { return List.of(Algorithm.LOGISTIC_REGRESSION, Algorithm.CART, Algorithm.LINEAR_REGRESSION); }
}
