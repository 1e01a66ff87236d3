package dev.holdout.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store in one process: creation, versions and upgrades, foreign files, transactions, where the file is. */
class StoreTest {
    @TempDir Path dir;

    static long count(Store store, String sql) {
        Long v = store.read(s -> s.longValue(sql));
        return v;
    }

    static boolean has(Store store, String table) {
        Boolean v = store.read(s -> s.tableExists(table));
        return v;
    }

    private static final Migration V2_TABLE = Migration.of(2, "test: a table", s -> s.execute("CREATE TABLE t2 (x INTEGER)"));

    @Test void theFirstWriteCreatesTheStoreAtTheLatestVersionAndLeavesNoTemporaryFile() throws Exception {
        Path f = dir.resolve("sub/folder/store.duckdb");
        Store store = Store.at(f);
        assertFalse(store.exists());
        long n = store.write(s -> {
            s.execute("CREATE TABLE things (x INTEGER)");
            return s.update("INSERT INTO things VALUES (1), (2)");
        });
        assertEquals(2, n);
        assertTrue(Files.isRegularFile(f));
        assertEquals(Migrations.all().latest(), store.schemaVersion());
        try (Stream<Path> files = Files.list(f.getParent())) {
            List<String> names = files.map(p -> p.getFileName().toString()).sorted().toList();
            assertEquals(List.of("store.duckdb"), names, "no temporary file or write-ahead log is left after a write");
        }
        assertEquals(List.of(1L, 2L), store.read(s -> s.query("SELECT x FROM things ORDER BY x", r -> r.getLong(1))));
    }

    @Test void readingAMissingStoreIsAnErrorAndCreatesNothing() {
        Store store = Store.at(dir.resolve("none.duckdb"));
        DataValidationException e = assertThrows(DataValidationException.class, () -> store.read(s -> 1));
        assertTrue(e.getMessage().contains("does not exist"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("none.duckdb")));
    }

    @Test void anOlderStoreIsUpgradedInOneTransactionKeepingItsRows() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Store v1 = Store.at(f).withMigrations(Migrations.of(List.of(Migrations.ALL.get(0))));
        v1.write(s -> {
            s.execute("CREATE TABLE kept (x INTEGER)");
            return s.update("INSERT INTO kept VALUES (7)");
        });
        assertEquals(1, v1.schemaVersion());
        List<Migration> two = new ArrayList<>(Migrations.ALL);
        two.add(Migration.of(Migrations.all().latest() + 1, "test: a table", s -> s.execute("CREATE TABLE t2 (x INTEGER)")));
        Store upgraded = Store.at(f).withMigrations(Migrations.of(two));
        assertEquals(Migrations.all().latest() + 1, upgraded.schemaVersion());
        assertTrue(has(upgraded, "t2"));
        assertEquals(7L, count(upgraded, "SELECT x FROM kept"));
        assertEquals(two.size(), upgraded.history().size(), "every applied migration is recorded: " + upgraded.history());
    }

    @Test void theRealMigrationsUpgradeAStoreOfTheFirstVersion() {
        Path f = dir.resolve("old.duckdb");
        Store.at(f).withMigrations(Migrations.upTo(1)).write(s -> 0);
        assertEquals(1, Store.at(f).withMigrations(Migrations.upTo(1)).schemaVersion());
        assertEquals(Migrations.all().latest(), Store.at(f).schemaVersion());
    }

    @Test void aFailingUpgradeLeavesTheStoreAsItWas() throws Exception {
        Path f = dir.resolve("s.duckdb");
        Store v1 = Store.at(f).withMigrations(Migrations.of(List.of(Migrations.ALL.get(0))));
        v1.write(s -> 0);
        Migration breaks = Migration.of(2, "test: fails half way", s -> {
            s.execute("CREATE TABLE half (x INTEGER)");
            s.execute("INSERT INTO no_such_table VALUES (1)");
        });
        Store broken = Store.at(f).withMigrations(Migrations.of(List.of(Migrations.ALL.get(0), breaks)));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> broken.read(s -> 0));
        assertTrue(e.getMessage().contains("left as it was"), e.getMessage());
        assertEquals(1, v1.schemaVersion());
        assertFalse(has(v1, "half"), "the half-done migration was rolled back");
    }

    @Test void aStoreOfANewerHoldoutIsRefusedNamingBothVersionsAndIsNotTouched() throws Exception {
        Path f = dir.resolve("new.duckdb");
        Store.at(f).write(s -> s.update("INSERT INTO holdout_schema VALUES (99, 'from the future', now()::TIMESTAMP, '9.0')"));
        byte[] before = Files.readAllBytes(f);
        DataValidationException e = assertThrows(DataValidationException.class, () -> Store.at(f).read(s -> 0));
        assertTrue(e.getMessage().contains("version 99"), e.getMessage());
        assertTrue(e.getMessage().contains("up to version " + Migrations.all().latest()), e.getMessage());
        assertTrue(e.getMessage().contains("later Holdout"), e.getMessage());
        assertThrows(DataValidationException.class, () -> Store.at(f).write(s -> 0));
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test void aFileThatIsNotADuckDbDatabaseIsRefusedAndNeverOverwritten() throws Exception {
        byte[] random = new byte[20_000];
        dev.holdout.data.SeededRandom rng = new dev.holdout.data.SeededRandom(5);
        for (int i = 0; i < random.length; i++) random[i] = (byte) rng.nextInt(256);
        byte[] duckHeaderThenGarbage = random.clone();
        System.arraycopy("DUCK".getBytes(StandardCharsets.US_ASCII), 0, duckHeaderThenGarbage, 8, 4);
        Map<String, byte[]> files = Map.of(
                "text.duckdb", "name,value\na,1\n".getBytes(StandardCharsets.UTF_8),
                "empty.duckdb", new byte[0],
                "random.duckdb", random,
                "garbage-after-header.duckdb", duckHeaderThenGarbage);
        for (Map.Entry<String, byte[]> e : files.entrySet()) {
            Path f = dir.resolve(e.getKey());
            Files.write(f, e.getValue());
            for (boolean write : new boolean[] {false, true}) {
                Store store = Store.at(f);
                DataValidationException ex = assertThrows(DataValidationException.class,
                        () -> { if (write) store.write(s -> 0); else store.read(s -> 0); }, e.getKey());
                assertTrue(ex.getMessage().startsWith("--store=" + f), ex.getMessage());
                assertTrue(ex.getMessage().contains("left as it is"), ex.getMessage());
            }
            assertArrayEquals(e.getValue(), Files.readAllBytes(f), e.getKey() + " was changed");
            assertFalse(Files.exists(Path.of(f + ".wal")), e.getKey() + ": no write-ahead log was made beside it");
        }
    }

    @Test void aDuckDbDatabaseOfAnotherProgramIsRefused() throws Exception {
        Path f = dir.resolve("theirs.duckdb");
        try (var c = java.sql.DriverManager.getConnection("jdbc:duckdb:" + f); var st = c.createStatement()) {
            st.execute("CREATE TABLE invoices (id INTEGER)");
        }
        byte[] before = Files.readAllBytes(f);
        DataValidationException e = assertThrows(DataValidationException.class, () -> Store.at(f).write(s -> 0));
        assertTrue(e.getMessage().contains("not a Holdout store") && e.getMessage().contains("invoices"), e.getMessage());
        assertArrayEquals(before, Files.readAllBytes(f));
    }

    @Test void aFolderIsRefused() throws Exception {
        DataValidationException e = assertThrows(DataValidationException.class, () -> Store.at(dir).write(s -> 0));
        assertTrue(e.getMessage().contains("is a folder"), e.getMessage());
    }

    @Test void aWriteThatFailsKeepsNoneOfItsRowsAppendedOrInserted() throws Exception {
        Store store = Store.at(dir.resolve("t.duckdb"));
        store.write(s -> {
            s.execute("CREATE TABLE r (x BIGINT, y VARCHAR)");
            return s.update("INSERT INTO r VALUES (0, 'kept')");
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> store.write(s -> {
            s.update("INSERT INTO r VALUES (1, 'inserted')");
            try (DuckDBAppender a = s.appender("r")) {
                for (long i = 0; i < 10_000; i++) a.beginRow().append(i).append("appended").endRow();
            }
            throw new IllegalStateException("the work failed after its rows");
        }));
        assertEquals("the work failed after its rows", e.getMessage());
        assertEquals(1L, count(store, "SELECT count(*) FROM r"));
        store.write(s -> {
            try (DuckDBAppender a = s.appender("r")) {
                for (long i = 0; i < 10_000; i++) a.beginRow().append(i).append("appended").endRow();
            }
            return 0;
        });
        assertEquals(10_001L, count(store, "SELECT count(*) FROM r"));
    }

    @Test void anSqlMistakeIsAnInternalErrorNotBadInput() {
        Store store = Store.at(dir.resolve("t.duckdb"));
        RuntimeException e = assertThrows(RuntimeException.class, () -> store.write(s -> s.longValue("SELECT nope FROM nothing")));
        assertFalse(e instanceof DataValidationException, e.toString());
        assertTrue(e.getCause() instanceof SQLException, e.toString());
    }

    @Test void theStoreIsNamedByTheOptionElseTheEnvironmentElseTheDefault() {
        Path work = dir.resolve("work");
        assertEquals(work.resolve(".holdout/store.duckdb"), Store.locate(null, null, Map.of(), work).file());
        assertEquals(Path.of("/x/env.duckdb"), Store.locate(null, null, Map.of("HOLDOUT_STORE", "/x/env.duckdb"), work).file());
        assertEquals(Path.of("opt.duckdb"), Store.locate(Path.of("opt.duckdb"), null, Map.of("HOLDOUT_STORE", "/x/env.duckdb"), work).file());
        assertEquals(Store.DEFAULT_WAIT, Store.locate(null, null, Map.of(), work).maxWait());
        assertEquals(Duration.ofSeconds(90), Store.locate(null, null, Map.of("HOLDOUT_STORE_WAIT", "90"), work).maxWait());
        assertEquals(Duration.ofMinutes(5), Store.locate(null, "5m", Map.of("HOLDOUT_STORE_WAIT", "90"), work).maxWait());
        assertEquals(Duration.ZERO, Store.locate(null, "0", Map.of(), work).maxWait());
        DataValidationException e = assertThrows(DataValidationException.class, () -> Store.locate(null, "soon", Map.of(), work));
        assertTrue(e.getMessage().startsWith("--store-wait=soon: is not a duration"), e.getMessage());
        e = assertThrows(DataValidationException.class, () -> Store.locate(null, null, Map.of("HOLDOUT_STORE_WAIT", "-5s"), work));
        assertTrue(e.getMessage().startsWith("HOLDOUT_STORE_WAIT=-5s"), e.getMessage());
        e = assertThrows(DataValidationException.class, () -> Store.locate(null, null, Map.of("HOLDOUT_STORE", " "), work));
        assertTrue(e.getMessage().startsWith("HOLDOUT_STORE="), e.getMessage());
    }

    @Test void scriptsSplitAtSemicolonsThatEndALine() {
        assertEquals(List.of("CREATE TABLE a (x INTEGER)", "CREATE TABLE b (\ny VARCHAR DEFAULT 'a;b'\n)"),
                Migration.statements("-- a comment\nCREATE TABLE a (x INTEGER);\n\nCREATE TABLE b (\n  y VARCHAR DEFAULT 'a;b'\n);\n"));
    }

    @Test void twoMigrationsWithOneVersionAreABug() {
        assertThrows(IllegalStateException.class, () -> Migrations.of(List.of(Migrations.ALL.get(0), V2_TABLE,
                Migration.of(2, "again", s -> { }))));
    }

    @Test void threadsOfOneProcessWriteInTurn() throws Exception {
        Store store = Store.at(dir.resolve("threads.duckdb"));
        store.write(s -> {
            s.execute("CREATE TABLE c (k BIGINT)");
            return 0;
        });
        List<Thread> threads = new ArrayList<>();
        List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                try {
                    for (int i = 0; i < 10; i++) {
                        store.write(s -> s.update("INSERT INTO c SELECT coalesce(max(k), 0) + 1 FROM c"));
                    }
                } catch (Throwable x) {
                    failures.add(x);
                }
            });
            threads.add(th);
            th.start();
        }
        for (Thread th : threads) th.join();
        assertEquals(List.of(), failures);
        // each write saw the one before it: the keys are 1..40 without a repeat
        assertEquals(40L, count(store, "SELECT count(DISTINCT k) FROM c"));
        assertEquals(40L, count(store, "SELECT max(k) FROM c"));
    }
}
