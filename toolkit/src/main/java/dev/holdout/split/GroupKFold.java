package dev.holdout.split;

import dev.holdout.data.Target;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Group K-fold: each group is in exactly one test fold, so no group is on both sides of any fold.
 * Unshuffled (as scikit-learn's default), groups are placed largest first into the fold with the
 * fewest rows so far, which balances rows; shuffled, groups are permuted with the seed and cut into
 * {@code k} nearly equal runs, which balances group counts.
 *
 * <pre>{@code
 * Folds f = GroupKFold.on("Airport Name", 5).split(birdstrikes);
 * }</pre>
 */
public final class GroupKFold implements CrossValidator {
    private final String group;
    private final int k;
    private final boolean shuffle;
    private final long seed;

    private GroupKFold(String group, int k, boolean shuffle, long seed) {
        Assign.requireFolds(k);
        this.group = group;
        this.k = k;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    public static GroupKFold on(String group, int k) { return new GroupKFold(group, k, false, 0); }

    /** Permutes the groups with {@code seed} and cuts them into {@code k} nearly equal runs (balances group counts). */
    public GroupKFold seed(long seed) { return new GroupKFold(group, k, true, seed); }

    /** These folds repeated {@code repeats} times, the groups shuffled with each repeat's own seed ({@link Repeated}). */
    public Repeated repeats(int repeats) { return Repeated.of(this::seed, repeats, "group-kfold"); }

    @Override public Folds split(Table table) {
        Target groups = Target.ids(table, group, "group");
        return split(groups.codes(), groups.classes());
    }

    public Folds split(int[] groupOf, int g) {
        if (k > g) {
            throw DataValidationException.param("folds", k, "cannot be greater than the number of groups, n_groups=" + g,
                    "use at most " + g + " folds or a finer group column");
        }
        int[] size = new int[g];
        for (int x : groupOf) size[x]++;
        int[] foldOfGroup = new int[g];
        if (shuffle) {
            int[] perm = new int[g];
            for (int i = 0; i < g; i++) perm[i] = i;
            new SeededRandom(seed).shuffle(perm);
            int pos = 0;
            for (int f = 0; f < k; f++) {
                int count = g / k + (f < g % k ? 1 : 0);
                for (int j = 0; j < count; j++) foldOfGroup[perm[pos++]] = f;
            }
        } else {
            Integer[] order = new Integer[g];
            for (int i = 0; i < g; i++) order[i] = i;
            // Largest group first; equal sizes keep the group values' order (LabelVocabulary), so the result is deterministic.
            java.util.Arrays.sort(order, (a, b) -> size[b] != size[a] ? Integer.compare(size[b], size[a]) : Integer.compare(a, b));
            long[] load = new long[k];
            for (int gi : order) {
                int lightest = 0;
                for (int f = 1; f < k; f++) if (load[f] < load[lightest]) lightest = f;
                foldOfGroup[gi] = lightest;
                load[lightest] += size[gi];
            }
        }
        int[] foldOf = new int[groupOf.length];
        for (int i = 0; i < foldOf.length; i++) foldOf[i] = foldOfGroup[groupOf[i]];
        Map<String, String> params = new LinkedHashMap<>();
        params.put("group", group);
        params.put("folds", Integer.toString(k));
        params.put("shuffle", Boolean.toString(shuffle));
        return FoldAssign.fromTestFold(foldOf, k, new SplitProvenance("group-kfold", params, shuffle ? seed : null, groupOf.length));
    }
}
