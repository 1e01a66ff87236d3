package dev.holdout.experiments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.ContentHash;
import dev.holdout.io.StrictJson;
import dev.holdout.report.Charts;
import dev.holdout.store.Store;
import dev.holdout.store.StoreSession;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Experiments: every training run ({@code holdout train}, each trial of {@code holdout tune}, a pipeline's Training
 * step) recorded in the store — the spec, hyperparameters, data fingerprints, the metrics round by round, the final
 * metrics and where training stopped — so runs can be listed and compared side by side.
 *
 * <pre>{@code
 * Store store = Store.locate(null);
 * Run r = Experiments.open(store).record(Path.of("runs/rain"), Experiments.TRAIN, null);
 * // from a job: never fails the job, a store that cannot be opened is a warning
 * Experiments.recordOrWarn(store, Path.of("runs/rain"), Experiments.TRAIN, null, w -> System.err.println(w));
 * List<Run> runs = Experiments.open(store).list();
 * Charts.Line chart = Experiments.learningCurves(List.of(runs.get(0), runs.get(1)));
 * }</pre>
 *
 * <p>The job folder stays the source of truth: a run is read from the folder the job wrote (its
 * {@code input/config/job.json}, {@code hyperparameters.json}, {@code model/model-card.json},
 * {@code output/metrics.json}), after the job finished, so recording cannot change what the job did.
 */
public final class Experiments {
    /** A {@code holdout train} job. */
    public static final String TRAIN = "train";
    /** One trial of a {@code holdout tune} job (parent: the tuning job's folder). */
    public static final String TUNE_TRIAL = "tune-trial";
    /** A pipeline's Training step (parent: the pipeline execution). */
    public static final String PIPELINE = "pipeline";

    private final Store store;

    private Experiments(Store store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The experiments in {@code store}. */
    public static Experiments open(Store store) { return new Experiments(store); }

    /** The store. */
    public Store store() { return store; }

    // ------------------------------------------------------------------------------------------ recording

    /**
     * Records the job in {@code jobFolder} (finished or failed) as a new run.
     *
     * @param kind   {@link #TRAIN}, {@link #TUNE_TRIAL} or {@link #PIPELINE}
     * @param parent the tuning job folder or pipeline execution, or null
     */
    public Run record(Path jobFolder, String kind, String parent) {
        if (!List.of(TRAIN, TUNE_TRIAL, PIPELINE).contains(kind)) {
            throw new IllegalArgumentException("kind=" + kind + ": must be train, tune-trial or pipeline");
        }
        Row row = read(jobFolder.toAbsolutePath().normalize());
        Instant now = Instant.now();
        return store.write(s -> {
            long id = s.longValue("SELECT max(run_id) FROM exp_runs") + 1;
            s.update("INSERT INTO exp_runs (run_id, kind, name, parent, recorded_at, trained_at, job_folder, algorithm, status, spec,"
                            + " hyperparameters, data, metric, direction, rounds, best_iteration, best_score, stopped_early, history,"
                            + " final_metrics, model_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    id, kind, row.name, parent, Timestamp.from(now), row.trainedAt, row.folder.toString(), row.algorithm, row.status,
                    json(row.spec), json(row.hyperparameters), json(row.data), row.metric, row.direction, row.rounds, row.bestIteration,
                    row.bestScore, row.stoppedEarly, json(row.history), json(row.finalMetrics), row.modelSha256);
            return new Run(id, kind, row.name, parent, now, row.trainedAt, row.folder.toString(), row.algorithm, row.status, row.spec,
                    row.hyperparameters, row.data, row.metric, row.direction, row.rounds, row.bestIteration, row.bestScore,
                    row.stoppedEarly, row.history, row.finalMetrics, row.modelSha256);
        });
    }

    /**
     * Records the job, never throwing: when the store cannot be opened (busy past its wait, not a DuckDB file, a
     * disk error) or the folder cannot be read, {@code warn} gets one line saying so and that the job folder is the
     * record. For the verbs that train, whose result must not depend on the store.
     */
    public static Optional<Run> recordOrWarn(Store store, Path jobFolder, String kind, String parent, Consumer<String> warn) {
        try {
            return Optional.of(open(store).record(jobFolder, kind, parent));
        } catch (RuntimeException | LinkageError e) {
            String why = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            warn.accept("warning: the run was not recorded in the experiments store " + store.file() + " (" + firstLine(why)
                    + "); the job folder " + jobFolder + " has everything it would have held");
            return Optional.empty();
        }
    }

    /** Records every trial job folder under a tuning job's {@code trials/} folder, in name order, never throwing (see {@link #recordOrWarn}). */
    public static List<Run> recordTrialsOrWarn(Store store, Path tuningFolder, Consumer<String> warn) {
        Path trials = tuningFolder.resolve("trials");
        if (!Files.isDirectory(trials)) return List.of();
        List<Path> jobs;
        try (Stream<Path> s = Files.list(trials)) {
            jobs = s.filter(p -> Files.isDirectory(p) && Files.isRegularFile(p.resolve("input/config/job.json"))).sorted().toList();
        } catch (IOException e) {
            warn.accept("warning: the trials were not recorded in the experiments store " + store.file() + " (" + e.getMessage() + ")");
            return List.of();
        }
        List<Run> out = new ArrayList<>();
        String parent = tuningFolder.toAbsolutePath().normalize().toString();
        for (Path j : jobs) {
            Optional<Run> r = recordOrWarn(store, j, TUNE_TRIAL, parent, warn);
            if (r.isEmpty()) break; // one warning is enough: the next trial would meet the same store
            out.add(r.get());
        }
        return out;
    }

    private static String firstLine(String s) {
        String[] lines = s.strip().split("\\R", 2);
        return lines[0];
    }

    /** What one job folder says about its run. */
    private record Row(Path folder, String name, String trainedAt, String algorithm, String status, ObjectNode spec,
                       ObjectNode hyperparameters, ObjectNode data, String metric, String direction, Integer rounds,
                       Integer bestIteration, Double bestScore, Boolean stoppedEarly, ArrayNode history, ObjectNode finalMetrics,
                       String modelSha256) {}

    private static Row read(Path folder) {
        if (!Files.isDirectory(folder)) {
            throw DataValidationException.param("job folder", folder, "is not a folder", "pass the folder holdout train wrote");
        }
        Path specFile = folder.resolve("input/config/job.json");
        if (!Files.isRegularFile(specFile)) {
            throw DataValidationException.param("job folder", folder, "is not a training job folder (no input/config/job.json)",
                    "pass the folder holdout train wrote");
        }
        ObjectNode spec = object(specFile);
        Path hpFile = folder.resolve("input/config/hyperparameters.json");
        ObjectNode hp = Files.isRegularFile(hpFile) ? object(hpFile) : StrictJson.mapper().createObjectNode();
        Path cardFile = folder.resolve("model/model-card.json");
        Path failure = folder.resolve("output/failure");
        String name = spec.path("name").asText(folder.getFileName().toString());
        String algorithm = spec.path("algorithm").asText("xgboost");
        if (!Files.isRegularFile(cardFile)) {
            if (!Files.isRegularFile(failure)) {
                throw DataValidationException.param("job folder", folder, "has neither a model (model/model-card.json) nor a failure report",
                        "record a job once it has finished");
            }
            ObjectNode data = StrictJson.mapper().createObjectNode();
            data.put("failure", readString(failure).strip());
            return new Row(folder, name, null, algorithm, "Failed", spec, hp, data, null, null, null, null, null, null,
                    StrictJson.mapper().createArrayNode(), StrictJson.mapper().createObjectNode(), null);
        }
        ObjectNode card = object(cardFile);
        ObjectNode data = card.has("data") && card.get("data").isObject() ? ((ObjectNode) card.get("data")).deepCopy()
                : StrictJson.mapper().createObjectNode();
        ObjectNode split = splitManifest(card);
        if (split != null) data.set("split", split);
        Path metricsFile = folder.resolve("output/metrics.json");
        ObjectNode metrics = Files.isRegularFile(metricsFile) ? object(metricsFile) : StrictJson.mapper().createObjectNode();
        ArrayNode history = metrics.get("history") instanceof ArrayNode a ? a : StrictJson.mapper().createArrayNode();
        ObjectNode fin = metrics.get("final") instanceof ObjectNode f ? f
                : card.get("metrics") instanceof ObjectNode m ? m : StrictJson.mapper().createObjectNode();
        return new Row(folder, card.path("job").asText(name), card.path("trained_at").asText(null), card.path("algorithm").asText(algorithm),
                "Completed", spec, hp, data, text(metrics, "metric"), text(metrics, "direction"), integer(metrics, "rounds"),
                integer(metrics, "best_iteration"), number(metrics, "best_score"), bool(metrics, "stopped_early"), history, fin,
                ContentHash.folder(folder.resolve("model")).digest());
    }

    /** The split manifest ({@code split.json}) beside the train data, as the part fingerprints it records. */
    private static ObjectNode splitManifest(ObjectNode card) {
        String source = card.path("data").path("train").path("source").asText("");
        if (source.isEmpty()) return null;
        Path manifest;
        try {
            manifest = Path.of(source).toAbsolutePath().normalize().resolveSibling("split.json");
        } catch (RuntimeException notAPath) {
            return null;
        }
        if (!Files.isRegularFile(manifest)) return null;
        try {
            JsonNode m = StrictJson.read(manifest, "split.json");
            ObjectNode out = StrictJson.mapper().createObjectNode();
            out.put("file", manifest.toString());
            out.put("sha256", ContentHash.file(manifest));
            out.set("strategy", m.path("strategy"));
            out.set("seed", m.path("seed"));
            ObjectNode parts = out.putObject("parts");
            m.path("parts").fields().forEachRemaining(p -> {
                ObjectNode o = parts.putObject(p.getKey());
                o.set("rows", p.getValue().path("rows"));
                o.set("fingerprint", p.getValue().path("fingerprint"));
            });
            return out;
        } catch (RuntimeException unreadable) {
            return null; // a manifest that does not parse is the split's problem, not this run's
        }
    }

    // ------------------------------------------------------------------------------------------ reading

    /** Every run, oldest first. */
    public List<Run> list() {
        if (!store.exists()) return List.of();
        return store.read(s -> s.query(SELECT + " ORDER BY run_id", Experiments::run));
    }

    /** Run {@code id}, if recorded. */
    public Optional<Run> find(long id) {
        if (!store.exists()) return Optional.empty();
        return store.read(s -> s.first(SELECT + " WHERE run_id = ?", Experiments::run, id));
    }

    /** Run {@code id}; a clear error (exit 2, naming the runs there are) when there is none. */
    public Run get(long id) {
        if (!store.exists()) {
            throw DataValidationException.param("RUN", id, "no such run: the store " + store.file() + " does not exist yet",
                    "train a model first (holdout train), or pass the store with --store");
        }
        return store.read(s -> {
            Optional<Run> r = s.first(SELECT + " WHERE run_id = ?", Experiments::run, id);
            if (r.isPresent()) return r.get();
            long n = s.longValue("SELECT count(*) FROM exp_runs");
            long max = s.longValue("SELECT max(run_id) FROM exp_runs");
            throw DataValidationException.param("RUN", id, "no such run" + (n == 0 ? " (no runs are recorded yet)" : " (runs are numbered 1 to " + max + ")"),
                    "holdout experiments list shows the runs");
        });
    }

    /** Parses a run id as the CLI takes it ({@code 7} or {@code run-7}). */
    public static long parseId(String text) {
        String t = text == null ? "" : text.trim();
        if (t.startsWith("run-")) t = t.substring(4);
        if (t.matches("[0-9]{1,18}") && Long.parseLong(t) > 0) return Long.parseLong(t);
        throw DataValidationException.param("RUN", text, "is not a run id", "pass a run number from holdout experiments list, e.g. 7");
    }

    private static final String SELECT = "SELECT run_id, kind, name, parent, recorded_at, trained_at, job_folder, algorithm, status, spec,"
            + " hyperparameters, data, metric, direction, rounds, best_iteration, best_score, stopped_early, history, final_metrics,"
            + " model_sha256 FROM exp_runs";

    private static Run run(ResultSet r) throws SQLException {
        return new Run(r.getLong(1), r.getString(2), r.getString(3), r.getString(4), r.getTimestamp(5).toInstant(), r.getString(6),
                r.getString(7), r.getString(8), r.getString(9), (ObjectNode) parse(r.getString(10)), (ObjectNode) parse(r.getString(11)),
                (ObjectNode) parse(r.getString(12)), r.getString(13), r.getString(14), (Integer) r.getObject(15), (Integer) r.getObject(16),
                (Double) r.getObject(17), (Boolean) r.getObject(18), (ArrayNode) parse(r.getString(19)), (ObjectNode) parse(r.getString(20)),
                r.getString(21));
    }

    // ------------------------------------------------------------------------------------------ comparing

    /**
     * The learning curves of the runs on one chart: each run's validation curve (train when it has no validation)
     * of its eval metric, labelled {@code run N <key>}. Runs without rounds are left out.
     */
    public static Charts.Line learningCurves(List<Run> runs) {
        String metric = runs.stream().map(Run::metric).filter(Objects::nonNull).distinct().reduce((a, b) -> a + " / " + b).orElse("metric");
        Charts.Line chart = Charts.line("Learning curves: runs " + runs.stream().map(r -> Long.toString(r.id())).reduce((a, b) -> a + ", " + b).orElse(""),
                "boosting round", metric);
        for (Run r : runs) {
            if (r.history().isEmpty() || r.metric() == null) continue;
            String key = r.curveKeys().contains("validation:" + r.metric()) ? "validation:" + r.metric() : "train:" + r.metric();
            double[] y = r.curve(key);
            double[] x = new double[y.length];
            for (int i = 0; i < x.length; i++) x[i] = i;
            chart.series("run " + r.id() + " " + key, x, y);
        }
        return chart;
    }

    // ------------------------------------------------------------------------------------------ json

    private static String json(JsonNode n) { return n.toString(); }

    private static JsonNode parse(String text) { return StrictJson.parse(text, "the experiments store's row"); }

    private static ObjectNode object(Path f) {
        JsonNode n = StrictJson.read(f, f.getFileName().toString());
        if (!(n instanceof ObjectNode o)) throw DataValidationException.param(f.getFileName().toString(), f, "is not a JSON object", "it should be the file holdout train wrote");
        return o;
    }

    private static String readString(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new UncheckedIOException(f + ": " + e.getMessage(), e);
        }
    }

    private static String text(JsonNode o, String k) { return o.hasNonNull(k) ? o.get(k).asText() : null; }

    private static Integer integer(JsonNode o, String k) { return o.hasNonNull(k) && o.get(k).canConvertToInt() ? o.get(k).asInt() : null; }

    private static Double number(JsonNode o, String k) { return o.hasNonNull(k) && o.get(k).isNumber() ? o.get(k).asDouble() : null; }

    private static Boolean bool(JsonNode o, String k) { return o.hasNonNull(k) && o.get(k).isBoolean() ? o.get(k).asBoolean() : null; }
}
