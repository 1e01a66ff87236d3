package dev.holdout.serve;

import static dev.holdout.serve.ServeFixtures.cli;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.io.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The endpoint on the JDK server, in this JVM: the container contract, multi-model hosting, faults, data capture. */
class EndpointTest {
    @TempDir Path dir;
    private final List<HttpEndpoint> started = new ArrayList<>();
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();

    @AfterEach void stop() {
        for (HttpEndpoint h : started) h.stop(Duration.ofSeconds(1));
    }

    private HttpEndpoint start(Endpoint e) {
        HttpEndpoint h = HttpEndpoint.start(e, "127.0.0.1", 0, 6L << 20, log);
        started.add(h);
        return h;
    }

    private HttpEndpoint serving(ModelHost host, DataCapture capture) {
        Endpoint e = new Endpoint(capture, "AllTraffic", log);
        HttpEndpoint h = start(e);
        e.ready(host);
        return h;
    }

    static HttpResponse<String> post(HttpEndpoint h, String path, String type, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port() + path)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (type != null) b.header("Content-Type", type);
        for (int i = 0; i < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        return CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpEndpoint h, String path) throws Exception {
        return CLIENT.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + h.port() + path)).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** predict's rows for the first {@code n} rows of a fixture's data: [header-less input rows in model order, predicted lines]. */
    static List<String[]> predicted(ServeFixtures.Model m, Path dir, int n) throws Exception {
        Path out = dir.resolve(m.name() + "-predicted.csv");
        assertEquals("0", cli("predict", "--model", m.job().toString(), "--input", m.data().toString(), "--output", out.toString())[0]);
        List<String> lines = Files.readAllLines(out);
        Scorer s = Scorer.load(m.modelFolder());
        Path sub = dir.resolve(m.name() + "-inputs");
        String[] t = cli("transform", "--model", m.job().toString(), "--input", m.data().toString(), "--output", sub.toString(), "--join-source", "input",
                "--output-filter", String.join(",", s.inputColumns()));
        assertEquals("0", t[0], t[2]);
        List<String> inputs = Files.readAllLines(sub.resolve(m.data().getFileName() + ".out"));
        // predict also keeps the label and id columns of its input; an endpoint answers with the prediction fields only
        List<String> header = List.of(lines.get(0).split(",", -1));
        int[] fields = s.predictionColumns().stream().mapToInt(header::indexOf).toArray();
        for (int f : fields) assertTrue(f >= 0, "predict writes " + s.predictionColumns() + ": " + header);
        List<String[]> rows = new ArrayList<>();
        for (int i = 1; i <= n && i < lines.size(); i++) {
            String[] all = lines.get(i).split(",", -1);
            StringBuilder line = new StringBuilder();
            for (int f : fields) line.append(line.length() == 0 ? "" : ",").append(all[f]);
            rows.add(new String[] {inputs.get(i), line.toString()});
        }
        return rows;
    }

    @Test void pingIs503UntilTheModelsAreLoadedThen200Empty() throws Exception {
        Endpoint e = new Endpoint(null, "AllTraffic", log);
        HttpEndpoint h = start(e);
        assertEquals(503, get(h, "/ping").statusCode());
        assertEquals(503, post(h, "/invocations", "text/csv", "1,2,3\n").statusCode());
        e.ready(ModelHost.builder().defaultModel(ServeFixtures.binary().modelFolder()).build());
        HttpResponse<String> ping = get(h, "/ping");
        assertEquals(200, ping.statusCode());
        assertEquals("", ping.body());
    }

    @Test void csvAndJsonAnswersAreWhatPredictWrites() throws Exception {
        for (ServeFixtures.Model m : ServeFixtures.all()) {
            HttpEndpoint h = serving(ModelHost.builder().defaultModel(m.modelFolder()).build(), null);
            List<String[]> rows = predicted(m, dir, 25);
            Scorer s = Scorer.load(m.modelFolder());
            String csv = rows.stream().map(r -> r[0] + "\n").collect(Collectors.joining());
            String expected = rows.stream().map(r -> r[1] + "\n").collect(Collectors.joining());
            HttpResponse<String> r = post(h, "/invocations", "text/csv", csv);
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("text/csv", r.headers().firstValue("Content-Type").orElse(""));
            assertEquals(expected, r.body(), m.name());
            // with a header row, columns are found by name: reversed order gives the same answers
            List<String> cols = s.inputColumns();
            List<String> reversedCols = new ArrayList<>(cols);
            java.util.Collections.reverse(reversedCols);
            StringBuilder reversed = new StringBuilder(String.join(",", reversedCols)).append('\n');
            for (String[] row : rows) {
                List<String> fields = splitCsv(row[0]);
                java.util.Collections.reverse(fields);
                reversed.append(String.join(",", fields)).append('\n');
            }
            r = post(h, "/invocations?header=true", "text/csv", reversed.toString());
            assertEquals(s.csvHeader() + "\n" + expected, r.body(), m.name());
            // JSON: each shape, the same digits
            StringBuilder instances = new StringBuilder("{\"instances\": [");
            StringBuilder split = new StringBuilder("{\"dataframe_split\": {\"columns\": " + json(cols) + ", \"data\": [");
            StringBuilder records = new StringBuilder("{\"dataframe_records\": [");
            for (int i = 0; i < rows.size(); i++) {
                List<String> fields = splitCsv(rows.get(i)[0]);
                String arr = "[" + fields.stream().map(EndpointTest::jsonValue).collect(Collectors.joining(", ")) + "]";
                instances.append(i > 0 ? ", " : "").append(arr);
                split.append(i > 0 ? ", " : "").append(arr);
                records.append(i > 0 ? ", " : "").append('{');
                for (int j = 0; j < cols.size(); j++) records.append(j > 0 ? ", " : "").append(json(cols.get(j))).append(": ").append(jsonValue(fields.get(j)));
                records.append('}');
            }
            for (String body : List.of(instances + "]}", split + "]}}", records + "]}")) {
                r = post(h, "/invocations", "application/json", body);
                assertEquals(200, r.statusCode(), r.body());
                JsonNode p = StrictJson.parse(r.body(), "answer").get("predictions");
                assertEquals(rows.size(), p.size());
                for (int i = 0; i < rows.size(); i++) {
                    List<String> want = List.of(rows.get(i)[1].split(","));
                    List<String> got = new ArrayList<>();
                    for (String c : s.predictionColumns()) got.add(p.get(i).get(c).asText());
                    assertEquals(want, got, m.name() + " row " + i + " of " + body.substring(0, 20));
                }
            }
            // Accept chooses the answer's type
            r = post(h, "/invocations", "application/json", instances + "]}", "Accept", "text/csv");
            assertEquals(expected, r.body());
        }
    }

    private static List<String> splitCsv(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean q = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (q) {
                if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    cur.append('"');
                    i++;
                } else if (c == '"') q = false;
                else cur.append(c);
            } else if (c == '"') q = true;
            else if (c == ',') {
                out.add(cur.toString());
                cur.setLength(0);
            } else cur.append(c);
        }
        out.add(cur.toString());
        return out;
    }

    private static String json(List<String> l) { return "[" + l.stream().map(EndpointTest::json).collect(Collectors.joining(", ")) + "]"; }

    private static String json(String s) { return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""; }

    /** A field as a JSON value: a number as a number, empty as null, text as a string. */
    private static String jsonValue(String f) {
        if (f.isEmpty()) return "null";
        try {
            Double.parseDouble(f);
            return f.startsWith(".") ? "0" + f : f;
        } catch (NumberFormatException e) {
            return json(f);
        }
    }

    @Test void badRequestsGetAJsonErrorNamingRowAndFieldNeverAStackTrace() throws Exception {
        HttpEndpoint h = serving(ModelHost.builder().defaultModel(ServeFixtures.regression().modelFolder()).build(), null);
        // the model reads age, sex, bmi, bp, s1, s5
        HttpResponse<String> r = post(h, "/invocations", "text/csv", "59,2,32.1,101,157,4.8\n48,1,abc,87,183,3.9\n");
        assertEquals(400, r.statusCode());
        JsonNode e = StrictJson.parse(r.body(), "error");
        assertEquals(2, e.get("row").asInt(), r.body());
        assertEquals("bmi", e.get("field").asText(), r.body());
        assertTrue(e.get("error").asText().startsWith("row 2, field 'bmi': value 'abc' is not a number"), r.body());
        r = post(h, "/invocations", "text/csv", "59,2,32.1\n");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"row\":1"), r.body());
        r = post(h, "/invocations", "application/json", "{\"dataframe_records\": [{\"age\": 1, \"sex\": 1, \"bmi\": 1, \"bp\": 1, \"s1\": 1}]}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("row 1 has no field 's5'") && r.body().contains("\"field\":\"s5\""), r.body());
        r = post(h, "/invocations", "application/json", "{\"instances\": [[1, 2, 3, 4, 5, [6]]]}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("field 's5' is a JSON array"), r.body());
        r = post(h, "/invocations", "application/json", "{\"instances\": [[1, 2, 3, 4, 5, 6]");
        assertEquals(400, r.statusCode());
        r = post(h, "/invocations", "application/json", "{\"rows\": []}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("dataframe_split"), r.body());
        r = post(h, "/invocations", "application/json", "{\"instances\": [[1e400, 2, 3, 4, 5, 6]]}");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"field\":\"age\""), r.body());
        r = post(h, "/invocations", "text/csv", "");
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("no rows"), r.body());
        r = post(h, "/invocations", "text/plain", "1,2,3");
        assertEquals(415, r.statusCode());
        r = post(h, "/invocations", null, "1,2,3");
        assertEquals(415, r.statusCode());
        assertEquals(404, get(h, "/nope").statusCode());
        assertEquals(405, get(h, "/invocations").statusCode());
        r = post(h, "/invocations", "text/csv", "1,1,1,1,1,1\n".repeat(600_000)); // 7.2 MB > 6 MB
        assertEquals(413, r.statusCode());
        assertTrue(r.body().contains("--max-payload-mb=6"), r.body());
        for (String body : List.of(r.body(), logBytes.toString(StandardCharsets.UTF_8))) {
            assertFalse(body.contains("\tat ") || body.contains("Exception"), body);
        }
        assertEquals(200, post(h, "/invocations", "text/csv", "59,2,32.1,101,157,4.8\n").statusCode(), "still serving");
    }

    @Test void multiModelFolderLoadsOnFirstUseKeepsAtMostMaxModelsAndAMalformedModelFailsAlone() throws Exception {
        Path models = Files.createDirectories(dir.resolve("models"));
        copy(ServeFixtures.binary().job(), models.resolve("cancer"));
        copy(ServeFixtures.regression().job(), models.resolve("diabetes"));
        copy(ServeFixtures.multiclass().job(), models.resolve("time"));
        copy(ServeFixtures.binary().job(), models.resolve("broken"));
        Files.writeString(models.resolve("broken/model/xgboost-model.json"), "{\"learner\": ");
        ModelHost host = ModelHost.builder().modelsDir(models, 2).build();
        HttpEndpoint h = serving(host, null);
        JsonNode list = StrictJson.parse(get(h, "/models").body(), "models").get("models");
        assertEquals(4, list.size());
        for (JsonNode m : list) assertFalse(m.get("loaded").asBoolean(), "nothing is loaded before its first request");
        List<String[]> cancer = predicted(ServeFixtures.binary(), dir, 3), diabetes = predicted(ServeFixtures.regression(), dir, 3);
        HttpResponse<String> r = post(h, "/models/cancer/invoke", "text/csv", cancer.get(0)[0] + "\n");
        assertEquals(cancer.get(0)[1] + "\n", r.body());
        r = post(h, "/invocations", "text/csv", diabetes.get(1)[0] + "\n", "X-Amzn-SageMaker-Target-Model", "diabetes");
        assertEquals(diabetes.get(1)[1] + "\n", r.body());
        r = post(h, "/models/broken/invoke", "text/csv", cancer.get(0)[0] + "\n");
        assertEquals(500, r.statusCode());
        assertTrue(r.body().contains("model 'broken' could not be loaded") && r.body().contains("xgboost-model.json"), r.body());
        assertEquals(cancer.get(2)[1] + "\n", post(h, "/models/cancer/invoke", "text/csv", cancer.get(2)[0] + "\n").body(), "the others keep serving");
        assertEquals(404, post(h, "/models/nope/invoke", "text/csv", "1\n").statusCode());
        assertEquals(404, post(h, "/invocations", "text/csv", "1\n").statusCode(), "no default model: 404 naming the models");
        assertEquals(2, host.loads());
        // a third model unloads the least recently used (diabetes: cancer was used after it)
        assertEquals(200, post(h, "/models/time/invoke", "application/json", "{\"dataframe_records\": [{\"Phase of flight\": \"Climb\", "
                + "\"Wildlife Size\": \"Small\", \"Speed IAS in knots\": null}]}").statusCode());
        long loaded = 0;
        for (JsonNode m : StrictJson.parse(get(h, "/models").body(), "models").get("models")) {
            if (m.get("loaded").asBoolean()) loaded++;
            if (m.get("modelName").asText().equals("diabetes")) assertFalse(m.get("loaded").asBoolean(), "evicted: " + m);
        }
        assertEquals(2, loaded);
        assertEquals(diabetes.get(2)[1] + "\n", post(h, "/models/diabetes/invoke", "text/csv", diabetes.get(2)[0] + "\n").body());
        assertEquals(4, host.loads(), "diabetes was loaded again");
        JsonNode d = StrictJson.parse(get(h, "/models/diabetes").body(), "model");
        assertEquals("[\"age\",\"sex\",\"bmi\",\"bp\",\"s1\",\"s5\"]", d.get("inputColumns").toString());
    }

    @Test void aModelFolderDeletedWhileServingKeepsServingFromMemory() throws Exception {
        Path job = dir.resolve("job");
        copy(ServeFixtures.binary().job(), job);
        HttpEndpoint h = serving(ModelHost.builder().defaultModel(job.resolve("model")).build(), null);
        List<String[]> rows = predicted(ServeFixtures.binary(), dir, 5);
        delete(job);
        assertFalse(Files.exists(job));
        for (String[] row : rows) assertEquals(row[1] + "\n", post(h, "/invocations", "text/csv", row[0] + "\n").body());
    }

    @Test void aSlowClientSendingOneByteAtATimeDoesNotHoldUpOthers() throws Exception {
        HttpEndpoint h = serving(ModelHost.builder().defaultModel(ServeFixtures.binary().modelFolder()).build(), null);
        List<String[]> rows = predicted(ServeFixtures.binary(), dir, 1);
        byte[] body = (rows.get(0)[0] + "\n").getBytes(StandardCharsets.UTF_8);
        try (Socket slow = new Socket("127.0.0.1", h.port())) {
            OutputStream out = slow.getOutputStream();
            out.write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            long t0 = System.nanoTime();
            int fast = 0;
            for (int i = 0; i < body.length - 1; i++) {
                out.write(body[i]);
                out.flush();
                // meanwhile another client is answered at once
                HttpResponse<String> r = post(h, "/invocations", "text/csv", rows.get(0)[0] + "\n");
                assertEquals(rows.get(0)[1] + "\n", r.body());
                fast++;
                Thread.sleep(20);
            }
            assertTrue(fast >= body.length - 1);
            out.write(body[body.length - 1]);
            out.flush();
            InputStream in = slow.getInputStream();
            String answer = new String(in.readNBytes(200), StandardCharsets.UTF_8);
            assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
            assertTrue(answer.endsWith(rows.get(0)[1] + "\n"), answer);
            assertTrue(System.nanoTime() - t0 > 20_000_000L * (body.length - 2), "the slow body really was slow");
        }
    }

    @Test void dataCaptureWritesModelMonitorsShapeWithTheInferenceIdAndSamples() throws Exception {
        Path cap = dir.resolve("capture");
        DataCapture c = DataCapture.at(cap, "rain-ep", 100, 1, log);
        HttpEndpoint h = serving(ModelHost.builder().defaultModel(ServeFixtures.binary().modelFolder())
                .named("diabetes", ServeFixtures.regression().modelFolder()).build(), c);
        List<String[]> rows = predicted(ServeFixtures.binary(), dir, 3);
        assertEquals(200, post(h, "/invocations", "text/csv", rows.get(0)[0] + "\n", "X-Amzn-SageMaker-Inference-Id", "order-17").statusCode());
        assertEquals(200, post(h, "/invocations", "application/json", "{\"instances\": [[" + rows.get(1)[0] + "]]}").statusCode());
        assertEquals(400, post(h, "/invocations", "text/csv", "x\n").statusCode());
        assertEquals(200, post(h, "/models/diabetes/invoke", "text/csv", "59,2,32.1,101,157,4.8\n").statusCode());
        c.close();
        List<Path> files;
        try (Stream<Path> s = Files.walk(cap)) {
            files = s.filter(Files::isRegularFile).sorted().toList();
        }
        assertEquals(2, files.size(), files.toString());
        Path main = files.stream().filter(p -> p.toString().contains("/AllTraffic/")).findFirst().orElseThrow();
        assertTrue(cap.relativize(main).toString().matches("rain-ep/AllTraffic/\\d{4}/\\d{2}/\\d{2}/\\d{2}/\\d{2}-\\d{2}-\\d{3}-\\d+-[0-9a-f]{8}\\.jsonl"),
                main.toString());
        List<String> lines = Files.readAllLines(main);
        assertEquals(2, lines.size(), "an error answer is not captured: " + lines);
        JsonNode first = StrictJson.parse(lines.get(0), "capture");
        assertEquals(List.of("captureData", "eventMetadata", "eventVersion"), fields(first));
        assertEquals("0", first.get("eventVersion").asText());
        JsonNode in = first.get("captureData").get("endpointInput"), out = first.get("captureData").get("endpointOutput");
        assertEquals(List.of("observedContentType", "mode", "data", "encoding"), fields(in));
        assertEquals("text/csv", in.get("observedContentType").asText());
        assertEquals("INPUT", in.get("mode").asText());
        assertEquals(rows.get(0)[0] + "\n", in.get("data").asText());
        assertEquals("CSV", in.get("encoding").asText());
        assertEquals("OUTPUT", out.get("mode").asText());
        assertEquals(rows.get(0)[1] + "\n", out.get("data").asText());
        assertEquals(List.of("eventId", "inferenceId", "inferenceTime"), fields(first.get("eventMetadata")));
        assertEquals("order-17", first.get("eventMetadata").get("inferenceId").asText());
        java.time.Instant.parse(first.get("eventMetadata").get("inferenceTime").asText());
        JsonNode second = StrictJson.parse(lines.get(1), "capture");
        assertEquals("JSON", second.get("captureData").get("endpointInput").get("encoding").asText());
        assertFalse(second.get("eventMetadata").has("inferenceId"), "no header, no inferenceId");
        assertTrue(files.stream().anyMatch(p -> p.toString().contains("/diabetes/")), "a named model's captures go under its own variant");

        // sampling: the same seed samples the same requests; about the share asked for
        DataCapture a = DataCapture.at(dir.resolve("a"), "e", 30, 7, log), b = DataCapture.at(dir.resolve("b"), "e", 30, 7, log);
        int taken = 0;
        for (int i = 0; i < 2000; i++) {
            boolean x = a.sample();
            assertEquals(x, b.sample());
            if (x) taken++;
        }
        assertTrue(taken > 520 && taken < 680, "30% of 2000: " + taken);
    }

    static List<String> fields(JsonNode n) {
        List<String> out = new ArrayList<>();
        n.fieldNames().forEachRemaining(out::add);
        return out;
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : s.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    static void delete(Path p) throws IOException {
        try (Stream<Path> s = Files.walk(p)) {
            for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(q);
        }
    }
}
