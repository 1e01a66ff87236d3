package dev.holdout.cli;

import dev.holdout.io.OutputFolder;
import dev.holdout.metrics.Bootstrap;
import dev.holdout.monitor.DriftStory;
import dev.holdout.monitor.MonitorResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.YearMonth;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout demo drift}: the story of {@link DriftStory} in the terminal — seattle-weather's features
 * monitored month by month against a baseline of one year, once against the whole year and once against the same
 * month of that year, and the rain model's quality month by month against its validation year.
 */
@Command(name = "drift", mixinStandardHelpOptions = true,
        description = {"Drift across seasons, measured: seattle-weather monitored month by month (2014-2015) against a baseline of 2013,",
                "against the whole year and against the same month; and the rain model's quality each month of 2015."},
        footer = {"", "With --output DIR each monthly run is written as holdout monitor run writes it: DIR/<yyyy-mm>/statistics.json,",
                "constraint_violations.json, report.html (and DIR/baseline)."})
final class DriftDemoCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--output", paramLabel = "DIR", description = "Also write the baseline and every monthly run into DIR (must be new or empty).")
    Path output;

    @Override public Integer call() {
        if (output == null) return run(null);
        try (OutputFolder folder = OutputFolder.at(output).named("--output").claim()) {
            return run(folder);
        }
    }

    private Integer run(OutputFolder folder) {
        PrintWriter out = spec.commandLine().getOut();
        RainData d = RainData.load();
        // the quickstart's rain model: trained on 2012-2013, early stopping on 2014
        DriftStory s = DriftStory.of(d.all(), d.job("drift", RainData.threads()).run().model(), Bootstrap.Spec.of(100, 42));
        out.print(s.toText());
        out.flush();
        if (folder != null) {
            folder.write(tmp -> {
                Path b = Files.createDirectories(tmp.resolve("baseline"));
                s.baseline().writeFiles(b);
                for (Map.Entry<YearMonth, MonitorResult> e : s.againstYear().entrySet()) {
                    e.getValue().writeFiles(Files.createDirectories(tmp.resolve(e.getKey().toString())));
                }
            });
            out.println();
            out.println(String.format(Locale.ROOT, "baseline and %d monthly runs: %s/baseline, %s/<yyyy-mm>/{statistics.json, constraint_violations.json, report.html}",
                    s.againstYear().size(), output, output));
            out.flush();
        }
        return HoldoutCli.EXIT_OK;
    }
}
