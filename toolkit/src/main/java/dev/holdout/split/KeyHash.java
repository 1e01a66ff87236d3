package dev.holdout.split;

import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * The seeded hash that decides a row's part in a hashed split ({@link RandomSplit#hashedBy(String)},
 * {@link RandomSplit#hashedByRowContent()}, {@link GroupSplit#hashed()}): each row's part depends only on
 * its key and the seed, never on the other rows, their order or their number. So the same file split on
 * one machine and as a distributed {@code Dataset<Row>} (module {@code holdout-spark}) gives the same parts
 * row for row, and rows appended later never move an earlier row to another part.
 *
 * <p>The definition (stable; another implementation must follow it exactly): a key is a sequence of cells,
 * one (an id or group column) or all of a row's cells in column order. Each cell is its text: a text cell
 * as read (after CSV unquoting), a number as {@link #text(Object)} writes it. A cell that is missing (null,
 * or blank or one of {@link CsvLoader#DEFAULT_MISSING} after ASCII spaces and tabs are trimmed) counts as
 * missing. Starting from {@code h = seed ^ 0x9E3779B97F4A7C15}, each cell folds in as FNV-1a over its
 * UTF-8 bytes ({@code h = (h ^ byte) * 0x100000001B3}), then {@code h ^= byteCount}, then
 * {@code h = fmix64(h)} (MurmurHash3's finaliser); a missing cell folds in as
 * {@code h = fmix64(h ^ 0x5BD1E9955BD1E995)}. The row's position in [0, 1) is {@code (h >>> 11) · 2^-53};
 * positions below the test fraction go to test, the next validation fraction to validation, the rest to
 * train (so growing the validation fraction never changes test).
 *
 * <pre>{@code
 * KeyHash h = KeyHash.seeded(42);
 * double u = h.position(h.of("patient-17"));      // the same on every JVM and in Spark
 * Part p = KeyHash.part(u, 0.2, 0.1);             // TEST if u < 0.2, VALIDATION if u < 0.3, else TRAIN
 * }</pre>
 */
public final class KeyHash {
    private static final long START = 0x9E3779B97F4A7C15L;
    private static final long FNV_PRIME = 0x100000001B3L;
    private static final long MISSING = 0x5BD1E9955BD1E995L;

    private final long seed;

    private KeyHash(long seed) { this.seed = seed; }

    public static KeyHash seeded(long seed) { return new KeyHash(seed); }

    public long seed() { return seed; }

    /** The hash of a one-cell key; {@code null} or a missing token is the missing cell. */
    public long of(String cell) { return fold(seed ^ START, cell); }

    /** The hash of a key made of several cells in order (a row's content). */
    public long of(String[] cells) {
        long h = seed ^ START;
        for (String c : cells) h = fold(h, c);
        return h;
    }

    /** Folds one more cell into a running hash (start with {@link #start()}): for keys built cell by cell. */
    public static long fold(long h, String cell) {
        if (isMissing(cell)) return fmix64(h ^ MISSING);
        byte[] b = cell.getBytes(StandardCharsets.UTF_8);
        for (byte x : b) h = (h ^ (x & 0xFF)) * FNV_PRIME;
        h ^= b.length;
        return fmix64(h);
    }

    /** The running hash before any cell. */
    public long start() { return seed ^ START; }

    /** The row's position in [0, 1) from its hash: the top 53 bits. */
    public static double position(long hash) { return (hash >>> 11) * 0x1.0p-53; }

    /** The part of a row at {@code position}: test below {@code test}, validation below {@code test + validation}, else train. */
    public static Part part(double position, double test, double validation) {
        if (position < test) return Part.TEST;
        if (position < test + validation) return Part.VALIDATION;
        return Part.TRAIN;
    }

    /** Whether a cell counts as missing: null, blank, or one of {@link CsvLoader#DEFAULT_MISSING} once ASCII spaces and tabs are trimmed. */
    public static boolean isMissing(String cell) {
        if (cell == null) return true;
        int from = 0, to = cell.length();
        while (from < to && (cell.charAt(from) == ' ' || cell.charAt(from) == '\t')) from++;
        while (to > from && (cell.charAt(to - 1) == ' ' || cell.charAt(to - 1) == '\t')) to--;
        return from == to || (to - from <= 4 && CsvLoader.DEFAULT_MISSING.contains(cell.substring(from, to)));
    }

    /**
     * The text of a typed cell, for keys held as numbers or times: text as is, whole numbers (integer types,
     * and doubles that are whole and below 2^53 in magnitude) in plain decimal, other doubles by
     * {@link Double#toString(double)}, NaN and null missing, dates and date-times ISO-8601 ({@code 2024-01-31},
     * {@code 2024-01-31T08:00:00}), instants ISO-8601 in UTC with a Z. A key read as text in one place and
     * as a number in another may differ ({@code 007} and {@code 7}): read id columns as text in both.
     */
    public static String text(Object value) {
        if (value == null) return null;
        if (value instanceof String s) return s;
        if (value instanceof Integer || value instanceof Long || value instanceof Short || value instanceof Byte) return value.toString();
        if (value instanceof Double || value instanceof Float) {
            double d = ((Number) value).doubleValue();
            if (Double.isNaN(d)) return null;
            if (d == Math.rint(d) && Math.abs(d) < 0x1.0p53) return Long.toString((long) d);
            return Double.toString(d);
        }
        if (value instanceof LocalDate d) return d.toString();
        if (value instanceof LocalDateTime t) return t.format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        if (value instanceof Instant i) return i.toString();
        if (value instanceof java.sql.Timestamp t) return t.toInstant().toString();
        if (value instanceof java.sql.Date d) return d.toLocalDate().toString();
        return value.toString();
    }

    /** Refuses sizes a hashed split cannot honour: each row is placed on its own, so sizes are fractions. */
    static double fraction(PartSize size, String param) {
        if (size == null) return 0;
        if (!size.isFraction()) {
            throw DataValidationException.param(param, size, "a hashed split places each row by its key alone, so sizes are fractions of the rows",
                    "pass a fraction such as 0.2, or drop the hashed mode to get exact row counts");
        }
        return size.fraction();
    }

    private static long fmix64(long k) {
        k ^= k >>> 33;
        k *= 0xFF51AFD7ED558CCDL;
        k ^= k >>> 33;
        k *= 0xC4CEB93FE53B12BAL;
        k ^= k >>> 33;
        return k;
    }
}
