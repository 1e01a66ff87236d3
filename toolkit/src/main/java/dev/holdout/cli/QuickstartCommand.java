package dev.holdout.cli;

import dev.holdout.data.Datasets;
import dev.holdout.data.Schema;
import dev.holdout.io.AtomicFiles;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.split.SplitManifest;
import dev.holdout.split.TimeSplit;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import tech.tablesaw.api.Table;

/**
 * The main job. Today: the split part of the flow on a shipped dated dataset, with a measured look at
 * why a random split of time-ordered data is wrong. Training arrives with the training issue.
 */
@Command(name = "quickstart", mixinStandardHelpOptions = true,
        description = "The main job: split the shipped Seattle weather data by time, compare with a random split, write the parts.")
final class QuickstartCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--output", defaultValue = "runs/quickstart", description = "Run folder (replaced on each run; default ${DEFAULT-VALUE}).")
    Path output;

    @Override public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Table weather = Datasets.load("seattle-weather");
        Schema schema = Datasets.schema("seattle-weather");
        out.printf("Loaded seattle-weather: %d days, %s%n%n", weather.rowCount(), schema);

        Split random = RandomSplit.ofTestSize(0.2).seed(42).split(weather);
        // Seattle has one row per day in date order, so row i-1 and i+1 are the days before and after.
        int sandwiched = 0;
        var test = random.rows(Part.TEST);
        for (int i = 0; i < test.size(); i++) {
            int r = test.get(i);
            if (r > 0 && r + 1 < weather.rowCount() && !test.contains(r - 1) && !test.contains(r + 1)) sandwiched++;
        }
        out.printf("1. A random 80/20 split (seed 42) of these time-ordered days: %d of %d test days (%.0f%%) have both the%n"
                        + "   day before and the day after in the training part. The model is tested on days it has seen%n"
                        + "   the future of: its score will be optimistic, and no real forecast works that way.%n%n",
                sandwiched, test.size(), 100.0 * sandwiched / test.size());

        Split byTime = TimeSplit.on("date").cutoffs("2014-01-01", "2015-01-01").split(weather);
        SplitManifest manifest = SplitManifest.of(byTime, weather, schema);
        out.println("2. A time split (train < 2014-01-01 <= validation < 2015-01-01 <= test), as the study guide does it:");
        out.println(manifest);

        AtomicFiles.replaceDirectory(output, true, dir -> {
            for (Part p : Part.values()) {
                Files.writeString(dir.resolve(p.label() + ".csv"), byTime.part(p, weather).write().toString("csv"), StandardCharsets.UTF_8);
            }
            Files.writeString(dir.resolve("split.json"), manifest.toJson(), StandardCharsets.UTF_8);
        });
        out.println("Wrote the parts and split.json to " + output);
        out.println();
        out.println("Still to come (not done here yet): preprocessing fitted on train only, an XGBoost training job with");
        out.println("early stopping on the validation part, and the test metrics. Those steps land with the training issue.");
        out.flush();
        return HoldoutCli.EXIT_OK;
    }
}
