package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.io.StrictJson;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdout features}: every verb once, through the command line, on one store. */
class FeaturesCommandTest {
    @TempDir Path dir;

    private String p(String name) { return dir.resolve(name).toString(); }

    @Test void ingestListDescribeGetDeleteJoinAndAudit() throws Exception {
        Files.writeString(dir.resolve("ev.csv"), "cid,ts,spend,plan\n1,2024-01-01,10.5,basic\n1,2024-01-10,20,pro\n2,2024-01-05,5,basic\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("ent.csv"), "cid,t,label\n1,2024-01-05,0\n1,2024-01-12,1\n2,2024-01-04,0\n9,2024-01-09,1\n", StandardCharsets.UTF_8);
        String store = p("s.duckdb");

        CliRunner in = CliRunner.run("features", "ingest", "--store", store, "--group", "cust", "--input", p("ev.csv"), "--record-id", "cid",
                "--event-time", "ts", "--description", "per customer", "--ttl", "30d");
        assertEquals(0, in.exitCode(), in.err());
        assertTrue(in.out().contains("ingested 3 rows into new feature group 'cust'"), in.out());

        CliRunner list = CliRunner.run("features", "list", "--store", store);
        assertEquals("cust: 3 rows, 2 ids, 0 deleted, event time 2024-01-01T00:00:00Z .. 2024-01-10T00:00:00Z, 1 ingest\n", list.out());

        CliRunner desc = CliRunner.run("features", "describe", "--store", store, "cust", "--format", "json");
        JsonNode d = StrictJson.mapper().readTree(desc.out());
        assertEquals("PT720H", d.get("ttl").asText());
        assertEquals("Fractional", d.get("features").get(0).get("type").asText());
        assertEquals("per customer", d.get("description").asText());

        CliRunner get = CliRunner.run("features", "get", "--store", store, "--group", "cust", "--id", "1", "--as-of", "2024-01-09", "--format", "json");
        JsonNode g = StrictJson.mapper().readTree(get.out());
        assertEquals("present", g.get("status").asText());
        assertEquals(10.5, g.get("values").get("spend").asDouble());
        CliRunner expired = CliRunner.run("features", "get", "--store", store, "--group", "cust", "--id", "2", "--as-of", "2024-03-01");
        assertTrue(expired.out().startsWith("cust id=2: expired"), "older than the group's 30 days: " + expired.out());

        CliRunner join = CliRunner.run("features", "join", "--store", store, "--entities", p("ent.csv"), "--entity-id", "cid", "--entity-time", "t",
                "--group", "cust", "--output", p("train.csv"), "--report");
        assertEquals(0, join.exitCode(), join.err());
        assertEquals("cid,t,label,spend,plan\n1,2024-01-05,0,10.5,basic\n1,2024-01-12,1,20.0,pro\n2,2024-01-04,0,,\n9,2024-01-09,1,,\n",
                Files.readString(dir.resolve("train.csv")));
        assertTrue(join.out().contains("a plain join by id (the latest record) would have taken 4 values recorded after their entity time"), join.out());

        CliRunner audit = CliRunner.run("features", "audit", "--store", store, "--input", p("train.csv"), "--entity-id", "cid", "--entity-time", "t",
                "--group", "cust");
        assertEquals(0, audit.exitCode(), "the point-in-time join's own output is clean: " + audit.out() + audit.err());
        Files.writeString(dir.resolve("byid.csv"), "cid,t,spend\n1,2024-01-05,20\n2,2024-01-04,5\n", StandardCharsets.UTF_8);
        CliRunner leak = CliRunner.run("features", "audit", "--store", store, "--input", p("byid.csv"), "--entity-id", "cid", "--entity-time", "t",
                "--group", "cust:spend", "--format", "json");
        assertEquals(HoldoutCli.EXIT_CHECK_FAILED, leak.exitCode(), leak.out() + leak.err());
        JsonNode a = StrictJson.mapper().readTree(leak.out());
        assertEquals(2, a.get("features").get(0).get("from_future").asInt(), leak.out());

        CliRunner del = CliRunner.run("features", "delete", "--store", store, "--group", "cust", "--id", "1", "--event-time", "2024-01-11");
        assertEquals(0, del.exitCode(), del.err());
        CliRunner gone = CliRunner.run("features", "get", "--store", store, "--group", "cust", "--id", "1", "--as-of", "2024-01-20");
        assertTrue(gone.out().startsWith("cust id=1: deleted"), gone.out());
    }
}
