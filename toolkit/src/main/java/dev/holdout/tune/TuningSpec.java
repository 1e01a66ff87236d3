package dev.holdout.tune;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.Columns;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Datasets;
import dev.holdout.split.Folds;
import dev.holdout.split.KFold;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.split.StratifiedKFold;
import dev.holdout.split.StratifiedSplit;
import dev.holdout.train.Channel;
import dev.holdout.train.TrainingJob;
import java.io.IOException;
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
 *   "split": {"testSize": 0.2, "validationSize": 0.2, "stratify": true, "seed": 42},
 *                                                     // or {"testSize": 0.2, "folds": 5, "seed": 42}
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
 * after the tuner has chosen the best trial.
 *
 * <p>{@code dataFile} is the CSV the data was read from (null for a shipped dataset): an input the tuning job's
 * output must keep clear of.
 */
public record TuningSpec(Table data, String dataSource, SplitSpec split, TrainingJob training, TuningJobConfig config, Path dataFile) {

    /** How the data is divided: a test part, then a validation part or k folds over the rest. */
    public record SplitSpec(double testSize, double validationSize, int folds, boolean stratify, long seed) {
        public SplitSpec {
            if (!(testSize > 0 && testSize < 1)) {
                throw DataValidationException.param("split.testSize", testSize, "must be in (0, 1)", "hold out a test part, e.g. 0.2");
            }
            if (folds == 0 && !(validationSize > 0 && testSize + validationSize < 1)) {
                throw DataValidationException.param("split.validationSize", validationSize,
                        "must be in (0, 1) with testSize + validationSize < 1", "e.g. 0.2, or use \"folds\": 5");
            }
            if (folds == 1 || folds < 0) {
                throw DataValidationException.param("split.folds", folds, "must be >= 2 (or absent for a validation part)", "use 5");
            }
            if (folds > 0 && validationSize > 0) {
                throw DataValidationException.param("split.validationSize", validationSize, "give folds or validationSize, not both",
                        "remove one of them");
            }
        }
    }

    static final List<String> KEYS = List.of("data", "split", "training", "HyperParameterTuningJobConfig");
    static final List<String> JOB_KEYS = List.of("Strategy", "HyperParameterTuningJobObjective", "ResourceLimits", "ParameterRanges",
            "TrainingJobEarlyStoppingType", "StrategyConfig", "RandomSeed", "MedianStoppingRule");

    /** Reads a spec file; a relative CSV path resolves against the spec's folder. */
    public static TuningSpec fromJson(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DataValidationException.param("config", file, "no such file", "pass the path of a tuning JSON file");
        }
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DataValidationException.at(file.toString(), e.getLocation() == null ? -1 : e.getLocation().getLineNr(), null, null,
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + file + ": " + e.getMessage(), e);
        }
        return fromJson(root, file.toAbsolutePath().getParent());
    }

    public static TuningSpec fromJson(JsonNode root, Path base) {
        requireObject(root, "tuning config");
        checkKeys(root, KEYS, "");
        JsonNode d = requireObject(root.get("data"), "data");
        checkKeys(d, List.of("dataset", "csv"), "data.");
        Table data;
        String source;
        Path dataFile = null;
        if (d.hasNonNull("dataset")) {
            source = StrictJson.optText(d, "dataset", "data.dataset", null);
            data = Datasets.load(source);
        } else if (d.hasNonNull("csv")) {
            Path csv = base.resolve(StrictJson.optText(d, "csv", "data.csv", null));
            source = csv.toString();
            if (!Files.isRegularFile(csv)) throw DataValidationException.param("data.csv", csv, "no such file", "check the path");
            data = CsvLoader.forFile(csv).load(csv);
            dataFile = csv;
        } else {
            throw DataValidationException.param("data", d, "needs \"dataset\" or \"csv\"", "e.g. {\"dataset\": \"breast-cancer\"}; datasets: " + Datasets.names());
        }
        JsonNode s = requireObject(root.get("split"), "split");
        checkKeys(s, List.of("testSize", "validationSize", "folds", "stratify", "seed"), "split.");
        SplitSpec split = new SplitSpec(StrictJson.optDouble(s, "testSize", "split.testSize", 0.2),
                StrictJson.optDouble(s, "validationSize", "split.validationSize", s.hasNonNull("folds") ? 0 : 0.2),
                StrictJson.optInt(s, "folds", "split.folds", 0), StrictJson.optBoolean(s, "stratify", "split.stratify", false),
                StrictJson.optLong(s, "seed", "split.seed", RandomSplit.DEFAULT_SEED));

        ObjectNode t = requireObject(root.get("training"), "training").deepCopy();
        if (t.has("channels") || t.has("output")) {
            throw DataValidationException.param("training.channels", t.has("channels") ? t.get("channels") : t.get("output"),
                    "the tuner makes each trial's channels from data + split and its folder under --output", "remove channels and output");
        }
        // a placeholder channel (never read): the real channels are the split's parts, set below
        t.putObject("channels").put("train", "unused-train.csv").put("validation", "unused-validation.csv");
        if (!t.has("name")) t.put("name", "tuning");
        TrainingJob job = TrainingJob.fromJson(t, base, "training");

        TuningJobConfig config = jobConfig(requireObject(root.get("HyperParameterTuningJobConfig"), "HyperParameterTuningJobConfig"));
        return new TuningSpec(data, source, split, job, config, dataFile);
    }

    /** Reads SageMaker's {@code HyperParameterTuningJobConfig}; the objective's direction comes from the metric. */
    public static TuningJobConfig jobConfig(JsonNode c) {
        requireObject(c, "HyperParameterTuningJobConfig");
        checkKeys(c, JOB_KEYS, "HyperParameterTuningJobConfig.");
        Strategy strategy = Strategy.parse(StrictJson.optText(c, "Strategy", "HyperParameterTuningJobConfig.Strategy", "Bayesian"));
        JsonNode o = requireObject(c.get("HyperParameterTuningJobObjective"), "HyperParameterTuningJobObjective");
        checkKeys(o, List.of("MetricName", "Type"), "HyperParameterTuningJobObjective.");
        TuningObjective objective = TuningObjective.of(StrictJson.optText(o, "MetricName", "HyperParameterTuningJobObjective.MetricName", null));
        StrictJson.optText(o, "Type", "HyperParameterTuningJobObjective.Type", null);
        if (o.hasNonNull("Type") && !o.get("Type").asText().equalsIgnoreCase(objective.type())) {
            throw DataValidationException.param("HyperParameterTuningJobObjective.Type", o.get("Type").asText(),
                    "disagrees with " + objective.metricName() + ", which is " + objective.type().toLowerCase() + "d ("
                            + objective.direction().word() + " is better)", "remove Type: the direction comes from the metric");
        }
        JsonNode l = c.get("ResourceLimits");
        if (l != null && !l.isNull()) requireObject(l, "ResourceLimits");
        checkKeys(l, List.of("MaxNumberOfTrainingJobs", "MaxParallelTrainingJobs", "MaxRuntimeInSeconds"), "ResourceLimits.");
        int maxTrials = StrictJson.optInt(l, "MaxNumberOfTrainingJobs", "ResourceLimits.MaxNumberOfTrainingJobs", strategy == Strategy.GRID ? 0 : 10);
        int parallel = StrictJson.optInt(l, "MaxParallelTrainingJobs", "ResourceLimits.MaxParallelTrainingJobs", 1);
        Duration runtime = null;
        if (StrictJson.present(l, "MaxRuntimeInSeconds")) {
            long seconds = StrictJson.optLong(l, "MaxRuntimeInSeconds", "ResourceLimits.MaxRuntimeInSeconds", 600);
            if (seconds <= 0) {
                throw DataValidationException.param("ResourceLimits.MaxRuntimeInSeconds", seconds, "must be > 0", "give seconds, or leave it out");
            }
            runtime = Duration.ofSeconds(seconds);
        }
        ResourceLimits limits = new ResourceLimits(maxTrials, parallel, runtime);
        SearchSpace space = SearchSpace.fromJson(c.get("ParameterRanges"));
        EarlyStoppingType es = EarlyStoppingType.parse(StrictJson.optText(c, "TrainingJobEarlyStoppingType",
                "HyperParameterTuningJobConfig.TrainingJobEarlyStoppingType", null));
        HyperbandConfig hb = null;
        if (c.hasNonNull("StrategyConfig")) {
            JsonNode sc = requireObject(c.get("StrategyConfig"), "StrategyConfig");
            checkKeys(sc, List.of("HyperbandStrategyConfig"), "StrategyConfig.");
            if (sc.hasNonNull("HyperbandStrategyConfig")) {
                JsonNode h = requireObject(sc.get("HyperbandStrategyConfig"), "HyperbandStrategyConfig");
                String p = "HyperbandStrategyConfig.";
                checkKeys(h, List.of("MinResource", "MaxResource", "eta"), p);
                hb = new HyperbandConfig(StrictJson.optInt(h, "MinResource", p + "MinResource", 0),
                        StrictJson.optInt(h, "MaxResource", p + "MaxResource", 0), StrictJson.optInt(h, "eta", p + "eta", 3));
            }
        }
        MedianStoppingRule rule = MedianStoppingRule.defaults();
        if (c.hasNonNull("MedianStoppingRule")) {
            JsonNode m = requireObject(c.get("MedianStoppingRule"), "MedianStoppingRule");
            checkKeys(m, List.of("minEarlierTrials", "graceRounds"), "MedianStoppingRule.");
            rule = new MedianStoppingRule(StrictJson.optInt(m, "minEarlierTrials", "MedianStoppingRule.minEarlierTrials", 3),
                    StrictJson.optInt(m, "graceRounds", "MedianStoppingRule.graceRounds", MedianStoppingRule.AUTO_GRACE));
        }
        return new TuningJobConfig(strategy, space, objective, limits, es, rule, hb,
                StrictJson.optLong(c, "RandomSeed", "HyperParameterTuningJobConfig.RandomSeed", 0));
    }

    /** The test part and the rows the tuner may use (train + validation, or the fold rows). */
    public record Parts(Table tuning, Table train, Table validation, Folds folds, Table test) {}

    /** Splits the data: the test part first, then validation or folds over the rest. */
    public Parts parts() {
        String label = training.label();
        Columns.require(data, label, "training.label");
        if (split.folds() > 0) {
            Split outer = split.stratify()
                    ? StratifiedSplit.on(label).testSize(split.testSize()).seed(split.seed()).split(data)
                    : RandomSplit.ofTestSize(split.testSize()).seed(split.seed()).split(data);
            Table rest = outer.train(data);
            Folds folds = split.stratify() ? StratifiedKFold.on(label, split.folds()).shuffled(split.seed()).split(rest)
                    : KFold.of(split.folds()).shuffled(split.seed()).split(rest);
            return new Parts(rest, null, null, folds, outer.test(data));
        }
        Split s = split.stratify()
                ? StratifiedSplit.on(label).testSize(split.testSize()).validationSize(split.validationSize()).seed(split.seed()).split(data)
                : RandomSplit.ofTestSize(split.testSize()).validationSize(split.validationSize()).seed(split.seed()).split(data);
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

    private static ObjectNode requireObject(JsonNode n, String name) {
        if (n == null || !n.isObject()) {
            throw DataValidationException.param(name, n == null ? "missing" : n, "must be a JSON object", "see `holdout tune --help` for the format");
        }
        return (ObjectNode) n;
    }

    private static void checkKeys(JsonNode n, List<String> keys, String prefix) {
        StrictJson.checkKeys(n, keys, prefix);
    }
}
