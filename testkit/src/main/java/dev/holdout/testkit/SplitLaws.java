package dev.holdout.testkit;

import dev.holdout.split.Fold;
import dev.holdout.split.Folds;
import dev.holdout.split.Part;
import dev.holdout.split.RowIndices;
import dev.holdout.split.Split;

/**
 * Laws for splits and folds, as reusable assertions: parts are disjoint, folds' test parts cover the rows
 * (once each), class shares are kept, time order holds (every training row before every test row, optionally with
 * a gap), and no group is on both sides. Give them the label, time or group values as arrays indexed by row.
 *
 * <pre>{@code
 * Folds f = mySplitter.split(table);
 * SplitLaws.foldsDisjoint(f);
 * SplitLaws.testsPartition(f, table.rowCount());
 * SplitLaws.groupsIntact(f, groupOfRow);
 * }</pre>
 */
public final class SplitLaws {
    private SplitLaws() {}

    /** No row in two parts of the split; every row index in 0 .. rows−1. */
    public static void disjoint(Split s, int rows) {
        int[] seen = new int[rows];
        for (Part p : Part.values()) {
            for (int r : s.rows(p).toArray()) {
                if (r < 0 || r >= rows) throw new AssertionError("row " + r + " of part " + p + " is outside 0.." + (rows - 1));
                if (seen[r]++ > 0) throw new AssertionError("row " + r + " is in two parts (again in " + p + ")");
            }
        }
    }

    /** The train and test rows of every fold are disjoint. */
    public static void foldsDisjoint(Folds folds) {
        for (Fold f : folds) {
            for (int r : f.test().toArray()) {
                if (f.train().contains(r)) throw new AssertionError("fold " + f.number() + ": row " + r + " is in train and test");
            }
        }
    }

    /** Every row is in exactly one fold's test part (K-fold families; not time-ordered or combinatorial ones). */
    public static void testsPartition(Folds folds, int rows) {
        int[] seen = new int[rows];
        for (Fold f : folds) for (int r : f.test().toArray()) seen[r]++;
        for (int r = 0; r < rows; r++) {
            if (seen[r] != 1) throw new AssertionError("row " + r + " is in " + seen[r] + " test folds, not exactly 1");
        }
    }

    /** No group value has rows on both sides of any fold. */
    public static void groupsIntact(Folds folds, Object[] groupOfRow) {
        for (Fold f : folds) {
            java.util.Set<Object> test = new java.util.HashSet<>();
            for (int r : f.test().toArray()) test.add(groupOfRow[r]);
            for (int r : f.train().toArray()) {
                if (test.contains(groupOfRow[r])) {
                    throw new AssertionError("fold " + f.number() + ": group " + groupOfRow[r] + " is in train (row " + r + ") and test");
                }
            }
        }
    }

    /** Every training row's time is before every test row's time, by more than {@code gap} (0 for strictly before). */
    public static void timeOrdered(Folds folds, long[] timeOfRow, long gap) {
        for (Fold f : folds) {
            if (f.train().isEmpty() || f.test().isEmpty()) continue;
            long lastTrain = Long.MIN_VALUE, firstTest = Long.MAX_VALUE;
            for (int r : f.train().toArray()) lastTrain = Math.max(lastTrain, timeOfRow[r]);
            for (int r : f.test().toArray()) firstTest = Math.min(firstTest, timeOfRow[r]);
            if (!(firstTest - lastTrain > gap)) {
                throw new AssertionError("fold " + f.number() + ": the last training time " + lastTrain + " is not more than " + gap
                        + " before the first test time " + firstTest);
            }
        }
    }

    /**
     * Each fold's test part keeps every class's share within {@code tolerance} rows of the whole data's (as stratified
     * K-fold promises: at most one row off per class, so tolerance 1).
     */
    public static void stratified(Folds folds, int[] classOfRow, int classes, double tolerance) {
        int n = classOfRow.length;
        int[] all = new int[classes];
        for (int c : classOfRow) all[c]++;
        for (Fold f : folds) {
            RowIndices test = f.test();
            int[] got = new int[classes];
            for (int r : test.toArray()) got[classOfRow[r]]++;
            for (int c = 0; c < classes; c++) {
                double expected = (double) all[c] * test.size() / n;
                if (Math.abs(got[c] - expected) > tolerance + 1e-9) {
                    throw new AssertionError("fold " + f.number() + ": class " + c + " has " + got[c] + " test rows, expected " + expected + " ± " + tolerance);
                }
            }
        }
    }
}
