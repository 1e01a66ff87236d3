package dev.holdout.workflow;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One recorded run of a pipeline: its id ({@code quickstart-3}), parameters, status, and each step's record.
 *
 * <pre>{@code
 * Execution e = PipelineExecutor.on(store).run(Pipeline.read(file), Map.of());
 * e.status();                  // "Succeeded"
 * e.step("train").cacheHit();  // true on a second run with the same data
 * e.ran();                     // the steps that did work in this execution: [] when fully cached
 * }</pre>
 *
 * @param pid the process that ran it (to tell an execution still running from one whose process was killed)
 */
public record Execution(String id, String pipeline, int number, Path definitionFile, String definitionSha256, String parameters,
                        String status, String reason, String resumedFrom, Path workDir, Instant started, Instant ended,
                        List<StepRecord> steps, long pid) {
    public static final String EXECUTING = "Executing";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";

    public Execution {
        steps = List.copyOf(steps);
    }

    /** The record of {@code step}, or null when it has none. */
    public StepRecord step(String name) {
        for (StepRecord r : steps) if (r.step().equals(name)) return r;
        return null;
    }

    /** The steps that did their work in this execution (succeeded or failed, not reused, not skipped). */
    public List<String> ran() {
        return steps.stream().filter(r -> (r.status().equals(StepRecord.SUCCEEDED) && !r.cacheHit()) || r.status().equals(StepRecord.FAILED))
                .map(StepRecord::step).toList();
    }

    /** The steps that reused an earlier output. */
    public List<String> cached() { return steps.stream().filter(StepRecord::cacheHit).map(StepRecord::step).toList(); }

    /** The steps that did not run (a failed dependency, or a branch not taken). */
    public List<String> notRun() { return steps.stream().filter(r -> r.status().equals(StepRecord.NOT_RUN)).map(StepRecord::step).toList(); }

    public boolean succeeded() { return SUCCEEDED.equals(status); }

    /**
     * Whether it is recorded Executing but its process is gone (killed, or the machine stopped): it will never end,
     * and {@code --resume} continues it as a failed one.
     */
    public boolean interrupted() {
        return EXECUTING.equals(status) && ProcessHandle.of(pid).map(h -> !h.isAlive()).orElse(true);
    }

    /** The status as a user reads it: {@code Executing (interrupted)} for an execution whose process is gone. */
    public String shownStatus() { return interrupted() ? EXECUTING + " (interrupted)" : status; }

    @Override public String toString() {
        return "Execution[" + id + " " + status + (reason != null ? ": " + reason : "") + ", ran=" + ran() + ", cached=" + cached() + ", notRun=" + notRun() + "]";
    }
}
