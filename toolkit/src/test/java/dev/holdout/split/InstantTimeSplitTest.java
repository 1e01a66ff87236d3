package dev.holdout.split;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.Schema;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.Table;

/**
 * A time column written as pandas writes time-zone-aware values (Z or an offset) is read as instants in UTC,
 * and time splits cut it by instant: the same moment written with different offsets falls on the same side.
 */
class InstantTimeSplitTest {
    /** Hourly rows from 2022-12-31T20:00Z to 2023-01-01T03:00Z, each written in a different zone. */
    private static Table hourly() {
        StringBuilder sb = new StringBuilder("t,y\n");
        String[] rows = {
            "2022-12-31T20:00:00Z", "2023-01-01 06:00:00+09:00", "2022-12-31T17:00:00-05:00", "2022-12-31T23:00:00+0000",
            "2023-01-01T09:00:00+09:00", "2023-01-01 01:00:00+00:00", "2023-01-01T07:30:00+05:30", "2023-01-01T03:00:00Z",
        };
        for (int i = 0; i < rows.length; i++) sb.append(rows[i]).append(',').append(i % 2).append('\n');
        return CsvLoader.csv().load("hourly.csv", sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    @Test void offsetsAreReadAsUtcInstantsAndCutoffsMayCarryAnOffset() {
        Table t = hourly();
        assertEquals(ColumnKind.INSTANT, CsvLoader.kindOf(t.column("t")));
        InstantColumn c = (InstantColumn) t.column("t");
        assertEquals(java.time.Instant.parse("2023-01-01T00:00:00Z"), c.get(4), "09:00+09:00 is midnight UTC");
        // the cutoff is midnight UTC, written three ways: the same split each time; the row exactly at it goes to test
        for (String cutoff : new String[] {"2023-01-01T00:00:00Z", "2023-01-01T09:00:00+09:00", "2023-01-01"}) {
            Split s = TimeSplit.on("t").cutoffs(cutoff).split(t);
            assertEquals(RowIndices.sorted(new int[] {0, 1, 2, 3}), s.rows(Part.TRAIN), cutoff);
            assertEquals(RowIndices.sorted(new int[] {4, 5, 6, 7}), s.rows(Part.TEST), cutoff);
        }
        Split gap = TimeSplit.on("t").cutoffs("2023-01-01T00:00:00Z").gap(Duration.ofHours(2)).split(t);
        assertEquals(RowIndices.sorted(new int[] {0, 1}), gap.rows(Part.TRAIN), "22:00Z and 23:00Z are within 2 h of the cutoff: left out");
        SplitManifest m = SplitManifest.of(TimeSplit.on("t").cutoffs("2023-01-01T01:00:00+01:00").split(t), t, Schema.empty().withTime("t"));
        assertEquals("2022-12-31T20:00:00Z", m.parts().get(0).timeMin());
        assertEquals("2023-01-01T03:00:00Z", m.parts().get(1).timeMax());
    }

    @Test void fractionsAndTimeSeriesFoldsWorkOnInstants() {
        Table t = hourly();
        Split s = TimeSplit.on("t").test(0.25).split(t);
        assertEquals(RowIndices.sorted(new int[] {6, 7}), s.rows(Part.TEST), "the last quarter of 20:00Z..03:00Z starts at 01:15Z");
        Folds f = TimeSeriesSplit.of(3).time("t").split(t);
        assertEquals(3, f.folds().size());
    }
}
