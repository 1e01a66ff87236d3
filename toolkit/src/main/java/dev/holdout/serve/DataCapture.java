package dev.holdout.serve;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import dev.holdout.io.StrictJson;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;

/**
 * SageMaker's endpoint data capture, locally: a sampled share of the requests, each written as one JSON line in
 * Model Monitor's capture shape under {@code DIR/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl} (UTC hours):
 *
 * <pre>
 * {"captureData": {"endpointInput": {"observedContentType": "text/csv", "mode": "INPUT", "data": "5.6,-3.2,1.2\n", "encoding": "CSV"},
 *                  "endpointOutput": {"observedContentType": "text/csv", "mode": "OUTPUT", "data": "0.0594706,0\n", "encoding": "CSV"}},
 *  "eventMetadata": {"eventId": "6b1f...", "inferenceId": "order-17", "inferenceTime": "2026-12-01T12:00:00.123Z"},
 *  "eventVersion": "0"}
 * </pre>
 *
 * (one line in the file). {@code encoding} is {@code CSV} for {@code text/csv}, {@code JSON} for
 * {@code application/json}, {@code BASE64} for anything else or bytes that are not UTF-8. {@code inferenceId}
 * is the request's {@code X-Amzn-SageMaker-Inference-Id} header, left out when it has none (as SageMaker does).
 *
 * <p>A line is never half-written. The files grow while the endpoint runs, so they are the documented exception
 * to writing outputs through a temporary folder: each file is opened with {@code O_APPEND} and each line is one
 * {@code write} call of the whole line, under the file's lock, so a crash (even {@code kill -9}) leaves whole
 * lines. A write that fails (a full disk) or writes part of a line is cut back to the file's previous length;
 * the request still gets its answer, and the error is counted ({@link #errors()}) and logged. A line torn by
 * a crash of the machine itself is repaired when an endpoint next starts on the same folder: a file whose writer
 * is gone and whose last line has no line break is cut back to its last whole line. Files are forced to disk when
 * an hour's file is closed and when the endpoint stops.
 *
 * <p>Sampling is reproducible: request {@code i} (counted from 0 at start) is captured when
 * {@code SeededRandom.derive(seed, i).nextDouble() < percentage / 100}.
 *
 * <pre>{@code
 * try (DataCapture c = DataCapture.at(Path.of("capture"), "rain-endpoint", 100, 42, System.err)) {
 *     c.record("AllTraffic", "text/csv", body, "text/csv", answer, "order-17", Instant.now());
 * }
 * }</pre>
 */
public final class DataCapture implements AutoCloseable {
    /** Opens a capture file for appending (a seam: a test gives a channel that fails as a full disk does). */
    interface Opener {
        FileChannel open(Path file) throws IOException;
    }

    static final Opener APPEND = f -> FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);

    private final Path root;
    private final String endpoint;
    private final double percentage;
    private final long seed;
    private final PrintStream log;
    private final Opener opener;
    private final AtomicLong requests = new AtomicLong();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final Map<String, Sink> sinks = new HashMap<>();
    private final String pid = Long.toString(ProcessHandle.current().pid());
    private boolean closed;

    private DataCapture(Path root, String endpoint, double percentage, long seed, PrintStream log, Opener opener) {
        this.root = root;
        this.endpoint = endpoint;
        this.percentage = percentage;
        this.seed = seed;
        this.log = log;
        this.opener = opener;
    }

    /**
     * Captures into {@code root/endpoint/}: {@code percentage} (0 to 100) of the requests, sampled with {@code seed};
     * problems are logged to {@code log}. Repairs lines torn by an earlier crash first.
     */
    public static DataCapture at(Path root, String endpoint, double percentage, long seed, PrintStream log) {
        return at(root, endpoint, percentage, seed, log, APPEND);
    }

    static DataCapture at(Path root, String endpoint, double percentage, long seed, PrintStream log, Opener opener) {
        if (!(percentage >= 0 && percentage <= 100)) {
            throw DataValidationException.param("--sampling-percentage", percentage, "must be between 0 and 100", "e.g. --sampling-percentage 100");
        }
        requireName(endpoint, "--endpoint-name");
        try {
            Files.createDirectories(root.resolve(endpoint));
        } catch (IOException e) {
            throw DataValidationException.param("--capture", root, "cannot be created: " + e.getMessage(), "choose a folder you can write");
        }
        if (!Files.isWritable(root.resolve(endpoint))) {
            throw DataValidationException.param("--capture", root, "cannot be written", "choose a folder you can write");
        }
        DataCapture c = new DataCapture(root, endpoint, percentage, seed, Objects.requireNonNull(log), opener);
        c.repair();
        return c;
    }

    /** A folder name: letters, digits, '.', '_', '-' (an endpoint's or a variant's). */
    static void requireName(String name, String option) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw DataValidationException.param(option, name, "must be letters, digits, '.', '_' or '-' (at most 63)", "e.g. " + option + " holdout");
        }
    }

    /** Whether the next request is to be captured (call once per request). */
    public boolean sample() {
        long i = requests.getAndIncrement();
        if (percentage >= 100) return true;
        if (percentage <= 0) return false;
        return SeededRandom.derive(seed, i).nextDouble() < percentage / 100;
    }

    /**
     * Writes one capture line for a request to {@code variant} and its answer. Never throws for an I/O failure:
     * it is counted and logged, and the line is not (even partly) in the file.
     */
    public void record(String variant, String inputType, byte[] input, String outputType, byte[] output, String inferenceId, Instant time) {
        Instant t = time.truncatedTo(ChronoUnit.MILLIS);
        byte[] line;
        try {
            line = line(inputType, input, outputType, output, inferenceId, t);
        } catch (RuntimeException e) {
            fail("could not encode a capture record: " + e.getMessage());
            return;
        }
        ZonedDateTime z = t.atZone(ZoneOffset.UTC);
        String hour = String.format(Locale.ROOT, "%04d/%02d/%02d/%02d", z.getYear(), z.getMonthValue(), z.getDayOfMonth(), z.getHour());
        Sink sink;
        synchronized (sinks) {
            if (closed) {
                fail("a capture record came after the capture was closed");
                return;
            }
            sink = sinks.get(variant);
            if (sink == null || !sink.hour.equals(hour)) {
                if (sink != null) sink.close(log);
                sink = new Sink(root.resolve(endpoint).resolve(variant).resolve(hour),
                        String.format(Locale.ROOT, "%02d-%02d-%03d-%s-%s.jsonl", z.getMinute(), z.getSecond(), t.getNano() / 1_000_000, pid,
                                UUID.randomUUID().toString().substring(0, 8)), hour);
                sinks.put(variant, sink);
            }
        }
        String problem = sink.append(line, opener);
        if (problem == null) written.incrementAndGet();
        else fail(problem);
    }

    static byte[] line(String inputType, byte[] input, String outputType, byte[] output, String inferenceId, Instant t) {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        ObjectNode data = root.putObject("captureData");
        part(data.putObject("endpointInput"), inputType, "INPUT", input);
        part(data.putObject("endpointOutput"), outputType, "OUTPUT", output);
        ObjectNode meta = root.putObject("eventMetadata");
        meta.put("eventId", UUID.randomUUID().toString());
        if (inferenceId != null && !inferenceId.isEmpty()) meta.put("inferenceId", inferenceId);
        meta.put("inferenceTime", t.toString());
        root.put("eventVersion", "0");
        try {
            // a JSON string escapes every line break, so the record is one line
            return (StrictJson.mapper().writeValueAsString(root) + "\n").getBytes(StandardCharsets.UTF_8);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e.getOriginalMessage(), e);
        }
    }

    private static void part(ObjectNode o, String type, String mode, byte[] body) {
        String base = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        o.put("observedContentType", type == null ? "" : type);
        o.put("mode", mode);
        String text = utf8(body);
        if (text != null && base.equals("text/csv")) {
            o.put("data", text);
            o.put("encoding", "CSV");
        } else if (text != null && base.equals("application/json")) {
            o.put("data", text);
            o.put("encoding", "JSON");
        } else {
            o.put("data", Base64.getEncoder().encodeToString(body));
            o.put("encoding", "BASE64");
        }
    }

    private static String utf8(byte[] b) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    private void fail(String problem) {
        long n = errors.incrementAndGet();
        // the first errors in full, then one line in a hundred: a full disk must not flood the log
        if (n <= 5 || n % 100 == 0) log.println("capture: " + problem + " (capture errors so far: " + n + ")");
    }

    /** Requests seen by {@link #sample()}. */
    public long requests() { return requests.get(); }

    /** Lines written. */
    public long written() { return written.get(); }

    /** Lines that could not be written. */
    public long errors() { return errors.get(); }

    /** The capture folder of this endpoint: {@code root/endpoint}. */
    public Path folder() { return root.resolve(endpoint); }

    /** Forces and closes the open files; later records are counted as errors. */
    @Override public void close() {
        synchronized (sinks) {
            if (closed) return;
            closed = true;
            for (Sink s : sinks.values()) s.close(log);
            sinks.clear();
        }
    }

    /** One open capture file: appended to under its own lock, one write call per line. */
    private static final class Sink {
        final Path folder;
        final String name;
        final String hour;
        private FileChannel channel;
        private long size;

        Sink(Path folder, String name, String hour) {
            this.folder = folder;
            this.name = name;
            this.hour = hour;
        }

        /** Null when the line is in the file; else why not (and the file is as it was). */
        synchronized String append(byte[] line, Opener opener) {
            Path file = folder.resolve(name);
            try {
                if (channel == null) {
                    Files.createDirectories(folder);
                    channel = opener.open(file);
                    size = channel.size();
                }
            } catch (IOException | RuntimeException e) {
                channel = null;
                return "could not open " + file + ": " + reason(e);
            }
            ByteBuffer b = ByteBuffer.wrap(line);
            int n;
            try {
                n = channel.write(b); // one write(2) of the whole line: with O_APPEND, never interleaved or torn by a kill
            } catch (IOException | RuntimeException e) {
                return cutBack(file, "could not write to " + file + ": " + reason(e));
            }
            if (n != line.length) return cutBack(file, "only " + n + " of " + line.length + " bytes of a line were written to " + file);
            size += n;
            return null;
        }

        /** Cuts a partly written line off again, so the file holds whole lines only. */
        private String cutBack(Path file, String problem) {
            try {
                if (channel.size() > size) channel.truncate(size);
                return problem + "; the partial line was removed";
            } catch (IOException | RuntimeException e) {
                return problem + "; removing the partial line failed too (" + reason(e) + "): the next start repairs it";
            }
        }

        synchronized void close(PrintStream log) {
            if (channel == null) return;
            try {
                channel.force(true);
                channel.close();
            } catch (IOException e) {
                log.println("capture: could not close " + folder.resolve(name) + ": " + reason(e));
            }
            channel = null;
        }
    }

    private static String reason(Throwable e) {
        String m = e.getMessage();
        if (e instanceof java.nio.file.FileSystemException f && f.getReason() != null) m = f.getReason();
        return m == null ? e.getClass().getSimpleName() : m;
    }

    /**
     * Cuts a torn last line off every capture file of this endpoint whose writer is gone (its PID is in the file
     * name). Logs each repair.
     */
    private void repair() {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> s = Files.walk(root.resolve(endpoint))) {
            s.filter(p -> p.getFileName().toString().endsWith(".jsonl")).filter(Files::isRegularFile).forEach(files::add);
        } catch (IOException | RuntimeException e) {
            log.println("capture: could not look for torn lines under " + root.resolve(endpoint) + ": " + reason(e));
            return;
        }
        for (Path f : files) {
            if (writerAlive(f)) continue;
            try (FileChannel ch = FileChannel.open(f, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
                long size = ch.size();
                if (size == 0) continue;
                ByteBuffer last = ByteBuffer.allocate(1);
                ch.read(last, size - 1);
                if (last.get(0) == '\n') continue;
                long keep = lastLineEnd(ch, size);
                ch.truncate(keep);
                ch.force(true);
                log.println("capture: " + f + " ended in a torn line (a crash while it was written): cut back from " + size + " to " + keep + " bytes");
            } catch (IOException e) {
                log.println("capture: could not repair " + f + ": " + reason(e));
            }
        }
    }

    /** The length of the file up to and including its last line break (0 when it has none). */
    private static long lastLineEnd(FileChannel ch, long size) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(64 * 1024);
        long end = size;
        while (end > 0) {
            long from = Math.max(0, end - b.capacity());
            b.clear().limit((int) (end - from));
            ch.read(b, from);
            for (int i = b.position() - 1; i >= 0; i--) if (b.get(i) == '\n') return from + i + 1;
            end = from;
        }
        return 0;
    }

    /** Whether the process whose PID the file name carries ({@code mm-ss-mmm-PID-id.jsonl}) still runs. */
    private boolean writerAlive(Path f) {
        String[] parts = f.getFileName().toString().split("-");
        if (parts.length < 5) return false;
        try {
            long p = Long.parseLong(parts[3]);
            return ProcessHandle.of(p).map(ProcessHandle::isAlive).orElse(false);
        } catch (NumberFormatException e) {
            return false;
        }
    }
}
