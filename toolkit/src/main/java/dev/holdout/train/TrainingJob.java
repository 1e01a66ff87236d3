package dev.holdout.train;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.ColumnKind;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import dev.holdout.data.Schema;
import dev.holdout.preprocess.Preprocessor;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import tech.tablesaw.api.Table;

/**
 * A local training job, SageMaker-style: an algorithm, hyperparameters under SageMaker's XGBoost
 * names, a {@code train} and an optional {@code validation} channel, the preprocessing to fit on
 * train, and an output folder. Immutable; change it with the withers, in any order ({@link #validate()}
 * checks how the settings combine before the job runs).
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
 *  "preprocessing": {"steps": []}, "output": "runs/rain", "types": {"station": "TEXT"}}
 * }</pre>
 * {@code types} (optional) declares the kinds of CSV channel columns, as {@code --types} does on the command line.
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
            "hyperparameters", "channels", "preprocessing", "output", "types");

    /**
     * Checks each value on its own; how they combine (early stopping and a validation channel, the
     * algorithm and the objective, the label among the features) is checked by {@link #validate()} when
     * the job runs, so the withers may come in any order.
     */
    public TrainingJob {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,62}")) {
            throw DataValidationException.param("name", name, "must be 1-63 letters, digits, '.', '_' or '-', starting with a letter or digit", "e.g. \"rain-xgboost\"");
        }
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(hyperparameters, "hyperparameters");
        if (label == null || label.isBlank()) {
            throw DataValidationException.param("label", label, "the target column is required", "name the column to predict");
        }
        features = distinct("features", features);
        exclude = distinct("exclude", exclude);
        if (train == null) {
            throw DataValidationException.param("channels.train", null, "a train channel is required", "give a table or a CSV file");
        }
        if (preprocessing == null) preprocessing = Preprocessor.of();
    }

    private static List<String> distinct(String param, List<String> names) {
        List<String> out = List.copyOf(names == null ? List.of() : names);
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (String n : out) {
            if (!seen.add(n)) throw DataValidationException.param(param, out, "lists '" + n + "' twice", "name each column once");
        }
        return out;
    }

    /**
     * Checks how the settings combine; {@link #run()} calls it before any work. Returns this.
     *
     * <pre>{@code
     * TrainingJob.xgboost("y", Channel.of(train)).withHyperparameters(h -> h.withEarlyStoppingRounds(10)).validate();
     * // early_stopping_rounds=10: early stopping needs a validation channel ...; add channels.validation or remove early_stopping_rounds
     * }</pre>
     */
    public TrainingJob validate() {
        hyperparameters.validate(algorithm);
        if (features.contains(label)) {
            throw DataValidationException.param("features", features, "contains the label '" + label + "'", "remove the label from the features");
        }
        if (hyperparameters.earlyStopping() && validation == null) {
            throw DataValidationException.param("early_stopping_rounds", hyperparameters.earlyStoppingRounds(),
                    "early stopping needs a validation channel (it watches the validation metric)",
                    "add channels.validation or remove early_stopping_rounds");
        }
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
        return this;
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
    public TrainingResult run(TrainingListener listener) { return new JobRunner(validate(), listener, false, null).run(); }

    /** As {@link #run(TrainingListener)}; with {@code force} an existing job folder is replaced (only once the new one is complete). */
    public TrainingResult run(TrainingListener listener, boolean force) { return new JobRunner(validate(), listener, force, null).run(); }

    /**
     * As {@link #run(TrainingListener, boolean)} for a job read from {@code specFile} ({@link #fromJson(Path)}):
     * the job folder must keep clear of that file too (not be it, not contain it).
     */
    public TrainingResult run(TrainingListener listener, boolean force, Path specFile) {
        return new JobRunner(validate(), listener, force, specFile).run();
    }

    /** The feature columns this job uses on a (transformed) table. */
    // ---------------------------------------------------------------- JSON

    /** Reads a job spec; relative channel and output paths are resolved against the spec's folder. */
    public static TrainingJob fromJson(Path specFile) {
        return fromJson(StrictJson.object(specFile, "config"), specFile.toAbsolutePath().getParent());
    }

    /**
     * Reads a job spec object (the top level of job.json, or {@code training} in a tuning spec); relative
     * paths resolve against {@code base}. Strict: unknown keys (with a "did you mean"), wrong types, a
     * column listed twice in {@code features}, a hyperparameter the algorithm does not use.
     */
    public static TrainingJob fromJson(JsonFields spec, Path base) {
        spec.allow(SPEC_KEYS);
        Algorithm algorithm = spec.has("algorithm") ? Algorithm.parse(spec.text("algorithm")) : Algorithm.XGBOOST;
        JsonFields hpNode = spec.object("hyperparameters");
        Hyperparameters hp = Hyperparameters.fromMap(readable(hpNode.scalarTexts(), algorithm), algorithm);
        JsonFields ch = spec.object("channels").allow("train", "validation");
        String train = ch.text("train", null);
        String validation = ch.text("validation", null);
        Preprocessor pre = PreprocessingSpecs.fromJson(spec.optionalObject("preprocessing"));
        String output = spec.text("output", null);
        Schema types = columnTypes(spec.optionalObject("types"));
        return new TrainingJob(
                spec.text("name", "xgboost-job"),
                algorithm,
                hp,
                spec.text("label", null),
                spec.distinctTexts("features"), spec.distinctTexts("exclude"),
                train == null ? null : Channel.csv(base.resolve(train), types),
                validation == null ? null : Channel.csv(base.resolve(validation), types),
                pre,
                output == null ? null : base.resolve(output)).validate();
    }

    /** Every name a job folder's job.json listed before it recorded only the hyperparameters its learner reads. */
    private static final List<String> WRITTEN_BEFORE = Hyperparameters.NAMES.stream()
            .filter(n -> !n.equals("early_stopping_rounds") && !n.equals("num_class")).toList();

    /**
     * The hyperparameters to read. A job.json that a Tribuo job's folder recorded before Holdout wrote only
     * what a learner reads lists every XGBoost name; its re-run keeps working (those values were ignored
     * then too, so the job is reproduced exactly). Any other spec giving a learner a hyperparameter it
     * ignores is refused by {@link Hyperparameters#fromMap(Map, Algorithm)}.
     */
    private static java.util.Map<String, String> readable(java.util.Map<String, String> given, Algorithm algorithm) {
        if (algorithm == Algorithm.XGBOOST || !given.keySet().containsAll(WRITTEN_BEFORE)) return given;
        java.util.Map<String, String> kept = new java.util.LinkedHashMap<>(given);
        kept.keySet().retainAll(algorithm.hyperparameters());
        return kept;
    }

    /** This spec as JSON (channels as their sources). */
    public ObjectNode toJson() {
        ObjectNode o = StrictJson.mapper().createObjectNode();
        o.put("name", name);
        o.put("algorithm", algorithm.id());
        o.put("label", label);
        ArrayNode f = o.putArray("features");
        features.forEach(f::add);
        ArrayNode x = o.putArray("exclude");
        exclude.forEach(x::add);
        ObjectNode hp = o.putObject("hyperparameters");
        hyperparameters.toMap(algorithm).forEach(hp::put);
        if (train instanceof Channel.CsvFile csv && !csv.types().types().isEmpty()) {
            ObjectNode t = o.putObject("types");
            csv.types().types().forEach((k, v) -> t.put(k, v.name()));
        }
        ObjectNode ch = o.putObject("channels");
        ch.put("train", train.source());
        if (validation != null) ch.put("validation", validation.source());
        o.set("preprocessing", PreprocessingSpecs.toJson(preprocessing));
        if (output != null) o.put("output", output.toString());
        return o;
    }

    /**
     * A spec's {@code "types": {"zip": "TEXT", "amount": "NUMBER"}} (optional, null when absent): the declared
     * kinds of CSV columns, as {@code --types} declares them on the command line. Used by job and tuning specs.
     */
    public static Schema columnTypes(JsonFields node) {
        Schema s = Schema.empty();
        if (node == null) return s;
        for (Map.Entry<String, String> e : node.scalarTexts().entrySet()) {
            s = s.withType(e.getKey(), ColumnKind.parse(e.getValue(), node.param(e.getKey())));
        }
        return s;
    }

    @Override public String toString() {
        return "TrainingJob[" + name + ", " + algorithm + ", label=" + label + ", " + hyperparameters.toMap()
                + ", train=" + train.source() + (validation != null ? ", validation=" + validation.source() : "") + "]";
    }
}
