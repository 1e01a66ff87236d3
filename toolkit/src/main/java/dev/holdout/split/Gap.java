package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.time.Duration;
import java.time.Period;

/**
 * Parses a gap (embargo) given on the command line: {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s},
 * an ISO-8601 duration ({@code P7D}, {@code PT12H}), or a plain number of days ({@code 7}).
 */
public final class Gap {
    private Gap() {}

    public static Duration parse(String text) { return parse(text, "gap"); }

    /** The same, naming {@code param} (an option such as {@code --ttl}) in the error. */
    public static Duration parse(String text, String param) {
        String s = text == null ? "" : text.trim();
        try {
            if (s.matches("[0-9]+")) return Duration.ofDays(Long.parseLong(s));
            if (s.matches("[0-9]+[dhms]")) {
                long v = Long.parseLong(s.substring(0, s.length() - 1));
                return switch (s.charAt(s.length() - 1)) {
                    case 'd' -> Duration.ofDays(v);
                    case 'h' -> Duration.ofHours(v);
                    case 'm' -> Duration.ofMinutes(v);
                    default -> Duration.ofSeconds(v);
                };
            }
            if (s.startsWith("P") && !s.contains("T") && (s.endsWith("D") || s.endsWith("W"))) {
                Period p = Period.parse(s);
                if (p.getMonths() != 0 || p.getYears() != 0) throw new IllegalArgumentException();
                return Duration.ofDays(p.getDays());
            }
            return Duration.parse(s);
        } catch (RuntimeException e) {
            throw DataValidationException.param(param, text, "is not a duration",
                    "write it as 7d, 12h, 30m, 45s, an ISO-8601 duration such as P7D, or a number of days");
        }
    }
}
