package dev.holdout.split;

import dev.holdout.data.Target;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Stratified K-fold: each class's count in each test fold is within one row of {@code classCount / k},
 * and fold sizes differ by at most one. Rows are ordered by class (shuffled within each class when
 * seeded) and dealt to folds in turn.
 *
 * <p>Every class needs at least {@code k} rows: scikit-learn only warns when the smallest class is
 * smaller than {@code k}, and then some test folds hold none of that class, so their scores are not
 * comparable; Holdout refuses instead.
 *
 * <pre>{@code
 * Folds f = StratifiedKFold.on("malignant", 5).seed(1).split(breastCancer);
 * }</pre>
 */
public final class StratifiedKFold implements CrossValidator {
    private final String label;
    private final int k;
    private final boolean shuffle;
    private final long seed;

    private StratifiedKFold(String label, int k, boolean shuffle, long seed) {
        Assign.requireFolds(k);
        this.label = label;
        this.k = k;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    public static StratifiedKFold on(String label, int k) { return new StratifiedKFold(label, k, false, 0); }

    /** Shuffles each class's rows with {@code seed} before dealing them to folds. */
    public StratifiedKFold seed(long seed) { return new StratifiedKFold(label, k, true, seed); }

    /** These folds repeated {@code repeats} times, each repeat shuffled with its own seed ({@link Repeated}). */
    public Repeated repeats(int repeats) { return Repeated.of(this::seed, repeats, "stratified-kfold"); }

    @Override public Folds split(Table table) {
        Target labels = Target.of(table, label, "label");
        return split(labels.codes(), labels.vocabulary().names());
    }

    /** Splits rows by class codes; {@code classNames.get(c)} names code c in messages. */
    public Folds split(int[] classOf, List<String> classNames) {
        int n = classOf.length;
        int classes = classNames.size();
        if (k > n) {
            throw DataValidationException.param("folds", k, "cannot be greater than the number of rows, n_samples=" + n,
                    "use at most " + n + " folds");
        }
        int[] counts = new int[classes];
        for (int c : classOf) counts[c]++;
        int smallest = Integer.MAX_VALUE, smallestClass = 0;
        for (int c = 0; c < classes; c++) {
            if (counts[c] < smallest) {
                smallest = counts[c];
                smallestClass = c;
            }
        }
        if (k > smallest) {
            throw DataValidationException.param("folds", k, "the least populated class, '" + classNames.get(smallestClass) + "', has only "
                    + smallest + " rows, fewer than the number of folds, so some test folds would have none of it",
                    "use at most " + smallest + " folds, or merge rare classes before splitting");
        }
        List<String> warnings = new ArrayList<>();
        int[][] grouped = Assign.groupRows(classOf, classes);
        int[] members = grouped[0], offsets = grouped[1];
        SeededRandom rng = shuffle ? new SeededRandom(seed) : null;
        int[] foldOf = new int[n];
        int next = 0;
        for (int c = 0; c < classes; c++) {
            int from = offsets[c], to = offsets[c + 1];
            if (rng != null) rng.sampleToFront(members, from, to, to - from);
            for (int i = from; i < to; i++) {
                foldOf[members[i]] = next;
                next = next + 1 == k ? 0 : next + 1;
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("label", label);
        params.put("folds", Integer.toString(k));
        params.put("shuffle", Boolean.toString(shuffle));
        return FoldAssign.fromTestFold(foldOf, k, new SplitProvenance("stratified-kfold", params, shuffle ? seed : null, n, warnings));
    }
}
