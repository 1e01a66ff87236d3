package dev.holdout.bench;

import dev.holdout.data.SeededRandom;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.OneHotEncoder;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.preprocess.UnknownPolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * The {@link PreprocessBench} workloads timed by the CPU time of the calling thread, which a shared,
 * loaded machine distorts far less than wall time. Run:
 * {@code java -Xmx6g -cp bench/target/benchmarks.jar dev.holdout.bench.PreprocessCpuTime}
 * (10 rounds; the first 3 are warm-up; prints the median of the rest).
 */
public final class PreprocessCpuTime {
    private PreprocessCpuTime() {}

    public static void main(String[] args) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        int rows = 1_000_000;
        int columns = 50;
        SeededRandom r = new SeededRandom(7);
        Table numbers = Table.create("numbers");
        String[] names = new String[columns];
        for (int c = 0; c < columns; c++) {
            double[] v = new double[rows];
            for (int i = 0; i < rows; i++) v[i] = r.nextGaussian() * (c + 1) + c;
            names[c] = "x" + c;
            numbers.addColumns(DoubleColumn.create(names[c], v));
        }
        Preprocessor scaler = Preprocessor.of(StandardScaler.of(names));
        FittedPreprocessor fitted = scaler.fit(numbers);
        String[] values = new String[rows];
        for (int i = 0; i < rows; i++) values[i] = "level-" + r.nextInt(1000);
        Table categories = Table.create("categories", StringColumn.create("city", values));
        Preprocessor oneHot = Preprocessor.of(OneHotEncoder.of("city").onUnknown(UnknownPolicy.IGNORE));

        int rounds = 10;
        long[][] cpu = new long[3][rounds];
        Object sink = null;
        for (int k = 0; k < rounds; k++) {
            long a = mx.getCurrentThreadCpuTime();
            sink = scaler.fitTransform(numbers);
            long b = mx.getCurrentThreadCpuTime();
            sink = fitted.transform(numbers);
            long c = mx.getCurrentThreadCpuTime();
            sink = oneHot.fitTransform(categories);
            long d = mx.getCurrentThreadCpuTime();
            cpu[0][k] = b - a;
            cpu[1][k] = c - b;
            cpu[2][k] = d - c;
        }
        String[] what = {"standard scaler fitTransform, 1M x 50", "standard scaler transform, 1M x 50", "one-hot fitTransform, 1,000 levels x 1M rows"};
        for (int w = 0; w < 3; w++) {
            long[] t = java.util.Arrays.copyOfRange(cpu[w], 3, rounds);
            java.util.Arrays.sort(t);
            double ms = t[t.length / 2] / 1e6;
            String rate = w < 2 ? String.format(Locale.ROOT, " = %.0f million values/s", 50.0 / (ms / 1000)) : "";
            System.out.printf(Locale.ROOT, "%-46s median CPU %.1f ms%s%n", what[w], ms, rate);
        }
        if (sink == null) System.out.println();
    }
}
