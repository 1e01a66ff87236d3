package dev.holdout.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code holdout demo <name>}: measured classroom demonstrations. Each demo is its own subcommand
 * class (add a line to {@code subcommands}).
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Instructor demos with measured numbers.",
        subcommands = {
                LeakageDemoCommand.class,
                DemoOverfittingCommand.class,
                DriftDemoCommand.class,
        })
final class DemoCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
