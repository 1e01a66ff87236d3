package dev.holdout.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.reliability.Jvm;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout serve} and {@code holdout transform} as real processes: {@code kill -9} while capturing under
 * load leaves only whole capture lines (one per answered request at least); SIGTERM finishes the request in
 * flight, flushes the capture and exits 0; {@code kill -9} of a transform leaves no {@code .out} file, and the
 * next run repairs what it left.
 */
class ServeProcessTest {
    private static final String MAIN = "dev.holdout.cli.HoldoutCli";
    private static final Pattern LISTENING = Pattern.compile("listening on http://127\\.0\\.0\\.1:(\\d+)");

    @TempDir Path dir;

    /** Starts {@code holdout serve} in a child JVM and waits until it is ready; returns its port. */
    private static int awaitReady(Process p, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        while (System.nanoTime() < deadline) {
            String out = Files.readString(log, StandardCharsets.UTF_8);
            Matcher m = LISTENING.matcher(out);
            if (m.find() && out.contains("ready:")) return Integer.parseInt(m.group(1));
            assertTrue(p.isAlive(), "serve ended early: " + out);
            Thread.sleep(50);
        }
        throw new AssertionError("serve did not get ready in 90 s: " + Files.readString(log, StandardCharsets.UTF_8));
    }

    private static List<JsonNode> captured(Path root) throws IOException {
        List<JsonNode> all = new ArrayList<>();
        for (Path f : DataCaptureTest.files(root)) all.addAll(DataCaptureTest.wholeLines(f));
        return all;
    }

    @Test void killMinus9UnderLoadLeavesOnlyWholeCaptureLinesOnePerAnsweredRequest() throws Exception {
        ServeFixtures.Model m = ServeFixtures.binary();
        List<String[]> rows = EndpointTest.predicted(m, dir, 200);
        Path cap = dir.resolve("capture"), log = dir.resolve("serve.log");
        Process p = Jvm.start(dir, List.of(MAIN, "serve", "--model", m.job().toString(), "--port", "0", "--capture", cap.toString()), log);
        try {
            int port = awaitReady(p, log);
            AtomicInteger answered = new AtomicInteger();
            List<Thread> clients = new ArrayList<>();
            for (int c = 0; c < 8; c++) {
                int id = c;
                Thread t = new Thread(() -> {
                    // one keep-alive connection each, as fast as the server answers, until the process is gone
                    try (Socket s = new Socket("127.0.0.1", port)) {
                        OutputStream out = s.getOutputStream();
                        InputStream in = s.getInputStream();
                        for (int i = 0; ; i++) {
                            // bodies of 1 to ~60 rows so that capture lines have different lengths
                            StringBuilder body = new StringBuilder();
                            for (int k = 0; k <= (i * 31 + id) % 60; k++) body.append(rows.get((i + k) % rows.size())[0]).append('\n');
                            out.write(LoadGenerator.post("/invocations", "text/csv", body.toString()).bytes());
                            out.flush();
                            if (!readAnswer(in).startsWith("HTTP/1.1 200")) return;
                            answered.incrementAndGet();
                        }
                    } catch (IOException e) {
                        // the server was killed: this client's run is over
                    }
                });
                t.setDaemon(true);
                clients.add(t);
                t.start();
            }
            while (answered.get() < 300) Thread.sleep(5);
            p.destroyForcibly(); // SIGKILL, in the middle of requests and capture writes
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            for (Thread t : clients) t.join(10_000);
            List<JsonNode> lines = captured(cap);
            assertTrue(lines.size() >= answered.get(), "every answered request was captured before its answer went out: " + lines.size() + " lines, "
                    + answered.get() + " answers");
            System.out.println("serve kill -9: " + answered.get() + " answers, " + lines.size() + " whole capture lines");
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    /** Reads one answer with a Content-Length; returns its status line and body. */
    private static String readAnswer(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int c = in.read();
            if (c < 0) throw new IOException("closed");
            head.append((char) c);
        }
        Matcher len = Pattern.compile("(?i)content-length: *(\\d+)").matcher(head);
        int n = len.find() ? Integer.parseInt(len.group(1)) : 0;
        byte[] body = in.readNBytes(n);
        if (body.length < n) throw new IOException("closed");
        return head + new String(body, StandardCharsets.UTF_8);
    }

    @Test void sigtermFinishesTheRequestInFlightFlushesTheCaptureAndExits0() throws Exception {
        ServeFixtures.Model m = ServeFixtures.binary();
        List<String[]> rows = EndpointTest.predicted(m, dir, 3);
        Path cap = dir.resolve("capture"), log = dir.resolve("serve.log");
        Process p = Jvm.start(dir, List.of(MAIN, "serve", "--model", m.job().toString(), "--port", "0", "--capture", cap.toString(),
                "--endpoint-name", "rain"), log);
        try {
            int port = awaitReady(p, log);
            byte[] body = (rows.get(0)[0] + "\n").getBytes(StandardCharsets.UTF_8);
            try (Socket warm = new Socket("127.0.0.1", port); Socket slow = new Socket("127.0.0.1", port)) {
                warm.getOutputStream().write(LoadGenerator.post("/invocations", "text/csv", rows.get(1)[0] + "\n").bytes());
                assertTrue(readAnswer(warm.getInputStream()).endsWith("\r\n\r\n" + rows.get(1)[1] + "\n"));
                // a request whose body is half sent when SIGTERM comes
                OutputStream out = slow.getOutputStream();
                out.write(("POST /invocations HTTP/1.1\r\nHost: x\r\nContent-Type: text/csv\r\nContent-Length: " + body.length + "\r\n\r\n")
                        .getBytes(StandardCharsets.US_ASCII));
                out.write(body, 0, body.length / 2);
                out.flush();
                Thread.sleep(500);
                p.destroy(); // SIGTERM
                Thread.sleep(500);
                assertTrue(p.isAlive(), "serve waits for the request in flight");
                out.write(body, body.length / 2, body.length - body.length / 2);
                out.flush();
                String answer = readAnswer(slow.getInputStream());
                assertTrue(answer.startsWith("HTTP/1.1 200") && answer.endsWith("\r\n\r\n" + rows.get(0)[1] + "\n"), answer);
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "serve exits after SIGTERM");
            String out = Files.readString(log, StandardCharsets.UTF_8);
            assertEquals(0, p.exitValue(), out);
            assertTrue(out.contains("stopped: 2 requests answered, 0 with an error; capture: 2 records written, 0 errors"), out);
            List<JsonNode> lines = captured(cap.resolve("rain"));
            assertEquals(2, lines.size());
            assertEquals(rows.get(0)[1] + "\n", lines.get(1).get("captureData").get("endpointOutput").get("data").asText());
            assertFalse(out.contains("Exception") || out.contains("\tat "), out);
        } finally {
            p.destroyForcibly().waitFor();
        }
    }

    @Test void killMinus9OfATransformLeavesNoOutFileAndTheNextRunRepairsAndFinishes() throws Exception {
        ServeFixtures.Model m = ServeFixtures.regression();
        // the diabetes rows repeated into a file that takes a few seconds to score
        List<String> lines = Files.readAllLines(m.data());
        Path big = dir.resolve("big.csv");
        try (var w = Files.newBufferedWriter(big)) {
            w.write(lines.get(0) + "\n");
            for (int r = 0; r < 1500; r++) for (int i = 1; i < lines.size(); i++) w.write(lines.get(i) + "\n");
        }
        Path out = dir.resolve("scored"), log = dir.resolve("transform.log");
        List<String> args = List.of(MAIN, "transform", "--model", m.job().toString(), "--input", big.toString(), "--output", out.toString(),
                "--join-source", "input", "--batch-size", "4096");
        int killedWhileRunning = 0;
        for (int k = 0; k < 3; k++) {
            Process p = Jvm.start(dir, args, log);
            // kill once the temporary output folder exists: scoring has begun
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (p.isAlive() && System.nanoTime() < deadline && !hasTemporary(dir)) Thread.sleep(5);
            Thread.sleep(100L * k);
            if (p.isAlive()) killedWhileRunning++;
            p.destroyForcibly();
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertFalse(Files.exists(out.resolve("big.csv.out")), "kill " + k + ": a killed job leaves no .out file");
        }
        assertTrue(killedWhileRunning >= 2, "kills landed while scoring: " + killedWhileRunning);
        Jvm.Result r = Jvm.run(dir, args);
        assertEquals(0, r.exitCode(), r.output());
        assertEquals(1 + 1500L * (lines.size() - 1), Files.lines(out.resolve("big.csv.out")).count());
        try (Stream<Path> s = Files.list(dir)) {
            List<String> left = s.map(x -> x.getFileName().toString()).filter(x -> x.startsWith(".")).toList();
            assertEquals(List.of(), left, "no lock or temporary folder is left after the next run");
        }
    }

    private static boolean hasTemporary(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.anyMatch(x -> x.getFileName().toString().startsWith(".scored.tmp-"));
        }
    }
}
