package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * K-fold cross-validation as scikit-learn's {@code KFold}: contiguous folds (after an optional seeded
 * shuffle), the first {@code n % k} folds one row larger. Every row is in exactly one test fold.
 *
 * <pre>{@code
 * Folds f = KFold.of(5).split(table);                    // n = 57: test folds 12,12,11,11,11
 * Folds g = KFold.of(5).seed(42).split(table);             // shuffled with seed 42 first
 * }</pre>
 */
public final class KFold implements CrossValidator {
    private final int k;
    private final boolean shuffle;
    private final long seed;

    private KFold(int k, boolean shuffle, long seed) {
        Assign.requireFolds(k);
        this.k = k;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    public static KFold of(int k) { return new KFold(k, false, 0); }

    /** Shuffles the rows with {@code seed} before cutting folds (scikit-learn's {@code shuffle=True, random_state=seed}). */
    public KFold seed(long seed) { return new KFold(k, true, seed); }

    /** These folds repeated {@code repeats} times, each repeat shuffled with its own seed ({@link Repeated}). */
    public Repeated repeats(int repeats) { return Repeated.of(this::seed, repeats, "kfold"); }

    @Override public Folds split(Table table) { return split(table.rowCount()); }

    public Folds split(int n) {
        if (k > n) {
            throw DataValidationException.param("folds", k, "cannot be greater than the number of rows, n_samples=" + n,
                    "use at most " + n + " folds");
        }
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        if (shuffle) new SeededRandom(seed).shuffle(order);
        int[] foldOf = new int[n];
        int pos = 0;
        for (int f = 0; f < k; f++) {
            int size = n / k + (f < n % k ? 1 : 0);
            for (int j = 0; j < size; j++) foldOf[order[pos++]] = f;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("folds", Integer.toString(k));
        params.put("shuffle", Boolean.toString(shuffle));
        return FoldAssign.fromTestFold(foldOf, k, new SplitProvenance("kfold", params, shuffle ? seed : null, n));
    }
}
