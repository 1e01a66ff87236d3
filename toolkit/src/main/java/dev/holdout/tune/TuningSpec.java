package dev.holdout.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.Columns;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import dev.holdout.split.Folds;
import dev.holdout.split.Split;
import dev.holdout.split.SplitOptions;
import dev.holdout.metrics.Metric;
import dev.holdout.train.Channel;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainingLabels;
import dev.holdout.train.TrainingJob;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import tech.tablesaw.api.Table;

/**
 * A whole tuning run as the CLI reads it from {@code tuning.json}: the data, how to split off the test
 * part (and the validation part, or folds), the training job (label, static hyperparameters,
 * preprocessing), and SageMaker's {@code HyperParameterTuningJobConfig}.
 *
 * <pre>{@code
 * {
 *   "data": {"dataset": "breast-cancer"},            // or {"csv": "data.csv"}
 *   "split": {"strategy": "stratified", "testSize": 0.2, "validationSize": 0.2, "seed": 42},
 *                                                     // or {"strategy": "kfold", "testSize": 0.2, "folds": 5, "seed": 42}
 *                                                     // or {"strategy": "time", "time": "date", "cutoffs": "2014-01-01,2015-01-01"}
 *                                                     // or {"strategy": "time-series", "time": "date", "cutoffs": "2015-01-01",
 *                                                     //     "folds": 5, "gap": 7}
 *   "training": {"label": "malignant", "exclude": [],
 *                "hyperparameters": {"num_round": "100", "objective": "binary:logistic"},
 *                "preprocessing": {"steps": []}},
 *   "HyperParameterTuningJobConfig": {
 *     "Strategy": "Bayesian",
 *     "HyperParameterTuningJobObjective": {"MetricName": "validation:auc"},
 *     "ResourceLimits": {"MaxNumberOfTrainingJobs": 20, "MaxParallelTrainingJobs": 2, "MaxRuntimeInSeconds": 600},
 *     "ParameterRanges": {"ContinuousParameterRanges": [{"Name": "eta", "MinValue": "0.01", "MaxValue": "0.5",
 *                                                        "ScalingType": "Logarithmic"}],
 *                         "IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "2", "MaxValue": "8"}]},
 *     "TrainingJobEarlyStoppingType": "Auto",
 *     "RandomSeed": 7
 *   }
 * }
 * }</pre>
 *
 * <p>The test part is split off first and is touched once: by {@link TrainingJobObjective#evaluateOnTest}
 * after the tuner has chosen the best trial. The "split" object takes {@code holdout split}'s options, read by the
 * same code ({@link SplitOptions}): a holdout strategy (random, stratified, group, time) makes train, validation and
 * test; a folded one (kfold, stratified-kfold, group-kfold, time-series) holds the test part out first (by the same
 * kind of split: one time cutoff or a {@code testSize} fraction of the time range for time-series) and makes the
 * folds over the rest. {@code testSize} is always the held-out test part. Without {@code strategy}, the older
 * form: random (stratified with {@code "stratify": true}), folds with {@code folds}. A dated file split at random
 * is a warning ({@link #warnings()}).
 *
 * <p>{@code dataFile} is the CSV the data was read from (null for a shipped dataset): an input the tuning job's
 * output must keep clear of.
 */
public record TuningSpec(Table data, String dataSource, SplitOptions split, TrainingJob training, TuningJobConfig config, Path dataFile,
                         List<String> warnings) {

    public TuningSpec {
        warnings = List.copyOf(warnings);
    }

    /** The keys of the "split" object: {@code holdout split}'s options (see {@link SplitOptions}) and the older {@code stratify}. */
    static final List<String> SPLIT_KEYS = List.of("strategy", "testSize", "validationSize", "folds", "seed", "time", "group", "cutoffs",
            "gap", "maxTrainSize", "missingTime", "stratify");

    static final List<String> KEYS = List.of("data", "split", "training", "HyperParameterTuningJobConfig");
    static final List<String> JOB_KEYS = List.of("Strategy", "HyperParameterTuningJobObjective", "ResourceLimits", "ParameterRanges",
            "TrainingJobEarlyStoppingType", "StrategyConfig", "RandomSeed", "MedianStoppingRule");

    /** Reads a spec file; a relative CSV path resolves against the spec's folder. */
    public static TuningSpec fromJson(Path file) {
        return fromJson(StrictJson.object(file, "config"), file.toAbsolutePath().getParent());
    }

    /** Reads a spec from JSON text (tests, notebooks); a relative CSV path resolves against {@code base}. */
    public static TuningSpec fromJson(String json, Path base) {
        return fromJson(StrictJson.object(json, "tuning config"), base);
    }

    /**
     * Reads a spec object. Strict throughout ({@link JsonFields}): unknown keys with a "did you mean",
     * wrong types, exact 64-bit seeds, and a hyperparameter given both a static value in
     * {@code training.hyperparameters} and a range in {@code ParameterRanges} is refused (SageMaker refuses
     * it too: which one would a trial use?).
     */
    public static TuningSpec fromJson(JsonFields root, Path base) {
        root.allow(KEYS);
        JsonFields d = root.object("data").allow("dataset", "csv", "types");
        Table data;
        String source;
        Path dataFile = null;
        if (d.has("dataset")) {
            if (d.has("types")) {
                throw DataValidationException.param("data.types", d.get("types"), "applies to data.csv only (a shipped dataset has its own types)",
                        "drop data.types or use data.csv");
            }
            source = d.text("dataset");
            data = Datasets.load(source);
        } else if (d.has("csv")) {
            Path csv = base.resolve(d.text("csv"));
            source = csv.toString();
            dev.holdout.data.InputFiles.requireReadable(csv, "data.csv");
            data = CsvLoader.forFile(csv).schema(TrainingJob.columnTypes(d.optionalObject("types"))).load(csv);
            dataFile = csv;
        } else {
            throw DataValidationException.param("data", d.node(), "needs \"dataset\" or \"csv\"", "e.g. {\"dataset\": \"breast-cancer\"}; datasets: " + Datasets.names());
        }
        SplitOptions split = splitOptions(root.object("split").allow(SPLIT_KEYS));
        JsonFields given = root.object("training");
        if (given.has("channels") || given.has("output")) {
            String key = given.has("channels") ? "channels" : "output";
            throw DataValidationException.param(given.param(key), given.get(key),
                    "the tuner makes each trial's channels from data + split and its folder under --output", "remove channels and output");
        }
        ObjectNode t = given.node().deepCopy();
        // a placeholder channel (never read): the real channels are the split's parts, set below
        t.putObject("channels").put("train", "unused-train.csv").put("validation", "unused-validation.csv");
        if (!t.has("name")) t.put("name", "tuning");
        TrainingJob job = TrainingJob.fromJson(JsonFields.of(t, "training"), base);

        TuningJobConfig config = jobConfig(root.object("HyperParameterTuningJobConfig"));
        JsonFields staticValues = given.object("hyperparameters");
        for (ParameterRange r : config.space()) {
            if (staticValues.has(r.name())) {
                throw DataValidationException.param(staticValues.param(r.name()), staticValues.scalarTexts().get(r.name()),
                        "is given a static value and is also tuned by a range in ParameterRanges (" + r + "); a trial cannot use both",
                        "remove \"" + r.name() + "\" from training.hyperparameters, or remove its range");
            }
            // an unknown name is the objective's error (with a "did you mean"); a known one the learner ignores is refused here
            if (dev.holdout.train.Hyperparameters.NAMES.contains(r.name())) job.algorithm().requireUses(r.name(), r.toString());
        }
        split = split.label(job.label());
        Columns.require(data, job.label(), "training.label");
        for (var c : split.columns().entrySet()) Columns.require(data, c.getValue(), c.getKey());
        List<String> warnings = new java.util.ArrayList<>();
        List<String> dated = SplitOptions.timeColumns(data);
        if (!split.byTime() && !dated.isEmpty()) {
            warnings.add("the data has " + (dated.size() == 1 ? "a date column '" + dated.get(0) + "'" : "date columns " + dated)
                    + ", but split.strategy=" + split.strategy() + " splits it at random: validation and test rows fall between training rows "
                    + "in time, so the scores are optimistic for predicting the future; split by time: \"strategy\": \"time\", \"time\": \""
                    + dated.get(0) + "\" (or \"time-series\" with folds)");
        }
        return new TuningSpec(data, source, split, job, config, dataFile, warnings);
    }

    /**
     * The "split" object as {@link SplitOptions}, named {@code split.<key>} in messages. Numbers and strings are
     * both accepted where the command line takes text ({@code "testSize": 0.2}, {@code "gap": "7d"}); cutoffs may be a
     * list. Without "strategy", the older form (random or stratified, folds with "folds").
     */
    static SplitOptions splitOptions(JsonFields s) {
        boolean stratify = s.booleanValue("stratify", false);
        String strategy = s.text("strategy", null);
        boolean folds = s.has("folds");
        if (strategy == null) strategy = stratify ? (folds ? "stratified-kfold" : "stratified") : (folds ? "kfold" : "random");
        else if (s.has("stratify")) {
            String st = strategy.trim().toLowerCase(java.util.Locale.ROOT);
            boolean stratified = st.equals("stratified") || st.equals("stratified-kfold");
            if (stratify != stratified) {
                throw DataValidationException.param(s.param("stratify"), stratify, "disagrees with split.strategy=" + strategy,
                        "drop \"stratify\" (the strategy says it)");
            }
        }
        SplitOptions o = SplitOptions.strategy(strategy).namedBy(s::param);
        o = o.testSize(scalar(s, "testSize")).validationSize(scalar(s, "validationSize")).time(s.text("time", null))
                .group(s.text("group", null)).gap(scalar(s, "gap")).missingTime(s.text("missingTime", null));
        if (s.has("seed")) o = o.seed(s.longValue("seed"));
        if (folds) o = o.folds(s.intValue("folds"));
        if (s.has("maxTrainSize")) o = o.maxTrainSize(s.intValue("maxTrainSize"));
        if (s.has("cutoffs")) {
            JsonNode c = s.get("cutoffs");
            o = o.cutoffs(c.isArray() ? String.join(",", s.texts("cutoffs")) : s.text("cutoffs"));
        }
        // the older form's defaults: a fifth for test, and for a holdout a fifth for validation
        boolean byTime = o.byTime();
        if (!byTime && o.testSize() == null) o = o.testSize("0.2");
        if (!byTime && !o.folded() && o.validationSize() == null) o = o.validationSize("0.2");
        if (o.folds() != null && o.folds() < 2) {
            throw DataValidationException.param(s.param("folds"), o.folds(), "must be >= 2 (or absent for a validation part)", "use 5");
        }
        return o.checkForTuning();
    }

    /** A number or a string, as text (the command line's spelling); null when absent. */
    private static String scalar(JsonFields s, String key) {
        JsonNode v = s.get(key);
        if (v == null || v.isNull()) return null;
        if (v.isNumber() || v.isTextual()) return v.asText();
        throw JsonFields.wrongType(s.param(key), v, "a number or a string", "0.2");
    }

    /** Reads SageMaker's {@code HyperParameterTuningJobConfig}; the objective's direction comes from the metric. */
    public static TuningJobConfig jobConfig(JsonNode c) {
        return jobConfig(JsonFields.of(c, "HyperParameterTuningJobConfig"));
    }

    /** As {@link #jobConfig(JsonNode)}, for an object already being read. */
    static TuningJobConfig jobConfig(JsonFields c) {
        c.allow(JOB_KEYS);
        Strategy strategy = Strategy.parse(c.text("Strategy", "Bayesian"));
        JsonFields o = c.object("HyperParameterTuningJobObjective").allow("MetricName", "Type");
        TuningObjective objective = TuningObjective.of(o.text("MetricName"));
        String type = o.text("Type", null);
        if (type != null && !type.equalsIgnoreCase(objective.type())) {
            throw DataValidationException.param(o.param("Type"), type,
                    "disagrees with " + objective.metricName() + ", which is " + objective.type().toLowerCase(java.util.Locale.ROOT) + "d ("
                            + objective.direction().word() + " is better)", "remove Type: the direction comes from the metric");
        }
        JsonFields l = c.optionalObject("ResourceLimits");
        if (l != null) l.allow("MaxNumberOfTrainingJobs", "MaxParallelTrainingJobs", "MaxRuntimeInSeconds");
        int maxTrials = l == null ? 0 : l.intValue("MaxNumberOfTrainingJobs", 0);   // 0: the strategy's default
        if (l != null && l.has("MaxNumberOfTrainingJobs") && maxTrials < 1) {
            throw DataValidationException.param(l.param("MaxNumberOfTrainingJobs"), maxTrials, "must be >= 1", "set a trial budget such as 20");
        }
        int parallel = l == null ? 1 : l.intValue("MaxParallelTrainingJobs", 1);
        Duration runtime = null;
        if (l != null && l.has("MaxRuntimeInSeconds")) {
            long seconds = l.longValue("MaxRuntimeInSeconds");
            if (seconds <= 0) {
                throw DataValidationException.param(l.param("MaxRuntimeInSeconds"), seconds, "must be > 0", "give seconds, or leave it out");
            }
            runtime = Duration.ofSeconds(seconds);
        }
        ResourceLimits limits = new ResourceLimits(maxTrials, parallel, runtime);
        if (!c.has("ParameterRanges")) {
            throw DataValidationException.param(c.param("ParameterRanges"), "missing", "a tuning job needs the ranges to search",
                    "add \"ParameterRanges\": {\"ContinuousParameterRanges\": [{\"Name\": \"eta\", \"MinValue\": \"0.01\", \"MaxValue\": \"0.3\"}]}");
        }
        SearchSpace space = SearchSpace.fromJson(c.object("ParameterRanges"));
        EarlyStoppingType es = EarlyStoppingType.parse(c.text("TrainingJobEarlyStoppingType", null));
        HyperbandConfig hb = null;
        JsonFields sc = c.optionalObject("StrategyConfig");
        if (sc != null) {
            sc.allow("HyperbandStrategyConfig");
            JsonFields h = sc.optionalObject("HyperbandStrategyConfig");
            if (h != null) {
                h.allow("MinResource", "MaxResource", "eta");
                hb = new HyperbandConfig(h.intValue("MinResource", 0), h.intValue("MaxResource", 0), h.intValue("eta", 3));
            }
        }
        MedianStoppingRule rule = MedianStoppingRule.defaults();
        JsonFields m = c.optionalObject("MedianStoppingRule");
        if (m != null) {
            m.allow("minEarlierTrials", "graceRounds");
            rule = new MedianStoppingRule(m.intValue("minEarlierTrials", 3), m.intValue("graceRounds", MedianStoppingRule.AUTO_GRACE));
        }
        return new TuningJobConfig(strategy, space, objective, limits, es, rule, hb, c.longValue("RandomSeed", 0)).validate();
    }

    /** The test part and the rows the tuner may use (train + validation, or the fold rows). */
    public record Parts(Table tuning, Table train, Table validation, Folds folds, Table test) {}

    /**
     * Splits the data: the test part first, then validation or folds over the rest. The label is checked
     * here, before any trial: one class in the tuning rows, or a text label for a regression objective,
     * is an error now rather than a failure in every trial.
     */
    public Parts parts() {
        Parts p = divide();
        Hyperparameters hp = training.hyperparameters();
        if (p.folds() != null) {
            TrainingLabels.read(p.tuning(), training.label(), hp, "train", dataSource + " (the rows tuned on)");
        } else {
            TrainingLabels.read(p.train(), training.label(), hp, "train", dataSource + " (train part)");
            Metric m = TuningObjective.metric(config.objective().metricName());
            boolean bothClasses = hp.isClassification() && (m == Metric.ROC_AUC || m == Metric.AVERAGE_PRECISION)
                    && !Hyperparameters.MULTI_SOFTPROB.equals(hp.objective());
            TrainingLabels.read(p.validation(), training.label(), bothClasses ? hp.withEvalMetric("auc") : hp, "validation",
                    dataSource + " (validation part)");
        }
        return p;
    }

    private Parts divide() {
        String label = training.label();
        Columns.require(data, label, "training.label");
        if (split.folded()) {
            Split outer = split.testHoldout(data).split(data);
            Table rest = outer.train(data);
            Folds folds = split.foldsOverRest().split(rest);
            return new Parts(rest, null, null, folds, outer.test(data));
        }
        Split s = split.splitter(data).split(data);
        if (!s.hasValidation() || s.size(dev.holdout.split.Part.VALIDATION) == 0) {
            throw DataValidationException.param(split.name("validationSize"), "(none)",
                    "tuning scores each trial on a validation part, and split.strategy=" + split.strategy() + " as given makes none",
                    split.byTime() ? "give two cutoffs (train | validation | test), or testSize and validationSize fractions"
                            : "give validationSize, or use folds");
        }
        return new Parts(null, s.train(data), s.validation(data), null, s.test(data));
    }

    /** The trial objective over the tuning rows (never the test part). */
    public TrainingJobObjective objective(Parts parts, Path trialsFolder) {
        if (parts.folds() != null) {
            return TrainingJobObjective.crossValidation(training.withTrain(Channel.of(parts.tuning())), parts.tuning(), parts.folds(),
                    config.objective(), trialsFolder);
        }
        return TrainingJobObjective.holdout(training.withTrain(Channel.of(parts.train())).withValidation(Channel.of(parts.validation())),
                config.objective(), trialsFolder);
    }
}
