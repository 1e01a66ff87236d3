package dev.holdout.data;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;

/**
 * The classes of a label (or the categories of a column), each with a code {@code 0..k-1}, in the
 * one order every part of Holdout uses: <b>numbers first, in numeric order, then text, in Unicode
 * code-point order</b> (the order of Python's {@code sorted} and numpy's {@code np.unique} on strings).
 * A number is text that reads as a decimal ({@link DecimalText}): {@code "1"}, {@code "1.0"},
 * {@code "+1"} and {@code "1e0"} are one label, named {@code "1"}; {@code "2"} comes before
 * {@code "10"}, and both before {@code "a"}. A missing value (null or blank), {@code NaN} and an
 * infinity ({@code "inf"}, {@code "1e400"}) are never labels.
 *
 * <pre>{@code
 * LabelVocabulary v = LabelVocabulary.of(List.of("10", "b", "2", "1.0", "a", "1"));
 * v.names();              // [1, 2, 10, a, b]
 * v.codeOf("1.00");       // 0
 * v.codeOfNumber(10);     // 2
 * v.numeric();            // false (there is text)
 * // a reader's first-seen dictionary (codes per row + the distinct strings) plugs in directly:
 * int[] codes = v.recode(new int[] {0, 1, 0}, List.of("b", "10"));   // {4, 2, 4}
 * }</pre>
 *
 * <p>Immutable; the lookups are allocation-free on the hot paths ({@link #recode} costs one array read
 * per row). scikit-learn orders a label's classes the same way when they are all numbers or all text
 * (its sorted union of truth and predictions); for a text column that holds numbers it sorts them as
 * text, where Holdout sorts them as numbers and merges {@code "1"} and {@code "1.0"}.
 */
public final class LabelVocabulary {
    /** The text order: Unicode code points (not UTF-16 units), as numpy and Python sort strings. */
    public static final Comparator<String> TEXT_ORDER = LabelVocabulary::compareCodePoints;

    private final BigDecimal[] numbers;   // ascending, normalised (no trailing zeros)
    private final double[] values;        // numbers[i] as a double
    private final String[] texts;         // code-point order
    private final String[] names;         // numbers' canonical names, then texts
    private final Map<String, Integer> textCode;
    private final List<String> nameList;
    /** Each number is a double exactly (its shortest repr), all distinct as doubles: a double search is then final. */
    private final boolean exactDoubles;

    private LabelVocabulary(BigDecimal[] numbers, String[] texts) {
        this.numbers = numbers;
        this.texts = texts;
        this.values = new double[numbers.length];
        this.names = new String[numbers.length + texts.length];
        for (int i = 0; i < numbers.length; i++) {
            values[i] = numbers[i].doubleValue();
            names[i] = canonical(numbers[i]);
        }
        this.textCode = new HashMap<>(texts.length * 2);
        for (int i = 0; i < texts.length; i++) {
            names[numbers.length + i] = texts[i];
            textCode.put(texts[i], numbers.length + i);
        }
        this.nameList = List.of(names);
        boolean exact = true;
        for (int i = 0; i < numbers.length && exact; i++) {
            exact = (i == 0 || values[i] > values[i - 1]) && numbers[i].compareTo(BigDecimal.valueOf(values[i])) == 0;
        }
        this.exactDoubles = exact;
    }

    private static final LabelVocabulary EMPTY = new LabelVocabulary(new BigDecimal[0], new String[0]);

    /** The vocabulary of no labels. */
    public static LabelVocabulary empty() { return EMPTY; }

    /** The distinct labels among {@code labels}, sorted; a missing, NaN or infinite one is an error naming it. */
    public static LabelVocabulary of(Collection<String> labels) {
        TreeSet<BigDecimal> nums = new TreeSet<>();
        TreeSet<String> text = new TreeSet<>(TEXT_ORDER);
        for (String raw : labels) add(raw, nums, text);
        return new LabelVocabulary(nums.toArray(new BigDecimal[0]), text.toArray(new String[0]));
    }

    /**
     * The categories of a feature column, or the values of an id or group column: as
     * {@link #of(Collection)}, in the same order, except that the words NaN and inf and numbers beyond a
     * double are text (a code "INF" is a category, not a number); a missing value is still an error
     * (the caller codes missing rows itself).
     */
    public static LabelVocabulary ofCategories(Collection<String> categories) {
        TreeSet<BigDecimal> nums = new TreeSet<>();
        TreeSet<String> text = new TreeSet<>(TEXT_ORDER);
        for (String raw : categories) {
            if (raw == null || raw.isBlank()) throw notALabel(raw, whyNotALabel(raw));
            BigDecimal d = DecimalText.parse(raw);
            if (d != null && Double.isFinite(d.doubleValue())) nums.add(normalise(d));
            else text.add(raw);
        }
        return new LabelVocabulary(nums.toArray(new BigDecimal[0]), text.toArray(new String[0]));
    }

    /** Numbers already distinct and ascending (a sorted column's values). */
    static LabelVocabulary ofSortedNumbers(BigDecimal[] ascending) {
        BigDecimal[] out = new BigDecimal[ascending.length];
        for (int i = 0; i < out.length; i++) out[i] = normalise(ascending[i]);
        return new LabelVocabulary(out, new String[0]);
    }

    /** As {@link #of(Collection)}. */
    public static LabelVocabulary of(String... labels) { return of(Arrays.asList(labels)); }

    /** The distinct finite numbers among {@code values}; NaN or an infinity is an error. */
    public static LabelVocabulary ofNumbers(double... values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        List<BigDecimal> out = new ArrayList<>();
        for (int i = 0; i < sorted.length; i++) {
            double v = sorted[i];
            if (!Double.isFinite(v)) throw notALabel(Double.toString(v), "NaN or infinity is not a class label");
            if (i > 0 && v == sorted[i - 1]) continue;   // also merges -0.0 and 0.0
            out.add(normalise(BigDecimal.valueOf(v)));
        }
        return new LabelVocabulary(out.toArray(new BigDecimal[0]), new String[0]);
    }

    /** The distinct integers among {@code values}. */
    public static LabelVocabulary ofInts(int... values) {
        int[] d = Arrays.stream(values).distinct().sorted().toArray();
        BigDecimal[] out = new BigDecimal[d.length];
        for (int i = 0; i < d.length; i++) out[i] = BigDecimal.valueOf(d[i]);
        return new LabelVocabulary(out, new String[0]);
    }

    /** The labels of both, sorted (scikit-learn's sorted union of the truth's and the predictions' labels). */
    public LabelVocabulary union(LabelVocabulary other) {
        if (other.size() == 0 || other.equals(this)) return this;
        if (size() == 0) return other;
        TreeSet<BigDecimal> nums = new TreeSet<>(Arrays.asList(numbers));
        nums.addAll(Arrays.asList(other.numbers));
        TreeSet<String> text = new TreeSet<>(TEXT_ORDER);
        text.addAll(Arrays.asList(texts));
        text.addAll(Arrays.asList(other.texts));
        return new LabelVocabulary(nums.toArray(new BigDecimal[0]), text.toArray(new String[0]));
    }

    private static void add(String raw, TreeSet<BigDecimal> nums, TreeSet<String> text) {
        String why = whyNotALabel(raw);
        if (why != null) throw notALabel(raw, why);
        BigDecimal d = DecimalText.parse(raw);
        if (d != null) nums.add(normalise(d));
        else text.add(raw);
    }

    /**
     * Why {@code raw} cannot be a label, or null when it can: missing (null or blank), NaN, or an
     * infinity ({@code inf}, {@code -Infinity}, a number too large for a double such as {@code 1e400}).
     * Readers call it once per distinct value to name the file, row and column of a bad one.
     */
    public static String whyNotALabel(String raw) {
        if (raw == null || raw.isBlank()) return "the label is missing; every row needs a label";
        if (isNanOrInfinity(raw)) return "'" + raw + "' is not a class label (NaN or infinity); drop or fix rows with NaN or infinity";
        return null;
    }

    /**
     * True for text that means NaN or an infinity: "NaN", "nan", "-NaN", "inf", "-Infinity", and
     * numbers too large for a double ("1e400"), which every numeric reader turns into infinity.
     */
    public static boolean isNanOrInfinity(String s) {
        String t = s.strip().toLowerCase(Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) t = t.substring(1);
        if (t.equals("nan") || t.equals("inf") || t.equals("infinity")) return true;
        BigDecimal d = DecimalText.parse(s);
        return d != null && !Double.isFinite(d.doubleValue());
    }

    private static DataValidationException notALabel(String raw, String why) {
        return DataValidationException.param("label", raw == null ? "" : raw, why, null);
    }

    private static BigDecimal normalise(BigDecimal d) {
        return d.signum() == 0 ? BigDecimal.ZERO : d.stripTrailingZeros();
    }

    /** A number's name: plain decimal ({@code 1}, {@code 0.25}, {@code 100}), scientific only when that would be very long. */
    static String canonical(BigDecimal d) {
        return Math.abs((long) d.scale()) <= 400 ? d.toPlainString() : d.toString();
    }

    private static int compareCodePoints(String a, String b) {
        int i = 0, j = 0;
        while (i < a.length() && j < b.length()) {
            int ca = a.codePointAt(i), cb = b.codePointAt(j);
            if (ca != cb) return Integer.compare(ca, cb);
            i += Character.charCount(ca);
            j += Character.charCount(cb);
        }
        return Integer.compare(a.length() - i, b.length() - j);
    }

    // ---------------------------------------------------------------- lookups

    /** Number of labels. */
    public int size() { return names.length; }

    /** Labels in code order; numbers by their canonical names. */
    public List<String> names() { return nameList; }

    /** The label of {@code code}. */
    public String name(int code) { return names[code]; }

    /** True when every label is a number (then all are in numeric order); true for no labels. */
    public boolean numeric() { return texts.length == 0; }

    /** Whether {@code code} is a number label. */
    public boolean isNumber(int code) { return code < numbers.length; }

    /** The value of a number label; NaN for a text label. */
    public double number(int code) { return code < numbers.length ? values[code] : Double.NaN; }

    /** Whether {@code raw} is one of the labels ({@code "1.0"} is, when 1 is). */
    public boolean contains(String raw) { return codeOf(raw) >= 0; }

    /** The code of {@code raw}, read by the one rule ({@code "1.0"} is the label 1), or -1 when it is not a label here. */
    public int codeOf(String raw) {
        if (raw == null) return -1;
        BigDecimal d = DecimalText.parse(raw);
        if (d != null) {
            int i = Arrays.binarySearch(numbers, normalise(d));
            if (i >= 0) return i;
            // a category such as "1e400" (beyond a double) is kept as text
        }
        Integer c = textCode.get(raw);
        return c == null ? -1 : c;
    }

    /** The code of the number label {@code value}, or -1 when there is none. */
    public int codeOfNumber(double value) {
        if (!Double.isFinite(value) || numbers.length == 0) return -1;
        // the doubles are in the same order as the exact values: search them first, then confirm exactly
        int i = Arrays.binarySearch(values, value);
        if (exactDoubles) {
            if (i >= 0) return i;
            if (value != 0) return -1;
        } else if (i >= 0 && numbers[i].compareTo(BigDecimal.valueOf(value)) == 0) {
            return i;
        }
        if (value == 0) {
            for (int k = 0; k < numbers.length; k++) if (numbers[k].signum() == 0) return k;
            return -1;
        }
        int j = Arrays.binarySearch(numbers, normalise(BigDecimal.valueOf(value)));
        return j >= 0 ? j : -1;
    }

    /** The code of {@code raw}; a value that is not a label is an error naming {@code param} and the labels. */
    public int code(String raw, String param) {
        int c = codeOf(raw);
        if (c < 0) {
            throw DataValidationException.param(param, raw, "is not one of the labels " + shown(), "pick one of " + shown());
        }
        return c;
    }

    private String shown() {
        return names.length <= 20 ? nameList.toString() : nameList.subList(0, 20) + " and " + (names.length - 20) + " more";
    }

    /** The codes of labels given as text, one per row; a row that is not a label is an error naming it. */
    public int[] encode(String[] labels) {
        int[] out = new int[labels.length];
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.length; i++) {
            String s = labels[i];
            Integer c = s == null ? null : seen.get(s);
            if (c == null) {
                int k = codeOf(s);
                if (k < 0) {
                    String why = whyNotALabel(s);
                    throw DataValidationException.param("labels[" + i + "]", s, why != null ? why : "is not one of the labels " + shown(),
                            why != null ? null : "encode with a vocabulary that has it (LabelVocabulary.of(...).union(...))");
                }
                seen.put(s, k);
                c = k;
            }
            out[i] = c;
        }
        return out;
    }

    /** The codes of integer labels. */
    public int[] encode(int[] labels) {
        double[] d = new double[labels.length];
        for (int i = 0; i < d.length; i++) d[i] = labels[i];
        return encode(d);
    }

    /** The codes of number labels, one binary search among the distinct numbers per row. */
    public int[] encode(double[] labels) {
        int[] out = new int[labels.length];
        for (int i = 0; i < labels.length; i++) {
            double v = labels[i];
            int c = codeOfNumber(v);
            if (c < 0) {
                throw DataValidationException.param("labels[" + i + "]", v, Double.isFinite(v) ? "is not one of the labels " + shown()
                        : "NaN or infinity is not a class label", "drop or fix that row");
            }
            out[i] = c;
        }
        return out;
    }

    /**
     * The code of each of {@code distinct} (a reader's dictionary, in its first-seen order); one that is
     * not a label here is an error.
     */
    public int[] translate(List<String> distinct) {
        int[] map = new int[distinct.size()];
        for (int i = 0; i < map.length; i++) map[i] = code(distinct.get(i), "label");
        return map;
    }

    /**
     * Rows coded by a reader's first-seen dictionary ({@code distinct.get(firstSeen[row])} is the row's
     * text) recoded into this vocabulary: one array read per row.
     */
    public int[] recode(int[] firstSeen, List<String> distinct) {
        int[] map = translate(distinct);
        int[] out = new int[firstSeen.length];
        for (int i = 0; i < out.length; i++) out[i] = map[firstSeen[i]];
        return out;
    }

    @Override public boolean equals(Object o) {
        return o instanceof LabelVocabulary v && Arrays.equals(v.names, names);
    }

    @Override public int hashCode() { return Arrays.hashCode(names); }

    @Override public String toString() { return "LabelVocabulary" + nameList; }
}
