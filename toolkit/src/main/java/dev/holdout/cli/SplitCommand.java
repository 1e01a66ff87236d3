package dev.holdout.cli;

import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import dev.holdout.io.OutputFolder;
import dev.holdout.split.CrossValidator;
import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.split.Gap;
import dev.holdout.split.GroupKFold;
import dev.holdout.split.GroupSplit;
import dev.holdout.split.KFold;
import dev.holdout.split.MissingTimePolicy;
import dev.holdout.split.Part;
import dev.holdout.split.PartSize;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.RowIndices;
import dev.holdout.split.Split;
import dev.holdout.split.SplitManifest;
import dev.holdout.split.Splitter;
import dev.holdout.split.StratifiedKFold;
import dev.holdout.split.StratifiedSplit;
import dev.holdout.split.TimeSeriesSplit;
import dev.holdout.split.TimeSplit;
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
                "folds go to DIR/fold-1/{train,test}.csv ... DIR/fold-K/. Rows are written exactly as read."},
        footer = {"", "Examples:",
                "  holdout split --input weather.csv --output out --strategy time --time date --cutoffs 2014-01-01,2015-01-01",
                "  holdout split --input cancer.csv --output out --strategy stratified --label malignant --test-size 0.2 --seed 7",
                "  holdout split --input weather.csv --output cv --strategy time-series --time date --folds 5 --gap 7"})
final class SplitCommand implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--input", required = true, description = "CSV or TSV file to split.") Path input;
    @Option(names = "--output", required = true, description = "Folder to write (must be empty or absent unless --force; never the input's folder).") Path output;
    @Option(names = "--strategy", required = true,
            description = "random | stratified | group | time | kfold | stratified-kfold | group-kfold | time-series") String strategy;
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
        refuseOptionsThatDoNotApply(strategy.toLowerCase());
        if (!assign.equals("sample") && !assign.equals("hash")) {
            throw DataValidationException.param("--assign", assign, "must be sample or hash", "pass --assign hash");
        }
        refuseUnless(hashed() ? assign : null, "--assign", strategy.equalsIgnoreCase("random") || strategy.equalsIgnoreCase("group"), strategy.toLowerCase());
        if (hashed() && noShuffle) {
            throw DataValidationException.param("--no-shuffle", true, "--assign hash places rows by their key's hash, not by position", "drop one of the two options");
        }
        boolean distributed = engine.distributed();
        try (OutputFolder out = OutputFolder.at(output).named("--output").input("--input", input).force(force).claim()) {
            return distributed ? splitOnEngine(out) : split(out);
        }
    }

    /**
     * --engine spark: each row's part from that row alone (a hashed random or group split, or time cutoffs), so the parts
     * are the ones the local run writes; each part is a folder of CSV part files as Spark writes them (no split.json).
     */
    private Integer splitOnEngine(OutputFolder target) throws IOException {
        String s = strategy.toLowerCase();
        Splitter splitter;
        switch (s) {
            case "random", "group" -> {
                if (!hashed()) {
                    throw DataValidationException.param("--assign", assign, "--engine spark places each row by a seeded hash of its key",
                            "add --assign hash (the local run with --assign hash gives the same parts)");
                }
                splitter = splitter(s, MissingTimePolicy.ERROR, null);
            }
            case "time" -> {
                if (cutoffs == null) {
                    throw DataValidationException.param("--cutoffs", "(none)", "--engine spark splits by time with cutoffs",
                            "pass --cutoffs 2023-01-01[,2023-07-01]");
                }
                MissingTimePolicy policy = missingTime.equalsIgnoreCase("drop") ? MissingTimePolicy.DROP : MissingTimePolicy.ERROR;
                TimeSplit t = TimeSplit.on(require(time, "--time", "time")).missingTimes(policy).cutoffs(cutoffs.split(","));
                if (gap != null) t = gap.trim().matches("[0-9]+") ? t.gapUnits(Long.parseLong(gap.trim())) : t.gap(Gap.parse(gap));
                splitter = t;
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

    private Integer split(OutputFolder out) throws IOException {
        CsvLoader.LoadedCsv loaded = load();
        try {
            return split(loaded, out);
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
    private CsvLoader.LoadedCsv load() {
        CsvLoader loader = CsvLoader.forFile(input);
        java.util.List<String> header = dev.holdout.data.CsvReader.open(input).delimiter(loader.delimiter()).header();
        java.util.List<String> used = new java.util.ArrayList<>();
        String[][] named = {{"--label", label}, {"--time", time}, {"--group", group}, {"--id", id}};
        for (String[] n : named) {
            if (n[1] == null) continue;
            if (!header.contains(n[1])) throw dev.holdout.data.Columns.unknown(n[0], n[1], header, input.toString());
            if (!used.contains(n[1])) used.add(n[1]);
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

    /** Options that a strategy does not use are refused rather than silently ignored. */
    private void refuseOptionsThatDoNotApply(String s) {
        boolean folded = s.equals("kfold") || s.equals("stratified-kfold") || s.equals("group-kfold") || s.equals("time-series");
        refuseUnless(cutoffs, "--cutoffs", s.equals("time"), s);
        refuseUnless(gap, "--gap", s.equals("time") || s.equals("time-series"), s);
        refuseUnless(maxTrainSize, "--max-train-size", s.equals("time-series"), s);
        refuseUnless(folds, "--folds", folded, s);
        refuseUnless(validationSize, "--validation-size", !folded, s);
        refuseUnless(testSize, "--test-size", !folded || s.equals("time-series"), s);
        refuseUnless(noShuffle ? Boolean.TRUE : null, "--no-shuffle", s.equals("random") || s.equals("kfold") || s.equals("stratified-kfold"), s);
        refuseUnless(seed, "--seed", !(s.equals("time") || s.equals("time-series")), s);
        if (noShuffle && seed != null) {
            throw DataValidationException.param("--seed", seed, "has no effect with --no-shuffle", "drop one of the two options");
        }
    }

    private static void refuseUnless(Object value, String option, boolean applies, String strategy) {
        if (value != null && !applies) {
            throw DataValidationException.param(option, value, "does not apply to --strategy " + strategy,
                    "drop " + option + " (see holdout split --help for which options each strategy takes)");
        }
    }

    private Integer split(CsvLoader.LoadedCsv loaded, OutputFolder target) throws IOException {
        var table = loaded.table();
        Schema schema = Schema.empty();
        if (label != null) schema = schema.withLabel(label);
        if (time != null) schema = schema.withTime(time);
        if (group != null) schema = schema.withGroup(group);
        if (id != null) schema = schema.withId(id);
        schema.validate(table);
        MissingTimePolicy policy = switch (missingTime.toLowerCase()) {
            case "error" -> MissingTimePolicy.ERROR;
            case "drop" -> MissingTimePolicy.DROP;
            default -> throw DataValidationException.param("--missing-time", missingTime, "must be error or drop", "pass --missing-time drop");
        };
        String s = strategy.toLowerCase();
        PrintWriter out = spec.commandLine().getOut();
        switch (s) {
            case "random", "stratified", "group", "time" -> {
                Splitter splitter = splitter(s, policy, table);
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
            }
            case "kfold", "stratified-kfold", "group-kfold", "time-series" -> {
                CrossValidator cv = crossValidator(s, policy);
                Folds result = cv instanceof KFold k ? k.split(loaded.rowCount()) : cv.split(table);
                SplitManifest manifest = SplitManifest.of(result, table, schema);
                target.write(dir -> {
                    for (Fold f : result) {
                        Path fd = Files.createDirectories(dir.resolve("fold-" + f.number()));
                        writePart(loaded, f.train(), fd.resolve("train.csv"));
                        writePart(loaded, f.test(), fd.resolve("test.csv"));
                    }
                    Files.writeString(dir.resolve("split.json"), manifest.toJson(), StandardCharsets.UTF_8);
                });
                print(out, manifest);
            }
            default -> throw DataValidationException.param("--strategy", strategy, "unknown strategy",
                    "choose random, stratified, group, time, kfold, stratified-kfold, group-kfold or time-series");
        }
        if (format.equals("table")) out.println("wrote " + output);
        out.flush();
        return HoldoutCli.EXIT_OK;
    }

    private void print(PrintWriter out, SplitManifest manifest) {
        out.print(format.equals("json") ? manifest.toJson() : manifest.toString());
    }

    private long seedOrDefault() { return seed == null ? RandomSplit.DEFAULT_SEED : seed; }

    private int foldsOrDefault() { return folds == null ? 5 : folds; }

    private Splitter splitter(String s, MissingTimePolicy policy, tech.tablesaw.api.Table table) {
        PartSize test = testSize == null ? null : PartSize.parse(testSize, "--test-size");
        PartSize validation = validationSize == null ? null : PartSize.parse(validationSize, "--validation-size");
        return switch (s) {
            case "random" -> {
                RandomSplit r = RandomSplit.of(test == null ? PartSize.fraction(0.25) : test).seed(seedOrDefault()).shuffle(!noShuffle);
                if (hashed()) r = id == null ? r.hashedByRowContent() : r.hashedBy(id);
                yield validation == null ? r : r.validation(validation);
            }
            case "stratified" -> {
                StratifiedSplit r = StratifiedSplit.on(require(label, "--label", "stratified")).seed(seedOrDefault());
                if (test != null) r = r.test(test);
                yield validation == null ? r : r.validation(validation);
            }
            case "group" -> {
                GroupSplit r = GroupSplit.on(require(group, "--group", "group")).seed(seedOrDefault());
                if (hashed()) r = r.hashed();
                if (test != null) r = r.test(test);
                yield validation == null ? r : r.validation(validation);
            }
            default -> {
                TimeSplit r = TimeSplit.on(require(time, "--time", "time")).missingTimes(policy);
                if (cutoffs != null) {
                    r = r.cutoffs(cutoffs.split(","));
                } else if (test != null && test.isFraction()) {
                    r = r.fractions(validation == null ? 0 : validation.fraction(), test.fraction());
                } else {
                    throw DataValidationException.param("--cutoffs", "(none)", "the time strategy needs --cutoffs or a --test-size fraction",
                            "pass --cutoffs 2023-01-01,2023-07-01 or --test-size 0.2 [--validation-size 0.1]");
                }
                if (gap == null) yield r;
                boolean numericTime = CsvLoader.kindOf(dev.holdout.data.Columns.require(table, time, "--time")).isNumeric();
                if (numericTime) {
                    try {
                        yield r.gapUnits(Long.parseLong(gap.trim()));
                    } catch (NumberFormatException e) {
                        throw DataValidationException.param("--gap", gap, "column '" + time + "' holds plain numbers, so the gap is a number of its units",
                                "pass a whole number such as --gap 3600");
                    }
                }
                yield r.gap(Gap.parse(gap));
            }
        };
    }

    private CrossValidator crossValidator(String s, MissingTimePolicy policy) {
        return switch (s) {
            case "kfold" -> noShuffle ? KFold.of(foldsOrDefault()) : KFold.of(foldsOrDefault()).shuffled(seedOrDefault());
            case "stratified-kfold" -> noShuffle ? StratifiedKFold.on(require(label, "--label", s), foldsOrDefault())
                    : StratifiedKFold.on(require(label, "--label", s), foldsOrDefault()).shuffled(seedOrDefault());
            case "group-kfold" -> seed == null ? GroupKFold.on(require(group, "--group", s), foldsOrDefault())
                    : GroupKFold.on(require(group, "--group", s), foldsOrDefault()).shuffled(seed);
            default -> {
                TimeSeriesSplit t = TimeSeriesSplit.of(foldsOrDefault()).time(require(time, "--time", s)).missingTimes(policy);
                if (gap != null) {
                    try {
                        t = t.gap(Integer.parseInt(gap.trim()));
                    } catch (NumberFormatException e) {
                        throw DataValidationException.param("--gap", gap, "time-series gaps count distinct instants", "pass a whole number such as 7");
                    }
                }
                if (testSize != null) {
                    PartSize p = PartSize.parse(testSize, "--test-size");
                    if (p.isFraction()) {
                        throw DataValidationException.param("--test-size", testSize, "time-series test sizes count distinct instants",
                                "pass a whole number, or leave it out for n/(folds+1)");
                    }
                    t = t.testSize(p.count());
                }
                yield maxTrainSize == null ? t : t.maxTrainSize(maxTrainSize);
            }
        };
    }

    private static String require(String value, String option, String strategy) {
        if (value == null) {
            throw DataValidationException.param(option, "(none)", "strategy " + strategy + " needs " + option, "pass " + option + " COLUMN");
        }
        return value;
    }

    /** Writes a part as the input had it (header, byte-order mark and line breaks included), as byte slices of the file. */
    private static void writePart(CsvLoader.LoadedCsv loaded, RowIndices rows, Path file) throws IOException {
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
            loaded.writePart(rows.toArray(), out);
        }
    }
}
