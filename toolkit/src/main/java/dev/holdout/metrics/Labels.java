package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps class labels (strings or arbitrary integers) to codes {@code 0..k-1}, in scikit-learn's order:
 * the sorted union of the labels in the truth and the predictions, numerically when every label is
 * a number, else as text.
 *
 * <pre>{@code
 * Labels l = Labels.of(new String[] {"spam", "ham"}, new String[] {"ham", "ham"});
 * l.names();          // [ham, spam]
 * l.code("spam");     // 1
 * l.encode(new String[] {"spam", "ham"});  // {1, 0}
 * Labels.ofInts(new int[] {10, -1}, new int[] {10, 10}).names();  // [-1, 10]
 * }</pre>
 */
public final class Labels {
    private final List<String> names;
    private final Map<String, Integer> codes;

    private Labels(List<String> names) {
        this.names = List.copyOf(names);
        this.codes = new HashMap<>();
        for (int i = 0; i < names.size(); i++) codes.put(names.get(i), i);
    }

    /** Labels from string columns. */
    public static Labels of(String[] truth, String[] predicted) {
        Set<String> all = new LinkedHashSet<>();
        for (String s : truth) all.add(s);
        if (predicted != null) for (String s : predicted) all.add(s);
        for (String s : all) {
            if (s != null && isNanOrInfinity(s)) {
                // Name the first row that carries it.
                for (int i = 0; i < truth.length; i++) if (s.equals(truth[i])) throw notALabel("truth[" + i + "]", s);
                for (int i = 0; i < predicted.length; i++) if (s.equals(predicted[i])) throw notALabel("predicted[" + i + "]", s);
            }
        }
        return ofNames(all);
    }

    private static DataValidationException notALabel(String param, String value) {
        return DataValidationException.param(param, value, "NaN or infinity is not a class label",
                "drop or fix rows whose label or prediction is NaN or infinite");
    }

    /** Labels from an explicit collection of names, sorted as described above. */
    public static Labels ofNames(java.util.Collection<String> names) {
        List<String> list = new ArrayList<>(new LinkedHashSet<>(names));
        boolean numeric = true;
        for (String s : list) {
            if (s == null) {
                throw DataValidationException.param("label", "null", "labels must not be missing", "drop rows with an empty label");
            }
            if (isNanOrInfinity(s)) {
                throw DataValidationException.param("label", s, "NaN or infinity is not a class label",
                        "drop or fix rows whose label or prediction is missing");
            }
            if (parse(s) == null) numeric = false;
        }
        if (numeric) {
            list.sort(Comparator.comparingDouble((String s) -> parse(s)).thenComparing(Comparator.naturalOrder()));
        } else {
            list.sort(Comparator.naturalOrder());
        }
        return new Labels(list);
    }

    /** Labels from integer columns (codes follow numeric order). */
    public static Labels ofInts(int[] truth, int[] predicted) {
        int[] all = Arrays.copyOf(truth, truth.length + (predicted == null ? 0 : predicted.length));
        if (predicted != null) System.arraycopy(predicted, 0, all, truth.length, predicted.length);
        int[] distinct = Arrays.stream(all).distinct().sorted().toArray();
        List<String> names = new ArrayList<>();
        for (int v : distinct) names.add(Integer.toString(v));
        return new Labels(names);
    }

    /**
     * True for text that means NaN or an infinity: "NaN", "nan", "-NaN", "inf", "-Infinity", and numbers
     * too large for a double ("1e400"), which every numeric reader turns into infinity.
     */
    public static boolean isNanOrInfinity(String s) {
        String t = s.trim().toLowerCase(java.util.Locale.ROOT);
        if (t.startsWith("+") || t.startsWith("-")) t = t.substring(1);
        if (t.equals("nan") || t.equals("inf") || t.equals("infinity")) return true;
        if (t.isEmpty() || !(Character.isDigit(t.charAt(0)) || t.charAt(0) == '.')) return false;
        try {
            return !Double.isFinite(Double.parseDouble(t));
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static Double parse(String s) {
        try {
            double d = Double.parseDouble(s.trim());
            return Double.isFinite(d) ? d : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    public int size() { return names.size(); }

    /** Names in code order. */
    public List<String> names() { return names; }

    public String name(int code) { return names.get(code); }

    public boolean contains(String name) { return codes.containsKey(name); }

    /** True when every label is a finite number (then they are ordered numerically). */
    public boolean numeric() {
        for (String s : names) if (parse(s) == null) return false;
        return true;
    }

    /** The code of the label whose numeric value is {@code value} ("1", "1.0", "+1"), or -1 when there is none. */
    public int codeOfNumber(double value) {
        Integer exact = codes.get(value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value));
        if (exact != null) return exact;
        for (int i = 0; i < names.size(); i++) {
            Double d = parse(names.get(i));
            if (d != null && d == value) return i;
        }
        return -1;
    }

    /** The code of a label; an unknown label is an error naming the known ones. */
    public int code(String name) {
        Integer c = codes.get(name);
        if (c == null) {
            throw DataValidationException.param("positive", name, "this label does not occur in the truth or the predictions",
                    "pick one of " + names);
        }
        return c;
    }

    /** Codes for a column of labels. */
    public int[] encode(String[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = code(values[i]);
        return out;
    }

    /** Codes for a column of integer labels. */
    public int[] encode(int[] values) {
        int[] out = new int[values.length];
        for (int i = 0; i < values.length; i++) out[i] = code(Integer.toString(values[i]));
        return out;
    }

    @Override public String toString() { return "Labels" + names; }

    @Override public boolean equals(Object o) { return o instanceof Labels l && l.names.equals(names); }

    @Override public int hashCode() { return names.hashCode(); }
}
