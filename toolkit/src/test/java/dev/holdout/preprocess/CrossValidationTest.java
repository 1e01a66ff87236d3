package dev.holdout.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.Synthetic;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.split.KFold;
import dev.holdout.split.StratifiedKFold;
import dev.holdout.train.TribuoLearner;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

class CrossValidationTest {
    /** In every fold the preprocessing is fitted on that fold's training rows and nothing else. */
    @Test void refitsThePreprocessingInEveryFoldOnThatFoldsTrainRowsOnly() {
        Table table = TestTables.mixed(120, 5).removeColumns("amount");
        Preprocessor spec = Preprocessor.of(Imputer.mean("x"), StandardScaler.of("x", "count"), TargetEncoder.of("city").label("y"));
        List<double[]> trainMeans = new ArrayList<>();
        Learner recording = (train, test, label) -> {
            trainMeans.add(new double[] {train.doubleColumn("x").mean(), test.rowCount()});
            return train.rowCount();
        };
        Folds folds = KFold.of(4).seed(9).split(table);
        CrossValidation.Result r = CrossValidation.of(spec, recording, "y").run(table, folds);
        assertEquals(4, r.folds().size());
        for (int i = 0; i < 4; i++) {
            Fold f = folds.get(i);
            assertEquals(Fingerprint.of(f.train(table), List.of("x", "count", "city", "y")), r.folds().get(i).preprocessingFittedOn());
            assertEquals(0.0, trainMeans.get(i)[0], 1e-9);                      // scaled with its own fold's mean
            assertEquals(f.test().size(), (int) trainMeans.get(i)[1]);
            assertEquals(f.train().size(), r.folds().get(i).score(), 0);
        }
    }

    @Test void foldsFromAnotherTableAreRefused() {
        Table table = TestTables.mixed(60, 1);
        Folds folds = KFold.of(3).split(TestTables.mixed(61, 1));
        assertThrows(DataValidationException.class,
                () -> CrossValidation.of(Preprocessor.of(), (a, b, c) -> 0, "y").run(table, folds));
    }

    @Test void tribuoLogisticRegressionFindsThePlantedLeakAndLittleWithoutIt() {
        Table churn = Synthetic.leakyClassification(1500, 3).removeColumns("id", "signup_date");
        Preprocessor spec = Preprocessor.of(Imputer.median("age"), LogTransform.log1p("monthly_spend"),
                StandardScaler.of("age", "monthly_spend", "visits", Synthetic.LEAKY_FEATURE), OneHotEncoder.of("plan"));
        CrossValidation.Result leaky = CrossValidation.of(spec, TribuoLearner.logisticRegression(1), "churned")
                .run(churn, StratifiedKFold.on("churned", 3).seed(1));
        Table honest = churn.copy().removeColumns(Synthetic.LEAKY_FEATURE);
        Preprocessor honestSpec = Preprocessor.of(Imputer.median("age"), LogTransform.log1p("monthly_spend"),
                StandardScaler.of("age", "monthly_spend", "visits"), OneHotEncoder.of("plan"));
        CrossValidation.Result clean = CrossValidation.of(honestSpec, TribuoLearner.logisticRegression(1), "churned")
                .run(honest, StratifiedKFold.on("churned", 3).seed(1));
        assertEquals("roc_auc", leaky.metric());
        assertTrue(leaky.mean() > 0.98, leaky.toString());
        assertTrue(clean.mean() > 0.6 && clean.mean() < 0.95, clean.toString());
    }
}
