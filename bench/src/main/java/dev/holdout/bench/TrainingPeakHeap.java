package dev.holdout.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Locale;

/**
 * Peak Java heap of one issue-5 training run (1,000,000 x 20, 100 rounds, hist, depth 6, 2 threads),
 * one path per JVM: {@code java -Xmx4g -cp bench/target/benchmarks.jar dev.holdout.bench.TrainingPeakHeap direct|toolkitTrainPath|toolkitJob}.
 * Reports wall time, process CPU time (less sensitive than wall time to other load on a shared
 * machine), the heap in use after the data is built and the peak of the heap pools during training.
 * XGBoost's own DMatrix and histogram memory is native, outside the Java heap.
 */
public final class TrainingPeakHeap {
    private TrainingPeakHeap() {}

    public static void main(String[] args) throws Exception {
        String path = args.length > 0 ? args[0] : "toolkitJob";
        TrainingBench b = new TrainingBench();
        b.rows = 1_000_000;
        b.cols = 20;
        b.rounds = 100;
        b.setup();
        System.gc();
        long base = used();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) p.resetPeakUsage();
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        Object r = switch (path) {
            case "direct" -> b.direct();
            case "toolkitTrainPath" -> b.toolkitTrainPath();
            case "toolkitJob" -> b.toolkitJob();
            default -> throw new IllegalArgumentException("path=" + path + ": use direct, toolkitTrainPath or toolkitJob");
        };
        double secs = (System.nanoTime() - t0) / 1e9;
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        long peak = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) peak += p.getPeakUsage().getUsed();
        System.out.printf(Locale.ROOT, "%s: wall %.1f s, process CPU %.1f s, heap after data %d MB, peak heap pools during training %d MB (%s)%n",
                path, secs, cpu, base >> 20, peak >> 20, r.getClass().getSimpleName());
    }

    private static long used() {
        long u = 0;
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) if (p.getType() == MemoryType.HEAP) u += p.getUsage().getUsed();
        return u;
    }
}
