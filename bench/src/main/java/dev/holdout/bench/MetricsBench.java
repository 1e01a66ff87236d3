package dev.holdout.bench;

import dev.holdout.data.LabelVocabulary;
import dev.holdout.data.Target;
import dev.holdout.metrics.BinaryCounts;
import dev.holdout.metrics.Classification;
import dev.holdout.metrics.ConfusionMatrix;
import dev.holdout.metrics.Regression;
import dev.holdout.metrics.Scores;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Compute-only metric kernels on 10,000,000 rows of primitive arrays, single-threaded. Divide the
 * row count by the score (ms/op) for rows per second. Scores have 6 decimals (many ties), like a
 * predictions file; ROC AUC and average precision include their sort.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xmx4g"})
public class MetricsBench {
    @Param({"10000000"}) int rows;

    int[] truth, predicted, multiTruth, multiPredicted;
    double[] score, y, yhat, weights;

    @Setup(Level.Trial) public void setUp() {
        SplittableRandom r = new SplittableRandom(42);
        truth = new int[rows];
        predicted = new int[rows];
        multiTruth = new int[rows];
        multiPredicted = new int[rows];
        score = new double[rows];
        y = new double[rows];
        yhat = new double[rows];
        weights = new double[rows];
        for (int i = 0; i < rows; i++) {
            truth[i] = r.nextDouble() < 0.3 ? 1 : 0;
            double s = 1 / (1 + Math.exp(-((truth[i] == 1 ? 0.9 : -0.9) + 1.2 * r.nextGaussian())));
            score[i] = Math.round(s * 1e6) / 1e6;
            predicted[i] = score[i] >= 0.5 ? 1 : 0;
            multiTruth[i] = r.nextInt(5);
            multiPredicted[i] = r.nextDouble() < 0.7 ? multiTruth[i] : r.nextInt(5);
            y[i] = 100 * r.nextGaussian();
            yhat[i] = y[i] + 10 * r.nextGaussian();
            weights[i] = 1 + r.nextInt(3);
        }
        firstSeen = new int[rows];
        for (int i = 0; i < rows; i++) firstSeen[i] = truth[i] == 1 ? 0 : 1;
        truthTable = tech.tablesaw.api.Table.create("t", tech.tablesaw.api.IntColumn.create("y", truth));
    }

    @Benchmark public double accuracy() {
        return Classification.accuracy(truth, predicted);
    }

    /** Precision, recall and F1 of class 1 from one pass. */
    @Benchmark public double binaryPrecisionRecallF1() {
        BinaryCounts c = Classification.binaryCounts(truth, predicted, 1, null);
        return c.precision(dev.holdout.metrics.ZeroDivision.ZERO) + c.recall(dev.holdout.metrics.ZeroDivision.ZERO)
                + c.f1(dev.holdout.metrics.ZeroDivision.ZERO);
    }

    @Benchmark public double binaryPrecisionRecallF1Weighted() {
        BinaryCounts c = Classification.binaryCounts(truth, predicted, 1, weights);
        return c.f1(dev.holdout.metrics.ZeroDivision.ZERO);
    }

    @Benchmark public ConfusionMatrix confusionMatrix5Classes() {
        return ConfusionMatrix.of(multiTruth, multiPredicted, 5, null);
    }

    @Benchmark public double mse() {
        return Regression.mse(y, yhat);
    }

    @Benchmark public double mae() {
        return Regression.mae(y, yhat);
    }

    @Benchmark public double r2() {
        return Regression.r2(y, yhat);
    }

    @Benchmark public double rocAuc() {
        return Scores.rocAuc(truth, score);
    }

    @Benchmark public double averagePrecision() {
        return Scores.averagePrecision(truth, score);
    }

    @Benchmark public double logLoss() {
        return Scores.logLoss(truth, score);
    }

    /**
     * The label coding of {@code holdout metrics}: a reader's first-seen dictionary ("1.0"/"0.0" in
     * first-seen order) into the one vocabulary, then every row recoded (one array read per row).
     */
    @Benchmark public int[] labelCodingFromDictionary() {
        LabelVocabulary v = LabelVocabulary.of(DICTIONARY);
        return v.recode(firstSeen, DICTIONARY);
    }

    /** The same labels coded from a Tablesaw int column (distinct values by sorting, a binary search per row). */
    @Benchmark public Target labelCodingFromIntColumn() {
        return Target.of(truthTable, "y");
    }

    private static final java.util.List<String> DICTIONARY = java.util.List.of("1.0", "0.0");
    int[] firstSeen;
    tech.tablesaw.api.Table truthTable;

    /** For scale: the JDK's sort of the same scores (dual-pivot quicksort), the bound ROC AUC is held to. */
    @Benchmark public double[] jdkSortOfScores() {
        double[] s = score.clone();
        java.util.Arrays.sort(s);
        return s;
    }
}
