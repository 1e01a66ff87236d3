package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import picocli.CommandLine.Option;

/** {@code --format table|json}: what a listing verb prints (the registry's and the experiments' verbs). */
final class FormatOption {
    @Option(names = "--format", paramLabel = "FMT", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).")
    String format;

    /** Whether JSON was asked for; anything but table or json is an error naming the option. */
    boolean json() {
        if (format.equals("json")) return true;
        if (format.equals("table")) return false;
        throw DataValidationException.param("--format", format, "must be table or json", "pass --format table or --format json");
    }
}
