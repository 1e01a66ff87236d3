package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.data.Synthetic;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import tech.tablesaw.api.Table;

class AuditCommandTest {
    record Run(int code, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = HoldoutCli.commandLine();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    static Path split(Path dir, Table table, String name) throws Exception {
        Path csv = dir.resolve(name + ".csv");
        table.write().csv(csv.toFile());
        Path out = dir.resolve(name);
        Run r = run("split", "--input", csv.toString(), "--output", out.toString(), "--strategy", "time", "--time", "signup_date",
                "--cutoffs", "2022-10-01,2023-04-01", "--label", "churned");
        assertEquals(0, r.code(), r.err());
        return out;
    }

    @Test void findsThePlantedLeakAndExitsThree(@TempDir Path dir) throws Exception {
        Path parts = split(dir, Synthetic.leakyClassification(1200, 8), "churn");
        Run r = run("audit", "--split", parts.toString(), "--label", "churned", "--format", "json");
        assertEquals(3, r.code(), r.out() + r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals(false, json.get("clean").asBoolean());
        JsonNode f = json.get("findings").get(0);
        assertEquals("target-leak", f.get("check").asText());
        assertEquals(Synthetic.LEAKY_FEATURE, f.get("evidence").get("feature").asText());
        assertTrue(json.get("checks_run").toString().contains("temporal-overlap"), "time column taken from split.json");
    }

    @Test void aCleanTimeSplitExitsZero(@TempDir Path dir) throws Exception {
        Table t = Synthetic.leakyClassification(1200, 8).removeColumns(Synthetic.LEAKY_FEATURE);
        Path parts = split(dir, t, "clean");
        Run r = run("audit", "--split", parts.toString(), "--label", "churned");
        assertEquals(0, r.code(), r.out() + r.err());
        assertTrue(r.out().startsWith("CLEAN"), r.out());
    }

    @Test void aPreprocessorFittedOnEveryRowIsFound(@TempDir Path dir) throws Exception {
        Table t = Synthetic.leakyClassification(1200, 8).removeColumns(Synthetic.LEAKY_FEATURE);
        Path parts = split(dir, t, "clean");
        FittedPreprocessor all = Preprocessor.of(StandardScaler.of("monthly_spend", "visits")).fit(t);
        Path file = dir.resolve("pre.json");
        all.save(file);
        Run r = run("audit", "--split", parts.toString(), "--label", "churned", "--preprocessor", file.toString());
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("preprocessing-outside-train: the preprocessor was fitted on train + validation + test rows"), r.out());
    }

    @Test void badInputExitsTwoWithTheReason(@TempDir Path dir) {
        Run missing = run("audit", "--split", dir.resolve("nope").toString(), "--label", "y");
        assertEquals(2, missing.code());
        assertTrue(missing.err().contains("--split=") && missing.err().contains("is not a folder"), missing.err());
        Run format = run("audit", "--split", dir.toString(), "--label", "y", "--format", "xml");
        assertEquals(2, format.code());
        assertTrue(format.err().contains("--format=xml"), format.err());
    }
}
