package dev.holdout.split;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.IsoTime;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A time column as comparable long keys: epoch seconds for dates (UTC midnight) and date-times (read as
 * UTC), epoch seconds for instants, the raw value for integer columns. {@link #MISSING} marks a missing time.
 */
final class TimeKeys {
    static final long MISSING = Long.MIN_VALUE;

    enum Kind { DATE, DATETIME, INSTANT, NUMBER }

    final long[] keys;
    final Kind kind;
    final String column;

    private TimeKeys(long[] keys, Kind kind, String column) {
        this.keys = keys;
        this.kind = kind;
        this.column = column;
    }

    static TimeKeys of(Table table, String column) {
        Column<?> col = Columns.require(table, column, "time");
        int n = col.size();
        long[] keys = new long[n];
        if (col instanceof DateColumn d) {
            for (int i = 0; i < n; i++) {
                LocalDate v = d.get(i);
                keys[i] = v == null ? MISSING : v.toEpochDay() * 86_400L;
            }
            return new TimeKeys(keys, Kind.DATE, column);
        }
        if (col instanceof DateTimeColumn d) {
            for (int i = 0; i < n; i++) {
                LocalDateTime v = d.get(i);
                keys[i] = v == null ? MISSING : v.toEpochSecond(ZoneOffset.UTC);
            }
            return new TimeKeys(keys, Kind.DATETIME, column);
        }
        if (col instanceof InstantColumn d) {
            for (int i = 0; i < n; i++) {
                Instant v = d.get(i);
                keys[i] = v == null ? MISSING : v.getEpochSecond();
            }
            return new TimeKeys(keys, Kind.INSTANT, column);
        }
        if (col instanceof NumericColumn<?> num) {
            for (int i = 0; i < n; i++) {
                if (num.isMissing(i)) {
                    keys[i] = MISSING;
                } else {
                    double v = num.getDouble(i);
                    if (v != Math.rint(v)) {
                        throw DataValidationException.atRow(table.name(), i + 1, column, Double.toString(v),
                                "value " + v + " is not a whole number; a numeric time column must hold whole numbers (epoch seconds, a year, a step)");
                    }
                    keys[i] = (long) v;
                }
            }
            return new TimeKeys(keys, Kind.NUMBER, column);
        }
        throw DataValidationException.param("time", column, "column is " + col.type().name()
                + ", not a date, date-time, instant or whole-number column", "choose a date column, or load it with a declared DATE type");
    }

    /**
     * Parses a cutoff given as text: a whole number for a numeric column, else an ISO date, date-time or
     * instant (with Z or an offset, read as its UTC instant; a date or local date-time is read as UTC).
     */
    long parse(String text, String param) {
        String s = text.trim();
        if (kind == Kind.NUMBER) {
            try {
                return Long.parseLong(s);
            } catch (NumberFormatException e) {
                throw DataValidationException.param(param, text, "is not a whole number", "write it like the values of column '" + column + "'");
            }
        }
        Long v = IsoTime.epochSecond(s);
        if (v == null) {
            throw DataValidationException.param(param, text, "is not a date (yyyy-MM-dd), date-time (yyyy-MM-ddTHH:mm:ss) or instant "
                    + "(2023-01-01T00:00:00Z, 2023-01-01T09:00:00+09:00)", "write it like the values of column '" + column + "'");
        }
        return v;
    }

    /** A key as text in this column's kind. */
    String format(long key) {
        if (key == MISSING) return "";
        return switch (kind) {
            case DATE -> key % 86_400L == 0 ? LocalDate.ofEpochDay(Math.floorDiv(key, 86_400L)).toString()
                    : LocalDateTime.ofEpochSecond(key, 0, ZoneOffset.UTC).toString();
            case DATETIME -> LocalDateTime.ofEpochSecond(key, 0, ZoneOffset.UTC).toString();
            case INSTANT -> Instant.ofEpochSecond(key).toString();
            case NUMBER -> Long.toString(key);
        };
    }
}
