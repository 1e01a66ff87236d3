package dev.holdout.cli;

import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code holdout <verb>}: one picocli command per verb, each thin over the library packages.
 *
 * <p>Exit codes: 0 success, 2 bad usage or input, 3 a check found a problem (leakage, a violated
 * constraint, an audit that could not run every check), 1 anything else: the environment (a full disk, too little
 * memory, XGBoost's native library) or an internal error, which is a bug to report.
 */
@Command(name = "holdout", mixinStandardHelpOptions = true, version = "holdout 0.1.0",
        description = "Local ML evaluation and data splitting: leakage-safe splits, metrics, XGBoost training jobs.",
        footer = {"", "Java notebooks: ./holdout notebook install | run FILE.ipynb (see ./holdout notebook --help).",
                "Exit codes: 0 success; 2 bad usage or input; 3 a check found a problem",
                "(leakage, or an audit INCOMPLETE because a check could not run); 1 anything",
                "else (a full disk, too little memory, XGBoost failing, an internal error).",
                "",
                "Environment:",
                "  HOLDOUT_JAVA_OPTS  options for java (./holdout), e.g. -Xmx8g: more memory",
                "  HOLDOUT_DEBUG=1    print the stack trace after an error",
                "  OMP_WAIT_POLICY    XGBoost's OpenMP threads: ./holdout and the notebook",
                "                     kernel set passive unless you set it (idle threads",
                "                     sleep instead of spinning: much faster on a busy",
                "                     machine, same results)",
                "  JAVA_HOME          the JDK ./holdout runs (17, 21 or 25); else java on PATH"},
        subcommands = {
                QuickstartCommand.class,
                SplitCommand.class,
                MetricsCommand.class,
                AuditCommand.class,
                TrainCommand.class,
                PredictCommand.class,
                TransformCommand.class,
                ServeCommand.class,
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

    /**
     * Kept free for the out-of-memory path: released first, so that the message can be built and printed even
     * when the heap is full (the objects that filled it are unreachable once their frames have unwound).
     */
    private static volatile byte[] reserve = new byte[1 << 20];

    /**
     * The configured command line (exit codes and error handling), for tests and {@link #main}. Every failure
     * becomes one plain line and an exit code ({@link Failure}): 2 for bad usage or input, 1 for the rest, with
     * {@code internal error} and a hint to report it when it is a bug; {@code HOLDOUT_DEBUG=1} adds the stack trace.
     */
    public static CommandLine commandLine() {
        CommandLine cl = new CommandLine(new HoldoutCli());
        cl.setExecutionExceptionHandler((ex, cmd, parseResult) -> {
            // picocli hands over its ExecutionException when the cause is an Error (out of memory, an assertion)
            Throwable thrown = ex instanceof CommandLine.ExecutionException && ex.getCause() != null ? ex.getCause() : ex;
            return report(thrown, cmd, parseResult);
        });
        // A usage error is one plain line, picocli's did-you-mean for a mistyped option or verb, and where the options
        // are: the whole help page after every typo buries the one line that says what was wrong. picocli echoes
        // option values in its errors: long ones are cut as every other message is cut.
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine cmd = ex.getCommandLine();
            // a mistyped required option is also a missing one: name the typo, which is the cause
            if (ex instanceof CommandLine.MissingParameterException && !cmd.getUnmatchedArguments().isEmpty()) {
                ex = new CommandLine.UnmatchedArgumentException(cmd, cmd.getUnmatchedArguments());
            }
            String m = ex.getMessage() == null ? "" : ex.getMessage();
            java.io.PrintWriter err = cmd.getErr();
            String name = cmd.getCommandSpec().qualifiedName();
            err.println(name + ": " + dev.holdout.data.DataValidationException.readable(m, null));
            if (!CommandLine.UnmatchedArgumentException.printSuggestions(ex, err)) {
                // nothing similar was found: show the synopsis so the options are in sight
                err.print("Usage: " + cmd.getHelp().synopsis(0));
            }
            err.println("Try '" + name + " --help' for the options and examples.");
            err.flush();
            return cmd.getCommandSpec().exitCodeOnInvalidInput();
        });
        // picocli lets Errors escape execute(): catch them here
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parseResult -> {
            try {
                return run.execute(parseResult);
            } catch (Error e) {
                // out of memory, a stack overflow, an assertion, a native library that will not load (LinkageError)
                if (e instanceof OutOfMemoryError) reserve = null;
                return report(e, innermost(parseResult), parseResult);
            }
        });
        return cl;
    }

    private static int report(Throwable thrown, CommandLine cmd, CommandLine.ParseResult parseResult) {
        if (Failure.find(thrown, OutOfMemoryError.class) != null) reserve = null;
        Failure f = Failure.of(thrown, parseResult);
        f.print(cmd.getErr(), cmd.getCommandSpec().qualifiedName(), thrown);
        if (reserve == null) {
            try {
                reserve = new byte[1 << 20];
            } catch (OutOfMemoryError stillFull) {
                // the next failure's message is built without it
            }
        }
        return f.exitCode();
    }

    private static CommandLine innermost(CommandLine.ParseResult parsed) {
        List<CommandLine> all = parsed.asCommandLineList();
        return all.get(all.size() - 1);
    }

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true");
        System.exit(commandLine().execute(args));
    }
}
