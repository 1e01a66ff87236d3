package dev.holdout.serve;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An {@link Endpoint} on the JDK's own HTTP server ({@code com.sun.net.httpserver}): one request per thread — a
 * virtual thread on Java 21 and later, a pooled platform thread on Java 17 — so a slow client holds only its own
 * thread. The server was chosen by measurement over Javalin 7 (Jetty 12): see {@code bench/README.md}.
 *
 * <pre>{@code
 * HttpEndpoint http = HttpEndpoint.start(endpoint, "127.0.0.1", 0, 6 << 20, System.err);
 * http.port();                           // the port it listens on (0 asks for a free one)
 * http.stop(Duration.ofSeconds(20));     // stop accepting, let requests in flight finish (bounded)
 * }</pre>
 */
public final class HttpEndpoint {
    /** Platform threads serving requests on Java 17 (where there are no virtual threads). */
    public static final int POOL_THREADS = 64;

    private final HttpServer server;
    private final Endpoint endpoint;
    private final ExecutorService executor;
    private final long maxPayload;
    private final PrintStream log;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final boolean virtualThreads;

    private HttpEndpoint(HttpServer server, Endpoint endpoint, ExecutorService executor, boolean virtualThreads, long maxPayload, PrintStream log) {
        this.server = server;
        this.endpoint = endpoint;
        this.executor = executor;
        this.virtualThreads = virtualThreads;
        this.maxPayload = maxPayload;
        this.log = log;
    }

    /**
     * Listens on {@code host:port} ({@code port} 0: a free port) and serves {@code endpoint}; a request body over
     * {@code maxPayloadBytes} is refused with 413.
     */
    public static HttpEndpoint start(Endpoint endpoint, String host, int port, long maxPayloadBytes, PrintStream log) {
        if (port < 0 || port > 65535) throw DataValidationException.param("--port", port, "must be between 0 and 65535", "e.g. --port 8080 (0: a free port)");
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 256);
        } catch (BindException e) {
            throw DataValidationException.param("--port", port, "cannot be listened on at " + host + ": " + e.getMessage(),
                    "choose a free port (--port 0 picks one) or stop what listens there");
        } catch (IOException e) {
            throw DataValidationException.param("--host", host, "cannot be listened on: " + e.getMessage(), "use 127.0.0.1, or an address of this machine");
        }
        ExecutorService virtual = virtualThreadExecutor();
        ExecutorService executor = virtual != null ? virtual : pool();
        HttpEndpoint h = new HttpEndpoint(server, endpoint, executor, virtual != null, maxPayloadBytes, log);
        server.createContext("/", h::exchange);
        server.setExecutor(executor);
        server.start();
        return h;
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} on Java 21 and later (found reflectively: this code is built for 17), else null. */
    private static ExecutorService virtualThreadExecutor() {
        try {
            return (ExecutorService) java.util.concurrent.Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static ExecutorService pool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor p = new ThreadPoolExecutor(POOL_THREADS, POOL_THREADS, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "holdout-serve-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /** The port it listens on. */
    public int port() { return server.getAddress().getPort(); }

    /** Whether requests run on virtual threads (Java 21+) rather than a pool of {@value #POOL_THREADS}. */
    public boolean virtualThreads() { return virtualThreads; }

    /** Requests being answered now. */
    public int inFlight() { return inFlight.get(); }

    private void exchange(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try {
            Endpoint.Response r;
            try {
                r = answer(ex);
            } catch (IOException e) {
                return; // the client went away while sending its request: nobody to answer
            }
            byte[] body = r.body();
            if (r.contentType() != null) ex.getResponseHeaders().set("Content-Type", r.contentType());
            if (r.status() == 413) ex.getResponseHeaders().set("Connection", "close"); // the rest of the body is not read
            boolean head = ex.getRequestMethod().equalsIgnoreCase("HEAD");
            ex.sendResponseHeaders(r.status(), body.length == 0 || head ? -1 : body.length);
            if (body.length > 0 && !head) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        } catch (IOException e) {
            // the client closed the connection before the answer was written: nothing to do
        } finally {
            ex.close();
            inFlight.decrementAndGet();
        }
    }

    private Endpoint.Response answer(HttpExchange ex) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (Map.Entry<String, List<String>> e : ex.getRequestHeaders().entrySet()) {
            if (e.getKey() != null && !e.getValue().isEmpty()) headers.put(e.getKey().toLowerCase(Locale.ROOT), e.getValue().get(0));
        }
        String length = headers.get("content-length");
        if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                return Endpoint.error(400, "Content-Length '" + length + "' is not a number", -1, null);
            }
            if (n > maxPayload) return tooLarge();
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxPayload + 1));
        }
        if (body.length > maxPayload) return tooLarge();
        String query = ex.getRequestURI().getRawQuery();
        return endpoint.handle(new Endpoint.Request(ex.getRequestMethod(), ex.getRequestURI().getPath(), query, headers, body));
    }

    private Endpoint.Response tooLarge() {
        return Endpoint.error(413, "the request body is larger than --max-payload-mb=" + (maxPayload / (1 << 20)) + " MB; send fewer rows per request"
                + " or start the endpoint with a larger --max-payload-mb", -1, null);
    }

    /**
     * Stops accepting connections, answers 503 to new requests on open ones, waits for the requests in flight to
     * finish (at most {@code grace}), then closes every connection. Returns whether every request in flight finished.
     */
    public boolean stop(Duration grace) {
        endpoint.stopping();
        long deadline = System.nanoTime() + grace.toNanos();
        // HttpServer.stop closes the listener at once, then waits for exchanges; on Java 17 it waits the whole delay
        // even when none is left (JDK-8304065), so it runs beside this wait and is not waited for
        int seconds = (int) Math.max(1, Math.min(Integer.MAX_VALUE, grace.toSeconds()));
        Thread stopper = new Thread(() -> server.stop(seconds), "holdout-serve-stop");
        stopper.setDaemon(true);
        stopper.start();
        while (inFlight.get() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        boolean drained = inFlight.get() == 0;
        executor.shutdown();
        if (!drained) log.println("serve: " + inFlight.get() + " requests were still running after " + grace.toSeconds() + "s; stopping anyway");
        return drained;
    }
}
