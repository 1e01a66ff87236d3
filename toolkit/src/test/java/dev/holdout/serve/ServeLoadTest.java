package dev.holdout.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The load test of the issue, on loopback and bounded: 20,000 single-row requests over 16 concurrent
 * connections, 0 errors, every answer equal to {@code holdout predict}'s for that row, and with data capture on,
 * one whole capture line per request pairing each input with its own answer.
 */
class ServeLoadTest {
    @TempDir Path dir;

    @Test void twentyThousandSingleRowRequestsOverSixteenConnectionsAllAnsweredAsPredictAndAllCaptured() throws Exception {
        ServeFixtures.Model m = ServeFixtures.binary();
        List<String[]> rows = EndpointTest.predicted(m, dir, Integer.MAX_VALUE);
        assertTrue(rows.size() > 500, "rows: " + rows.size());
        ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
        PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
        DataCapture capture = DataCapture.at(dir.resolve("capture"), "load", 100, 1, log);
        Endpoint e = new Endpoint(capture, "AllTraffic", log);
        HttpEndpoint h = HttpEndpoint.start(e, "127.0.0.1", 0, 6L << 20, log);
        int n = 20_000;
        LoadGenerator.Result r;
        try {
            e.ready(ModelHost.builder().defaultModel(m.modelFolder()).build());
            r = LoadGenerator.to("127.0.0.1", h.port()).connections(16)
                    .run(n, i -> LoadGenerator.post("/invocations", "text/csv", rows.get(i % rows.size())[0] + "\n",
                            List.of("X-Amzn-SageMaker-Inference-Id: req-" + i)));
        } finally {
            assertTrue(h.stop(Duration.ofSeconds(5)));
            capture.close();
        }
        System.out.println("load test: " + r);
        assertEquals(0, r.errors(), r.toString());
        for (int i = 0; i < n; i++) assertEquals(rows.get(i % rows.size())[1] + "\n", r.answers()[i], "request " + i);
        assertEquals(n, capture.written());
        assertEquals(0, capture.errors(), logBytes.toString(StandardCharsets.UTF_8));
        Map<String, JsonNode> byId = new HashMap<>();
        for (Path f : DataCaptureTest.files(dir.resolve("capture"))) {
            for (JsonNode line : DataCaptureTest.wholeLines(f)) byId.put(line.get("eventMetadata").get("inferenceId").asText(), line.get("captureData"));
        }
        assertEquals(n, byId.size());
        for (int i = 0; i < n; i++) {
            JsonNode c = byId.get("req-" + i);
            String[] row = rows.get(i % rows.size());
            assertEquals(row[0] + "\n", c.get("endpointInput").get("data").asText(), "capture of request " + i);
            assertEquals(row[1] + "\n", c.get("endpointOutput").get("data").asText(), "capture of request " + i);
        }
    }

    /**
     * One keep-alive connection, one request after another: each answer must come at once, not after the client's
     * delayed ACK (40 ms on Linux) — which it did while the server left Nagle's algorithm on (a p50 of 45 ms).
     */
    @Test void sequentialRequestsOnOneConnectionAreNotHeldBackByNagle() throws Exception {
        ServeFixtures.Model m = ServeFixtures.regression();
        PrintStream log = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        Endpoint e = new Endpoint(null, "AllTraffic", log);
        HttpEndpoint h = HttpEndpoint.start(e, "127.0.0.1", 0, 6L << 20, log);
        try {
            e.ready(ModelHost.builder().defaultModel(m.modelFolder()).build());
            LoadGenerator.to("127.0.0.1", h.port()).run(200, i -> LoadGenerator.post("/invocations", "text/csv", "59,2,32.1,101,157,4.8\n")); // warm-up
            LoadGenerator.Result r = LoadGenerator.to("127.0.0.1", h.port()).run(300, i -> LoadGenerator.post("/invocations", "text/csv", "59,2,32.1,101,157," + (4 + i % 10) / 10.0 + "\n"));
            System.out.println("one connection: " + r);
            assertEquals(0, r.errors());
            assertTrue(r.percentileMillis(50) < 25, "p50 of sequential requests on one connection: " + r);
        } finally {
            h.stop(Duration.ofSeconds(1));
        }
    }
}
