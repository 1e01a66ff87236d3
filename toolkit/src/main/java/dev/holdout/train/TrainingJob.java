package dev.holdout.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.preprocess.Preprocessor;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * A local training job, SageMaker-style: an algorithm, hyperparameters under SageMaker's XGBoost
 * names, a {@code train} and an optional {@code validation} channel, the preprocessing to fit on
 * train, and an output folder. Immutable and validated; change it with the withers.
 *
 * <pre>{@code
 * TrainingJob job = TrainingJob.xgboost("rain", Channel.of(train))
 *         .withValidation(Channel.of(validation))
 *         .withExclude(List.of("date"))
 *         .withHyperparameters(Hyperparameters.numRound(200).withObjective("binary:logistic")
 *                 .withEvalMetric("logloss").withEarlyStoppingRounds(10).withSeed(1).withNthread(2))
 *         .withOutput(Path.of("runs/rain"));
 * TrainingResult r = job.run();   // r.bestIteration() == 23, model in runs/rain/model/
 * }</pre>
 *
 * The JSON form ({@link #fromJson(Path)}):
 * <pre>{@code
 * {"name": "rain", "algorithm": "xgboost", "label": "rain", "exclude": ["date"],
 *  "hyperparameters": {"num_round": "200", "objective": "binary:logistic", "eval_metric": "logloss",
 *                      "early_stopping_rounds": "10", "seed": "1", "nthread": "2"},
 *  "channels": {"train": "train.csv", "validation": "validation.csv"},
 *  "preprocessing": {"steps": []}, "output": "runs/rain"}
 * }</pre>
 *
 * @param name            job name (letters, digits, '-', '_', '.')
 * @param algorithm       the learner
 * @param hyperparameters SageMaker-named hyperparameters
 * @param label           the target column
 * @param features        feature columns; empty = every column except the label and {@code exclude}
 * @param exclude         columns never used as features (a time or id column)
 * @param train           the train channel
 * @param validation      the validation channel, or null
 * @param preprocessing   fitted on the train channel only ({@code Preprocessor.of()} = none)
 * @param output          the job folder, or null to train in memory only
 */
public record TrainingJob(String name, Algorithm algorithm, Hyperparameters hyperparameters, String label,
                          List<String> features, List<String> exclude, Channel train, Channel validation,
                          Preprocessor preprocessing, Path output) {

    static final List<String> SPEC_KEYS = List.of("name", "algorithm", "label", "features", "exclude",
            "hyperparameters", "channels", "preprocessing", "output");

    public TrainingJob {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw DataValidationException.param("name", name, "must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit", "e.g. \"rain-xgboost\"");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        if (label == null || label.isBlank()) {
            throw DataValidationException.param("label", label, "the target column is required", "name the column to predict");
        }
        features = List.copyOf(features == null ? List.of() : features);
        exclude = List.copyOf(exclude == null ? List.of() : exclude);
        if (features.contains(label)) {
            throw DataValidationException.param("features", features, "contains the label '" + label + "'", "remove the label from the features");
        }
        if (train == null) {
            throw DataValidationException.param("channels.train", null, "a train channel is required", "give a table or a CSV file");
        }
        if (hyperparameters.earlyStopping() && validation == null) {
            throw DataValidationException.param("early_stopping_rounds", hyperparameters.earlyStoppingRounds(),
                    "early stopping needs a validation channel (it watches the validation metric)",
                    "add channels.validation or remove early_stopping_rounds");
        }
        if (preprocessing == null) preprocessing = Preprocessor.of();
        for (int i = 0; i < preprocessing.steps().size(); i++) {
            var step = preprocessing.steps().get(i);
            if (step.columns().contains(label)) {
                throw DataValidationException.param("preprocessing.steps[" + i + "].columns", step.columns(),
                        "step " + step + " transforms the label '" + label + "' (label=" + label
                                + "); labels are read untransformed and the model does not see the label at prediction time",
                        "remove '" + label + "' from the step's columns (rows with a missing label must be fixed or dropped in the data)");
            }
        }
        if (algorithm == Algorithm.LINEAR_REGRESSION && hyperparameters.isClassification()) {
            throw DataValidationException.param("objective", hyperparameters.objective(), "linear-regression needs objective=reg:squarederror", "set the objective or choose logistic-regression");
        }
        if (algorithm == Algorithm.LOGISTIC_REGRESSION && !hyperparameters.isClassification()) {
            throw DataValidationException.param("objective", hyperparameters.objective(), "logistic-regression needs a classification objective", "set objective=binary:logistic or choose linear-regression");
        }
    }

    /** An XGBoost job with SageMaker defaults and 100 rounds; set the rest with the withers. */
    public static TrainingJob xgboost(String label, Channel train) {
        return new TrainingJob("xgboost-job", Algorithm.XGBOOST, Hyperparameters.numRound(100), label, List.of(), List.of(),
                train, null, Preprocessor.of(), null);
    }

    public TrainingJob withName(String v) { return new TrainingJob(v, algorithm, hyperparameters, label, features, exclude, train, validation, preprocessing, output); }
    public TrainingJob withAlgorithm(Algorithm v) { return new TrainingJob(name, v, hyperparameters, label, features, exclude, train, validation, preprocessing, output); }
    public TrainingJob withHyperparameters(Hyperparameters v) { return new TrainingJob(name, algorithm, v, label, features, exclude, train, validation, preprocessing, output); }
    /** Applies a change to the hyperparameters: {@code job.withHyperparameters(h -> h.withMaxDepth(3))}. */
    public TrainingJob withHyperparameters(Function<Hyperparameters, Hyperparameters> change) { return withHyperparameters(change.apply(hyperparameters)); }
    public TrainingJob withLabel(String v) { return new TrainingJob(name, algorithm, hyperparameters, v, features, exclude, train, validation, preprocessing, output); }
    public TrainingJob withFeatures(List<String> v) { return new TrainingJob(name, algorithm, hyperparameters, label, v, exclude, train, validation, preprocessing, output); }
    public TrainingJob withExclude(List<String> v) { return new TrainingJob(name, algorithm, hyperparameters, label, features, v, train, validation, preprocessing, output); }
    public TrainingJob withTrain(Channel v) { return new TrainingJob(name, algorithm, hyperparameters, label, features, exclude, v, validation, preprocessing, output); }
    public TrainingJob withValidation(Channel v) { return new TrainingJob(name, algorithm, hyperparameters, label, features, exclude, train, v, preprocessing, output); }
    public TrainingJob withPreprocessing(Preprocessor v) { return new TrainingJob(name, algorithm, hyperparameters, label, features, exclude, train, validation, v, output); }
    public TrainingJob withOutput(Path v) { return new TrainingJob(name, algorithm, hyperparameters, label, features, exclude, train, validation, preprocessing, v); }

    /**
     * Runs the job: trains, evaluates and (with an output folder) writes the job folder through
     * {@link dev.holdout.io.OutputFolder}: checked and locked before any data is read (not a channel's folder,
     * not a non-empty folder), swapped into place when complete.
     */
    public TrainingResult run() { return run(TrainingListener.NONE); }

    /** As {@link #run()}, reporting each boosting round to {@code listener}. */
    public TrainingResult run(TrainingListener listener) { return new JobRunner(this, listener, false, null).run(); }

    /** As {@link #run(TrainingListener)}; with {@code force} an existing job folder is replaced (only once the new one is complete). */
    public TrainingResult run(TrainingListener listener, boolean force) { return new JobRunner(this, listener, force, null).run(); }

    /**
     * As {@link #run(TrainingListener, boolean)} for a job read from {@code specFile} ({@link #fromJson(Path)}):
     * the job folder must keep clear of that file too (not be it, not contain it).
     */
    public TrainingResult run(TrainingListener listener, boolean force, Path specFile) {
        return new JobRunner(this, listener, force, specFile).run();
    }

    /** The feature columns this job uses on a (transformed) table. */
    List<String> resolveFeatures(Table table) {
        Columns.require(table, label, "label");
        if (!features.isEmpty()) {
            for (String f : features) Columns.require(table, f, "features");
            return features;
        }
        for (String e : exclude) Columns.require(table, e, "exclude");
        List<String> out = new ArrayList<>();
        for (String c : table.columnNames()) if (!c.equals(label) && !exclude.contains(c)) out.add(c);
        if (out.isEmpty()) throw DataValidationException.param("features", "[]", "no feature columns left after removing the label and exclude", "list features explicitly");
        return out;
    }

    // ---------------------------------------------------------------- JSON

    /** Reads a job spec; relative channel and output paths are resolved against the spec's folder. */
    public static TrainingJob fromJson(Path specFile) {
        if (!Files.isRegularFile(specFile)) throw DataValidationException.param("config", specFile, "no such file", "pass the path of a job JSON file");
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(specFile.toFile());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw DataValidationException.at(specFile.toString(), e.getLocation() == null ? -1 : e.getLocation().getLineNr(), null, null,
                    "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("could not read " + specFile + ": " + e.getMessage(), e);
        }
        Path base = specFile.toAbsolutePath().getParent();
        return fromJson(root, base, specFile.toString());
    }

    /** Reads a job spec from JSON text; relative paths resolve against {@code base}. */
    public static TrainingJob fromJson(JsonNode root, Path base, String where) {
        if (root == null || !root.isObject()) throw DataValidationException.at(where, -1, null, null, "a job spec must be a JSON object");
        for (Iterator<String> it = root.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!SPEC_KEYS.contains(k)) {
                String close = Columns.closest(k, SPEC_KEYS);
                throw DataValidationException.param(k, root.get(k), "unknown job spec key in " + where,
                        (close != null ? "did you mean '" + close + "'? " : "") + "valid keys are " + SPEC_KEYS);
            }
        }
        JsonNode hpNode = root.path("hyperparameters");
        if (!hpNode.isObject()) throw DataValidationException.param("hyperparameters", hpNode, "an object of SageMaker XGBoost hyperparameters is required", "add \"hyperparameters\": {\"num_round\": \"100\"}");
        Map<String, Object> hp = new LinkedHashMap<>();
        hpNode.fields().forEachRemaining(e -> hp.put(e.getKey(), e.getValue().isNumber() ? e.getValue().numberValue() : e.getValue().asText()));
        JsonNode ch = root.path("channels");
        if (!ch.isObject()) throw DataValidationException.param("channels", ch, "an object with train (and validation) CSV paths is required", "add \"channels\": {\"train\": \"train.csv\"}");
        for (Iterator<String> it = ch.fieldNames(); it.hasNext(); ) {
            String k = it.next();
            if (!k.equals("train") && !k.equals("validation")) {
                throw DataValidationException.param("channels." + k, ch.get(k), "unknown channel", "channels are train and validation");
            }
        }
        Channel train = ch.hasNonNull("train") ? Channel.csv(base.resolve(ch.get("train").asText())) : null;
        Channel validation = ch.hasNonNull("validation") ? Channel.csv(base.resolve(ch.get("validation").asText())) : null;
        Preprocessor pre = PreprocessingSpecs.fromJson(root.get("preprocessing"));
        return new TrainingJob(
                root.path("name").asText("xgboost-job"),
                root.has("algorithm") ? Algorithm.parse(root.get("algorithm").asText()) : Algorithm.XGBOOST,
                Hyperparameters.fromMap(hp),
                root.path("label").asText(null),
                strings(root, "features"), strings(root, "exclude"),
                train, validation, pre,
                root.hasNonNull("output") ? base.resolve(root.get("output").asText()) : null);
    }

    /** This spec as JSON (channels as their sources). */
    public ObjectNode toJson() {
        ObjectMapper m = new ObjectMapper();
        ObjectNode o = m.createObjectNode();
        o.put("name", name);
        o.put("algorithm", algorithm.id());
        o.put("label", label);
        ArrayNode f = o.putArray("features");
        features.forEach(f::add);
        ArrayNode x = o.putArray("exclude");
        exclude.forEach(x::add);
        ObjectNode hp = o.putObject("hyperparameters");
        hyperparameters.toMap().forEach(hp::put);
        ObjectNode ch = o.putObject("channels");
        ch.put("train", train.source());
        if (validation != null) ch.put("validation", validation.source());
        o.set("preprocessing", PreprocessingSpecs.toJson(preprocessing));
        if (output != null) o.put("output", output.toString());
        return o;
    }

    private static List<String> strings(JsonNode root, String key) {
        JsonNode n = root.get(key);
        if (n == null || n.isNull()) return List.of();
        if (!n.isArray()) throw DataValidationException.param(key, n, "must be a list of column names", "e.g. \"" + key + "\": [\"date\"]");
        List<String> out = new ArrayList<>();
        n.forEach(e -> out.add(e.asText()));
        return out;
    }

    @Override public String toString() {
        return "TrainingJob[" + name + ", " + algorithm + ", label=" + label + ", " + hyperparameters.toMap()
                + ", train=" + train.source() + (validation != null ? ", validation=" + validation.source() : "") + "]";
    }
}
