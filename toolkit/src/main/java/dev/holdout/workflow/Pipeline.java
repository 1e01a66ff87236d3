package dev.holdout.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.cli.HoldoutCli;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import dev.holdout.train.Evaluation;
import dev.holdout.train.TrainingJob;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A workflow pipeline read from its JSON file and checked as a whole before any step runs: step names, step
 * types, every input's producer and output name, branch lists, parameters, {@code json_get} paths, and the graph
 * (a cycle is named step by step). {@link PipelineExecutor} runs it.
 *
 * <pre>{@code
 * Pipeline p = Pipeline.read(Path.of("pipelines/quickstart.json"));
 * p.name();                                  // "quickstart"
 * p.steps().get(0).name();                   // "split"
 * p.order();                                 // [split, preprocess, train, evaluate, check-auc, register, auc-too-low]
 * }</pre>
 *
 * <p>The file: {@code name}, optional {@code description}, {@code parameters} ({@code {"min_auc": {"type":
 * "Float", "default": 0.7}}}; types String, Integer, Float, Boolean) and {@code steps}, each with {@code name},
 * {@code type}, {@code inputs}, {@code outputs}, {@code depends_on}, {@code cache} and its type's fields — see
 * {@code docs/pipelines.md} in the README's pipeline section and {@code pipelines/quickstart.json}.
 */
public final class Pipeline {
    /** Characters allowed in pipeline and step names (they become folder names and execution ids). */
    static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,62}");
    static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
    static final String EVALUATION_FILE = "evaluation.json";

    private static final List<String> TOP_KEYS = List.of("name", "description", "parameters", "steps");
    private static final List<String> COMMON_KEYS = List.of("name", "type", "description", "inputs", "outputs", "depends_on", "cache");
    /** Verbs a Processing step may run (not the store's own verbs, not pipeline itself). */
    private static final List<String> VERBS = List.of("split", "metrics", "audit", "predict", "transform", "train");

    /** A parameter with its type and default. */
    public record Parameter(String name, String type, JsonNode defaultValue) {
        static final List<String> TYPES = List.of("String", "Integer", "Float", "Boolean");

        /** Parses a command-line value as this parameter's type. */
        JsonNode parse(String text, String param) {
            var f = StrictJson.mapper().getNodeFactory();
            switch (type) {
                case "Integer" -> {
                    var d = JsonFields.decimal(f.textNode(text));
                    if (d == null) throw DataValidationException.param(param, text, "must be a whole number (parameter " + name + " is Integer)", "pass e.g. " + name + "=10");
                    return f.numberNode(JsonFields.exactLong(d, param, text));
                }
                case "Float" -> {
                    var d = JsonFields.decimal(f.textNode(text));
                    if (d == null) throw DataValidationException.param(param, text, "must be a number (parameter " + name + " is Float)", "pass e.g. " + name + "=0.75");
                    return f.numberNode(d);
                }
                case "Boolean" -> {
                    if (!text.equals("true") && !text.equals("false")) {
                        throw DataValidationException.param(param, text, "must be true or false (parameter " + name + " is Boolean)", "pass " + name + "=true");
                    }
                    return f.booleanNode(Boolean.parseBoolean(text));
                }
                default -> { return f.textNode(text); }
            }
        }
    }

    private final String name;
    private final String description;
    private final Path file;
    private final Map<String, Parameter> parameters;
    private final List<StepSpec> steps;
    private final Map<String, StepSpec> byName;
    private final List<String> order;
    private final String definitionSha256;

    private Pipeline(String name, String description, Path file, Map<String, Parameter> parameters, List<StepSpec> steps,
                     List<String> order, String definitionSha256) {
        this.name = name;
        this.description = description;
        this.file = file;
        this.parameters = java.util.Collections.unmodifiableMap(parameters);
        this.steps = List.copyOf(steps);
        Map<String, StepSpec> m = new LinkedHashMap<>();
        for (StepSpec s : steps) m.put(s.name(), s);
        this.byName = java.util.Collections.unmodifiableMap(m);
        this.order = List.copyOf(order);
        this.definitionSha256 = definitionSha256;
    }

    /** The pipeline's name (executions are recorded under it). */
    public String name() { return name; }

    public String description() { return description; }

    /** The file it was read from; relative input paths resolve against its folder. */
    public Path file() { return file; }

    public Map<String, Parameter> parameters() { return parameters; }

    /** The steps in file order. */
    public List<StepSpec> steps() { return steps; }

    /** The step named {@code name}, or null. */
    public StepSpec step(String name) { return byName.get(name); }

    /** The steps in an order where each comes after every step it waits for (file order among equals). */
    public List<String> order() { return order; }

    /** SHA-256 of the file's bytes (recorded with each execution). */
    public String definitionSha256() { return definitionSha256; }

    /** The folder relative input paths resolve against. */
    Path base() { return file.toAbsolutePath().getParent(); }

    /**
     * The run's parameter values: each default, overridden by {@code given} ({@code --param name=value}); an
     * unknown name (with a suggestion), a wrong type, or a parameter without a default and no value is an error.
     */
    public Map<String, JsonNode> parameterValues(Map<String, String> given) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String k : given.keySet()) {
            if (!parameters.containsKey(k)) {
                String hint = Columns.closest(k, List.copyOf(parameters.keySet()));
                throw DataValidationException.param("--param", k + "=" + given.get(k), "pipeline " + name + " has no parameter " + k,
                        (hint != null ? "did you mean '" + hint + "'? " : "") + "its parameters are " + parameters.keySet());
            }
        }
        for (Parameter p : parameters.values()) {
            if (given.containsKey(p.name())) out.put(p.name(), p.parse(given.get(p.name()), "--param " + p.name()));
            else if (p.defaultValue() != null) out.put(p.name(), p.defaultValue());
            else {
                throw DataValidationException.param("--param", p.name(), "parameter " + p.name() + " has no default and no value was given",
                        "pass --param " + p.name() + "=VALUE");
            }
        }
        return out;
    }

    // ---------------------------------------------------------------- reading

    /** Reads and checks a pipeline file. Every error names the field ({@code steps[2].inputs.model}) and the fix. */
    public static Pipeline read(Path file) {
        dev.holdout.data.InputFiles.requireReadable(file, "pipeline");
        JsonFields top = StrictJson.object(file, file.toString()).allow(TOP_KEYS);
        String name = top.text("name");
        requireName(name, "name");
        Map<String, Parameter> params = readParameters(top.optionalObject("parameters"));
        List<JsonFields> raw = top.objects("steps");
        if (raw.isEmpty()) throw DataValidationException.param("steps", "[]", "a pipeline needs at least one step", "add steps: [{\"name\": ..., \"type\": ...}]");
        List<StepSpec> steps = new ArrayList<>();
        Map<String, JsonFields> where = new HashMap<>();
        for (JsonFields s : raw) {
            StepSpec spec = readStep(s, params, file.toAbsolutePath().getParent());
            if (where.containsKey(spec.name())) {
                throw DataValidationException.param(s.param("name"), spec.name(), "names two steps (" + where.get(spec.name()).path() + " and " + s.path() + ")",
                        "give each step its own name");
            }
            where.put(spec.name(), s);
            steps.add(spec);
        }
        steps = link(steps, where);
        List<String> order = order(steps, where);
        String sha;
        try {
            sha = dev.holdout.io.ContentHash.file(file);
        } catch (java.io.UncheckedIOException e) {
            throw DataValidationException.param("pipeline", file, "cannot be read: " + e.getMessage(), "check the file");
        }
        Pipeline p = new Pipeline(name, top.text("description", ""), file, params, steps, order, sha);
        p.checkParameterValues();
        return p;
    }

    private static void requireName(String name, String param) {
        if (!NAME.matcher(name).matches()) {
            throw DataValidationException.param(param, name, "must be 1-63 letters, digits, '-' or '_', starting with a letter or digit",
                    "rename it, e.g. " + name.replaceAll("[^A-Za-z0-9_-]", "-").replaceAll("^[-_]+", ""));
        }
    }

    private static Map<String, Parameter> readParameters(JsonFields node) {
        Map<String, Parameter> out = new LinkedHashMap<>();
        if (node == null) return out;
        for (String k : node.keys()) {
            requireName(k, node.param(k));
            JsonFields p = node.object(k).allow("type", "default", "description");
            String type = p.text("type", "String");
            if (!Parameter.TYPES.contains(type)) {
                String hint = Columns.closest(type, Parameter.TYPES);
                throw DataValidationException.param(p.param("type"), type, "is not a parameter type",
                        (hint != null ? "did you mean '" + hint + "'? " : "") + "use one of " + Parameter.TYPES);
            }
            JsonNode def = p.get("default");
            Parameter param = new Parameter(k, type, null);
            if (def != null && !def.isNull()) {
                if (!def.isValueNode()) throw JsonFields.wrongType(p.param("default"), def, "a " + type, "0.75");
                def = param.parse(def.asText(), p.param("default"));
            } else {
                def = null;
            }
            out.put(k, new Parameter(k, type, def));
        }
        return out;
    }

    private static StepSpec readStep(JsonFields s, Map<String, Parameter> params, Path base) {
        String name = s.text("name");
        requireName(name, s.param("name"));
        StepType type = StepType.parse(s.text("type"), s.param("type"));
        List<String> keys = new ArrayList<>(COMMON_KEYS);
        keys.addAll(switch (type) {
            case PROCESSING -> List.of("holdout", "command", "preprocessing");
            case TRAINING -> List.of("job");
            case EVALUATION -> List.of();
            case CONDITION -> List.of("conditions", "if_steps", "else_steps");
            case REGISTER_MODEL -> List.of("group", "status", "model_description");
            case TRANSFORM -> List.of("join_source", "threads");
            case FAIL -> List.of("message");
        });
        s.allow(keys);

        Map<String, StepInput> inputs = new LinkedHashMap<>();
        JsonFields in = s.optionalObject("inputs");
        if (in != null) {
            for (String k : in.keys()) {
                String text = in.text(k);
                StepInput i;
                try {
                    i = StepInput.parse(text);
                } catch (DataValidationException e) {
                    throw DataValidationException.param(in.param(k), text, "is not a step output reference",
                            "write steps.STEP.outputs.NAME (e.g. steps.split.outputs.train), or a path that does not start with 'steps.'");
                }
                if (i instanceof StepInput.File f) checkPlaceholders(f.template(), in.param(k), params, Set.of(), false);
                inputs.put(k, i);
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        JsonFields out = s.optionalObject("outputs");
        if (out != null) {
            if (type != StepType.PROCESSING || s.has("preprocessing")) {
                throw DataValidationException.param(s.param("outputs"), out.node(), type + " steps have fixed outputs (" + fixedOutputs(type) + ")",
                        "remove \"outputs\"; refer to them as steps." + name + ".outputs.NAME");
            }
            for (String k : out.keys()) {
                String rel = out.text(k);
                Path p = Path.of(rel).normalize();
                if (rel.isEmpty() || p.isAbsolute() || p.startsWith("..")) {
                    throw DataValidationException.param(out.param(k), rel, "must be a path inside the step's output folder",
                            "write a relative path such as \"train.csv\"");
                }
                outputs.put(k, p.toString().replace(java.io.File.separatorChar, '/'));
            }
        }
        for (String k : fixedOutputs(type)) outputs.put(k, k.equals("model") || k.equals("predictions") ? "" : fixedOutputFile(k));
        if (type == StepType.PROCESSING && s.has("preprocessing")) {
            outputs.put("preprocessor", "preprocessor.json");
            outputs.put("spec", "preprocessing.json");
        }
        List<String> dependsOn = new ArrayList<>(s.distinctTexts("depends_on"));
        StepSpec.Cache cache = readCache(s.optionalObject("cache"), type);
        StepSpec.Action action = switch (type) {
            case PROCESSING -> readProcessing(s, inputs, outputs, params);
            case TRAINING -> readTraining(s, inputs, base);
            case EVALUATION -> {
                requireInputs(s, inputs, List.of("model", "data"), List.of());
                yield new StepSpec.Evaluation();
            }
            case CONDITION -> {
                List<JsonFields> cs = s.objects("conditions");
                if (cs.isEmpty()) throw DataValidationException.param(s.param("conditions"), "[]", "a Condition step needs conditions", "add \"conditions\": [{\"type\": \"GreaterThanOrEqualTo\", ...}]");
                List<String> ifSteps = s.distinctTexts("if_steps");
                List<String> elseSteps = s.distinctTexts("else_steps");
                if (ifSteps.isEmpty() && elseSteps.isEmpty()) {
                    throw DataValidationException.param(s.param("if_steps"), "[]", "a Condition step needs if_steps or else_steps", "list the steps each outcome runs");
                }
                yield new StepSpec.ConditionStep(cs.stream().map(Condition::read).toList(), ifSteps, elseSteps);
            }
            case REGISTER_MODEL -> {
                requireInputs(s, inputs, List.of("model"), List.of());
                String group = dev.holdout.registry.ModelRegistry.checkGroup(s.text("group"), s.param("group"));
                String status = s.text("status", "PendingManualApproval");
                List<String> statuses = List.of("PendingManualApproval", "Approved");
                if (!statuses.contains(status)) {
                    String hint = Columns.closest(status, statuses);
                    throw DataValidationException.param(s.param("status"), status, "a new version starts PendingManualApproval or Approved",
                            (hint != null ? "did you mean '" + hint + "'? " : "") + "use one of " + statuses);
                }
                yield new StepSpec.RegisterModel(group, status, s.text("model_description", null));
            }
            case TRANSFORM -> {
                requireInputs(s, inputs, List.of("model", "data"), List.of());
                int threads = s.intValue("threads", 1);
                if (threads < 1 || threads > 256) throw DataValidationException.param(s.param("threads"), threads, "must be 1..256", "use e.g. 2");
                yield new StepSpec.Transform(s.booleanValue("join_source", false), threads);
            }
            case FAIL -> {
                JsonNode m = s.get("message");
                List<Value> parts = new ArrayList<>();
                if (m == null || m.isNull()) parts.add(new Value.Literal(StrictJson.mapper().getNodeFactory().textNode("the pipeline reached " + name)));
                else if (m.isArray()) for (int i = 0; i < m.size(); i++) parts.add(Value.read(m.get(i), s.param("message") + "[" + i + "]"));
                else parts.add(Value.read(m, s.param("message")));
                yield new StepSpec.Fail(parts);
            }
        };
        if (type == StepType.CONDITION || type == StepType.FAIL) {
            if (!inputs.isEmpty()) throw DataValidationException.param(s.param("inputs"), in.node(), type + " steps read values, not files", "remove \"inputs\"; use json_get and parameter values");
        }
        return new StepSpec(name, type, inputs, outputs, dependsOn, cache, s.node(), action);
    }

    private static List<String> fixedOutputs(StepType type) {
        return switch (type) {
            case TRAINING -> List.of("model");
            case EVALUATION -> List.of("evaluation");
            case REGISTER_MODEL -> List.of("registration");
            case TRANSFORM -> List.of("predictions");
            default -> List.of();
        };
    }

    private static String fixedOutputFile(String name) { return name + ".json"; }

    private static StepSpec.Cache readCache(JsonFields c, StepType type) {
        if (c == null) return type.cacheable() ? StepSpec.Cache.DEFAULT : new StepSpec.Cache(false, null);
        c.allow("enabled", "expire_after");
        boolean enabled = c.booleanValue("enabled", true);
        if (enabled && !type.cacheable()) {
            throw DataValidationException.param(c.param("enabled"), true, type + " steps are evaluated every time (they are not cached)", "remove \"cache\" from this step");
        }
        Duration expire = null;
        String text = c.text("expire_after", null);
        if (text != null) expire = isoDuration(text, c.param("expire_after"));
        return new StepSpec.Cache(enabled, expire);
    }

    /** An ISO-8601 duration as SageMaker's ExpireAfter takes it: {@code P30D}, {@code PT12H}, {@code P1DT6H}, {@code P2W}. */
    static Duration isoDuration(String text, String param) {
        String t = text.toUpperCase(java.util.Locale.ROOT);
        try {
            Matcher w = Pattern.compile("P(\\d{1,6})W").matcher(t);
            Duration d = w.matches() ? Duration.ofDays(7L * Long.parseLong(w.group(1))) : Duration.parse(t);
            if (!d.isNegative() && !d.isZero()) return d;
        } catch (DateTimeParseException | ArithmeticException e) {
            // reported below
        }
        throw DataValidationException.param(param, text, "must be a positive ISO-8601 duration in weeks, days, hours, minutes or seconds",
                "write e.g. \"P30D\" (30 days), \"PT12H\" (12 hours), \"P1DT6H\" or \"P2W\"");
    }

    private static void requireInputs(JsonFields s, Map<String, StepInput> inputs, List<String> required, List<String> optional) {
        for (String r : required) {
            if (!inputs.containsKey(r)) {
                throw DataValidationException.param(s.param("inputs." + r), "missing", s.text("type") + " steps read input '" + r + "'",
                        "add \"inputs\": {\"" + r + "\": \"steps.STEP.outputs.NAME\" or a path}");
            }
        }
        List<String> known = new ArrayList<>(required);
        known.addAll(optional);
        for (String k : inputs.keySet()) {
            if (!known.contains(k)) {
                String hint = Columns.closest(k, known);
                throw DataValidationException.param(s.param("inputs." + k), inputs.get(k), "is not an input of " + s.text("type") + " steps",
                        (hint != null ? "did you mean '" + hint + "'? " : "") + "its inputs are " + known);
            }
        }
    }

    private static StepSpec.Processing readProcessing(JsonFields s, Map<String, StepInput> inputs, Map<String, String> outputs, Map<String, Parameter> params) {
        List<String> kinds = new ArrayList<>();
        for (String k : List.of("holdout", "command", "preprocessing")) if (s.has(k)) kinds.add(k);
        if (kinds.size() != 1) {
            throw DataValidationException.param(s.path(), kinds.isEmpty() ? "none" : String.join(", ", kinds),
                    "a Processing step has exactly one of holdout (a verb and its arguments), command (a program) or preprocessing (a spec fitted on input train)",
                    kinds.isEmpty() ? "add e.g. \"holdout\": [\"split\", \"--input\", \"${inputs.data}\", \"--output\", \"${output}\", ...]" : "keep one of them");
        }
        String kind = kinds.get(0);
        if (kind.equals("preprocessing")) {
            requireInputs(s, inputs, List.of("train"), List.of());
            JsonFields pre = s.object("preprocessing");
            dev.holdout.train.PreprocessingSpecs.fromJson(pre); // checked now, fitted when the step runs
            return new StepSpec.Processing(StepSpec.Processing.Kind.PREPROCESSING, List.of(), pre.node());
        }
        List<String> args = s.texts(kind);
        if (args.isEmpty()) throw DataValidationException.param(s.param(kind), "[]", "needs at least the " + (kind.equals("holdout") ? "verb" : "program"), "e.g. [\"split\", ...]");
        if (kind.equals("holdout") && !VERBS.contains(args.get(0))) {
            String hint = Columns.closest(args.get(0), VERBS);
            throw DataValidationException.param(s.param(kind) + "[0]", args.get(0), "is not a verb a Processing step runs",
                    (hint != null ? "did you mean '" + hint + "'? " : "") + "use one of " + VERBS + " (or \"command\" for another program)");
        }
        for (int i = 0; i < args.size(); i++) checkPlaceholders(args.get(i), s.param(kind) + "[" + i + "]", params, inputs.keySet(), true);
        if (outputs.isEmpty()) {
            throw DataValidationException.param(s.param("outputs"), "missing", "a Processing step declares what it writes into ${output}",
                    "add \"outputs\": {\"train\": \"train.csv\"} (paths inside the output folder; \"\" for the folder itself is not allowed, name a file or subfolder)");
        }
        return new StepSpec.Processing(kind.equals("holdout") ? StepSpec.Processing.Kind.HOLDOUT : StepSpec.Processing.Kind.COMMAND, args, null);
    }

    private static StepSpec.Training readTraining(JsonFields s, Map<String, StepInput> inputs, Path base) {
        requireInputs(s, inputs, List.of("train"), List.of("validation", "preprocessing"));
        JsonFields job = s.object("job");
        for (String k : List.of("channels", "output")) {
            if (job.has(k)) {
                throw DataValidationException.param(job.param(k), job.get(k), "is set by the pipeline (" + (k.equals("output") ? "the step's own folder" : "the step's inputs train and validation") + ")",
                        "remove \"" + k + "\" from the job; " + (k.equals("channels") ? "give inputs {\"train\": ..., \"validation\": ...}" : "the job folder is output 'model'"));
            }
        }
        if (inputs.containsKey("preprocessing") && job.has("preprocessing")) {
            throw DataValidationException.param(job.param("preprocessing"), job.get("preprocessing"), "is given twice: here and as input 'preprocessing'",
                    "keep one: the input (a Processing step's preprocessing spec) or this field");
        }
        // checked now as holdout train would check it, with stand-in channel paths (the files come when the step runs)
        TrainingJob parsed = TrainingJob.fromJson(withChannels(job.node(), "train.csv", inputs.containsKey("validation") ? "validation.csv" : null, null, job.path()), base);
        return new StepSpec.Training(job.node(), parsed.hyperparameters().objective());
    }

    /** The job spec with its channels (and a preprocessing spec) filled in, for {@link TrainingJob#fromJson(JsonFields, Path)}. */
    static JsonFields withChannels(JsonNode job, String train, String validation, JsonNode preprocessing, String path) {
        ObjectNode o = job.deepCopy();
        ObjectNode ch = o.putObject("channels");
        ch.put("train", train);
        if (validation != null) ch.put("validation", validation);
        if (preprocessing != null) o.set("preprocessing", preprocessing);
        return JsonFields.of(o, path);
    }

    /** Checks {@code ${...}} placeholders: parameters that exist, inputs that exist, {@code ${output}} where allowed. */
    static void checkPlaceholders(String text, String param, Map<String, Parameter> params, Set<String> inputs, boolean inArgs) {
        Matcher m = PLACEHOLDER.matcher(text);
        while (m.find()) {
            String ref = m.group(1);
            if (ref.startsWith("parameters.") && params.containsKey(ref.substring("parameters.".length()))) continue;
            if (inArgs && ref.equals("output")) continue;
            if (inArgs && ref.startsWith("inputs.") && inputs.contains(ref.substring("inputs.".length()))) continue;
            List<String> known = new ArrayList<>();
            params.keySet().forEach(p -> known.add("parameters." + p));
            if (inArgs) {
                known.add("output");
                inputs.forEach(i -> known.add("inputs." + i));
            }
            String hint = Columns.closest(ref, known);
            throw DataValidationException.param(param, text, "refers to ${" + ref + "}, which is not defined here",
                    (hint != null ? "did you mean '${" + hint + "}'? " : "") + "known: " + known.stream().map(k -> "${" + k + "}").toList());
        }
    }

    // ---------------------------------------------------------------- the graph

    /** Checks references and adds the implicit edges (producers, branches, json_get) to each step's dependsOn. */
    private static List<StepSpec> link(List<StepSpec> steps, Map<String, JsonFields> where) {
        Map<String, StepSpec> byName = new LinkedHashMap<>();
        for (StepSpec s : steps) byName.put(s.name(), s);
        List<String> names = List.copyOf(byName.keySet());
        Map<String, String> branchOf = new HashMap<>();
        for (StepSpec s : steps) {
            if (s.action() instanceof StepSpec.ConditionStep c) {
                for (String key : List.of("if_steps", "else_steps")) {
                    for (String t : key.equals("if_steps") ? c.ifSteps() : c.elseSteps()) {
                        String param = where.get(s.name()).param(key);
                        requireStep(t, names, param);
                        if (t.equals(s.name())) throw DataValidationException.param(param, t, "a Condition step cannot run itself", "list other steps");
                        if (branchOf.containsKey(t)) {
                            throw DataValidationException.param(param, t, "is already listed in a branch of " + branchOf.get(t),
                                    "a step belongs to at most one branch; let its other condition's branch depend on it instead");
                        }
                        branchOf.put(t, s.name());
                    }
                }
            }
        }
        List<StepSpec> out = new ArrayList<>();
        for (StepSpec s : steps) {
            JsonFields w = where.get(s.name());
            Set<String> deps = new LinkedHashSet<>();
            for (int i = 0; i < s.dependsOn().size(); i++) {
                requireStep(s.dependsOn().get(i), names, w.param("depends_on") + "[" + i + "]");
                deps.add(s.dependsOn().get(i));
            }
            for (Map.Entry<String, StepInput> e : s.inputs().entrySet()) {
                if (e.getValue() instanceof StepInput.Output o) {
                    String param = w.param("inputs." + e.getKey());
                    requireStep(o.step(), names, param);
                    StepSpec producer = byName.get(o.step());
                    if (!producer.outputs().containsKey(o.output())) {
                        String hint = Columns.closest(o.output(), List.copyOf(producer.outputs().keySet()));
                        throw DataValidationException.param(param, o.toString(), "reads output '" + o.output() + "', which step " + o.step() + " does not write",
                                (hint != null ? "did you mean 'steps." + o.step() + ".outputs." + hint + "'? " : "")
                                        + (producer.outputs().isEmpty() ? "step " + o.step() + " (" + producer.type() + ") writes no outputs"
                                        : "step " + o.step() + " writes " + producer.outputs().keySet()));
                    }
                    deps.add(o.step());
                }
            }
            if (branchOf.containsKey(s.name())) deps.add(branchOf.get(s.name()));
            List<Value> values = new ArrayList<>();
            if (s.action() instanceof StepSpec.ConditionStep c) for (Condition cond : c.conditions()) values.addAll(cond.values());
            if (s.action() instanceof StepSpec.Fail f) values.addAll(f.message());
            for (Value v : values) deps.addAll(checkValue(v, byName, names, s));
            if (deps.contains(s.name())) {
                throw DataValidationException.param(w.param("name"), s.name(), "step " + s.name() + " reads its own output", "read another step's output");
            }
            out.add(new StepSpec(s.name(), s.type(), s.inputs(), s.outputs(), List.copyOf(deps), s.cache(), s.definition(), s.action()));
        }
        return out;
    }

    /** Checks a value's references; returns the steps it reads. */
    private static List<String> checkValue(Value v, Map<String, StepSpec> byName, List<String> names, StepSpec in) {
        if (v instanceof Value.Parameter p) {
            // parameters are checked against the declared ones when the pipeline's parameters are known: here
            return List.of();
        }
        if (!(v instanceof Value.JsonGet g)) return List.of();
        requireStep(g.step(), names, g.where() + ".step");
        StepSpec source = byName.get(g.step());
        if (source.type() != StepType.EVALUATION) {
            throw DataValidationException.param(g.where() + ".step", g.step(), "json_get reads an Evaluation step's property file; step " + g.step() + " is " + source.type(),
                    "name an Evaluation step");
        }
        List<String> paths = evaluationPaths(source, byName);
        if (!paths.contains(g.path())) {
            String hint = Columns.closest(g.path(), paths);
            if (g.path().startsWith("metrics.")) {
                try {
                    // a metric's other names (auc, logloss, acc) point at the key the file uses
                    String key = "metrics." + dev.holdout.metrics.Metric.byName(g.path().substring("metrics.".length())).key();
                    if (paths.contains(key)) hint = key;
                } catch (DataValidationException notAMetric) {
                    // keep the closest by spelling
                }
            }
            throw DataValidationException.param(g.where() + ".path", g.path(), "is not a path in step " + g.step() + "'s " + EVALUATION_FILE,
                    (hint != null ? "did you mean '" + hint + "'? " : "") + "its paths are " + paths);
        }
        return List.of(g.step());
    }

    /**
     * The paths of an Evaluation step's property file: {@code rows}, {@code label}, {@code objective} and
     * {@code metrics.KEY} for each metric of the model's objective (known when the model is a Training step's).
     */
    static List<String> evaluationPaths(StepSpec evaluation, Map<String, StepSpec> byName) {
        List<String> out = new ArrayList<>(List.of("rows", "label", "objective"));
        Set<String> keys = new LinkedHashSet<>();
        StepInput model = evaluation.inputs().get("model");
        if (model instanceof StepInput.Output o && byName.get(o.step()) != null && byName.get(o.step()).action() instanceof StepSpec.Training t) {
            keys.addAll(Evaluation.metricKeys(t.objective()));
        } else {
            for (String objective : List.of("binary:logistic", "multi:softprob", "reg:squarederror")) keys.addAll(Evaluation.metricKeys(objective));
        }
        for (String k : keys) out.add("metrics." + k);
        return out;
    }

    private static void requireStep(String name, List<String> names, String param) {
        if (!names.contains(name)) {
            String hint = Columns.closest(name, names);
            throw DataValidationException.param(param, name, "no step is named " + name,
                    (hint != null ? "did you mean '" + hint + "'? " : "") + "the steps are " + names);
        }
    }

    /** A topological order (Kahn's, file order among ready steps); a cycle is an error that lists it. */
    private static List<String> order(List<StepSpec> steps, Map<String, JsonFields> where) {
        Map<String, StepSpec> byName = new LinkedHashMap<>();
        for (StepSpec s : steps) byName.put(s.name(), s);
        List<String> out = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        boolean progress = true;
        while (progress && out.size() < steps.size()) {
            progress = false;
            for (StepSpec s : steps) {
                if (!done.contains(s.name()) && done.containsAll(s.dependsOn())) {
                    done.add(s.name());
                    out.add(s.name());
                    progress = true;
                    break;
                }
            }
        }
        if (out.size() == steps.size()) return out;
        // a cycle: walk from a step that is not done along not-done dependencies until a step repeats
        String at = steps.stream().map(StepSpec::name).filter(n -> !done.contains(n)).findFirst().orElseThrow();
        List<String> path = new ArrayList<>();
        while (!path.contains(at)) {
            path.add(at);
            at = byName.get(at).dependsOn().stream().filter(d -> !done.contains(d)).findFirst().orElseThrow();
        }
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(at), path.size()));
        java.util.Collections.reverse(cycle);
        cycle.add(cycle.get(0));
        throw DataValidationException.param("steps", String.join(" -> ", cycle), "form a cycle (each step waits for the one before it)",
                "break the cycle: one of these steps must not read the next one's output");
    }

    /** Checks the {@code {"parameter": ...}} values against the declared parameters. */
    void checkParameterValues() {
        for (StepSpec s : steps) {
            List<Value> values = new ArrayList<>();
            if (s.action() instanceof StepSpec.ConditionStep c) for (Condition cond : c.conditions()) values.addAll(cond.values());
            if (s.action() instanceof StepSpec.Fail f) values.addAll(f.message());
            for (Value v : values) {
                if (v instanceof Value.Parameter p && !parameters.containsKey(p.name())) {
                    String hint = Columns.closest(p.name(), List.copyOf(parameters.keySet()));
                    throw DataValidationException.param(p.where(), p.name(), "no parameter is named " + p.name(),
                            (hint != null ? "did you mean '" + hint + "'? " : "") + "the parameters are " + parameters.keySet());
                }
            }
        }
    }

    @Override public String toString() { return "Pipeline[" + name + ", steps=" + order + "]"; }
}
