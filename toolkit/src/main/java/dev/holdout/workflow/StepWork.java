package dev.holdout.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.cli.HoldoutCli;
import dev.holdout.data.CsvLoader;
import dev.holdout.experiments.Experiments;
import dev.holdout.experiments.Run;
import dev.holdout.registry.ApprovalStatus;
import dev.holdout.registry.ModelRegistry;
import dev.holdout.registry.ModelVersion;
import dev.holdout.store.Store;
import dev.holdout.io.JsonFields;
import dev.holdout.io.OutputFolder;
import dev.holdout.io.StrictJson;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.serve.BatchTransform;
import dev.holdout.serve.Scorer;
import dev.holdout.train.PreprocessingSpecs;
import dev.holdout.train.TrainingJob;
import dev.holdout.train.TrainingListener;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import tech.tablesaw.api.Table;

/**
 * The work of one step, in its folder {@code <execution>/<step>/}: {@code input/<name>} (links to the inputs, as
 * SageMaker's {@code /opt/ml/processing/input}), {@code output/} (what the step writes; swapped into place whole,
 * so a killed step leaves no half output) and {@code step.log}.
 */
final class StepWork {
    /** A step that failed for a reason the user can act on (the record's reason). */
    static final class StepFailure extends RuntimeException {
        StepFailure(String message) { super(message, null, false, false); }
    }

    /** What a step produced: its output folder (null for Condition and Fail), outputs by name, property JSON, condition outcome. */
    record Result(Path outputDir, Map<String, String> outputs, String properties, Boolean outcome) {}

    private final StepSpec spec;
    private final Path dir;
    private final Path output;
    private final Map<String, Path> inputs;
    private final Map<String, JsonNode> params;
    private final Pipeline pipeline;
    private final Function<Value.JsonGet, JsonNode> property;
    private final Store store;
    private final String execution;

    StepWork(StepSpec spec, Path dir, Map<String, Path> inputs, Map<String, JsonNode> params, Pipeline pipeline,
             Function<Value.JsonGet, JsonNode> property, Store store, String execution) {
        this.store = store;
        this.execution = execution;
        this.spec = spec;
        this.dir = dir;
        this.output = dir.resolve("output");
        this.inputs = inputs;
        this.params = params;
        this.pipeline = pipeline;
        this.property = property;
    }

    Result run() throws IOException {
        linkInputs();
        return switch (spec.type()) {
            case PROCESSING -> processing((StepSpec.Processing) spec.action());
            case TRAINING -> training((StepSpec.Training) spec.action());
            case EVALUATION -> evaluation();
            case CONDITION -> condition((StepSpec.ConditionStep) spec.action());
            case REGISTER_MODEL -> registerModel((StepSpec.RegisterModel) spec.action());
            case TRANSFORM -> transform((StepSpec.Transform) spec.action());
            case FAIL -> throw new StepFailure(message(((StepSpec.Fail) spec.action()).message()));
        };
    }

    /** {@code input/<name>} → the input, so a command finds its inputs where SageMaker's processing container would. */
    private void linkInputs() throws IOException {
        if (inputs.isEmpty()) return;
        Path in = Files.createDirectories(dir.resolve("input"));
        for (Map.Entry<String, Path> e : inputs.entrySet()) {
            Path link = in.resolve(e.getKey());
            if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) Files.createSymbolicLink(link, e.getValue());
        }
    }

    /** Output name → absolute path, from the declared relative paths. */
    private Map<String, String> outputs(Path folder) {
        Map<String, String> out = new LinkedHashMap<>();
        spec.outputs().forEach((k, rel) -> out.put(k, (rel.isEmpty() ? folder : folder.resolve(rel)).toString()));
        return out;
    }

    private Result done(Path folder, String properties, Boolean outcome) {
        for (Map.Entry<String, String> e : spec.outputs().entrySet()) {
            Path p = e.getValue().isEmpty() ? folder : folder.resolve(e.getValue());
            if (!Files.exists(p)) {
                throw new StepFailure("declared output '" + e.getKey() + "' (" + e.getValue() + ") was not written into " + folder
                        + "; the step wrote " + listing(folder));
            }
        }
        return new Result(folder, outputs(folder), properties, outcome);
    }

    private static String listing(Path folder) {
        try (var s = Files.list(folder)) {
            List<String> names = s.map(p -> p.getFileName().toString()).sorted().toList();
            return names.isEmpty() ? "nothing" : names.toString();
        } catch (IOException e) {
            return "nothing (" + e.getMessage() + ")";
        }
    }

    // ---------------------------------------------------------------- Processing

    private Result processing(StepSpec.Processing p) throws IOException {
        return switch (p.kind()) {
            case PREPROCESSING -> preprocessing(p.preprocessing());
            case HOLDOUT -> holdoutVerb(p.args());
            case COMMAND -> command(p.args());
        };
    }

    private List<String> args(List<String> templates) {
        List<String> out = new ArrayList<>();
        for (String t : templates) {
            Matcher m = Pipeline.PLACEHOLDER.matcher(t);
            StringBuilder sb = new StringBuilder();
            while (m.find()) {
                String ref = m.group(1);
                String v;
                if (ref.equals("output")) v = output.toString();
                else if (ref.startsWith("inputs.")) v = inputs.get(ref.substring("inputs.".length())).toString();
                else v = params.get(ref.substring("parameters.".length())).asText();
                m.appendReplacement(sb, Matcher.quoteReplacement(v));
            }
            m.appendTail(sb);
            out.add(sb.toString());
        }
        return out;
    }

    /** A Holdout verb in this JVM, writing into {@code output/}; its messages go to {@code step.log}. */
    private Result holdoutVerb(List<String> templates) throws IOException {
        List<String> args = args(templates);
        Files.createDirectories(output);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = HoldoutCli.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args.toArray(String[]::new));
        Files.writeString(dir.resolve("step.log"), "$ holdout " + String.join(" ", args) + "\n" + out + err, StandardCharsets.UTF_8);
        if (code != 0) {
            throw new StepFailure("holdout " + args.get(0) + " exited with code " + code + ": " + lastLines(err.toString().isBlank() ? out.toString() : err.toString(), 3));
        }
        return done(output, null, null);
    }

    /** An external program, run in the step's folder with {@code HOLDOUT_INPUT} and {@code HOLDOUT_OUTPUT} set. */
    private Result command(List<String> templates) throws IOException {
        List<String> args = args(templates);
        Files.createDirectories(output);
        Path log = dir.resolve("step.log");
        ProcessBuilder pb = new ProcessBuilder(args).directory(dir.toFile()).redirectErrorStream(true).redirectOutput(log.toFile());
        pb.environment().put("HOLDOUT_INPUT", dir.resolve("input").toString());
        pb.environment().put("HOLDOUT_OUTPUT", output.toString());
        Process proc;
        try {
            proc = pb.start();
        } catch (IOException e) {
            throw new StepFailure("cannot start " + args.get(0) + ": " + e.getMessage() + "; check the program's name and that it is on PATH");
        }
        int code;
        try {
            code = proc.waitFor();
        } catch (InterruptedException e) {
            proc.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new StepFailure("interrupted");
        }
        if (code != 0) {
            throw new StepFailure(args.get(0) + " exited with code " + code + (Files.size(log) > 0 ? ": " + lastLines(Files.readString(log), 3) : "")
                    + " (whole output in " + log + ")");
        }
        return done(output, null, null);
    }

    private static String lastLines(String text, int n) {
        String[] lines = text.strip().split("\\R");
        return String.join(" / ", java.util.Arrays.asList(lines).subList(Math.max(0, lines.length - n), lines.length));
    }

    /** Fits the spec on input {@code train} only; writes the fitted {@code preprocessor.json} and the spec {@code preprocessing.json}. */
    private Result preprocessing(JsonNode specNode) {
        Preprocessor pre = PreprocessingSpecs.fromJson(JsonFields.of(specNode, "steps." + spec.name() + ".preprocessing"));
        Path train = inputs.get("train");
        Table t = CsvLoader.forFile(train).load(train);
        FittedPreprocessor fitted = pre.fit(t);
        String specText = StrictJson.pretty(specNode);
        try (OutputFolder out = OutputFolder.at(output).named("steps." + spec.name()).input("train", train).claim()) {
            out.write(tmp -> {
                Files.writeString(tmp.resolve("preprocessor.json"), fitted.toJson(), StandardCharsets.UTF_8);
                Files.writeString(tmp.resolve("preprocessing.json"), specText, StandardCharsets.UTF_8);
            });
        }
        return done(output, null, null);
    }

    // ---------------------------------------------------------------- Training, Evaluation, Transform

    private Result training(StepSpec.Training t) throws IOException {
        JsonNode preprocessing = null;
        if (inputs.containsKey("preprocessing")) preprocessing = StrictJson.read(inputs.get("preprocessing"), "steps." + spec.name() + ".inputs.preprocessing");
        Path validation = inputs.get("validation");
        JsonFields job = Pipeline.withChannels(t.job(), inputs.get("train").toString(), validation == null ? null : validation.toString(), preprocessing,
                "steps." + spec.name() + ".job");
        TrainingJob parsed = TrainingJob.fromJson(job, pipeline.base()).withOutput(output);
        var result = parsed.run(TrainingListener.NONE);
        // the experiment run: recorded in the store this execution is recorded in (a failure to record fails the step, never silently)
        Run run = Experiments.open(store).record(output, Experiments.PIPELINE, execution + "/" + spec.name());
        ObjectNode props = StrictJson.mapper().createObjectNode();
        props.put("experiment_run", run.id());
        props.put("best_iteration", result.bestIteration());
        props.put("stopped_early", result.stoppedEarly());
        ObjectNode metrics = props.putObject("metrics");
        result.evaluation().values().forEach((part, m) -> {
            ObjectNode o = metrics.putObject(part);
            m.forEach(o::put);
        });
        return done(output, props.toString(), null);
    }

    private static Path modelFolder(Path model) {
        return Files.isDirectory(model.resolve("model")) ? model.resolve("model") : model;
    }

    /** Metrics of input {@code model} on input {@code data}: the property file {@code evaluation.json}. */
    private Result evaluation() {
        Path data = inputs.get("data");
        Scorer scorer = Scorer.load(modelFolder(inputs.get("model")));
        Table rows = scorer.loader(data, Map.of()).load(data);
        if (rows.rowCount() == 0) throw new StepFailure("input data " + data + " has a header but no rows; nothing to evaluate");
        Map<String, Double> m = scorer.model().evaluate(rows);
        ObjectNode props = StrictJson.mapper().createObjectNode();
        props.put("rows", rows.rowCount());
        props.put("label", scorer.model().label());
        props.put("objective", scorer.model().objective());
        ObjectNode metrics = props.putObject("metrics");
        m.forEach(metrics::put);
        String text = StrictJson.pretty(props);
        try (OutputFolder out = OutputFolder.at(output).named("steps." + spec.name()).input("data", data).claim()) {
            out.write(tmp -> Files.writeString(tmp.resolve(Pipeline.EVALUATION_FILE), text, StandardCharsets.UTF_8));
        }
        return done(output, text, null);
    }

    /** Scores input {@code data} with input {@code model} through the batch-transform engine: {@code <data>.out}. */
    private Result transform(StepSpec.Transform t) {
        Path data = inputs.get("data");
        Scorer scorer = Scorer.load(modelFolder(inputs.get("model")));
        BatchTransform bt = BatchTransform.of(scorer).joinSource(t.joinSource()).threads(t.threads());
        long[] rows = new long[1];
        try (OutputFolder out = OutputFolder.at(output).named("steps." + spec.name()).input("data", data).claim()) {
            out.write(tmp -> rows[0] = bt.run(data, tmp, BatchTransform.Listener.NONE).rows());
        }
        ObjectNode props = StrictJson.mapper().createObjectNode();
        props.put("rows", rows[0]);
        props.put("file", BatchTransform.outputName(data));
        return done(output, props.toString(), null);
    }

    // ---------------------------------------------------------------- Condition, RegisterModel, Fail

    private JsonNode value(Value v) {
        if (v instanceof Value.Literal l) return l.value();
        if (v instanceof Value.Parameter p) return params.get(p.name());
        return property.apply((Value.JsonGet) v);
    }

    private Result condition(StepSpec.ConditionStep c) {
        ObjectNode props = StrictJson.mapper().createObjectNode();
        ArrayNode list = props.putArray("conditions");
        boolean all = true;
        for (Condition cond : c.conditions()) {
            boolean holds;
            try {
                holds = cond.holds(this::value);
            } catch (dev.holdout.data.DataValidationException e) {
                throw new StepFailure(e.getMessage());
            }
            ObjectNode o = list.addObject();
            o.put("condition", cond.describe());
            ObjectNode values = o.putObject("values");
            for (Value v : cond.values()) values.set(v.describe(), value(v));
            o.put("holds", holds);
            all &= holds;
        }
        props.put("outcome", all);
        props.set("runs", StrictJson.mapper().valueToTree(all ? c.ifSteps() : c.elseSteps()));
        return new Result(null, Map.of(), props.toString(), all);
    }

    /** A new version of the group in the model registry (a cache hit reuses the version an identical model got). */
    private Result registerModel(StepSpec.RegisterModel r) {
        Path job = inputs.get("model");
        String description = r.description() != null ? r.description() : "registered by pipeline " + pipeline.name() + ", execution " + execution;
        ModelVersion v = ModelRegistry.open(store).register(r.group(), job, description, ApprovalStatus.valueOf(r.status()));
        ObjectNode props = StrictJson.mapper().createObjectNode();
        props.put("version", v.ref());
        props.put("group", v.group());
        props.put("number", v.version());
        props.put("status", v.status().name());
        props.put("model_sha256", v.modelSha256());
        String text = StrictJson.pretty(props);
        try (OutputFolder out = OutputFolder.at(output).named("steps." + spec.name()).claim()) {
            out.write(tmp -> Files.writeString(tmp.resolve("registration.json"), text, StandardCharsets.UTF_8));
        }
        return done(output, text, null);
    }

    private String message(List<Value> parts) {
        StringBuilder sb = new StringBuilder();
        for (Value v : parts) {
            JsonNode n = value(v);
            sb.append(n.isTextual() ? n.asText() : n.toString());
        }
        return sb.toString();
    }
}
