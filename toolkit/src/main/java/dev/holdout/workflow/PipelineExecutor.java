package dev.holdout.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.ContentHash;
import dev.holdout.io.EnvironmentException;
import dev.holdout.io.StrictJson;
import dev.holdout.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;

/**
 * Runs a {@link Pipeline}: every step whose inputs are ready starts, up to {@link #parallelism} at a time; each
 * step's record (status, times, cache key, outputs, reason) is kept in the store as it goes.
 *
 * <pre>{@code
 * Execution first = PipelineExecutor.on(store).parallelism(2).run(pipeline, Map.of("min_auc", "0.7"));
 * Execution again = PipelineExecutor.on(store).run(pipeline, Map.of("min_auc", "0.7"));
 * again.cached();    // every step that did work the first time: same definition, same input contents
 * }</pre>
 *
 * <p>Caching: a step's key is the SHA-256 of its definition, the parameter values it reads and the SHA-256 of each
 * input's contents (a folder's: of its files' contents and relative paths) — never paths or times. A step with an
 * earlier successful record of the same key (within its {@code expire_after}) whose output folder still holds what
 * it held reuses that output; change one byte of an input and that step reruns, and so does every step whose
 * inputs then change. Failure: a failed step's dependents do not run; steps that do not depend on it still run;
 * outputs written before stay. {@link #resume} starts a new execution that reuses each step the failed one
 * completed with the same key, so it reruns from the failed step.
 */
public final class PipelineExecutor {
    /** Told as steps start and end (on the executor's threads). */
    public interface Listener {
        Listener NONE = new Listener() {};

        default void started(Execution execution) {}

        default void stepStarted(String step, StepType type) {}

        default void stepEnded(StepRecord record) {}
    }

    private final ExecutionRecords records;
    private final int parallelism;
    private final Path workRoot;
    private final boolean caching;
    private final Clock clock;
    private final Listener listener;

    private PipelineExecutor(ExecutionRecords records, int parallelism, Path workRoot, boolean caching, Clock clock, Listener listener) {
        this.records = records;
        this.parallelism = parallelism;
        this.workRoot = workRoot;
        this.caching = caching;
        this.clock = clock;
        this.listener = listener;
    }

    /** An executor on {@code store}: one step at a time, caching on, step folders under {@code pipelines/} beside the store's file. */
    public static PipelineExecutor on(Store store) {
        Path parent = store.file().toAbsolutePath().getParent();
        return new PipelineExecutor(new ExecutionRecords(store), 1, parent.resolve("pipelines"), true, Clock.systemUTC(), Listener.NONE);
    }

    /** At most {@code n} steps at once (1..64). */
    public PipelineExecutor parallelism(int n) {
        if (n < 1 || n > 64) throw DataValidationException.param("--parallelism", n, "must be 1..64", "use e.g. 2 (the number of cores)");
        return new PipelineExecutor(records, n, workRoot, caching, clock, listener);
    }

    /** Where executions' step folders go: {@code <root>/<pipeline>/<number>/<step>/}. */
    public PipelineExecutor workRoot(Path root) { return new PipelineExecutor(records, parallelism, root, caching, clock, listener); }

    /** Whether cache hits are allowed at all ({@code --no-cache}: every step runs). */
    public PipelineExecutor caching(boolean on) { return new PipelineExecutor(records, parallelism, workRoot, on, clock, listener); }

    /** The clock (tests of {@code expire_after}). */
    public PipelineExecutor clock(Clock c) { return new PipelineExecutor(records, parallelism, workRoot, caching, c, listener); }

    public PipelineExecutor listener(Listener l) { return new PipelineExecutor(records, parallelism, workRoot, caching, clock, l); }

    public int parallelism() { return parallelism; }

    public ExecutionRecords records() { return records; }

    /** Runs the pipeline with {@code given} parameter values ({@code --param}); returns the recorded execution. */
    public Execution run(Pipeline pipeline, Map<String, String> given) {
        Map<String, JsonNode> params = pipeline.parameterValues(given);
        return execute(pipeline, params, null);
    }

    /**
     * Continues failed (or interrupted: its process was killed) execution {@code executionId} as a new execution: each step it completed is reused when its
     * key is unchanged; the failed step and what follows run. Its parameters are kept unless {@code given} overrides them.
     */
    public Execution resume(Pipeline pipeline, String executionId, Map<String, String> given) {
        Execution old = records.get(executionId);
        if (!old.pipeline().equals(pipeline.name())) {
            throw DataValidationException.param("--resume", executionId, "is an execution of pipeline " + old.pipeline() + ", not of " + pipeline.name(),
                    "resume it with that pipeline's file, or pass an execution of " + pipeline.name());
        }
        if (!old.status().equals(Execution.FAILED) && !old.interrupted()) {
            throw DataValidationException.param("--resume", executionId, "is " + old.status() + "; only a failed execution is resumed",
                    old.succeeded() ? "run the pipeline again instead (unchanged steps are cached)" : "wait for it to end, or run the pipeline again");
        }
        Map<String, String> merged = new LinkedHashMap<>();
        JsonNode was = StrictJson.parse(old.parameters(), "execution " + executionId + " parameters");
        was.fields().forEachRemaining(e -> {
            if (pipeline.parameters().containsKey(e.getKey())) merged.put(e.getKey(), e.getValue().asText());
        });
        merged.putAll(given);
        return execute(pipeline, pipeline.parameterValues(merged), old);
    }

    // ---------------------------------------------------------------- scheduling

    private Execution execute(Pipeline pipeline, Map<String, JsonNode> params, Execution resumed) {
        ObjectNode paramJson = StrictJson.mapper().createObjectNode();
        params.forEach(paramJson::set);
        Execution e = records.start(pipeline, paramJson.toString(), resumed == null ? null : resumed.id(), workRoot, clock.instant());
        listener.started(e);
        Run run = new Run(pipeline, params, e, resumed);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
            Thread t = new Thread(r, "pipeline-" + e.id() + "-" + threadNumber.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            CompletionService<StepRecord> done = new ExecutorCompletionService<>(pool);
            Set<String> pending = new LinkedHashSet<>(pipeline.order());
            int running = 0;
            while (true) {
                boolean changed = true;
                while (changed) {
                    changed = false;
                    for (String name : List.copyOf(pending)) {
                        StepSpec spec = pipeline.step(name);
                        if (!run.results.keySet().containsAll(spec.dependsOn())) continue;
                        String skip = run.notRunReason(spec);
                        if (skip != null) {
                            pending.remove(name);
                            StepRecord r = new StepRecord(name, spec.type(), StepRecord.NOT_RUN, null, null, null, null, Map.of(), null, skip, null, null);
                            run.results.put(name, r);
                            records.put(e.id(), r);
                            listener.stepEnded(r);
                            changed = true;
                        } else if (running < parallelism) {
                            pending.remove(name);
                            done.submit(() -> run.step(spec));
                            running++;
                            changed = true;
                        }
                    }
                }
                if (running == 0) break;
                StepRecord r;
                try {
                    r = done.take().get();
                } catch (ExecutionException ex) {
                    throw ex.getCause() instanceof RuntimeException re ? re : new IllegalStateException(ex.getCause());
                }
                running--;
                run.results.put(r.step(), r);
            }
            if (!pending.isEmpty()) throw new IllegalStateException("steps left unscheduled: " + pending);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            records.finish(e.id(), Execution.FAILED, "interrupted", clock.instant());
            throw new EnvironmentException("the pipeline was interrupted");
        } finally {
            pool.shutdownNow();
        }
        String reason = null;
        for (String name : pipeline.order()) {
            StepRecord r = run.results.get(name);
            if (r.status().equals(StepRecord.FAILED)) {
                reason = "step " + name + " (" + r.type() + ") failed: " + r.reason();
                break;
            }
        }
        records.finish(e.id(), reason == null ? Execution.SUCCEEDED : Execution.FAILED, reason, clock.instant());
        return records.get(e.id());
    }

    /** One execution in progress. */
    private final class Run {
        final Pipeline pipeline;
        final Map<String, JsonNode> params;
        final Execution execution;
        final Execution resumed;
        final Map<String, StepRecord> results = new ConcurrentHashMap<>();
        final Map<String, Boolean> outcomes = new ConcurrentHashMap<>();
        /** Earlier successes by step and key, newest first (read once: this execution's own records are never candidates). */
        final Map<String, List<ExecutionRecords.Cached>> earlier = new HashMap<>();

        Run(Pipeline pipeline, Map<String, JsonNode> params, Execution execution, Execution resumed) {
            this.pipeline = pipeline;
            this.params = params;
            this.execution = execution;
            this.resumed = resumed;
            if (caching) {
                for (ExecutionRecords.Cached c : records.successes(pipeline.name())) {
                    if (c.execution().equals(execution.id())) continue;
                    earlier.computeIfAbsent(c.record().step() + " " + c.record().cacheKey(), k -> new ArrayList<>()).add(c);
                }
            }
        }

        /** Why a step whose dependencies are all done does not run, or null when it runs. */
        String notRunReason(StepSpec spec) {
            for (String d : spec.dependsOn()) {
                StepRecord r = results.get(d);
                if (r.status().equals(StepRecord.FAILED)) return "step " + d + " failed";
                if (r.status().equals(StepRecord.NOT_RUN)) return "step " + d + " did not run";
            }
            for (StepSpec c : pipeline.steps()) {
                if (c.action() instanceof StepSpec.ConditionStep cond) {
                    Boolean outcome = outcomes.get(c.name());
                    if (cond.ifSteps().contains(spec.name()) && Boolean.FALSE.equals(outcome)) {
                        return "condition " + c.name() + " did not hold (this step is in its if_steps)";
                    }
                    if (cond.elseSteps().contains(spec.name()) && Boolean.TRUE.equals(outcome)) {
                        return "condition " + c.name() + " held (this step is in its else_steps)";
                    }
                }
            }
            return null;
        }

        /** Runs (or reuses) one step; never throws: a failure is the record's reason. */
        StepRecord step(StepSpec spec) {
            Instant start = clock.instant();
            Path dir = execution.workDir().resolve(spec.name());
            String key = null;
            try {
                Map<String, Path> inputs = inputs(spec);
                key = cacheKey(spec, inputs, params);
                StepRecord reused = reuse(spec, key);
                if (reused != null) {
                    records.put(execution.id(), reused);
                    listener.stepEnded(reused);
                    return reused;
                }
                StepRecord executing = new StepRecord(spec.name(), spec.type(), StepRecord.EXECUTING, key, null, dir, null, Map.of(), null, null, start, null);
                records.put(execution.id(), executing);
                listener.stepStarted(spec.name(), spec.type());
                Files.createDirectories(dir);
                StepWork.Result result = new StepWork(spec, dir, inputs, params, pipeline, this::property, records.store(), execution.id()).run();
                if (result.outcome() != null) outcomes.put(spec.name(), result.outcome());
                String digest = result.outputDir() == null ? null : ContentHash.folder(result.outputDir()).digest();
                StepRecord r = new StepRecord(spec.name(), spec.type(), StepRecord.SUCCEEDED, key, null, result.outputDir(), digest,
                        result.outputs(), result.properties(), null, start, clock.instant());
                records.put(execution.id(), r);
                listener.stepEnded(r);
                return r;
            } catch (StepWork.StepFailure | DataValidationException | EnvironmentException | UncheckedIOException | IOException ex) {
                return failed(spec, key, dir, start, ex.getMessage());
            } catch (RuntimeException | Error ex) {
                String what = ex.getMessage() == null ? "no message" : ex.getMessage();
                return failed(spec, key, dir, start, "internal error (a bug; please report it): " + what);
            }
        }

        private StepRecord failed(StepSpec spec, String key, Path dir, Instant start, String reason) {
            StepRecord r = new StepRecord(spec.name(), spec.type(), StepRecord.FAILED, key, null, Files.isDirectory(dir) ? dir : null, null, Map.of(), null,
                    reason == null ? "no reason given" : reason, start, clock.instant());
            try {
                records.put(execution.id(), r);
            } finally {
                listener.stepEnded(r);
            }
            return r;
        }

        /** A reusable earlier output for this key: from the resumed execution, else from the cache; null when none. */
        private StepRecord reuse(StepSpec spec, String key) {
            if (!spec.type().cacheable()) return null;
            if (resumed != null) {
                StepRecord old = resumed.step(spec.name());
                if (old != null && old.status().equals(StepRecord.SUCCEEDED) && key.equals(old.cacheKey()) && intact(old)) {
                    return hit(old, old.cachedFrom() != null ? old.cachedFrom() : resumed.id(), key);
                }
            }
            if (!caching || !spec.cache().enabled()) return null;
            Instant notBefore = spec.cache().expireAfter() == null ? null : clock.instant().minus(spec.cache().expireAfter());
            for (ExecutionRecords.Cached c : earlier.getOrDefault(spec.name() + " " + key, List.of())) {
                if (notBefore != null && (c.record().ended() == null || c.record().ended().isBefore(notBefore))) continue;
                if (intact(c.record())) return hit(c.record(), c.origin(), key);
            }
            return null;
        }

        private StepRecord hit(StepRecord old, String origin, String key) {
            Instant now = clock.instant();
            return new StepRecord(old.step(), old.type(), StepRecord.SUCCEEDED, key, origin, old.outputDir(), old.outputSha256(), old.outputs(),
                    old.properties(), null, now, now);
        }

        /** Whether an earlier output folder still holds exactly what it held when its step succeeded. */
        private boolean intact(StepRecord r) {
            if (r.outputDir() == null || r.outputSha256() == null || !Files.isDirectory(r.outputDir())) return false;
            return ContentHash.folder(r.outputDir()).digest().equals(r.outputSha256());
        }

        /** Each input's path: a file template resolved against the pipeline's folder, or a producer's output. */
        private Map<String, Path> inputs(StepSpec spec) {
            Map<String, Path> out = new LinkedHashMap<>();
            for (Map.Entry<String, StepInput> e : spec.inputs().entrySet()) {
                Path p;
                if (e.getValue() instanceof StepInput.Output o) {
                    String path = results.get(o.step()).outputs().get(o.output());
                    if (path == null) throw new StepWork.StepFailure("step " + o.step() + " recorded no output '" + o.output() + "'");
                    p = Path.of(path);
                } else {
                    p = pipeline.base().resolve(substitute(((StepInput.File) e.getValue()).template(), params));
                }
                if (!Files.exists(p)) {
                    throw DataValidationException.param("steps." + spec.name() + ".inputs." + e.getKey(), p,
                            "does not exist", "create it, or point the input at an existing file or folder");
                }
                out.put(e.getKey(), p.toAbsolutePath().normalize());
            }
            return out;
        }

        /** A json_get value: the path in the property file of an Evaluation step that has run. */
        JsonNode property(Value.JsonGet g) {
            StepRecord r = results.get(g.step());
            if (r == null || r.properties() == null) throw new StepWork.StepFailure("step " + g.step() + " has no property file yet");
            JsonNode at = StrictJson.parse(r.properties(), "step " + g.step() + " properties");
            for (String part : g.path().split("\\.")) {
                at = at == null ? null : at.get(part);
            }
            if (at == null || at.isNull()) {
                throw new StepWork.StepFailure("json_get " + g.step() + "." + g.path() + ": step " + g.step() + "'s " + Pipeline.EVALUATION_FILE
                        + " has no value there (a metric the data does not define, e.g. ROC AUC with one class, is left out); it has "
                        + shortened(r.properties().replaceAll("\\s+", " ")));
            }
            return at;
        }
    }

    private static String shortened(String s) { return s.length() <= 300 ? s : s.substring(0, 300) + "..."; }

    /**
     * The step's cache key: SHA-256 over the Holdout version, the step's JSON, the values of the parameters it reads
     * and each input's content digest (by input name) — so moving or re-creating a file with the same bytes is a hit.
     */
    static String cacheKey(StepSpec spec, Map<String, Path> inputs) {
        ObjectNode k = StrictJson.mapper().createObjectNode();
        k.put("holdout", "0.1.0");
        k.put("type", spec.type().id());
        ObjectNode def = spec.definition().deepCopy();
        def.remove("cache");
        def.remove("description");
        k.set("definition", def);
        ObjectNode in = k.putObject("inputs");
        for (Map.Entry<String, Path> e : inputs.entrySet()) {
            Path p = e.getValue();
            in.put(e.getKey(), Files.isDirectory(p) ? "folder:" + ContentHash.folder(p).digest() : "file:" + ContentHash.file(p));
        }
        return ContentHash.text(k.toString());
    }

    /** The cache key with the parameters the step reads (so a parameter only another step reads does not bust this one). */
    static String cacheKey(StepSpec spec, Map<String, Path> inputs, Map<String, JsonNode> params) {
        ObjectNode k = StrictJson.mapper().createObjectNode();
        k.put("base", cacheKey(spec, inputs));
        ObjectNode p = k.putObject("parameters");
        ObjectNode def = spec.definition().deepCopy();
        def.remove("inputs"); // an input is keyed by its contents, not by the path a parameter gave it
        for (String name : parametersRead(def)) p.set(name, params.get(name));
        return ContentHash.text(k.toString());
    }

    /** Names of the parameters a step's JSON reads: {@code ${parameters.X}} in strings and {@code {"parameter": "X"}} values. */
    static Set<String> parametersRead(JsonNode node) {
        Set<String> out = new TreeSet<>();
        collect(node, out);
        return out;
    }

    private static void collect(JsonNode n, Set<String> out) {
        if (n.isTextual()) {
            Matcher m = Pipeline.PLACEHOLDER.matcher(n.asText());
            while (m.find()) if (m.group(1).startsWith("parameters.")) out.add(m.group(1).substring("parameters.".length()));
        } else if (n.isObject()) {
            JsonNode p = n.get("parameter");
            if (p != null && p.isTextual() && n.size() == 1) out.add(p.asText());
            n.elements().forEachRemaining(c -> collect(c, out));
        } else if (n.isArray()) {
            n.elements().forEachRemaining(c -> collect(c, out));
        }
    }

    /** {@code ${parameters.X}} replaced by X's value (its text). */
    static String substitute(String template, Map<String, JsonNode> params) {
        Matcher m = Pipeline.PLACEHOLDER.matcher(template);
        StringBuilder sb = new StringBuilder();
        while (m.find()) {
            String ref = m.group(1);
            String v = ref.startsWith("parameters.") && params.containsKey(ref.substring("parameters.".length()))
                    ? params.get(ref.substring("parameters.".length())).asText() : m.group();
            m.appendReplacement(sb, Matcher.quoteReplacement(v));
        }
        m.appendTail(sb);
        return sb.toString();
    }

}
