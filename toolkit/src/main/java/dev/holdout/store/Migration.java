package dev.holdout.store;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * One change to the store's tables: a version number (unique, increasing), what it does in a few words, and the
 * work — an SQL script shipped beside this class, or Java code. Registered with one line in {@link Migrations}.
 *
 * <pre>{@code
 * Migration.sql(2, "feature store: groups, features, ingests", "V002__feature_store.sql");
 * Migration.of(7, "registry: backfill approval history", s -> s.update("UPDATE ..."));
 * }</pre>
 *
 * <p>A script is a sequence of statements separated by {@code ;} at the end of a line; lines starting with
 * {@code --} are comments. A migration must never be changed once it has been released: a store that has applied
 * it will not apply it again. Change the tables with a new migration instead.
 *
 * @param version     its number: the store records it in {@code holdout_schema} once applied
 * @param description what it changes, for people reading {@code holdout_schema}
 * @param work        what it does, inside the upgrade's one transaction
 */
public record Migration(int version, String description, Step work) {
    /** A migration's work, run inside the upgrade's transaction. */
    @FunctionalInterface
    public interface Step {
        void apply(StoreSession session) throws SQLException;
    }

    public Migration {
        if (version < 1) throw new IllegalArgumentException("a migration's version must be >= 1: " + version);
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(work, "work");
    }

    /** A migration done by Java code. */
    public static Migration of(int version, String description, Step work) {
        return new Migration(version, description, work);
    }

    /** A migration done by the SQL script {@code migrations/<resource>} beside this class. */
    public static Migration sql(int version, String description, String resource) {
        List<String> statements = statements(load(resource));
        return new Migration(version, description, s -> {
            for (String st : statements) s.execute(st);
        });
    }

    private static String load(String resource) {
        try (InputStream in = Migration.class.getResourceAsStream("migrations/" + resource)) {
            if (in == null) throw new IllegalStateException("the migration script migrations/" + resource + " is not on the class path");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the migration script " + resource, e);
        }
    }

    /** The statements of a script: split at a {@code ;} that ends a line, comment lines left out. */
    static List<String> statements(String script) {
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        for (String line : script.split("\\R")) {
            String t = line.strip();
            if (t.startsWith("--") || t.isEmpty()) continue;
            if (t.endsWith(";")) {
                cur.append(t, 0, t.length() - 1);
                if (!cur.toString().isBlank()) out.add(cur.toString().strip());
                cur.setLength(0);
            } else {
                cur.append(t).append('\n');
            }
        }
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        return List.copyOf(out);
    }
}
