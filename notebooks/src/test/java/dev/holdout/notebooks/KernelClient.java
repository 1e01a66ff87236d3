package dev.holdout.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.zeromq.SocketType;
import org.zeromq.ZContext;
import org.zeromq.ZMQ;

/**
 * A minimal Jupyter client speaking the real wire protocol (ZeroMQ, HMAC-SHA256 signed multipart messages) to a
 * kernel started as its own JVM from a connection file, as Jupyter does. Used by the kernel's protocol tests so
 * they need no Python.
 */
final class KernelClient implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DELIMITER = "<IDS|MSG>";

    private final Process kernel;
    private final ZContext context = new ZContext();
    private final ZMQ.Socket shell;
    private final ZMQ.Socket control;
    private final ZMQ.Socket iopub;
    private final byte[] key;
    private final String session = UUID.randomUUID().toString();
    final Path log;
    /** IOPub messages read ahead (by {@link #awaitStdout}) and not yet handed to {@link #collect}. */
    private final java.util.ArrayDeque<Msg> readAhead = new java.util.ArrayDeque<>();

    /** A message as received: its type, header, parent header and content. */
    record Msg(String type, JsonNode header, JsonNode parent, JsonNode content) {
        String parentId() {
            return parent.path("msg_id").asText();
        }
    }

    /** Everything one execute_request produced: the shell reply and the IOPub messages it caused. */
    record Execution(JsonNode reply, List<Msg> outputs, boolean sawIdle) {
        String status() {
            return reply.path("status").asText();
        }

        List<JsonNode> ofType(String type) {
            return outputs.stream().filter(m -> m.type().equals(type)).map(Msg::content).toList();
        }

        /** The execute_result's data bundle, or null. */
        JsonNode result() {
            List<JsonNode> results = ofType("execute_result");
            return results.isEmpty() ? null : results.get(0).path("data");
        }

        String stdout() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode s : ofType("stream")) if (s.path("name").asText().equals("stdout")) sb.append(s.path("text").asText());
            return sb.toString();
        }

        String traceback() {
            StringBuilder sb = new StringBuilder();
            for (JsonNode e : ofType("error")) e.path("traceback").forEach(l -> sb.append(l.asText()).append('\n'));
            return sb.toString();
        }
    }

    /** Kernel starts tried before giving up when another process took one of the chosen ports first. */
    static final int MAX_STARTS = 3;

    /**
     * Starts a kernel and waits until it is ready. The ports are found free by this JVM and then handed to the
     * kernel, so another process can take one in between (Jupyter's own clients share this race); when the
     * kernel then fails to bind, it is started again with fresh ports, at most {@link #MAX_STARTS} times.
     */
    static KernelClient start(Path dir, long readyTimeoutMillis) throws IOException, InterruptedException {
        return start(dir, readyTimeoutMillis, (int[]) null);
    }

    /** As {@link #start(Path, long)}, with the ports of the first attempt given (for tests), else found free. */
    static KernelClient start(Path dir, long readyTimeoutMillis, int[] firstPorts) throws IOException, InterruptedException {
        return start(dir, readyTimeoutMillis, firstPorts, List.of());
    }

    /** As {@link #start(Path, long)}, with extra JVM options for the kernel (system properties, say). */
    static KernelClient start(Path dir, long readyTimeoutMillis, List<String> jvmOptions) throws IOException, InterruptedException {
        return start(dir, readyTimeoutMillis, null, jvmOptions);
    }

    private static KernelClient start(Path dir, long readyTimeoutMillis, int[] firstPorts, List<String> jvmOptions)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            int[] ports = attempt == 1 && firstPorts != null ? firstPorts : freePorts(5);
            KernelClient client = new KernelClient(dir, ports, attempt == 1 ? "kernel.log" : "kernel-" + attempt + ".log",
                    jvmOptions);
            try {
                client.awaitReady(readyTimeoutMillis);
                client.starts = attempt;
                return client;
            } catch (IllegalStateException e) {
                boolean portTaken = client.failedToBind();
                // a kernel that failed to bind lingers (its ZeroMQ threads outlive main) and cannot take a shutdown_request
                if (portTaken) client.kernel.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                client.close();
                if (!portTaken || attempt >= MAX_STARTS) throw e;
            }
        }
    }

    /** How many kernel starts it took (more than 1 when a port was taken in between). */
    int starts;

    /** Whether the kernel died (or is stuck) because a port was already in use. */
    private boolean failedToBind() throws IOException, InterruptedException {
        if (!logSaysBindFailed()) kernel.waitFor(5, TimeUnit.SECONDS);
        return logSaysBindFailed();
    }

    private boolean logSaysBindFailed() throws IOException {
        String text = Files.isRegularFile(log) ? Files.readString(log) : "";
        return text.contains("Address already in use") || text.contains("EADDRINUSE");
    }

    private KernelClient(Path dir, int[] ports, String logName, List<String> jvmOptions) throws IOException {
        Path workDir = dir.toAbsolutePath();
        Files.createDirectories(workDir);
        key = UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII);
        ObjectNode conn = JSON.createObjectNode();
        conn.put("transport", "tcp").put("ip", "127.0.0.1").put("signature_scheme", "hmac-sha256")
                .put("key", new String(key, StandardCharsets.US_ASCII))
                .put("shell_port", ports[0]).put("iopub_port", ports[1]).put("stdin_port", ports[2])
                .put("control_port", ports[3]).put("hb_port", ports[4]);
        Path connectionFile = workDir.resolve("connection.json");
        Files.writeString(connectionFile, JSON.writeValueAsString(conn));
        log = workDir.resolve(logName);
        KernelSpec spec = KernelSpec.ofThisJvm();
        List<String> argv = new ArrayList<>(spec.argv());
        argv.replaceAll(a -> a.equals("{connection_file}") ? connectionFile.toString() : a);
        argv.addAll(1, jvmOptions);
        kernel = new ProcessBuilder(argv).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();

        shell = context.createSocket(SocketType.DEALER);
        shell.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        shell.connect("tcp://127.0.0.1:" + ports[0]);
        control = context.createSocket(SocketType.DEALER);
        control.setIdentity(UUID.randomUUID().toString().getBytes(StandardCharsets.US_ASCII));
        control.connect("tcp://127.0.0.1:" + ports[3]);
        iopub = context.createSocket(SocketType.SUB);
        iopub.subscribe(new byte[0]);
        iopub.connect("tcp://127.0.0.1:" + ports[1]);
    }

    /** Waits for kernel_info_reply, then for IOPub to carry messages (a first quiet execution). */
    void awaitReady(long timeoutMillis) throws IOException {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        send(shell, "kernel_info_request", JSON.createObjectNode());
        Msg reply = null;
        while (reply == null && System.currentTimeMillis() < deadline && kernel.isAlive() && !logSaysBindFailed()) {
            reply = receive(shell, Math.min(deadline, System.currentTimeMillis() + 500));
        }
        if (reply == null || !reply.type().equals("kernel_info_reply")) {
            throw new IllegalStateException("kernel did not answer kernel_info_request; its log:\n" + Files.readString(log));
        }
        // IOPub is a PUB/SUB pair: until the subscription has reached the kernel, messages are dropped.
        while (System.currentTimeMillis() < deadline) {
            Execution warm = execute("int holdoutWarmUp = 1;", 3_000);
            if (warm.sawIdle()) return;
        }
        throw new IllegalStateException("no IOPub messages from the kernel");
    }

    JsonNode kernelInfo() throws IOException {
        send(shell, "kernel_info_request", JSON.createObjectNode());
        return receive(shell, System.currentTimeMillis() + 30_000).content();
    }

    Execution execute(String code) throws IOException {
        return execute(code, 60_000);
    }

    Execution execute(String code, long timeoutMillis) throws IOException {
        String id = sendExecute(code);
        return collect(id, System.currentTimeMillis() + timeoutMillis);
    }

    String sendExecute(String code) throws IOException {
        ObjectNode content = JSON.createObjectNode();
        content.put("code", code).put("silent", false).put("store_history", true)
                .put("allow_stdin", false).put("stop_on_error", true);
        content.set("user_expressions", JSON.createObjectNode());
        return send(shell, "execute_request", content);
    }

    /** The reply to {@code requestId} and the IOPub messages up to the kernel's idle status for it. */
    Execution collect(String requestId, long deadline) throws IOException {
        JsonNode reply = null;
        List<Msg> outputs = new ArrayList<>();
        boolean idle = false;
        while ((reply == null || !idle) && System.currentTimeMillis() < deadline) {
            Msg m = !readAhead.isEmpty() ? readAhead.poll() : receive(iopub, Math.min(deadline, System.currentTimeMillis() + 50));
            if (m != null && m.parentId().equals(requestId)) {
                if (m.type().equals("status") && m.content().path("execution_state").asText().equals("idle")) idle = true;
                else if (!m.type().equals("status") && !m.type().equals("execute_input")) outputs.add(m);
            }
            if (reply == null) {
                Msg r = receive(shell, System.currentTimeMillis() + 10);
                if (r != null && r.parentId().equals(requestId)) reply = r.content();
            }
        }
        if (reply == null) throw new IllegalStateException("no reply to " + requestId + " in time");
        // the reply may come before the last outputs are read: drain until idle (or the deadline)
        return new Execution(reply, outputs, idle);
    }

    /**
     * Waits until the cell {@code requestId} has written {@code text} to stdout (as seen on IOPub): proof that the
     * cell is running. The messages read meanwhile are kept for {@link #collect}.
     */
    void awaitStdout(String requestId, String text, long deadline) throws IOException {
        StringBuilder seen = new StringBuilder();
        while (System.currentTimeMillis() < deadline) {
            Msg m = receive(iopub, Math.min(deadline, System.currentTimeMillis() + 50));
            if (m == null) continue;
            readAhead.add(m);
            if (m.parentId().equals(requestId) && m.type().equals("stream") && m.content().path("name").asText().equals("stdout")) {
                seen.append(m.content().path("text").asText());
                if (seen.indexOf(text) >= 0) return;
            }
        }
        throw new IllegalStateException("the cell did not print '" + text + "' in time; stdout so far: " + seen);
    }

    /** Every IOPub message that arrives within {@code millis} (for output that comes after a cell's idle). */
    List<Msg> drain(long millis) throws IOException {
        List<Msg> seen = new ArrayList<>(readAhead);
        readAhead.clear();
        long deadline = System.currentTimeMillis() + millis;
        while (System.currentTimeMillis() < deadline) {
            Msg m = receive(iopub, deadline);
            if (m != null) seen.add(m);
        }
        return seen;
    }

    JsonNode complete(String code, int cursor) throws IOException {
        ObjectNode content = JSON.createObjectNode();
        content.put("code", code).put("cursor_pos", cursor);
        String id = send(shell, "complete_request", content);
        return awaitReply(shell, id);
    }

    JsonNode inspect(String code, int cursor) throws IOException {
        ObjectNode content = JSON.createObjectNode();
        content.put("code", code).put("cursor_pos", cursor).put("detail_level", 0);
        String id = send(shell, "inspect_request", content);
        return awaitReply(shell, id);
    }

    JsonNode isComplete(String code) throws IOException {
        ObjectNode content = JSON.createObjectNode();
        content.put("code", code);
        String id = send(shell, "is_complete_request", content);
        return awaitReply(shell, id);
    }

    JsonNode interrupt() throws IOException {
        String id = send(control, "interrupt_request", JSON.createObjectNode());
        return awaitReply(control, id);
    }

    private JsonNode awaitReply(ZMQ.Socket socket, String id) throws IOException {
        long deadline = System.currentTimeMillis() + 30_000;
        while (System.currentTimeMillis() < deadline) {
            Msg m = receive(socket, deadline);
            if (m != null && m.parentId().equals(id)) return m.content();
        }
        throw new IllegalStateException("no reply to " + id);
    }

    boolean isAlive() {
        return kernel.isAlive();
    }

    private String send(ZMQ.Socket socket, String type, JsonNode content) throws IOException {
        String id = UUID.randomUUID().toString();
        ObjectNode header = JSON.createObjectNode();
        header.put("msg_id", id).put("session", session).put("username", "test")
                .put("date", Instant.now().toString()).put("msg_type", type).put("version", "5.3");
        String[] parts = {JSON.writeValueAsString(header), "{}", "{}", JSON.writeValueAsString(content)};
        socket.sendMore(DELIMITER);
        socket.sendMore(sign(parts));
        for (int i = 0; i < parts.length; i++) {
            if (i < parts.length - 1) socket.sendMore(parts[i]);
            else socket.send(parts[i]);
        }
        return id;
    }

    /** One message, or null if none arrived before {@code deadline}; the signature is verified. */
    private Msg receive(ZMQ.Socket socket, long deadline) throws IOException {
        int wait = (int) Math.max(1, deadline - System.currentTimeMillis());
        socket.setReceiveTimeOut(wait);
        byte[] frame = socket.recv();
        if (frame == null) return null;
        while (!new String(frame, StandardCharsets.UTF_8).equals(DELIMITER)) {
            frame = socket.recv(); // routing identities or the IOPub topic
        }
        String signature = socket.recvStr();
        String[] parts = {socket.recvStr(), socket.recvStr(), socket.recvStr(), socket.recvStr()};
        while (socket.hasReceiveMore()) socket.recv(); // buffers
        if (!sign(parts).equals(signature)) throw new IllegalStateException("bad signature on " + parts[0]);
        JsonNode header = JSON.readTree(parts[0]);
        return new Msg(header.path("msg_type").asText(), header, JSON.readTree(parts[1]), JSON.readTree(parts[3]));
    }

    private String sign(String[] parts) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            for (String p : parts) mac.update(p.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(mac.doFinal());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static int[] freePorts(int n) throws IOException {
        int[] ports = new int[n];
        List<ServerSocket> open = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                open.add(s);
                ports[i] = s.getLocalPort();
            }
        } finally {
            for (ServerSocket s : open) s.close();
        }
        return ports;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            if (kernel.isAlive()) {
                ObjectNode content = JSON.createObjectNode();
                content.put("restart", false);
                send(control, "shutdown_request", content);
                if (!kernel.waitFor(10, TimeUnit.SECONDS)) kernel.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (IOException | RuntimeException e) {
            kernel.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        } finally {
            context.close();
        }
    }
}
