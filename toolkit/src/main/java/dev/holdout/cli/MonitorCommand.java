package dev.holdout.cli;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputFolder;
import dev.holdout.metrics.Bootstrap;
import dev.holdout.monitor.Baseline;
import dev.holdout.monitor.BaselineOptions;
import dev.holdout.monitor.ModelQuality;
import dev.holdout.monitor.Monitor;
import dev.holdout.monitor.MonitorConfig;
import dev.holdout.monitor.MonitorOptions;
import dev.holdout.monitor.MonitorResult;
import dev.holdout.monitor.Progress;
import dev.holdout.monitor.Quality;
import dev.holdout.monitor.QualityConstraints;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code holdout monitor baseline|run|quality-baseline|quality}: Model Monitor, locally (package
 * {@code dev.holdout.monitor}). Exit 3 when a run finds a violation.
 */
@Command(name = "monitor", mixinStandardHelpOptions = true,
        description = {"Model Monitor, locally: baseline statistics and constraints, data-quality and drift checks, model quality.",
                "Writes and reads Model Monitor's files (statistics.json, constraints.json, constraint_violations.json)."},
        subcommands = {MonitorCommand.BaselineCommand.class, MonitorCommand.RunCommand.class, MonitorCommand.QualityBaselineCommand.class,
                MonitorCommand.QualityCommand.class},
        footer = {"", "Examples:",
                "  holdout monitor baseline --input train.csv --output baseline --exclude id,label",
                "  holdout monitor run --baseline baseline --input 2015-07.csv --output runs/2015-07     # exit 3 on a violation",
                "  holdout monitor run --baseline baseline --input capture/my-endpoint --output runs/today",
                "  holdout monitor quality-baseline --input val-preds.csv --label y --prediction yhat --score p \\",
                "      --problem-type BinaryClassification --output quality-baseline",
                "  holdout monitor quality --baseline quality-baseline --input capture/my-endpoint --ground-truth labels/ \\",
                "      --problem-type BinaryClassification --output runs/quality"})
final class MonitorCommand implements Runnable {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    /** The thresholds and methods of monitoring_config, each global (VALUE) or per feature (FEATURE=VALUE), repeatable. */
    static final class ConfigOptions {
        static final String ALL = "*";
        @Option(names = "--comparison-threshold", paramLabel = "[FEATURE=]X", description = "Numeric drift threshold on the KS distance (default 0.1).")
        List<String> comparisonThreshold = new ArrayList<>();
        @Option(names = "--comparison-method", paramLabel = "[FEATURE=]simple|robust", description = "robust (default): the KS test must also reject at 95%; simple: the distance alone.")
        List<String> comparisonMethod = new ArrayList<>();
        @Option(names = "--categorical-comparison-threshold", paramLabel = "[FEATURE=]X", description = "String drift threshold (default 0.1).")
        List<String> categoricalThreshold = new ArrayList<>();
        @Option(names = "--categorical-drift-method", paramLabel = "[FEATURE=]linfinity|chisquared", description = "linfinity (default) or chisquared (Cramér's V, the test must reject at 95%).")
        List<String> categoricalMethod = new ArrayList<>();
        @Option(names = "--datatype-check-threshold", paramLabel = "[FEATURE=]X", description = "Least share of values of the baseline's type (default 1.0).")
        List<String> datatype = new ArrayList<>();
        @Option(names = "--domain-content-threshold", paramLabel = "[FEATURE=]X", description = "Least share of string values inside the baseline's domain (default 1.0).")
        List<String> domain = new ArrayList<>();
        @Option(names = "--completeness-tolerance", paramLabel = "[FEATURE=]X", description = "How far completeness may fall below the baseline's (default 0.02).")
        List<String> completeness = new ArrayList<>();
        // picocli takes an empty fallbackValue for "none", so "all features" is spelled "*"
        @Option(names = "--no-comparison", paramLabel = "[FEATURE]", arity = "0..1", fallbackValue = ALL,
                description = "Skip the drift comparison (perform_comparison Disabled) for one feature, or for all without a value.")
        List<String> noComparison = new ArrayList<>();

        MonitorConfig.Overrides global = MonitorConfig.Overrides.NONE;
        Map<String, MonitorConfig.Overrides> perFeature = new LinkedHashMap<>();

        void parse() {
            each(comparisonThreshold, "--comparison-threshold", (o, v, p) -> o.withComparisonThreshold(fraction(v, p)));
            each(comparisonMethod, "--comparison-method", (o, v, p) -> o.withComparisonMethod(word(MonitorConfig.ComparisonMethod.class, v, p)));
            each(categoricalThreshold, "--categorical-comparison-threshold", (o, v, p) -> o.withCategoricalComparisonThreshold(fraction(v, p)));
            each(categoricalMethod, "--categorical-drift-method", (o, v, p) -> o.withCategoricalDriftMethod(word(MonitorConfig.CategoricalDriftMethod.class, v, p)));
            each(datatype, "--datatype-check-threshold", (o, v, p) -> o.withDatatypeCheckThreshold(fraction(v, p)));
            each(domain, "--domain-content-threshold", (o, v, p) -> o.withDomainContentThreshold(fraction(v, p)));
            each(completeness, "--completeness-tolerance", (o, v, p) -> o.withCompletenessTolerance(fraction(v, p)));
            for (String f : noComparison) {
                if (f.equals(ALL)) global = global.withPerformComparison(false);
                else perFeature.merge(f, MonitorConfig.Overrides.NONE.withPerformComparison(false), MonitorConfig.Overrides::then);
            }
        }

        interface Setter { MonitorConfig.Overrides set(MonitorConfig.Overrides o, String value, String param); }

        private void each(List<String> values, String option, Setter s) {
            for (String raw : values) {
                int eq = raw.lastIndexOf('=');
                if (eq < 0) {
                    global = s.set(global, raw.strip(), option);
                } else {
                    String feature = raw.substring(0, eq).strip();
                    if (feature.isEmpty()) throw DataValidationException.param(option, raw, "names no feature before '='", "write FEATURE=VALUE or VALUE");
                    perFeature.merge(feature, s.set(MonitorConfig.Overrides.NONE, raw.substring(eq + 1).strip(), option + " " + feature),
                            MonitorConfig.Overrides::then);
                }
            }
        }

        private static double fraction(String v, String param) {
            java.math.BigDecimal d = dev.holdout.data.DecimalText.parse(v);
            if (d == null) throw DataValidationException.param(param, v, "is not a number", "pass a fraction such as 0.1");
            double x = d.doubleValue();
            if (!(x >= 0 && x <= 1)) throw DataValidationException.param(param, v, "a threshold is a fraction and must be in [0, 1]", "pass a value such as 0.1");
            return x;
        }

        private static <E extends Enum<E>> E word(Class<E> type, String v, String param) {
            for (E e : type.getEnumConstants()) if (e.name().equalsIgnoreCase(v)) return e;
            List<String> names = new ArrayList<>();
            for (E e : type.getEnumConstants()) names.add(e.name().toLowerCase(Locale.ROOT));
            throw DataValidationException.param(param, v, "must be one of " + names, "pass " + String.join(" or ", names));
        }
    }

    /** A progress line on a terminal: rows read and the rate, redrawn at most twice a second. */
    static Progress progress(PrintWriter err) {
        if (!TrainingProgress.isTerminal()) return Progress.NONE;
        long[] last = {0};
        return (rows, seconds) -> {
            long now = System.nanoTime();
            if (now - last[0] < 500_000_000L) return;
            last[0] = now;
            err.print(String.format(Locale.ROOT, "\r  %,d rows read (%.1f s, %,.0f rows/s) ", rows, seconds, rows / Math.max(1e-9, seconds)));
            err.flush();
        };
    }

    static void endProgress(PrintWriter err) {
        if (TrainingProgress.isTerminal()) {
            err.print("\r" + " ".repeat(70) + "\r");
            err.flush();
        }
    }

    static List<String> list(String csv) {
        if (csv == null || csv.isBlank()) return List.of();
        List<String> out = new ArrayList<>();
        for (String s : csv.split(",")) if (!s.isBlank()) out.add(s.strip());
        return out;
    }

    static void format(String f) {
        if (!f.equals("table") && !f.equals("json")) throw DataValidationException.param("--format", f, "must be table or json", "pass --format json");
    }

    @Command(name = "baseline", mixinStandardHelpOptions = true,
            description = {"Baseline statistics and suggested constraints of a CSV (the data a model was trained on), in one streamed pass.",
                    "Writes DIR/statistics.json and DIR/constraints.json (Model Monitor's field names)."})
    static final class BaselineCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--input", required = true, paramLabel = "FILE", description = "CSV (or TSV) of the baseline data.") Path input;
        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Baseline folder to write (must be empty or absent unless --force).") Path output;
        @Option(names = "--features", paramLabel = "A,B,...", description = "Monitor only these columns (default: all).") String features;
        @Option(names = "--exclude", paramLabel = "C,...", description = "Leave out these columns (an id, the label).") String exclude;
        @Option(names = "--force", description = "Replace a non-empty output folder.") boolean force;
        @Mixin TypesOption types;
        @Mixin ConfigOptions config;
        @Mixin EngineOption engine;

        @Override public Integer call() {
            config.parse();
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            boolean distributed = engine.distributed();
            try (OutputFolder folder = OutputFolder.at(output).named("--output").input("--input", input).force(force).claim()) {
                dev.holdout.data.InputFiles.requireReadable(input, "--input");
                BaselineOptions o = BaselineOptions.defaults().features(list(features)).exclude(list(exclude)).types(types.kinds())
                        .config(config.global).perFeature(config.perFeature).progress(distributed ? dev.holdout.monitor.Progress.NONE : progress(err));
                Baseline b = distributed ? engine.load().baseline(input, engine.masterOrDefault(), o) : Baseline.of(input, o);
                endProgress(err);
                folder.write(b::writeFiles);
                out.println(String.format(Locale.ROOT, "baseline of %s: %,d rows, %d features -> %s (statistics.json, constraints.json)", input,
                        b.statistics().itemCount(), b.statistics().features().size(), output));
                for (var f : b.statistics().features()) {
                    out.println(String.format(Locale.ROOT, "  %-24s %-10s %,d present, %,d missing", f.name(), f.type(), f.present(), f.missing()));
                }
                out.flush();
            }
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Check current data (a CSV, or a data-capture folder) against a baseline.",
                    "Writes DIR/statistics.json, DIR/constraint_violations.json and DIR/report.html; exit 3 when there is a violation."})
    static final class RunCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--baseline", required = true, paramLabel = "DIR", description = "The folder monitor baseline wrote.") Path baseline;
        @Option(names = "--input", required = true, paramLabel = "FILE|CAPTURE_DIR",
                description = "Current data: a CSV, or the capture folder an endpoint writes (DIR/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl).") Path input;
        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write (must be empty or absent unless --force).") Path output;
        @Option(names = "--capture-columns", paramLabel = "A,B,...", description = "The model's input columns in order, for captured CSV records (default: the baseline's features).")
        String captureColumns;
        @Option(names = "--format", defaultValue = "table", description = "table | json: what to print (default ${DEFAULT-VALUE}).") String format;
        @Option(names = "--force", description = "Replace a non-empty output folder.") boolean force;
        @Mixin ConfigOptions config;

        @Override public Integer call() {
            format(format);
            config.parse();
            PrintWriter out = spec.commandLine().getOut(), err = spec.commandLine().getErr();
            try (OutputFolder folder = OutputFolder.at(output).named("--output").input("--input", input).input("--baseline", baseline).force(force).claim()) {
                Baseline b = Baseline.read(baseline);
                if (!Files.exists(input)) dev.holdout.data.InputFiles.requireReadable(input, "--input");
                MonitorOptions o = MonitorOptions.defaults().config(config.global).perFeature(config.perFeature).captureColumns(list(captureColumns))
                        .progress(progress(err));
                MonitorResult r = Monitor.run(b, input, o);
                endProgress(err);
                folder.write(r::writeFiles);
                out.print(format.equals("json") ? r.violationsJson() : r.toString() + "-> " + output + " (statistics.json, constraint_violations.json, report.html)\n");
                out.flush();
                return r.hasViolations() ? HoldoutCli.EXIT_CHECK_FAILED : HoldoutCli.EXIT_OK;
            }
        }
    }

    /** The options shared by the two model-quality verbs. */
    static final class QualityOptions {
        @Option(names = "--label", paramLabel = "COL", description = "Column of the true label (a predictions CSV).") String label;
        @Option(names = "--prediction", paramLabel = "COL", description = "Column of the predicted label or value (a predictions CSV).") String prediction;
        @Option(names = "--score", paramLabel = "COL", description = "Column of the positive label's probability (BinaryClassification): adds auc and the curves.") String score;
        @Option(names = "--problem-type", required = true, paramLabel = "TYPE", description = "BinaryClassification | MulticlassClassification | Regression.") String problemType;
        @Option(names = "--positive", paramLabel = "LABEL", description = "The positive label (default 1 for numeric labels).") String positive;
        @Option(names = "--ground-truth", paramLabel = "FILE|DIR", description = "Ground-truth JSONL merged into captured predictions on the inference id.") Path groundTruth;
        @Option(names = "--probability-threshold", paramLabel = "P", defaultValue = "0.5", description = "Captured probabilities at or above P are the positive label (default 0.5).")
        double threshold;
        @Option(names = "--bootstrap", paramLabel = "N", defaultValue = "100", description = "Resamples for each metric's standard deviation (default 100).") int resamples;
        @Option(names = "--seed", paramLabel = "S", defaultValue = "42", description = "Seed of the bootstrap (default 42).") long seed;

        ModelQuality.ProblemType type() { return ModelQuality.ProblemType.parse(problemType, "--problem-type"); }

        Bootstrap.Spec bootstrap() { return Bootstrap.Spec.of(resamples, seed); }

        Quality.Data data(Path input) {
            ModelQuality.ProblemType t = type();
            if (Files.isDirectory(input)) {
                if (label != null || prediction != null) {
                    throw DataValidationException.param("--label", label != null ? label : prediction, "a capture folder's predictions are its outputs",
                            "drop --label/--prediction and pass --ground-truth");
                }
                return Quality.capture(input, groundTruth, t, positive, threshold);
            }
            if (label == null) throw DataValidationException.param("--label", null, "a predictions CSV needs the label column", "pass --label COL");
            if (prediction == null) throw DataValidationException.param("--prediction", null, "a predictions CSV needs the prediction column", "pass --prediction COL");
            if (groundTruth != null) throw DataValidationException.param("--ground-truth", groundTruth, "is for a capture folder", "drop it: the CSV has its labels");
            return Quality.csv(input, label, prediction, score, t);
        }
    }

    @Command(name = "quality-baseline", mixinStandardHelpOptions = true,
            description = {"Model-quality baseline of predictions with labels: writes DIR/statistics.json (Model Monitor's metric blocks,",
                    "each {value, standard_deviation}) and DIR/constraints.json (threshold = the baseline value, comparison_operator)."})
    static final class QualityBaselineCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--input", required = true, paramLabel = "PREDICTIONS", description = "Predictions CSV (or a capture folder with --ground-truth).") Path input;
        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.") Path output;
        @Option(names = "--force", description = "Replace a non-empty output folder.") boolean force;
        @Mixin QualityOptions q;

        @Override public Integer call() {
            try (OutputFolder folder = OutputFolder.at(output).named("--output").input("--input", input).input("--ground-truth", q.groundTruth).force(force).claim()) {
                ModelQuality m = Quality.measure(q.data(input), q.type(), q.positive, q.bootstrap());
                Quality.Baseline b = new Quality.Baseline(m, QualityConstraints.suggest(m));
                folder.write(b::writeFiles);
                PrintWriter out = spec.commandLine().getOut();
                out.print(m + "-> " + output + " (statistics.json, constraints.json)\n");
                out.flush();
            }
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "quality", mixinStandardHelpOptions = true,
            description = {"Model quality of current predictions (a CSV, or captured predictions with --ground-truth) against a quality baseline.",
                    "Writes DIR/statistics.json and DIR/constraint_violations.json; exit 3 when a metric violates its constraint."})
    static final class QualityCommand implements Callable<Integer> {
        @CommandLine.Spec CommandLine.Model.CommandSpec spec;
        @Option(names = "--baseline", required = true, paramLabel = "DIR", description = "The folder monitor quality-baseline wrote.") Path baseline;
        @Option(names = "--input", required = true, paramLabel = "PREDICTIONS|CAPTURE_DIR", description = "Predictions CSV or a capture folder.") Path input;
        @Option(names = "--output", required = true, paramLabel = "DIR", description = "Folder to write.") Path output;
        @Option(names = "--format", defaultValue = "table", description = "table | json (default ${DEFAULT-VALUE}).") String format;
        @Option(names = "--force", description = "Replace a non-empty output folder.") boolean force;
        @Mixin QualityOptions q;

        @Override public Integer call() {
            format(format);
            try (OutputFolder folder = OutputFolder.at(output).named("--output").input("--input", input).input("--baseline", baseline)
                    .input("--ground-truth", q.groundTruth).force(force).claim()) {
                QualityConstraints c = Quality.Baseline.readConstraints(baseline);
                Quality.Result r = Quality.run(c, q.data(input), q.positive, q.bootstrap());
                folder.write(r::writeFiles);
                PrintWriter out = spec.commandLine().getOut();
                out.print(format.equals("json") ? r.violationsJson() : r + "-> " + output + " (statistics.json, constraint_violations.json)\n");
                out.flush();
                return r.hasViolations() ? HoldoutCli.EXIT_CHECK_FAILED : HoldoutCli.EXIT_OK;
            }
        }
    }
}
