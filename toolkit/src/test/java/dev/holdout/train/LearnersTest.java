package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** The learners against scikit-learn 1.2.1 on the shipped data (figures from Debian's python3-sklearn). */
class LearnersTest {
    @TempDir Path dir;

    /** LinearRegression().fit(X, y) on diabetes.csv: coef_ and intercept_. */
    static final double[] SKLEARN_COEF = {-0.036361224223618455, -22.859648090498375, 5.602962091923722, 1.1168079933181878,
            -1.0899963340632244, 0.7464504555142109, 0.37200471508913635, 6.533831935990335, 68.48312496478825, 0.2801169893214942};
    static final double SKLEARN_INTERCEPT = -334.5671385187869;

    @Test void linearRegressionIsTheLeastSquaresSolutionOfScikitLearnWithoutNumRound() throws Exception {
        Table diabetes = Datasets.load("diabetes");
        TrainingJob job = TrainingJob.xgboost("progression", Channel.of(diabetes)).withAlgorithm(Algorithm.LINEAR_REGRESSION)
                .withHyperparameters(Hyperparameters.fromMap(Map.of("objective", "reg:squarederror"), Algorithm.LINEAR_REGRESSION))
                .withOutput(dir.resolve("job"));
        TrainingResult r = job.run();
        TrainedModel.LinearModel m = (TrainedModel.LinearModel) r.model();
        assertEquals(List.of("age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"), m.features());
        for (int c = 0; c < SKLEARN_COEF.length; c++) {
            assertEquals(SKLEARN_COEF[c], m.coefficients()[0][c], 1e-6 * Math.max(1, Math.abs(SKLEARN_COEF[c])), m.features().get(c));
        }
        assertEquals(SKLEARN_INTERCEPT, m.intercepts()[0], 1e-6 * Math.abs(SKLEARN_INTERCEPT));
        assertEquals(0.5177484222203498, r.evaluation().get("train", "r2"), 1e-9);
        // saved and loaded, it predicts the same
        TrainedModel loaded = TrainedModel.load(dir.resolve("job/model"));
        assertEquals(m, loaded);
        double[] a = m.predict(diabetes), b = loaded.predict(diabetes);
        for (int i = 0; i < a.length; i++) assertEquals(a[i], b[i], 0.0);
        // the card and hyperparameters.json list only its own settings
        String card = java.nio.file.Files.readString(dir.resolve("job/model/model-card.json"));
        assertTrue(card.contains("\"fit_intercept\"") && !card.contains("\"eta\"") && !card.contains("\"num_round\"") && !card.contains("\"seed\""), card);
    }

    @Test void logisticRegressionMatchesScikitLearnAtItsC() {
        Table cancer = Datasets.load("breast-cancer");
        List<String> features = new java.util.ArrayList<>(cancer.columnNames());
        features.remove("malignant");
        // LogisticRegression(C=C, tol=1e-8, max_iter=1000) on StandardScaler().fit_transform(X): log loss on the train rows
        double[][] cases = {{1.0, 0.05339203990991682, -0.21456573}, {0.1, 0.08317268013432547, -0.54067268}};
        for (double[] c : cases) {
            TrainingJob job = TrainingJob.xgboost("malignant", Channel.of(cancer)).withAlgorithm(Algorithm.LOGISTIC_REGRESSION)
                    .withPreprocessing(Preprocessor.of(StandardScaler.of(features.toArray(String[]::new))))
                    .withHyperparameters(Hyperparameters.fromMap(Map.of("objective", "binary:logistic", "C", Double.toString(c[0]),
                            "tol", "1e-8", "max_iter", "1000"), Algorithm.LOGISTIC_REGRESSION));
            TrainingResult r = job.run();
            assertEquals(c[1], r.evaluation().get("train", "log_loss"), 1e-6, "C=" + c[0]);
            // the intercept to 3 decimals: both stop at their own tolerance on a flat optimum
            assertEquals(c[2], ((TrainedModel.LinearModel) r.model()).intercepts()[0], 1e-3, "C=" + c[0]);
        }
        var e = assertThrows(DataValidationException.class,
                () -> Hyperparameters.fromMap(Map.of("objective", "binary:logistic", "C", "0"), Algorithm.LOGISTIC_REGRESSION));
        assertTrue(e.getMessage().startsWith("C=0"), e.getMessage());
    }

    @Test void cartReadsMaxDepthMinSamplesLeafAndCriterionFromTheSpec() {
        Table cancer = Datasets.load("breast-cancer");
        TrainingJob base = TrainingJob.xgboost("malignant", Channel.of(cancer)).withAlgorithm(Algorithm.CART);
        double deep = base.withHyperparameters(Hyperparameters.fromMap(Map.of("objective", "binary:logistic"), Algorithm.CART))
                .run().evaluation().get("train", "accuracy");
        double stump = base.withHyperparameters(Hyperparameters.fromMap(Map.of("objective", "binary:logistic", "max_depth", "1"), Algorithm.CART))
                .run().evaluation().get("train", "accuracy");
        double leafy = base.withHyperparameters(Hyperparameters.fromMap(Map.of("objective", "binary:logistic", "min_samples_leaf", "50",
                "criterion", "entropy"), Algorithm.CART)).run().evaluation().get("train", "accuracy");
        // unlimited depth fits the train rows exactly (scikit-learn's max_depth=None); a stump and big leaves cannot
        assertEquals(1.0, deep, 0.0);
        assertTrue(stump < 0.95 && leafy < 1.0 && leafy > stump, stump + " " + leafy);
        var e = assertThrows(DataValidationException.class, () -> Hyperparameters.fromMap(Map.of("objective", "binary:logistic",
                "criterion", "squared_error"), Algorithm.CART));
        assertTrue(e.getMessage().contains("criterion=squared_error") && e.getMessage().contains("gini"), e.getMessage());
    }
}
