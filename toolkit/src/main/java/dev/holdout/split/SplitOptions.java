package dev.holdout.split;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.Columns;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.UnaryOperator;
import tech.tablesaw.api.Table;

/**
 * The options of {@code holdout split} as values, and the one place they become a splitter: the command line
 * ({@code --strategy time --cutoffs 2014-01-01,2015-01-01 --gap 7d}) and a tuning spec's {@code "split"} object
 * ({@code {"strategy": "time", "cutoffs": "2014-01-01,2015-01-01", "gap": "7d"}}) are both read here, with the same
 * rules and errors, named as the caller spells the option ({@code --test-size} or {@code split.testSize}).
 *
 * <pre>{@code
 * SplitOptions o = SplitOptions.strategy("time").time("date").cutoffs("2014-01-01,2015-01-01").gap("7d");
 * o.check();                       // options that do not apply to the strategy are refused
 * Split s = o.splitter(table).split(table);
 * SplitOptions.strategy("time-series").time("date").folds(5).gap("7").crossValidator(table);
 * }</pre>
 *
 * <p>Values are kept as given (text for sizes, cutoffs and gaps, so a fraction and a count, or a duration and a
 * number of instants, are told apart by the strategy, as the command line does). Every modifier returns a new
 * object; order never matters.
 */
public final class SplitOptions {
    /** The holdout strategies (train / validation / test parts). */
    public static final List<String> HOLDOUT = List.of("random", "stratified", "group", "time");
    /** The cross-validation strategies (folds). */
    public static final List<String> FOLDED = List.of("kfold", "stratified-kfold", "group-kfold", "time-series", "purged-kfold",
            "combinatorial-purged", "walk-forward", "stratified-group-kfold");
    /** Every strategy, in the order {@code holdout split --help} lists them. */
    public static final List<String> STRATEGIES = List.of("random", "stratified", "group", "time", "kfold", "stratified-kfold",
            "group-kfold", "time-series", "purged-kfold", "combinatorial-purged", "walk-forward", "stratified-group-kfold");
    /** The strategies of issue 17 (time-indexed labels, calendar walk-forward, stratified groups): folds for {@code holdout split}, not for tuning. */
    public static final List<String> EVALUATION = List.of("purged-kfold", "combinatorial-purged", "walk-forward", "stratified-group-kfold");
    /** The K-fold strategies that take {@code repeats}. */
    public static final List<String> REPEATABLE = List.of("kfold", "stratified-kfold", "group-kfold", "stratified-group-kfold");
    /** The option keys, in their JSON spelling (the command line writes them in kebab case: {@code testSize} → {@code --test-size}). */
    public static final List<String> KEYS = List.of("strategy", "testSize", "validationSize", "seed", "shuffle", "label", "group",
            "time", "id", "cutoffs", "folds", "gap", "maxTrainSize", "missingTime", "labelEnd", "embargo", "groups", "testGroups",
            "trainWindow", "horizon", "step", "expanding", "repeats");

    private final Map<String, Object> values;
    private final UnaryOperator<String> names;

    private SplitOptions(Map<String, Object> values, UnaryOperator<String> names) {
        this.values = values;
        this.names = names;
    }

    /** Options for {@code strategy} (one of {@link #STRATEGIES}, any case), named as on the command line. */
    public static SplitOptions strategy(String strategy) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("strategy", strategy == null ? null : strategy.trim().toLowerCase(Locale.ROOT));
        return new SplitOptions(v, SplitOptions::commandLineName);
    }

    /** {@code testSize} → {@code --test-size}; {@code shuffle} → {@code --no-shuffle}. */
    public static String commandLineName(String key) {
        if (key.equals("shuffle")) return "--no-shuffle";
        return "--" + key.replaceAll("([A-Z])", "-$1").toLowerCase(Locale.ROOT);
    }

    /** Names options in messages with {@code names} (e.g. {@code k -> "split." + k} for a spec's "split" object). */
    public SplitOptions namedBy(UnaryOperator<String> names) { return new SplitOptions(values, names); }

    private SplitOptions with(String key, Object value) {
        Map<String, Object> v = new LinkedHashMap<>(values);
        if (value == null) v.remove(key); else v.put(key, value);
        return new SplitOptions(v, names);
    }

    /** Test part: a fraction in (0, 1) or a row count ({@code "0.2"}, {@code "100"}); time-series: instants per test fold. */
    public SplitOptions testSize(String v) { return with("testSize", v); }
    /** Validation part: a fraction or a count (holdout strategies). */
    public SplitOptions validationSize(String v) { return with("validationSize", v); }
    public SplitOptions seed(Long v) { return with("seed", v); }
    /** random / kfold / stratified-kfold: {@code false} keeps file order (the command line's {@code --no-shuffle}). */
    public SplitOptions shuffle(boolean v) { return with("shuffle", v ? null : Boolean.FALSE); }
    public SplitOptions label(String v) { return with("label", v); }
    public SplitOptions group(String v) { return with("group", v); }
    public SplitOptions time(String v) { return with("time", v); }
    public SplitOptions id(String v) { return with("id", v); }
    /** time: {@code "T1[,T2]"}. */
    public SplitOptions cutoffs(String v) { return with("cutoffs", v); }
    public SplitOptions folds(Integer v) { return with("folds", v); }
    /** time: a duration ({@code 7d}, {@code 12h}, {@code P7D}, days) or, for a numeric time column, units; time-series: instants. */
    public SplitOptions gap(String v) { return with("gap", v); }
    public SplitOptions maxTrainSize(Integer v) { return with("maxTrainSize", v); }
    /** {@code error} (default) or {@code drop}. */
    public SplitOptions missingTime(String v) { return with("missingTime", v); }
    /** purged-kfold, combinatorial-purged: the column with each row's label end time (default: labels end at the row's time). */
    public SplitOptions labelEnd(String v) { return with("labelEnd", v); }
    /** purged-kfold, combinatorial-purged: rows ({@code 20}) or a duration ({@code 2d}) dropped after each test fold. */
    public SplitOptions embargo(String v) { return with("embargo", v); }
    /** combinatorial-purged: N, the groups the time range is cut into. */
    public SplitOptions groups(Integer v) { return with("groups", v); }
    /** combinatorial-purged: k, the groups each split tests on. */
    public SplitOptions testGroups(Integer v) { return with("testGroups", v); }
    /** walk-forward: the training window ({@code 1y}, {@code 6mo}, {@code P90D}). */
    public SplitOptions trainWindow(String v) { return with("trainWindow", v); }
    /** walk-forward: the test window after each cutoff (and the gap). */
    public SplitOptions horizon(String v) { return with("horizon", v); }
    /** walk-forward: how far each cutoff moves (default: the horizon). */
    public SplitOptions step(String v) { return with("step", v); }
    /** walk-forward: train on everything before each cutoff instead of a rolling window. */
    public SplitOptions expanding(boolean v) { return with("expanding", v ? Boolean.TRUE : null); }
    /** K-fold strategies: repeat the folds R times, each repeat shuffled with its own seed. */
    public SplitOptions repeats(Integer v) { return with("repeats", v); }

    public String strategy() { return (String) values.get("strategy"); }
    public String label() { return (String) values.get("label"); }
    public String time() { return (String) values.get("time"); }
    public String group() { return (String) values.get("group"); }
    public String id() { return (String) values.get("id"); }
    public String testSize() { return (String) values.get("testSize"); }
    public String validationSize() { return (String) values.get("validationSize"); }
    public String cutoffs() { return (String) values.get("cutoffs"); }
    public String gap() { return (String) values.get("gap"); }
    public Integer folds() { return (Integer) values.get("folds"); }
    public Integer maxTrainSize() { return (Integer) values.get("maxTrainSize"); }
    /** The seed given, or null. */
    public Long seed() { return (Long) values.get("seed"); }
    public boolean shuffled() { return !Boolean.FALSE.equals(values.get("shuffle")); }

    /** How messages name an option key. */
    public String name(String key) { return names.apply(key); }

    /** Whether the strategy makes folds. */
    public boolean folded() { return FOLDED.contains(strategy()); }

    /** Whether the strategy orders rows by time (time, time-series, purged-kfold, combinatorial-purged, walk-forward). */
    public boolean byTime() {
        return List.of("time", "time-series", "purged-kfold", "combinatorial-purged", "walk-forward").contains(strategy());
    }

    /** The columns named: label, time, group, id roles (for the manifest and to check they exist); a label-end column is checked by {@link #columns()}. */
    public Schema schema() {
        Schema s = Schema.empty();
        if (label() != null) s = s.withLabel(label());
        if (time() != null) s = s.withTime(time());
        if (group() != null) s = s.withGroup(group());
        if (id() != null) s = s.withId(id());
        return s;
    }

    /** The column options with their names ({@code --label} → the column), for checks against a header. */
    public Map<String, String> columns() {
        Map<String, String> m = new LinkedHashMap<>();
        for (String k : List.of("label", "time", "group", "id", "labelEnd")) if (values.get(k) != null) m.put(name(k), (String) values.get(k));
        return m;
    }

    /**
     * Checks the strategy and refuses options it does not use (rather than silently ignoring them), before any
     * data is read. Returns this.
     */
    public SplitOptions check() {
        String s = strategy();
        if (s == null || !STRATEGIES.contains(s)) {
            String close = Columns.closest(s, STRATEGIES);
            throw DataValidationException.param(name("strategy"), s, "unknown strategy",
                    (close != null ? "did you mean '" + close + "'? " : "") + "choose random, stratified, group, time, kfold, stratified-kfold, "
                            + "group-kfold, time-series, purged-kfold, combinatorial-purged, walk-forward or stratified-group-kfold");
        }
        boolean folded = folded();
        refuseUnless("cutoffs", s.equals("time"));
        refuseUnless("gap", s.equals("time") || s.equals("time-series") || s.equals("walk-forward"));
        refuseUnless("maxTrainSize", s.equals("time-series"));
        refuseUnless("folds", folded && !s.equals("combinatorial-purged") && !s.equals("walk-forward"));
        refuseUnless("labelEnd", s.equals("purged-kfold") || s.equals("combinatorial-purged"));
        refuseUnless("embargo", s.equals("purged-kfold") || s.equals("combinatorial-purged"));
        refuseUnless("groups", s.equals("combinatorial-purged"));
        refuseUnless("testGroups", s.equals("combinatorial-purged"));
        refuseUnless("trainWindow", s.equals("walk-forward"));
        refuseUnless("horizon", s.equals("walk-forward"));
        refuseUnless("step", s.equals("walk-forward"));
        refuseUnless("expanding", s.equals("walk-forward"));
        refuseUnless("repeats", REPEATABLE.contains(s));
        if (values.get("repeats") != null && !shuffled()) {
            throw DataValidationException.param(name("repeats"), values.get("repeats"), "repeats differ only by their shuffle, so they need it",
                    "drop " + name("shuffle") + " or " + name("repeats"));
        }
        refuseUnless("validationSize", !folded);
        refuseUnless("testSize", !folded || s.equals("time-series"));
        refuseUnless("shuffle", s.equals("random") || s.equals("kfold") || s.equals("stratified-kfold"));
        refuseUnless("seed", !byTime());
        if (!shuffled() && seed() != null) {
            throw DataValidationException.param(name("seed"), seed(), "has no effect with " + name("shuffle") + (name("shuffle").startsWith("--") ? "" : "=false"),
                    "drop one of the two options");
        }
        missingTimePolicy();
        checkSizes();
        return this;
    }

    private void refuseUnless(String key, boolean applies) {
        Object value = values.get(key);
        // the command line's --no-shuffle is a flag that is set; a spec's "shuffle" is false
        if (key.equals("shuffle") && value != null && name(key).startsWith("--")) value = Boolean.TRUE;
        if (value != null && !applies) {
            throw DataValidationException.param(name(key), value, "does not apply to " + strategyShown(),
                    "drop " + name(key) + " (see holdout split --help for which options each strategy takes)");
        }
    }

    /** "--strategy time" on the command line, "split.strategy=time" in a spec. */
    private String strategyShown() {
        String n = name("strategy");
        return n.startsWith("--") ? n + " " + strategy() : n + "=" + strategy();
    }

    /** The sizes parse (a fraction or a count), so a typo is refused before any data is read. */
    private void checkSizes() {
        size("testSize");
        size("validationSize");
    }

    /** The {@code missingTime} option as a policy (error by default). */
    public MissingTimePolicy missingTimePolicy() {
        String m = (String) values.get("missingTime");
        if (m == null) return MissingTimePolicy.ERROR;
        return switch (m.trim().toLowerCase(Locale.ROOT)) {
            case "error" -> MissingTimePolicy.ERROR;
            case "drop" -> MissingTimePolicy.DROP;
            default -> throw DataValidationException.param(name("missingTime"), m, "must be error or drop", "pass drop to leave such rows out");
        };
    }

    private long seedOrDefault() { return seed() == null ? RandomSplit.DEFAULT_SEED : seed(); }

    private int foldsOrDefault() { return folds() == null ? 5 : folds(); }

    private PartSize size(String key) {
        String v = (String) values.get(key);
        return v == null ? null : PartSize.parse(v, name(key));
    }

    private String require(String key) {
        String v = (String) values.get(key);
        if (v == null) {
            throw DataValidationException.param(name(key), "(none)", "strategy " + strategy() + " needs " + name(key),
                    "pass " + name(key) + " COLUMN");
        }
        return v;
    }

    /**
     * The holdout splitter of a {@link #HOLDOUT} strategy. {@code table} decides what a time gap means (a duration
     * for a date column, units for a numeric one); it may be null for the other strategies.
     */
    public Splitter splitter(Table table) {
        PartSize test = size("testSize");
        PartSize validation = size("validationSize");
        return switch (strategy()) {
            case "random" -> {
                RandomSplit r = RandomSplit.create().seed(seedOrDefault()).shuffle(shuffled());
                if (test != null) r = r.test(test);
                yield validation == null ? r : r.validation(validation);
            }
            case "stratified" -> {
                StratifiedSplit r = StratifiedSplit.on(require("label")).seed(seedOrDefault());
                if (test != null) r = r.test(test);
                yield validation == null ? r : r.validation(validation);
            }
            case "group" -> {
                GroupSplit r = GroupSplit.on(require("group")).seed(seedOrDefault());
                if (test != null) r = r.test(test);
                yield validation == null ? r : r.validation(validation);
            }
            case "time" -> timeSplit(table, test, validation);
            default -> throw DataValidationException.param(name("strategy"), strategy(), "makes folds, not a train/validation/test split",
                    "choose random, stratified, group or time");
        };
    }

    private TimeSplit timeSplit(Table table, PartSize test, PartSize validation) {
        String time = require("time");
        TimeSplit r = TimeSplit.on(time).missingTimes(missingTimePolicy());
        if (cutoffs() != null) {
            if (test != null || validation != null) {
                String k = test != null ? "testSize" : "validationSize";
                throw DataValidationException.param(name(k), values.get(k), "the time strategy takes " + name("cutoffs") + " or fractions of the "
                        + "time range, not both", "drop " + name(k) + " or " + name("cutoffs"));
            }
            r = r.cutoffs(cutoffs().split(","));
        } else if (test != null && test.isFraction()) {
            r = r.test(test.fraction());
            if (validation != null) {
                if (!validation.isFraction()) {
                    throw DataValidationException.param(name("validationSize"), validation, "the time strategy splits fractions of the time range",
                            "pass a fraction such as 0.1");
                }
                r = r.validation(validation.fraction());
            }
        } else {
            throw DataValidationException.param(name("cutoffs"), "(none)", "the time strategy needs " + name("cutoffs") + " or a "
                            + name("testSize") + " fraction",
                    "pass " + name("cutoffs") + " 2023-01-01,2023-07-01 or " + name("testSize") + " 0.2 [" + name("validationSize") + " 0.1]");
        }
        if (gap() == null) return r;
        boolean numericTime = table != null && CsvLoader.kindOf(Columns.require(table, time, name("time"))).isNumeric();
        if (numericTime) {
            try {
                return r.gapUnits(Long.parseLong(gap().trim()));
            } catch (NumberFormatException e) {
                throw DataValidationException.param(name("gap"), gap(), "column '" + time + "' holds plain numbers, so the gap is a number of its units",
                        "pass a whole number such as 3600");
            }
        }
        try {
            return r.gap(Gap.parse(gap()));
        } catch (DataValidationException e) {
            throw DataValidationException.param(name("gap"), gap(), "is not a duration",
                    "write it as 7d, 12h, 30m, 45s, an ISO-8601 duration such as P7D, or a number of days");
        }
    }

    /** The cross-validator of a {@link #FOLDED} strategy. */
    public CrossValidator crossValidator() {
        Integer repeats = (Integer) values.get("repeats");
        if (repeats != null) {
            int k = foldsOrDefault();
            Repeated r = switch (strategy()) {
                case "kfold" -> KFold.of(k).repeats(repeats);
                case "stratified-kfold" -> StratifiedKFold.on(require("label"), k).repeats(repeats);
                case "group-kfold" -> GroupKFold.on(require("group"), k).repeats(repeats);
                default -> StratifiedGroupKFold.on(require("label"), require("group")).folds(k).repeats(repeats);
            };
            return r.seed(seedOrDefault());
        }
        return singleCrossValidator();
    }

    private CrossValidator singleCrossValidator() {
        int k = foldsOrDefault();
        return switch (strategy()) {
            case "purged-kfold" -> {
                PurgedKFold p = PurgedKFold.on(require("time")).folds(k).missingTimes(missingTimePolicy()).embargo(embargoOrNone());
                yield labelEnd() == null ? p : p.labelEnd(labelEnd());
            }
            case "combinatorial-purged" -> combinatorialPurged();
            case "walk-forward" -> {
                if (values.get("trainWindow") == null || values.get("horizon") == null) {
                    String k2 = values.get("trainWindow") == null ? "trainWindow" : "horizon";
                    throw DataValidationException.param(name(k2), "(none)", "walk-forward needs " + name("trainWindow") + " and " + name("horizon"),
                            "pass " + name("trainWindow") + " 1y " + name("horizon") + " 1mo (and " + name("step") + ", " + name("gap") + " if needed)");
                }
                WalkForward w = WalkForward.on(require("time")).missingTimes(missingTimePolicy())
                        .trainWindow(CalendarSpan.parse((String) values.get("trainWindow"), name("trainWindow")))
                        .horizon(CalendarSpan.parse((String) values.get("horizon"), name("horizon")));
                if (values.get("step") != null) w = w.step(CalendarSpan.parse((String) values.get("step"), name("step")));
                if (gap() != null) w = w.gap(CalendarSpan.parse(gap(), name("gap")));
                yield Boolean.TRUE.equals(values.get("expanding")) ? w.expanding() : w.rolling();
            }
            case "stratified-group-kfold" -> {
                StratifiedGroupKFold g = StratifiedGroupKFold.on(require("label"), require("group")).folds(k);
                yield seed() == null ? g : g.seed(seed());
            }
            default -> classicCrossValidator(k);
        };
    }

    /** The combinatorial purged cross-validator (N groups, k test groups); its backtest paths go in the manifest. */
    public CombinatorialPurgedKFold combinatorialPurged() {
        Integer n = (Integer) values.get("groups"), t = (Integer) values.get("testGroups");
        if (n == null || t == null) {
            throw DataValidationException.param(name(n == null ? "groups" : "testGroups"), "(none)",
                    "combinatorial-purged needs " + name("groups") + " N and " + name("testGroups") + " K",
                    "pass " + name("groups") + " 6 " + name("testGroups") + " 2");
        }
        CombinatorialPurgedKFold c = CombinatorialPurgedKFold.on(require("time")).groups(n).testGroups(t).missingTimes(missingTimePolicy())
                .embargo(embargoOrNone());
        return labelEnd() == null ? c : c.labelEnd(labelEnd());
    }

    private String labelEnd() { return (String) values.get("labelEnd"); }

    private Embargo embargoOrNone() {
        String e = (String) values.get("embargo");
        return e == null ? Embargo.none() : Embargo.parse(e, name("embargo"));
    }

    private CrossValidator classicCrossValidator(int k) {
        return switch (strategy()) {
            case "kfold" -> shuffled() ? KFold.of(k).seed(seedOrDefault()) : KFold.of(k);
            case "stratified-kfold" -> shuffled() ? StratifiedKFold.on(require("label"), k).seed(seedOrDefault()) : StratifiedKFold.on(require("label"), k);
            case "group-kfold" -> seed() == null ? GroupKFold.on(require("group"), k) : GroupKFold.on(require("group"), k).seed(seed());
            case "time-series" -> timeSeries(k, true);
            default -> throw DataValidationException.param(name("strategy"), strategy(), "makes a train/validation/test split, not folds",
                    "choose kfold, stratified-kfold, group-kfold or time-series");
        };
    }

    private TimeSeriesSplit timeSeries(int k, boolean testIsInstants) {
        TimeSeriesSplit t = TimeSeriesSplit.of(k).time(require("time")).missingTimes(missingTimePolicy());
        if (gap() != null) {
            try {
                t = t.gap(Integer.parseInt(gap().trim()));
            } catch (NumberFormatException e) {
                throw DataValidationException.param(name("gap"), gap(), "time-series gaps count distinct instants", "pass a whole number such as 7");
            }
        }
        if (testIsInstants && testSize() != null) {
            PartSize p = PartSize.parse(testSize(), name("testSize"));
            if (p.isFraction()) {
                throw DataValidationException.param(name("testSize"), testSize(), "time-series test sizes count distinct instants",
                        "pass a whole number, or leave it out for n/(folds+1)");
            }
            t = t.test(p.count());
        }
        return maxTrainSize() == null ? t : t.maxTrainSize(maxTrainSize());
    }

    // ---------------------------------------------------------------- tuning: a held-out test part first

    /**
     * For a tuning job, which holds a test part out before anything else: the options a tuning spec's
     * {@code "split"} accepts besides those of {@link #check()}, and their meaning there. {@code testSize} is always
     * the held-out test part (a fraction or count; for time-series a fraction of the time range, or one cutoff
     * in {@code cutoffs}); a holdout strategy then makes the validation part ({@code validationSize}, or a second
     * cutoff), a folded one folds over the rest. Returns this.
     */
    public SplitOptions checkForTuning() {
        String s = strategy();
        if (s == null || !STRATEGIES.contains(s)) return check();
        if (EVALUATION.contains(s)) {
            throw DataValidationException.param(name("strategy"), s, "is a strategy for holdout split, not yet for tuning",
                    "tune with time-series (time-ordered data) or kfold / stratified-kfold / group-kfold");
        }
        for (String k : List.of("labelEnd", "embargo", "groups", "testGroups", "trainWindow", "horizon", "step", "expanding", "repeats")) {
            refuseUnless(k, false);
        }
        boolean folded = folded();
        refuseUnless("cutoffs", byTime());
        refuseUnless("gap", byTime());
        refuseUnless("maxTrainSize", s.equals("time-series"));
        refuseUnless("folds", folded);
        refuseUnless("validationSize", !folded);
        refuseUnless("shuffle", false);
        refuseUnless("seed", !byTime());
        refuseUnless("id", false);
        if (s.equals("time-series") && cutoffs() != null && cutoffs().contains(",")) {
            throw DataValidationException.param(name("cutoffs"), cutoffs(), "time-series tuning takes one cutoff: the test part starts there, "
                    + "and the folds are made over the rows before it", "give one cutoff");
        }
        if (s.equals("time-series") && cutoffs() == null && testSize() == null) {
            throw DataValidationException.param(name("cutoffs"), "(none)", "time-series tuning holds out the latest rows as the test part: "
                    + "it needs " + name("cutoffs") + " (one cutoff) or a " + name("testSize") + " fraction of the time range",
                    "add " + name("cutoffs") + " \"2015-01-01\" or " + name("testSize") + " 0.2");
        }
        missingTimePolicy();
        checkSizes();
        return this;
    }

    /**
     * Tuning: the splitter that holds out the test part of a {@link #FOLDED} strategy (random, stratified, group, or
     * time by one cutoff or a fraction of the range), the folds then being made by {@link #foldsOverRest()}.
     */
    public Splitter testHoldout(Table table) {
        String holdout = switch (strategy()) {
            case "kfold" -> "random";
            case "stratified-kfold" -> "stratified";
            case "group-kfold" -> "group";
            default -> "time";
        };
        SplitOptions o = with("strategy", holdout).with("folds", null).with("maxTrainSize", null);
        if (holdout.equals("time")) o = o.with("gap", null);   // the time-series gap counts instants between each fold's train and test
        return o.splitter(table);
    }

    /** Tuning: the folds over the rows left after {@link #testHoldout}; a time-series test fold has n/(folds+1) instants. */
    public CrossValidator foldsOverRest() {
        if (strategy().equals("time-series")) return timeSeries(foldsOrDefault(), false);
        return crossValidator();
    }

    /** The date, date-time and instant columns of {@code table}, in column order: the columns a random split scatters. */
    public static List<String> timeColumns(Table table) {
        List<String> out = new ArrayList<>();
        for (var c : table.columns()) {
            ColumnKind k = CsvLoader.kindOf(c);
            if (k == ColumnKind.DATE || k == ColumnKind.DATETIME || k == ColumnKind.INSTANT) out.add(c.name());
        }
        return out;
    }

    @Override public String toString() {
        return "SplitOptions" + values;
    }
}
