package dev.holdout.store;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.duckdb.DuckDBConnection;

/**
 * The embedded store: one DuckDB file. A {@code Store} is a handle — a path and how long to wait for it — and
 * each {@link #read} or {@link #write} opens the file, brings its schema up to date, runs the work and closes it,
 * so other processes can have their turn.
 *
 * <pre>{@code
 * Store store = Store.locate(null);                        // HOLDOUT_STORE, else .holdout/store.duckdb
 * Store other = Store.at(Path.of("/data/team.duckdb")).waitingUpTo(Duration.ofMinutes(5));
 * int version = store.write(s -> (int) s.longValue("SELECT max(version) FROM holdout_schema"));
 * }</pre>
 *
 * <p>Where the file is: {@code --store FILE} (the CLI's {@code StoreOption}), else the environment variable
 * {@value #ENV}, else {@code .holdout/store.duckdb} under the working folder. See {@link dev.holdout.store} for the
 * rules (versions, one writer, transactions, foreign files).
 */
public final class Store {
    /** The environment variable naming the store's file. */
    public static final String ENV = "HOLDOUT_STORE";
    /** The store's place under the working folder when nothing else names one. */
    public static final Path DEFAULT_FILE = Path.of(".holdout", "store.duckdb");
    /** How long a process waits for another that has the store open, unless told otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofMinutes(1);
    static final String DEFAULT_WAIT_TEXT = "1m";
    /** The Holdout version recorded beside each migration it applies. */
    static final String HOLDOUT_VERSION = "0.1.0";

    /** The bytes every DuckDB database file has at offset 8 (after the header checksum). */
    private static final byte[] MAGIC = "DUCK".getBytes(StandardCharsets.US_ASCII);
    private static final Pattern HOLDER = Pattern.compile("Conflicting lock is held in (.*?) \\(PID (\\d+)\\)");
    /** One writer per store file within this JVM too: DuckDB would run two writers' transactions side by side. */
    private static final Map<Path, ReentrantLock> WRITERS = new ConcurrentHashMap<>();

    private final Path file;
    private final Duration wait;
    private final Migrations migrations;

    private Store(Path file, Duration wait, Migrations migrations) {
        this.file = Objects.requireNonNull(file, "file");
        this.wait = Objects.requireNonNull(wait, "wait");
        this.migrations = Objects.requireNonNull(migrations, "migrations");
    }

    /** The store in {@code file} (created by the first write), waiting {@link #DEFAULT_WAIT} for other processes. */
    public static Store at(Path file) { return new Store(file, DEFAULT_WAIT, Migrations.all()); }

    /** The store named by {@code explicit} when not null, else by {@value #ENV}, else {@code .holdout/store.duckdb} here. */
    public static Store locate(Path explicit) {
        return locate(explicit, null, System.getenv(), Path.of(""));
    }

    /**
     * The store named by {@code explicit}, else by {@value #ENV} in {@code env}, else {@link #DEFAULT_FILE} under
     * {@code workingDir}; waiting {@code waitText} (else {@value StoreWait#ENV} in {@code env}, else the default).
     */
    public static Store locate(Path explicit, String waitText, Map<String, String> env, Path workingDir) {
        Path f;
        if (explicit != null) f = explicit;
        else {
            String named = env.get(ENV);
            if (named != null && named.isBlank()) {
                throw DataValidationException.param(ENV, "''", "is empty", "unset it, or set it to the store's file, e.g. " + ENV + "=.holdout/store.duckdb");
            }
            f = named != null ? Path.of(named) : workingDir.resolve(DEFAULT_FILE);
        }
        Duration w = DEFAULT_WAIT;
        if (waitText != null) w = StoreWait.parse(waitText, "--store-wait");
        else if (env.get(StoreWait.ENV) != null) w = StoreWait.parse(env.get(StoreWait.ENV), StoreWait.ENV);
        return new Store(f, w, Migrations.all());
    }

    /** The same store, waiting at most {@code wait} for another process that has it open (zero: do not wait). */
    public Store waitingUpTo(Duration wait) {
        if (wait.isNegative()) throw DataValidationException.param("wait", wait, "must not be negative", "pass Duration.ZERO or more");
        return new Store(file, wait, migrations);
    }

    /** The same store brought up to date by other migrations (tests of upgrades). */
    Store withMigrations(Migrations m) { return new Store(file, wait, m); }

    /** The store's file. */
    public Path file() { return file; }

    /** How long a call waits for another process that has the store open. */
    public Duration maxWait() { return wait; }

    /** Whether the file exists (a store is created by its first write). */
    public boolean exists() { return Files.exists(file, LinkOption.NOFOLLOW_LINKS) || Files.exists(file); }

    /** Work on the store's connection. */
    @FunctionalInterface
    public interface Work<T> {
        T run(StoreSession session) throws SQLException;
    }

    /**
     * Runs {@code work} on the store as it is (a missing store is an error naming it). Reads see one consistent
     * state of the store. An older store is brought up to date first.
     */
    public <T> T read(Work<T> work) {
        if (!exists()) {
            throw DataValidationException.param("--store", file, "does not exist",
                    "a store is created by its first write (e.g. holdout features ingest ...); pass --store to use another file");
        }
        try (DuckDBConnection c = open(false)) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new StoreSession(c, this));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e, "reading");
        }
    }

    /**
     * Runs {@code work} in one transaction: everything it did is kept when it returns, nothing when it throws (or
     * when the process dies before it returns). Creates the store when there is none.
     */
    public <T> T write(Work<T> work) {
        ReentrantLock lock = WRITERS.computeIfAbsent(key(), k -> new ReentrantLock());
        lock.lock();
        try (DuckDBConnection c = open(true)) {
            c.setAutoCommit(false);
            try {
                T result = work.run(new StoreSession(c, this));
                c.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw failure(e, "writing to");
        } finally {
            lock.unlock();
        }
    }

    /** The store's schema version: the highest migration applied (after bringing it up to date). */
    public int schemaVersion() {
        return read(s -> (int) s.longValue("SELECT max(version) FROM holdout_schema"));
    }

    /** The migrations applied to the store, oldest first: version and description. */
    public List<String> history() {
        return read(s -> s.query("SELECT version, description, applied_at FROM holdout_schema ORDER BY version",
                r -> r.getInt(1) + " " + r.getString(2) + " (" + r.getTimestamp(3).toInstant() + ")"));
    }

    // ------------------------------------------------------------------------------------------ opening

    private Path key() {
        Path abs = file.toAbsolutePath().normalize();
        try {
            return Files.exists(abs) ? abs.toRealPath() : abs;
        } catch (IOException e) {
            return abs;
        }
    }

    /** Opens the file (creating it first when {@code create} and it is missing), waiting for other processes, and migrates it. */
    private DuckDBConnection open(boolean create) {
        if (Files.isDirectory(file)) {
            throw DataValidationException.param("--store", file, "is a folder", "pass the store's file, e.g. --store " + file.resolve("store.duckdb"));
        }
        if (!exists() && create) createAtomically();
        else if (!exists()) throw DataValidationException.param("--store", file, "does not exist", "pass the store's file");
        checkMagic(file);
        DuckDBConnection c = connectWaiting(file);
        try {
            bringUpToDate(c);
            return c;
        } catch (RuntimeException | Error e) {
            closeQuietly(c);
            throw e;
        }
    }

    /**
     * A new store is made under a temporary name beside the file and linked into place only when complete, so
     * that a process killed while creating it leaves no half-made store (only a temporary file, which the next
     * creation removes).
     */
    private void createAtomically() {
        Path abs = file.toAbsolutePath();
        Path dir = abs.getParent();
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the store's folder " + dir + ": " + e.getMessage(), e);
        }
        removeStaleCreations(dir, abs.getFileName().toString());
        Path tmp = dir.resolve("." + abs.getFileName() + ".creating-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
        try {
            try (DuckDBConnection c = connectWaiting(tmp)) {
                bringUpToDate(c);
                try (var st = c.createStatement()) {
                    st.execute("CHECKPOINT"); // everything in the main file: the write-ahead log is not moved with it
                }
            } catch (SQLException e) {
                throw failure(e, "creating");
            }
            try {
                Files.createLink(abs, tmp);
            } catch (FileAlreadyExistsException raced) {
                // another process created it meanwhile: use theirs
            } catch (UnsupportedOperationException | IOException noLinks) {
                try {
                    if (!Files.exists(abs)) Files.move(tmp, abs);
                } catch (FileAlreadyExistsException raced) {
                    // theirs
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not create the store " + file + ": " + e.getMessage(), e);
        } finally {
            deleteQuietly(tmp);
            deleteQuietly(Path.of(tmp + ".wal"));
        }
    }

    /** Temporary files of creations whose process is gone. */
    private static void removeStaleCreations(Path dir, String name) {
        Pattern p = Pattern.compile("\\." + Pattern.quote(name) + "\\.creating-(\\d+)-\\d+(\\.wal)?");
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "." + name + ".creating-*")) {
            for (Path f : ds) {
                Matcher m = p.matcher(f.getFileName().toString());
                if (!m.matches()) continue;
                long pid = Long.parseLong(m.group(1));
                boolean alive = pid == ProcessHandle.current().pid() || ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
                if (!alive) deleteQuietly(f);
            }
        } catch (IOException | RuntimeException e) {
            // leftovers are harmless; the next creation tries again
        }
    }

    /** A file that is not a DuckDB database is refused before DuckDB sees it, with a plain reason. */
    static void checkMagic(Path file) {
        byte[] head = new byte[12];
        int n = 0;
        try (InputStream in = Files.newInputStream(file)) {
            while (n < head.length) {
                int r = in.read(head, n, head.length - n);
                if (r < 0) break;
                n += r;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("store=" + file + ": " + e.getMessage(), e);
        }
        boolean duck = n == head.length;
        for (int i = 0; duck && i < MAGIC.length; i++) duck = head[8 + i] == MAGIC[i];
        if (!duck) {
            throw DataValidationException.param("--store", file, n == 0 ? "is an empty file, not a DuckDB database"
                            : "is not a DuckDB database (it does not start as one does)",
                    "it was left as it is; pass the store's file, or a path where a new store may be created (--store or " + ENV + ")");
        }
    }

    /** Opens the file, retrying while another process has it, for at most {@link #wait}. */
    private DuckDBConnection connectWaiting(Path f) {
        long deadline = System.nanoTime() + wait.toNanos();
        long pause = 25;
        SQLException last;
        while (true) {
            try {
                return (DuckDBConnection) DriverManager.getConnection("jdbc:duckdb:" + f.toAbsolutePath());
            } catch (SQLException e) {
                if (!busy(e)) throw openFailure(f, e);
                last = e;
            } catch (LinkageError | IllegalStateException e) {
                throw nativeLibrary(e);
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) throw new StoreBusyException(f, wait, holder(last), last);
            try {
                Thread.sleep(Math.max(1, Math.min(pause, left / 1_000_000)));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new StoreBusyException(f, Duration.ofNanos(wait.toNanos() - left), holder(last), last);
            }
            pause = Math.min(500, pause * 2);
        }
    }

    static boolean busy(SQLException e) {
        String m = String.valueOf(e.getMessage());
        return m.contains("Could not set lock on file") || m.contains("Conflicting lock");
    }

    private static String holder(SQLException e) {
        Matcher m = HOLDER.matcher(String.valueOf(e.getMessage()));
        if (!m.find()) return null;
        String program = Path.of(m.group(1)).getFileName().toString();
        return program + ", PID " + m.group(2);
    }

    private static RuntimeException openFailure(Path f, SQLException e) {
        String m = firstLine(e.getMessage());
        if (m.contains("not a valid DuckDB database")) {
            return DataValidationException.param("--store", f, "is not a DuckDB database",
                    "it was left as it is; pass the store's file, or a path where a new store may be created");
        }
        if (m.toLowerCase(java.util.Locale.ROOT).contains("permission denied")) {
            return DataValidationException.param("--store", f, "permission denied", "check the file's and its folder's permissions, or pass another --store");
        }
        return DataValidationException.param("--store", f, "could not be opened as a DuckDB database (DuckDB says: " + cleaned(m) + ")",
                "it was left as it is; restore it from a backup, or pass another --store");
    }

    private static EnvironmentException nativeLibrary(Throwable e) {
        String tmp = System.getProperty("java.io.tmpdir");
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) root = root.getCause();
        return new EnvironmentException("DuckDB's native library could not be loaded (" + firstLine(String.valueOf(root.getMessage()))
                + "): DuckDB extracts it into java.io.tmpdir=" + tmp + ", which must be writable and allow running programs; "
                + "point it elsewhere with HOLDOUT_JAVA_OPTS=-Djava.io.tmpdir=DIR", e);
    }

    /** Applies the migrations the store lacks, in one transaction; refuses a store this Holdout does not understand. */
    private void bringUpToDate(DuckDBConnection c) {
        try {
            StoreSession s = new StoreSession(c, this);
            Set<Integer> applied = new TreeSet<>();
            if (s.tableExists("holdout_schema")) {
                applied.addAll(s.query("SELECT version FROM holdout_schema", r -> r.getInt(1)));
            } else {
                List<String> tables = s.query("SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' ORDER BY 1",
                        r -> r.getString(1));
                if (!tables.isEmpty()) {
                    throw DataValidationException.param("--store", file, "is a DuckDB database, but not a Holdout store (it has "
                                    + tables.size() + " table(s), e.g. '" + tables.get(0) + "', and no holdout_schema)",
                            "it was left as it is; pass a Holdout store, or a path where a new one may be created");
                }
            }
            List<Integer> unknown = applied.stream().filter(v -> !migrations.knows(v)).toList();
            if (!unknown.isEmpty()) {
                int theirs = applied.stream().mapToInt(Integer::intValue).max().orElse(0);
                throw DataValidationException.param("--store", file, "its schema is version " + theirs + " (with version(s) " + unknown
                                + " that this Holdout does not know), newer than this Holdout " + HOLDOUT_VERSION + " understands (up to version "
                                + migrations.latest() + ")",
                        "it was written by a later Holdout: open it with that one, or pass another --store; it was left as it is");
            }
            List<Migration> pending = migrations.list().stream().filter(m -> !applied.contains(m.version())).toList();
            if (pending.isEmpty()) return;
            c.setAutoCommit(false);
            try {
                for (Migration m : pending) {
                    m.work().apply(s);
                    s.update("INSERT INTO holdout_schema (version, description, applied_at, holdout_version) VALUES (?, ?, ?, ?)",
                            m.version(), m.description(), Timestamp.from(Instant.now()), HOLDOUT_VERSION);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw new IllegalStateException("upgrading the store " + file + " to schema version " + migrations.latest()
                        + " failed, and the store was left as it was: " + firstLine(e.getMessage()), e);
            } finally {
                c.setAutoCommit(true);
            }
        } catch (SQLException e) {
            throw failure(e, "opening");
        }
    }

    // ------------------------------------------------------------------------------------------ errors

    /** An SQL failure during work: a corrupt file is the user's to know about; anything else is a bug of ours. */
    private RuntimeException failure(SQLException e, String doing) {
        String m = firstLine(e.getMessage());
        String lower = m.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("corrupt") || lower.contains("checksum") || lower.contains("not a valid duckdb")) {
            return DataValidationException.param("--store", file, "is corrupt (DuckDB says: " + cleaned(m) + ")",
                    "it was left as it is; restore it from a backup, or pass another --store");
        }
        if (lower.contains("no space left")) return new UncheckedIOException(new IOException(file + ": No space left on device", e));
        return new IllegalStateException("store " + file + ": " + doing + " the store failed: " + m, e);
    }

    private static void rollback(DuckDBConnection c, Throwable cause) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    private static void closeQuietly(DuckDBConnection c) {
        try {
            c.close();
        } catch (SQLException | RuntimeException ignored) {
            // the first failure is the one to report
        }
    }

    private static void deleteQuietly(Path p) {
        try {
            Files.deleteIfExists(p);
        } catch (IOException ignored) {
            // a leftover temporary file; removed by the next creation
        }
    }

    static String firstLine(String m) {
        if (m == null) return "";
        String[] lines = m.strip().split("\\R", 2);
        return lines[0];
    }

    /** DuckDB's message without its error-class prefix and links ("IO Error: ...", "See also https://..."). */
    private static String cleaned(String m) {
        String t = m.replaceFirst("^[A-Za-z ]+ Error: ", "");
        int see = t.indexOf(" See also ");
        return see > 0 ? t.substring(0, see) : t;
    }

    @Override public String toString() { return "Store[" + file + "]"; }
}
