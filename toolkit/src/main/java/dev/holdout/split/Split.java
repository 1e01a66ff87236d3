package dev.holdout.split;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * The result of a holdout split: row positions for train, validation (possibly empty) and test, and
 * the provenance of the split. Nothing is copied until a part is asked for with {@link #train(Table)},
 * {@link #validation(Table)} or {@link #test(Table)}; parts list their rows in input order.
 *
 * <pre>{@code
 * Split s = RandomSplit.create().test(0.25).seed(42).split(table);   // 10 rows
 * s.size(Part.TEST);   // 3  (ceil(0.25 * 10))
 * Table train = s.train(table);
 * }</pre>
 */
public final class Split {
    private final EnumMap<Part, RowIndices> parts;
    private final SplitProvenance provenance;

    public Split(RowIndices train, RowIndices validation, RowIndices test, SplitProvenance provenance) {
        this.parts = new EnumMap<>(Part.class);
        parts.put(Part.TRAIN, Objects.requireNonNull(train, "train"));
        parts.put(Part.VALIDATION, validation == null ? RowIndices.empty() : validation);
        parts.put(Part.TEST, Objects.requireNonNull(test, "test"));
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** Row positions of a part, ascending. */
    public RowIndices rows(Part part) { return parts.get(part); }

    public int size(Part part) { return parts.get(part).size(); }

    public boolean hasValidation() { return !parts.get(Part.VALIDATION).isEmpty(); }

    public SplitProvenance provenance() { return provenance; }

    /** The rows of {@code part} copied out of {@code table} (which must be the table that was split). */
    public Table part(Part part, Table table) {
        if (table.rowCount() != provenance.rowCount()) {
            throw dev.holdout.data.DataValidationException.param("table.rowCount", table.rowCount(),
                    "must equal the row count the split was made on (" + provenance.rowCount() + ")",
                    "materialise parts from the same table you split");
        }
        Table t = table.rows(parts.get(part).toArray());
        t.setName(table.name() + "[" + part.label() + "]");
        return t;
    }

    public Table train(Table table) { return part(Part.TRAIN, table); }

    public Table validation(Table table) { return part(Part.VALIDATION, table); }

    public Table test(Table table) { return part(Part.TEST, table); }

    /** Part sizes in part order, for display. */
    public Map<Part, Integer> sizes() {
        EnumMap<Part, Integer> m = new EnumMap<>(Part.class);
        for (Part p : Part.values()) m.put(p, size(p));
        return m;
    }

    /** Part sizes and provenance as an HTML table (notebooks render it). */
    public String toHtml() {
        java.util.List<java.util.List<?>> rows = new java.util.ArrayList<>();
        int n = provenance.rowCount();
        for (Part p : Part.values()) {
            if (p == Part.VALIDATION && !hasValidation()) continue;
            rows.add(java.util.List.of(p.label(), size(p), String.format("%.1f%%", n == 0 ? 0.0 : 100.0 * size(p) / n)));
        }
        return "<div class=\"holdout-split\"><p><b>" + dev.holdout.report.Html.escape(provenance) + "</b></p>"
                + dev.holdout.report.Html.table(java.util.List.of("part", "rows", "share"), rows) + "</div>";
    }

    @Override public boolean equals(Object o) {
        return o instanceof Split s && parts.equals(s.parts) && provenance.equals(s.provenance);
    }

    @Override public int hashCode() { return Objects.hash(parts, provenance); }

    @Override public String toString() {
        return "Split{" + provenance + ": train=" + size(Part.TRAIN)
                + (hasValidation() ? ", validation=" + size(Part.VALIDATION) : "")
                + ", test=" + size(Part.TEST) + "}";
    }
}
