package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Drives the kernel as Jupyter does — its own JVM, a connection file, signed ZeroMQ messages — and checks what a
 * notebook user sees: values, streams, rich display, errors, completion, interrupt.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelProtocolTest {
    private KernelClient kernel;

    @BeforeAll
    void start() throws Exception {
        kernel = KernelClient.start(Path.of("target", "kernel-protocol-test"), 90_000);
    }

    @AfterAll
    void stop() throws Exception {
        if (kernel != null) kernel.close();
    }

    @Test
    void kernelInfoNamesJava() throws Exception {
        JsonNode info = kernel.kernelInfo();
        assertEquals("java", info.path("language_info").path("name").asText());
        assertEquals(HoldoutKernel.KERNEL_NAME, info.path("implementation").asText());
    }

    @Test
    void lastExpressionIsDisplayedUnlessTheCellEndsWithSemicolon() throws Exception {
        KernelClient.Execution shown = kernel.execute("int answer = 41;\nanswer + 1");
        assertEquals("ok", shown.status());
        assertEquals("42", shown.result().path("text/plain").asText());

        KernelClient.Execution hidden = kernel.execute("answer + 1;");
        assertEquals("ok", hidden.status());
        assertNull(hidden.result(), "a trailing ';' hides the value");

        KernelClient.Execution declaration = kernel.execute("String s = \"not shown\";");
        assertNull(declaration.result());

        KernelClient.Execution voidCall = kernel.execute("System.out.println(\"out \" + answer)");
        assertNull(voidCall.result(), "a void call has no value");
        assertEquals("out 41\n", voidCall.stdout());
    }

    @Test
    void stateCarriesAcrossCellsAndCellsHoldSeveralSnippets() throws Exception {
        kernel.execute("int twice(int x) { return 2 * x; }\nvar base = 20;");
        KernelClient.Execution e = kernel.execute("int shift = 1;\n// a comment\ntwice(base) + shift");
        assertEquals("41", e.result().path("text/plain").asText());
    }

    @Test
    void toolkitPackagesAreImported() throws Exception {
        KernelClient.Execution e = kernel.execute("List.of(Split.class.getName(), Html.class.getName(), Table.class.getName())");
        assertEquals("ok", e.status(), e.traceback());
        assertEquals("[dev.holdout.split.Split, dev.holdout.report.Html, tech.tablesaw.api.Table]",
                e.result().path("text/plain").asText());
    }

    @Test
    void tableShowsAsHtmlWithFirstRows() throws Exception {
        KernelClient.Execution e = kernel.execute(
                "Table t = Table.create(\"squares\", IntColumn.create(\"n\"), IntColumn.create(\"sq\"));\n"
                        + "for (int i = 0; i < 25; i++) { t.intColumn(\"n\").append(i); t.intColumn(\"sq\").append(i * i); }\n"
                        + "t");
        assertEquals("ok", e.status(), e.traceback());
        String html = e.result().path("text/html").asText();
        assertTrue(html.contains("25 rows × 2 columns"), html);
        assertEquals(RichDisplay.TABLE_ROWS + 1, count(html, "<tr>"), "header plus the first rows");
        assertTrue(html.contains("<td>81</td>"));
        assertFalse(html.contains("<td>576</td>"), "row 24 is not shown");
        assertTrue(e.result().path("text/plain").asText().startsWith("squares: 25 rows"));
    }

    @Test
    void imagesAndChartsShowAsPng() throws Exception {
        KernelClient.Execution image = kernel.execute("new java.awt.image.BufferedImage(7, 5, java.awt.image.BufferedImage.TYPE_INT_RGB)");
        BufferedImage decoded = png(image.result());
        assertEquals(7, decoded.getWidth());
        assertEquals(5, decoded.getHeight());

        KernelClient.Execution chart = kernel.execute(
                "Charts.line(\"loss\", \"round\", \"logloss\").series(\"train\", new double[] {1, 2, 3}, new double[] {0.6, 0.4, 0.3})");
        assertEquals("ok", chart.status(), chart.traceback());
        assertEquals(Charts_WIDTH(), png(chart.result()).getWidth());
    }

    @Test
    void aCellNeverShowsTheSameChartTwice() throws Exception {
        // a result whose HTML carries the chart it was just displayed with: the chart is shown once
        KernelClient.Execution e = kernel.execute(
                "Charts.Line loss = Charts.line(\"loss\", \"round\", \"logloss\").series(\"train\", new double[] {1, 2, 3}, new double[] {0.6, 0.4, 0.3});\n"
                        + "display(loss);\n"
                        + "display(loss);\n"
                        + "record Run(Charts.Line chart) { public String toHtml() { return \"<p>run</p>\" + Html.image(chart.image(), \"loss\"); } }\n"
                        + "new Run(loss)");
        assertEquals("ok", e.status(), e.traceback());
        assertEquals(1, e.ofType("display_data").size(), "the second display of the same chart is dropped");
        String html = e.result().path("text/html").asText();
        assertFalse(html.contains("data:image/png"), "the HTML does not repeat the chart shown above: " + html);
        assertTrue(html.contains("<p>run</p>") && html.contains(RepeatedImages.NOTE), html);
        assertTrue(e.ofType("display_data").get(0).path("data").path("text/plain").asText().startsWith("line chart \"loss\""),
                "a chart's plain text describes it");

        KernelClient.Execution next = kernel.execute("loss");
        assertTrue(next.result().has("image/png"), "the next cell may show it again");
    }

    private static int Charts_WIDTH() {
        return dev.holdout.report.Charts.WIDTH;
    }

    @Test
    void objectsWithToHtmlShowAsHtml() throws Exception {
        KernelClient.Execution e = kernel.execute(
                "record Score(double auc) { public String toHtml() { return \"<b>AUC \" + auc + \"</b>\"; } }\nnew Score(0.5)");
        assertEquals("<b>AUC 0.5</b>", e.result().path("text/html").asText());
        assertEquals("Score[auc=0.5]", e.result().path("text/plain").asText());

        KernelClient.Execution plain = kernel.execute("new StringBuilder(\"<b>no html</b>\")");
        assertTrue(plain.result().path("text/html").isMissingNode(), "no toHtml(): plain text only");
    }

    @Test
    void displayShowsValuesMidCell() throws Exception {
        KernelClient.Execution e = kernel.execute("display(html(\"<i>first</i>\"));\ndisplay(42);\n\"last\"");
        List<JsonNode> displays = e.ofType("display_data");
        assertEquals(2, displays.size());
        assertEquals("<i>first</i>", displays.get(0).path("data").path("text/html").asText());
        assertEquals("42", displays.get(1).path("data").path("text/plain").asText());
        assertEquals("last", e.result().path("text/plain").asText());
    }

    @Test
    void anExceptionFailsTheCellReadablyAndTheKernelKeepsRunning() throws Exception {
        kernel.execute("int before = 7;");
        KernelClient.Execution e = kernel.execute("int after = 8;\nthrow new IllegalStateException(\"threshold=2 must be in [0, 1]\")");
        assertEquals("error", e.status());
        assertEquals("IllegalStateException", e.reply().path("ename").asText());
        assertEquals("threshold=2 must be in [0, 1]", e.reply().path("evalue").asText());
        String traceback = e.traceback();
        assertTrue(traceback.contains("java.lang.IllegalStateException"), traceback);
        assertFalse(traceback.contains("jdk.internal.reflect"), "no reflection frames:\n" + traceback);

        KernelClient.Execution next = kernel.execute("before + after");
        assertEquals("ok", next.status());
        assertEquals("15", next.result().path("text/plain").asText());
    }

    @Test
    void toolkitErrorsKeepTheirMessage() throws Exception {
        KernelClient.Execution e = kernel.execute("Columns.require(Table.create(\"t\", IntColumn.create(\"price\")), \"prise\", \"label\")");
        assertEquals("error", e.status());
        assertEquals("DataValidationException", e.reply().path("ename").asText());
        assertTrue(e.reply().path("evalue").asText().contains("prise"), e.reply().toString());
    }

    @Test
    void aCompileErrorNamesTheLineAndStopsTheCell() throws Exception {
        KernelClient.Execution e = kernel.execute("int okay = 1;\nSystem.out.println(\"runs\");\nint broken = tabel.rowCount();\nSystem.out.println(\"never\");");
        assertEquals("error", e.status());
        String traceback = e.traceback();
        assertTrue(traceback.contains("line 3"), traceback);
        assertTrue(traceback.contains("cannot find symbol"), traceback);
        assertTrue(traceback.contains("tabel.rowCount()"), traceback);
        assertEquals("runs\n", e.stdout(), "snippets before the error ran, those after did not");

        KernelClient.Execution unbalanced = kernel.execute("if (true) {");
        assertEquals("error", unbalanced.status());
    }

    @Test
    void errorsFromDeepRecursionAreReported() throws Exception {
        KernelClient.Execution e = kernel.execute("int down(int n) { return down(n + 1) + 1; }\ndown(0)");
        assertEquals("error", e.status());
        assertTrue(e.traceback().contains("StackOverflowError"), e.traceback());
        assertEquals("ok", kernel.execute("1").status());
    }

    @Test
    void completionUsesJShellAnalysis() throws Exception {
        String code = "int x = 1;\nTable.cre";
        JsonNode reply = kernel.complete(code, code.length());
        assertEquals("ok", reply.path("status").asText());
        List<String> matches = new ArrayList<>();
        reply.path("matches").forEach(m -> matches.add(m.asText()));
        assertTrue(matches.contains("create("), matches.toString());
        assertEquals(code.length() - "cre".length(), reply.path("cursor_start").asInt());
        assertEquals(code.length(), reply.path("cursor_end").asInt());

        kernel.execute("var weatherTable = Table.create(\"w\");");
        JsonNode variable = kernel.complete("weatherT", 8);
        List<String> vars = new ArrayList<>();
        variable.path("matches").forEach(m -> vars.add(m.asText()));
        assertTrue(vars.contains("weatherTable"), vars.toString());
    }

    @Test
    void toolkitResultsRenderThroughTheirToHtml() throws Exception {
        KernelClient.Execution e = kernel.execute("RandomSplit.create().test(0.25).seed(7).split(40)");
        assertEquals("ok", e.status(), e.traceback());
        String html = e.result().path("text/html").asText();
        assertTrue(html.contains("<table") && html.contains("test"), html);
        assertTrue(e.result().path("text/plain").asText().startsWith("Split{"), e.result().toString());
    }

    @Test
    void inspectShowsTheSignature() throws Exception {
        String code = "Math.max(1, 2)";
        JsonNode reply = kernel.inspect(code, "Math.ma".length());
        assertEquals("ok", reply.path("status").asText(), reply.toString());
        assertTrue(reply.path("found").asBoolean(), reply.toString());
        assertTrue(reply.path("data").path("text/plain").asText().contains("max("), reply.toString());
    }

    @Test
    void completionLeavesOutObjectsMethodsUntilOneIsTyped() throws Exception {
        kernel.execute("var words = new ArrayList<String>();");
        List<String> all = matches(kernel.complete("words.", 6));
        assertTrue(all.contains("add("), all.toString());
        for (String noise : List.of("equals(", "hashCode()", "getClass()", "notify()", "notifyAll()", "wait(", "toString()")) {
            assertFalse(all.contains(noise), noise + " is offered without being typed: " + all);
        }
        assertTrue(matches(kernel.complete("words.eq", 8)).contains("equals("), "typed: offered");
        assertTrue(matches(kernel.complete("words.toS", 9)).contains("toString()"), "typed: offered");
    }

    private static List<String> matches(JsonNode reply) {
        List<String> m = new ArrayList<>();
        reply.path("matches").forEach(x -> m.add(x.asText()));
        return m;
    }

    @Test
    void inspectShowsTheJavadocOfToolkitClasses() throws Exception {
        String code = "TimeSplit.on(\"date\")";
        JsonNode reply = kernel.inspect(code, "TimeSplit.o".length());
        String text = reply.path("data").path("text/plain").asText();
        assertTrue(text.contains("on(String"), text);
        String javadoc = dev.holdout.notebooks.HoldoutKernel.plainJavadoc(toolkitJavadocOfTimeSplitOn());
        assertTrue(text.contains(javadoc.lines().findFirst().orElseThrow().strip()), "the Javadoc's first line:\n" + text);
        assertFalse(text.contains("{@code"), "inline tags are rendered as text:\n" + text);
    }

    /** The Javadoc comment above {@code TimeSplit.on} in the toolkit's source, as a reader of the source sees it. */
    private static String toolkitJavadocOfTimeSplitOn() throws Exception {
        String src = java.nio.file.Files.readString(Path.of("..", "toolkit", "src", "main", "java", "dev", "holdout",
                "split", "TimeSplit.java"));
        int on = src.indexOf("public static TimeSplit on(");
        int start = src.lastIndexOf("/**", on);
        return src.substring(start + 3, src.lastIndexOf("*/", on)).replaceAll("(?m)^\\s*\\* ?", "").strip();
    }

    @Test
    void inspectShowsTheJavadocOfJdkClassesWhenTheJdkHasItsSources() throws Exception {
        Path home = Path.of(System.getProperty("java.home"));
        Assumptions.assumeTrue(java.nio.file.Files.isReadable(home.resolve("lib").resolve("src.zip")),
                "this JDK ships no lib/src.zip (Debian: apt-get install openjdk-17-source)");
        JsonNode reply = kernel.inspect("Math.max(1, 2)", "Math.ma".length());
        String text = reply.path("data").path("text/plain").asText();
        assertTrue(text.contains("Returns the greater of two"), text);
    }

    @Test
    void recordsListsAndMapsShowAsHtmlTables() throws Exception {
        kernel.execute("record Point(int x, String label) {}");
        KernelClient.Execution record = kernel.execute("new Point(3, \"<a>\")");
        assertEquals("Point[x=3, label=<a>]", record.result().path("text/plain").asText());
        String html = record.result().path("text/html").asText();
        assertTrue(html.contains("<th>x</th><th>label</th>") && html.contains("<td>3</td><td>&lt;a&gt;</td>"), html);

        String list = kernel.execute("List.of(new Point(1, \"a\"), new Point(2, \"b\"))").result().path("text/html").asText();
        assertTrue(list.contains("2 items") && list.contains("<th>#</th><th>x</th><th>label</th>")
                && list.contains("<tr><td>1</td><td>2</td><td>b</td></tr>"), list);

        String map = kernel.execute("new TreeMap<>(Map.of(\"auc\", 0.91, \"logloss\", 0.32))").result().path("text/html").asText();
        assertTrue(map.contains("<th>key</th><th>value</th>") && map.contains("<tr><td>auc</td><td>0.91</td></tr>"), map);
    }

    @Test
    void isCompleteTellsAFrontEndWhetherToWaitForMoreLines() throws Exception {
        assertEquals("complete", kernel.isComplete("int a = 1;").path("status").asText());
        assertEquals("incomplete", kernel.isComplete("for (int i = 0; i < 3; i++) {").path("status").asText());
    }

    @Test
    void anInfiniteLoopCanBeInterrupted() throws Exception {
        String id = kernel.sendExecute("long spins = 0;\n"
                + "while (true) { if (++spins == 1) { System.out.println(\"loop-started\"); System.out.flush(); } }");
        kernel.awaitStdout(id, "loop-started", System.currentTimeMillis() + 30_000);   // the loop is running
        assertNotNull(kernel.interrupt(), "interrupt_reply on the control channel");
        KernelClient.Execution stopped = kernel.collect(id, System.currentTimeMillis() + 30_000);
        assertEquals("error", stopped.status());
        assertEquals("CellInterruptedException", stopped.reply().path("ename").asText());

        KernelClient.Execution after = kernel.execute("spins > 0");
        assertEquals("true", after.result().path("text/plain").asText(), "the kernel kept running and its state");
        assertTrue(kernel.isAlive());
    }

    private static BufferedImage png(JsonNode data) throws Exception {
        assertNotNull(data);
        byte[] bytes = Base64.getDecoder().decode(data.path("image/png").asText());
        assertEquals((byte) 0x89, bytes[0]);
        assertEquals('P', bytes[1]);
        return ImageIO.read(new ByteArrayInputStream(bytes));
    }

    private static int count(String haystack, String needle) {
        int n = 0;
        for (int i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + 1)) n++;
        return n;
    }
}
