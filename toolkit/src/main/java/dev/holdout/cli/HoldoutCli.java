package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code holdout <verb>}: one picocli command per verb, each thin over the library packages.
 *
 * <p>Exit codes: 0 success, 2 bad usage or input, 3 a check found a problem (leakage, a violated
 * constraint), 1 anything else.
 */
@Command(name = "holdout", mixinStandardHelpOptions = true, version = "holdout 0.1.0",
        description = "Local ML evaluation and data splitting: leakage-safe splits, metrics, XGBoost training jobs.",
        footer = {"", "Java notebooks: ./holdout notebook install | run FILE.ipynb (see ./holdout notebook --help).",
                "Exit codes: 0 success, 2 bad usage or input, 3 a check found a problem (leakage), 1 anything else."},
        subcommands = {
                QuickstartCommand.class,
                SplitCommand.class,
                MetricsCommand.class,
                AuditCommand.class,
                TrainCommand.class,
                PredictCommand.class,
                TuneCommand.class,
                DemoCommand.class,
                CommandLine.HelpCommand.class,
        })
public final class HoldoutCli implements Runnable {
    public static final int EXIT_OK = 0;
    public static final int EXIT_FAILURE = 1;
    public static final int EXIT_USAGE = 2;
    public static final int EXIT_CHECK_FAILED = 3;

    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** The configured command line (exit codes and error handling), for tests and {@link #main}. */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HoldoutCli());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof DataValidationException || ex instanceof IllegalArgumentException) {
                err.println("holdout " + cmd.getCommandName() + ": error: " + ex.getMessage());
                err.flush();
                return EXIT_USAGE;
            }
            err.println("holdout " + cmd.getCommandName() + ": failed: " + ex);
            if (System.getenv("HOLDOUT_DEBUG") != null) ex.printStackTrace(err);
            err.flush();
            return EXIT_FAILURE;
        });
        cl.setExitCodeExceptionMapper(ex -> EXIT_USAGE);
        return cl;
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
