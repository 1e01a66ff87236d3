package dev.holdout.featurestore;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.store.Store;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** Feature groups: creation and types, later ingests that must match, all-or-nothing, deletes, collisions, the audit. */
class FeatureStoreTest {
    @TempDir Path dir;

    private Path csv(String name, String text) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, text, StandardCharsets.UTF_8);
        return f;
    }

    private FeatureStore fs() { return FeatureStore.on(Store.at(dir.resolve("s.duckdb"))); }

    private static final String EVENTS = "cid,ts,spend,tickets,plan\n"
            + "1,2024-01-01,10.5,1,basic\n"
            + "1,2024-01-10,20.0,2,pro\n"
            + "2,2024-01-05T12:00:00Z,5,0,basic\n"   // dates and instants mixed in one event-time column
            + "2,2024-01-20T09:00:00+09:00,7.25,3,\n"
            + "3,2024-01-02,1,1,basic\n";

    @Test void theFirstIngestCreatesTheGroupWithSageMakersTypesAndReservedColumns() throws Exception {
        FeatureStore fs = fs();
        IngestResult r = fs.ingest(IngestSpec.of("cust", csv("e.csv", EVENTS), "cid", "ts").withDescription("customers").withTtl(Duration.ofDays(30)));
        assertTrue(r.created());
        assertEquals(5, r.rows());
        FeatureGroup g = fs.group("cust");
        assertEquals(List.of(new Feature("spend", FeatureType.FRACTIONAL), new Feature("tickets", FeatureType.INTEGRAL),
                new Feature("plan", FeatureType.STRING)), g.features());
        assertEquals(FeatureType.INTEGRAL, g.recordId().type());
        assertEquals(Duration.ofDays(30), g.ttl().orElseThrow());
        GroupSummary d = fs.describe("cust");
        assertEquals(5, d.rows());
        assertEquals(3, d.ids());
        assertEquals(Instant.parse("2024-01-01T00:00:00Z"), d.eventMin());
        assertEquals(Instant.parse("2024-01-20T00:00:00Z"), d.eventMax(), "+09:00 is read as its UTC instant");
        List<String> reserved = fs.store().read(s -> s.query("SELECT DISTINCT CAST(is_deleted AS VARCHAR) || ' ' || CAST(write_time AS VARCHAR) FROM "
                + g.table(), x -> x.getString(1)));
        assertEquals(1, reserved.size(), "one write_time for the whole ingest, is_deleted false: " + reserved);
        assertTrue(reserved.get(0).startsWith("false "), reserved.toString());
    }

    @Test void aLaterIngestMustMatchTheSchemaAndWritesNothingWhenItDoesNot() throws Exception {
        FeatureStore fs = fs();
        fs.ingest(IngestSpec.of("cust", csv("e.csv", EVENTS), "cid", "ts"));
        String[][] bad = {
                {"cid,ts,spend,tickets,plan,extra\n1,2024-02-01,1,1,a,x\n", "extra", "is not a feature"},
                {"cid,ts,spend,tickets\n1,2024-02-01,1,1\n", "plan", "is missing"},
                {"cid,ts,spend,tickets,plan\n1,2024-02-01,1,1.5,a\n", "tickets", "stores it as Integral"},
                {"cid,ts,spend,tickets,plan\nx1,2024-02-01,1,1,a\n", "cid", "Integral record ids"},
        };
        for (String[] b : bad) {
            DataValidationException e = assertThrows(DataValidationException.class, () -> fs.ingest(IngestSpec.of("cust", csv("b.csv", b[0]), null, null)));
            assertTrue(e.getMessage().contains(b[1]) && e.getMessage().contains(b[2]), e.getMessage());
            assertEquals(5, fs.describe("cust").rows(), "nothing written: " + e.getMessage());
        }
        // a Fractional feature takes whole numbers; a String one anything; the ids and time columns may be left out of the spec
        IngestResult ok = fs.ingest(IngestSpec.of("cust", csv("ok.csv", "plan,cid,tickets,ts,spend\n7,4,2,2024-02-01,3\n"), null, null));
        assertFalse(ok.created());
        assertEquals(6, fs.describe("cust").rows());
        assertEquals("7", fs.get("cust", "4", null).values().get("plan"), "columns are matched by name, not position");
    }

    @Test void anIngestIsOneTransactionAllRowsOrNone() throws Exception {
        FeatureStore fs = fs();
        fs.ingest(IngestSpec.of("g", csv("a.csv", "id,ts,x\n1,2024-01-01,1\n"), "id", "ts"));
        // 100,001 good rows (more than one batch and one DuckDB row group), then a row without its event time
        StringBuilder sb = new StringBuilder("id,ts,x\n");
        for (int i = 0; i < 100_001; i++) sb.append(i).append(",2024-01-02,").append(i).append('\n');
        sb.append("5,,1\n");
        Path big = csv("big.csv", sb.toString());
        DataValidationException e = assertThrows(DataValidationException.class, () -> fs.ingest(IngestSpec.of("g", big, null, null)));
        assertTrue(e.getMessage().contains("big.csv:100003") && e.getMessage().contains("event time is missing"), e.getMessage());
        GroupSummary d = fs.describe("g");
        assertEquals(1, d.rows(), "none of the good rows before the bad one were kept");
        assertEquals(1, d.ingests(), "and no ingest recorded");
    }

    @Test void aDeleteIsATombstoneLaterThanTheRecordAndTheHistoryKeepsEverything() throws Exception {
        FeatureStore fs = fs();
        fs.ingest(IngestSpec.of("cust", csv("e.csv", EVENTS), "cid", "ts"));
        DataValidationException early = assertThrows(DataValidationException.class, () -> fs.delete("cust", "1", Instant.parse("2024-01-10T00:00:00Z")));
        assertTrue(early.getMessage().contains("must be later"), early.getMessage());
        assertThrows(DataValidationException.class, () -> fs.delete("cust", "99", Instant.parse("2025-01-01T00:00:00Z")));
        fs.delete("cust", "1", Instant.parse("2024-01-15T00:00:00Z"));
        assertEquals(OnlineRecord.Status.DELETED, fs.get("cust", "1", null).status());
        assertTrue(fs.get("cust", "1", null).values().isEmpty());
        assertEquals(OnlineRecord.Status.PRESENT, fs.get("cust", "1", Instant.parse("2024-01-14T00:00:00Z")).status(), "before the tombstone it was there");
        GroupSummary d = fs.describe("cust");
        assertEquals(6, d.rows(), "the offline history keeps every row and the tombstone");
        assertEquals(1, d.deleted());
        Table ent = Table.create("e", tech.tablesaw.api.LongColumn.create("cid", new long[] {1, 1}),
                tech.tablesaw.api.InstantColumn.create("t", List.of(Instant.parse("2024-01-14T00:00:00Z"), Instant.parse("2024-01-15T00:00:00Z"))));
        Table j = fs.join(ent, "cid", "t", List.of(GroupSelection.of("cust", "spend")));
        assertEquals(20.0, j.doubleColumn("spend").get(0));
        assertTrue(j.doubleColumn("spend").isMissing(1), "a tombstone hides the id from its event time on");
    }

    @Test void aFeatureNameThatCollidesIsPrefixedWithItsGroup() throws Exception {
        FeatureStore fs = fs();
        fs.ingest(IngestSpec.of("a", csv("a.csv", "id,ts,x,label\n1,2024-01-01,1,u\n"), "id", "ts"));
        fs.ingest(IngestSpec.of("b", csv("b.csv", "id,ts,x,y\n1,2024-01-01,2,3\n"), "id", "ts"));
        Table ent = Table.create("e", tech.tablesaw.api.LongColumn.create("id", new long[] {1}),
                tech.tablesaw.api.InstantColumn.create("t", List.of(Instant.parse("2024-02-01T00:00:00Z"))),
                tech.tablesaw.api.StringColumn.create("label", "z"));
        Table j = fs.join(ent, "id", "t", List.of(GroupSelection.all("a"), GroupSelection.all("b")));
        assertEquals(List.of("id", "t", "label", "a.x", "a.label", "b.x", "y"), j.columnNames());
        assertEquals("u", j.stringColumn("a.label").get(0), j.print());
        assertEquals(2L, j.longColumn("b.x").get(0));
    }

    @Test void theAuditNamesTheValuesTheStoreOnlyKnewLater() throws Exception {
        FeatureStore fs = fs();
        fs.ingest(IngestSpec.of("cust", csv("e.csv", EVENTS), "cid", "ts"));
        // row 1: spend 20.0 is id 1's value from 2024-01-10, used on 2024-01-05 (the future); tickets 1 was known then
        // row 2: id 2's 7.25 from 2024-01-20 used on 2024-01-21: known; row 3: 20.0 on 2024-01-10 itself: known (same instant counts)
        Path training = csv("t.csv", "cid,t,spend,tickets,label\n1,2024-01-05,20.0,1,0\n2,2024-01-21,7.25,3,1\n1,2024-01-10,20.0,2,1\n3,2024-01-01,1,1,0\n");
        FeatureAuditReport r = fs.audit(training, "cid", "t", List.of(GroupSelection.all("cust")));
        assertFalse(r.clean());
        assertEquals(List.of("spend", "tickets"), r.features().stream().map(FeatureAuditReport.FeatureCheck::column).toList());
        assertEquals(2, r.features().get(0).fromFuture(), "id 1's 20.0 on 2024-01-05, id 3's 1 on 2024-01-01: " + r);
        assertEquals(List.of(2L, 5L), r.features().get(0).examples().stream().map(FeatureAuditReport.Example::line).toList());
        assertEquals(1, r.features().get(1).fromFuture(), "id 3's tickets 1 was recorded on 2024-01-02, after 2024-01-01");
        Path clean = csv("c.csv", "cid,t,spend\n1,2024-01-05,10.5\n2,2024-01-21,7.25\n");
        assertTrue(fs.audit(clean, "cid", "t", List.of(GroupSelection.all("cust"))).clean());
    }

    @Test void unknownGroupsAndFeaturesAreClearErrors() throws Exception {
        FeatureStore fs = fs();
        assertTrue(fs.list().isEmpty(), "a store that does not exist has no groups");
        assertFalse(Files.exists(dir.resolve("s.duckdb")), "and listing does not create it");
        fs.ingest(IngestSpec.of("customers", csv("e.csv", EVENTS), "cid", "ts"));
        DataValidationException e = assertThrows(DataValidationException.class, () -> fs.describe("customer"));
        assertTrue(e.getMessage().contains("did you mean 'customers'"), e.getMessage());
        Table ent = Table.create("e", tech.tablesaw.api.LongColumn.create("cid", new long[] {1}),
                tech.tablesaw.api.InstantColumn.create("t", List.of(Instant.parse("2024-02-01T00:00:00Z"))));
        DataValidationException f = assertThrows(DataValidationException.class,
                () -> fs.join(ent, "cid", "t", List.of(GroupSelection.parse("customers:spnd"))));
        assertTrue(f.getMessage().contains("spnd"), f.getMessage());
        DataValidationException n = assertThrows(DataValidationException.class, () -> fs.ingest(IngestSpec.of("bad name", csv("x.csv", EVENTS), "cid", "ts")));
        assertTrue(n.getMessage().contains("--group"), n.getMessage());
        DataValidationException w = assertThrows(DataValidationException.class,
                () -> fs.ingest(IngestSpec.of("r", csv("w.csv", "id,ts,write_time\n1,2024-01-01,3\n"), "id", "ts")));
        assertTrue(w.getMessage().contains("reserved"), w.getMessage());
    }
}
