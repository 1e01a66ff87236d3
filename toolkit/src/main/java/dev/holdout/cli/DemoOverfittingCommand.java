package dev.holdout.cli;

import dev.holdout.io.OutputFolder;
import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import dev.holdout.train.LearningCurve;
import dev.holdout.train.TrainedModel;
import dev.holdout.train.TrainingJob;
import dev.holdout.train.TrainingResult;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code holdout demo overfitting}: the quickstart data trained with growing depth and growing
 * rounds, with and without early stopping; train vs validation vs test, every number measured.
 */
@Command(name = "overfitting", mixinStandardHelpOptions = true,
        description = {"Overfitting, measured: XGBoost on seattle-weather (time split) with max_depth 1..12 and up to 150 rounds,",
                "with and without early stopping; a table and charts of train vs validation vs test log loss."})
final class DemoOverfittingCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--output", paramLabel = "DIR", description = "Folder for the charts and report (default: runs/demo-overfitting-<time>); must be new or empty.")
    Path output;

    @Option(names = "--max-depth", defaultValue = "12", description = "Largest max_depth to try (default: ${DEFAULT-VALUE}).")
    int maxDepth;

    @Option(names = "--rounds", defaultValue = "150", description = "num_round for the runs without early stopping (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override public Integer call() {
        Path dir = output != null ? output
                : Path.of("runs", "demo-overfitting-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        // the folder is checked before the minutes of training, not after
        try (OutputFolder folder = OutputFolder.at(dir).named("--output").claim()) {
            return run(dir, folder);
        }
    }

    private Integer run(Path dir, OutputFolder folder) {
        PrintWriter out = spec.commandLine().getOut();
        RainData d = RainData.load();
        int threads = RainData.threads();
        TrainingJob base = d.job("overfitting", threads).withHyperparameters(h -> h.withEta(0.3).withNumRound(rounds).withEarlyStoppingRounds(0));
        String metric = "log_loss";
        out.println("seattle-weather, time split: train " + d.train().rowCount() + ", validation " + d.validation().rowCount()
                + ", test " + d.test().rowCount() + " days; XGBoost eta=0.3, " + rounds + " rounds, no early stopping; " + metric + " (lower is better)");
        out.println();

        // 1. depth grows, rounds fixed
        out.println(String.format(Locale.ROOT, "%-10s %10s %12s %10s", "max_depth", "train", "validation", "test"));
        double[] depths = new double[maxDepth];
        double[][] byDepth = new double[3][maxDepth];
        List<List<?>> depthRows = new ArrayList<>();
        for (int k = 1; k <= maxDepth; k++) {
            int depth = k;
            TrainingResult r = base.withHyperparameters(h -> h.withMaxDepth(depth)).run();
            double[] s = scores(r.model(), d, metric);
            depths[k - 1] = k;
            for (int p = 0; p < 3; p++) byDepth[p][k - 1] = s[p];
            out.println(String.format(Locale.ROOT, "%-10d %10.4f %12.4f %10.4f", k, s[0], s[1], s[2]));
            out.flush();
            depthRows.add(List.of(k, f(s[0]), f(s[1]), f(s[2])));
        }
        int bestDepth = argmin(byDepth[1]) + 1;
        double[] tr = byDepth[0], va = byDepth[1];
        out.println("-> train " + metric + " " + (tr[maxDepth - 1] < tr[0] ? "falls" : "does not fall") + " from " + f(tr[0]) + " (depth 1) to "
                + f(tr[maxDepth - 1]) + " (depth " + maxDepth + "); validation is best at max_depth=" + bestDepth + " (" + f(va[bestDepth - 1])
                + ")" + (va[maxDepth - 1] > va[bestDepth - 1] ? " and " + f(va[maxDepth - 1]) + " at depth " + maxDepth + ": overfitting." : "."));
        out.println();

        // 2. rounds grow: one long run without early stopping, one with
        TrainingJob deep = base.withHyperparameters(h -> h.withMaxDepth(6));
        TrainingResult noStop = deep.run();
        TrainingResult early = deep.withHyperparameters(h -> h.withEarlyStoppingRounds(10)).run();
        double[] sNo = scores(noStop.model(), d, metric);
        double[] sEs = scores(early.model(), d, metric);
        LearningCurve c = noStop.learningCurve();
        int valBest = argmin(toDouble(c.validation()));
        out.println(String.format(Locale.ROOT, "%-38s %8s %10s %12s %10s", "max_depth=6", "rounds", "train", "validation", "test"));
        out.println(String.format(Locale.ROOT, "%-38s %8d %10.4f %12.4f %10.4f", "no early stopping", c.rounds(), sNo[0], sNo[1], sNo[2]));
        out.println(String.format(Locale.ROOT, "%-38s %8d %10.4f %12.4f %10.4f", "early stopping (10), best iteration " + early.bestIteration(),
                early.bestIteration() + 1, sEs[0], sEs[1], sEs[2]));
        out.println("-> validation " + c.metric() + " bottoms out at round " + valBest + (c.validation()[c.rounds() - 1] > c.validation()[valBest]
                ? " and climbs to " + f(c.validation()[c.rounds() - 1]) + " by round " + (c.rounds() - 1) : "")
                + "; early stopping keeps the model from round " + early.bestIteration()
                + (sEs[2] < sNo[2] ? " and scores better on test (" + f(sEs[2]) + " vs " + f(sNo[2]) + ")." : " (test " + f(sEs[2]) + " vs " + f(sNo[2]) + ")."));

        Charts.Line depthChart = Charts.line("Overfitting with depth (" + rounds + " rounds, eta 0.3)",
                        "max_depth (tree depth)", metric + " (lower is better)")
                .series("train", depths, byDepth[0]).series("validation", depths, byDepth[1]).series("test", depths, byDepth[2])
                .verticalMarker(bestDepth, "best validation: max_depth " + bestDepth);
        Charts.Line roundChart = c.chart("Overfitting with rounds (max_depth 6): train vs validation " + c.metric())
                .verticalMarker(early.bestIteration(), "early stopping: best iteration " + early.bestIteration());
        folder.write(tmp -> {
            Files.write(tmp.resolve("depth.png"), Charts.png(depthChart.image()));
            Files.write(tmp.resolve("rounds.png"), Charts.png(roundChart.image()));
            String body = "<p class=\"note\">seattle-weather, split by time; every number below was measured by this run.</p>"
                    + "<h2>Growing depth</h2>" + Html.image(depthChart.image(), "depth")
                    + Html.table(List.of("max_depth", "train " + metric, "validation " + metric, "test " + metric), depthRows)
                    + "<h2>Growing rounds</h2>" + Html.image(roundChart.image(), "rounds")
                    + Html.table(List.of("model", "rounds used", "train", "validation", "test"), List.of(
                            List.of("no early stopping", c.rounds(), f(sNo[0]), f(sNo[1]), f(sNo[2])),
                            List.of("early stopping, best iteration " + early.bestIteration(), early.bestIteration() + 1, f(sEs[0]), f(sEs[1]), f(sEs[2]))));
            Files.writeString(tmp.resolve("report.html"), Html.page("Overfitting, measured", body));
        });
        out.println();
        out.println("charts and report: " + dir + " (depth.png, rounds.png, report.html)");
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    private static double[] scores(TrainedModel m, RainData d, String metric) {
        Map<String, Double> tr = m.evaluate(d.train()), va = m.evaluate(d.validation()), te = m.evaluate(d.test());
        return new double[] {tr.get(metric), va.get(metric), te.get(metric)};
    }

    private static int argmin(double[] v) {
        int b = 0;
        for (int i = 1; i < v.length; i++) if (v[i] < v[b]) b = i;
        return b;
    }

    private static double[] toDouble(float[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = v[i];
        return o;
    }

    private static String f(double v) { return String.format(Locale.ROOT, "%.4f", v); }
}
