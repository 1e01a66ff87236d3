package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.metrics.Classification;
import dev.holdout.metrics.Regression;
import dev.holdout.metrics.Scores;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class MetricsCommandTest {
    @TempDir Path dir;

    record Run(int exit, String out, String err) {
        JsonNode json() throws IOException { return new ObjectMapper().readTree(out); }
    }

    private Run run(String... args) {
        CommandLine cl = HoldoutCli.commandLine();
        StringWriter out = new StringWriter(), err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        String[] all = new String[args.length + 1];
        all[0] = "metrics";
        System.arraycopy(args, 0, all, 1, args.length);
        int exit = cl.execute(all);
        return new Run(exit, out.toString(), err.toString());
    }

    private Path csv(String content) throws IOException {
        Path f = Files.createTempFile(dir, "preds", ".csv");
        Files.write(f, content.getBytes(StandardCharsets.UTF_8));
        return f;
    }

    private static final String BINARY = "label,prediction,score,region,w\n"
            + "1,1,0.9,north,1\n0,0,0.2,north,2\n1,0,0.4,south,1\n0,1,0.6,south,1\n1,1,0.8,north,3\n0,0,0.1,south,1\n";

    @Test void binaryJsonHasTheDocumentedKeysAndMatchesTheLibrary() throws IOException {
        Run r = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--score", "score", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        for (String k : List.of("accuracy", "precision", "recall", "f1", "balanced_accuracy", "mcc", "roc_auc",
                "average_precision", "log_loss", "confusion_matrix", "warnings")) {
            assertTrue(j.has(k), "missing key " + k + " in " + r.out());
        }
        int[] t = {1, 0, 1, 0, 1, 0}, p = {1, 0, 0, 1, 1, 0};
        double[] s = {0.9, 0.2, 0.4, 0.6, 0.8, 0.1};
        assertEquals(Classification.accuracy(t, p), j.get("accuracy").asDouble(), 1e-12);
        assertEquals(Classification.f1(t, p, 1), j.get("f1").asDouble(), 1e-12);
        assertEquals(Scores.rocAuc(t, s), j.get("roc_auc").asDouble(), 1e-12);
        assertEquals(Scores.logLoss(t, s), j.get("log_loss").asDouble(), 1e-12);
        assertEquals("[\"0\",\"1\"]", j.get("confusion_matrix").get("labels").toString());
        assertEquals("[[2,1],[1,2]]", j.get("confusion_matrix").get("matrix").toString());
        assertEquals(0, j.get("warnings").size(), j.get("warnings").toString());
    }

    @Test void groupByGivesAnObjectKeyedByGroupInFileOrder() throws IOException {
        Run r = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--score", "score",
                "--group-by", "region", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode top = r.json();
        List<String> topKeys = new ArrayList<>();
        for (Iterator<String> it = top.fieldNames(); it.hasNext(); ) topKeys.add(it.next());
        assertEquals(List.of("group_by", "overall", "groups"), topKeys);
        // the overall row is the file without --group-by
        JsonNode whole = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--score", "score",
                "--format", "json").json();
        for (String k : List.of("rows", "accuracy", "f1", "roc_auc", "log_loss")) assertEquals(whole.get(k), top.get("overall").get(k), k);
        JsonNode j = top.get("groups");
        List<String> keys = new ArrayList<>();
        for (Iterator<String> it = j.fieldNames(); it.hasNext(); ) keys.add(it.next());
        assertEquals(List.of("north", "south"), keys);
        assertEquals(3, j.get("north").get("rows").asInt());
        assertEquals(1.0, j.get("north").get("accuracy").asDouble());
        // north has one negative only: ROC AUC still defined (1 negative, 2 positives)
        assertEquals(1.0, j.get("north").get("roc_auc").asDouble());
        assertEquals(1.0 / 3, j.get("south").get("accuracy").asDouble(), 1e-12);
    }

    /** Three text classes, class probabilities as holdout predict names them; the figures are scikit-learn 1.2.1's. */
    private static final String MULTI = "y,pred,p_a,p_b,p_c,g\n"
            + "a,a,.7,.2,.1,x\nb,b,.2,.5,.3,x\nc,c,.1,.3,.6,x\na,b,.3,.4,.3,x\nb,a,.5,.3,.2,x\nc,c,.2,.2,.6,x\n"
            + "a,a,.6,.1,.3,z\nc,a,.4,.3,.3,z\nb,b,.1,.8,.1,z\na,c,.2,.2,.6,z\nc,c,.3,.3,.4,z\nc,b,.1,.6,.3,z\n";

    @Test void multiclassScoresGiveRocAucAndLogLossAsScikitLearn() throws IOException {
        Path f = csv(MULTI);
        String[] base = {"--input", f.toString(), "--label", "y", "--prediction", "pred", "--score", "p_a,p_b,p_c", "--format", "json"};
        // roc_auc_score(y, P, multi_class=..., average=...) and log_loss(y, P)
        String[][] cases = {{"ovr", "macro", "0.8100694444444444"}, {"ovr", "weighted", "0.8072916666666666"},
                {"ovo", "macro", "0.8180555555555555"}, {"ovo", "weighted", "0.8137152777777777"}};
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of(base));
            args.addAll(List.of("--multi-class", c[0], "--average", c[1]));
            Run r = run(args.toArray(String[]::new));
            assertEquals(0, r.exit(), r.err());
            JsonNode j = r.json();
            assertEquals(Double.parseDouble(c[2]), j.get("roc_auc").asDouble(), 1e-12, c[0] + " " + c[1]);
            assertEquals(0.8455885340602382, j.get("log_loss").asDouble(), 1e-12);
            assertEquals(c[0], j.get("multi_class").asText());
        }
        // the column order does not matter: each column is matched to its class by name
        List<String> swapped = new ArrayList<>(List.of(base));
        swapped.set(7, "p_c,p_a,p_b");
        assertEquals(0.8100694444444444, run(swapped.toArray(String[]::new)).json().get("roc_auc").asDouble(), 1e-12);
        // grouped: each group and the overall row
        List<String> grouped = new ArrayList<>(List.of(base));
        grouped.addAll(List.of("--group-by", "g"));
        JsonNode g = run(grouped.toArray(String[]::new)).json();
        assertEquals(0.8100694444444444, g.get("overall").get("roc_auc").asDouble(), 1e-12);
        assertEquals(6, g.get("groups").get("x").get("rows").asInt());
    }

    @Test void multiclassScoresThatAreNotProbabilitiesOrMissAClassAreRefused() throws IOException {
        Run missing = run("--input", csv(MULTI).toString(), "--label", "y", "--prediction", "pred", "--score", "p_a,p_b");
        assertEquals(2, missing.exit());
        assertTrue(missing.err().contains("no column for class 'c'") && missing.err().contains("p_c"), missing.err());
        Run sums = run("--input", csv("y,pred,p_a,p_b,p_c\na,a,.7,.2,.2\nb,b,.2,.5,.3\nc,c,.1,.3,.6\n").toString(), "--label", "y",
                "--prediction", "pred", "--score", "p_a,p_b,p_c");
        assertEquals(2, sums.exit());
        assertTrue(sums.err().contains(".csv:2,") && sums.err().contains("not 1"), sums.err());
        Run ovo = run("--input", csv(MULTI).toString(), "--label", "y", "--prediction", "pred", "--score", "p_a,p_b,p_c",
                "--multi-class", "both");
        assertEquals(2, ovo.exit());
        assertTrue(ovo.err().contains("multi-class=both"), ovo.err());
    }

    @Test void theGuideListsOnlyTheTaskMetricsAndNoGuideLeavesItOut() throws IOException {
        Path f = csv(BINARY);
        Run c = run("--input", f.toString(), "--label", "label", "--prediction", "prediction");
        assertTrue(c.out().contains("How to read these metrics") && c.out().contains("  recall (higher"), c.out());
        assertTrue(!c.out().contains("  rmse (") && !c.out().contains("MAE for typical error"), c.out());
        Run r = run("--input", csv("y,yhat\n3,2.5\n-0.5,0\n2,2\n7,8\n").toString(), "--label", "y", "--prediction", "yhat", "--task", "regression");
        assertTrue(r.out().contains("  rmse (lower") && !r.out().contains("  recall ("), r.out());
        Run quiet = run("--input", f.toString(), "--label", "label", "--prediction", "prediction", "--no-guide");
        assertEquals(0, quiet.exit(), quiet.err());
        assertTrue(quiet.out().contains("accuracy") && !quiet.out().contains("How to read these metrics"), quiet.out());
        Run grouped = run("--input", f.toString(), "--label", "label", "--prediction", "prediction", "--group-by", "region");
        assertTrue(grouped.out().indexOf("== overall") < grouped.out().indexOf("== region = north =="), grouped.out());
        assertEquals(1, grouped.out().split("How to read these metrics", -1).length - 1, grouped.out());
    }

    @Test void singleClassMakesRocAucNullWithAWarning() throws IOException {
        Run r = run("--input", csv("y,p,s\n1,1,0.9\n1,0,0.3\n").toString(), "--label", "y", "--prediction", "p", "--score", "s",
                "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertTrue(j.get("roc_auc").isNull());
        assertTrue(j.get("warnings").toString().contains("roc_auc: the truth has only one class"), j.get("warnings").toString());
        assertTrue(j.get("log_loss").isNumber());
    }

    @Test void zeroDivisionIsAppliedAndRecorded() throws IOException {
        Path f = csv("y,p\n1,0\n0,0\n");
        JsonNode j = run("--input", f.toString(), "--label", "y", "--prediction", "p", "--format", "json").json();
        assertEquals(0.0, j.get("precision").asDouble());
        assertEquals("0", j.get("zero_division").asText());
        assertTrue(j.get("warnings").toString().contains("zero_division=0"), j.toString());
        j = run("--input", f.toString(), "--label", "y", "--prediction", "p", "--zero-division", "1", "--format", "json").json();
        assertEquals(1.0, j.get("precision").asDouble());
        j = run("--input", f.toString(), "--label", "y", "--prediction", "p", "--zero-division", "nan", "--format", "json").json();
        assertTrue(j.get("precision").isNull());
    }

    @Test void multiclassStringLabelsWithAveraging() throws IOException {
        Path f = csv("truth,pred\ncat,cat\ndog,cat\nbird,bird\ndog,dog\n");
        Run r = run("--input", f.toString(), "--label", "truth", "--prediction", "pred", "--average", "macro", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("[\"bird\",\"cat\",\"dog\"]", j.get("labels").toString());
        assertEquals((1 + 0.5 + 1) / 3, j.get("precision").asDouble(), 1e-12);
        Run bad = run("--input", f.toString(), "--label", "truth", "--prediction", "pred", "--average", "binary");
        assertEquals(2, bad.exit());
        assertTrue(bad.err().contains("average=binary"), bad.err());
    }

    @Test void regressionJsonKeys() throws IOException {
        Path f = csv("y,yhat\n3,2.5\n-0.5,0\n2,2\n7,8\n");
        Run r = run("--input", f.toString(), "--label", "y", "--prediction", "yhat", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        for (String k : List.of("mse", "rmse", "mae", "r2", "mape", "median_ae", "explained_variance")) assertTrue(j.has(k), k);
        assertEquals(Regression.r2(new double[] {3, -0.5, 2, 7}, new double[] {2.5, 0, 2, 8}), j.get("r2").asDouble(), 1e-12);
        assertEquals("regression", j.get("task").asText());
    }

    @Test void bootstrapIsSeededAndReproducible() throws IOException {
        Path f = csv(BINARY);
        String[] args = {"--input", f.toString(), "--label", "label", "--prediction", "prediction", "--score", "score",
                "--bootstrap", "200", "--seed", "7", "--format", "json"};
        Run a = run(args), b = run(args);
        assertEquals(0, a.exit(), a.err());
        assertEquals(a.out(), b.out());
        JsonNode ci = a.json().get("confidence_intervals").get("accuracy");
        assertTrue(ci.get("lower").asDouble() <= a.json().get("accuracy").asDouble());
        assertEquals(2, run("--input", f.toString(), "--label", "label", "--prediction", "prediction", "--bootstrap", "100").exit());
    }

    @Test void badInputGetsAClearErrorAndExitCode2() throws IOException {
        Path nan = csv("y,p\n1,1\n0,NaN\n");
        Run r = run("--input", nan.toString(), "--label", "y", "--prediction", "p", "--task", "regression");
        assertEquals(2, r.exit());
        assertTrue(r.err().contains(":3, column 'p'"), r.err());

        Run nanLabel = run("--input", csv("y,p\n1,1\nNaN,0\n").toString(), "--label", "y", "--prediction", "p");
        assertEquals(2, nanLabel.exit());
        assertTrue(nanLabel.err().contains(":3, column 'y'"), nanLabel.err());

        Run prob = run("--input", csv("y,p,s\n1,1,1.5\n0,0,0.1\n").toString(), "--label", "y", "--prediction", "p", "--score", "s");
        assertEquals(2, prob.exit());
        assertTrue(prob.err().contains("not a probability"), prob.err());

        Run pos = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--positive", "yes");
        assertEquals(2, pos.exit());
        assertTrue(pos.err().contains("positive=yes"), pos.err());

        Run neg = run("--input", csv("y,p,w\n1,1,1\n0,0,-2\n").toString(), "--label", "y", "--prediction", "p", "--weight", "w");
        assertEquals(2, neg.exit());
        assertTrue(neg.err().contains(":3, column 'w'") && neg.err().contains("negative"), neg.err());

        Run empty = run("--input", csv("y,p\n").toString(), "--label", "y", "--prediction", "p");
        assertEquals(2, empty.exit());
        assertTrue(empty.err().contains("no data rows"), empty.err());

        Run col = run("--input", csv(BINARY).toString(), "--label", "lable", "--prediction", "prediction");
        assertEquals(2, col.exit());
        assertTrue(col.err().contains("did you mean 'label'"), col.err());
    }

    @Test void numericLabelsWrittenDifferentlyAreTheSameClass() throws IOException {
        JsonNode j = run("--input", csv("y,p\n1,1.0\n0,0.0\n").toString(), "--label", "y", "--prediction", "p",
                "--task", "classification", "--format", "json").json();
        assertEquals(1.0, j.get("accuracy").asDouble());
    }

    @Test void choosesThresholdsForTargetPrecisionAndRecall() throws IOException {
        Run r = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--score", "score",
                "--target-precision", "0.9", "--target-recall", "1.0", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        // scores of positives 0.9, 0.8, 0.4; negatives 0.6, 0.2, 0.1
        assertEquals(0.8, j.get("threshold_for_precision").get("threshold").asDouble());
        assertEquals(1.0, j.get("threshold_for_precision").get("precision").asDouble());
        assertEquals(0.4, j.get("threshold_for_recall").get("threshold").asDouble());
        assertEquals(0.75, j.get("threshold_for_recall").get("precision").asDouble(), 1e-12);
        Run unreachable = run("--input", csv("y,p,s\n1,1,0.5\n0,1,0.5\n").toString(), "--label", "y", "--prediction", "p",
                "--score", "s", "--target-precision", "0.9", "--format", "json");
        assertEquals(0, unreachable.exit(), unreachable.err());
        assertTrue(unreachable.json().get("threshold_for_precision").get("threshold").isNull());
        Run noScore = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--target-recall", "0.5");
        assertEquals(2, noScore.exit());
    }

    @Test void weightsAreUsed() throws IOException {
        JsonNode j = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--weight", "w",
                "--format", "json").json();
        // correct rows carry weights 1+2+3+1 = 7 of 9
        assertEquals(7.0 / 9, j.get("accuracy").asDouble(), 1e-12);
        assertTrue(j.get("weighted").asBoolean());
    }

    @Test void explainAndTableOutputIncludeTheGuide() throws IOException {
        Run e = run("--explain");
        assertEquals(0, e.exit());
        assertTrue(e.out().contains("precision (higher is better)"));
        assertTrue(e.out().contains("recall when false"));
        Run t = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--score", "score");
        assertEquals(0, t.exit(), t.err());
        assertTrue(t.out().contains("roc_auc") && t.out().contains("How to read these metrics"), t.out());
    }

    @Test void writesHtmlAndCharts() throws IOException {
        Path html = dir.resolve("report.html"), charts = dir.resolve("charts");
        Files.createDirectories(charts);
        Run r = run("--input", csv(BINARY).toString(), "--label", "label", "--prediction", "prediction", "--score", "score",
                "--html", html.toString(), "--charts", charts.toString());
        assertEquals(0, r.exit(), r.err());
        String page = Files.readString(html);
        assertTrue(page.contains("<table") && page.contains("data:image/png;base64,") && page.contains("How to read"));
        byte[] png = Files.readAllBytes(charts.resolve("roc.png"));
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test void onlyZeroLabelsKeepOneAsThePositiveLikeScikitLearn() throws IOException {
        Run r = run("--input", csv("label,prediction,score\n0,0,0.1\n0,0,0.2\n0,0,0.3\n").toString(), "--label", "label",
                "--prediction", "prediction", "--score", "score", "--format", "json");
        assertEquals(0, r.exit(), r.err());
        JsonNode j = r.json();
        assertEquals("1", j.get("positive").asText());
        assertEquals(0.0, j.get("precision").asDouble());
        assertEquals(0.0, j.get("recall").asDouble());
        assertEquals(0.0, j.get("f1").asDouble());
        assertEquals(0.22839300363692283, j.get("log_loss").asDouble(), 1e-15); // scikit-learn, labels=[0, 1]
        assertTrue(j.get("average_precision").isNull());
        assertTrue(j.get("roc_auc").isNull());
        assertEquals("[[3]]", j.get("confusion_matrix").get("matrix").toString());

        JsonNode one = run("--input", csv("label,prediction,score\n0,0,0.1\n").toString(), "--label", "label",
                "--prediction", "prediction", "--score", "score", "--format", "json").json();
        assertEquals(0.10536051565782628, one.get("log_loss").asDouble(), 1e-15);
        assertEquals(0.0, one.get("f1").asDouble());
    }

    @Test void twoTextLabelsWithAScoreNeedPositive() throws IOException {
        Path f = csv("y,p,s\nham,ham,0.2\nspam,ham,0.6\n");
        Run r = run("--input", f.toString(), "--label", "y", "--prediction", "p", "--score", "s");
        assertEquals(2, r.exit(), r.out());
        assertTrue(r.err().contains("[ham, spam]") && r.err().contains("--positive"), r.err());
        assertEquals(0, run("--input", f.toString(), "--label", "y", "--prediction", "p", "--score", "s", "--positive", "spam").exit());
    }

    @Test void nanOrInfinityAsAClassLabelIsRefusedWithFileLineAndColumn() throws IOException {
        for (String bad : List.of("NaN", "nan", "-NaN", "+nan", "Infinity", "-Infinity", "inf", "1e400", "-1E999")) {
            for (String task : List.of("classification", "auto")) {
                Path f = csv("y,p\n1,1\n" + bad + ",0\n");
                List<String> args = new ArrayList<>(List.of("--input", f.toString(), "--label", "y", "--prediction", "p"));
                if (!task.equals("auto")) args.addAll(List.of("--task", task));
                Run r = run(args.toArray(new String[0]));
                assertEquals(2, r.exit(), bad + " as label (" + task + "): " + r.out());
                assertTrue(r.err().contains(f + ":3, column 'y'"), r.err());
                f = csv("y,p\n1,1\n0," + bad + "\n");
                args.set(1, f.toString());
                r = run(args.toArray(new String[0]));
                assertEquals(2, r.exit(), bad + " as prediction (" + task + "): " + r.out());
                assertTrue(r.err().contains(f + ":3, column 'p'"), r.err());
            }
        }
    }

    @Test void groupBySlicesListOnlyTheirOwnLabels() throws IOException {
        Path f = csv("y,p,g\n0,0,a\n0,0,a\n1,1,b\n0,1,b\n2,2,c\n0,2,c\n1,1,c\n");
        JsonNode j = run("--input", f.toString(), "--label", "y", "--prediction", "p", "--group-by", "g", "--average", "macro",
                "--format", "json").json().get("groups");
        assertEquals("[\"0\"]", j.get("a").get("labels").toString());
        assertEquals("[\"0\"]", j.get("a").get("confusion_matrix").get("labels").toString());
        assertEquals("[[2]]", j.get("a").get("confusion_matrix").get("matrix").toString());
        assertEquals("[\"0\",\"1\"]", j.get("b").get("confusion_matrix").get("labels").toString());
        assertEquals("[[0,1],[0,1]]", j.get("b").get("confusion_matrix").get("matrix").toString());
        assertEquals("[[0,0,1],[0,1,0],[0,0,1]]", j.get("c").get("confusion_matrix").get("matrix").toString());
        // macro averages are over the labels present in the slice either way: same as the slice on its own
        JsonNode alone = run("--input", csv("y,p\n1,1\n0,1\n").toString(), "--label", "y", "--prediction", "p",
                "--average", "macro", "--format", "json").json();
        for (String k : List.of("precision", "recall", "f1", "balanced_accuracy", "mcc")) {
            assertEquals(alone.get(k).asDouble(), j.get("b").get(k).asDouble(), 1e-15, k);
        }
    }
}
