package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.Period;
import java.time.ZoneOffset;

/**
 * A span of calendar time for walk-forward windows: calendar years, months and days (a month from
 * January 31 is February 28 or 29, as {@link LocalDateTime#plus} has it, in UTC) plus a clock duration;
 * or, for a whole-number time column, a plain number of the column's units.
 *
 * <p>Written as {@code 1y}, {@code 3mo}, {@code 2w}, {@code 7d}, {@code 12h}, {@code 30m}, {@code 45s},
 * ISO-8601 ({@code P1Y}, {@code P3M}, {@code P1M15D}, {@code PT12H}, {@code P1DT12H}), or a plain number
 * (days for a date or time column, as {@link Gap} reads it; the column's own units for a number column).
 *
 * <pre>{@code
 * CalendarSpan.parse("P1M", "--horizon").addTo(LocalDate.of(2023, 1, 31).toEpochDay() * 86_400, 1, false);  // 2023-02-28
 * CalendarSpan.parse("3mo", "--step");   // three calendar months
 * }</pre>
 *
 * @param period   calendar years, months and days
 * @param duration clock time on top of the period
 * @param plain    a bare number as written ({@code -1} when the span has a unit)
 */
public record CalendarSpan(Period period, Duration duration, long plain) {
    public CalendarSpan {
        if (period == null) period = Period.ZERO;
        if (duration == null) duration = Duration.ZERO;
        if (period.isNegative() || duration.isNegative()) {
            throw DataValidationException.param("span", period + " " + duration, "must not be negative", "pass a positive span such as P1M");
        }
    }

    public static CalendarSpan of(Period p) { return new CalendarSpan(p, Duration.ZERO, -1); }

    public static CalendarSpan of(Duration d) { return new CalendarSpan(Period.ZERO, d, -1); }

    /** A number of a whole-number time column's units. */
    public static CalendarSpan units(long n) {
        if (n < 0) throw DataValidationException.param("span", n, "must not be negative", "pass 0 or a positive number");
        return new CalendarSpan(Period.ZERO, Duration.ZERO, n);
    }

    public static CalendarSpan parse(String text, String param) {
        String s = text == null ? "" : text.trim();
        try {
            if (s.matches("[0-9]+")) return new CalendarSpan(Period.ofDays(Integer.parseInt(s)), Duration.ZERO, Long.parseLong(s));
            java.util.regex.Matcher u = java.util.regex.Pattern.compile("([0-9]+)(y|mo|w|d|h|m|s)").matcher(s);
            if (u.matches()) {
                int v = Integer.parseInt(u.group(1));
                return switch (u.group(2)) {
                    case "y" -> of(Period.ofYears(v));
                    case "mo" -> of(Period.ofMonths(v));
                    case "w" -> of(Period.ofWeeks(v));
                    case "d" -> of(Period.ofDays(v));
                    case "h" -> of(Duration.ofHours(v));
                    case "m" -> of(Duration.ofMinutes(v));
                    default -> of(Duration.ofSeconds(v));
                };
            }
            if (s.startsWith("P")) {
                int t = s.indexOf('T');
                if (t < 0) return of(Period.parse(s));
                Period p = t == 1 ? Period.ZERO : Period.parse(s.substring(0, t));
                return new CalendarSpan(p, Duration.parse("P" + s.substring(t)), -1);
            }
        } catch (RuntimeException e) {
            // falls through to the one message below
        }
        throw DataValidationException.param(param, text, "is not a span of time",
                "write it as 1y, 3mo, 2w, 7d, 12h, 30m, 45s, ISO-8601 such as P1M or PT12H, or a plain number (days, or a number column's units)");
    }

    boolean isZero() { return plain == 0 || (plain < 0 && period.isZero() && duration.isZero()); }

    /**
     * {@code key} moved on by this span {@code times} times (negative to go back): seconds since the epoch
     * for a date or time column, or the raw value for a whole-number column.
     */
    public long addTo(long key, long times, boolean numberColumn) {
        if (numberColumn) {
            if (plain < 0) {
                throw DataValidationException.param("span", this, "the time column holds plain numbers, so a span with a unit has no meaning",
                        "give a plain number of the column's units");
            }
            return Math.addExact(key, Math.multiplyExact(plain, times));
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(key, 0, ZoneOffset.UTC);
        int k = Math.toIntExact(times);
        Period p = period.multipliedBy(k);
        t = t.plusYears(p.getYears()).plusMonths(p.getMonths()).plusDays(p.getDays()).plus(duration.multipliedBy(k));
        return t.toEpochSecond(ZoneOffset.UTC);
    }

    @Override public String toString() {
        if (plain >= 0) return Long.toString(plain);
        if (duration.isZero()) return period.toString();
        if (period.isZero()) return duration.toString();
        return period + duration.toString().substring(1);
    }
}
