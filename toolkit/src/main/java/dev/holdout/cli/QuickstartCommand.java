package dev.holdout.cli;

import picocli.CommandLine.Command;

@Command(name = "quickstart", mixinStandardHelpOptions = true, description = "The main job: split a shipped dated dataset by time and show what each part holds.")
final class QuickstartCommand implements Runnable {
    @Override public void run() {
        throw new UnsupportedOperationException("quickstart: being written in this change");
    }
}
