package dev.holdout.split;

import java.util.Iterator;
import java.util.List;

/**
 * The folds of a cross-validation scheme with their provenance. Immutable; iterable in fold order.
 *
 * <pre>{@code
 * Folds folds = KFold.of(5).split(table);   // 57 rows
 * folds.size();            // 5
 * folds.get(0).test().size();  // 12 (the first 57 % 5 folds get one extra row)
 * }</pre>
 */
public record Folds(List<Fold> folds, SplitProvenance provenance) implements Iterable<Fold> {
    public Folds {
        folds = List.copyOf(folds);
    }

    public int size() { return folds.size(); }

    public Fold get(int index) { return folds.get(index); }

    @Override public Iterator<Fold> iterator() { return folds.iterator(); }

    /** One row per fold: train and test sizes, as an HTML table. */
    public String toHtml() {
        List<List<?>> rows = new java.util.ArrayList<>();
        for (Fold f : folds) rows.add(List.of(f.number(), f.train().size(), f.test().size()));
        return "<div class=\"holdout-folds\"><p><b>" + dev.holdout.report.Html.escape(provenance) + "</b></p>"
                + dev.holdout.report.Html.table(List.of("fold", "train rows", "test rows"), rows) + "</div>";
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("Folds{").append(provenance).append(":");
        for (Fold f : folds) sb.append(' ').append(f.train().size()).append('/').append(f.test().size());
        return sb.append("}").toString();
    }
}
