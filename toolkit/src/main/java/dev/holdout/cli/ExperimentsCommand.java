package dev.holdout.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.experiments.Experiments;
import dev.holdout.experiments.Run;
import dev.holdout.io.OutputFile;
import dev.holdout.io.StrictJson;
import dev.holdout.report.Charts;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code holdout experiments list|show|compare}: the training runs recorded in the store ({@link Experiments}) —
 * every {@code train}, every {@code tune} trial and every pipeline Training step.
 */
@Command(name = "experiments", mixinStandardHelpOptions = true,
        description = {"The training runs recorded in the store (every train, tune trial and pipeline Training step):",
                "spec, hyperparameters, data fingerprints, metrics per round, final metrics, where training stopped, the job folder."},
        subcommands = {ExperimentsCommand.ListRuns.class, ExperimentsCommand.Show.class, ExperimentsCommand.Compare.class})
final class ExperimentsCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the recorded runs, oldest first.")
    static final class ListRuns implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Option(names = "--kind", paramLabel = "KIND", description = "Only runs of this kind: train, tune-trial or pipeline.")
        String kind;

        @Override public Integer call() {
            boolean json = format.json();
            if (kind != null && !List.of(Experiments.TRAIN, Experiments.TUNE_TRIAL, Experiments.PIPELINE).contains(kind)) {
                throw DataValidationException.param("--kind", kind, "is not a kind of run", "use train, tune-trial or pipeline");
            }
            List<Run> runs = Experiments.open(store.store()).list().stream().filter(r -> kind == null || r.kind().equals(kind)).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (json) {
                ArrayNode a = StrictJson.mapper().createArrayNode();
                for (Run r : runs) {
                    ObjectNode o = r.toJson();
                    o.remove("history");
                    o.remove("spec");
                    a.add(o);
                }
                out.println(StrictJson.pretty(a));
            } else if (runs.isEmpty()) {
                out.println("no runs recorded" + (kind == null ? " yet (holdout train records each job)" : " of kind " + kind));
            } else {
                TextTable t = new TextTable("RUN", "KIND", "NAME", "RECORDED", "STATUS", "METRIC", "BEST", "ROUNDS", "JOB FOLDER");
                for (Run r : runs) {
                    t.row(r.id(), r.kind(), r.name(), r.recordedAt().toString(), r.status(), r.metric(),
                            r.bestScore() == null ? null : RegistryCommand.fmt(r.bestScore()) + " @" + r.bestIteration(), r.rounds(), r.jobFolder());
                }
                out.print(t);
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Show one run: spec, hyperparameters, data, metrics, learning curve.")
    static final class Show implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Parameters(index = "0", paramLabel = "RUN", description = "The run number (from holdout experiments list).")
        String run;

        @Override public Integer call() {
            boolean json = format.json();
            Run r = Experiments.open(store.store()).get(Experiments.parseId(run));
            PrintWriter out = spec.commandLine().getOut();
            if (json) out.println(StrictJson.pretty(r.toJson()));
            else {
                out.println("run " + r.id() + "  " + r.kind() + " " + r.name() + "  " + r.status());
                out.println("  recorded:        " + r.recordedAt() + (r.parent() == null ? "" : " (part of " + r.parent() + ")"));
                out.println("  job folder:      " + r.jobFolder());
                out.println("  algorithm:       " + r.algorithm());
                out.println("  hyperparameters: " + r.flatHyperparameters());
                if (r.failure() != null) out.println("  failure:         " + r.failure());
                out.println("  data:            " + r.data());
                if (r.rounds() != null) {
                    out.println("  training:        " + r.rounds() + " rounds, best " + r.metric() + " "
                            + (r.bestScore() == null ? "-" : RegistryCommand.fmt(r.bestScore())) + " at round " + r.bestIteration()
                            + (Boolean.TRUE.equals(r.stoppedEarly()) ? " (stopped early)" : ""));
                }
                out.println("  final metrics:   " + r.finalMetrics());
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "compare", mixinStandardHelpOptions = true,
            description = {"Compare runs side by side: their hyperparameters and final metrics in one table, and their learning curves",
                    "on one chart (--chart, default learning-curves-RUN-RUN.png here)."})
    static final class Compare implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Mixin StoreOption store;
        @Mixin FormatOption format;

        @Parameters(index = "0..*", arity = "2..*", paramLabel = "RUN", description = "Two or more run numbers.")
        List<String> runs;

        @Option(names = "--chart", paramLabel = "FILE", description = "Where to write the learning-curve chart (PNG).")
        Path chart;

        @Override public Integer call() {
            boolean json = format.json();
            List<Long> ids = new ArrayList<>();
            for (String r : runs) {
                long id = Experiments.parseId(r);
                if (ids.contains(id)) throw DataValidationException.param("RUN", r, "is given twice", "compare different runs");
                ids.add(id);
            }
            Path file = chart != null ? chart
                    : Path.of("learning-curves-" + ids.stream().map(String::valueOf).collect(Collectors.joining("-")) + ".png");
            // the chart's path is checked before the store is read
            try (OutputFile target = OutputFile.at(file).named("--chart").claim()) {
                Experiments ex = Experiments.open(store.store());
                List<Run> rs = new ArrayList<>();
                for (long id : ids) rs.add(ex.get(id));
                Charts.Line c = Experiments.learningCurves(rs);
                target.write(Charts.png(c.image()));
                PrintWriter out = spec.commandLine().getOut();
                if (json) out.println(StrictJson.pretty(comparisonJson(rs, file)));
                else {
                    out.print(comparisonTable(rs));
                    out.println("learning curves: " + file);
                }
                out.flush();
            }
            return HoldoutCli.EXIT_OK;
        }
    }

    /** Rows: each hyperparameter, then each final metric, then where training stopped; a column per run. */
    static String comparisonTable(List<Run> runs) {
        List<String> header = new ArrayList<>();
        header.add("");
        for (Run r : runs) header.add("run " + r.id());
        TextTable t = new TextTable(header.toArray(String[]::new));
        Set<String> hps = new LinkedHashSet<>();
        Set<String> metrics = new LinkedHashSet<>();
        for (Run r : runs) {
            hps.addAll(r.flatHyperparameters().keySet());
            metrics.addAll(r.flatMetrics().keySet());
        }
        t.row(cells("name", runs, Run::name));
        for (String h : hps) t.row(cells(h, runs, r -> r.flatHyperparameters().get(h)));
        for (String m : metrics) t.row(cells(m, runs, r -> {
            Double v = r.flatMetrics().get(m);
            return v == null ? null : RegistryCommand.fmt(v);
        }));
        t.row(cells("rounds", runs, r -> r.rounds() == null ? null : r.rounds().toString()));
        t.row(cells("best_iteration", runs, r -> r.bestIteration() == null ? null : r.bestIteration().toString()));
        t.row(cells("stopped_early", runs, r -> r.stoppedEarly() == null ? null : r.stoppedEarly().toString()));
        return t.toString();
    }

    private static Object[] cells(String label, List<Run> runs, java.util.function.Function<Run, String> value) {
        Object[] c = new Object[runs.size() + 1];
        c[0] = label;
        for (int i = 0; i < runs.size(); i++) c[i + 1] = value.apply(runs.get(i));
        return c;
    }

    private static ObjectNode comparisonJson(List<Run> runs, Path chart) {
        ObjectNode o = StrictJson.mapper().createObjectNode();
        ArrayNode a = o.putArray("runs");
        for (Run r : runs) {
            ObjectNode x = a.addObject();
            x.put("run", r.id());
            x.put("name", r.name());
            x.set("hyperparameters", r.hyperparameters());
            x.set("final", r.finalMetrics());
            x.put("metric", r.metric());
            x.put("rounds", r.rounds());
            x.put("best_iteration", r.bestIteration());
            x.put("best_score", r.bestScore());
            x.put("stopped_early", r.stoppedEarly());
        }
        o.put("chart", chart.toString());
        return o;
    }

    /**
     * The hook of the verbs that train: records the job folder as a run, and when that cannot be done (the store
     * cannot be located or opened, or is busy past its wait) prints one warning line and carries on — the job
     * folder is the record, and the job's exit code does not depend on the store.
     */
    static void record(StoreOption store, Path jobFolder, String kind, String parent, PrintWriter err, String verb) {
        dev.holdout.store.Store s;
        try {
            s = store.store();
        } catch (RuntimeException e) {
            err.println("holdout " + verb + ": warning: the run was not recorded in the experiments store (" + e.getMessage()
                    + "); the job folder " + jobFolder + " has everything it would have held");
            err.flush();
            return;
        }
        if (kind.equals(Experiments.TUNE_TRIAL)) Experiments.recordTrialsOrWarn(s, jobFolder, w -> err.println("holdout " + verb + ": " + w));
        else Experiments.recordOrWarn(s, jobFolder, kind, parent, w -> err.println("holdout " + verb + ": " + w));
        err.flush();
    }
}
