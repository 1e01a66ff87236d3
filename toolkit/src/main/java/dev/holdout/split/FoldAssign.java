package dev.holdout.split;

import java.util.ArrayList;
import java.util.List;

/** Builds {@link Folds} from one test-fold number per row (-1 = in no test fold). */
final class FoldAssign {
    private FoldAssign() {}

    static Folds fromTestFold(int[] foldOf, int k, SplitProvenance provenance) {
        int n = foldOf.length;
        int[] counts = new int[k];
        for (int f : foldOf) if (f >= 0) counts[f]++;
        int[][] test = new int[k][];
        for (int f = 0; f < k; f++) test[f] = new int[counts[f]];
        int[] fill = new int[k];
        for (int i = 0; i < n; i++) if (foldOf[i] >= 0) test[foldOf[i]][fill[foldOf[i]]++] = i;
        int assigned = 0;
        for (int c : counts) assigned += c;
        List<Fold> folds = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int[] train = new int[assigned - counts[f]];
            int t = 0;
            for (int i = 0; i < n; i++) if (foldOf[i] >= 0 && foldOf[i] != f) train[t++] = i;
            folds.add(new Fold(f + 1, RowIndices.adoptSorted(train), RowIndices.adoptSorted(test[f])));
        }
        return new Folds(folds, provenance);
    }
}
