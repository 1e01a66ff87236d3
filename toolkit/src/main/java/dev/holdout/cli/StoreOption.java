package dev.holdout.cli;

import dev.holdout.store.Store;
import dev.holdout.store.StoreWait;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --store FILE} and {@code --store-wait DURATION}: which store a verb uses and how long it waits for another
 * process that has it open — shared by every verb on the store (features, experiments, registry, pipelines).
 * Without {@code --store}: {@code HOLDOUT_STORE}, else {@code .holdout/store.duckdb} under the working folder;
 * without {@code --store-wait}: {@code HOLDOUT_STORE_WAIT}, else one minute.
 */
final class StoreOption {
    @Option(names = "--store", paramLabel = "FILE",
            description = "The store (a DuckDB file; created by the first write). Default: $HOLDOUT_STORE, else .holdout/store.duckdb here.")
    Path file;

    @Option(names = "--store-wait", paramLabel = "DURATION",
            description = "How long to wait when another process has the store open (DuckDB allows one at a time): 30 (seconds), 30s, 5m, 0. "
                    + "Default: $" + StoreWait.ENV + ", else 1m.")
    String waitText;

    /** The store these options name. */
    Store store() {
        return Store.locate(file, waitText, System.getenv(), Path.of(""));
    }
}
