package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.classification.sgd.linear.LogisticRegressionTrainer;
import org.tribuo.classification.evaluation.LabelEvaluation;
import org.tribuo.classification.evaluation.LabelEvaluator;
import org.tribuo.datasource.ListDataSource;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import org.tribuo.regression.baseline.DummyRegressionTrainer;
import org.tribuo.regression.evaluation.RegressionEvaluation;
import org.tribuo.regression.evaluation.RegressionEvaluator;

/**
 * Agreement with Tribuo 4.3.2's {@code LabelEvaluator} and {@code RegressionEvaluator} on the same
 * arrays: the predictions are handed to Tribuo as {@code Prediction}s of a baseline model (the model
 * only provides provenance), then every metric both libraries define is compared.
 */
class TribuoAgreementTest {
    private static final double EPS = 1e-9;
    private static final String[] FEATURE = {"x"};
    private static final double[] ONE = {1.0};

    @Provide Arbitrary<Cases.Case> labelled() {
        // Every class occurs in the truth, so Tribuo's label domain equals the label set here.
        return Cases.cases(2, 4, 60).filter(c -> {
            boolean[] seen = new boolean[c.k()];
            for (int t : c.truth()) seen[t] = true;
            for (boolean s : seen) if (!s) return false;
            return true;
        });
    }

    private static LabelEvaluation tribuo(Cases.Case c) {
        LabelFactory factory = new LabelFactory();
        List<org.tribuo.Example<Label>> examples = new ArrayList<>();
        for (int i = 0; i < c.n(); i++) {
            examples.add(new ArrayExample<>(new Label("c" + c.truth()[i]), FEATURE, ONE));
        }
        MutableDataset<Label> ds = new MutableDataset<>(
                new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("agreement", factory)));
        // Any probabilistic model will do: it only supplies provenance and lets Tribuo compute AUC from our scores.
        Model<Label> model = new LogisticRegressionTrainer().train(ds);
        List<Prediction<Label>> preds = new ArrayList<>();
        for (int i = 0; i < c.n(); i++) {
            Map<String, Label> scores = new LinkedHashMap<>();
            for (int k = 0; k < c.k(); k++) {
                // Binary: class 1 gets the score. Multiclass: the predicted class gets it (AUC is compared only for binary).
                double s = c.k() == 2 ? (k == 1 ? c.score()[i] : 1 - c.score()[i]) : (k == c.predicted()[i] ? c.score()[i] : 0);
                scores.put("c" + k, new Label("c" + k, s));
            }
            preds.add(new Prediction<>(new Label("c" + c.predicted()[i]), scores, 1, examples.get(i), true));
        }
        return new LabelEvaluator().evaluate(model, preds, ds.getProvenance());
    }

    @Property(tries = 150)
    void labelMetricsAgreeWithTribuo(@ForAll("labelled") Cases.Case c) {
        LabelEvaluation ev = tribuo(c);
        ConfusionMatrix m = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), null);
        assertEquals(ev.accuracy(), Classification.accuracy(c.truth(), c.predicted()), EPS);
        for (int k = 0; k < c.k(); k++) {
            Label l = new Label("c" + k);
            BinaryCounts b = m.binary(k);
            // Tribuo returns 0 for 0/0, like zero_division=0.
            assertEquals(ev.precision(l), b.precision(ZeroDivision.ZERO), EPS, "precision c" + k);
            assertEquals(ev.recall(l), b.recall(ZeroDivision.ZERO), EPS, "recall c" + k);
            assertEquals(ev.f1(l), b.f1(ZeroDivision.ZERO), EPS, "f1 c" + k);
            assertEquals(ev.tp(l), b.tp(), EPS);
            assertEquals(ev.fp(l), b.fp(), EPS);
            assertEquals(ev.fn(l), b.fn(), EPS);
            assertEquals(ev.tn(l), b.tn(), EPS);
        }
        assertEquals(ev.macroAveragedPrecision(), m.precision(Average.MACRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(ev.macroAveragedRecall(), m.recall(Average.MACRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(ev.macroAveragedF1(), m.f1(Average.MACRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(ev.microAveragedF1(), m.f1(Average.MICRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(1 - ev.balancedErrorRate(), m.balancedAccuracy(), EPS);
        if (c.k() == 2) {
            Label pos = new Label("c1");
            assertEquals(ev.AUCROC(pos), Scores.rocAuc(c.truth(), c.score()), EPS, "AUC");
            assertEquals(ev.averagedPrecision(pos), Scores.averagePrecision(c.truth(), c.score()), EPS, "AP");
        }
    }

    /**
     * Tribuo's LabelEvaluator ignores example weights (its confusion matrix counts rows), so weighted
     * metrics are compared with Tribuo on the rows repeated by their integer weights.
     */
    @Property(tries = 100)
    void weightedLabelMetricsAgreeWithTribuoOnRepeatedRows(@ForAll("labelled") Cases.Case c) {
        int[] t = Reference.expand(c.truth(), c.counts()), p = Reference.expand(c.predicted(), c.counts());
        double[] s = Reference.expand(c.score(), c.counts());
        boolean[] seen = new boolean[c.k()];
        for (int x : t) seen[x] = true;
        for (boolean x : seen) net.jqwik.api.Assume.that(x);
        LabelEvaluation ev = tribuo(new Cases.Case(c.k(), t, p, s, new int[t.length]));
        ConfusionMatrix m = ConfusionMatrix.of(c.truth(), c.predicted(), c.k(), c.weights());
        assertEquals(ev.accuracy(), m.accuracy(), EPS);
        assertEquals(ev.macroAveragedF1(), m.f1(Average.MACRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(ev.macroAveragedPrecision(), m.precision(Average.MACRO, -1, ZeroDivision.ZERO), EPS);
        assertEquals(1 - ev.balancedErrorRate(), m.balancedAccuracy(), EPS);
        if (c.k() == 2) {
            assertEquals(ev.AUCROC(new Label("c1")), Scores.rocAuc(c.truth(), c.score(), 1, c.weights()), EPS);
            assertEquals(ev.averagedPrecision(new Label("c1")), Scores.averagePrecision(c.truth(), c.score(), 1, c.weights()), EPS);
        }
    }

    record Pair(double y, double yhat) {}

    @Provide Arbitrary<List<Pair>> regression() {
        Arbitrary<Double> v = Arbitraries.doubles().between(-100, 100).ofScale(3);
        return Combinators.combine(v, v).as(Pair::new).list().ofMinSize(2).ofMaxSize(60)
                .filter(l -> l.stream().mapToDouble(Pair::y).distinct().count() > 1); // Tribuo's R² has no constant-truth guard
    }

    @Property(tries = 150)
    void regressionMetricsAgreeWithTribuo(@ForAll("regression") List<Pair> rows) {
        RegressionFactory factory = new RegressionFactory();
        List<org.tribuo.Example<Regressor>> examples = new ArrayList<>();
        double[] y = new double[rows.size()], p = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            y[i] = rows.get(i).y();
            p[i] = rows.get(i).yhat();
            examples.add(new ArrayExample<>(new Regressor("y", y[i]), FEATURE, ONE));
        }
        MutableDataset<Regressor> ds = new MutableDataset<>(
                new ListDataSource<>(examples, factory, new SimpleDataSourceProvenance("agreement", factory)));
        Model<Regressor> model = DummyRegressionTrainer.createMeanTrainer().train(ds);
        List<Prediction<Regressor>> preds = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) preds.add(new Prediction<>(new Regressor("y", p[i]), 1, examples.get(i)));
        RegressionEvaluation ev = new RegressionEvaluator().evaluate(model, preds, ds.getProvenance());
        Regressor dim = new Regressor("y", Double.NaN);
        assertEquals(ev.rmse(dim), Regression.rmse(y, p), 1e-9 * Math.max(1, ev.rmse(dim)));
        assertEquals(ev.mae(dim), Regression.mae(y, p), 1e-9 * Math.max(1, ev.mae(dim)));
        assertEquals(ev.r2(dim), Regression.r2(y, p), 1e-9 * Math.max(1, Math.abs(ev.r2(dim))));
        assertEquals(ev.explainedVariance(dim), Regression.explainedVariance(y, p), 1e-9 * Math.max(1, Math.abs(ev.explainedVariance(dim))));
    }
}
