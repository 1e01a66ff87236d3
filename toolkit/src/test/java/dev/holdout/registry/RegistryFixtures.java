package dev.holdout.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.holdout.cli.HoldoutCli;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Small real training jobs for the registry and experiments tests: XGBoost on the shipped breast-cancer rows, the
 * first 400 rows to train and the rest to validate with early stopping, trained through {@code holdout train}
 * (a few hundred milliseconds each).
 */
public final class RegistryFixtures {
    private RegistryFixtures() {}

    /** The train and validation CSVs under {@code dir} (written once per folder). */
    public static Path[] data(Path dir) throws IOException {
        Path train = dir.resolve("data/train.csv"), valid = dir.resolve("data/validation.csv");
        if (Files.exists(train)) return new Path[] {train, valid};
        Files.createDirectories(train.getParent());
        List<String> lines;
        try (InputStream in = RegistryFixtures.class.getResourceAsStream("/dev/holdout/datasets/breast-cancer.csv")) {
            lines = List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\\R"));
        }
        Files.write(train, lines.subList(0, 401));
        List<String> v = new java.util.ArrayList<>();
        v.add(lines.get(0));
        v.addAll(lines.subList(401, lines.size()));
        Files.write(valid, v);
        return new Path[] {train, valid};
    }

    /** Trains a job into {@code dir/name} with {@code maxDepth} and {@code eta}, via the CLI; returns the job folder. */
    public static Path job(Path dir, String name, int maxDepth, double eta) {
        try {
            Path[] d = data(dir);
            Path spec = dir.resolve(name + ".json");
            Files.writeString(spec, """
                    {"name": "%s", "label": "malignant", "features": ["mean_radius", "mean_texture", "mean_smoothness", "worst_area", "worst_concavity"],
                     "hyperparameters": {"num_round": "40", "objective": "binary:logistic", "eval_metric": "auc", "early_stopping_rounds": "5",
                                         "max_depth": "%d", "eta": "%s", "seed": "1", "nthread": "1"},
                     "channels": {"train": "%s", "validation": "%s"}}
                    """.formatted(name, maxDepth, Double.toString(eta), d[0], d[1]));
            Path out = dir.resolve(name);
            StringWriter err = new StringWriter();
            var cl = HoldoutCli.commandLine();
            cl.setOut(new PrintWriter(new StringWriter()));
            cl.setErr(new PrintWriter(err));
            int code = cl.execute("train", "--config", spec.toString(), "--output", out.toString());
            assertEquals(0, code, err.toString());
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Two jobs of different depth and learning rate: {@code dir/a} (depth 3, eta 0.3) and {@code dir/b} (depth 2, eta 0.1). */
    public static Path[] twoJobs(Path dir) {
        return new Path[] {job(dir, "a", 3, 0.3), job(dir, "b", 2, 0.1)};
    }

    /** Copies a folder tree (a job folder, a store's artifacts). */
    public static void copy(Path from, Path to) throws IOException {
        try (java.util.stream.Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t, java.nio.file.StandardCopyOption.COPY_ATTRIBUTES);
            }
        }
    }
}
