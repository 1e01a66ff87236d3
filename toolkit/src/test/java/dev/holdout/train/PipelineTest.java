package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.metrics.ClassificationReport;
import dev.holdout.metrics.Scores;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class PipelineTest {
    @Test void aFittedPipelineHoldsThePreprocessorAndTheModelAndEvaluatesToATypedReport() {
        Table cancer = Datasets.load("breast-cancer");
        Split split = RandomSplit.create().test(0.25).seed(42).split(cancer);
        Table train = split.train(cancer), test = split.test(cancer);
        List<String> features = new java.util.ArrayList<>(cancer.columnNames());
        features.remove("malignant");
        FittedPipeline f = Pipeline.of(Preprocessor.of(StandardScaler.of(features.toArray(String[]::new))), Algorithm.LOGISTIC_REGRESSION,
                Hyperparameters.numRound(1).withObjective("binary:logistic").withC(0.5)).label("malignant").fit(train);
        // the scaler was fitted on train alone
        assertEquals(train.rowCount(), f.preprocessor().fittedOn().rowCount());
        ClassificationReport r = f.evaluate(test).classification();
        double[][] s = f.predict(test);
        int[] truth = new int[test.rowCount()];
        double[] p = new double[truth.length];
        for (int i = 0; i < truth.length; i++) {
            truth[i] = (int) ((tech.tablesaw.api.NumericColumn<?>) test.column("malignant")).getDouble(i);
            p[i] = s[i][0];
        }
        assertEquals(Scores.rocAuc(truth, p), r.rocAuc(), 1e-12);
        assertEquals(test.rowCount(), r.rows());
        assertNotNull(r.logLoss());
        assertTrue(r.rocAuc() > 0.95, r.toString());
        // the other task's accessor says what it is
        var e = assertThrows(DataValidationException.class, () -> f.evaluate(test).regression());
        assertTrue(e.getMessage().contains("classifier"), e.getMessage());
    }

    @Test void regressionPipelineAndALabelIsRequired() {
        Table diabetes = Datasets.load("diabetes");
        Pipeline p = Pipeline.of(Preprocessor.of(), Algorithm.LINEAR_REGRESSION, Hyperparameters.numRound(1));
        var e = assertThrows(DataValidationException.class, () -> p.fit(diabetes));
        assertTrue(e.getMessage().startsWith("label=null"), e.getMessage());
        FittedPipeline f = p.label("progression").fit(diabetes);
        assertEquals(0.5177484222203498, f.evaluate(diabetes).regression().r2(), 1e-9);   // scikit-learn's LinearRegression, train R²
        assertEquals(List.of("bmi", "s5"), p.label("progression").features("bmi", "s5").fit(diabetes).model().features());
    }
}
