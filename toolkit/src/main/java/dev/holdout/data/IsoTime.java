package dev.holdout.data;

import java.nio.charset.StandardCharsets;

/**
 * The one parser of ISO dates and times in CSV cells, straight from the bytes (no {@code java.time}
 * objects per cell). Three shapes, with ASCII blanks around them ignored:
 *
 * <ul>
 *   <li>DATE: {@code 2023-01-31};
 *   <li>DATETIME, a local date-time: {@code 2023-01-31T09:30}, {@code 2023-01-31 09:30:15.250} (seconds
 *       and 1-9 fraction digits optional, {@code T} or a space between date and time);
 *   <li>INSTANT, a date-time with a zone as pandas and ISO 8601 write it: {@code 2023-01-01T00:00:00Z},
 *       {@code 2023-01-01 09:00:00+09:00}, {@code -0530}, {@code +09}. It is read as that instant, in UTC.
 * </ul>
 *
 * Tablesaw keeps milliseconds: a finer fraction is truncated when a value is stored in a column.
 * An instance is a reusable parser and not thread-safe (one per reader); the static methods are.
 */
public final class IsoTime {
    static final int NONE = 0, DATE = 1, DATETIME = 2, INSTANT = 3;

    /**
     * Seconds since the epoch of an ISO date (its midnight), a local date-time (read as UTC) or an instant
     * with {@code Z} or an offset (its UTC instant), the fraction of a second dropped; null when the text is
     * none of those. The one parser of time text given as parameters (cutoffs) and as cells.
     *
     * <pre>{@code
     * IsoTime.epochSecond("2023-01-01T09:00:00+09:00");   // 1672531200, the same as "2023-01-01T00:00:00Z"
     * }</pre>
     */
    public static Long epochSecond(String text) {
        IsoTime t = new IsoTime();
        return text == null || t.parse(text) == NONE ? null : t.epochSecond();
    }

    /** As {@link #epochSecond(String)}, with the fraction of a second; NaN when the text is not an ISO date or time. */
    public static double epochSeconds(String text) {
        IsoTime t = new IsoTime();
        return text == null || t.parse(text) == NONE ? Double.NaN : t.epochSecond() + t.nano / 1e9;
    }

    /**
     * Milliseconds since the epoch of an ISO date, local date-time (read as UTC) or instant, exactly (finer digits
     * truncated, as Tablesaw keeps them); {@link Long#MIN_VALUE} when the text is none of those.
     *
     * <pre>{@code
     * IsoTime.epochMillis("2023-01-01T00:00:00.250Z");   // 1672531200250
     * }</pre>
     */
    public static long epochMillis(String text) {
        IsoTime t = new IsoTime();
        return text == null || t.parse(text) == NONE ? Long.MIN_VALUE : t.epochMilli();
    }

    IsoTime() {}

    int year, month, day, hour, minute, second, nano, offsetSeconds;

    /** Parses {@code b[from, to)}; returns its shape, or {@link #NONE} when it is not an ISO date or date-time. */
    int parse(byte[] b, int from, int to) {
        while (from < to && Cells.isBlank(b[from])) from++;
        while (to > from && Cells.isBlank(b[to - 1])) to--;
        int n = to - from;
        if (n < 10 || b[from + 4] != '-' || b[from + 7] != '-') return NONE;
        int y = digits(b, from, 4), m = digits(b, from + 5, 2), d = digits(b, from + 8, 2);
        if (y < 0 || m < 1 || m > 12 || d < 1 || d > lengthOfMonth(y, m)) return NONE;
        year = y;
        month = m;
        day = d;
        hour = minute = second = nano = offsetSeconds = 0;
        if (n == 10) return DATE;
        int p = from + 10;
        if (b[p] != 'T' && b[p] != ' ') return NONE;
        p++;
        if (to - p < 5 || b[p + 2] != ':') return NONE;
        int h = digits(b, p, 2), mi = digits(b, p + 3, 2);
        if (h < 0 || h > 23 || mi < 0 || mi > 59) return NONE;
        hour = h;
        minute = mi;
        p += 5;
        if (p < to && b[p] == ':') {
            if (to - p < 3) return NONE;
            int s = digits(b, p + 1, 2);
            if (s < 0 || s > 59) return NONE;
            second = s;
            p += 3;
            if (p < to && b[p] == '.') {
                p++;
                int start = p, frac = 0;
                while (p < to && b[p] >= '0' && b[p] <= '9' && p - start < 9) frac = frac * 10 + (b[p++] - '0');
                int len = p - start;
                if (len == 0 || (p < to && b[p] >= '0' && b[p] <= '9')) return NONE;
                for (int k = len; k < 9; k++) frac *= 10;
                nano = frac;
            }
        }
        if (p == to) return DATETIME;
        if (b[p] == 'Z' && p + 1 == to) return INSTANT;
        if (b[p] != '+' && b[p] != '-') return NONE;
        int sign = b[p] == '-' ? -1 : 1;
        int rest = to - p - 1, oh, om = 0;
        if (rest == 2) {
            oh = digits(b, p + 1, 2);
        } else if (rest == 4) {
            oh = digits(b, p + 1, 2);
            om = digits(b, p + 3, 2);
        } else if (rest == 5 && b[p + 3] == ':') {
            oh = digits(b, p + 1, 2);
            om = digits(b, p + 4, 2);
        } else {
            return NONE;
        }
        if (oh < 0 || om < 0 || om > 59 || oh * 60 + om > 18 * 60) return NONE;
        offsetSeconds = sign * (oh * 3600 + om * 60);
        return INSTANT;
    }

    /** The shape of a text value (for cutoffs and other values given as strings). */
    int parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        return parse(b, 0, b.length);
    }

    private static int digits(byte[] b, int from, int count) {
        int x = 0;
        for (int i = from; i < from + count; i++) {
            int d = b[i] - '0';
            if (d < 0 || d > 9) return -1;
            x = x * 10 + d;
        }
        return x;
    }

    static boolean isLeap(int y) { return (y & 3) == 0 && (y % 100 != 0 || y % 400 == 0); }

    static int lengthOfMonth(int y, int m) {
        return switch (m) {
            case 2 -> isLeap(y) ? 29 : 28;
            case 4, 6, 9, 11 -> 30;
            default -> 31;
        };
    }

    /** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
    static long epochDay(int y, int m, int d) {
        long yy = m <= 2 ? y - 1 : y;
        long era = Math.floorDiv(yy, 400);
        long yoe = yy - era * 400;
        long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
        long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        return era * 146097 + doe - 719468;
    }

    /** Seconds since the epoch of the parsed value: in UTC for an instant, the local fields read as UTC otherwise. */
    long epochSecond() {
        return epochDay(year, month, day) * 86_400L + hour * 3600L + minute * 60L + second - offsetSeconds;
    }

    /** Milliseconds since the epoch (see {@link #epochSecond()}), the fraction truncated. */
    long epochMilli() { return epochSecond() * 1000L + nano / 1_000_000; }

    /** Tablesaw's packed form of the date. */
    int packedDate() { return ((year & 0xFFFF) << 16) | (month << 8) | day; }

    /** Tablesaw's packed local date-time (date in the high int, time of day with milliseconds in the low one). */
    long packedDateTime() { return pack(year, month, day, hour, minute, second, nano / 1_000_000); }

    /** Tablesaw's packed instant: the UTC date and time of day of the parsed instant. */
    long packedInstant() {
        if (offsetSeconds == 0) return packedDateTime();
        long s = epochSecond();
        long days = Math.floorDiv(s, 86_400L);
        int secOfDay = (int) Math.floorMod(s, 86_400L);
        // civil_from_days (H. Hinnant)
        long z = days + 719468;
        long era = Math.floorDiv(z, 146097);
        long doe = z - era * 146097;
        long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
        long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        long mp = (5 * doy + 2) / 153;
        int d = (int) (doy - (153 * mp + 2) / 5 + 1);
        int m = (int) (mp < 10 ? mp + 3 : mp - 9);
        int y = (int) (yoe + era * 400 + (m <= 2 ? 1 : 0));
        return pack(y, m, d, secOfDay / 3600, secOfDay / 60 % 60, secOfDay % 60, nano / 1_000_000);
    }

    // Tablesaw's layout (PackedLocalDateTime.pack(LocalDate, LocalTime)): the packed date in the high 32 bits,
    // the packed time of day in the low 32; a test checks it against Tablesaw's own packing.
    // (PackedLocalDate.pack: year in the high 16 bits, month, day; PackedLocalTime: hour, minute, then the
    // millisecond of the minute in the low 16 bits.) The fields were range-checked by parse.
    private static long pack(int y, int m, int d, int h, int mi, int s, int millis) {
        int date = ((y & 0xFFFF) << 16) | (m << 8) | d;
        int time = (h << 24) | (mi << 16) | (s * 1000 + millis);
        return (((long) date) << 32) | (time & 0xffffffffL);
    }
}
