package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import java.time.Duration;

/**
 * The budget of a tuning job, as SageMaker's {@code ResourceLimits}: how many trials, how many at
 * once, and an optional wall-clock limit ({@code MaxRuntimeInSeconds}).
 *
 * <pre>{@code
 * ResourceLimits limits = new ResourceLimits(20, 2, Duration.ofMinutes(5));
 * }</pre>
 *
 * @param maxTrials         trials to run ({@code MaxNumberOfTrainingJobs}); 0 means the strategy's default (every combination for Grid, 10 otherwise)
 * @param maxParallelTrials trials running at once ({@code MaxParallelTrainingJobs}), at least 1
 * @param maxRuntime        wall-clock limit, or null for none
 */
public record ResourceLimits(int maxTrials, int maxParallelTrials, Duration maxRuntime) {
    public ResourceLimits {
        if (maxTrials < 0) {
            throw DataValidationException.param("MaxNumberOfTrainingJobs", maxTrials, "must be >= 1", "set a trial budget such as 20");
        }
        if (maxParallelTrials < 1) {
            throw DataValidationException.param("MaxParallelTrainingJobs", maxParallelTrials, "must be >= 1",
                    "use 1 for sequential trials, or the number of cores");
        }
        if (maxRuntime != null && (maxRuntime.isNegative() || maxRuntime.isZero())) {
            throw DataValidationException.param("MaxRuntimeInSeconds", maxRuntime.toSeconds(), "must be > 0",
                    "give a positive number of seconds, or leave it out for no limit");
        }
    }

    public static ResourceLimits of(int maxTrials, int maxParallelTrials) {
        return new ResourceLimits(maxTrials, maxParallelTrials, null);
    }

    public ResourceLimits withMaxTrials(int n) { return new ResourceLimits(n, maxParallelTrials, maxRuntime); }

    public ResourceLimits withMaxParallelTrials(int n) { return new ResourceLimits(maxTrials, n, maxRuntime); }

    public ResourceLimits withMaxRuntime(Duration d) { return new ResourceLimits(maxTrials, maxParallelTrials, d); }
}
