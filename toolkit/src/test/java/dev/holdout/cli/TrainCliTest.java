package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** holdout train / predict / quickstart / demo overfitting, end to end through the command line. */
class TrainCliTest {
    @TempDir Path dir;

    record Run(int code, String out, String err) {}

    Run run(String... args) {
        CommandLine cl = HoldoutCli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    Path quickstart() {
        Path run = dir.resolve("qs");
        Run r = run("quickstart", "--output", run.toString(), "--nthread", "1");
        assertEquals(0, r.code(), r.err());
        return run;
    }

    @Test void quickstartTrainsEvaluatesOnTestAndWritesTheRunFolder() throws Exception {
        Path run = dir.resolve("qs");
        Run r = run("quickstart", "--output", run.toString(), "--nthread", "1");
        assertEquals(0, r.code(), r.err());
        var metrics = new com.fasterxml.jackson.databind.ObjectMapper().readTree(run.resolve("metrics.json").toFile());
        assertTrue(r.out().contains(metrics.get("stopped_early").asBoolean()
                ? "stopped early after " + metrics.get("rounds_trained").asInt() + " of "
                : "ran all " + metrics.get("rounds_trained").asInt() + " rounds"), r.out());
        // the metrics table: a header naming the three parts, then a roc_auc row with the values of metrics.json
        assertTrue(r.out().lines().anyMatch(l -> l.trim().split("\\s+").length == 4
                && List.of(l.trim().split("\\s+")).equals(List.of("metric", "train", "validation", "test"))), r.out());
        String aucRow = r.out().lines().map(String::trim).filter(l -> l.startsWith("roc_auc ")).findFirst().orElseThrow();
        String[] cells = aucRow.split("\\s+");
        assertEquals(4, cells.length, aucRow);
        String[] parts = {"train", "validation", "test"};
        for (int i = 0; i < 3; i++) {
            double v = metrics.get("metrics").get(parts[i]).get("roc_auc").asDouble();
            assertEquals(v, Double.parseDouble(cells[i + 1]), 5e-5, parts[i] + " roc_auc in " + aucRow);
        }
        double testAuc = Double.parseDouble(cells[3]);
        assertTrue(testAuc > 0.5 && testAuc <= 1.0, "test roc_auc " + testAuc);
        assertTrue(r.out().contains("logistic-regression") && r.out().contains("cart"), "Tribuo learners compared: " + r.out());
        for (String f : QuickstartCommand.files()) assertTrue(Files.isRegularFile(run.resolve(f)), f);
        String report = Files.readString(run.resolve("report.html"));
        assertTrue(report.contains("data:image/png;base64,"), "the learning curve is inline");

        // predict with the saved preprocessor and model on the test part
        Path pred = dir.resolve("pred.csv");
        Run p = run("predict", "--model", run.resolve("job/model").toString(), "--input", run.resolve("data/test.csv").toString(),
                "--output", pred.toString());
        assertEquals(0, p.code(), p.err());
        List<String> lines = Files.readAllLines(pred);
        // the label is kept, so metrics run on the predictions as they are (no join)
        assertEquals("rain,probability,predicted_label", lines.get(0));
        assertEquals(Files.readAllLines(run.resolve("data/test.csv")).size(), lines.size());
        Run m = run("metrics", "--input", pred.toString(), "--label", "rain", "--prediction", "predicted_label", "--score", "probability",
                "--format", "json");
        assertEquals(0, m.code(), m.err());
        assertTrue(m.out().contains("\"roc_auc\""), m.out());
        // --keep adds columns; one that is not there is named
        Run k = run("predict", "--model", run.resolve("job/model").toString(), "--input", run.resolve("data/test.csv").toString(),
                "--output", pred.toString(), "--keep", "date");
        assertEquals(0, k.code(), k.err());
        List<String> kept = Files.readAllLines(pred);
        assertEquals("rain,date,probability,predicted_label", kept.get(0));
        assertEquals(Files.readAllLines(run.resolve("data/test.csv")).get(1).split(",")[0], kept.get(1).split(",")[1]);
        Run bad = run("predict", "--model", run.resolve("job/model").toString(), "--input", run.resolve("data/test.csv").toString(),
                "--output", pred.toString(), "--keep", "dat");
        assertEquals(2, bad.code());
        assertTrue(bad.err().contains("keep=dat") && bad.err().contains("did you mean 'date'"), bad.err());
    }

    @Test void quickstartRefusesANonEmptyFolderThatIsNotARunUnlessForced() throws Exception {
        Path precious = dir.resolve("precious");
        Files.createDirectories(precious);
        Files.writeString(precious.resolve("thesis.tex"), "years of work");
        Run r = run("quickstart", "--output", precious.toString(), "--nthread", "1");
        assertEquals(2, r.code(), r.out());
        assertTrue(r.err().contains("output=" + precious) && r.err().contains("--force"), r.err());
        assertEquals("years of work", Files.readString(precious.resolve("thesis.tex")));
        assertTrue(new picocli.CommandLine(new QuickstartCommand()).getCommandSpec().findOption("--force") != null);

        // a previous run (split.json and job/) is replaced without --force
        Path previous = dir.resolve("previous");
        Files.createDirectories(previous.resolve("job"));
        Files.writeString(previous.resolve("split.json"), "{}");
        Files.writeString(previous.resolve("stale.txt"), "old");
        Run again = run("quickstart", "--output", previous.toString(), "--nthread", "1");
        assertEquals(0, again.code(), again.err());
        assertFalse(Files.exists(previous.resolve("stale.txt")));
        assertTrue(Files.isRegularFile(previous.resolve("job/model/xgboost-model.json")));
    }

    @Test void trainFromAJsonSpecThenPredict() throws Exception {
        Path run = quickstart();
        Files.writeString(dir.resolve("job.json"), """
                {"name": "rain", "label": "rain", "features": ["temp_max", "temp_min", "wind"],
                 "hyperparameters": {"num_round": "40", "objective": "binary:logistic", "eval_metric": "auc",
                                     "early_stopping_rounds": "5", "max_depth": "3", "eta": "0.2", "seed": "7", "nthread": "1"},
                 "channels": {"train": "qs/data/train.csv", "validation": "qs/data/validation.csv"},
                 "preprocessing": {"steps": [{"step": "standard_scaler", "columns": ["temp_max", "temp_min", "wind"]}]}}
                """);
        Path job = dir.resolve("job");
        Run r = run("train", "--config", dir.resolve("job.json").toString(), "--output", job.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("[0]\ttrain-auc="), "a plain line per round without a terminal: " + r.out());
        assertTrue(Files.isRegularFile(job.resolve("output/metrics.json")));
        assertFalse(Files.exists(job.resolve("output/failure")));
        Run again = run("train", "--config", dir.resolve("job.json").toString(), "--output", job.toString());
        assertEquals(2, again.code(), "a job folder is not overwritten without --force");
        assertEquals(0, run("train", "--config", dir.resolve("job.json").toString(), "--output", job.toString(), "--force").code());
        Run p = run("predict", "--model", job.toString(), "--input", run.resolve("data/test.csv").toString(), "--output", dir.resolve("p.csv").toString());
        assertEquals(0, p.code(), p.err());

        // both saved job specs (CSV channels here, in-memory ones in quickstart) re-run to the same model
        for (Path saved : List.of(job, run.resolve("job"))) {
            Path spec = saved.resolve("input/config/job.json");
            assertEquals(saved.toAbsolutePath().normalize().toString(),
                    new com.fasterxml.jackson.databind.ObjectMapper().readTree(spec.toFile()).get("output").asText(), "the final folder, not a temporary one");
            Path copy = dir.resolve("again-" + saved.getParent().getFileName() + "-" + saved.getFileName());
            Run rerun = run("train", "--config", spec.toString(), "--output", copy.toString());
            assertEquals(0, rerun.code(), rerun.err());
            assertEquals(Files.readString(saved.resolve("model/xgboost-model.json")), Files.readString(copy.resolve("model/xgboost-model.json")));
        }
    }

    @Test void badInputExitsTwoWithTheRule() throws Exception {
        Files.writeString(dir.resolve("bad.json"), """
                {"label": "y", "hyperparameters": {"num_round": "10", "max_dept": "3"}, "channels": {"train": "t.csv"}}
                """);
        Run r = run("train", "--config", dir.resolve("bad.json").toString(), "--output", dir.resolve("o").toString());
        assertEquals(2, r.code());
        assertTrue(r.err().contains("max_dept=3: unknown hyperparameter; did you mean 'max_depth'?"), r.err());

        Files.writeString(dir.resolve("t.csv"), "a,y\n1,0\n2,1\n3,5\n");
        Files.writeString(dir.resolve("labels.json"), """
                {"label": "y", "hyperparameters": {"num_round": "3", "objective": "binary:logistic", "nthread": "1"},
                 "channels": {"train": "t.csv"}}
                """);
        Run l = run("train", "--config", dir.resolve("labels.json").toString(), "--output", dir.resolve("failed").toString());
        assertEquals(2, l.code());
        assertTrue(l.err().contains("not 0 or 1"), l.err());
        assertTrue(Files.readString(dir.resolve("failed/output/failure")).contains("not 0 or 1"));
        assertFalse(Files.exists(dir.resolve("failed/model")));

        // a failed --force run keeps a previous good job and reports beside it
        Files.writeString(dir.resolve("good.csv"), "a,y\n1,0\n2,1\n3,0\n4,1\n");
        Files.writeString(dir.resolve("good.json"), """
                {"label": "y", "hyperparameters": {"num_round": "3", "objective": "binary:logistic", "nthread": "1"},
                 "channels": {"train": "good.csv"}}
                """);
        Path good = dir.resolve("goodjob");
        assertEquals(0, run("train", "--config", dir.resolve("good.json").toString(), "--output", good.toString()).code());
        String model = Files.readString(good.resolve("model/xgboost-model.json"));
        Run f = run("train", "--config", dir.resolve("labels.json").toString(), "--output", good.toString(), "--force");
        assertEquals(2, f.code());
        assertEquals(model, Files.readString(good.resolve("model/xgboost-model.json")), "the good job is intact");
        assertFalse(Files.exists(good.resolve("output/failure")));
        assertTrue(Files.readString(dir.resolve("goodjob.failed-1/output/failure")).contains("not 0 or 1"));
        assertEquals(2, run("train", "--config", dir.resolve("labels.json").toString(), "--output", good.toString(), "--force").code());
        assertTrue(Files.isRegularFile(dir.resolve("goodjob.failed-2/output/failure")));
        assertTrue(Files.isRegularFile(good.resolve("model/xgboost-model.json")));

        Run p = run("predict", "--model", dir.resolve("failed").toString(), "--input", dir.resolve("t.csv").toString(),
                "--output", dir.resolve("p.csv").toString());
        assertEquals(2, p.code());
        assertTrue(p.err().contains("model="), p.err());
    }

    @Test void predictLoadsColumnsWithTheirTrainingTypes() throws Exception {
        StringBuilder csv = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 40; i++) csv.append(i % 7 == 0 ? "" : String.valueOf(i * 0.5)).append(',').append(i % 5).append(',').append(i % 2).append('\n');
        Files.writeString(dir.resolve("train.csv"), csv.toString());
        Files.writeString(dir.resolve("impute.json"), """
                {"label": "y", "hyperparameters": {"num_round": "3", "objective": "binary:logistic", "nthread": "1"},
                 "channels": {"train": "train.csv"},
                 "preprocessing": {"steps": [{"step": "impute", "strategy": "mean", "columns": ["a"]}]}}
                """);
        Path job = dir.resolve("imputed");
        Run t = run("train", "--config", dir.resolve("impute.json").toString(), "--output", job.toString());
        assertEquals(0, t.code(), t.err());
        // one row whose numeric cell is blank: inferred alone it would be text; the imputer fills it
        Files.writeString(dir.resolve("one.csv"), "a,b\n,3\n");
        Path pred = dir.resolve("one-pred.csv");
        Run p = run("predict", "--model", job.toString(), "--input", dir.resolve("one.csv").toString(), "--output", pred.toString());
        assertEquals(0, p.code(), p.err());
        assertEquals(2, Files.readAllLines(pred).size());
        double prob = Double.parseDouble(Files.readAllLines(pred).get(1).split(",")[0]);
        assertTrue(prob > 0 && prob < 1, "a probability: " + prob);
        // a header without rows is reported as such
        Files.writeString(dir.resolve("empty.csv"), "a,b\n");
        Run e = run("predict", "--model", job.toString(), "--input", dir.resolve("empty.csv").toString(), "--output", pred.toString());
        assertEquals(2, e.code());
        assertTrue(e.err().contains("input=" + dir.resolve("empty.csv") + ": has a header but no rows"), e.err());
    }

    @Test void demoOverfittingMeasuresTrainValidationAndTest() throws Exception {
        Path out = dir.resolve("demo");
        Run r = run("demo", "overfitting", "--output", out.toString(), "--max-depth", "3", "--rounds", "30");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("max_depth"), r.out());
        assertTrue(r.out().contains("early stopping (10), best iteration"), r.out());
        for (String f : List.of("depth.png", "rounds.png", "report.html")) assertTrue(Files.isRegularFile(out.resolve(f)), f);
    }
}
