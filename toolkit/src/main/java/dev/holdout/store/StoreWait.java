package dev.holdout.store;

import dev.holdout.data.DataValidationException;
import dev.holdout.split.Gap;
import java.time.Duration;

/**
 * How long a process waits for the store when another one has it open: {@code --store-wait}, else
 * {@code HOLDOUT_STORE_WAIT}, else {@value Store#DEFAULT_WAIT_TEXT}. A plain number is seconds; {@code 0} means
 * do not wait.
 *
 * <pre>{@code
 * StoreWait.parse("90", "--store-wait");     // PT1M30S
 * StoreWait.parse("5m", "HOLDOUT_STORE_WAIT"); // PT5M
 * }</pre>
 */
public final class StoreWait {
    /** The environment variable that sets the wait. */
    public static final String ENV = "HOLDOUT_STORE_WAIT";

    private StoreWait() {}

    /** Reads a wait: {@code 30} (seconds), {@code 30s}, {@code 5m}, {@code 1h}, or an ISO-8601 duration ({@code PT30S}). */
    public static Duration parse(String text, String param) {
        String s = text == null ? "" : text.trim();
        Duration d;
        if (s.matches("[0-9]{1,9}")) d = Duration.ofSeconds(Long.parseLong(s));
        else {
            try {
                d = Gap.parse(s, param);
            } catch (DataValidationException e) {
                throw DataValidationException.param(param, text, "is not a duration",
                        "write it as a number of seconds (30), or 30s, 5m, 1h, or an ISO-8601 duration such as PT30S");
            }
        }
        if (d.isNegative()) throw DataValidationException.param(param, text, "must not be negative", "pass 0 (do not wait) or a duration such as 30s");
        if (d.compareTo(Duration.ofDays(1)) > 0) {
            throw DataValidationException.param(param, text, "is longer than a day", "pass a wait of at most 24h");
        }
        return d;
    }

    /** A duration as people write it: {@code 45s}, {@code 1m}, {@code 1m30s}, {@code 250ms}. */
    static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) return ms + "ms";
        long s = ms / 1000, m = s / 60, h = m / 60;
        StringBuilder b = new StringBuilder();
        if (h > 0) b.append(h).append('h');
        if (m % 60 > 0) b.append(m % 60).append('m');
        if (s % 60 > 0 || b.length() == 0) b.append(s % 60).append('s');
        return b.toString();
    }
}
