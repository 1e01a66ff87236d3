package dev.holdout.reliability;

import dev.holdout.store.Store;
import java.nio.file.Path;
import java.time.Duration;
import org.duckdb.DuckDBAppender;

/**
 * A child process on the store, for {@link StoreProcessTest} (started with {@link Jvm}):
 * <pre>
 * insert FILE ROWS TAG WAIT_MS   one write: ROWS rows tagged TAG into table rows (created if missing); prints "done TAG"
 * hold FILE MILLIS               one write that inserts a row, prints "holding", and keeps the store MILLIS
 * release FILE MILLIS            one write, then (the store closed) stays alive MILLIS: prints "released"
 * endless FILE TAG               one write that appends rows tagged TAG forever (flushing each 10,000), printing "appending"
 * </pre>
 */
final class StoreChild {
    private StoreChild() {}

    public static void main(String[] args) throws Exception {
        Store store = Store.at(Path.of(args[1]));
        switch (args[0]) {
            case "insert" -> {
                long rows = Long.parseLong(args[2]);
                store = store.waitingUpTo(Duration.ofMillis(Long.parseLong(args[4])));
                store.write(s -> {
                    s.execute("CREATE TABLE IF NOT EXISTS rows (tag VARCHAR, i BIGINT)");
                    try (DuckDBAppender a = s.appender("rows")) {
                        for (long i = 0; i < rows; i++) a.beginRow().append(args[3]).append(i).endRow();
                    }
                    return 0;
                });
                System.out.println("done " + args[3]);
            }
            case "hold" -> store.write(s -> {
                s.execute("CREATE TABLE IF NOT EXISTS rows (tag VARCHAR, i BIGINT)");
                s.update("INSERT INTO rows VALUES ('held', 0)");
                System.out.println("holding");
                System.out.flush();
                try {
                    Thread.sleep(Long.parseLong(args[2]));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return 0;
            });
            case "release" -> {
                store.write(s -> {
                    s.execute("CREATE TABLE IF NOT EXISTS rows (tag VARCHAR, i BIGINT)");
                    return s.update("INSERT INTO rows VALUES ('released', 0)");
                });
                System.out.println("released");
                System.out.flush();
                Thread.sleep(Long.parseLong(args[2]));
            }
            case "endless" -> store.write(s -> {
                s.execute("CREATE TABLE IF NOT EXISTS rows (tag VARCHAR, i BIGINT)");
                try (DuckDBAppender a = s.appender("rows")) {
                    for (long i = 0; ; i++) {
                        a.beginRow().append(args[2]).append(i).endRow();
                        if (i % 10_000 == 9_999) {
                            a.flush();
                            if (i == 9_999) {
                                System.out.println("appending");
                                System.out.flush();
                            }
                        }
                    }
                }
            });
            default -> throw new IllegalArgumentException(args[0]);
        }
    }
}
