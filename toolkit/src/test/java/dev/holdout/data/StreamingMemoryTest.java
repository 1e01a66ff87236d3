package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The batch API streams: a 2,000,000-row file larger than the heap is read in one pass by a JVM started
 * with {@code -Xmx64m}, as the model monitor, batch transform and feature store ingest will read theirs.
 */
class StreamingMemoryTest {
    @TempDir Path dir;

    @Test void aFileLargerThanTheHeapIsStreamedUnderSixtyFourMegabytes() throws Exception {
        int rows = 2_000_000;
        Path f = dir.resolve("big.csv");
        String[] channels = {"web", "app", "store"};
        long missing = 0, sumX = 0, sumId = 0;
        try (BufferedWriter w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("id,when,x,channel,note\n");
            StringBuilder sb = new StringBuilder(96);
            for (int i = 0; i < rows; i++) {
                sb.setLength(0);
                sb.append(i).append(",2023-01-01T00:00:").append(i % 60 < 10 ? "0" : "").append(i % 60).append("Z,");
                if (i % 50 == 7) {
                    sb.append("NA");
                    missing++;
                } else {
                    int milli = (i * 37) % 100_000 - 50_000;
                    sb.append(milli / 1000.0);
                    sumX += milli;
                }
                sumId += i;
                sb.append(',').append(channels[i % 3]).append(",\"some text, quoted\"\n");
                w.write(sb.toString());
            }
        }
        assertTrue(Files.size(f) > 64L << 20, "the file is larger than the heap: " + Files.size(f));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx64m",
                "-cp", System.getProperty("java.class.path"), StreamingProbe.class.getName(), f.toString(), "65536"));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out;
        try (var in = p.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        }
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the probe finishes");
        assertEquals(0, p.exitValue(), out);
        assertEquals(rows + " " + missing + " " + sumX + " " + sumId + " [app, store, web] " + (rows + 1), out);
    }
}
