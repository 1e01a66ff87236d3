package dev.holdout.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import dev.holdout.train.XGBoostFailure;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import tech.tablesaw.api.Table;

/**
 * The SageMaker inference container contract as a function from a request to a response, independent of the
 * HTTP server that carries it ({@link HttpEndpoint}):
 *
 * <ul>
 *   <li>{@code GET /ping}: 200 with an empty body once the models are loaded, 503 before (SageMaker's health check).</li>
 *   <li>{@code POST /invocations}: rows ({@link Payload}) → predictions, as {@code text/csv} (the prediction fields
 *       of each row, as {@code holdout predict} writes them, no header unless {@code ?header=true}) or
 *       {@code application/json} ({@code {"predictions": [{"probability": 0.81, "predicted_label": 1}, ...]}}),
 *       by the request's {@code Accept} header, else its content type. The model is the default one, or the one the
 *       {@code X-Amzn-SageMaker-Target-Model} header names.</li>
 *   <li>{@code POST /models/{name}/invoke}: the same for model {@code name}; {@code GET /models} lists the models
 *       ({@code {"models": [{"modelName", "modelUrl", "loaded"}]}}), {@code GET /models/{name}} describes one.</li>
 *   <li>Errors are JSON {@code {"error": "...", "row": 2, "field": "wind"}}: 400 bad payload (naming row and
 *       field), 404 no such path or model, 405 wrong method, 413 a body over the limit, 415 an unsupported content
 *       type, 500 a model that cannot be loaded (with the reason) or an internal error (logged, never a stack trace
 *       in the response), 503 not ready or shutting down.</li>
 * </ul>
 *
 * <pre>{@code
 * Endpoint e = new Endpoint(capture, "AllTraffic", System.err);   // /ping is 503 until
 * e.ready(host);                                                   // the models are loaded
 * Endpoint.Response r = e.handle(new Endpoint.Request("POST", "/invocations", "", Map.of("content-type", "text/csv"), "5.6,-3.2,1.2\n".getBytes()));
 * r.status();   // 200; r.text() is "0.0594706,0\n"
 * }</pre>
 */
public final class Endpoint {
    /** A request: method, path, query string (without '?', may be empty), headers by lower-case name, body. */
    public record Request(String method, String path, String query, Map<String, String> headers, byte[] body) {
        public Request {
            Objects.requireNonNull(method);
            Objects.requireNonNull(path);
            query = query == null ? "" : query;
            headers = Map.copyOf(headers);
            body = body == null ? new byte[0] : body;
        }

        String header(String name) { return headers.get(name); }
    }

    /** A response: status, content type (null for none) and body. */
    public record Response(int status, String contentType, byte[] body) {
        /** The body as text. */
        public String text() { return new String(body, StandardCharsets.UTF_8); }
    }

    public static final String CSV = "text/csv";
    public static final String JSON = "application/json";
    public static final String TARGET_MODEL = "x-amzn-sagemaker-target-model";
    public static final String INFERENCE_ID = "x-amzn-sagemaker-inference-id";

    private volatile ModelHost host;
    private final DataCapture capture;
    private final String variant;
    private final PrintStream log;
    private final Clock clock;
    private volatile boolean ready;
    private volatile boolean stopping;
    private final AtomicLong served = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param capture null for no data capture
     * @param variant the production variant the default model's captures go under ({@code AllTraffic}); a target
     *                model's go under its name, as a SageMaker endpoint puts each model behind its own variant
     */
    public Endpoint(DataCapture capture, String variant, PrintStream log) {
        this(capture, variant, log, Clock.systemUTC());
    }

    Endpoint(DataCapture capture, String variant, PrintStream log, Clock clock) {
        this.capture = capture;
        DataCapture.requireName(variant, "--variant-name");
        this.variant = variant;
        this.log = Objects.requireNonNull(log);
        this.clock = clock;
    }

    /** The models are loaded: {@code /ping} answers 200 and requests are served from now on. */
    public void ready(ModelHost models) {
        this.host = Objects.requireNonNull(models);
        ready = true;
    }

    /** Shutting down: new requests get 503. */
    public void stopping() { stopping = true; }

    /** Requests answered with 2xx, and with an error status. */
    public long served() { return served.get(); }

    public long failed() { return failed.get(); }

    /** Answers one request; never throws. */
    public Response handle(Request req) {
        Response r;
        try {
            r = route(req);
        } catch (RuntimeException | Error e) {
            // a bug or the machine (out of memory): the reason is logged; the client gets no stack trace
            log.println("serve: internal error on " + req.method() + " " + req.path() + ": " + e);
            r = error(500, "internal error: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage())), -1, null);
        }
        if (r.status() < 400) served.incrementAndGet();
        else failed.incrementAndGet();
        return r;
    }

    private Response route(Request req) {
        String path = req.path();
        String method = req.method().toUpperCase(Locale.ROOT);
        if (path.equals("/ping")) {
            if (!method.equals("GET") && !method.equals("HEAD")) return notAllowed("GET");
            return ready && !stopping ? new Response(200, null, new byte[0]) : error(503, stopping ? "shutting down" : "loading the models", -1, null);
        }
        if (path.equals("/invocations")) {
            if (!method.equals("POST")) return notAllowed("POST");
            return invoke(req, req.header(TARGET_MODEL));
        }
        if ((path.equals("/models") || path.startsWith("/models/")) && !ready) return error(503, "loading the models", -1, null);
        if (path.equals("/models")) {
            if (!method.equals("GET")) return notAllowed("GET");
            ObjectNode o = StrictJson.mapper().createObjectNode();
            ArrayNode list = o.putArray("models");
            for (ModelHost.ModelInfo m : host.models()) {
                ObjectNode n = list.addObject();
                n.put("modelName", m.name());
                n.put("modelUrl", m.folder().toAbsolutePath().toString());
                n.put("loaded", m.loaded());
            }
            return json(200, o);
        }
        if (path.startsWith("/models/")) {
            String rest = path.substring("/models/".length());
            if (rest.endsWith("/invoke")) {
                if (!method.equals("POST")) return notAllowed("POST");
                return invoke(req, decode(rest.substring(0, rest.length() - "/invoke".length())));
            }
            if (!rest.contains("/")) {
                if (!method.equals("GET")) return notAllowed("GET");
                return describe(decode(rest));
            }
        }
        return error(404, "no such path: " + path + " (the endpoint serves GET /ping, POST /invocations, GET /models, GET /models/{name},"
                + " POST /models/{name}/invoke)", -1, null);
    }

    private Response describe(String name) {
        Scorer s;
        try {
            s = host.scorer(name);
        } catch (ModelHost.ModelUnavailable e) {
            return error(e.missing() ? 404 : 500, e.getMessage(), -1, null);
        }
        ObjectNode o = StrictJson.mapper().createObjectNode();
        o.put("modelName", name);
        o.put("modelUrl", s.folder().toAbsolutePath().toString());
        o.put("model", s.toString());
        o.put("objective", s.model().objective());
        ArrayNode in = o.putArray("inputColumns");
        s.inputColumns().forEach(in::add);
        ArrayNode out = o.putArray("predictionColumns");
        s.predictionColumns().forEach(out::add);
        return json(200, o);
    }

    private Response invoke(Request req, String target) {
        if (stopping) return error(503, "shutting down", -1, null);
        if (!ready) return error(503, "loading the models", -1, null);
        String type = req.header("content-type");
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!base.equals(CSV) && !base.equals(JSON)) {
            return error(415, "Content-Type " + (type == null ? "(none)" : "'" + type + "'") + " is not supported; send text/csv or application/json", -1, null);
        }
        String accept = accept(req.header("accept"), base);
        if (accept == null) {
            return error(406, "Accept '" + req.header("accept") + "' cannot be answered; accept text/csv or application/json", -1, null);
        }
        Scorer scorer;
        try {
            scorer = host.scorer(target);
        } catch (ModelHost.ModelUnavailable e) {
            return error(e.missing() ? 404 : 500, e.getMessage(), -1, null);
        }
        boolean header = queryFlag(req.query(), "header");
        Response r;
        try {
            List<Table> tables = base.equals(CSV) ? Payload.csv(scorer, req.body(), header) : Payload.json(scorer, req.body());
            StringBuilder sb = new StringBuilder(64);
            boolean csv = accept.equals(CSV);
            if (csv && header) sb.append(scorer.csvHeader()).append('\n');
            if (!csv) sb.append("{\"predictions\": [");
            long offset = 0;
            boolean first = true;
            for (Table t : tables) {
                double[][] scores;
                try {
                    scores = scorer.score(t);
                } catch (DataValidationException e) {
                    // the preprocessor names a row of this table: the payload's row is after the earlier tables' rows
                    if (e.row() > 0 && Payload.SOURCE.equals(e.file())) {
                        long row = offset + e.row();
                        throw new DataValidationException("row " + row + (e.column() != null ? ", field '" + e.column() + "'" : "") + ": "
                                + (e.problem() != null ? e.problem() : e.getMessage()), Payload.SOURCE, row, e.column(), e.value());
                    }
                    throw e;
                }
                for (double[] s : scores) {
                    if (csv) {
                        scorer.appendCsv(sb, s).append('\n');
                    } else {
                        if (!first) sb.append(", ");
                        scorer.appendJson(sb, s);
                    }
                    first = false;
                }
                offset += t.rowCount();
            }
            if (!csv) sb.append("]}");
            r = new Response(200, csv ? CSV : JSON, sb.toString().getBytes(StandardCharsets.UTF_8));
        } catch (DataValidationException e) {
            r = error(400, e.getMessage(), e.row(), e.column());
        } catch (XGBoostFailure e) {
            r = error(500, e.getMessage(), -1, null);
        }
        if (capture != null && r.status() == 200 && capture.sample()) {
            capture.record(target == null || target.isEmpty() ? variant : target, type, req.body(), r.contentType(), r.body(),
                    req.header(INFERENCE_ID), clock.instant());
        }
        return r;
    }

    /** The response type: the Accept header's first supported type, or the request's own for none or a wildcard. */
    private static String accept(String accept, String requestType) {
        if (accept == null || accept.isBlank()) return requestType;
        for (String part : accept.split(",")) {
            String t = part.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
            if (t.equals(CSV) || t.equals(JSON)) return t;
            if (t.equals("*/*") || t.equals("text/*") && requestType.equals(CSV) || t.equals("application/*") && requestType.equals(JSON)) return requestType;
        }
        return null;
    }

    private static boolean queryFlag(String query, String name) {
        for (String kv : query.split("&")) {
            String[] p = kv.split("=", 2);
            if (p[0].equals(name)) return p.length == 1 || p[1].equalsIgnoreCase("true") || p[1].equals("1") || p[1].equals("present");
        }
        return false;
    }

    private static String decode(String s) { return java.net.URLDecoder.decode(s, StandardCharsets.UTF_8); }

    private static Response notAllowed(String allowed) { return error(405, "method not allowed here; use " + allowed, -1, null); }

    /** A JSON error body: {@code {"error": message, "row": n, "field": name}} (row and field when known). */
    static Response error(int status, String message, long row, String field) {
        ObjectNode o = StrictJson.mapper().createObjectNode();
        o.put("error", message);
        if (row > 0) o.put("row", row);
        if (field != null) o.put("field", field);
        return json(status, o);
    }

    private static Response json(int status, ObjectNode o) {
        try {
            return new Response(status, JSON, StrictJson.mapper().writeValueAsBytes(o));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e.getOriginalMessage(), e);
        }
    }

    private static String firstLine(String s) {
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }
}
