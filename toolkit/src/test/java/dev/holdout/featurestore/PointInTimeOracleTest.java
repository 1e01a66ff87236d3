package dev.holdout.featurestore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.SeededRandom;
import dev.holdout.io.OutputFile;
import dev.holdout.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/**
 * The point-in-time join against a brute-force oracle: random histories (several ingests at known write times, ties
 * on event time within and across ingests, missing values, tombstones, times before 1970), random entity rows on the
 * same time grid (so entity times equal event times often), with and without a time to live and {@code --as-known}.
 * The oracle is the rule written out record by record; the store runs it in DuckDB. Every value of every row must be
 * the oracle's, and no value may come from a record after its entity time.
 */
class PointInTimeOracleTest {
    @TempDir Path dir;

    /** One stored record as the oracle keeps it. */
    record Rec(long id, long eventMs, long writeMs, long seq, boolean deleted, Double x, Long n, String s) {}

    static final long T0 = Instant.parse("1969-12-20T00:00:00Z").toEpochMilli(); // straddles the epoch: negative times too
    static final long STEP = 3_600_000L;                                           // an hour: a coarse grid makes ties

    /** The rule: same id, event ≤ t, (ttl) event ≥ t − ttl, (asKnown) write ≤ t; latest event, then latest write; a tombstone hides it. */
    static Rec oracle(List<Rec> recs, long id, long t, Duration ttl, boolean asKnown) {
        Rec best = null;
        for (Rec r : recs) {
            if (r.id() != id || r.eventMs() > t) continue;
            if (asKnown && r.writeMs() > t) continue;
            if (best == null || r.eventMs() > best.eventMs() || (r.eventMs() == best.eventMs() && r.seq() > best.seq())) best = r;
        }
        if (best == null || best.deleted()) return null;
        if (ttl != null && best.eventMs() < t - ttl.toMillis()) return null;
        return best;
    }

    static String iso(long ms) { return Instant.ofEpochMilli(ms).toString(); }

    @ParameterizedTest(name = "seed {0}, ttl {1}h, asKnown {2}")
    @CsvSource({"1, 0, false", "2, 30, false", "4, 12, true"})
    void everyValueIsTheOraclesAndNoneIsFromTheFuture(long seed, int ttlHours, boolean asKnown) throws Exception {
        SeededRandom rnd = new SeededRandom(seed);
        Store store = Store.at(dir.resolve("s.duckdb"));
        FeatureStore fs = FeatureStore.on(store);
        List<Rec> recs = new ArrayList<>();
        long seq = 0;
        int ids = 25;
        int ingests = 4;
        for (int k = 0; k < ingests; k++) {
            long writeMs = T0 + (k * 60L + rnd.nextInt(60)) * STEP;   // ingest k written at some point of the grid
            StringBuilder csv = new StringBuilder("cid,ts,x,n,s\n");
            int rows = 60 + rnd.nextInt(60);
            for (int i = 0; i < rows; i++) {
                long id = rnd.nextInt(ids);
                long ev = T0 + rnd.nextInt(240) * STEP;
                Double x = rnd.nextInt(10) == 0 ? null : Math.round(rnd.nextGaussian() * 1e6) / 1e3;
                Long n = rnd.nextInt(10) == 0 ? null : (long) rnd.nextInt(1000) - 500;
                String s = rnd.nextInt(10) == 0 ? null : "v" + rnd.nextInt(7);
                recs.add(new Rec(id, ev, writeMs, ++seq, false, x, n, s));
                csv.append(id).append(',').append(iso(ev)).append(',').append(x == null ? "" : x.toString()).append(',')
                        .append(n == null ? "" : n.toString()).append(',').append(s == null ? "" : s).append('\n');
            }
            Path f = dir.resolve("ingest" + k + ".csv");
            Files.writeString(f, csv.toString(), StandardCharsets.UTF_8);
            fs.withClock(Clock.fixed(Instant.ofEpochMilli(writeMs), ZoneOffset.UTC)).ingest(IngestSpec.of("g", f, "cid", "ts"));
            // a few tombstones after each ingest: later than the id's latest event, as the store requires
            for (int d = 0; d < 2; d++) {
                long id = rnd.nextInt(ids);
                long latest = Long.MIN_VALUE;
                for (Rec r : recs) if (r.id() == id) latest = Math.max(latest, r.eventMs());
                if (latest == Long.MIN_VALUE) continue;
                long at = latest + (1 + rnd.nextInt(20)) * STEP;
                fs.withClock(Clock.fixed(Instant.ofEpochMilli(writeMs + STEP), ZoneOffset.UTC)).delete("g", Long.toString(id), Instant.ofEpochMilli(at));
                recs.add(new Rec(id, at, writeMs + STEP, ++seq, true, null, null, null));
            }
        }
        // entity rows: ids the group has and some it has not, times on the grid (ties) and between it
        StringBuilder ent = new StringBuilder("cid,when,label\n");
        int m = 400;
        long[] eid = new long[m], et = new long[m];
        for (int i = 0; i < m; i++) {
            eid[i] = rnd.nextInt(ids + 3);
            et[i] = T0 + rnd.nextInt(260) * STEP + (rnd.nextInt(3) == 0 ? rnd.nextInt((int) STEP) : 0);
            ent.append(eid[i]).append(',').append(iso(et[i])).append(',').append(i % 2).append('\n');
        }
        Path entities = dir.resolve("entities.csv");
        Files.writeString(entities, ent.toString(), StandardCharsets.UTF_8);

        Duration ttl = ttlHours == 0 ? null : Duration.ofHours(ttlHours);
        JoinOptions opts = JoinOptions.DEFAULT.withTtl(ttl).asKnown(asKnown).withReport(true);
        Path out = dir.resolve("joined.csv");
        JoinReport report;
        try (OutputFile o = OutputFile.at(out).named("--output").claim()) {
            report = fs.join(entities, "cid", "when", List.of(GroupSelection.all("g")), opts, o);
        }
        List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
        assertEquals("cid,when,label,x,n,s", lines.get(0));
        assertEquals(m + 1, lines.size());
        long matched = 0, futureByIdJoin = 0;
        for (int i = 0; i < m; i++) {
            Rec want = oracle(recs, eid[i], et[i], ttl, asKnown);
            String[] cells = lines.get(i + 1).split(",", -1);
            String where = "row " + i + " id " + eid[i] + " at " + iso(et[i]) + ": " + lines.get(i + 1);
            assertEquals(Long.toString(eid[i]), cells[0], where);
            assertEquals(iso(et[i]), cells[1], "entity columns as they were: " + where);
            if (want == null) {
                assertArrayEquals(new String[] {"", "", ""}, new String[] {cells[3], cells[4], cells[5]}, where);
            } else {
                matched++;
                assertTrue(want.eventMs() <= et[i], "never a value from after the entity time: " + where);
                assertEquals(want.x() == null ? "" : want.x().toString(), cells[3], "x: " + where);
                assertEquals(want.n() == null ? "" : want.n().toString(), cells[4], "n: " + where);
                assertEquals(want.s() == null ? "" : want.s(), cells[5], "s: " + where);
            }
            // what a join by id (the latest live record) takes from after the entity time
            Rec latest = null;
            for (Rec r : recs) if (r.id() == eid[i] && (latest == null || r.eventMs() > latest.eventMs() || (r.eventMs() == latest.eventMs() && r.seq() > latest.seq()))) latest = r;
            if (latest != null && !latest.deleted() && latest.eventMs() > et[i] && latest.x() != null) futureByIdJoin++;
        }
        assertEquals(matched, report.groups().get(0).matched(), "the report counts the rows that got a record");
        assertEquals(futureByIdJoin, report.features().get(0).fromFuture(), "the report's join-by-id leakage for x");
        assertTrue(matched > m / 10 && matched < m, "the data exercise both matches and misses: " + matched);

        // the Java API: the same values in a Table
        Table t = dev.holdout.data.CsvLoader.forFile(entities).load(entities);
        Table joined = fs.join(t, "cid", "when", List.of(GroupSelection.of("g", "n", "x")), opts).table();
        assertEquals(List.of("cid", "when", "label", "n", "x"), joined.columnNames());
        for (int i = 0; i < m; i++) {
            Rec want = oracle(recs, eid[i], et[i], ttl, asKnown);
            Long n = joined.longColumn("n").isMissing(i) ? null : joined.longColumn("n").get(i);
            Double x = joined.doubleColumn("x").isMissing(i) ? null : joined.doubleColumn("x").get(i);
            assertEquals(want == null ? null : want.n(), n, "Table n, row " + i);
            assertEquals(want == null ? null : want.x(), x, "Table x, row " + i);
        }

        // same inputs, same bytes
        Path again = dir.resolve("again.csv");
        try (OutputFile o = OutputFile.at(again).named("--output").claim()) {
            fs.join(entities, "cid", "when", List.of(GroupSelection.all("g")), opts, o);
        }
        assertArrayEquals(Files.readAllBytes(out), Files.readAllBytes(again), "same inputs, same output, byte for byte");
    }

    @ParameterizedTest(name = "seed {0}")
    @CsvSource({"11"})
    void theOnlineStoreIsTheOracleAtEveryInstant(long seed) throws Exception {
        SeededRandom rnd = new SeededRandom(seed);
        FeatureStore fs = FeatureStore.on(Store.at(dir.resolve("s.duckdb")));
        List<Rec> recs = new ArrayList<>();
        StringBuilder csv = new StringBuilder("cid,ts,x,n,s\n");
        for (int i = 0; i < 200; i++) {
            long id = rnd.nextInt(10);
            long ev = T0 + rnd.nextInt(50) * STEP;
            long n = rnd.nextInt(100);
            recs.add(new Rec(id, ev, 0, i + 1, false, null, n, null));
            csv.append(id).append(',').append(iso(ev)).append(",1.5,").append(n).append(",a\n");
        }
        Path f = dir.resolve("in.csv");
        Files.writeString(f, csv.toString(), StandardCharsets.UTF_8);
        fs.ingest(IngestSpec.of("g", f, "cid", "ts").withTtl(Duration.ofHours(5)));
        for (int q = 0; q < 30; q++) {
            long id = rnd.nextInt(11);
            long at = T0 + rnd.nextInt(60) * STEP;
            OnlineRecord got = fs.get("g", Long.toString(id), Instant.ofEpochMilli(at));
            Rec any = oracle(recs, id, at, null, false);
            Rec live = oracle(recs, id, at, Duration.ofHours(5), false);
            String where = String.format(Locale.ROOT, "id %d as of %s: %s", id, iso(at), got);
            if (any == null) assertEquals(OnlineRecord.Status.ABSENT, got.status(), where);
            else if (live == null) {
                assertEquals(OnlineRecord.Status.EXPIRED, got.status(), "older than the ttl is expired, never present: " + where);
                assertTrue(got.values().isEmpty(), where);
            } else {
                assertEquals(OnlineRecord.Status.PRESENT, got.status(), where);
                assertEquals(live.n(), got.values().get("n"), "the latest event, the later write on a tie: " + where);
            }
        }
    }
}
