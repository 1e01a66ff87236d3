package dev.holdout.cli;

import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import dev.holdout.io.OutputFolder;
import dev.holdout.split.CrossValidator;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.split.CombinatorialPurgedKFold;
import dev.holdout.split.KFold;
import dev.holdout.split.Repeated;
import dev.holdout.split.Part;
import dev.holdout.split.GroupSplit;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.RowIndices;
import dev.holdout.split.Split;
import dev.holdout.split.SplitManifest;
import dev.holdout.split.SplitOptions;
import dev.holdout.split.Splitter;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code holdout split}: writes the parts (or folds) of a CSV file and their manifest. */
@Command(name = "split", mixinStandardHelpOptions = true,
        description = {"Split a CSV file into train/validation/test parts or cross-validation folds.",
                "Writes DIR/train.csv, DIR/validation.csv (if any), DIR/test.csv and DIR/split.json;",
                "folds go to DIR/fold-1/{train,test}.csv ... DIR/fold-K/ (with --repeats, DIR/repeat-r/fold-k/). Rows are written exactly as read."},
        footer = {"", "Examples:",
                "  holdout split --input weather.csv --output out --strategy time --time date --cutoffs 2014-01-01,2015-01-01",
                "  holdout split --input cancer.csv --output out --strategy stratified --label malignant --test-size 0.2 --seed 7",
                "  holdout split --input weather.csv --output cv --strategy time-series --time date --folds 5 --gap 7",
                "  holdout split --input trades.csv --output cv --strategy purged-kfold --time start --label-end end --embargo 2d",
                "  holdout split --input trades.csv --output cv --strategy combinatorial-purged --time start --groups 6 --test-groups 2",
                "  holdout split --input sales.csv --output cv --strategy walk-forward --time date --train-window 1y --horizon 1mo --gap 7d",
                "  holdout split --input visits.csv --output cv --strategy stratified-group-kfold --label outcome --group patient --repeats 3"})
final class SplitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--input", required = true, description = "CSV or TSV file to split.") Path input;
    @Option(names = "--output", required = true, description = "Folder to write (must be empty or absent unless --force; never the input's folder).") Path output;
    @Option(names = "--strategy", required = true,
            description = "random | stratified | group | time | kfold | stratified-kfold | group-kfold | time-series | purged-kfold | "
                    + "combinatorial-purged | walk-forward | stratified-group-kfold") String strategy;
    @Option(names = "--test-size", description = "Fraction in (0,1) or a row count (default 0.25; 0.2 of groups for group).") String testSize;
    @Option(names = "--validation-size", description = "Fraction in (0,1) or a row count; none by default.") String validationSize;
    @Option(names = "--seed", description = "Random seed (default 42). group-kfold: shuffles the groups (default: largest group first into the lightest fold).") Long seed;
    @Option(names = "--no-shuffle", description = "random/kfold: keep file order instead of shuffling.") boolean noShuffle;
    @Option(names = "--label", description = "Label column (stratified, stratified-kfold; recorded in the manifest).") String label;
    @Option(names = "--group", description = "Group column (group, group-kfold).") String group;
    @Option(names = "--time", description = "Time column (time, time-series).") String time;
    @Option(names = "--id", description = "Id column whose values fingerprint each part (default: row positions).") String id;
    @Option(names = "--cutoffs", description = "time: T1[,T2] — train < T1 <= validation < T2 <= test.") String cutoffs;
    @Option(names = "--folds", description = "Number of folds / splits (default 5).") Integer folds;
    @Option(names = "--gap", description = "time: a duration left out before each cutoff (7d, 12h, P7D, or days); time-series: instants.") String gap;
    @Option(names = "--max-train-size", description = "time-series: rolling window of this many instants.") Integer maxTrainSize;
    @Option(names = "--missing-time", defaultValue = "error", description = "error | drop (rows with no time).") String missingTime;
    @Option(names = "--label-end", paramLabel = "COL", description = "purged-kfold, combinatorial-purged: when each row's label ends (default: at its --time).") String labelEnd;
    @Option(names = "--embargo", paramLabel = "DURATION|ROWS", description = "purged-kfold, combinatorial-purged: drop the rows this soon after each test fold (2d, 12h, or a number of rows).") String embargo;
    @Option(names = "--groups", paramLabel = "N", description = "combinatorial-purged: cut the time range into N groups.") Integer groups;
    @Option(names = "--test-groups", paramLabel = "K", description = "combinatorial-purged: test on K groups in each split (C(N,K) splits).") Integer testGroups;
    @Option(names = "--train-window", paramLabel = "SPAN", description = "walk-forward: training window (1y, 6mo, 90d, P1Y).") String trainWindow;
    @Option(names = "--horizon", paramLabel = "SPAN", description = "walk-forward: test window after each cutoff (and --gap).") String horizon;
    @Option(names = "--step", paramLabel = "SPAN", description = "walk-forward: how far each cutoff moves (default: the horizon).") String step;
    @Option(names = "--expanding", description = "walk-forward: train on everything before each cutoff (default: a rolling --train-window).") boolean expanding;
    @Option(names = "--repeats", paramLabel = "R", description = "K-fold strategies: R repeats, each shuffled with its own seed (folders repeat-r/fold-k/).") Integer repeats;
    @Option(names = "--assign", defaultValue = "sample",
            description = "random/group: sample (exact part sizes, default) | hash (each row by a seeded hash of its --id, its --group, or without --id its whole row: the same parts on Spark and as data grows; sizes met on average).") String assign;
    @Option(names = "--force", description = "Replace a non-empty output folder (once the new parts are complete).") boolean force;
    @Option(names = "--format", defaultValue = "table", description = "table | json: what to print (default ${DEFAULT-VALUE}); split.json is always written.") String format;
    @picocli.CommandLine.Mixin TypesOption types;
    @picocli.CommandLine.Mixin EngineOption engine;

    @Override public Integer call() throws IOException {
        if (!format.equals("table") && !format.equals("json")) {
            throw DataValidationException.param("--format", format, "must be table or json", "pass --format json");
        }
        SplitOptions options = options().check();
        if (!assign.equals("sample") && !assign.equals("hash")) {
            throw DataValidationException.param("--assign", assign, "must be sample or hash", "pass --assign hash");
        }
        refuseUnless(hashed() ? assign : null, "--assign", strategy.equalsIgnoreCase("random") || strategy.equalsIgnoreCase("group"), strategy.toLowerCase());
        if (hashed() && noShuffle) {
            throw DataValidationException.param("--no-shuffle", true, "--assign hash places rows by their key's hash, not by position", "drop one of the two options");
        }
        boolean distributed = engine.distributed();
        try (OutputFolder out = OutputFolder.at(output).named("--output").input("--input", input).force(force).claim()) {
            return distributed ? splitOnEngine(options, out) : split(options, out);
        }
    }

    /**
     * --engine spark: each row's part from that row alone (a hashed random or group split, or time cutoffs), so the parts
     * are the ones the local run writes; each part is a folder of CSV part files as Spark writes them (no split.json).
     */
    private Integer splitOnEngine(SplitOptions options, OutputFolder target) throws IOException {
        String s = strategy.toLowerCase();
        Splitter splitter;
        switch (s) {
            case "random", "group" -> {
                if (!hashed()) {
                    throw DataValidationException.param("--assign", assign, "--engine spark places each row by a seeded hash of its key",
                            "add --assign hash (the local run with --assign hash gives the same parts)");
                }
                splitter = hashedIfAsked(options.splitter(null));
            }
            case "time" -> {
                if (cutoffs == null) {
                    throw DataValidationException.param("--cutoffs", "(none)", "--engine spark splits by time with cutoffs",
                            "pass --cutoffs 2023-01-01[,2023-07-01]");
                }
                splitter = options.splitter(null);
            }
            default -> throw DataValidationException.param("--strategy", strategy, "is not available with --engine spark (it needs every row's rank)",
                    "use random or group with --assign hash, or time with --cutoffs");
        }
        java.util.Map<Part, Long> sizes = new java.util.EnumMap<>(Part.class);
        target.write(dir -> sizes.putAll(engine.load().split(input, engine.masterOrDefault(), splitter, dir)));
        PrintWriter out = spec.commandLine().getOut();
        for (Part p : Part.values()) if (sizes.getOrDefault(p, 0L) > 0) out.println(p.label() + ": " + sizes.get(p) + " rows -> " + output.resolve(p.label()) + "/");
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    /** The options as values: the one reading of them, shared with a tuning spec's "split" object. */
    private SplitOptions options() {
        return SplitOptions.strategy(strategy).testSize(testSize).validationSize(validationSize).seed(seed).shuffle(!noShuffle)
                .label(label).group(group).time(time).id(id).cutoffs(cutoffs).folds(folds).gap(gap).maxTrainSize(maxTrainSize)
                .missingTime(missingTime).labelEnd(labelEnd).embargo(embargo).groups(groups).testGroups(testGroups).trainWindow(trainWindow)
                .horizon(horizon).step(step).expanding(expanding).repeats(repeats);
    }

    private Integer split(SplitOptions options, OutputFolder out) throws IOException {
        CsvLoader.LoadedCsv loaded = load(options);
        try {
            return split(options, loaded, out);
        } catch (DataValidationException e) {
            // A problem in a data row of the table: say where it is in the file.
            if (e.problem() != null && e.row() > 0 && loaded.table().name().equals(e.file()) && e.row() <= loaded.rowCount()) {
                throw e.relocate(input.toString(), loaded.lineOf((int) e.row() - 1));
            }
            throw e;
        }
    }

    /**
     * Loads the input, parsing only the columns the split uses (label, time, group, id): the others are
     * written back byte for byte and checked only for the file rules, so a value the split never reads
     * cannot stop it. Unknown column names are refused first, by their option.
     */
    private CsvLoader.LoadedCsv load(SplitOptions options) {
        CsvLoader loader = CsvLoader.forFile(input);
        java.util.List<String> header = dev.holdout.data.CsvReader.open(input).delimiter(loader.delimiter()).header();
        java.util.List<String> used = new java.util.ArrayList<>();
        for (var n : options.columns().entrySet()) {
            if (!header.contains(n.getValue())) throw dev.holdout.data.Columns.unknown(n.getKey(), n.getValue(), header, input.toString());
            if (!used.contains(n.getValue())) used.add(n.getValue());
        }
        Schema declared = types.applyTo(Schema.empty());
        if (hashed()) {
            // a hashed split keys on the cells' text as the file has it (as Spark reads it): 007 stays 007
            boolean rowContent = strategy.equalsIgnoreCase("random") && id == null;
            java.util.List<String> keys = rowContent ? header : java.util.List.of(strategy.equalsIgnoreCase("group") ? group : id);
            for (String k : keys) {
                if (k != null && !declared.types().containsKey(k)) declared = declared.withType(k, dev.holdout.data.ColumnKind.TEXT);
            }
            if (rowContent) used = new java.util.ArrayList<>(header);
        }
        return loader.schema(declared).columns(used).read(input);
    }

    private boolean hashed() { return "hash".equals(assign); }

    /** --assign hash: the splitter places each row (random: by --id or the whole row; group: by its group) by a seeded hash. */
    private Splitter hashedIfAsked(Splitter splitter) {
        if (!hashed()) return splitter;
        if (splitter instanceof RandomSplit r) return id == null ? r.hashedByRowContent() : r.hashedBy(id);
        if (splitter instanceof GroupSplit g) return g.hashed();
        return splitter;
    }

    private static void refuseUnless(Object value, String option, boolean applies, String strategy) {
        if (value != null && !applies) {
            throw DataValidationException.param(option, value, "does not apply to --strategy " + strategy,
                    "drop " + option + " (see holdout split --help for which options each strategy takes)");
        }
    }

    private Integer split(SplitOptions options, CsvLoader.LoadedCsv loaded, OutputFolder target) throws IOException {
        var table = loaded.table();
        Schema schema = options.schema();
        schema.validate(table);
        PrintWriter out = spec.commandLine().getOut();
        if (!options.folded()) {
            Splitter splitter = hashedIfAsked(options.splitter(table));
            // a random split needs no column: the table may hold none, so it splits the file's row count
            Split split = splitter instanceof RandomSplit r && !r.isHashed() ? r.split(loaded.rowCount()) : splitter.split(table);
            SplitManifest manifest = SplitManifest.of(split, table, schema);
            target.write(dir -> {
                for (Part p : Part.values()) {
                    if (p == Part.VALIDATION && !split.hasValidation()) continue;
                    writePart(loaded, split.rows(p), dir.resolve(p.label() + ".csv"));
                }
                Files.writeString(dir.resolve("split.json"), manifest.toJson(), StandardCharsets.UTF_8);
            });
            print(out, manifest);
        } else {
            CrossValidator cv = options.crossValidator();
            Folds result;
            SplitManifest manifest;
            if (cv instanceof CombinatorialPurgedKFold c) {
                CombinatorialPurgedKFold.Backtest backtest = c.backtest(table);
                result = backtest.folds();
                manifest = SplitManifest.of(backtest, table, schema);
            } else {
                result = cv instanceof KFold k ? k.split(loaded.rowCount())
                        : cv instanceof Repeated r && options.strategy().equals("kfold") ? r.split(loaded.rowCount()) : cv.split(table);
                manifest = SplitManifest.of(result, table, schema);
            }
            // repeats: repeat-r/fold-k, the fold numbered within its repeat (as split.json numbers it)
            int perRepeat = repeats == null ? result.size() : result.size() / repeats;
            target.write(dir -> {
                for (Fold f : result) {
                    int i = f.number() - 1;
                    Path fd = Files.createDirectories(perRepeat < result.size()
                            ? dir.resolve("repeat-" + (i / perRepeat + 1)).resolve("fold-" + (i % perRepeat + 1)) : dir.resolve("fold-" + f.number()));
                    writePart(loaded, f.train(), fd.resolve("train.csv"));
                    writePart(loaded, f.test(), fd.resolve("test.csv"));
                }
                Files.writeString(dir.resolve("split.json"), manifest.toJson(), StandardCharsets.UTF_8);
            });
            print(out, manifest);
        }
        if (format.equals("table")) out.println("wrote " + output);
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    private void print(PrintWriter out, SplitManifest manifest) {
        out.print(format.equals("json") ? manifest.toJson() : manifest.toString());
    }

    /** Writes a part as the input had it (header, byte-order mark and line breaks included), as byte slices of the file. */
    private static void writePart(CsvLoader.LoadedCsv loaded, RowIndices rows, Path file) throws IOException {
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            loaded.writePart(rows.toArray(), out);
        }
    }
}
