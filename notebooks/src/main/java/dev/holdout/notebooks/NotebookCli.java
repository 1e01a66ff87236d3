package dev.holdout.notebooks;

import dev.holdout.cli.HoldoutCli;
import picocli.CommandLine;

/**
 * The {@code holdout} command line with the {@code notebook} verb added. The toolkit cannot depend on this module
 * (the kernel depends on the toolkit), so the launcher script runs this class for {@code holdout notebook ...}
 * and the toolkit's own CLI for every other verb.
 *
 * <pre>{@code
 * java -cp notebooks/target/holdout-notebooks-0.1.0-SNAPSHOT.jar:notebooks/target/lib/* \
 *      dev.holdout.notebooks.NotebookCli notebook install
 * }</pre>
 */
public final class NotebookCli {
    private NotebookCli() {}

    /** The toolkit's command line (same exit codes and error handling) plus {@code notebook}. */
    public static CommandLine commandLine() {
        return HoldoutCli.commandLine().addSubcommand("notebook", new NotebookCommand());
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
