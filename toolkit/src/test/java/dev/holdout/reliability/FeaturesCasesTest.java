package dev.holdout.reliability;

import dev.holdout.featurestore.FeatureStore;
import dev.holdout.featurestore.IngestSpec;
import dev.holdout.store.Store;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input to {@code holdout features}: each a clear error (exit 2) that names what is wrong and leaves store and files as they were. */
class FeaturesCasesTest {
    static final String EVENTS = "cid,ts,spend,plan\n1,2024-01-01,10.5,basic\n1,2024-01-10,20,pro\n2,2024-01-05,5,basic\n";

    /** A store with group {@code cust} and the files the rows use. */
    static void store(Path d) throws IOException {
        Files.writeString(d.resolve("ev.csv"), EVENTS, StandardCharsets.UTF_8);
        Files.writeString(d.resolve("ent.csv"), "cid,t,label\n1,2024-01-05,0\n2,2024-01-06,1\n", StandardCharsets.UTF_8);
        FeatureStore.on(Store.at(d.resolve("s.duckdb"))).ingest(IngestSpec.of("cust", d.resolve("ev.csv"), "cid", "ts"));
    }

    static void write(Path d, String name, String text) throws IOException {
        Files.writeString(d.resolve(name), text, StandardCharsets.UTF_8);
    }

    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("features ingest: the input does not exist")
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "g", "--input", "{dir}/nope.csv", "--record-id", "id", "--event-time", "ts")
                        .expect(2, "nope\\.csv.*does not exist"),
                BadInput.of("features ingest: a new group without --record-id")
                        .setup(d -> write(d, "ev.csv", EVENTS))
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "g", "--input", "{dir}/ev.csv", "--event-time", "ts")
                        .expect(2, "--record-id.*required for a new group"),
                BadInput.of("features ingest: an unknown record id column")
                        .setup(d -> write(d, "ev.csv", EVENTS))
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "g", "--input", "{dir}/ev.csv", "--record-id", "cdi", "--event-time", "ts")
                        .expect(2, "--record-id=cdi.*cid"),
                BadInput.of("features ingest: the event time is not a time")
                        .setup(d -> write(d, "ev.csv", EVENTS))
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "g", "--input", "{dir}/ev.csv", "--record-id", "cid", "--event-time", "plan")
                        .expect(2, "ev\\.csv:2.*'basic' is not an ISO date"),
                BadInput.of("features ingest: a bad event time deep in the file")
                        .setup(d -> write(d, "ev.csv", EVENTS + "3,2024-13-01,1,x\n"))
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "g", "--input", "{dir}/ev.csv", "--record-id", "cid", "--event-time", "ts")
                        .expect(2, "ev\\.csv:5.*ts.*2024-13-01")
                        .mayLeaveOutput() // found while streaming: the store was created for the ingest, which left nothing in it
                        .then((d, r) -> org.junit.jupiter.api.Assertions.assertEquals(java.util.List.of(),
                                FeatureStore.on(Store.at(d.resolve("s.duckdb"))).list(), "no group, no rows")),
                BadInput.of("features ingest: a ttl that is not a duration")
                        .setup(d -> write(d, "ev.csv", EVENTS))
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "g", "--input", "{dir}/ev.csv", "--record-id", "cid", "--event-time", "ts", "--ttl", "soon")
                        .expect(2, "--ttl=soon"),
                BadInput.of("features ingest: a later file with a new column writes nothing")
                        .setup(d -> {
                            store(d);
                            write(d, "more.csv", "cid,ts,spend,plan,extra\n3,2024-02-01,1,a,x\n");
                        })
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "cust", "--input", "{dir}/more.csv")
                        .expect(2, "column=extra: is not a feature of group 'cust'.*nothing was written"),
                BadInput.of("features ingest: the store is not a DuckDB file, and is left as it is")
                        .setup(d -> {
                            write(d, "ev.csv", EVENTS);
                            write(d, "s.duckdb", "my notes, not a database\n");
                        })
                        .args("features", "ingest", "--store", "{dir}/s.duckdb", "--group", "g", "--input", "{dir}/ev.csv", "--record-id", "cid", "--event-time", "ts")
                        .expect(2, "s\\.duckdb.*is not a DuckDB database"),
                BadInput.of("features describe: an unknown group")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "describe", "--store", "{dir}/s.duckdb", "cus")
                        .expect(2, "--group=cus: no such feature group; did you mean 'cust'"),
                BadInput.of("features get: an id that is not a whole number for Integral ids")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "get", "--store", "{dir}/s.duckdb", "--group", "cust", "--id", "abc")
                        .expect(2, "--id=abc: is not a whole number"),
                BadInput.of("features get: --as-of is not a time")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "get", "--store", "{dir}/s.duckdb", "--group", "cust", "--id", "1", "--as-of", "yesterday")
                        .expect(2, "--as-of=yesterday: is not an ISO date"),
                BadInput.of("features get: a store that does not exist")
                        .args("features", "get", "--store", "{dir}/s.duckdb", "--group", "cust", "--id", "1")
                        .expect(2, "--group=cust: no such feature group"),
                BadInput.of("features delete: an event time not later than the record's")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "delete", "--store", "{dir}/s.duckdb", "--group", "cust", "--id", "1", "--event-time", "2024-01-10")
                        .expect(2, "--event-time=2024-01-10T00:00:00Z: must be later than the id's latest event time"),
                BadInput.of("features join: an unknown feature")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "join", "--store", "{dir}/s.duckdb", "--entities", "{dir}/ent.csv", "--entity-id", "cid", "--entity-time", "t",
                                "--group", "cust:spnd", "--output", "{dir}/out.csv")
                        .expect(2, "spnd.*spend"),
                BadInput.of("features join: an entity row without its time")
                        .setup(d -> {
                            store(d);
                            write(d, "ent.csv", "cid,t\n1,2024-01-05\n2,\n");
                        })
                        .args("features", "join", "--store", "{dir}/s.duckdb", "--entities", "{dir}/ent.csv", "--entity-id", "cid", "--entity-time", "t",
                                "--group", "cust", "--output", "{dir}/out.csv")
                        .expect(2, "ent\\.csv:3.*entity time is missing"),
                BadInput.of("features join: the output is the entity file")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "join", "--store", "{dir}/s.duckdb", "--entities", "{dir}/ent.csv", "--entity-id", "cid", "--entity-time", "t",
                                "--group", "cust", "--output", "{dir}/ent.csv")
                        .expect(2, "--output"),
                BadInput.of("features join: the output is the store")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "join", "--store", "{dir}/s.duckdb", "--entities", "{dir}/ent.csv", "--entity-id", "cid", "--entity-time", "t",
                                "--group", "cust", "--output", "{dir}/s.duckdb")
                        .expect(2, "--output"),
                BadInput.of("features join: the same group twice")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "join", "--store", "{dir}/s.duckdb", "--entities", "{dir}/ent.csv", "--entity-id", "cid", "--entity-time", "t",
                                "--group", "cust", "--group", "cust:spend", "--output", "{dir}/out.csv")
                        .expect(2, "names group 'cust' twice"),
                BadInput.of("features audit: a training file without any of the group's features")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "audit", "--store", "{dir}/s.duckdb", "--input", "{dir}/ent.csv", "--entity-id", "cid", "--entity-time", "t",
                                "--group", "cust")
                        .expect(2, "has none of the groups' features"),
                BadInput.of("demo feature-leakage: an unknown learner")
                        .args("demo", "feature-leakage", "--learner", "svm")
                        .expect(2, "--learner=svm"),
                BadInput.of("features list: an unknown format")
                        .setup(FeaturesCasesTest::store)
                        .args("features", "list", "--store", "{dir}/s.duckdb", "--format", "yaml")
                        .expect(2, "--format=yaml"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
