package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.time.Duration;

/**
 * How much data after a test fold is kept out of training (López de Prado's embargo): a span of time
 * after the end of the test fold's last label, or a number of rows that follow it.
 *
 * <p>Why: features of the rows right after a test period are built from values observed during it
 * (moving averages, lags, serially correlated prices), so a model trained on them has seen the test
 * period through its features even when no label overlaps. Purging removes label overlap; the embargo
 * removes this second path.
 *
 * <pre>{@code
 * Embargo.parse("2d", "--embargo");   // a duration: rows starting within 2 days after the test labels end
 * Embargo.parse("20", "--embargo");   // 20 rows: the 20 rows that follow (ties at the 20th row go too)
 * Embargo.none();
 * }</pre>
 *
 * @param seconds the span after the test labels' end: seconds for a date or time column, or the
 *                column's own units for a whole-number time column ({@code units}); 0 with {@code rows}
 * @param rows    the number of following rows; 0 with {@code seconds}
 * @param units   whether {@code seconds} counts a whole-number column's own units (from {@link #units})
 *                rather than seconds of a duration
 */
public record Embargo(long seconds, int rows, boolean units) {
    public Embargo {
        if (seconds < 0) throw DataValidationException.param("embargo", seconds, "must not be negative", "pass 0 or a positive duration");
        if (rows < 0) throw DataValidationException.param("embargo", rows, "must not be negative", "pass 0 or a positive number of rows");
        if (seconds > 0 && rows > 0) {
            throw DataValidationException.param("embargo", seconds + "s and " + rows + " rows", "is a span of time or a number of rows, not both",
                    "give one");
        }
    }

    /** No embargo. */
    public static Embargo none() { return new Embargo(0, 0, false); }

    /** The rows starting within {@code d} after the test labels end. */
    public static Embargo of(Duration d) {
        if (d.isNegative()) throw DataValidationException.param("embargo", d, "must not be negative", "pass 0 or a positive duration");
        return new Embargo(d.getSeconds(), 0, false);
    }

    /** The first {@code rows} rows (in time order) after the test labels end, with every row tied with the last of them. */
    public static Embargo rows(int rows) { return new Embargo(0, rows, false); }

    /** A span in the time column's own units, for a whole-number time column (a step, a year, epoch seconds). */
    public static Embargo units(long units) { return new Embargo(units, 0, true); }

    /**
     * A plain whole number is a number of rows; anything else is a duration as {@link Gap#parse} reads
     * it ({@code 2d}, {@code 12h}, {@code PT30M}).
     */
    public static Embargo parse(String text, String param) {
        String s = text.trim();
        if (s.matches("[0-9]+")) {
            try {
                return rows(Integer.parseInt(s));
            } catch (NumberFormatException e) {
                throw DataValidationException.param(param, text, "is too many rows", "pass a smaller number of rows or a duration such as 2d");
            }
        }
        try {
            return of(Gap.parse(s));
        } catch (DataValidationException e) {
            throw DataValidationException.param(param, text, "is neither a number of rows nor a duration",
                    "write a number of rows (20) or a duration (2d, 12h, 30m, 45s, P2D, PT12H)");
        }
    }

    boolean isNone() { return seconds == 0 && rows == 0; }

    /**
     * Checks that the embargo fits a time column: a duration needs dates or times, a count of units needs
     * a whole-number column.
     */
    void checkFits(boolean numericTime, String column) {
        if (seconds == 0) return;
        if (numericTime && !units) {
            throw DataValidationException.param("embargo", toString(), "column '" + column + "' holds plain numbers, so a duration has no unit here",
                    "give the embargo as a number of rows, or as the column's own units (Embargo.units)");
        }
        if (!numericTime && units) {
            throw DataValidationException.param("embargo", toString(), "column '" + column + "' holds dates or times, so the embargo needs a unit",
                    "give a duration such as 2d, 12h or P2D, or a number of rows");
        }
    }

    @Override public String toString() {
        if (rows > 0) return rows + " rows";
        if (seconds == 0) return "none";
        return units ? seconds + " units" : Duration.ofSeconds(seconds).toString();
    }
}
