/**
 * The embedded store: one DuckDB file that the feature store, the experiments, the model registry and the
 * pipelines share — a real database, no server to start.
 *
 * <pre>{@code
 * Store store = Store.locate(null);                 // --store, else HOLDOUT_STORE, else .holdout/store.duckdb here
 * long groups = store.write(s -> {                  // one transaction: all rows or none
 *     s.update("INSERT INTO fs_groups (...) VALUES (?, ...)", name, ...);
 *     return s.longValue("SELECT count(*) FROM fs_groups");
 * });
 * List<String> names = store.read(s -> s.query("SELECT name FROM fs_groups ORDER BY name", r -> r.getString(1)));
 * }</pre>
 *
 * <p>The rules every user of the store relies on:
 * <ul>
 *   <li><b>Schema versions.</b> {@link dev.holdout.store.Migrations} lists every change to the store's tables, in
 *       order, one line each; the table {@code holdout_schema} records those applied. Opening a store written by
 *       an older Holdout applies the missing ones in one transaction (all or none); a store with a version this
 *       Holdout does not know (a later Holdout wrote it) is refused, naming both versions.</li>
 *   <li><b>One writer.</b> DuckDB lets one process at a time open a file; the store retries with a bounded wait
 *       ({@code HOLDOUT_STORE_WAIT}, {@code --store-wait}, default {@value dev.holdout.store.Store#DEFAULT_WAIT_TEXT})
 *       and then fails with {@link dev.holdout.store.StoreBusyException}, naming the process that holds it. Each
 *       call opens the file, does its work and closes it, so processes take turns.</li>
 *   <li><b>Transactions.</b> {@link dev.holdout.store.Store#write} runs its work in one transaction; an exception
 *       (or a {@code kill -9}) leaves the store as it was before the call. DuckDB's write-ahead log makes a
 *       committed transaction durable and replays it on the next open.</li>
 *   <li><b>Never someone else's file.</b> A file that is not a DuckDB database, a corrupt one, or a DuckDB
 *       database of another program is refused with a clear error and left as it is; a new store is created under
 *       a temporary name and linked into place complete, so a killed creation leaves no half-made store.</li>
 * </ul>
 */
package dev.holdout.store;
