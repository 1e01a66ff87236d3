package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import dev.holdout.data.Target;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Stratified group K-fold: every group in exactly one test fold, and each fold's class shares as close
 * to the whole data's as whole groups allow. The algorithm is scikit-learn's {@code StratifiedGroupKFold}
 * (1.0+), so unshuffled folds equal scikit-learn's row for row:
 * <ol>
 *   <li>count each group's rows per class;</li>
 *   <li>order the groups by the standard deviation of their class counts, largest first (a stable sort,
 *   so groups with equal spread keep their order: the group values' order, or a seeded permutation when
 *   shuffled);</li>
 *   <li>put each group in the fold where, afterwards, the mean over classes of the standard deviation
 *   (over folds) of {@code foldClassCount / classCount} is smallest; a tie (within numpy's {@code isclose})
 *   goes to the fold with fewer rows, then to the lower fold number.</li>
 * </ol>
 *
 * <p>Shuffling differs from scikit-learn on purpose: scikit-learn up to 1.7 shuffles the rows of the
 * class-count table but then files each group under its position in the shuffled table, so the counts
 * it balances are not the groups' own and shuffled folds lose their stratification (scikit-learn PR
 * #32540). Here the groups are permuted together with their counts, so a shuffled split is as well
 * stratified as the unshuffled one and only the order of equally spread groups changes.
 *
 * <p>As scikit-learn, a class with fewer rows than folds only warns (some folds will miss it); folds
 * beyond the number of groups are refused, since some test folds would be empty.
 *
 * <pre>{@code
 * Folds f = StratifiedGroupKFold.on("label", "patient").folds(5).split(visits);
 * Folds g = StratifiedGroupKFold.on("label", "patient").folds(5).seed(42).split(visits);
 * }</pre>
 */
public final class StratifiedGroupKFold implements CrossValidator {
    private final String label;
    private final String group;
    private final int k;
    private final boolean shuffle;
    private final long seed;

    private StratifiedGroupKFold(String label, String group, int k, boolean shuffle, long seed) {
        Assign.requireFolds(k);
        this.label = label;
        this.group = group;
        this.k = k;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** Stratifies by {@code label} and keeps each value of {@code group} together; 5 folds, unshuffled. */
    public static StratifiedGroupKFold on(String label, String group) { return new StratifiedGroupKFold(label, group, 5, false, 0); }

    public StratifiedGroupKFold folds(int folds) { return new StratifiedGroupKFold(label, group, folds, shuffle, seed); }

    /** Permutes the groups (with their class counts) with {@code seed} before the stable sort. */
    public StratifiedGroupKFold seed(long seed) { return new StratifiedGroupKFold(label, group, k, true, seed); }

    /** {@code folds} repeated {@code repeats} times, each repeat shuffled with its own seed. */
    public Repeated repeats(int repeats) { return Repeated.of(this::seed, repeats, "stratified-group-kfold"); }

    @Override public Folds split(Table table) {
        Target y = Target.of(table, label, "label");
        Target g = Target.ids(table, group, "group");
        return split(y.codes(), y.vocabulary().names(), g.codes(), g.classes());
    }

    /** Splits by class codes (named by {@code classNames}) and group codes in {@code [0, groups)}. */
    public Folds split(int[] classOf, List<String> classNames, int[] groupOf, int groups) {
        int n = classOf.length;
        if (groupOf.length != n) {
            throw DataValidationException.param("groups.length", groupOf.length, "must equal the number of rows, " + n, "pass one group per row");
        }
        if (k > groups) {
            throw DataValidationException.param("folds", k, "cannot be greater than the number of groups, n_groups=" + groups,
                    "use at most " + groups + " folds or a finer group column");
        }
        int classes = classNames.size();
        double[][] countsOfGroup = new double[groups][classes];
        double[] classCount = new double[classes];
        for (int i = 0; i < n; i++) {
            countsOfGroup[groupOf[i]][classOf[i]]++;
            classCount[classOf[i]]++;
        }
        List<String> warnings = new ArrayList<>();
        int smallest = 0;
        double largest = 0;
        for (int c = 1; c < classes; c++) if (classCount[c] < classCount[smallest]) smallest = c;
        for (double c : classCount) largest = Math.max(largest, c);
        if (largest < k) {
            throw DataValidationException.param("folds", k, "cannot be greater than the number of rows in each class (the largest has "
                    + (long) largest + ")", "use at most " + (long) largest + " folds");
        }
        if (classCount[smallest] < k) {
            warnings.add("the least populated class, '" + classNames.get(smallest) + "', has only " + (long) classCount[smallest]
                    + " rows, fewer than folds=" + k + ", so some test folds have none of it");
        }
        int[] order = new int[groups];
        for (int i = 0; i < groups; i++) order[i] = i;
        if (shuffle) new SeededRandom(seed).shuffle(order);
        double[] spread = new double[groups];
        for (int gi = 0; gi < groups; gi++) spread[gi] = std(countsOfGroup[gi]);
        // stable sort by spread, largest first (numpy's argsort(-std, kind="mergesort"))
        Integer[] boxed = new Integer[groups];
        for (int i = 0; i < groups; i++) boxed[i] = order[i];
        java.util.Arrays.sort(boxed, (a, b) -> Double.compare(spread[b], spread[a]));
        double[][] foldCounts = new double[k][classes];
        double[] foldRows = new double[k];
        int[] foldOfGroup = new int[groups];
        double[] column = new double[k];
        for (int gi : boxed) {
            double[] add = countsOfGroup[gi];
            int best = -1;
            double bestEval = Double.POSITIVE_INFINITY, bestRows = Double.POSITIVE_INFINITY;
            for (int f = 0; f < k; f++) {
                for (int c = 0; c < classes; c++) foldCounts[f][c] += add[c];
                double sum = 0;
                for (int c = 0; c < classes; c++) {
                    for (int j = 0; j < k; j++) column[j] = foldCounts[j][c] / classCount[c];
                    sum += std(column);
                }
                for (int c = 0; c < classes; c++) foldCounts[f][c] -= add[c];
                double eval = sum / classes;
                boolean better = eval < bestEval || (isClose(eval, bestEval) && foldRows[f] < bestRows);
                if (better) {
                    bestEval = eval;
                    bestRows = foldRows[f];
                    best = f;
                }
            }
            for (int c = 0; c < classes; c++) foldCounts[best][c] += add[c];
            for (double c : add) foldRows[best] += c;
            foldOfGroup[gi] = best;
        }
        int[] foldOf = new int[n];
        for (int i = 0; i < n; i++) foldOf[i] = foldOfGroup[groupOf[i]];
        Map<String, String> params = new LinkedHashMap<>();
        params.put("label", label);
        params.put("group", group);
        params.put("folds", Integer.toString(k));
        params.put("shuffle", Boolean.toString(shuffle));
        return FoldAssign.fromTestFold(foldOf, k, new SplitProvenance("stratified-group-kfold", params, shuffle ? seed : null, n, warnings));
    }

    /** Population standard deviation, computed as numpy's {@code np.std} does (mean, then mean squared deviation). */
    private static double std(double[] x) {
        double mean = 0;
        for (double v : x) mean += v;
        mean /= x.length;
        double ss = 0;
        for (double v : x) ss += (v - mean) * (v - mean);
        return Math.sqrt(ss / x.length);
    }

    /** numpy's {@code isclose(a, b)}: {@code |a - b| <= 1e-8 + 1e-5·|b|}; never with an infinite b. */
    private static boolean isClose(double a, double b) {
        return Double.isFinite(b) && Math.abs(a - b) <= 1e-8 + 1e-5 * Math.abs(b);
    }

    @Override public String toString() {
        return "StratifiedGroupKFold(label=" + label + ", group=" + group + ", folds=" + k + (shuffle ? ", seed=" + seed : "") + ")";
    }
}
