package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.report.Charts;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storing executed notebooks and comparing them with a fresh run, without Jupyter. */
class StoredOutputsTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** An executed notebook as nbclient writes it: counts, timing metadata, the kernel's version, split streams. */
    private static ObjectNode executed(String printed, String html, String png) throws Exception {
        String nb = """
                {"cells": [
                  {"cell_type": "markdown", "id": "m1", "metadata": {}, "source": ["# Title\\n", "text"]},
                  {"cell_type": "code", "execution_count": 3, "id": "c1",
                   "metadata": {"execution": {"iopub.execute_input": "2026-12-01T10:58:06.060412Z"}},
                   "source": "int x = 1;\\nx",
                   "outputs": [
                     {"name": "stdout", "output_type": "stream", "text": ["first part "]},
                     {"name": "stdout", "output_type": "stream", "text": %s},
                     {"data": {"text/html": %s, "text/plain": ["t"]}, "execution_count": 3, "metadata": {}, "output_type": "execute_result"},
                     {"data": {"image/png": %s, "text/plain": "line chart \\"c\\""}, "metadata": {}, "output_type": "display_data"}
                   ]}
                 ],
                 "metadata": {"kernelspec": {"name": "holdout-java"}, "language_info": {"name": "java", "version": "17.0.15+6"}},
                 "nbformat": 4, "nbformat_minor": 5}
                """.formatted(JSON.writeValueAsString(printed), JSON.writeValueAsString(html), JSON.writeValueAsString(png));
        return (ObjectNode) JSON.readTree(nb);
    }

    private static String png(double y) {
        return Base64.getEncoder().encodeToString(Charts.png(Charts.line("c", "x", "y")
                .series("s", new double[] {0, 1}, new double[] {0, y}).image()));
    }

    private static final String TABLE = "<table class=\"holdout\"><thead><tr><th>trial</th><th>seconds</th></tr></thead>"
            + "<tbody><tr><td>1</td><td>%s</td></tr></tbody></table>";

    @Test
    void cleaningDropsWhatChangesFromRunToRun() throws Exception {
        ObjectNode nb = StoredOutputs.clean(executed("took 3.1 s\nsecond line\n", TABLE.formatted("0.135"), png(1)));
        JsonNode cell = nb.path("cells").get(1);
        assertTrue(cell.path("execution_count").isNull());
        assertFalse(cell.path("metadata").has("execution"), "nbclient's timing metadata is dropped");
        assertFalse(nb.path("metadata").path("language_info").has("version"), "the kernel's JDK version is dropped");
        assertEquals(StoredOutputs.renderingFingerprint(), nb.path("metadata").path("holdout").path("rendering").asText());
        JsonNode outputs = cell.path("outputs");
        assertEquals(3, outputs.size(), "the two stdout messages are one output");
        assertEquals(List.of("first part took 3.1 s\n", "second line\n"), JSON.convertValue(outputs.get(0).path("text"), List.class));
        assertTrue(outputs.get(1).path("execution_count").isNull());
        assertTrue(cell.path("source").isArray(), "sources in nbformat's list-of-lines form");
        assertTrue(outputs.get(2).path("data").path("image/png").isTextual(), "a picture stays one base64 string");
    }

    @Test
    void timingsPathsAndTimingColumnsAreTolerated() throws Exception {
        JsonNode stored = StoredOutputs.clean(executed("took 3.1 s, 20 ms; job in /tmp/holdout-1/job\n", TABLE.formatted("0.135"), png(1)));
        JsonNode fresh = StoredOutputs.clean(executed("took 2.7 s, 45 ms; job in /tmp/holdout-9/job\n", TABLE.formatted("0.201"), png(1)));
        assertEquals(List.of(), StoredOutputs.differences(stored, fresh));
        assertEquals(" a | seconds | c \nx |<time>| z", StoredOutputs.tolerant(" a | seconds | c \nx | 0.58 | z"),
                "a text table's seconds column");
    }

    @Test
    void aMovedNumberIsADifferenceThatNamesTheCellAndLine() throws Exception {
        JsonNode stored = StoredOutputs.clean(executed("auc 0.812\n", TABLE.formatted("0.1"), png(1)));
        JsonNode fresh = StoredOutputs.clean(executed("auc 0.815\n", TABLE.formatted("0.1"), png(1)));
        List<String> d = StoredOutputs.differences(stored, fresh);
        assertEquals(1, d.size(), d.toString());
        assertTrue(d.get(0).startsWith("cell 1 (int x = 1;), output 1: stdout differs at line 1"), d.get(0));
        assertTrue(d.get(0).contains("stored: first part auc 0.812") && d.get(0).contains("now:    first part auc 0.815"), d.get(0));
    }

    @Test
    void picturesCompareExactlyOnTheSameRenderingAndBySizeOtherwise() throws Exception {
        JsonNode stored = StoredOutputs.clean(executed("x\n", "h", png(1)));
        JsonNode fresh = StoredOutputs.clean(executed("x\n", "h", png(2)));
        assertEquals(1, StoredOutputs.differences(stored, fresh).size(), "another curve is another picture");
        ((ObjectNode) stored.path("metadata").path("holdout")).put("rendering", "another machine");
        assertEquals(List.of(), StoredOutputs.differences(stored, fresh),
                "drawn with other fonts: compared by size (the text description still is compared)");
        assertEquals("800×480", StoredOutputs.dimensions(png(1)));
    }

    @Test
    void updateKeepsEveryOutputThatStillMatches() throws Exception {
        JsonNode stored = StoredOutputs.clean(executed("took 3.1 s\n", TABLE.formatted("0.135"), png(1)));
        JsonNode sameNumbers = StoredOutputs.clean(executed("took 2.2 s\n", TABLE.formatted("0.4"), png(1)));
        assertEquals(StoredOutputs.toJson(stored), StoredOutputs.toJson(StoredOutputs.update(stored, sameNumbers)),
                "a rerun that moves only timings changes no byte");
        JsonNode moved = StoredOutputs.clean(executed("took 2.2 s\n", TABLE.formatted("0.4"), png(3)));
        JsonNode updated = StoredOutputs.update(stored, moved);
        JsonNode outputs = updated.path("cells").get(1).path("outputs");
        assertEquals("first part took 3.1 s\n", StoredOutputs.text(outputs.get(0).path("text")),
                "an unchanged output keeps its stored timing");
        assertEquals(png(3), outputs.get(2).path("data").path("image/png").asText(), "the moved picture is replaced");
        assertTrue(StoredOutputs.hasNoOutputs(JSON.readTree("{\"cells\": [{\"cell_type\": \"code\", \"outputs\": []}]}")));
    }

    @Test
    void jsonIsWrittenAsNbformatWritesIt() throws Exception {
        JsonNode nb = JSON.readTree("{\"b\": [], \"a\": {\"z\": \"é\\u0001\\n\", \"y\": {}}, \"n\": null, \"k\": [4, true]}");
        assertEquals("{\n \"a\": {\n  \"y\": {},\n  \"z\": \"é\\u0001\\n\"\n },\n \"b\": [],\n \"k\": [\n  4,\n  true\n ],\n \"n\": null\n}\n",
                StoredOutputs.toJson(nb), "json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)");
        assertEquals(List.of("a\n", "b\r\n", "c"), JSON.convertValue(StoredOutputs.lines("a\nb\r\nc"), List.class));
    }
}
