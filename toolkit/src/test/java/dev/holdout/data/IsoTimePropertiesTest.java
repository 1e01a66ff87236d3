package dev.holdout.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import tech.tablesaw.columns.datetimes.PackedLocalDateTime;
import tech.tablesaw.columns.dates.PackedLocalDate;
import tech.tablesaw.columns.instant.PackedInstant;

/** The byte-level ISO parser against java.time and Tablesaw's own packing, for dates, local date-times and zoned instants. */
class IsoTimePropertiesTest {
    private static int parse(IsoTime t, String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return t.parse(b, 0, b.length);
    }

    @Property(tries = 500)
    void localDateTimesAndDatesPackAsTablesawPacksThem(@ForAll @LongRange(min = -2_000_000_000L, max = 8_000_000_000L) long second,
                                                       @ForAll @IntRange(min = 0, max = 999_999_999) int nano,
                                                       @ForAll @IntRange(min = 0, max = 3) int form) {
        LocalDateTime v = LocalDateTime.ofEpochSecond(second, nano, ZoneOffset.UTC);
        String text = switch (form) {
            case 0 -> v.toString();                                                   // 2023-01-01T10:00:00.123456789
            case 1 -> v.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss"));   // pandas' space form
            case 2 -> v.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
            default -> v.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS"));
        };
        LocalDateTime expected = LocalDateTime.parse(text.replace(' ', 'T'));
        IsoTime t = new IsoTime();
        assertEquals(IsoTime.DATETIME, parse(t, text), text);
        assertEquals(PackedLocalDateTime.pack(expected.truncatedTo(ChronoUnit.MILLIS)), t.packedDateTime(), text);
        assertEquals(expected.toEpochSecond(ZoneOffset.UTC), t.epochSecond(), text);
        LocalDate d = v.toLocalDate();
        assertEquals(IsoTime.DATE, parse(t, d.toString()));
        assertEquals(PackedLocalDate.pack(d), t.packedDate());
        assertEquals(d.toEpochDay(), IsoTime.epochDay(d.getYear(), d.getMonthValue(), d.getDayOfMonth()));
    }

    @Property(tries = 500)
    void instantsWithZOrAnOffsetAreTheirUtcInstant(@ForAll @LongRange(min = -2_000_000_000L, max = 8_000_000_000L) long second,
                                                   @ForAll @IntRange(min = 0, max = 999) int millis,
                                                   @ForAll @IntRange(min = -18 * 4, max = 18 * 4) int quarterHours,
                                                   @ForAll @IntRange(min = 0, max = 3) int form) {
        Instant instant = Instant.ofEpochSecond(second, millis * 1_000_000L);
        ZoneOffset offset = ZoneOffset.ofTotalSeconds(quarterHours * 900);
        OffsetDateTime odt = instant.atOffset(offset);
        String text = switch (form) {
            case 0 -> odt.toString();                                                                    // ISO, Z for UTC
            case 1 -> odt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSxxx"));             // pandas: +09:00
            case 2 -> odt.format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxx"));            // +0900
            default -> instant.toString();
        };
        IsoTime t = new IsoTime();
        assertEquals(IsoTime.INSTANT, parse(t, text), text);
        assertEquals(instant.toEpochMilli(), t.epochMilli(), text);
        assertEquals(PackedInstant.pack(instant), t.packedInstant(), text);
        assertEquals(instant.getEpochSecond(), IsoTime.epochSecond(text), text);
        assertEquals(instant.toEpochMilli(), ColumnBuilder.packedToEpochMilli(t.packedInstant()), text);
    }

    @Property(tries = 200)
    void textThatIsNotAnIsoTimeIsRefused(@ForAll @IntRange(min = 0, max = 9) int which) {
        String[] bad = {"2023-02-29", "2023-13-01", "2023-1-01", "2023-01-01T24:00", "2023-01-01T10:60", "2023-01-01T10:00:61",
                "2023-01-01T10:00+19:00", "2023-01-01T10:00:00.1234567891", "2023/01/01", "2023-01-01Z"};
        assertEquals(IsoTime.NONE, parse(new IsoTime(), bad[which]), bad[which]);
    }
}
