package dev.holdout.bench;

import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Locale;

/**
 * Paired timing for a loaded, shared machine: direct XGBoost4J on a float[] and the toolkit's path
 * (Table -> FeatureMatrix -> DMatrix -> boosting loop) alternate in one JVM in ABBA order, so each
 * pair sees about the same background load; the median of the per-pair ratios is the figure.
 * {@code java -Xms4g -Xmx4g -cp bench/target/benchmarks.jar dev.holdout.bench.TrainingPairs [pairs] [rounds]}
 */
public final class TrainingPairs {
    private TrainingPairs() {}

    public static void main(String[] args) throws Exception {
        int pairs = args.length > 0 ? Integer.parseInt(args[0]) : 4;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 100;
        TrainingBench b = new TrainingBench();
        b.rows = 1_000_000;
        b.cols = 20;
        b.rounds = rounds;
        b.setup();
        b.direct();             // warm both paths once (JIT, native library load)
        b.toolkitTrainPath();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        double[] wallRatio = new double[pairs], cpuRatio = new double[pairs];
        for (int i = 0; i < pairs; i++) {
            boolean directFirst = i % 2 == 0;
            double[] d = new double[2], t = new double[2];
            for (int k = 0; k < 2; k++) {
                boolean runDirect = (k == 0) == directFirst;
                long c0 = os.getProcessCpuTime(), w0 = System.nanoTime();
                if (runDirect) b.direct(); else b.toolkitTrainPath();
                double wall = (System.nanoTime() - w0) / 1e9, cpu = (os.getProcessCpuTime() - c0) / 1e9;
                if (runDirect) { d[0] = wall; d[1] = cpu; } else { t[0] = wall; t[1] = cpu; }
            }
            wallRatio[i] = t[0] / d[0];
            cpuRatio[i] = t[1] / d[1];
            System.out.printf(Locale.ROOT, "pair %d: direct %.1f s wall / %.1f s CPU, toolkit %.1f s wall / %.1f s CPU, ratio wall %.3f CPU %.3f%n",
                    i + 1, d[0], d[1], t[0], t[1], wallRatio[i], cpuRatio[i]);
        }
        System.out.printf(Locale.ROOT, "median toolkit/direct ratio: wall %.3f, CPU %.3f (%d pairs, %d rounds)%n",
                median(wallRatio), median(cpuRatio), pairs, rounds);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }
}
