package dev.holdout.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The store's connection during one {@link Store#read} or {@link Store#write} call, with the few helpers the
 * packages on the store need. Valid only inside that call; inside {@code write} everything done through it is
 * one transaction.
 *
 * <pre>{@code
 * store.write(s -> {
 *     s.update("INSERT INTO fs_groups (name, description) VALUES (?, ?)", "customers", "one row per customer");
 *     try (DuckDBAppender a = s.appender("fs_records_1")) { a.beginRow().append(42L).append(0.5).endRow(); }
 *     return s.longValue("SELECT count(*) FROM fs_records_1");
 * });
 * }</pre>
 */
public final class StoreSession {
    /** Reads one row of a result into a value. */
    @FunctionalInterface
    public interface RowReader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private final DuckDBConnection connection;
    private final Store store;

    StoreSession(DuckDBConnection connection, Store store) {
        this.connection = connection;
        this.store = store;
    }

    /** The JDBC connection (DuckDB's), for what the helpers do not cover. Do not close it or change its auto-commit. */
    public Connection connection() { return connection; }

    /** The store this session belongs to. */
    public Store store() { return store; }

    /** Runs a statement without parameters (DDL, a whole script line). */
    public void execute(String sql) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(sql);
        }
    }

    /** Runs an INSERT, UPDATE or DELETE with positional parameters; returns the rows changed. */
    public long update(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args)) {
            return ps.executeLargeUpdate();
        }
    }

    /** Every row of a query, each read by {@code reader}. */
    public <T> List<T> query(String sql, RowReader<T> reader, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            List<T> out = new ArrayList<>();
            while (rs.next()) out.add(reader.read(rs));
            return out;
        }
    }

    /** The first row of a query, if any. */
    public <T> Optional<T> first(String sql, RowReader<T> reader, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? Optional.ofNullable(reader.read(rs)) : Optional.empty();
        }
    }

    /** A query's single number (a count, a max); 0 when it is NULL. */
    public long longValue(String sql, Object... args) throws SQLException {
        try (PreparedStatement ps = prepare(sql, args); ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Whether a table (or view) of this name exists in the store. */
    public boolean tableExists(String name) throws SQLException {
        return longValue("SELECT count(*) FROM information_schema.tables WHERE table_schema = 'main' AND table_name = ?", name) > 0;
    }

    /**
     * DuckDB's appender for a table: the fast way to add many rows (buffered in chunks, part of this session's
     * transaction). Close it before the session ends.
     */
    public DuckDBAppender appender(String table) throws SQLException {
        return connection.createAppender(DuckDBConnection.DEFAULT_SCHEMA, table);
    }

    private PreparedStatement prepare(String sql, Object... args) throws SQLException {
        PreparedStatement ps = connection.prepareStatement(sql);
        try {
            for (int i = 0; i < args.length; i++) ps.setObject(i + 1, args[i]);
            return ps;
        } catch (SQLException | RuntimeException e) {
            ps.close();
            throw e;
        }
    }
}
