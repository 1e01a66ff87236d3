package dev.holdout.cli;

import dev.holdout.data.Datasets;
import dev.holdout.data.Schema;
import dev.holdout.preprocess.Imputer;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.split.Split;
import dev.holdout.split.TimeSplit;
import dev.holdout.train.Channel;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainingJob;
import java.util.ArrayList;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * The data behind {@code quickstart} and {@code demo overfitting}: the shipped seattle-weather set
 * (label rain, time date, features temp_max, temp_min, wind), split by time into 2012–2013 train,
 * 2014 validation and 2015 test.
 */
record RainData(String dataset, Schema schema, Table all, Split split, Table train, Table validation, Table test) {
    static final String DATASET = "seattle-weather";
    static final String[] CUTOFFS = {"2014-01-01", "2015-01-01"};

    static RainData load() {
        Table all = Datasets.load(DATASET);
        Schema schema = Datasets.schema(DATASET);
        Split split = TimeSplit.on(schema.time()).cutoffs(CUTOFFS).split(all);
        List<String> keep = new ArrayList<>(schema.features());
        keep.add(schema.label());
        keep.add(schema.time());
        Table t = all.selectColumns(keep.toArray(new String[0]));
        return new RainData(DATASET, schema, all, split, named(split.train(t), "train"), named(split.validation(t), "validation"),
                named(split.test(t), "test"));
    }

    private static Table named(Table t, String part) {
        t.setName(DATASET + " " + part);
        return t;
    }

    /**
     * Median imputation and standard scaling of the features, both fitted on train only (the weather
     * file has no gaps, but new data may; scaling does not change trees but the linear learners need it).
     */
    Preprocessor preprocessor() {
        String[] f = schema.features().toArray(new String[0]);
        return Preprocessor.of(Imputer.median(f), StandardScaler.of(f));
    }

    /** The XGBoost job on this data: binary:logistic, logloss, early stopping on validation. */
    TrainingJob job(String name, int nthread) {
        return TrainingJob.xgboost(schema.label(), Channel.of(train)).withName(name).withValidation(Channel.of(validation))
                .withFeatures(schema.features()).withPreprocessing(preprocessor())
                .withHyperparameters(Hyperparameters.numRound(300).withObjective(Hyperparameters.BINARY_LOGISTIC)
                        .withEvalMetric("logloss").withEta(0.1).withMaxDepth(4).withEarlyStoppingRounds(10)
                        .withSeed(42).withNthread(nthread));
    }

    static int threads() { return Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors())); }

    String dateRange(Table part) {
        var c = part.dateColumn(schema.time());
        return c.min() + " .. " + c.max();
    }
}
