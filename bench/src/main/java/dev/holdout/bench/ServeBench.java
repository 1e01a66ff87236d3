package dev.holdout.bench;

import dev.holdout.serve.Endpoint;
import dev.holdout.serve.HttpEndpoint;
import dev.holdout.serve.LoadGenerator;
import dev.holdout.serve.ModelHost;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The endpoint's single-row latency and throughput at several connection counts, on loopback, closed loop (each
 * connection sends its next request when the answer arrived). Also the same requests straight into
 * {@link Endpoint#handle} on one thread (no HTTP), which separates scoring from the server.
 *
 * <pre>
 * java -cp bench/target/benchmarks.jar dev.holdout.bench.ServeBench MODEL_FOLDER ROWS_FILE REQUESTS [CONNECTIONS...]
 * </pre>
 *
 * ROWS_FILE holds one header-less CSV row per line in the model's input order (each is one request); every answer
 * must be 200 or the run fails. Prints one line per connection count: requests/s, p50, p90, p99, max latency.
 */
public final class ServeBench {
    private ServeBench() {}

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: ServeBench MODEL_FOLDER ROWS_FILE REQUESTS [CONNECTIONS...]");
            System.exit(2);
        }
        Path model = Path.of(args[0]);
        List<String> rows = Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8);
        int requests = Integer.parseInt(args[2]);
        int[] connections = args.length > 3 ? java.util.Arrays.stream(args, 3, args.length).mapToInt(Integer::parseInt).toArray() : new int[] {1, 16, 64};
        PrintStream log = System.err;
        Endpoint e = new Endpoint(null, "AllTraffic", log);
        e.ready(ModelHost.builder().defaultModel(model).build());

        // scoring alone, one thread: what the server adds is the rest
        long[] direct = new long[Math.min(requests, 20_000)];
        for (int warm = 0; warm < 2; warm++) {
            for (int i = 0; i < direct.length; i++) {
                byte[] body = (rows.get(i % rows.size()) + "\n").getBytes(StandardCharsets.UTF_8);
                long t0 = System.nanoTime();
                Endpoint.Response r = e.handle(new Endpoint.Request("POST", "/invocations", "", Map.of("content-type", "text/csv"), body));
                direct[i] = System.nanoTime() - t0;
                if (r.status() != 200) throw new IllegalStateException("row " + i + ": " + r.status() + " " + r.text());
            }
        }
        java.util.Arrays.sort(direct);
        System.out.printf(Locale.ROOT, "in-process Endpoint.handle, 1 thread: p50 %.3f ms, p99 %.3f ms%n", direct[direct.length / 2] / 1e6,
                direct[(int) (direct.length * 0.99)] / 1e6);

        HttpEndpoint h = HttpEndpoint.start(e, "127.0.0.1", 0, 6L << 20, log);
        try {
            System.out.println("server: " + (h.virtualThreads() ? "virtual threads" : "a pool of " + HttpEndpoint.POOL_THREADS) + ", Java "
                    + Runtime.version().feature());
            // warm-up at 16 connections, not recorded
            LoadGenerator.to("127.0.0.1", h.port()).connections(16).run(Math.min(requests, 5000), i -> call(rows, i));
            for (int c : connections) {
                LoadGenerator.Result r = LoadGenerator.to("127.0.0.1", h.port()).connections(c).run(requests, i -> call(rows, i));
                if (r.errors() > 0) throw new IllegalStateException(r.errors() + " errors: " + r);
                System.out.printf(Locale.ROOT, "%3d connections: %,8.0f requests/s  p50 %.2f ms  p90 %.2f ms  p99 %.2f ms  max %.2f ms%n", c,
                        r.perSecond(), r.percentileMillis(50), r.percentileMillis(90), r.percentileMillis(99), r.percentileMillis(100));
            }
        } finally {
            h.stop(Duration.ofSeconds(1));
        }
    }

    private static LoadGenerator.Call call(List<String> rows, int i) {
        return LoadGenerator.post("/invocations", "text/csv", rows.get(i % rows.size()) + "\n");
    }
}
