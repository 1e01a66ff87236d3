package dev.holdout.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.metrics.Bootstrap;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The capture reader on fixtures in Model Monitor's capture shape (src/test/resources/dev/holdout/monitor/capture:
 * CSV rows, several rows in one record, JSON instances as lists and as objects, dataframe_split, dataframe_records,
 * base64 of CSV and of JSON, an inferenceId) — the same twelve rows as capture-rows.csv.
 */
class CaptureTest {
    static Path resource(String name) {
        try {
            return Path.of(CaptureTest.class.getResource("/dev/holdout/monitor/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static Baseline baseline() {
        return Baseline.of(MonitorTest.between(MonitorTest.weather(), "2012-01-01", "2013-01-01"),
                BaselineOptions.defaults().features("temp_max", "temp_min", "wind"));
    }

    @Test
    void everyAcceptedEncodingReadsTheSameRowsAsTheCsv() {
        Baseline b = baseline();
        MonitorResult fromCapture = Monitor.run(b, resource("capture"));
        MonitorResult fromCsv = Monitor.run(b, resource("capture-rows.csv"));
        assertEquals(12, fromCapture.current().itemCount());
        assertEquals(fromCsv.current().toJson(), fromCapture.current().toJson(), "the same statistics, to the byte");
        assertEquals(fromCsv.violations(), fromCapture.violations());
        assertTrue(fromCapture.extraColumns().isEmpty());
    }

    @Test
    void capturedCsvInAnotherColumnOrderNeedsTheColumns(@TempDir Path dir) throws IOException {
        Path cap = dir.resolve("ep/AllTraffic/2026/01/05/10");
        Files.createDirectories(cap);
        Files.writeString(cap.resolve("a.jsonl"), record("4.7,12.8,5.0", "CSV") + record("3.1,20.0,11.5", "CSV"));
        MonitorResult r = Monitor.run(baseline(), dir, MonitorOptions.defaults().captureColumns(List.of("wind", "temp_max", "temp_min")));
        assertEquals(12.8, ((NumericStatistics) r.current().feature("temp_max")).min());
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> Monitor.run(baseline(), dir, MonitorOptions.defaults().captureColumns(List.of("wind", "temp_max"))));
        assertTrue(e.getMessage().contains("a.jsonl:1") && e.getMessage().contains("3 fields"), e.getMessage());
    }

    @Test
    void namedJsonRecordsFindMissingAndExtraColumns(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.jsonl"), record("{\"dataframe_records\": [{\"temp_max\": 20, \"wind\": 3, \"humidity\": 0.4}]}", "JSON"));
        MonitorResult r = Monitor.run(baseline(), dir);
        List<Violation.Check> checks = r.violations().stream().map(Violation::checkType).toList();
        assertTrue(checks.contains(Violation.Check.missing_column_check), r.toString());
        assertEquals(List.of("humidity"), r.extraColumns());
    }

    @Test
    void aBrokenRecordNamesItsFileAndLine(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("x.jsonl"), record("20,10,3", "CSV") + "{\"captureData\": {\"endpointInput\": {\"mode\": \"INPUT\", \"data\": \"1,2,3\", "
                + "\"encodng\": \"CSV\"}}, \"eventMetadata\": {\"eventId\": \"b\"}, \"eventVersion\": \"0\"}\n");
        DataValidationException e = assertThrows(DataValidationException.class, () -> Monitor.run(baseline(), dir));
        assertTrue(e.getMessage().contains("did you mean 'encoding'"), e.getMessage());
        Files.writeString(dir.resolve("x.jsonl"), record("20,abc,3", "CSV"));
        MonitorResult r = Monitor.run(baseline(), dir);
        assertEquals(1, r.current().feature("temp_min").wrongType(), "a text value is the data-type check here too");
        Files.writeString(dir.resolve("x.jsonl"), record("20,\"10,3", "CSV"));
        e = assertThrows(DataValidationException.class, () -> Monitor.run(baseline(), dir));
        assertTrue(e.getMessage().contains("x.jsonl:1") && e.getMessage().contains("unterminated quote"), e.getMessage());
    }

    @Test
    void capturedPredictionsMergeWithGroundTruthOnTheInferenceId() {
        Quality.Data fromCapture = Quality.capture(resource("capture"), resource("ground-truth"), ModelQuality.ProblemType.BinaryClassification, "1", 0.5);
        Quality.Data fromCsv = Quality.csv(resource("capture-predictions.csv"), "label", "predicted", "score", ModelQuality.ProblemType.BinaryClassification);
        assertEquals(12, fromCapture.rows());
        assertTrue(fromCapture.note().contains("9 captured events matched"), fromCapture.note());
        Bootstrap.Spec spec = Bootstrap.Spec.of(50, 1);
        ModelQuality a = Quality.measure(fromCapture, ModelQuality.ProblemType.BinaryClassification, "1", spec);
        ModelQuality b = Quality.measure(fromCsv, ModelQuality.ProblemType.BinaryClassification, "1", spec);
        assertEquals(b.toJson(), a.toJson());
        assertEquals(0.6, a.value("recall"), 1e-12, "3 of the 5 positives score 0.5 or more");
    }

    /**
     * Capture files written by the endpoint's own writer ({@code dev.holdout.serve.DataCapture}) in every form the
     * endpoint answers: header-less CSV, CSV with a header row ({@code ?header=true}), JSON instances, inputs and
     * records; outputs {@code probability,predicted_label} as CSV (with and without header) and as JSON objects.
     */
    @Test
    void whatTheEndpointCapturesIsReadByTheMonitor(@TempDir Path dir) throws IOException {
        Path root = dir.resolve("capture");
        java.time.Instant t = java.time.Instant.parse("2026-01-05T10:15:00Z");
        String[][] requests = {
            {"text/csv", "31.7,18.3,2.3\n28.3,15.6,3.0\n", "text/csv", "0.120000,0\n0.810000,1\n", "a"},
            {"text/csv", "temp_max,temp_min,wind\n26.1,16.7,3.2\n", "text/csv", "probability,predicted_label\n0.310000,0\n", "b"},
            {"application/json", "{\"instances\": [[21.7, 13.9, 2.2]]}", "application/json", "{\"predictions\": [{\"probability\": 0.66, \"predicted_label\": 1}]}", "c"},
            {"application/json", "{\"inputs\": [{\"temp_max\": 23.3, \"temp_min\": 13.9, \"wind\": 2.6}]}", "text/csv", "0.050000,0\n", null},
            {"application/json; charset=utf-8", "{\"dataframe_records\": [{\"temp_max\": 26.1, \"temp_min\": 13.3, \"wind\": 2.2}]}", "application/json",
                "{\"predictions\": [{\"probability\": 0.22, \"predicted_label\": 0}]}", "e"},
        };
        try (dev.holdout.serve.DataCapture c = dev.holdout.serve.DataCapture.at(root, "rain-endpoint", 100, 42, System.err)) {
            for (String[] r : requests) {
                assertTrue(c.sample());
                c.record("AllTraffic", r[0], r[1].getBytes(java.nio.charset.StandardCharsets.UTF_8), r[2], r[3].getBytes(java.nio.charset.StandardCharsets.UTF_8),
                        r[4], t);
            }
            assertEquals(5, c.written());
        }
        Path rows = dir.resolve("rows.csv");
        Files.writeString(rows, "temp_max,temp_min,wind\n31.7,18.3,2.3\n28.3,15.6,3.0\n26.1,16.7,3.2\n21.7,13.9,2.2\n23.3,13.9,2.6\n26.1,13.3,2.2\n");
        MonitorResult fromCapture = Monitor.run(baseline(), root), fromCsv = Monitor.run(baseline(), rows);
        assertEquals(6, fromCapture.current().itemCount());
        assertEquals(fromCsv.current().toJson(), fromCapture.current().toJson());
        assertTrue(fromCapture.extraColumns().isEmpty());

        // ground truth on the inference ids the requests carried (the fourth had none: its eventId is random, so it goes unmatched)
        Path truth = dir.resolve("truth.jsonl");
        Files.writeString(truth, String.join("", java.util.stream.Stream.of(new String[][] {{"a", "0\n1"}, {"b", "1"}, {"c", "1"}, {"e", "0"}})
                .map(x -> "{\"groundTruthData\": {\"data\": " + dev.holdout.io.StrictJson.pretty(x[1]).strip() + ", \"encoding\": \"CSV\"}, "
                        + "\"eventMetadata\": {\"eventId\": \"" + x[0] + "\"}, \"eventVersion\": \"0\"}\n").toList()));
        Quality.Data d = Quality.capture(root, truth, ModelQuality.ProblemType.BinaryClassification, "1", 0.5);
        assertEquals(5, d.rows());
        assertTrue(d.note().contains("4 captured events matched") && d.note().contains("1 without"), d.note());
        assertEquals(List.of("0", "1", "0", "1", "0"), List.of(d.predicted()), "the endpoint's predicted_label");
        assertEquals(0.31, d.score()[2], 1e-12);
        ModelQuality q = Quality.measure(d, ModelQuality.ProblemType.BinaryClassification, "1", Bootstrap.Spec.of(20, 1));
        assertEquals(0.8, q.value("accuracy"), 1e-12, "4 of 5 right: b (truth 1, probability 0.31) is the miss");
    }

    private static String record(String data, String encoding) {
        String type = encoding.equals("CSV") ? "text/csv" : "application/json";
        return "{\"captureData\": {\"endpointInput\": {\"observedContentType\": \"" + type + "\", \"mode\": \"INPUT\", \"data\": "
                + dev.holdout.io.StrictJson.pretty(data).strip() + ", \"encoding\": \"" + encoding + "\"}}, \"eventMetadata\": {\"eventId\": \"e\"}, \"eventVersion\": \"0\"}\n";
    }
}
