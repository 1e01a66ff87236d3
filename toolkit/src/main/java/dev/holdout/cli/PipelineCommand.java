package dev.holdout.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import dev.holdout.workflow.Execution;
import dev.holdout.workflow.ExecutionRecords;
import dev.holdout.workflow.Pipeline;
import dev.holdout.workflow.PipelineExecutor;
import dev.holdout.workflow.StepRecord;
import dev.holdout.workflow.StepType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code holdout pipeline run FILE.json | executions NAME | show EXECUTION}: workflow pipelines on the store.
 */
@Command(name = "pipeline", mixinStandardHelpOptions = true,
        description = {"Workflow pipelines: a JSON file of steps (Processing, Training, Evaluation, Condition, RegisterModel, Transform, Fail)",
                "run as a DAG with content-keyed caching; every execution is recorded in the store. Example: pipelines/quickstart.json."},
        subcommands = {PipelineCommand.Run.class, PipelineCommand.Executions.class, PipelineCommand.Show.class})
final class PipelineCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override public void run() { spec.commandLine().usage(spec.commandLine().getOut()); }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a pipeline: steps whose inputs are ready run in parallel (up to --parallelism); a step whose definition and",
                    "input contents (SHA-256) are unchanged reuses its earlier output. A failed step stops its dependents; --resume EXECUTION",
                    "reruns from the failed step. Exit code 0 when it succeeds, 3 when a Fail step stopped it, 1 when a step failed."})
    static final class Run implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;

        @Parameters(index = "0", paramLabel = "FILE.json", description = "The pipeline definition.")
        Path file;

        @Option(names = "--param", paramLabel = "NAME=VALUE", description = "A parameter's value for this run (repeatable); others take the file's defaults.")
        List<String> params = List.of();

        @Option(names = "--parallelism", paramLabel = "N", defaultValue = "1", description = "At most N steps at once (default 1).")
        int parallelism;

        @Option(names = "--resume", paramLabel = "EXECUTION", description = "Continue this failed execution: reuse the steps it completed, rerun from the failed step.")
        String resume;

        @Option(names = "--no-cache", description = "Run every step, reusing nothing (the results are still recorded for later runs).")
        boolean noCache;

        @Option(names = "--work", paramLabel = "DIR", description = "Where step folders go (default: pipelines/ beside the store's file).")
        Path work;

        @Mixin FormatOption format;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            boolean json = format.json();
            Map<String, String> given = parseParams(params);
            Pipeline pipeline = Pipeline.read(file);
            PipelineExecutor ex = PipelineExecutor.on(store.store()).parallelism(parallelism).caching(!noCache);
            if (work != null) ex = ex.workRoot(work);
            if (!json) ex = ex.listener(new Progress(out));
            Execution e = resume != null ? ex.resume(pipeline, resume, given) : ex.run(pipeline, given);
            if (json) out.println(StrictJson.pretty(toJson(e)));
            else out.println(summary(e));
            out.flush();
            if (e.succeeded()) return HoldoutCli.EXIT_OK;
            for (StepRecord r : e.steps()) if (r.type() == StepType.FAIL && r.status().equals(StepRecord.FAILED)) return HoldoutCli.EXIT_CHECK_FAILED;
            return HoldoutCli.EXIT_FAILURE;
        }
    }

    @Command(name = "executions", mixinStandardHelpOptions = true, description = "List a pipeline's executions, newest first: status, times, steps run, cached, failed.")
    static final class Executions implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;

        @Parameters(index = "0", paramLabel = "NAME", description = "The pipeline's name (its \"name\" field).")
        String name;

        @Mixin FormatOption format;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            ExecutionRecords records = new ExecutionRecords(store.store());
            List<Execution> list = records.list(name);
            if (list.isEmpty()) {
                List<String> known = records.pipelines();
                String hint = dev.holdout.data.Columns.closest(name, known);
                throw DataValidationException.param("NAME", name, "no execution of a pipeline with this name is recorded in " + store.store().file(),
                        (hint != null ? "did you mean '" + hint + "'? " : "") + (known.isEmpty() ? "run one with holdout pipeline run FILE.json" : "recorded pipelines: " + known));
            }
            if (format.json()) {
                ArrayNode a = StrictJson.mapper().createArrayNode();
                for (Execution e : list) a.add(toJson(e));
                out.println(StrictJson.pretty(a));
            } else {
                out.printf(Locale.ROOT, "%-24s %-10s %-20s %9s  %s%n", "execution", "status", "started (UTC)", "took", "steps");
                for (Execution e : list) {
                    out.printf(Locale.ROOT, "%-24s %-10s %-20s %9s  ran %d, cached %d, not run %d%s%n", e.id(), e.shownStatus(),
                            e.started().toString().substring(0, 19).replace('T', ' '), took(e.started() == null || e.ended() == null ? null : Duration.between(e.started(), e.ended())),
                            e.ran().size(), e.cached().size(), e.notRun().size(), e.resumedFrom() != null ? " (resumed " + e.resumedFrom() + ")" : "");
                }
            }
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "One execution: parameters, and each step's status, time, cache hit, outputs and reason.")
    static final class Show implements Callable<Integer> {
        @Spec CommandSpec spec;
        @Mixin StoreOption store;

        @Parameters(index = "0", paramLabel = "EXECUTION", description = "The execution id (e.g. quickstart-2).")
        String id;

        @Mixin FormatOption format;

        @Override public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Execution e = new ExecutionRecords(store.store()).get(id);
            if (format.json()) out.println(StrictJson.pretty(toJson(e)));
            else out.println(summary(e));
            out.flush();
            return HoldoutCli.EXIT_OK;
        }
    }

    /** Prints each step as it starts and ends. */
    private static final class Progress implements PipelineExecutor.Listener {
        private final PrintWriter out;

        Progress(PrintWriter out) { this.out = out; }

        @Override public void started(Execution e) {
            synchronized (out) {
                out.println("execution " + e.id() + " (steps in " + e.workDir() + ")");
                out.flush();
            }
        }

        @Override public void stepStarted(String step, StepType type) {
            synchronized (out) {
                out.println("  " + step + " (" + type + "): running");
                out.flush();
            }
        }

        @Override public void stepEnded(StepRecord r) {
            synchronized (out) {
                out.println("  " + r.step() + " (" + r.type() + "): " + line(r));
                out.flush();
            }
        }
    }

    static Map<String, String> parseParams(List<String> params) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String p : params) {
            int eq = p.indexOf('=');
            if (eq <= 0) throw DataValidationException.param("--param", p, "must be NAME=VALUE", "write e.g. --param min_auc=0.75");
            String k = p.substring(0, eq);
            if (out.containsKey(k)) throw DataValidationException.param("--param", p, "gives " + k + " twice", "give each parameter once");
            out.put(k, p.substring(eq + 1));
        }
        return out;
    }

    private static String line(StepRecord r) {
        StringBuilder sb = new StringBuilder(r.shownStatus());
        if (r.elapsed() != null && !r.cacheHit()) sb.append(" in ").append(took(r.elapsed()));
        if (r.reason() != null) sb.append(": ").append(r.reason());
        if (r.type() == StepType.CONDITION && r.properties() != null) {
            JsonNode p = StrictJson.parse(r.properties(), "properties");
            sb.append(": ").append(p.path("outcome").asBoolean() ? "holds" : "does not hold");
            for (JsonNode c : p.path("conditions")) sb.append("; ").append(c.path("condition").asText()).append(" with ").append(c.path("values"));
        }
        return sb.toString();
    }

    static String summary(Execution e) {
        StringBuilder sb = new StringBuilder();
        sb.append("execution ").append(e.id()).append(": ").append(e.shownStatus());
        if (e.reason() != null) sb.append(" — ").append(e.reason());
        sb.append('\n');
        sb.append("  pipeline ").append(e.pipeline()).append(" (").append(e.definitionFile()).append(", sha256 ").append(e.definitionSha256(), 0, 12).append(")\n");
        sb.append("  parameters ").append(e.parameters()).append('\n');
        if (e.resumedFrom() != null) sb.append("  resumed from ").append(e.resumedFrom()).append('\n');
        sb.append("  ran ").append(e.ran()).append(", cached ").append(e.cached()).append(", not run ").append(e.notRun()).append('\n');
        for (StepRecord r : e.steps()) {
            sb.append(String.format(Locale.ROOT, "  %-16s %-14s %s%n", r.step(), r.type(), line(r)));
            for (Map.Entry<String, String> o : r.outputs().entrySet()) sb.append("      ").append(o.getKey()).append(": ").append(o.getValue()).append('\n');
        }
        return sb.toString().stripTrailing();
    }

    static ObjectNode toJson(Execution e) {
        ObjectNode o = StrictJson.mapper().createObjectNode();
        o.put("execution", e.id());
        o.put("pipeline", e.pipeline());
        o.put("status", e.status());
        o.put("reason", e.reason());
        o.put("resumed_from", e.resumedFrom());
        o.put("definition_file", e.definitionFile().toString());
        o.put("definition_sha256", e.definitionSha256());
        o.set("parameters", StrictJson.parse(e.parameters(), "parameters"));
        o.put("work_dir", e.workDir().toString());
        o.put("started", e.started() == null ? null : e.started().toString());
        o.put("ended", e.ended() == null ? null : e.ended().toString());
        o.set("ran", StrictJson.mapper().valueToTree(e.ran()));
        o.set("cached", StrictJson.mapper().valueToTree(e.cached()));
        o.set("not_run", StrictJson.mapper().valueToTree(e.notRun()));
        ArrayNode steps = o.putArray("steps");
        for (StepRecord r : e.steps()) {
            ObjectNode s = steps.addObject();
            s.put("step", r.step());
            s.put("type", r.type().id());
            s.put("status", r.status());
            s.put("cache_hit", r.cacheHit());
            s.put("cached_from", r.cachedFrom());
            s.put("cache_key", r.cacheKey());
            s.put("started", r.started() == null ? null : r.started().toString());
            s.put("ended", r.ended() == null ? null : r.ended().toString());
            s.put("output_dir", r.outputDir() == null ? null : r.outputDir().toString());
            s.set("outputs", StrictJson.mapper().valueToTree(r.outputs()));
            s.set("properties", r.properties() == null ? null : StrictJson.parse(r.properties(), "properties"));
            s.put("reason", r.reason());
        }
        return o;
    }

    private static String took(Duration d) {
        if (d == null) return "-";
        double s = d.toMillis() / 1000.0;
        return s < 60 ? String.format(Locale.ROOT, "%.1f s", s) : String.format(Locale.ROOT, "%d min %02d s", (long) s / 60, (long) s % 60);
    }
}
