package dev.holdout.bench;

import dev.holdout.data.SeededRandom;
import dev.holdout.train.Boosting;
import dev.holdout.train.Channel;
import dev.holdout.train.FeatureMatrix;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainingLabels;
import dev.holdout.train.TrainingJob;
import dev.holdout.train.TrainingListener;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/**
 * Issue 5: 1,000,000 x 20 binary table, 100 rounds, tree_method=hist, max_depth 6, 2 threads.
 * {@code direct}: XGBoost4J on a row-major float[] (DMatrix + XGBoost.train, train watch).
 * {@code toolkitTrainPath}: Table -> FeatureMatrix -> DMatrix -> the toolkit's boosting loop (train watch).
 * {@code toolkitJob}: the whole in-memory TrainingJob (also fits an empty preprocessor and scores train with six metrics).
 *
 * <pre>java -jar bench/target/benchmarks.jar TrainingBench -f 1 -wi 1 -i 3</pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g"})
public class TrainingBench {
    @Param("1000000") int rows;
    @Param("20") int cols;
    @Param("100") int rounds;

    Table table;
    float[] rowMajor;
    float[] labels;
    List<String> features;

    @Setup(Level.Trial) public void setup() {
        Data d = Data.generate(rows, cols, 2026);
        table = d.table;
        rowMajor = d.rowMajor;
        labels = d.labels;
        features = d.features;
    }

    static Hyperparameters hp(int rounds) {
        return Hyperparameters.numRound(rounds).withObjective("binary:logistic").withEvalMetric("logloss")
                .withTreeMethod("hist").withMaxDepth(6).withNthread(2).withSeed(1);
    }

    @Benchmark public Booster direct() throws Exception {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("objective", "binary:logistic");
        params.put("eval_metric", "logloss");
        params.put("tree_method", "hist");
        params.put("max_depth", 6);
        params.put("eta", 0.3);
        params.put("nthread", 2);
        params.put("seed", 1);
        params.put("verbosity", 0);
        DMatrix d = new DMatrix(rowMajor, rows, cols, Float.NaN);
        d.setLabel(labels);
        Map<String, DMatrix> watches = new LinkedHashMap<>();
        watches.put("train", d);
        Booster b = XGBoost.train(d, params, rounds, watches, null, null);
        d.dispose();
        return b;
    }

    @Benchmark public Booster toolkitTrainPath() {
        Hyperparameters hp = hp(rounds);
        DMatrix d = FeatureMatrix.of(table, features).toDMatrix(TrainingLabels.read(table, "y", hp));
        Booster b = Boosting.train(d, null, hp, TrainingListener.NONE).booster();
        d.dispose();
        return b;
    }

    @Benchmark public Object toolkitJob() {
        return TrainingJob.xgboost("y", Channel.of(table)).withHyperparameters(hp(rounds)).run();
    }

    /** The same seeded data as a Table and as a row-major float array. */
    static final class Data {
        Table table;
        float[] rowMajor;
        float[] labels;
        List<String> features = new ArrayList<>();

        static Data generate(int n, int p, long seed) {
            SeededRandom rnd = new SeededRandom(seed);
            double[][] x = new double[p][n];
            int[] y = new int[n];
            Data d = new Data();
            d.rowMajor = new float[n * p];
            d.labels = new float[n];
            for (int i = 0; i < n; i++) {
                double s = 0;
                for (int j = 0; j < p; j++) {
                    double v = (float) rnd.nextGaussian();
                    x[j][i] = v;
                    d.rowMajor[i * p + j] = (float) v;
                    s += (j % 3 == 0 ? 0.5 : -0.2) * v;
                }
                y[i] = s + rnd.nextGaussian() > 0 ? 1 : 0;
                d.labels[i] = y[i];
            }
            d.table = Table.create("bench");
            for (int j = 0; j < p; j++) {
                d.table.addColumns(DoubleColumn.create("f" + j, x[j]));
                d.features.add("f" + j);
            }
            d.table.addColumns(IntColumn.create("y", y));
            return d;
        }
    }
}
