package dev.holdout.workflow;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import dev.holdout.store.Store;
import dev.holdout.store.StoreSession;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Executions and their steps in the store (tables {@code pipeline_executions}, {@code pipeline_steps}, migration 4).
 * Each change is one short write, so other processes get their turn between steps.
 *
 * <pre>{@code
 * ExecutionRecords records = new ExecutionRecords(Store.locate(null));
 * records.list("quickstart");           // newest first
 * records.get("quickstart-2").steps();  // each step's status, cache hit, outputs, reason
 * }</pre>
 */
public final class ExecutionRecords {
    private static final String STEP_COLUMNS = "step, step_type, status, cache_key, cached_from, output_dir, output_sha256, outputs, properties, reason, started_at, ended_at";
    private static final String EXECUTION_COLUMNS = "execution_id, pipeline, number, definition_file, definition_sha256, parameters, status, reason, resumed_from, work_dir, started_at, ended_at, pid";

    private final Store store;

    public ExecutionRecords(Store store) { this.store = store; }

    public Store store() { return store; }

    /** Creates the next execution of {@code pipeline} ({@code NAME-N}, N never reused) in state Executing. */
    Execution start(Pipeline pipeline, String parameters, String resumedFrom, Path workRoot, Instant now) {
        return store.write(s -> {
            int n = (int) s.longValue("SELECT coalesce(max(number), 0) + 1 FROM pipeline_executions WHERE pipeline = ?", pipeline.name());
            String id = pipeline.name() + "-" + n;
            Path work = workRoot.resolve(pipeline.name()).resolve(Integer.toString(n)).toAbsolutePath();
            s.update("INSERT INTO pipeline_executions (" + EXECUTION_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, NULL, ?)",
                    id, pipeline.name(), n, pipeline.file().toAbsolutePath().toString(), pipeline.definitionSha256(), parameters,
                    Execution.EXECUTING, resumedFrom, work.toString(), ts(now), ProcessHandle.current().pid());
            return new Execution(id, pipeline.name(), n, pipeline.file().toAbsolutePath(), pipeline.definitionSha256(), parameters,
                    Execution.EXECUTING, null, resumedFrom, work, now, null, List.of(), ProcessHandle.current().pid());
        });
    }

    /** Writes (inserts or replaces) one step's record. */
    void put(String executionId, StepRecord r) {
        store.write(s -> {
            s.update("DELETE FROM pipeline_steps WHERE execution_id = ? AND step = ?", executionId, r.step());
            s.update("INSERT INTO pipeline_steps (execution_id, " + STEP_COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    executionId, r.step(), r.type().id(), r.status(), r.cacheKey(), r.cachedFrom(),
                    r.outputDir() == null ? null : r.outputDir().toString(), r.outputSha256(),
                    r.outputs().isEmpty() ? null : StrictJson.pretty(r.outputs()), r.properties(), r.reason(), ts(r.started()), ts(r.ended()));
            return null;
        });
    }

    /** Ends an execution. */
    void finish(String executionId, String status, String reason, Instant now) {
        store.write(s -> s.update("UPDATE pipeline_executions SET status = ?, reason = ?, ended_at = ? WHERE execution_id = ?",
                status, reason, ts(now), executionId));
    }

    /**
     * Every successful step record of {@code pipeline} that did its work (not itself a reuse), newest first: the
     * candidates for cache hits, read once per execution.
     */
    List<Cached> successes(String pipeline) {
        if (!store.exists()) return List.of();
        return store.read(s -> s.query("SELECT s.execution_id, " + prefixed() + " FROM pipeline_steps s JOIN pipeline_executions e USING (execution_id)"
                        + " WHERE e.pipeline = ? AND s.status = ? AND s.cached_from IS NULL ORDER BY s.ended_at DESC",
                r -> new Cached(r.getString(1), step(r, 2)), pipeline, StepRecord.SUCCEEDED));
    }

    /** A reusable earlier record and the execution that produced it. */
    record Cached(String execution, StepRecord record) {
        String origin() { return execution; }
    }

    private static String prefixed() {
        StringBuilder sb = new StringBuilder();
        for (String c : STEP_COLUMNS.split(", ")) sb.append(sb.length() == 0 ? "" : ", ").append("s.").append(c);
        return sb.toString();
    }

    /** The executions of {@code pipeline}, newest first (with their steps). */
    public List<Execution> list(String pipeline) {
        if (!store.exists()) return List.of();
        return store.read(s -> {
            List<String> ids = s.query("SELECT execution_id FROM pipeline_executions WHERE pipeline = ? ORDER BY number DESC", r -> r.getString(1), pipeline);
            List<Execution> out = new java.util.ArrayList<>();
            for (String id : ids) out.add(get(s, id).orElseThrow());
            return out;
        });
    }

    /** The names of every pipeline with an execution. */
    public List<String> pipelines() {
        if (!store.exists()) return List.of();
        return store.read(s -> s.query("SELECT DISTINCT pipeline FROM pipeline_executions ORDER BY pipeline", r -> r.getString(1)));
    }

    /** One execution; an unknown id is an error naming the known ones of its pipeline. */
    public Execution get(String id) {
        if (!store.exists()) {
            throw DataValidationException.param("EXECUTION", id, "no execution is recorded in " + store.file() + " (the store does not exist yet)",
                    "run a pipeline first (holdout pipeline run FILE.json), or pass --store");
        }
        return store.read(s -> get(s, id).orElseThrow(() -> unknown(s, id)));
    }

    private DataValidationException unknown(StoreSession s, String id) {
        try {
            List<String> all = s.query("SELECT execution_id FROM pipeline_executions ORDER BY started_at DESC LIMIT 200", r -> r.getString(1));
            String hint = Columns.closest(id, all);
            return DataValidationException.param("EXECUTION", id, "no execution has this id in " + store.file(),
                    (hint != null ? "did you mean '" + hint + "'? " : "") + (all.isEmpty() ? "none is recorded yet" : "list them with holdout pipeline executions NAME"));
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Optional<Execution> get(StoreSession s, String id) throws SQLException {
        List<StepRecord> steps = s.query("SELECT " + STEP_COLUMNS + " FROM pipeline_steps WHERE execution_id = ? ORDER BY started_at NULLS LAST, step",
                r -> step(r, 1), id);
        return s.first("SELECT " + EXECUTION_COLUMNS + " FROM pipeline_executions WHERE execution_id = ?", r -> new Execution(
                r.getString(1), r.getString(2), r.getInt(3), Path.of(r.getString(4)), r.getString(5), r.getString(6), r.getString(7),
                r.getString(8), r.getString(9), Path.of(r.getString(10)), instant(r.getTimestamp(11)), instant(r.getTimestamp(12)), steps,
                r.getLong(13)), id);
    }

    private static StepRecord step(ResultSet r, int at) throws SQLException {
        String outputs = r.getString(at + 7);
        Map<String, String> out = Map.of();
        if (outputs != null) {
            try {
                out = StrictJson.mapper().readValue(outputs, new TypeReference<java.util.LinkedHashMap<String, String>>() {});
            } catch (java.io.IOException e) {
                throw new SQLException("pipeline_steps.outputs is not a JSON object: " + e.getMessage(), e);
            }
        }
        String dir = r.getString(at + 5);
        StepType type = null;
        for (StepType t : StepType.values()) if (t.id().equals(r.getString(at + 1))) type = t;
        return new StepRecord(r.getString(at), type, r.getString(at + 2), r.getString(at + 3), r.getString(at + 4),
                dir == null ? null : Path.of(dir), r.getString(at + 6), out, r.getString(at + 8), r.getString(at + 9),
                instant(r.getTimestamp(at + 10)), instant(r.getTimestamp(at + 11)));
    }

    private static Timestamp ts(Instant i) { return i == null ? null : Timestamp.from(i); }

    private static Instant instant(Timestamp t) { return t == null ? null : t.toInstant(); }
}
