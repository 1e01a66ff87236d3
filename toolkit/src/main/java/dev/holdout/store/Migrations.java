package dev.holdout.store;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Every migration of the store, in order: the one place where the store's tables are defined. Adding one is a
 * line in {@link #ALL} (and its script under {@code src/main/resources/dev/holdout/store/migrations/}).
 *
 * <p>Who owns which versions (so that work on different parts never takes the same number):
 * <ul>
 *   <li>1 — the store itself: {@code holdout_schema} (which migrations were applied, when, by which Holdout);</li>
 *   <li>2 — the feature store ({@code dev.holdout.featurestore}): groups, features, ingests; each group's records
 *       in a table of its own;</li>
 *   <li>3 and on — experiments, the model registry and pipelines ({@code dev.holdout.registry},
 *       {@code dev.holdout.workflow}): their tables, one migration per change;</li>
 *   <li>then whatever comes next, numbered in the order the changes land.</li>
 * </ul>
 *
 * <p>A store records each applied version, not only the highest, so a migration is applied exactly once
 * wherever it sits in the list; a store holding a version that is not listed here was written by a later
 * Holdout and is refused.
 */
public final class Migrations {
    /** Every migration, in the order they are applied. Never edit a released one: add a new one. */
    static final List<Migration> ALL = List.of(
            Migration.sql(1, "store: schema versions", "V001__store.sql")
            // 2: the feature store (issue 14)
            // 3...: experiments, model registry, pipelines (issue 15)
    );

    private final List<Migration> list;

    private Migrations(List<Migration> list) {
        List<Migration> sorted = new ArrayList<>(list);
        sorted.sort(Comparator.comparingInt(Migration::version));
        for (int i = 1; i < sorted.size(); i++) {
            if (sorted.get(i).version() == sorted.get(i - 1).version()) {
                throw new IllegalStateException("two migrations have version " + sorted.get(i).version() + ": "
                        + sorted.get(i - 1).description() + " and " + sorted.get(i).description());
            }
        }
        if (sorted.isEmpty() || sorted.get(0).version() != 1) throw new IllegalStateException("migration 1 (the schema table) is missing");
        this.list = List.copyOf(sorted);
    }

    /** Holdout's migrations. */
    public static Migrations all() { return new Migrations(ALL); }

    /** Holdout's migrations up to {@code version} (a store as an older Holdout wrote it: for tests of the upgrade). */
    public static Migrations upTo(int version) {
        return new Migrations(ALL.stream().filter(m -> m.version() <= version).toList());
    }

    /** A list of one's own (tests). */
    static Migrations of(List<Migration> list) { return new Migrations(list); }

    /** The migrations, in order. */
    public List<Migration> list() { return list; }

    /** The highest version: the schema version of a store these migrations bring up to date. */
    public int latest() { return list.get(list.size() - 1).version(); }

    boolean knows(int version) {
        for (Migration m : list) if (m.version() == version) return true;
        return false;
    }
}
