package dev.holdout.data;

import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.columns.Column;

/**
 * The values of one column as they are read, in primitive arrays, with the one rule for its kind.
 *
 * <p>A declared kind is strict: a value that is not of that kind is an error at its line. An inferred
 * kind is the narrowest that fits every non-missing value (INTEGER, NUMBER, DATE, DATETIME, INSTANT,
 * else TEXT), decided while reading: the column starts as the kind of its first value, widens (INTEGER
 * to NUMBER, DATE to DATETIME) and falls back to TEXT, re-reading the earlier values as text, when a
 * value does not fit. A column is never silently text because of a few bad values: when more than half
 * of its non-missing values are numbers (or dates, date-times, instants) it is that kind, and the first
 * value that is not is an error naming file, line, column and value. All-missing columns are TEXT.
 */
final class ColumnBuilder {
    private static final int EMPTY = 0, INTEGER = 1, LONG = 2, NUMBER = 3, DATE = 4, DATETIME = 5, INSTANT = 6, TEXT = 7;
    private static final int MISSING_INT = Integer.MIN_VALUE;
    private static final long MISSING_LONG = Long.MIN_VALUE;

    /** Where the bytes of rows already added can be found again (to re-read them as text). */
    interface Earlier {
        byte[] bytes();

        /** Fills out[0..2] with the start, end and flag (see RawBatch) of this column's field in {@code row}. */
        void locate(int row, int[] out);

        /** Called when the earlier rows are no longer needed. */
        default void done() {}
    }

    /** A value that breaks a kind: the first one of the column, for messages. */
    private record Offender(long line, String value, int length, boolean nonFinite) {}

    final String name;
    final String source;
    /** The kind every value must have, or null to infer it. */
    private final ColumnKind declared;
    /** Whether the user declared {@link #declared} (else a stream inferred it from its first batch). */
    private final boolean byUser;
    private final MissingTokens missing;
    private final IsoTime time = new IsoTime();
    private final String why;

    private int state = EMPTY;
    /** The capacity to allocate once an EMPTY column gets its first value. */
    private int pending;
    int size;
    private int[] ints;
    private long[] longs;
    private double[] doubles;
    private int[] codes;
    private TextDictionary dictionary;
    private byte[] scratch = new byte[64];

    private long nonMissing, numbers, dates, dateTimes, instants;
    private Offender notNumber, notDate, notDateTime, notInstant, firstValue;

    /**
     * @param declared the kind every value must have, or null to infer it
     * @param byUser   whether a user declared it (the messages say so); else {@code why} says where it comes from
     */
    ColumnBuilder(String name, String source, ColumnKind declared, boolean byUser, String why, MissingTokens missing, int capacity) {
        this.name = name;
        this.source = source;
        this.declared = declared;
        this.byUser = byUser;
        this.missing = missing;
        this.why = why;
        capacity = Math.max(16, capacity);
        if (declared != null) {
            state = switch (declared) {
                case INTEGER -> INTEGER;
                case NUMBER -> NUMBER;
                case DATE -> DATE;
                case DATETIME -> DATETIME;
                case INSTANT -> INSTANT;
                case TEXT -> TEXT;
            };
        }
        allocate(capacity);
    }

    private void allocate(int capacity) {
        switch (state) {
            case INTEGER, DATE -> ints = new int[capacity];
            case LONG, DATETIME, INSTANT -> longs = new long[capacity];
            case NUMBER -> doubles = new double[capacity];
            case TEXT -> {
                codes = new int[capacity];
                dictionary = new TextDictionary();
            }
            default -> pending = capacity; // EMPTY: every value so far is missing; nothing to store until the kind is known
        }
    }

    /** The kind so far (or finally, after {@link #finish}). */
    ColumnKind kind() {
        return switch (state) {
            case INTEGER, LONG -> ColumnKind.INTEGER;
            case NUMBER -> ColumnKind.NUMBER;
            case DATE -> ColumnKind.DATE;
            case DATETIME -> ColumnKind.DATETIME;
            case INSTANT -> ColumnKind.INSTANT;
            default -> ColumnKind.TEXT;
        };
    }

    /**
     * The kind the values read so far make the column, by the rule above, without failing: a stream
     * decides its columns' kinds from its first batch this way, then reads every batch strictly.
     */
    ColumnKind decide() {
        if (declared != null) return declared;
        if (state != TEXT) return state == EMPTY ? ColumnKind.TEXT : kind();
        long best = Math.max(Math.max(numbers, dates), Math.max(dateTimes, instants));
        if (best * 2 <= nonMissing) return ColumnKind.TEXT;
        if (numbers == best) return ColumnKind.NUMBER;
        if (dates == best) return ColumnKind.DATE;
        if (dateTimes == best) return ColumnKind.DATETIME;
        return ColumnKind.INSTANT;
    }

    /** Marks a row whose value was refused (the reader skips the row) as missing. */
    void markMissing(int row) { setMissing(row); }

    /** Keeps, of the rows from {@code from} on, those not flagged in {@code drop} (indexed from {@code from}), in order. */
    void retain(boolean[] drop, int from) {
        int n = from;
        for (int i = from; i < size; i++) {
            if (drop[i - from]) continue;
            switch (state) {
                case EMPTY -> { }
                case INTEGER, DATE -> ints[n] = ints[i];
                case LONG, DATETIME, INSTANT -> longs[n] = longs[i];
                case NUMBER -> doubles[n] = doubles[i];
                default -> codes[n] = codes[i];
            }
            n++;
        }
        size = n;
    }

    /** Starts again at row 0, keeping the kind (a stream's next batch). */
    void reset() {
        size = 0;
        if (dictionary != null) dictionary.clear();
    }

    private int capacity() {
        return switch (state) {
            case EMPTY -> pending;
            case INTEGER, DATE -> ints.length;
            case LONG, DATETIME, INSTANT -> longs.length;
            case NUMBER -> doubles.length;
            default -> codes.length;
        };
    }

    private void grow() {
        int cap = capacity() + (capacity() >> 1) + 16;
        if (state == EMPTY) pending = cap;
        if (ints != null) ints = Arrays.copyOf(ints, cap);
        if (longs != null) longs = Arrays.copyOf(longs, cap);
        if (doubles != null) doubles = Arrays.copyOf(doubles, cap);
        if (codes != null) codes = Arrays.copyOf(codes, cap);
    }

    /**
     * Adds rows [0, n) of column {@code col} of a scanned batch: tight loops for the common kinds, each value
     * that does not simply fit (a missing one, one of another kind) through {@link #add}.
     */
    void addAll(RawBatch raw, int col, int n, Earlier earlier) {
        while (capacity() < size + n) grow();
        int r = 0;
        while (r < n) {
            // one small loop per kind (so a kind's loop is compiled once and a change of kind does not undo it)
            r = switch (state) {
                case NUMBER -> numbers(raw, col, r, n);
                case INTEGER -> integers(raw, col, r, n);
                case TEXT -> texts(raw, col, r, n);
                case DATE -> dates(raw, col, r, n);
                case DATETIME -> dateTimes(raw, col, r, n);
                default -> r;
            };
            if (r < n) {
                int c = r * raw.width + col;
                add(raw.buf, raw.start[c], raw.end[c], raw.flags[c], raw.line[r], earlier);
                r++;
            }
        }
    }

    private int numbers(RawBatch raw, int col, int r, int n) {
        final byte[] b = raw.buf;
        final int w = raw.width;
        final int[] st = raw.start, en = raw.end;
        final double[] d = doubles;
        int sz = size, k = r;
        for (int c = r * w + col; k < n; k++, c += w) {
            double v = Cells.parseNumber(b, st[c], en[c]);
            if (v - v != 0) break; // NaN (missing, or not a number) or infinite: the general path decides
            d[sz++] = v;
        }
        numbers += k - r;
        nonMissing += k - r;
        size = sz;
        return k;
    }

    private int integers(RawBatch raw, int col, int r, int n) {
        final byte[] b = raw.buf;
        final int w = raw.width;
        final int[] st = raw.start, en = raw.end;
        final int[] d = ints;
        int sz = size, k = r;
        for (int c = r * w + col; k < n; k++, c += w) {
            long x = Cells.parseLong(b, st[c], en[c]);
            if (x <= Integer.MIN_VALUE || x > Integer.MAX_VALUE) break;
            d[sz++] = (int) x;
        }
        numbers += k - r;
        nonMissing += k - r;
        size = sz;
        return k;
    }

    private int texts(RawBatch raw, int col, int r, int n) {
        final byte[] b = raw.buf;
        final int w = raw.width;
        final int[] st = raw.start, en = raw.end;
        final byte[] fl = raw.flags;
        final int[] d = codes;
        final boolean counting = declared == null;
        int sz = size, k = r;
        for (int c = r * w + col; k < n; k++, c += w) {
            int s0 = st[c], e0 = en[c];
            if (missing.test(b, s0, e0)) {
                d[sz++] = -1;
                continue;
            }
            d[sz++] = code(b, s0, e0, fl[c]);
            nonMissing++;
            if (counting) count(b, s0, e0, fl[c], raw.line[k]);
        }
        size = sz;
        return k;
    }

    private int dates(RawBatch raw, int col, int r, int n) {
        final byte[] b = raw.buf;
        final int w = raw.width;
        final int[] st = raw.start, en = raw.end;
        final int[] d = ints;
        final IsoTime t = time;
        int sz = size, k = r;
        for (int c = r * w + col; k < n; k++, c += w) {
            if (t.parse(b, st[c], en[c]) != IsoTime.DATE) break;
            d[sz++] = t.packedDate();
        }
        dates += k - r;
        dateTimes += k - r;
        nonMissing += k - r;
        size = sz;
        return k;
    }

    private int dateTimes(RawBatch raw, int col, int r, int n) {
        final byte[] b = raw.buf;
        final int w = raw.width;
        final int[] st = raw.start, en = raw.end;
        final long[] d = longs;
        final IsoTime t = time;
        int sz = size, k = r;
        for (int c = r * w + col; k < n; k++, c += w) {
            if (t.parse(b, st[c], en[c]) != IsoTime.DATETIME) break;
            d[sz++] = t.packedDateTime();
        }
        if (k > r && notDate == null) {
            int c = r * w + col;
            notDate = offender(raw.line[r], b, st[c], en[c], raw.flags[c], false);
        }
        dateTimes += k - r;
        nonMissing += k - r;
        size = sz;
        return k;
    }

    /** Adds the cell {@code b[s, e)} (flag as in RawBatch) of the row at {@code line}. */
    void add(byte[] b, int s, int e, byte flag, long line, Earlier earlier) {
        if (size == capacity()) grow();
        int row = size++;
        if (missing.test(b, s, e)) {
            switch (state) {
                case EMPTY -> { }
                case INTEGER, DATE -> ints[row] = MISSING_INT;
                case LONG, DATETIME, INSTANT -> longs[row] = MISSING_LONG;
                case NUMBER -> doubles[row] = Double.NaN;
                default -> codes[row] = -1;
            }
            return;
        }
        nonMissing++;
        switch (state) {
            case INTEGER -> {
                long x = Cells.parseLong(b, s, e);
                if (x != Cells.NOT_INTEGER && x > Integer.MIN_VALUE && x <= Integer.MAX_VALUE) {
                    ints[row] = (int) x;
                    numbers++;
                    return;
                }
                if (x != Cells.NOT_INTEGER) { // a whole number beyond int: the column needs longs
                    toLong();
                    longs[row] = x;
                    numbers++;
                    return;
                }
            }
            case LONG -> {
                long x = Cells.parseLong(b, s, e);
                if (x != Cells.NOT_INTEGER) {
                    longs[row] = x;
                    numbers++;
                    return;
                }
            }
            case NUMBER -> {
                double v = Cells.parseNumber(b, s, e);
                if (v == v) {
                    if (Double.isInfinite(v)) {
                        if (declared != null) throw bad(line, b, s, e, flag, true);
                        if (notNumber == null) notNumber = offender(line, b, s, e, flag, true);
                        v = Double.NaN;
                    }
                    doubles[row] = v;
                    numbers++;
                    return;
                }
            }
            case DATE -> {
                if (time.parse(b, s, e) == IsoTime.DATE) {
                    ints[row] = time.packedDate();
                    dates++;
                    dateTimes++;
                    return;
                }
            }
            case DATETIME -> {
                int shape = time.parse(b, s, e);
                if (shape == IsoTime.DATETIME || shape == IsoTime.DATE) {
                    longs[row] = time.packedDateTime();
                    dateTimes++;
                    if (shape == IsoTime.DATE) dates++;
                    else if (notDate == null) notDate = offender(line, b, s, e, flag, false);
                    return;
                }
            }
            case INSTANT -> {
                if (time.parse(b, s, e) == IsoTime.INSTANT) {
                    longs[row] = time.packedInstant();
                    instants++;
                    return;
                }
            }
            case TEXT -> {
                codes[row] = code(b, s, e, flag);
                if (declared == null) count(b, s, e, flag, line);
                return;
            }
            default -> { }
        }
        // the value does not fit the column's current kind
        if (declared != null) throw bad(line, b, s, e, flag, false);
        widen(row, b, s, e, flag, line, earlier);
    }

    /** A value that does not fit the column's kind so far: picks the first kind, widens it, or falls back to text. */
    private void widen(int row, byte[] b, int s, int e, byte flag, long line, Earlier earlier) {
        if (firstValue == null) firstValue = offender(line, b, s, e, flag, false);
        int target = target(b, s, e);
        if (target != TEXT) {
            if (state == EMPTY) {
                state = target;
                allocate(pending);
                for (int i = 0; i < row; i++) setMissing(i);
            } else if (target == NUMBER) {
                toNumber();
            } else {
                toDateTime();
            }
            size = row; // add the value again, now that the kind fits it
            nonMissing--;
            add(b, s, e, flag, line, earlier);
            return;
        }
        // the earlier values were all of the old kind: they are the evidence against the other kinds
        boolean numeric = state == INTEGER || state == LONG || state == NUMBER;
        if (state != EMPTY) {
            if (!numeric && notNumber == null) notNumber = firstValue;
            if (state != DATE && notDate == null) notDate = firstValue;
            if (state != DATE && state != DATETIME && notDateTime == null) notDateTime = firstValue;
            if (state != INSTANT && notInstant == null) notInstant = firstValue;
        }
        toText(row, earlier);
        codes[row] = code(b, s, e, flag);
        count(b, s, e, flag, line);
    }

    /** The state a value moves the column to. */
    private int target(byte[] b, int s, int e) {
        double v = Cells.parseNumber(b, s, e);
        if (v == v) {
            if (state == EMPTY) {
                long x = Cells.parseLong(b, s, e);
                if (x == Cells.NOT_INTEGER) return NUMBER;
                return x > Integer.MIN_VALUE && x <= Integer.MAX_VALUE ? INTEGER : LONG;
            }
            return state == INTEGER || state == LONG ? NUMBER : TEXT;
        }
        int shape = time.parse(b, s, e);
        if (shape == IsoTime.DATE) return state == EMPTY ? DATE : TEXT;
        if (shape == IsoTime.DATETIME) return state == EMPTY || state == DATE ? DATETIME : TEXT;
        if (shape == IsoTime.INSTANT) return state == EMPTY ? INSTANT : TEXT;
        return TEXT;
    }

    private void setMissing(int i) {
        switch (state) {
            case EMPTY -> { }
            case INTEGER, DATE -> ints[i] = MISSING_INT;
            case LONG, DATETIME, INSTANT -> longs[i] = MISSING_LONG;
            case NUMBER -> doubles[i] = Double.NaN;
            default -> codes[i] = -1;
        }
    }

    private void toLong() {
        long[] l = new long[ints.length];
        for (int i = 0; i < size; i++) l[i] = ints[i] == MISSING_INT ? MISSING_LONG : ints[i];
        longs = l;
        ints = null;
        state = LONG;
    }

    private void toNumber() {
        double[] d = new double[capacity()];
        if (state == INTEGER) {
            for (int i = 0; i < size; i++) d[i] = ints[i] == MISSING_INT ? Double.NaN : ints[i];
        } else {
            for (int i = 0; i < size; i++) d[i] = longs[i] == MISSING_LONG ? Double.NaN : (double) longs[i];
        }
        doubles = d;
        ints = null;
        longs = null;
        state = NUMBER;
    }

    private void toDateTime() {
        long[] l = new long[ints.length];
        for (int i = 0; i < size; i++) l[i] = ints[i] == MISSING_INT ? MISSING_LONG : ((long) ints[i]) << 32; // midnight
        longs = l;
        ints = null;
        state = DATETIME;
    }

    /** Falls back to text: the earlier rows' values are read again from their bytes. */
    private void toText(int row, Earlier earlier) {
        int cap = capacity();
        boolean wasEmpty = state == EMPTY;
        int[] c = new int[cap];
        dictionary = new TextDictionary();
        int[] where = new int[3];
        for (int i = 0; i < row; i++) {
            boolean miss = switch (state) {
                case EMPTY -> true;
                case INTEGER, DATE -> ints[i] == MISSING_INT;
                case LONG, DATETIME, INSTANT -> longs[i] == MISSING_LONG;
                case NUMBER -> doubles[i] != doubles[i] && !wasNonFinite(i, earlier, where);
                default -> false;
            };
            if (miss || wasEmpty) {
                c[i] = -1;
                continue;
            }
            earlier.locate(i, where);
            c[i] = code(earlier.bytes(), where[0], where[1], (byte) where[2]);
        }
        earlier.done();
        ints = null;
        longs = null;
        doubles = null;
        codes = c;
        state = TEXT;
    }

    /** A NaN in a NUMBER column is missing, unless its bytes were a non-finite number (kept as text then). */
    private boolean wasNonFinite(int i, Earlier earlier, int[] where) {
        if (notNumber == null || !notNumber.nonFinite()) return false;
        earlier.locate(i, where);
        return !missing.test(earlier.bytes(), where[0], where[1]);
    }

    /** Counts what a text value looks like, for the majority rule. */
    private void count(byte[] b, int s, int e, byte flag, long line) {
        double v = Cells.parseNumber(b, s, e);
        if (v == v) {
            numbers++;
            if (Double.isInfinite(v) && notNumber == null) notNumber = offender(line, b, s, e, flag, true);
        } else if (notNumber == null) {
            notNumber = offender(line, b, s, e, flag, false);
        }
        int shape = v == v ? IsoTime.NONE : time.parse(b, s, e);
        if (shape == IsoTime.DATE) dates++;
        else if (notDate == null) notDate = offender(line, b, s, e, flag, false);
        if (shape == IsoTime.DATE || shape == IsoTime.DATETIME) dateTimes++;
        else if (notDateTime == null) notDateTime = offender(line, b, s, e, flag, false);
        if (shape == IsoTime.INSTANT) instants++;
        else if (notInstant == null) notInstant = offender(line, b, s, e, flag, false);
    }

    private int code(byte[] b, int s, int e, byte flag) {
        if (flag != RawBatch.ESCAPED) return dictionary.code(b, s, e);
        if (scratch.length < e - s) scratch = new byte[e - s];
        int n = 0;
        for (int i = s; i < e; i++) {
            scratch[n++] = b[i];
            if (b[i] == '"' && i + 1 < e && b[i + 1] == '"') i++;
        }
        return dictionary.code(scratch, 0, n);
    }

    private Offender offender(long line, byte[] b, int s, int e, byte flag, boolean nonFinite) {
        int len = e - s;
        String v = flag == RawBatch.ESCAPED ? RawBatch.unescape(b, s, Math.min(e, s + 400)) : Cells.text(b, s, Math.min(e, s + 400));
        return new Offender(line, v, len, nonFinite);
    }

    // ------------------------------------------------------------------------------------------ errors

    private DataValidationException bad(long line, byte[] b, int s, int e, byte flag, boolean nonFinite) {
        ColumnKind k = declared;
        Offender o = offender(line, b, s, e, flag, nonFinite);
        String because, fix;
        if (byUser) {
            because = "column '" + name + "' is declared " + k;
            fix = "fix the value, mark it missing (empty or NA), or declare another type" + hint(k);
        } else if (why != null && why.startsWith("inferred")) {
            because = "column '" + name + "' is " + k + " (" + why + ")";
            fix = "fix the value, mark it missing (empty or NA), or declare the column's type" + hint(k);
        } else {
            because = "column '" + name + "' must be " + k + (why == null ? "" : " (" + why + ")");
            fix = "fix the value or mark it missing (empty or NA)";
        }
        return DataValidationException.at(source, line, name, o.value(),
                "value '" + Cells.shown(o.value()) + "' is not " + what(k, o) + "; " + because + ": " + fix);
    }

    private static String what(ColumnKind k, Offender o) {
        return switch (k) {
            case INTEGER -> "a whole number";
            case NUMBER -> o.nonFinite() ? "a finite number (it overflows a double, whose largest value is about 1.8e308)"
                    : isInfinityWord(o.value()) ? "a number (infinity is not a value; NaN and the missing tokens mean missing)"
                    : "a number";
            case DATE -> "a date in ISO form yyyy-MM-dd";
            case DATETIME -> "a local date-time in ISO form yyyy-MM-ddTHH:mm:ss (a value with a zone, Z or +09:00, is an INSTANT)";
            case INSTANT -> "an instant: an ISO date-time with a zone, such as 2023-01-01T00:00:00Z or 2023-01-01 09:00:00+09:00";
            case TEXT -> "text";
        };
    }

    private static boolean isInfinityWord(String v) {
        String t = v.trim().toLowerCase(Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) t = t.substring(1);
        return t.equals("inf") || t.equals("infinity");
    }

    private String hint(ColumnKind k) {
        String other = k == ColumnKind.TEXT ? "NUMBER" : "TEXT";
        return " (on the command line --types '" + name + "=" + other + "'; in Java Schema.withType(\"" + name + "\", ColumnKind." + other + "))";
    }

    /** Throws when an inferred column breaks the majority rule or holds a non-finite number. */
    private void check() {
        if (declared != null) return;
        if (state == NUMBER && notNumber != null) throw majority(ColumnKind.NUMBER, notNumber);
        if (state != TEXT) return;
        long best = Math.max(Math.max(numbers, dates), Math.max(dateTimes, instants));
        if (best * 2 <= nonMissing) return;
        if (numbers == best) throw majority(ColumnKind.NUMBER, notNumber);
        if (dates == best) throw majority(ColumnKind.DATE, notDate);
        if (dateTimes == best) throw majority(ColumnKind.DATETIME, notDateTime);
        throw majority(ColumnKind.INSTANT, notInstant);
    }

    private DataValidationException majority(ColumnKind k, Offender o) {
        long of = k == ColumnKind.NUMBER ? numbers : k == ColumnKind.DATE ? dates : k == ColumnKind.DATETIME ? dateTimes : instants;
        String kinds = switch (k) {
            case NUMBER -> "numbers";
            case DATE -> "dates";
            case DATETIME -> "date-times";
            default -> "instants";
        };
        return DataValidationException.at(source, o.line(), name, o.value(),
                "value '" + Cells.shown(o.value()) + "' is not " + what(k, o) + ", but " + String.format(Locale.ROOT, "%,d", of) + " of the column's "
                        + String.format(Locale.ROOT, "%,d", nonMissing) + " values are " + kinds + ", so column '" + name + "' is read as " + k
                        + " (a value that does not fit never silently turns a column into text): fix the value, mark it missing (empty or NA), "
                        + "or declare the column's type" + hint(k));
    }

    // ------------------------------------------------------------------------------------------ results

    /** Checks the rules, then the column as Tablesaw's type; the arrays are handed over where Tablesaw allows. */
    Column<?> finish() {
        check();
        if (capacity() > size + (size >> 3) + 1024) trim(); // an estimate far above the rows: give the memory back
        return switch (state) {
            case INTEGER -> ColumnArrays.ints(name, ints, size);
            case LONG -> LongColumn.create(name, Arrays.copyOf(longs, size));
            case NUMBER -> ColumnArrays.doubles(name, doubles, size);
            case DATE -> DateColumn.createInternal(name, Arrays.copyOf(ints, size));
            case DATETIME -> DateTimeColumn.createInternal(name, Arrays.copyOf(longs, size));
            case INSTANT -> InstantColumn.createInternal(name, Arrays.copyOf(longs, size));
            case TEXT -> text();
            default -> StringColumn.create(name, size); // every value missing
        };
    }

    /**
     * Rows [from, from + n) as the Tablesaw column {@link #finish} makes of a whole file (the same types, so a
     * stream's batch scores exactly as a loaded table does), copied: a stream reuses its arrays for the next batch.
     */
    Column<?> copyOf(int from, int n) {
        return switch (state) {
            case INTEGER -> ColumnArrays.ints(name, Arrays.copyOfRange(ints, from, from + n), n);
            case LONG -> LongColumn.create(name, Arrays.copyOfRange(longs, from, from + n));
            case NUMBER -> ColumnArrays.doubles(name, Arrays.copyOfRange(doubles, from, from + n), n);
            case DATE -> DateColumn.createInternal(name, Arrays.copyOfRange(ints, from, from + n));
            case DATETIME -> DateTimeColumn.createInternal(name, Arrays.copyOfRange(longs, from, from + n));
            case INSTANT -> InstantColumn.createInternal(name, Arrays.copyOfRange(longs, from, from + n));
            case TEXT -> TextColumns.of(name, Arrays.copyOfRange(codes, from, from + n), n, dictionary.values());
            default -> StringColumn.create(name, n); // every value missing
        };
    }

    /** Makes the arrays exactly {@link #size} long (once, for readers that hand them out whole). */
    void fitToSize() {
        if (capacity() != size && state != EMPTY) trim();
    }

    private void trim() {
        if (ints != null) ints = Arrays.copyOf(ints, size);
        if (longs != null) longs = Arrays.copyOf(longs, size);
        if (doubles != null) doubles = Arrays.copyOf(doubles, size);
        if (codes != null) codes = Arrays.copyOf(codes, size);
    }

    private StringColumn text() { return TextColumns.of(name, codes, size, dictionary.values()); }

    // ------------------------------------------------------------------------------------------ raw access (streams)

    /** NUMBER or INTEGER values as doubles, NaN for missing; the array may be longer than {@link #size}. */
    double[] doubles() {
        if (state == NUMBER) return doubles;
        double[] d = new double[size];
        for (int i = 0; i < size; i++) {
            d[i] = state == INTEGER ? (ints[i] == MISSING_INT ? Double.NaN : ints[i]) : (longs[i] == MISSING_LONG ? Double.NaN : longs[i]);
        }
        return d;
    }

    /** Time values as epoch milliseconds (UTC; local date-times read as UTC), {@link Long#MIN_VALUE} for missing. */
    long[] epochMillis() {
        long[] out = new long[size];
        for (int i = 0; i < size; i++) {
            if (state == DATE) {
                int v = ints[i];
                out[i] = v == MISSING_INT ? MISSING_LONG : IsoTime.epochDay(v >> 16, (v >> 8) & 0xFF, v & 0xFF) * 86_400_000L;
            } else {
                long v = longs[i];
                out[i] = v == MISSING_LONG ? MISSING_LONG : packedToEpochMilli(v);
            }
        }
        return out;
    }

    static long packedToEpochMilli(long packed) {
        int date = (int) (packed >> 32);
        int t = (int) packed;
        long day = IsoTime.epochDay((short) (date >> 16), (date >> 8) & 0xFF, date & 0xFF);
        int hour = (t >> 24) & 0xFF, minute = (t >> 16) & 0xFF, millisOfMinute = t & 0xFFFF;
        return day * 86_400_000L + hour * 3_600_000L + minute * 60_000L + millisOfMinute;
    }

    /** TEXT codes in first-seen order, -1 for missing. */
    int[] codes() { return codes; }

    TextDictionary dictionary() { return dictionary; }

    /** The first of rows [0, n) that is missing, or -1. */
    int firstMissing(int n) {
        switch (state) {
            case EMPTY -> { return n > 0 ? 0 : -1; }
            case INTEGER, DATE -> { for (int i = 0; i < n; i++) if (ints[i] == MISSING_INT) return i; }
            case LONG, DATETIME, INSTANT -> { for (int i = 0; i < n; i++) if (longs[i] == MISSING_LONG) return i; }
            case NUMBER -> { for (int i = 0; i < n; i++) if (doubles[i] != doubles[i]) return i; }
            default -> { for (int i = 0; i < n; i++) if (codes[i] < 0) return i; }
        }
        return -1;
    }

    /** Whether row {@code i} is missing. */
    boolean isMissing(int i) {
        return switch (state) {
            case EMPTY -> true;
            case INTEGER, DATE -> ints[i] == MISSING_INT;
            case LONG, DATETIME, INSTANT -> longs[i] == MISSING_LONG;
            case NUMBER -> doubles[i] != doubles[i];
            default -> codes[i] < 0;
        };
    }
}
