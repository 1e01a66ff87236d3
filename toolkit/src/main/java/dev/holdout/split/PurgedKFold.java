package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Purged and embargoed K-fold (López de Prado, <i>Advances in Financial Machine Learning</i>, ch. 7) for
 * time-indexed rows whose labels span an interval: each row starts at its time and its label is only
 * known at its label end (a return over the next five days, a churn flag over the next month).
 *
 * <p>The distinct start instants are cut into {@code k} contiguous blocks (the first {@code m % k}
 * one instant larger, as scikit-learn's {@code KFold} cuts rows); each block is one test fold, and
 * training uses the rows before <em>and</em> after it, minus
 * <ul>
 *   <li>the <b>purged</b> rows: every training row whose label interval {@code [start, end]} overlaps a
 *   test row's label interval (so no training label is computed from test-period outcomes), and</li>
 *   <li>the <b>embargoed</b> rows: those starting within the embargo after the last test label ends
 *   ({@link Embargo}: a span of time, or the next so many rows), whose features were computed from the
 *   test period.</li>
 * </ul>
 * Rows that share an instant are never on both sides. Without a label-end column each label is its own
 * instant, and only the embargo removes anything. The manifest records how many rows each fold purged
 * ({@code purgedRows}) and embargoed ({@code embargoedRows}).
 *
 * <pre>{@code
 * Folds f = PurgedKFold.on("date").labelEnd("label_end").folds(5).embargo(Duration.ofDays(2)).split(prices);
 * Folds g = PurgedKFold.on("date").labelEnd("label_end").embargo(Embargo.rows(20)).split(prices);
 * }</pre>
 */
public final class PurgedKFold implements CrossValidator {
    private final String time;
    private final String labelEnd;
    private final int k;
    private final Embargo embargo;
    private final MissingTimePolicy missing;

    private PurgedKFold(String time, String labelEnd, int k, Embargo embargo, MissingTimePolicy missing) {
        Assign.requireFolds(k);
        this.time = time;
        this.labelEnd = labelEnd;
        this.k = k;
        this.embargo = embargo;
        this.missing = missing;
    }

    /** Folds over the start times in column {@code time}; 5 folds, no label end, no embargo until set. */
    public static PurgedKFold on(String time) { return new PurgedKFold(time, null, 5, Embargo.none(), MissingTimePolicy.ERROR); }

    /** The column holding each row's label end (a time of the same kind as the start). */
    public PurgedKFold labelEnd(String column) { return new PurgedKFold(time, column, k, embargo, missing); }

    public PurgedKFold folds(int folds) { return new PurgedKFold(time, labelEnd, folds, embargo, missing); }

    public PurgedKFold embargo(Embargo e) { return new PurgedKFold(time, labelEnd, k, e, missing); }

    public PurgedKFold embargo(Duration d) { return embargo(Embargo.of(d)); }

    public PurgedKFold missingTimes(MissingTimePolicy policy) { return new PurgedKFold(time, labelEnd, k, embargo, policy); }

    @Override public Folds split(Table table) {
        TimeKeys[] keys = LabelIntervals.keys(table, time, labelEnd);
        embargo.checkFits(keys[0].kind == TimeKeys.Kind.NUMBER, time);
        return split(keys[0].keys, keys[1] == null ? null : keys[1].keys, table.name(), keys[1]);
    }

    /**
     * Splits by start and label-end keys ({@link Long#MIN_VALUE} = missing; {@code end} null = point
     * labels); a duration embargo is in the keys' units.
     */
    public Folds split(long[] start, long[] end) { return split(start, end, "keys", null); }

    private Folds split(long[] start, long[] end, String table, TimeKeys endKeys) {
        LabelIntervals li = LabelIntervals.of(start, end, missing, table, time, labelEnd, endKeys);
        int m = li.instants.count();
        if (k > m) {
            throw DataValidationException.param("folds", k, "cannot be greater than the number of distinct instants, " + m,
                    "use at most " + m + " folds");
        }
        int[] blockOf = li.instants.blocks(k);
        int[] purged = new int[k], embargoed = new int[k];
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            boolean[] test = new boolean[m];
            for (int j = 0; j < m; j++) test[j] = blockOf[j] == f;
            Fold fold = li.fold(f + 1, test, embargo, purged, embargoed);
            LabelIntervals.requireTraining(fold, "fold " + (f + 1), purged[f], embargoed[f]);
            out.add(fold);
        }
        List<String> warnings = new ArrayList<>();
        if (li.instants.missing > 0) warnings.add(li.instants.missing + " rows with a missing time or label end were left out (policy drop)");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("time", time);
        if (labelEnd != null) params.put("labelEnd", labelEnd);
        params.put("folds", Integer.toString(k));
        params.put("embargo", embargo.toString());
        params.put("instants", Integer.toString(m));
        params.put("purgedRows", LabelIntervals.list(purged));
        params.put("embargoedRows", LabelIntervals.list(embargoed));
        return new Folds(out, new SplitProvenance("purged-kfold", params, null, start.length, warnings));
    }

    @Override public String toString() {
        return "PurgedKFold(time=" + time + (labelEnd != null ? ", labelEnd=" + labelEnd : "") + ", folds=" + k + ", embargo=" + embargo + ")";
    }
}
