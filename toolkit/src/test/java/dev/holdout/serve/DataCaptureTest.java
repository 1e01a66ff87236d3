package dev.holdout.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.io.StrictJson;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.WritableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Data capture's promise: whole lines only — under a full disk, a short write, a crash, many threads at once. */
class DataCaptureTest {
    @TempDir Path dir;
    private final ByteArrayOutputStream logBytes = new ByteArrayOutputStream();
    private final PrintStream log = new PrintStream(logBytes, true, StandardCharsets.UTF_8);
    private static final Instant T = Instant.parse("2026-12-01T13:05:07.123Z");

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }

    static List<Path> files(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return s.filter(p -> p.toString().endsWith(".jsonl")).sorted().toList();
        }
    }

    /** Every line parses as a capture record and the file ends with a line break; the records. */
    static List<JsonNode> wholeLines(Path file) throws IOException {
        String text = Files.readString(file);
        assertTrue(text.isEmpty() || text.endsWith("\n"), "a torn last line in " + file);
        List<JsonNode> out = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.isEmpty()) continue;
            JsonNode n = StrictJson.parse(line, file.toString());
            assertEquals("0", n.get("eventVersion").asText());
            out.add(n);
        }
        return out;
    }

    @Test void aFullDiskCostsTheLineNotTheFileAndIsCountedAndLogged() throws Exception {
        // the 2nd write fails as ENOSPC does after writing part of the line; the 3rd writes only part of the line
        DataCapture.Opener disk = f -> new FailingChannel(DataCapture.APPEND.open(f));
        try (DataCapture c = DataCapture.at(dir, "ep", 100, 1, log, disk)) {
            for (int i = 0; i < 5; i++) c.record("AllTraffic", "text/csv", b(i + ",2,3\n"), "text/csv", b("0." + i + ",1\n"), "id-" + i, T);
            assertEquals(3, c.written());
            assertEquals(2, c.errors());
        }
        List<Path> f = files(dir);
        assertEquals(1, f.size());
        List<JsonNode> lines = wholeLines(f.get(0));
        List<String> ids = lines.stream().map(n -> n.get("eventMetadata").get("inferenceId").asText()).toList();
        assertEquals(List.of("id-0", "id-3", "id-4"), ids);
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains("No space left on device") && logged.contains("the partial line was removed"), logged);
        assertTrue(logged.contains("only 10 of"), logged);
    }

    /** Writes through to a real file, but its 2nd write fails after 10 bytes and its 3rd writes only 10 bytes. */
    private static final class FailingChannel extends FileChannel {
        private int count;
        private final FileChannel real;

        FailingChannel(FileChannel real) { this.real = real; }

        @Override public int write(ByteBuffer src) throws IOException {
            count++;
            if (count == 2 || count == 3) {
                ByteBuffer part = src.duplicate();
                part.limit(part.position() + 10);
                int n = real.write(part);
                src.position(src.position() + n);
                if (count == 2) throw new IOException("No space left on device");
                return n;
            }
            return real.write(src);
        }

        @Override public int read(ByteBuffer dst) throws IOException { return real.read(dst); }
        @Override public long read(ByteBuffer[] dsts, int offset, int length) throws IOException { return real.read(dsts, offset, length); }
        @Override public long write(ByteBuffer[] srcs, int offset, int length) throws IOException { throw new IOException("not used"); }
        @Override public long position() throws IOException { return real.position(); }
        @Override public FileChannel position(long p) throws IOException { real.position(p); return this; }
        @Override public long size() throws IOException { return real.size(); }
        @Override public FileChannel truncate(long size) throws IOException { real.truncate(size); return this; }
        @Override public void force(boolean metaData) throws IOException { real.force(metaData); }
        @Override public long transferTo(long position, long count, WritableByteChannel target) throws IOException { return real.transferTo(position, count, target); }
        @Override public long transferFrom(ReadableByteChannel src, long position, long count) throws IOException { return real.transferFrom(src, position, count); }
        @Override public int read(ByteBuffer dst, long position) throws IOException { return real.read(dst, position); }
        @Override public int write(ByteBuffer src, long position) throws IOException { return real.write(src, position); }
        @Override public MappedByteBuffer map(MapMode mode, long position, long size) throws IOException { return real.map(mode, position, size); }
        @Override public FileLock lock(long position, long size, boolean shared) throws IOException { return real.lock(position, size, shared); }
        @Override public FileLock tryLock(long position, long size, boolean shared) throws IOException { return real.tryLock(position, size, shared); }
        @Override protected void implCloseChannel() throws IOException { real.close(); }
    }

    @Test void aLineTornByACrashIsCutBackWhenTheNextEndpointStartsAndALiveWritersFileIsLeftAlone() throws Exception {
        Path hour = Files.createDirectories(dir.resolve("ep/AllTraffic/2026/12/01/13"));
        byte[] whole = DataCapture.line("text/csv", b("1,2\n"), "text/csv", b("0.5,1\n"), "a", T);
        byte[] torn = java.util.Arrays.copyOf(whole, 30);
        long dead = deadPid();
        Path crashed = hour.resolve("05-07-123-" + dead + "-0badc0de.jsonl");
        Files.write(crashed, concat(whole, whole, torn));
        Path onlyTorn = hour.resolve("05-07-124-" + dead + "-0badc0df.jsonl");
        Files.write(onlyTorn, torn);
        // a file another live endpoint (this JVM) is writing: never cut, its last line may be on its way
        Path live = hour.resolve("05-07-125-" + ProcessHandle.current().pid() + "-0badc0e0.jsonl");
        Files.write(live, concat(whole, torn));
        DataCapture.at(dir, "ep", 100, 1, log).close();
        assertEquals(2, wholeLines(crashed).size());
        assertEquals(0, Files.size(onlyTorn));
        assertEquals(whole.length + torn.length, Files.size(live));
        String logged = logBytes.toString(StandardCharsets.UTF_8);
        assertTrue(logged.contains(crashed + " ended in a torn line") && logged.contains("cut back from " + (2 * whole.length + 30) + " to "
                + 2 * whole.length + " bytes"), logged);
    }

    private static long deadPid() throws Exception {
        Process p = new ProcessBuilder("true").start();
        p.waitFor();
        long pid = p.pid();
        assertTrue(ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true));
        return pid;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) o.writeBytes(p);
        return o.toByteArray();
    }

    @Test void manyThreadsAtOnceLeaveEveryLineWholeAndNoneLost() throws Exception {
        int threads = 16, each = 500;
        // bodies of different lengths (up to 200 KB) so that lines cross the page and pipe buffer sizes
        DataCapture c = DataCapture.at(dir, "ep", 100, 1, log);
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            Thread th = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    String body = (id + "," + i + ",").repeat(1 + (i * 7919 + id) % (i % 100 == 0 ? 20_000 : 40)) + "\n";
                    c.record(id % 2 == 0 ? "AllTraffic" : "b", "text/csv", b(body), "text/csv", b(i + "\n"), id + "-" + i, Instant.now());
                }
            });
            ts.add(th);
            th.start();
        }
        go.countDown();
        for (Thread th : ts) th.join();
        c.close();
        assertEquals(0, c.errors(), logBytes.toString(StandardCharsets.UTF_8));
        assertEquals((long) threads * each, c.written());
        Set<String> ids = new HashSet<>();
        for (Path f : files(dir)) {
            for (JsonNode n : wholeLines(f)) {
                String id = n.get("eventMetadata").get("inferenceId").asText();
                String[] ti = id.split("-");
                assertTrue(n.get("captureData").get("endpointInput").get("data").asText().startsWith(ti[0] + "," + ti[1] + ","), id);
                assertEquals(ti[1] + "\n", n.get("captureData").get("endpointOutput").get("data").asText(), id);
                assertTrue(ids.add(id), "twice: " + id);
            }
        }
        assertEquals(threads * each, ids.size());
    }
}
