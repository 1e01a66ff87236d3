package dev.holdout.store;

import dev.holdout.io.EnvironmentException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Another process held the store for longer than the wait allowed: DuckDB lets one process at a time open the
 * file. Not bad input and not a bug (exit code 1): the message names the file, the process that holds it when
 * DuckDB says, how long this one waited, and how to wait longer.
 *
 * <pre>{@code
 * // holdout features ingest: failed: store=.holdout/store.duckdb is in use by another process (java, PID 4242);
 * //   waited 1m for it (HOLDOUT_STORE_WAIT=1m); try again when it has finished, or wait longer: --store-wait 10m
 * }</pre>
 */
public final class StoreBusyException extends EnvironmentException {
    private static final long serialVersionUID = 1L;

    private final transient Path file;
    private final transient Duration waited;

    StoreBusyException(Path file, Duration waited, String holder, Throwable cause) {
        super("store=" + file + " is in use by another process" + (holder == null ? "" : " (" + holder + ")") + "; waited "
                + StoreWait.format(waited) + " for it (" + StoreWait.ENV + "=" + StoreWait.format(waited)
                + "); try again when it has finished, or wait longer: --store-wait 10m or " + StoreWait.ENV + "=10m", cause);
        this.file = file;
        this.waited = waited;
    }

    /** The store's file. */
    public Path file() { return file; }

    /** How long this process waited before giving up. */
    public Duration waited() { return waited; }
}
