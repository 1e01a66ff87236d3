package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class TuneCommandTest {
    static final String CONFIG = """
            {
              "data": {"dataset": "breast-cancer"},
              "split": {"testSize": 0.2, "validationSize": 0.2, "stratify": true, "seed": 42},
              "training": {"label": "malignant", "hyperparameters": {"num_round": "20", "objective": "binary:logistic", "seed": "1"}},
              "HyperParameterTuningJobConfig": {
                "Strategy": "%s",
                "HyperParameterTuningJobObjective": {"MetricName": "%s"},
                "ResourceLimits": {"MaxNumberOfTrainingJobs": 4, "MaxParallelTrainingJobs": 2},
                "ParameterRanges": {
                  "ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.05", "MaxValue": "0.5", "ScalingType": "Logarithmic"}],
                  "IntegerParameterRanges": [{"Name": "%s", "MinValue": "1", "MaxValue": "5"}]
                },
                "TrainingJobEarlyStoppingType": "%s",
                "RandomSeed": 3
              }
            }
            """;

    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        StringWriter out = new StringWriter(), err = new StringWriter();
        CommandLine cl = HoldoutCli.commandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void tunesAndWritesResultsWithProgress(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tuning.json");
        Files.writeString(config, String.format(CONFIG, "Random", "validation:auc", "max_depth", "Auto"));
        Run r = run("tune", "--config", config.toString(), "--output", dir.resolve("out").toString(), "--format", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("trial 4/4 done"), r.err());
        assertTrue(r.err().contains("best so far: trial"), r.err());
        assertTrue(r.err().contains("test rows (held out)"), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(4, json.get("trials").size());
        assertEquals("Maximize", json.at("/HyperParameterTuningJobConfig/HyperParameterTuningJobObjective/Type").asText());
        assertEquals(114, json.at("/test/rows").asInt());
        assertTrue(Files.isDirectory(Path.of(json.at("/bestTrial/trainingJobFolder").asText()).resolve("model")));
        for (String f : new String[] {"tuning.json", "report.html", "objective-by-trial.png", "best-so-far.png"}) {
            assertTrue(Files.isRegularFile(dir.resolve("out").resolve(f)), f);
        }
        Run again = run("tune", "--config", config.toString(), "--output", dir.resolve("out").toString());
        assertEquals(2, again.code(), "a non-empty output folder needs --force");
    }

    @Test
    void aFailedForcedRunLeavesThePreviousResultsIntact(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tuning.json");
        Path out = dir.resolve("out");
        Files.writeString(config, String.format(CONFIG, "Random", "validation:auc", "max_depth", "Off"));
        Run first = run("tune", "--config", config.toString(), "--output", out.toString(), "--format", "json");
        assertEquals(0, first.code(), first.err());
        String before = Files.readString(out.resolve("tuning.json"));
        Path bestFolder = Path.of(new ObjectMapper().readTree(before).at("/bestTrial/trainingJobFolder").asText());
        assertTrue(bestFolder.startsWith(out.toAbsolutePath()), "job folders point into the final folder: " + bestFolder);
        assertTrue(Files.isDirectory(bestFolder.resolve("model")), bestFolder.toString());
        assertEquals(bestFolder.toString(), new ObjectMapper().readTree(bestFolder.resolve("input/config/job.json").toFile())
                .path("output").asText(), "the trial's job.json records its final folder, not the temporary one");

        Files.writeString(config, String.format(CONFIG, "Random", "validation:auc", "max_dept", "Off"));
        Run failed = run("tune", "--config", config.toString(), "--output", out.toString(), "--force");
        assertEquals(2, failed.code(), failed.err());
        assertEquals(before, Files.readString(out.resolve("tuning.json")), "the old results survive a failed --force run");
        assertTrue(Files.isDirectory(bestFolder.resolve("model")));
        try (var siblings = Files.list(dir)) {
            assertEquals(0, siblings.filter(p -> p.getFileName().toString().startsWith(".out")).count(), "no temporary folder left");
        }
    }

    @Test
    void badInputExitsWithTwoAndAClearMessage(@TempDir Path dir) throws Exception {
        Path config = dir.resolve("tuning.json");
        Files.writeString(config, String.format(CONFIG, "Random", "validation:rmse", "max_depth", "Off"));
        Run r = run("tune", "--config", config.toString(), "--output", dir.resolve("o1").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("does not compute rmse"), r.err());

        Files.writeString(config, String.format(CONFIG, "Random", "validation:auc", "max_dept", "Off"));
        r = run("tune", "--config", config.toString(), "--output", dir.resolve("o2").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("did you mean 'max_depth'"), r.err());

        Files.writeString(config, String.format(CONFIG, "Hyperband", "validation:auc", "max_depth", "Auto"));
        r = run("tune", "--config", config.toString(), "--output", dir.resolve("o3").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("HyperbandStrategyConfig"), r.err());
    }

    @Test
    void theExampleInTheHelpParses(@TempDir Path dir) throws Exception {
        Run help = run("tune", "--help");
        assertEquals(0, help.code());
        String text = help.out();
        String example = text.substring(text.indexOf("Example tuning.json:") + "Example tuning.json:".length(), text.indexOf("Strategies:"));
        Path config = dir.resolve("example.json");
        Files.writeString(config, example);
        dev.holdout.tune.TuningSpec spec = dev.holdout.tune.TuningSpec.fromJson(config);
        assertEquals(dev.holdout.tune.Strategy.BAYESIAN, spec.config().strategy());
        assertEquals(20, spec.config().maxTrials());
        assertEquals("malignant", spec.training().label());
    }
}
