package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import tech.tablesaw.api.Table;

/**
 * Rows whose labels span an interval {@code [start, end]} (both ends included), and the purge and
 * embargo of López de Prado (<i>Advances in Financial Machine Learning</i>, 2018, ch. 7) around a test
 * fold made of whole instants:
 *
 * <ul>
 *   <li><b>purge</b>: a training row whose label interval overlaps the label interval of any test row
 *   is removed. For a run of consecutive test instants this is the same as overlapping the run's hull
 *   {@code [t0, T1]}, with {@code t0} the run's first start and {@code T1} the latest end of its labels
 *   (a row before the run that overlaps the hull overlaps the first test label; a row after it that
 *   overlaps the hull overlaps the test label ending at {@code T1}).</li>
 *   <li><b>embargo</b>: the rows that start right after {@code T1} (within a span of time, or the next
 *   so many rows in time order, ties included) are removed as well, because their features were
 *   computed from the test period.</li>
 * </ul>
 *
 * Both together: a training row is kept iff, for every run, {@code end < t0} or {@code start > E}, where
 * {@code E} is {@code T1} moved on by the embargo. Intervals are closed, so a label that ends at the
 * instant the test starts is purged (López de Prado's code keeps it; Holdout errs on the side of no
 * overlap).
 */
final class LabelIntervals {
    final long[] start;
    final long[] end;
    final Instants instants;
    /** The latest label end among the rows of each instant. */
    final long[] maxEndOfInstant;
    final int[] rowsPerInstant;

    private LabelIntervals(long[] start, long[] end, Instants instants) {
        this.start = start;
        this.end = end;
        this.instants = instants;
        int m = instants.count();
        maxEndOfInstant = new long[m];
        Arrays.fill(maxEndOfInstant, Long.MIN_VALUE);
        for (int i = 0; i < start.length; i++) {
            int j = instants.of[i];
            if (j >= 0) maxEndOfInstant[j] = Math.max(maxEndOfInstant[j], end[i]);
        }
        rowsPerInstant = instants.rowsPerInstant();
    }

    /**
     * @param start the rows' start keys ({@link TimeKeys#MISSING} = missing)
     * @param end   the rows' label-end keys, or null when each label is its start instant
     */
    static LabelIntervals of(long[] start, long[] end, MissingTimePolicy policy, String table, String startColumn, String endColumn,
                             TimeKeys endKeys) {
        int n = start.length;
        long[] e = end == null ? start : end;
        if (end != null) {
            if (end.length != n) {
                throw DataValidationException.param("labelEnd.length", end.length, "must equal the number of rows, " + n, "pass one end per row");
            }
            long[] s = start.clone();
            for (int i = 0; i < n; i++) {
                boolean noEnd = end[i] == TimeKeys.MISSING;
                if (noEnd && policy == MissingTimePolicy.ERROR) {
                    throw DataValidationException.atRow(table, i + 1, endColumn, "",
                            "no label end; fill it, drop such rows, or choose the policy DROP (--missing-time drop)");
                }
                if (noEnd) s[i] = TimeKeys.MISSING; // a row without an end takes part in no fold
                if (!noEnd && s[i] != TimeKeys.MISSING && end[i] < s[i]) {
                    String shown = endKeys == null ? Long.toString(end[i]) : endKeys.format(end[i]);
                    throw DataValidationException.atRow(table, i + 1, endColumn, shown,
                            "the label ends before it starts (" + startColumn + " is later); a label interval is [" + startColumn + ", "
                                    + endColumn + "] with the end at or after the start");
                }
            }
            start = s;
        }
        return new LabelIntervals(start, e, Instants.of(start, policy, table, startColumn));
    }

    /** A test fold made of the instants marked in {@code testInstant}, with its purged training rows. */
    Fold fold(int number, boolean[] testInstant, Embargo embargo, int[] purgedOut, int[] embargoedOut) {
        int m = instants.count();
        // runs of consecutive test instants: [runFrom[r], runTo[r])
        int[] runFrom = new int[m], runTo = new int[m];
        int runs = 0;
        for (int j = 0; j < m; j++) {
            if (testInstant[j] && (j == 0 || !testInstant[j - 1])) runFrom[runs] = j;
            if (testInstant[j] && (j == m - 1 || !testInstant[j + 1])) runTo[runs++] = j + 1;
        }
        long[] t0 = new long[runs], t1 = new long[runs], until = new long[runs];
        for (int r = 0; r < runs; r++) {
            t0[r] = instants.values[runFrom[r]];
            long hi = Long.MIN_VALUE;
            for (int j = runFrom[r]; j < runTo[r]; j++) hi = Math.max(hi, maxEndOfInstant[j]);
            t1[r] = hi;
            until[r] = embargoEnd(hi, embargo);
        }
        int n = start.length;
        int nTest = 0, nTrain = 0, purged = 0, embargoed = 0;
        byte[] part = new byte[n]; // 0 none, 1 train, 2 test
        for (int i = 0; i < n; i++) {
            int j = instants.of[i];
            if (j < 0) continue;
            if (testInstant[j]) {
                part[i] = 2;
                nTest++;
                continue;
            }
            boolean keep = true;
            for (int r = 0; r < runs && keep; r++) {
                if (end[i] >= t0[r] && start[i] <= until[r]) {
                    keep = false;
                    if (start[i] <= t1[r]) purged++; else embargoed++;
                }
            }
            if (keep) {
                part[i] = 1;
                nTrain++;
            }
        }
        int[] train = new int[nTrain], test = new int[nTest];
        int a = 0, b = 0;
        for (int i = 0; i < n; i++) {
            if (part[i] == 1) train[a++] = i;
            else if (part[i] == 2) test[b++] = i;
        }
        purgedOut[number - 1] = purged;
        embargoedOut[number - 1] = embargoed;
        return new Fold(number, RowIndices.adoptSorted(train), RowIndices.adoptSorted(test));
    }

    /** The last start an embargo after a test run ending at {@code t1} removes ({@code t1} itself without an embargo). */
    private long embargoEnd(long t1, Embargo embargo) {
        if (embargo.rows() > 0) {
            // the first instant after t1, then instants until `rows` rows are covered; the last instant's ties go too
            int j = Arrays.binarySearch(instants.values, t1);
            j = j >= 0 ? j + 1 : -j - 1;
            int covered = 0;
            long last = t1;
            while (j < instants.count() && covered < embargo.rows()) {
                covered += rowsPerInstant[j];
                last = instants.values[j];
                j++;
            }
            return last;
        }
        return embargo.seconds() > Long.MAX_VALUE - t1 ? Long.MAX_VALUE : t1 + embargo.seconds();
    }

    /** Start and end keys of a table's columns; both must be times of comparable kinds. */
    static TimeKeys[] keys(Table table, String startColumn, String endColumn) {
        TimeKeys s = TimeKeys.of(table, startColumn);
        if (endColumn == null) return new TimeKeys[] {s, null};
        TimeKeys e = TimeKeys.of(table, endColumn);
        if ((s.kind == TimeKeys.Kind.NUMBER) != (e.kind == TimeKeys.Kind.NUMBER)) {
            throw DataValidationException.param("labelEnd", endColumn, "holds " + (e.kind == TimeKeys.Kind.NUMBER ? "plain numbers" : "dates or times")
                            + " but the time column '" + startColumn + "' holds " + (s.kind == TimeKeys.Kind.NUMBER ? "plain numbers" : "dates or times"),
                    "give a label-end column of the same kind as the time column");
        }
        return new TimeKeys[] {s, e};
    }

    /** A fold left with no training rows is an error that says why. */
    static void requireTraining(Fold fold, String which, int purged, int embargoed) {
        if (fold.train().isEmpty()) {
            throw DataValidationException.param("folds", which, "has no training rows left (" + purged + " purged, " + embargoed
                    + " embargoed): the labels are too long or the embargo too wide for this many folds", "use fewer folds, a shorter embargo, or shorter labels");
        }
    }

    /** Comma-separated counts, one per fold, for the provenance. */
    static String list(int[] counts) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < counts.length; i++) sb.append(i == 0 ? "" : ",").append(counts[i]);
        return sb.toString();
    }
}
