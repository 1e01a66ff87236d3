package dev.holdout.leakage;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.IsoTime;
import java.time.ZoneOffset;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A time column as comparable doubles, NaN for missing: epoch seconds for dates and date-times (UTC,
 * with the fraction of a second for instants), the raw values for numbers, which are not rounded, so
 * two fractional times compare as they are (1.2 is before 1.4).
 */
final class TimeValues {
    private TimeValues() {}

    /** Whether the keys are seconds (a date or date-time column), so a gap in days can be applied. */
    static boolean isTemporal(Table t, String column) {
        Column<?> c = Columns.require(t, column, "time");
        return !(c instanceof NumericColumn<?>);
    }

    static double[] of(Table t, String column) {
        Column<?> c = Columns.require(t, column, "time");
        int n = c.size();
        double[] k = new double[n];
        if (c instanceof NumericColumn<?> d) {
            for (int i = 0; i < n; i++) k[i] = d.isMissing(i) ? Double.NaN : d.getDouble(i);
            return k;
        }
        for (int i = 0; i < n; i++) {
            if (c.isMissing(i)) { k[i] = Double.NaN; continue; }
            if (c instanceof DateColumn d) k[i] = d.get(i).toEpochDay() * 86_400L;
            else if (c instanceof DateTimeColumn d) k[i] = d.get(i).toEpochSecond(ZoneOffset.UTC);
            else if (c instanceof InstantColumn d) k[i] = d.get(i).getEpochSecond() + d.get(i).getNano() / 1e9;
            else k[i] = parse(t, column, i, c.getString(i));
        }
        return k;
    }

    private static double parse(Table t, String column, int row, String s) {
        double v = IsoTime.epochSeconds(s);
        if (Double.isNaN(v)) {
            throw DataValidationException.at(t.name(), row + 1, column, s,
                    "'" + s + "' is not a date (yyyy-MM-dd), date-time or instant (ISO-8601, with Z or an offset); pass a date, date-time or numeric time column");
        }
        return v;
    }
}
