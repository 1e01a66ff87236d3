package dev.holdout.reliability;

import dev.holdout.data.SeededRandom;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Small real jobs for the process-level reliability tests (split, train, tune of a 200-row slice of
 * breast-cancer, or a larger seeded synthetic table when a run must last a few seconds), and a fingerprint of
 * an output folder that is equal for two complete runs with the same arguments.
 */
final class Workloads {
    private Workloads() {}

    static final String MAIN = "dev.holdout.cli.HoldoutCli";

    /** The first {@code rows} rows of the shipped breast-cancer data. */
    static Path cancer(Path dir, int rows) throws IOException {
        Path csv = dir.resolve("cancer.csv");
        try (InputStream in = Workloads.class.getResourceAsStream("/dev/holdout/datasets/breast-cancer.csv")) {
            List<String> lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().limit(rows + 1L).toList();
            Files.write(csv, lines, StandardCharsets.UTF_8);
        }
        return csv;
    }

    /** A seeded table of {@code rows} rows, 8 numeric features and a noisy binary label {@code y}. */
    static Path synthetic(Path dir, int rows, long seed) throws IOException {
        SeededRandom r = new SeededRandom(seed);
        StringBuilder sb = new StringBuilder("f0,f1,f2,f3,f4,f5,f6,f7,y\n");
        for (int i = 0; i < rows; i++) {
            double s = 0;
            for (int f = 0; f < 8; f++) {
                double v = r.nextGaussian();
                s += v * (f % 3 - 1);
                sb.append(String.format(Locale.ROOT, "%.5f", v)).append(',');
            }
            sb.append(s + r.nextGaussian() > 0 ? 1 : 0).append('\n');
        }
        Path csv = dir.resolve("synthetic.csv");
        Files.writeString(csv, sb, StandardCharsets.UTF_8);
        return csv;
    }

    static Path trainConfig(Path dir, String name, Path train, String label, int rounds, int depth) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                {"name": "job", "label": "%s",
                 "hyperparameters": {"num_round": "%d", "objective": "binary:logistic", "max_depth": "%d", "eta": "0.1",
                                     "seed": "1", "nthread": "1"},
                 "channels": {"train": "%s"}}
                """.formatted(label, rounds, depth, train.toString().replace("\\", "\\\\")));
        return f;
    }

    static Path tuneConfig(Path dir, String name, Path data, String label, int trials, int rounds, long seed) throws IOException {
        Path f = dir.resolve(name);
        Files.writeString(f, """
                {"data": {"csv": "%s"}, "split": {"testSize": 0.2, "validationSize": 0.2},
                 "training": {"label": "%s", "hyperparameters": {"num_round": "%d", "objective": "binary:logistic", "seed": "1"}},
                 "HyperParameterTuningJobConfig": {"Strategy": "Random",
                   "HyperParameterTuningJobObjective": {"MetricName": "validation:logloss"},
                   "ResourceLimits": {"MaxNumberOfTrainingJobs": %d, "MaxParallelTrainingJobs": 1},
                   "ParameterRanges": {"IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "6"}]},
                   "RandomSeed": %d}}
                """.formatted(data.toString().replace("\\", "\\\\"), label, rounds, trials, seed));
        return f;
    }

    /** Files whose bytes differ between two identical runs (a time, a duration, a log with times): only their presence counts. */
    private static final Set<String> TIMED = Set.of("model-card.json", "training.log", "tuning.json", "report.html", "job.json",
            "learning-curve.png", "objective-by-trial.png", "best-so-far.png");

    /** Every entry under {@code root} with a digest of its bytes (or "present" for the timed files); empty when absent. */
    static Map<String, String> fingerprint(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        if (!Files.exists(root)) return m;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (p.equals(root)) continue;
                String key = root.relativize(p).toString();
                if (Files.isDirectory(p)) m.put(key, "/");
                else if (TIMED.contains(p.getFileName().toString())) m.put(key, "present");
                else m.put(key, Integer.toHexString(java.util.Arrays.hashCode(Files.readAllBytes(p))) + ":" + Files.size(p));
            }
        }
        return m;
    }

    static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) return;
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    /** The names in {@code dir}, sorted (hidden ones too): where a leftover lock or temporary folder would show. */
    static List<String> names(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return new ArrayList<>(s.map(p -> p.getFileName().toString()).sorted().toList());
        }
    }
}
