package dev.holdout.serve;

import dev.holdout.data.DataValidationException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

/**
 * A small closed-loop HTTP/1.1 load generator for measuring an endpoint: {@code connections} keep-alive
 * connections, each sending its next request as soon as the previous answer arrived, until {@code requests} were
 * sent in all. Records each request's latency (from writing the request to reading the whole answer) and each
 * answer, so a test can check every answer, and reports throughput and latency percentiles. Plain sockets, so the
 * client adds little of its own to what is measured.
 *
 * <pre>{@code
 * LoadGenerator.Result r = LoadGenerator.to("127.0.0.1", port).connections(16)
 *         .run(20_000, i -> LoadGenerator.post("/invocations", "text/csv", rows.get(i % rows.size())));
 * r.errors();            // 0: answers with a status other than 200
 * r.percentileMillis(99); // 1.8
 * r.perSecond();          // 7400.0
 * }</pre>
 */
public final class LoadGenerator {
    /** One request: its bytes on the wire. */
    public record Call(byte[] bytes) {}

    /** What a run measured. {@code answers[i]} and {@code status[i]} belong to request {@code i}. */
    public record Result(int requests, int connections, double seconds, long[] nanos, int[] status, String[] answers) {
        /** Answers whose status was not 200. */
        public int errors() {
            int n = 0;
            for (int s : status) if (s != 200) n++;
            return n;
        }

        /** Requests answered per second. */
        public double perSecond() { return requests / seconds; }

        /** The {@code p}-th percentile of the latencies (nearest rank), in milliseconds. */
        public double percentileMillis(double p) {
            long[] sorted = nanos.clone();
            Arrays.sort(sorted);
            int rank = (int) Math.ceil(p / 100 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
        }

        @Override public String toString() {
            return String.format(Locale.ROOT, "%,d requests over %d connections in %.2fs: %,.0f/s, p50 %.2f ms, p99 %.2f ms, %d errors", requests,
                    connections, seconds, perSecond(), percentileMillis(50), percentileMillis(99), errors());
        }
    }

    private final String host;
    private final int port;
    private final int connections;

    private LoadGenerator(String host, int port, int connections) {
        this.host = host;
        this.port = port;
        this.connections = connections;
    }

    /** A generator for the endpoint at {@code host:port}, one connection. */
    public static LoadGenerator to(String host, int port) { return new LoadGenerator(Objects.requireNonNull(host), port, 1); }

    /** Concurrent connections (1 to 1024). */
    public LoadGenerator connections(int n) {
        if (n < 1 || n > 1024) throw DataValidationException.param("connections", n, "must be between 1 and 1024", "e.g. 16");
        return new LoadGenerator(host, port, n);
    }

    /** A POST of {@code body} to {@code path} with {@code contentType}, on a keep-alive connection. */
    public static Call post(String path, String contentType, String body) { return post(path, contentType, body, List.of()); }

    /** The same with more headers ({@code "X-Amzn-SageMaker-Target-Model: b"}). */
    public static Call post(String path, String contentType, String body, List<String> headers) {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        StringBuilder sb = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\nHost: localhost\r\nContent-Type: ").append(contentType)
                .append("\r\nContent-Length: ").append(b.length).append("\r\n");
        for (String h : headers) sb.append(h).append("\r\n");
        byte[] head = sb.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII);
        byte[] all = Arrays.copyOf(head, head.length + b.length);
        System.arraycopy(b, 0, all, head.length, b.length);
        return new Call(all);
    }

    /** Sends {@code requests} requests, request {@code i} being {@code call.apply(i)}; waits for every answer. */
    public Result run(int requests, IntFunction<Call> call) {
        if (requests < 1) throw DataValidationException.param("requests", requests, "must be at least 1", "e.g. 10000");
        long[] nanos = new long[requests];
        int[] status = new int[requests];
        String[] answers = new String[requests];
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long start = System.nanoTime();
        for (int c = 0; c < connections; c++) {
            Thread t = new Thread(() -> {
                try (Socket s = new Socket()) {
                    s.setTcpNoDelay(true);
                    s.connect(new InetSocketAddress(host, port), 10_000);
                    s.setSoTimeout(60_000);
                    OutputStream out = s.getOutputStream();
                    InputStream in = new BufferedInputStream(s.getInputStream(), 1 << 14);
                    for (int i = next.getAndIncrement(); i < requests; i = next.getAndIncrement()) {
                        byte[] req = call.apply(i).bytes();
                        long t0 = System.nanoTime();
                        out.write(req);
                        out.flush();
                        Answer a = read(in);
                        nanos[i] = System.nanoTime() - t0;
                        status[i] = a.status;
                        answers[i] = a.body;
                        if (a.close) break; // the server closed the connection: the rest go to the other connections
                    }
                } catch (IOException | RuntimeException e) {
                    failure.compareAndSet(null, e);
                }
            }, "load-" + c);
            t.setDaemon(true);
            threads.add(t);
            t.start();
        }
        for (Thread t : threads) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted", e);
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        if (failure.get() != null) throw new IllegalStateException("a connection failed: " + failure.get(), failure.get());
        for (int i = 0; i < requests; i++) {
            if (answers[i] == null) throw new IllegalStateException("request " + i + " got no answer (its connection was closed)");
        }
        return new Result(requests, connections, seconds, nanos, status, answers);
    }

    private record Answer(int status, String body, boolean close) {}

    /** Reads one HTTP/1.1 answer with a Content-Length (what the endpoint sends). */
    private static Answer read(InputStream in) throws IOException {
        String statusLine = line(in);
        if (statusLine == null) throw new IOException("the server closed the connection");
        int status = Integer.parseInt(statusLine.split(" ", 3)[1]);
        int length = 0;
        boolean close = false;
        for (String h = line(in); h != null && !h.isEmpty(); h = line(in)) {
            int colon = h.indexOf(':');
            if (colon < 0) continue;
            String name = h.substring(0, colon).trim().toLowerCase(Locale.ROOT), value = h.substring(colon + 1).trim();
            if (name.equals("content-length")) length = Integer.parseInt(value);
            if (name.equals("connection") && value.equalsIgnoreCase("close")) close = true;
        }
        byte[] body = in.readNBytes(length);
        if (body.length < length) throw new IOException("the answer ended early");
        return new Answer(status, new String(body, StandardCharsets.UTF_8), close);
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream(64);
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') break;
            if (c != '\r') b.write(c);
        }
        if (c < 0 && b.size() == 0) return null;
        return b.toString(StandardCharsets.US_ASCII);
    }
}
