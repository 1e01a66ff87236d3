package dev.holdout.split;

import dev.holdout.data.SeededRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Random train/test or train/validation/test split by fractions or counts, seeded; or, without
 * shuffling, positional (train first, then validation, then test: a time split only if the rows are
 * already in time order, which {@link TimeSplit} does properly).
 *
 * <p>Sizes follow scikit-learn: {@code test = ceil(testSize·n)}, {@code validation = ceil(validationSize·n)},
 * train gets the rest. A fraction must lie in (0, 1); a count in [1, n).
 *
 * <p>The vocabulary of every splitter: {@code test(...)}, {@code validation(...)} (a fraction as a {@code double}, a
 * row count as an {@code int}, as scikit-learn's {@code test_size}), {@code seed(...)}; modifiers return a new
 * splitter and may come in any order.
 *
 * <pre>{@code
 * Split s = RandomSplit.create().test(0.25).seed(42).split(table);          // n = 10: train 7, test 3
 * Split t = RandomSplit.create().test(0.2).validation(0.1).seed(7).split(table);
 * Split c = RandomSplit.create().test(100).validation(50).split(table);    // counts of rows
 * }</pre>
 */
public final class RandomSplit implements Splitter {
    /** The seed used when none is given, recorded in every manifest. */
    public static final long DEFAULT_SEED = 42L;

    private final PartSize test;
    private final PartSize validation;
    private final boolean shuffle;
    private final long seed;

    private RandomSplit(PartSize test, PartSize validation, boolean shuffle, long seed) {
        this.test = test;
        this.validation = validation;
        this.shuffle = shuffle;
        this.seed = seed;
    }

    /** A random split with scikit-learn's default test size 0.25, no validation part, seed {@link #DEFAULT_SEED}. */
    public static RandomSplit create() { return new RandomSplit(PartSize.fraction(0.25), null, true, DEFAULT_SEED); }

    /** The test part's size. */
    public RandomSplit test(PartSize size) { return new RandomSplit(java.util.Objects.requireNonNull(size, "test"), validation, shuffle, seed); }

    /** The test part as a fraction of the rows, in (0, 1). */
    public RandomSplit test(double fraction) { return test(PartSize.fraction(fraction, "test")); }

    /** The test part as a number of rows, at least 1. */
    public RandomSplit test(int rows) { return test(PartSize.count(rows, "test")); }

    /** The validation part's size (none by default). */
    public RandomSplit validation(PartSize size) { return new RandomSplit(test, size, shuffle, seed); }

    /** The validation part as a fraction of the rows, in (0, 1). */
    public RandomSplit validation(double fraction) { return validation(PartSize.fraction(fraction, "validation")); }

    /** The validation part as a number of rows, at least 1. */
    public RandomSplit validation(int rows) { return validation(PartSize.count(rows, "validation")); }

    public RandomSplit seed(long s) { return new RandomSplit(test, validation, shuffle, s); }

    public RandomSplit shuffle(boolean s) { return new RandomSplit(test, validation, s, seed); }

    @Override public Split split(Table table) { return split(table.rowCount()); }

    /** Splits row positions 0..n-1 (the table-free core, used by benchmarks). */
    public Split split(int n) {
        int[] sizes = Sizes.resolve(n, test, validation, "samples");
        int nVal = sizes[1], nTest = sizes[2];
        int nTrain = sizes[0];
        int[] trainRows = new int[nTrain], valRows = new int[nVal], testRows = new int[nTest];
        if (shuffle) {
            // Sequential selection sampling: row i goes to each part with probability (still needed in
            // that part) / (rows left). Exact sizes, every assignment equally likely, one pass in row
            // order (parts come out ascending), no random access into a permutation.
            SeededRandom rng = new SeededRandom(seed);
            int a = 0, b = 0, c = 0;
            for (int i = 0; i < n; i++) {
                int r = rng.nextInt(n - i);
                if (r < nTest - c) testRows[c++] = i;
                else if (r < nTest - c + nVal - b) valRows[b++] = i;
                else trainRows[a++] = i;
            }
        } else {
            for (int i = 0; i < nTrain; i++) trainRows[i] = i;
            for (int i = 0; i < nVal; i++) valRows[i] = nTrain + i;
            for (int i = 0; i < nTest; i++) testRows[i] = nTrain + nVal + i;
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("testSize", test.toString());
        if (validation != null) params.put("validationSize", validation.toString());
        params.put("shuffle", Boolean.toString(shuffle));
        return new Split(RowIndices.adoptSorted(trainRows), RowIndices.adoptSorted(valRows), RowIndices.adoptSorted(testRows),
                new SplitProvenance("random", params, shuffle ? seed : null, n));
    }

    @Override public String toString() {
        return "RandomSplit(testSize=" + test + (validation != null ? ", validationSize=" + validation : "")
                + ", shuffle=" + shuffle + (shuffle ? ", seed=" + seed : "") + ")";
    }
}
