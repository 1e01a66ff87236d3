package dev.holdout.featurestore;

import java.time.Duration;

/**
 * How a point-in-time join runs: a time to live for every group (else each group's own), {@code asKnown}
 * (bitemporal: only rows written by the entity time), and whether to count what a plain join by id would have
 * taken from the future (one more query).
 *
 * <pre>{@code
 * JoinOptions.DEFAULT.withTtl(Duration.ofDays(30)).asKnown(true).withReport(true);
 * }</pre>
 */
public record JoinOptions(Duration ttl, boolean asKnown, boolean report) {
    public static final JoinOptions DEFAULT = new JoinOptions(null, false, false);

    public JoinOptions {
        if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
            throw dev.holdout.data.DataValidationException.param("--ttl", ttl, "must be a positive duration", "pass e.g. 30d, or leave it out");
        }
    }

    public JoinOptions withTtl(Duration t) { return new JoinOptions(t, asKnown, report); }

    public JoinOptions asKnown(boolean b) { return new JoinOptions(ttl, b, report); }

    public JoinOptions withReport(boolean b) { return new JoinOptions(ttl, asKnown, b); }
}
