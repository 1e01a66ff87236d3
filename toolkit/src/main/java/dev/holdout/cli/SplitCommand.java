package dev.holdout.cli;

import picocli.CommandLine.Command;

@Command(name = "split", mixinStandardHelpOptions = true, description = "Split a CSV file into train/validation/test parts or cross-validation folds.")
final class SplitCommand implements Runnable {
    @Override public void run() {
        throw new UnsupportedOperationException("split: being written in this change");
    }
}
