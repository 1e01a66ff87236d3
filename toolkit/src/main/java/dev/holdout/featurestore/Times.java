package dev.holdout.featurestore;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.IsoTime;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/** Instants as the feature store takes them: parameters parsed by the one ISO parser, a table's time column as epoch millis. */
final class Times {
    static final long MISSING = Long.MIN_VALUE;
    /** Rows looked at to decide how to read a time column. */
    static final int PROBE_ROWS = 65_536;

    private Times() {}

    /** {@code 2024-03-01}, {@code 2024-03-01T12:00}, {@code 2024-03-01T12:00:00Z}, {@code 2024-03-01 21:00+09:00}: the instant (a local one read as UTC). */
    static Instant parse(String text, String param) {
        long ms = IsoTime.epochMillis(text);
        if (ms == MISSING) {
            throw DataValidationException.param(param, text, "is not an ISO date, date-time or instant",
                    "write it as 2024-03-01, 2024-03-01T12:00:00 or 2024-03-01T12:00:00Z (a time without a zone is read as UTC)");
        }
        return Instant.ofEpochMilli(ms);
    }

    /** A date, date-time (read as UTC) or instant column of a table as epoch millis, {@link #MISSING} where missing. */
    static long[] epochMillis(Table t, String column, String param) {
        Column<?> c = dev.holdout.data.Columns.require(t, column, param);
        long[] out = new long[c.size()];
        for (int i = 0; i < out.length; i++) {
            if (c.isMissing(i)) {
                out[i] = MISSING;
                continue;
            }
            if (c instanceof InstantColumn ic) out[i] = ic.get(i).toEpochMilli();
            else if (c instanceof DateTimeColumn dt) {
                LocalDateTime v = dt.get(i);
                out[i] = v.toInstant(ZoneOffset.UTC).toEpochMilli();
            } else if (c instanceof DateColumn d) {
                LocalDate v = d.get(i);
                out[i] = v.toEpochDay() * 86_400_000L;
            } else {
                throw DataValidationException.param(param, column, "is a " + c.type().name() + " column, not a time",
                        "pass a column of ISO dates, date-times or instants");
            }
        }
        return out;
    }

    static String format(long epochMillis) { return Instant.ofEpochMilli(epochMillis).toString(); }

    /**
     * How to read a CSV time column (event time, entity time): {@code INSTANT} when its first rows are all
     * instants, {@code DATETIME} when they are dates or local date-times (a date is its midnight, UTC), and
     * {@code TEXT} — each value parsed on its own — when they mix the two, or when the user declared it TEXT
     * ({@code --types ts=TEXT}: for a file whose later rows mix them). Anything else is an error naming the column.
     */
    static ColumnKind readingKind(Path file, String column, ColumnKind declared, String param) {
        if (declared == ColumnKind.TEXT) return ColumnKind.TEXT;
        if (declared != null && declared.isTime()) return declared == ColumnKind.INSTANT ? ColumnKind.INSTANT : ColumnKind.DATETIME;
        boolean instants = false, locals = false;
        try (CsvReader.Batches b = CsvReader.open(file).columns(column).withType(column, ColumnKind.TEXT).limit(PROBE_ROWS).batches(PROBE_ROWS)) {
            if (!b.hasNext()) return ColumnKind.INSTANT;
            CsvBatch first = b.next();
            String[] v = first.strings(column);
            for (int i = 0; i < v.length; i++) {
                if (v[i] == null) continue;
                if (IsoTime.epochMillis(v[i]) == MISSING) throw notTime(file, first.line(i), column, v[i], param);
                if (isInstant(v[i])) instants = true;
                else locals = true;
            }
        }
        if (instants && locals) return ColumnKind.TEXT;
        return locals ? ColumnKind.DATETIME : ColumnKind.INSTANT;
    }

    /** A reader of {@code column} as {@link #readingKind} decided. */
    static CsvReader typed(CsvReader r, String column, ColumnKind kind, String why) {
        return r.withType(column, kind, kind == ColumnKind.TEXT ? null : why + " (its first rows decide between instants and local times; "
                + "declare --types " + column + "=TEXT for a file that mixes them)");
    }

    /** A time column of a batch as epoch millis, {@link #MISSING} where missing, whichever way it was read. */
    static long[] epochMillis(CsvBatch b, String column, ColumnKind kind, Path file, String param) {
        if (kind != ColumnKind.TEXT) return b.epochMillis(column);
        String[] v = b.strings(column);
        long[] out = new long[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] == null) {
                out[i] = MISSING;
                continue;
            }
            out[i] = IsoTime.epochMillis(v[i]);
            if (out[i] == MISSING) throw notTime(file, b.line(i), column, v[i], param);
        }
        return out;
    }

    /** After the date: a Z or an offset (the only ISO shapes IsoTime reads as instants). */
    private static boolean isInstant(String v) {
        String t = v.strip();
        if (t.endsWith("Z")) return true;
        for (int i = 11; i < t.length(); i++) if (t.charAt(i) == '+' || t.charAt(i) == '-') return true;
        return false;
    }

    private static DataValidationException notTime(Path file, long line, String column, String value, String param) {
        return DataValidationException.at(file.toString(), line, column, value, "'" + value + "' is not an ISO date, date-time or instant, but "
                + column + " is the " + (param.equals("--event-time") ? "event time" : "entity time")
                + " (" + param + "): write it as 2024-03-01, 2024-03-01T12:00:00 (UTC) or 2024-03-01T12:00:00Z");
    }
}
