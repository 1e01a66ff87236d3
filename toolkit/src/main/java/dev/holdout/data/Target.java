package dev.holdout.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.FloatColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.ShortColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * A column coded by its {@link LabelVocabulary}: one int code per row, the vocabulary that names the
 * codes. The label of a split, a training job, the leakage audit and the metrics is a {@code Target};
 * so is a categorical feature the encoders code ({@link #categories}), where a missing value is
 * allowed and takes the code {@link #missingCode()} (one past the last label, as scikit-learn's
 * encoders put the missing category last).
 *
 * <pre>{@code
 * Target y = Target.of(table, "rain");      // a missing, NaN or infinite label is an error naming the row
 * y.vocabulary().names();                   // [0, 1]
 * y.counts();                               // {1028, 433}
 * y.code(17);                               // 1
 * Target weather = Target.categories(table, "weather", "OneHotEncoder.column");   // missing -> weather.missingCode()
 * }</pre>
 *
 * <p>Built without a String or a boxed key per row: text columns through Tablesaw's dictionary,
 * numbers by sorting their distinct values. Immutable: {@link #codes()} returns a copy.
 */
public final class Target {
    private final String name;
    private final int[] codes;
    private final LabelVocabulary vocabulary;
    private final int missing;

    private Target(String name, int[] codes, LabelVocabulary vocabulary, int missing) {
        this.name = name;
        this.codes = codes;
        this.vocabulary = vocabulary;
        this.missing = missing;
    }

    /** The label {@code column} of {@code table}; a row without a usable label is an error naming it. */
    public static Target of(Table table, String column) {
        return of(table, column, "label");
    }

    /** As {@link #of(Table, String)}; {@code param} names the option that gave the column in errors. */
    public static Target of(Table table, String column, String param) {
        return code(table, Columns.require(table, column, param), false, param);
    }

    /**
     * A categorical column: missing values are allowed and take {@link #missingCode()}; the words NaN and
     * inf in a text column are ordinary categories there. An infinite number is still an error.
     */
    public static Target categories(Table table, String column, String param) {
        return code(table, Columns.require(table, column, param), true, param);
    }

    /**
     * An identifier column (a group: patient, store): any value is one, as for {@link #categories}
     * ("NaN" is an id like any other), but every row needs one: a missing value is an error naming the row.
     */
    public static Target ids(Table table, String column, String param) {
        Target t = code(table, Columns.require(table, column, param), true, param);
        if (t.missingRows() > 0) throw new Role(table.name(), column, false, param).missing(t.firstRowOf(t.missingCode()));
        return t;
    }

    /** Codes already in {@code vocabulary} (copied and checked: each in [0, size)). */
    public static Target of(String name, int[] codes, LabelVocabulary vocabulary) {
        int k = vocabulary.size();
        for (int i = 0; i < codes.length; i++) {
            if (codes[i] < 0 || codes[i] >= k) {
                throw DataValidationException.param("codes[" + i + "]", codes[i], "must be a label code in [0, " + k + ")",
                        "code the rows with the same vocabulary");
            }
        }
        return new Target(name, codes.clone(), vocabulary, 0);
    }

    /**
     * Rows coded by a reader's first-seen dictionary (codes + the distinct strings) as a target in the one
     * order. A distinct value that is not a label is an error naming the file, the line of the first row
     * that has it ({@code lineOfRow}) and the column.
     *
     * <pre>{@code
     * NumericCsvReader.LabelColumn l = cols.labels("label");
     * Target t = Target.ofDictionary("preds.csv", "label", l.codes(), l.values(), cols::line);
     * }</pre>
     */
    public static Target ofDictionary(String file, String name, int[] firstSeen, List<String> distinct,
                                      java.util.function.IntToLongFunction lineOfRow) {
        for (int v = 0; v < distinct.size(); v++) {
            String why = LabelVocabulary.whyNotALabel(distinct.get(v));
            if (why != null) {
                int row = firstRow(firstSeen, v);
                throw DataValidationException.at(file, row < 0 ? -1 : lineOfRow.applyAsLong(row), name, distinct.get(v), why);
            }
        }
        LabelVocabulary vocab = LabelVocabulary.of(distinct);
        return new Target(name, vocab.recode(firstSeen, distinct), vocab, 0);
    }

    // ---------------------------------------------------------------- accessors

    /** The column's name. */
    public String name() { return name; }

    /** The labels and their order. */
    public LabelVocabulary vocabulary() { return vocabulary; }

    /** Number of rows. */
    public int rows() { return codes.length; }

    /** Number of labels (classes or categories), missing not counted. */
    public int classes() { return vocabulary.size(); }

    /** The code of {@code row}: 0..classes()-1, or {@link #missingCode()} for a missing category. */
    public int code(int row) { return codes[row]; }

    /** Every row's code, a copy. */
    public int[] codes() { return codes.clone(); }

    /** The code of a missing value in a {@link #categories} column: {@code classes()}, one past the last label. */
    public int missingCode() { return vocabulary.size(); }

    /** Rows with a missing value (always 0 for a label). */
    public int missingRows() { return missing; }

    /** Rows per code; with missing values, one more entry at {@link #missingCode()}. */
    public int[] counts() {
        int[] n = new int[vocabulary.size() + (missing > 0 ? 1 : 0)];
        for (int c : codes) n[c]++;
        return n;
    }

    /** The first row with {@code code}, or -1. */
    public int firstRowOf(int code) { return firstRow(codes, code); }

    /** The name of {@code code}; {@code missingName} for the missing code. */
    public String nameOf(int code, String missingName) {
        return code == missingCode() ? missingName : vocabulary.name(code);
    }

    /**
     * For each code (and, last, the missing code) its position in {@code known}, a saved list of
     * categories, or {@code unknown} when it is not there. Categories match by the one rule, so a saved
     * {@code "1.0"} matches the label 1 and the list's own order does not matter (an older file sorted as
     * text still applies); {@code missingName} is how the list writes a missing value.
     *
     * <pre>{@code
     * int[] pos = Target.categories(rows, "size", "OrdinalEncoder.column").positionsIn(List.of("L", "M", "S"), "", -1);
     * int positionOfRow7 = pos[t.code(7)];
     * }</pre>
     */
    public int[] positionsIn(List<String> known, String missingName, int unknown) {
        List<String> present = new ArrayList<>();
        int missingAt = -1;
        for (int i = 0; i < known.size(); i++) {
            String k = known.get(i);
            if (k == null || k.equals(missingName) || k.isBlank()) {
                if (missingAt < 0) missingAt = i;
            } else {
                present.add(k);
            }
        }
        LabelVocabulary saved = LabelVocabulary.ofCategories(present);
        int[] savedAt = new int[saved.size()];
        Arrays.fill(savedAt, -1);
        for (int i = 0; i < known.size(); i++) {
            if (i == missingAt || known.get(i) == null || known.get(i).isBlank()) continue;
            int sc = saved.codeOf(known.get(i));
            if (savedAt[sc] < 0) savedAt[sc] = i;
        }
        int[] out = new int[vocabulary.size() + 1];
        for (int c = 0; c < vocabulary.size(); c++) {
            int sc = saved.codeOf(vocabulary.name(c));
            out[c] = sc < 0 ? unknown : savedAt[sc];
        }
        out[vocabulary.size()] = missingAt >= 0 ? missingAt : unknown;
        return out;
    }

    /** Rows' counts by label name, in vocabulary order (for manifests and reports). */
    public Map<String, Integer> distribution() {
        Map<String, Integer> out = new java.util.LinkedHashMap<>();
        int[] n = counts();
        for (int c = 0; c < vocabulary.size(); c++) if (n[c] > 0) out.put(vocabulary.name(c), n[c]);
        return out;
    }

    @Override public String toString() {
        return "Target[" + name + ", " + codes.length + " rows, " + vocabulary.names() + (missing > 0 ? ", " + missing + " missing" : "") + "]";
    }

    // ---------------------------------------------------------------- coding a Tablesaw column

    private static Target code(Table table, Column<?> c, boolean categories, String role) {
        Role r = new Role(table.name(), c.name(), categories, role);
        if (c instanceof StringColumn s) return text(r, s);
        if (c instanceof IntColumn || c instanceof LongColumn || c instanceof ShortColumn) return whole(r, (NumericColumn<?>) c);
        if (c instanceof NumericColumn<?> n) return real(r, n);
        if (c instanceof BooleanColumn b) return bool(r, b);
        return generic(r, c);
    }

    /** What is being coded, for messages: table, column, whether missing is allowed, and the role (label, group). */
    private record Role(String table, String column, boolean categories, String param) {
        DataValidationException missing(int row) {
            return located(table, column, row, "", "no " + param + " value; every row needs one: fill it, or drop the rows without one");
        }

        DataValidationException notALabel(int row, String value, String why) {
            return located(table, column, row, value, why);
        }
    }

    /** Text through the dictionary: each distinct string is classified once, not once per row. */
    private static Target text(Role r, StringColumn s) {
        int rows = s.size();
        int[] dense = new int[rows];
        List<String> distinct = new ArrayList<>();
        if (rows > 0) {
            DictionaryMap dict = s.getDictionary();
            int minKey = Integer.MAX_VALUE, maxKey = Integer.MIN_VALUE;
            int[] keys = new int[rows];
            for (int i = 0; i < rows; i++) {
                int k = dict.getKeyAtIndex(i);
                keys[i] = k;
                if (k < minKey) minKey = k;
                if (k > maxKey) maxKey = k;
            }
            int[] slot = new int[maxKey - minKey + 1];
            Arrays.fill(slot, -1);
            for (int i = 0; i < rows; i++) {
                int at = keys[i] - minKey;
                if (slot[at] < 0) {
                    slot[at] = distinct.size();
                    distinct.add(dict.getValueForKey(keys[i]));
                }
                dense[i] = slot[at];
            }
        }
        return fromDistinct(r, dense, distinct);
    }

    /** Values of any other type through their text, one map lookup per row (dates, instants). */
    private static Target generic(Role r, Column<?> c) {
        int rows = c.size();
        int[] dense = new int[rows];
        List<String> distinct = new ArrayList<>();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < rows; i++) {
            String v = c.isMissing(i) ? "" : c.getString(i);
            Integer k = index.get(v);
            if (k == null) {
                k = distinct.size();
                index.put(v, k);
                distinct.add(v);
            }
            dense[i] = k;
        }
        return fromDistinct(r, dense, distinct);
    }

    private static Target fromDistinct(Role r, int[] dense, List<String> distinct) {
        boolean categories = r.categories();
        int[] map = new int[distinct.size()];
        List<String> labels = new ArrayList<>();
        int missingValue = -1;
        for (int v = 0; v < distinct.size(); v++) {
            String d = distinct.get(v);
            if (d == null || d.isBlank()) {
                if (!categories) throw r.missing(firstRow(dense, v));
                missingValue = v;
            } else if (!categories && LabelVocabulary.whyNotALabel(d) != null) {
                throw r.notALabel(firstRow(dense, v), d, LabelVocabulary.whyNotALabel(d));
            } else {
                labels.add(d);
            }
        }
        LabelVocabulary vocab = categories ? LabelVocabulary.ofCategories(labels) : LabelVocabulary.of(labels);
        for (int v = 0; v < map.length; v++) map[v] = v == missingValue ? vocab.size() : vocab.codeOf(distinct.get(v));
        int[] codes = new int[dense.length];
        int missing = 0;
        for (int i = 0; i < codes.length; i++) {
            int c = map[dense[i]];
            codes[i] = c;
            if (dense[i] == missingValue) missing++;
        }
        return new Target(r.column(), codes, vocab, missing);
    }

    /** Whole numbers, exact to 64 bits: distinct values by sorting, one binary search per row. */
    private static Target whole(Role r, NumericColumn<?> n) {
        boolean categories = r.categories();
        int rows = n.size();
        long[] v = new long[rows];
        boolean[] isMissing = new boolean[rows];
        int missing = 0;
        LongColumn l = n instanceof LongColumn lc ? lc : null;
        for (int i = 0; i < rows; i++) {
            if (n.isMissing(i)) {
                if (!categories) throw r.missing(i);
                isMissing[i] = true;
                missing++;
            } else {
                v[i] = l != null ? l.getLong(i) : (long) n.getDouble(i);
            }
        }
        LongCodes index = new LongCodes(v, isMissing);
        long[] distinct = index.sortedDistinct();
        BigDecimal[] nums = new BigDecimal[distinct.length];
        for (int i = 0; i < nums.length; i++) nums[i] = BigDecimal.valueOf(distinct[i]);
        LabelVocabulary vocab = LabelVocabulary.ofSortedNumbers(nums);
        int[] codes = index.codes(distinct.length);
        return new Target(n.name(), codes, vocab, missing);
    }

    /**
     * Distinct 64-bit keys of the rows and each row's position among them in sorted order, in two linear
     * passes over an open-addressing table (no boxing; a label has few distinct values, so sorting every
     * row would waste most of its work).
     */
    static final class LongCodes {
        private final long[] keys;
        private final boolean[] skip;
        private long[] table;
        private int[] slotCode;
        private boolean[] used;
        private int size;

        LongCodes(long[] keys, boolean[] skip) {
            this.keys = keys;
            this.skip = skip;
            int cap = 16;
            table = new long[cap];
            used = new boolean[cap];
            for (int i = 0; i < keys.length; i++) if (skip == null || !skip[i]) add(keys[i]);
        }

        private static int mix(long k) {
            long h = k * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }

        private void add(long k) {
            int mask = table.length - 1, s = mix(k) & mask;
            while (used[s]) {
                if (table[s] == k) return;
                s = (s + 1) & mask;
            }
            used[s] = true;
            table[s] = k;
            if (++size * 2 > table.length) grow();
        }

        private void grow() {
            long[] oldT = table;
            boolean[] oldU = used;
            table = new long[oldT.length * 2];
            used = new boolean[oldT.length * 2];
            size = 0;
            for (int i = 0; i < oldT.length; i++) if (oldU[i]) add(oldT[i]);
        }

        long[] sortedDistinct() {
            long[] d = new long[size];
            int j = 0;
            for (int i = 0; i < table.length; i++) if (used[i]) d[j++] = table[i];
            Arrays.sort(d);
            slotCode = new int[table.length];
            int mask = table.length - 1;
            for (int c = 0; c < d.length; c++) {
                int s = mix(d[c]) & mask;
                while (table[s] != d[c]) s = (s + 1) & mask;
                slotCode[s] = c;
            }
            return d;
        }

        /** Each row's code (its key's rank); a skipped row gets {@code missingCode}. Call after {@link #sortedDistinct}. */
        int[] codes(int missingCode) {
            int[] out = new int[keys.length];
            int mask = table.length - 1;
            for (int i = 0; i < keys.length; i++) {
                if (skip != null && skip[i]) {
                    out[i] = missingCode;
                    continue;
                }
                long k = keys[i];
                int s = mix(k) & mask;
                while (table[s] != k) s = (s + 1) & mask;
                out[i] = slotCode[s];
            }
            return out;
        }
    }

    /** Doubles (and floats, by their shortest decimal): distinct values by sorting, one binary search per row. */
    private static Target real(Role r, NumericColumn<?> n) {
        boolean categories = r.categories();
        int rows = n.size();
        double[] v = new double[rows];
        boolean isFloat = n instanceof FloatColumn;
        int missing = 0;
        for (int i = 0; i < rows; i++) {
            if (n.isMissing(i)) {
                if (!categories) throw r.missing(i);
                v[i] = Double.NaN;
                missing++;
                continue;
            }
            double d = n.getDouble(i);
            if (Double.isNaN(d) || Double.isInfinite(d)) {
                throw r.notALabel(i, Double.toString(d), "'" + d + "' is not a class label or category (NaN or infinity); drop or fix that row");
            }
            // a float's decimal is its own shortest text (0.1f is 0.1, not 0.10000000149011612)
            v[i] = isFloat ? Double.parseDouble(Float.toString((float) d)) : d == 0 ? 0.0 : d;
        }
        long[] bits = new long[rows];
        boolean[] isMissing = new boolean[rows];
        for (int i = 0; i < rows; i++) {
            if (Double.isNaN(v[i])) isMissing[i] = true;
            else bits[i] = Double.doubleToLongBits(v[i]);   // -0.0 was folded into 0.0 above
        }
        LongCodes index = new LongCodes(bits, isMissing);
        long[] distinctBits = index.sortedDistinct();
        double[] distinct = new double[distinctBits.length];
        for (int i = 0; i < distinct.length; i++) distinct[i] = Double.longBitsToDouble(distinctBits[i]);
        // the ranks by bit pattern are not numeric order for negative numbers: sort the values and re-rank
        double[] ordered = distinct.clone();
        Arrays.sort(ordered);
        int k = ordered.length;
        LabelVocabulary vocab = LabelVocabulary.ofNumbers(ordered);
        int[] rank = new int[k];
        for (int i = 0; i < k; i++) rank[i] = Arrays.binarySearch(ordered, distinct[i]);
        int[] codes = index.codes(k);
        for (int i = 0; i < rows; i++) if (codes[i] < k) codes[i] = rank[codes[i]];
        return new Target(n.name(), codes, vocab, missing);
    }

    private static Target bool(Role r, BooleanColumn b) {
        boolean categories = r.categories();
        int rows = b.size();
        boolean seenFalse = false, seenTrue = false;
        int missing = 0;
        for (int i = 0; i < rows; i++) {
            byte x = b.getByte(i);
            if (BooleanColumn.valueIsMissing(x)) {
                if (!categories) throw r.missing(i);
                missing++;
            } else if (x == 1) {
                seenTrue = true;
            } else {
                seenFalse = true;
            }
        }
        List<String> names = new ArrayList<>();
        if (seenFalse) names.add("false");
        if (seenTrue) names.add("true");
        LabelVocabulary vocab = LabelVocabulary.of(names);
        int f = vocab.codeOf("false"), t = vocab.codeOf("true");
        int[] codes = new int[rows];
        for (int i = 0; i < rows; i++) {
            byte x = b.getByte(i);
            codes[i] = BooleanColumn.valueIsMissing(x) ? vocab.size() : x == 1 ? t : f;
        }
        return new Target(b.name(), codes, vocab, missing);
    }

    private static int firstRow(int[] codes, int code) {
        for (int i = 0; i < codes.length; i++) if (codes[i] == code) return i;
        return -1;
    }

    private static DataValidationException located(String table, String column, int row, String value, String problem) {
        return DataValidationException.atRow(table, row + 1L, column, value, problem);
    }
}
