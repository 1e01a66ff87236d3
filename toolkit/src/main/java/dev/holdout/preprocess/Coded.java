package dev.holdout.preprocess;

import dev.holdout.data.Columns;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;
import tech.tablesaw.columns.strings.DictionaryMap;

/**
 * A column as dense integer codes: {@code values[codes[row]]} is the row's category text ("" when
 * missing). For Tablesaw's dictionary-encoded text columns the codes come from the dictionary keys,
 * so each distinct value is looked up once, not once per row.
 */
final class Coded {
    final String[] values;
    final int[] codes;

    private Coded(String[] values, int[] codes) {
        this.values = values;
        this.codes = codes;
    }

    static Coded of(Table table, String name, String step) {
        Column<?> c = Columns.require(table, name, step + ".column");
        int rows = c.size();
        int[] codes = new int[rows];
        if (c instanceof StringColumn s && rows > 0) {
            DictionaryMap dict = s.getDictionary();
            int minKey = Integer.MAX_VALUE;
            int maxKey = Integer.MIN_VALUE;
            for (int i = 0; i < rows; i++) {
                int k = dict.getKeyAtIndex(i);
                codes[i] = k;
                if (k < minKey) minKey = k;
                if (k > maxKey) maxKey = k;
            }
            int[] dense = new int[maxKey - minKey + 1];
            java.util.Arrays.fill(dense, -1);
            String[] values = new String[Math.min(dense.length, rows)];
            int d = 0;
            for (int i = 0; i < rows; i++) {
                int slot = codes[i] - minKey;
                int code = dense[slot];
                if (code < 0) {
                    code = d++;
                    dense[slot] = code;
                    if (code == values.length) values = java.util.Arrays.copyOf(values, values.length * 2 + 1);
                    values[code] = dict.getValueForKey(codes[i]);
                }
                codes[i] = code;
            }
            return new Coded(java.util.Arrays.copyOf(values, d), codes);
        }
        if (c instanceof NumericColumn<?> num) return ofNumbers(c, num, codes);
        Map<String, Integer> index = new HashMap<>();
        String[] text = ColumnValues.categories(table, name, step);
        for (int i = 0; i < rows; i++) {
            Integer code = index.get(text[i]);
            if (code == null) {
                code = index.size();
                index.put(text[i], code);
            }
            codes[i] = code;
        }
        String[] values = new String[index.size()];
        for (Map.Entry<String, Integer> e : index.entrySet()) values[e.getValue()] = e.getKey();
        return new Coded(values, codes);
    }

    /**
     * A numeric column (an int code, a year, a rating) as codes without a String or a boxed key per
     * row: each row's value as a 64-bit key (the long itself for a LongColumn, the double's bits
     * otherwise, one key for missing), distinct keys found by sorting, codes in order of first
     * appearance. Each distinct value's text is read once, from its first row, so the categories are
     * exactly the column's {@code getString} texts ("" when missing).
     */
    private static Coded ofNumbers(Column<?> c, NumericColumn<?> num, int[] codes) {
        int rows = codes.length;
        long[] key = new long[rows];
        if (c instanceof LongColumn l) {
            for (int i = 0; i < rows; i++) key[i] = l.getLong(i);   // Long.MIN_VALUE is Tablesaw's missing long
        } else {
            for (int i = 0; i < rows; i++) key[i] = Double.doubleToLongBits(num.getDouble(i));   // missing -> NaN, one canonical key
        }
        long[] distinct = key.clone();
        java.util.Arrays.sort(distinct);
        int k = 0;
        for (int i = 0; i < rows; i++) if (i == 0 || distinct[i] != distinct[k - 1]) distinct[k++] = distinct[i];
        int[] codeOfSorted = new int[k];
        java.util.Arrays.fill(codeOfSorted, -1);
        String[] values = new String[k];
        int d = 0;
        for (int i = 0; i < rows; i++) {
            int s = java.util.Arrays.binarySearch(distinct, 0, k, key[i]);
            int code = codeOfSorted[s];
            if (code < 0) {
                code = d++;
                codeOfSorted[s] = code;
                values[code] = c.isMissing(i) ? ColumnValues.MISSING : c.getString(i);
            }
            codes[i] = code;
        }
        return mergeSameText(values, codes);
    }

    /** Distinct numbers that print alike (a formatter that rounds) become one category, as with the text path. */
    private static Coded mergeSameText(String[] values, int[] codes) {
        Map<String, Integer> first = new HashMap<>();   // per distinct value, not per row
        int[] remap = new int[values.length];
        boolean merged = false;
        for (int v = 0; v < values.length; v++) {
            Integer prior = first.putIfAbsent(values[v], first.size());
            remap[v] = prior == null ? first.size() - 1 : prior;
            merged |= prior != null;
        }
        if (!merged) return new Coded(values, codes);
        String[] kept = new String[first.size()];
        for (int v = 0; v < values.length; v++) kept[remap[v]] = values[v];
        for (int i = 0; i < codes.length; i++) codes[i] = remap[codes[i]];
        return new Coded(kept, codes);
    }

    /** Row counts per distinct value. */
    int[] counts() {
        int[] n = new int[values.length];
        for (int c : codes) n[c]++;
        return n;
    }

    /** For each distinct value, its position in {@code categories} or {@code unknown}. */
    int[] lookup(List<String> categories, int unknown) {
        Map<String, Integer> pos = new HashMap<>();
        for (int i = 0; i < categories.size(); i++) pos.put(categories.get(i), i);
        int[] out = new int[values.length];
        for (int v = 0; v < values.length; v++) out[v] = pos.getOrDefault(values[v], unknown);
        return out;
    }

    /** The first row holding distinct value {@code value}, or -1. */
    int firstRowOf(int value) {
        for (int i = 0; i < codes.length; i++) if (codes[i] == value) return i;
        return -1;
    }

    /** Whether the column is numeric in {@code table} (categories then sort by number). */
    static boolean numeric(Table table, String name) {
        return Columns.require(table, name) instanceof tech.tablesaw.api.NumericColumn<?>;
    }

    /** Sorts categories as scikit-learn does: numbers numerically, text lexicographically; missing ("") last. */
    static List<String> sorted(java.util.Collection<String> cats, boolean numeric) {
        java.util.ArrayList<String> list = new java.util.ArrayList<>(cats);
        list.sort((a, b) -> {
            boolean ma = ColumnValues.isMissing(a);
            boolean mb = ColumnValues.isMissing(b);
            if (ma || mb) return Boolean.compare(ma, mb);
            if (numeric) return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            return a.compareTo(b);
        });
        return List.copyOf(list);
    }
}
