package dev.holdout.serve;

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
import picocli.CommandLine;

/**
 * Three small models trained once per test JVM on the shipped data, through {@code holdout train}: binary
 * (breast-cancer, numeric features, median imputation and scaling), multiclass (birdstrikes' time of day from
 * text features one-hot encoded and a speed with missing values), regression (diabetes).
 */
final class ServeFixtures {
    private ServeFixtures() {}

    record Model(String name, Path job, Path data) {
        Path modelFolder() { return job.resolve("model"); }
    }

    private static Path root;
    private static Model binary, multiclass, regression;

    static synchronized Model binary() { init(); return binary; }

    static synchronized Model multiclass() { init(); return multiclass; }

    static synchronized Model regression() { init(); return regression; }

    static List<Model> all() { return List.of(binary(), multiclass(), regression()); }

    private static void init() {
        if (root != null) return;
        try {
            Path r = Files.createTempDirectory("holdout-serve-models");
            binary = train(r, "binary", "breast-cancer.csv", """
                    {"name": "cancer", "label": "malignant", "features": ["mean_radius", "mean_texture", "mean_smoothness", "worst_area"],
                     "hyperparameters": {"num_round": "20", "objective": "binary:logistic", "max_depth": "3", "eta": "0.3", "seed": "1", "nthread": "1"},
                     "channels": {"train": "DATA"},
                     "preprocessing": {"steps": [{"step": "impute", "strategy": "median", "columns": ["mean_radius"]},
                                                 {"step": "standard_scaler", "columns": ["mean_radius", "mean_texture", "worst_area"]}]}}
                    """);
            multiclass = train(r, "multiclass", "birdstrikes.csv", """
                    {"name": "time-of-day", "label": "Time of day", "features": ["Phase of flight=Approach",
                       "Phase of flight=Climb", "Phase of flight=Descent", "Phase of flight=Landing Roll", "Phase of flight=Parked",
                       "Phase of flight=Take-off run", "Phase of flight=Taxi", "Wildlife Size=Large", "Wildlife Size=Medium", "Wildlife Size=Small",
                       "Speed IAS in knots"],
                     "hyperparameters": {"num_round": "15", "objective": "multi:softprob", "num_class": "4", "max_depth": "3", "eta": "0.3",
                                         "seed": "1", "nthread": "1"},
                     "channels": {"train": "DATA"},
                     "preprocessing": {"steps": [{"step": "one_hot", "columns": ["Phase of flight", "Wildlife Size"], "unknown": "ignore"},
                                                 {"step": "impute", "strategy": "median", "columns": ["Speed IAS in knots"]}]}}
                    """);
            regression = train(r, "regression", "diabetes.csv", """
                    {"name": "diabetes", "label": "progression", "features": ["age", "sex", "bmi", "bp", "s1", "s5"],
                     "hyperparameters": {"num_round": "20", "objective": "reg:squarederror", "max_depth": "3", "eta": "0.3", "seed": "1", "nthread": "1"},
                     "channels": {"train": "DATA"}}
                    """);
            root = r;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Model train(Path root, String name, String dataset, String spec) throws IOException {
        Path data = root.resolve(dataset);
        try (InputStream in = ServeFixtures.class.getResourceAsStream("/dev/holdout/datasets/" + dataset)) {
            Files.write(data, in.readAllBytes());
        }
        if (dataset.equals("birdstrikes.csv")) {
            // multi:softprob takes the classes as numbers: the time of day coded in label order (Dawn, Day, Dusk, Night)
            tech.tablesaw.api.Table t = dev.holdout.data.CsvLoader.forFile(data).load(data);
            tech.tablesaw.api.StringColumn time = t.stringColumn("Time of day");
            List<String> classes = List.of("Dawn", "Day", "Dusk", "Night");
            int[] codes = new int[t.rowCount()];
            for (int i = 0; i < codes.length; i++) codes[i] = classes.indexOf(time.get(i));
            t.replaceColumn("Time of day", tech.tablesaw.api.IntColumn.create("Time of day", codes));
            t.write().csv(data.toFile());
        }
        Path config = root.resolve(name + ".json");
        Files.writeString(config, spec.replace("DATA", data.toString()), StandardCharsets.UTF_8);
        Path job = root.resolve(name);
        String[] out = cli("train", "--config", config.toString(), "--output", job.toString());
        assertEquals("0", out[0], "training the " + name + " fixture: " + out[1] + out[2]);
        return new Model(name, job, data);
    }

    /** Runs the command line in-process: {exit code, stdout, stderr}. */
    static String[] cli(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = HoldoutCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }
}
