package dev.holdout.preprocess;

import java.util.IdentityHashMap;
import java.util.Map;
import tech.tablesaw.columns.Column;

/**
 * What the fit of a whole pipeline already knows about the raw training columns: the moments the
 * fingerprint pass gathered on its way over the rows. A step that needs them for a column it reads
 * unchanged (the same column object) takes them instead of reading the column again.
 */
final class FitContext {
    static final FitContext NONE = new FitContext(Map.of());

    private final Map<Column<?>, Moments> moments;

    FitContext(Map<Column<?>, Moments> moments) {
        this.moments = new IdentityHashMap<>(moments);
    }

    /** The moments of exactly this column object, or null. */
    Moments moments(Column<?> column) { return moments.get(column); }
}
