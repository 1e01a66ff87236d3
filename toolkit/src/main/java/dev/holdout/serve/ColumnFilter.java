package dev.holdout.serve;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * SageMaker's {@code InputFilter}/{@code OutputFilter} adapted to CSV columns: which columns of a record to take,
 * by name or by position. The positional form is the JSONPath subset SageMaker documents for CSV —
 * {@code $} (every column), {@code $[1:]}, {@code $[:3]}, {@code $[0,2:5]}, {@code $[-1]} (the last),
 * {@code $[0,-1]} — with 0-based positions, slices whose end is excluded and negative positions counted from the
 * end. The named form is a comma-separated list of column names: {@code id,probability}. Columns come out in the
 * order the filter names them; a name that is not there is an error with a did-you-mean, a position beyond the
 * record an error giving the width.
 *
 * <pre>{@code
 * ColumnFilter.parse("$[1:]", "--input-filter").select(List.of("id", "x", "y"));        // [1, 2]
 * ColumnFilter.parse("id,probability", "--output-filter").select(List.of("id", "x", "probability", "predicted_label")); // [0, 2]
 * }</pre>
 */
public final class ColumnFilter {
    /** Every column, in order ({@code $}). */
    public static final ColumnFilter ALL = new ColumnFilter("$", List.of(), true, "filter");

    private sealed interface Part permits Name, Index, Slice {}

    private record Name(String name) implements Part {}

    private record Index(int at) implements Part {}

    private record Slice(Integer from, Integer to) implements Part {}

    private final String text;
    private final List<Part> parts;
    private final boolean all;
    private final String option;

    private ColumnFilter(String text, List<Part> parts, boolean all, String option) {
        this.text = text;
        this.parts = List.copyOf(parts);
        this.all = all;
        this.option = option;
    }

    /** Parses a filter; {@code option} names it in errors ({@code --output-filter}). */
    public static ColumnFilter parse(String text, String option) {
        Objects.requireNonNull(text, "text");
        String t = text.trim();
        if (t.equals("$")) return new ColumnFilter("$", List.of(), true, option);
        List<Part> parts = new ArrayList<>();
        if (t.startsWith("$")) {
            if (!t.startsWith("$[") || !t.endsWith("]") || t.length() < 4) {
                throw DataValidationException.param(option, text, "is not a column filter",
                        "write $ (every column), positions such as $[1:] or $[0,-1], or column names such as id,probability");
            }
            for (String piece : t.substring(2, t.length() - 1).split(",", -1)) parts.add(position(piece.trim(), text, option));
        } else {
            for (String piece : t.split(",", -1)) {
                String name = piece.trim();
                if (name.isEmpty()) {
                    throw DataValidationException.param(option, text, "has an empty column name", "separate column names with single commas");
                }
                parts.add(new Name(name));
            }
        }
        return new ColumnFilter(t, parts, false, option);
    }

    private static Part position(String piece, String text, String option) {
        try {
            int colon = piece.indexOf(':');
            if (colon < 0) return new Index(Integer.parseInt(piece));
            if (piece.indexOf(':', colon + 1) >= 0) throw new NumberFormatException("step");
            String a = piece.substring(0, colon).trim(), b = piece.substring(colon + 1).trim();
            return new Slice(a.isEmpty() ? null : Integer.valueOf(a), b.isEmpty() ? null : Integer.valueOf(b));
        } catch (NumberFormatException e) {
            throw DataValidationException.param(option, text, "'" + piece + "' is not a position (N, -N) or a slice (A:B, A:, :B)",
                    "e.g. $[1:] for every column but the first, $[0,-1] for the first and the last");
        }
    }

    /** Whether this is {@code $}: every column, as it is. */
    public boolean isAll() { return all; }

    /**
     * The positions in {@code columns} this filter takes, in its order; each column at most once (a column named or
     * covered twice is taken once, where it first comes).
     */
    public int[] select(List<String> columns) {
        int n = columns.size();
        if (all) {
            int[] out = new int[n];
            for (int i = 0; i < n; i++) out[i] = i;
            return out;
        }
        Set<Integer> taken = new LinkedHashSet<>();
        for (Part p : parts) {
            if (p instanceof Name m) {
                int i = columns.indexOf(m.name());
                if (i < 0) throw Columns.unknown(option, m.name(), columns, null);
                taken.add(i);
            } else if (p instanceof Index x) {
                taken.add(resolve(x.at(), n));
            } else if (p instanceof Slice s) {
                int from = s.from() == null ? 0 : clamp(s.from(), n);
                int to = s.to() == null ? n : clamp(s.to(), n);
                for (int i = from; i < to; i++) taken.add(i);
            }
        }
        if (taken.isEmpty()) {
            throw DataValidationException.param(option, text, "selects no column of " + columns, "select at least one column");
        }
        return taken.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The names {@link #select} takes. */
    public List<String> names(List<String> columns) {
        List<String> out = new ArrayList<>();
        for (int i : select(columns)) out.add(columns.get(i));
        return out;
    }

    private int resolve(int at, int n) {
        int i = at < 0 ? n + at : at;
        if (i < 0 || i >= n) {
            throw DataValidationException.param(option, text, "position " + at + " is beyond the " + n + " columns (0 to " + (n - 1)
                    + ", or -1 to -" + n + " from the end)", "choose a position inside the record");
        }
        return i;
    }

    private static int clamp(int at, int n) {
        int i = at < 0 ? n + at : at;
        return Math.max(0, Math.min(n, i));
    }

    @Override public String toString() { return text; }
}
