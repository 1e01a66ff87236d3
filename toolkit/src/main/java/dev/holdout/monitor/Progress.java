package dev.holdout.monitor;

/**
 * Told how far a pass over the data has come (the CLI draws a progress line on a terminal).
 *
 * <pre>{@code
 * Baseline.of(csv, BaselineOptions.defaults().progress((rows, seconds) -> System.err.print("\r" + rows + " rows")));
 * }</pre>
 */
@FunctionalInterface
public interface Progress {
    Progress NONE = (rows, seconds) -> {};

    /** Called after each batch: the rows read so far and the seconds since the start. */
    void rowsRead(long rows, double seconds);
}
