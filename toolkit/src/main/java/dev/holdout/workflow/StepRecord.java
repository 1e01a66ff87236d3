package dev.holdout.workflow;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What became of one step in one execution, as the store keeps it.
 *
 * @param step       the step's name
 * @param type       its type
 * @param status     {@code Executing}, {@code Succeeded}, {@code Failed} or {@code NotRun}
 * @param cacheKey   SHA-256 of its definition, the parameters it reads and its inputs' contents (null when it did not start)
 * @param cachedFrom the execution whose output it reused (a cache hit or {@code --resume}), else null
 * @param outputDir  its output folder (for a reused output: the earlier execution's)
 * @param outputSha256 the output folder's contents when it succeeded
 * @param outputs    output name → path
 * @param properties its property file, condition outcome or registered version (JSON), or null
 * @param reason     why it failed or did not run, else null
 * @param started    when it started (null when it did not)
 * @param ended      when it ended
 */
public record StepRecord(String step, StepType type, String status, String cacheKey, String cachedFrom, Path outputDir,
                         String outputSha256, Map<String, String> outputs, String properties, String reason, Instant started,
                         Instant ended) {
    public static final String EXECUTING = "Executing";
    public static final String SUCCEEDED = "Succeeded";
    public static final String FAILED = "Failed";
    public static final String NOT_RUN = "NotRun";

    public StepRecord {
        outputs = outputs == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
    }

    /** Whether it succeeded by reusing an earlier output. */
    public boolean cacheHit() { return SUCCEEDED.equals(status) && cachedFrom != null; }

    /** Wall time, or null when it did not run to an end. */
    public Duration elapsed() { return started == null || ended == null ? null : Duration.between(started, ended); }

    /** The status as a user reads it: {@code Succeeded (cached from quickstart-1)}. */
    public String shownStatus() { return cacheHit() ? SUCCEEDED + " (cached from " + cachedFrom + ")" : status; }
}
