package dev.holdout.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code holdout demo <name>}: classroom demonstrations with measured numbers. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Classroom demonstrations, measured on real data (not scripted).",
        subcommands = {
                DemoOverfittingCommand.class,
        })
final class DemoCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
