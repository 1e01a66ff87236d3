package dev.holdout.train;

import dev.holdout.data.DataValidationException;
import java.util.List;
import org.tribuo.MutableDataset;
import org.tribuo.classification.Label;
import org.tribuo.classification.LabelFactory;
import org.tribuo.impl.ArrayExample;
import org.tribuo.provenance.SimpleDataSourceProvenance;
import org.tribuo.regression.RegressionFactory;
import org.tribuo.regression.Regressor;
import tech.tablesaw.api.Table;

/**
 * Table → Tribuo dataset: one dense {@link ArrayExample} per row over the named feature columns, the
 * label as a Tribuo {@link Label} (class index as text, "0"/"1") or {@link Regressor}. Missing
 * feature values are rejected: Tribuo has no notion of NaN, so impute them in the preprocessing.
 *
 * <pre>{@code
 * MutableDataset<Label> d = TribuoData.classification(train, "rain", List.of("temp_max", "wind"), "train");
 * d.size();   // 1022
 * }</pre>
 */
public final class TribuoData {
    private TribuoData() {}

    /** A classification dataset; the label column must hold class indices (0/1 for binary). */
    public static MutableDataset<Label> classification(Table table, String label, List<String> features, String source) {
        return classification(FeatureMatrix.of(table, features), labelsOf(table, label, source), source);
    }

    /** A regression dataset; the label column must be numeric with no missing values. */
    public static MutableDataset<Regressor> regression(Table table, String label, List<String> features, String source) {
        return regression(FeatureMatrix.of(table, features), labelsOf(table, label, source), source);
    }

    static MutableDataset<Label> classification(FeatureMatrix x, float[] y, String source) {
        LabelFactory factory = new LabelFactory();
        MutableDataset<Label> d = new MutableDataset<>(new SimpleDataSourceProvenance(source, factory), factory);
        String[] names = x.featureNames().toArray(new String[0]);
        for (int r = 0; r < x.rows(); r++) d.add(new ArrayExample<>(new Label(className(y[r])), names, row(x, r, source)));
        return d;
    }

    static MutableDataset<Regressor> regression(FeatureMatrix x, float[] y, String source) {
        RegressionFactory factory = new RegressionFactory();
        MutableDataset<Regressor> d = new MutableDataset<>(new SimpleDataSourceProvenance(source, factory), factory);
        String[] names = x.featureNames().toArray(new String[0]);
        for (int r = 0; r < x.rows(); r++) d.add(new ArrayExample<>(new Regressor("target", y[r]), names, row(x, r, source)));
        return d;
    }

    /** One row as Tribuo needs it (an unlabeled example for prediction uses the same values). */
    static double[] row(FeatureMatrix x, int r, String source) {
        double[] v = new double[x.columns()];
        for (int c = 0; c < v.length; c++) {
            double f = x.value(r, c);
            if (Double.isNaN(f)) {
                throw DataValidationException.at(source, r + 1, x.featureNames().get(c), "NaN",
                        "missing value; this learner cannot take missing values (only XGBoost can): add an imputer to the preprocessing");
            }
            v[c] = f;
        }
        return v;
    }

    static String className(float y) { return Integer.toString((int) y); }

    private static float[] labelsOf(Table table, String label, String source) {
        Hyperparameters any = Hyperparameters.numRound(1);
        return TrainingLabels.read(table, label, any, "data", source);
    }
}
