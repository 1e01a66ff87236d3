package dev.holdout.reliability;

import dev.holdout.registry.ApprovalStatus;
import dev.holdout.registry.ModelRegistry;
import dev.holdout.registry.ModelVersion;
import dev.holdout.store.Store;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A child process on the registry, for {@link RegistryProcessTest} (started with {@link Jvm}):
 * <pre>
 * register STORE GROUP JOB COUNT   registers JOB into GROUP COUNT times (0: until killed), printing "registered GROUP/N" after each
 * </pre>
 */
final class RegistryChild {
    private RegistryChild() {}

    public static void main(String[] args) {
        ModelRegistry r = ModelRegistry.open(Store.at(Path.of(args[1])).waitingUpTo(Duration.ofMinutes(2)));
        long count = Long.parseLong(args[4]);
        for (long i = 0; count == 0 || i < count; i++) {
            ModelVersion v = r.register(args[2], Path.of(args[3]), "child " + ProcessHandle.current().pid(), ApprovalStatus.PendingManualApproval, "child");
            System.out.println("registered " + v.ref());
            System.out.flush();
        }
    }
}
