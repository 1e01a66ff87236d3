package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.SeededRandom;
import dev.holdout.featurestore.FeatureStore;
import dev.holdout.featurestore.GroupSummary;
import dev.holdout.featurestore.IngestSpec;
import dev.holdout.store.Store;
import dev.holdout.store.StoreBusyException;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout features ingest} in real processes: two at once both land whole (DuckDB has one writer: the second
 * waits); an ingest killed with SIGKILL while it holds the store leaves the group as it was before it, and the
 * store opens and takes the next ingest.
 */
class FeatureStoreProcessTest {
    @TempDir Path dir;

    private List<String> ingest(Path tmp, Path store, Path input) {
        List<String> c = new ArrayList<>();
        c.add("-Djava.io.tmpdir=" + tmp);
        c.addAll(dev.holdout.cli.JdkOptions.forThisJvm());
        c.add(dev.holdout.cli.HoldoutCli.class.getName());
        c.addAll(List.of("features", "ingest", "--store", store.toString(), "--group", "g", "--input", input.toString()));
        return c;
    }

    private Path rows(String name, int n, int offset) throws IOException {
        Path f = dir.resolve(name);
        try (Writer w = Files.newBufferedWriter(f, StandardCharsets.UTF_8)) {
            w.write("id,ts,x\n");
            for (int i = 0; i < n; i++) {
                int k = offset + i;
                w.write((k % 5000) + ",2024-01-" + String.format("%02d", 1 + k % 28) + "T00:00:00Z," + (k * 0.5 + 0.25) + "\n");
            }
        }
        return f;
    }

    private static void clear(Path tmp) throws IOException {
        try (Stream<Path> left = Files.list(tmp)) {
            left.forEach(x -> x.toFile().delete()); // a killed JVM's copy of DuckDB's native library
        }
    }

    @Test void twoIngestsAtOnceBothLandWholeAndAKilledOneLeavesNothing() throws Exception {
        Path store = dir.resolve("s.duckdb");
        FeatureStore fs = FeatureStore.on(Store.at(store));
        fs.ingest(IngestSpec.of("g", rows("first.csv", 10, 0), "id", "ts"));

        Path a = rows("a.csv", 100_000, 100), b = rows("b.csv", 100_000, 200_000);
        Path tmp = Files.createTempDirectory(dir, "jvm");
        Process pa = Jvm.start(dir, ingest(tmp, store, a), dir.resolve("a.log"));
        Process pb = Jvm.start(dir, ingest(tmp, store, b), dir.resolve("b.log"));
        Jvm.Result ra = Jvm.waitFor(pa, dir.resolve("a.log")), rb = Jvm.waitFor(pb, dir.resolve("b.log"));
        assertEquals(0, ra.exitCode(), ra.output());
        assertEquals(0, rb.exitCode(), rb.output());
        GroupSummary after = fs.describe("g");
        assertEquals(200_010, after.rows(), "both ingests landed, whole");
        assertEquals(3, after.ingests());

        // kill -9 while the ingest holds the store: seen from here as the store being busy
        Path big = rows("big.csv", 600_000, 500_000);
        SeededRandom rnd = new SeededRandom(14);
        int midway = 0;
        for (int k = 0; k < 3; k++) {
            Path log = dir.resolve("kill" + k + ".log");
            Process p = Jvm.start(dir, ingest(tmp, store, big), log);
            boolean holding = false;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (!holding && p.isAlive() && System.nanoTime() < deadline) {
                try {
                    Store.at(store).waitingUpTo(Duration.ZERO).read(s -> 0);
                    Thread.sleep(50);
                } catch (StoreBusyException busy) {
                    holding = true;
                }
            }
            Thread.sleep(rnd.nextInt(400));
            boolean finished = !p.isAlive();
            p.destroyForcibly().waitFor(); // SIGKILL: no finally block, no shutdown hook
            String out = Files.readString(log, StandardCharsets.UTF_8);
            long rows = fs.describe("g").rows();
            if (out.contains("ingested 600,000 rows")) {
                assertEquals(200_010 + 600_000L, rows, "kill " + k + " came after the commit: the whole ingest is there");
                fs.store().write(s -> s.update("DELETE FROM fs_records_1 WHERE write_seq > 200010")
                        + s.update("DELETE FROM fs_writes WHERE first_seq > 200010"));
            } else {
                assertEquals(200_010, rows, "kill " + k + ": none of the killed ingest's rows; " + out);
                if (holding && !finished) midway++;
            }
            clear(tmp);
        }
        assertTrue(midway > 0, "at least one kill hit an ingest in the middle");
        // the store opens cleanly and takes the next ingest whole
        fs.ingest(IngestSpec.of("g", rows("last.csv", 1000, 2_000_000), "id", "ts"));
        assertEquals(201_010, fs.describe("g").rows());
        assertEquals(4, fs.describe("g").ingests(), "only the ingests that landed are recorded");
    }
}
