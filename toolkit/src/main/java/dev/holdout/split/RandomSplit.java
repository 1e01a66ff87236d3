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
 * Split h = RandomSplit.create().test(0.2).hashedBy("order_id").seed(7).split(table);  // each row by its id's hash
 * }</pre>
 *
 * <p>The hashed mode ({@link #hashedBy(String)}, {@link #hashedByRowContent()}) places each row by a seeded
 * hash of its key ({@link KeyHash}) instead of sampling: part sizes are then fractions met on average (each
 * row is in test with probability testSize), not exact counts, but a row's part no longer depends on the other
 * rows, so the split is the same on Spark (module {@code holdout-spark}) row for row and stable as data grows.
 */
public final class RandomSplit implements Splitter {
    /** The seed used when none is given, recorded in every manifest. */
    public static final long DEFAULT_SEED = 42L;

    private final PartSize test;
    private final PartSize validation;
    private final boolean shuffle;
    private final long seed;
    /** Hashed mode: the key column, or {@link #ROW_CONTENT}; null for sampling. */
    private final String hashKey;
    private static final String ROW_CONTENT = "\0row";

    private RandomSplit(PartSize test, PartSize validation, boolean shuffle, long seed, String hashKey) {
        this.test = test;
        this.validation = validation;
        this.shuffle = shuffle;
        this.seed = seed;
        this.hashKey = hashKey;
    }

    /** A random split with scikit-learn's default test size 0.25, no validation part, seed {@link #DEFAULT_SEED}. */
    public static RandomSplit create() { return new RandomSplit(PartSize.fraction(0.25), null, true, DEFAULT_SEED, null); }

    /** The test part's size. */
    public RandomSplit test(PartSize size) { return new RandomSplit(java.util.Objects.requireNonNull(size, "test"), validation, shuffle, seed, hashKey); }

    /** The test part as a fraction of the rows, in (0, 1). */
    public RandomSplit test(double fraction) { return test(PartSize.fraction(fraction, "test")); }

    /** The test part as a number of rows, at least 1. */
    public RandomSplit test(int rows) { return test(PartSize.count(rows, "test")); }

    /** The validation part's size (none by default). */
    public RandomSplit validation(PartSize size) { return new RandomSplit(test, size, shuffle, seed, hashKey); }

    /** The validation part as a fraction of the rows, in (0, 1). */
    public RandomSplit validation(double fraction) { return validation(PartSize.fraction(fraction, "validation")); }

    /** The validation part as a number of rows, at least 1. */
    public RandomSplit validation(int rows) { return validation(PartSize.count(rows, "validation")); }

    public RandomSplit seed(long s) { return new RandomSplit(test, validation, shuffle, s, hashKey); }

    public RandomSplit shuffle(boolean s) { return new RandomSplit(test, validation, s, seed, hashKey); }

    /** Hashed mode keyed by {@code idColumn}'s value in each row (every row needs one; equal ids share a part). */
    public RandomSplit hashedBy(String idColumn) {
        if (idColumn == null || idColumn.isBlank()) {
            throw dev.holdout.data.DataValidationException.param("hashedBy", idColumn, "needs a column name", "name the id column, or use hashedByRowContent()");
        }
        return new RandomSplit(test, validation, true, seed, idColumn);
    }

    /** Hashed mode keyed by all of a row's cells (identical rows share a part, so duplicates never straddle train and test). */
    public RandomSplit hashedByRowContent() { return new RandomSplit(test, validation, true, seed, ROW_CONTENT); }

    /** Whether rows are placed by their key's hash (then {@link #split(Table)} needs the table, not just a row count). */
    public boolean isHashed() { return hashKey != null; }

    @Override public Split split(Table table) {
        if (hashKey == null) return split(table.rowCount());
        if (!shuffle) {
            throw dev.holdout.data.DataValidationException.param("shuffle", false, "a hashed split places rows by their key's hash, not by position",
                    "drop shuffle(false) or the hashed mode");
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("testSize", test.toString());
        if (validation != null) params.put("validationSize", validation.toString());
        params.put("hashKey", hashKey.equals(ROW_CONTENT) ? "(row content)" : hashKey);
        return HashAssign.split(table, hashedAssignment(), "hashedBy", "random", params);
    }

    /** The hashed mode's settings (for engines that place rows themselves); refused unless the split is hashed. */
    public HashedAssignment hashedAssignment() {
        if (hashKey == null) {
            throw dev.holdout.data.DataValidationException.param("assign", "sample", "only a hashed split places each row by its key alone",
                    "use hashedBy(idColumn) or hashedByRowContent() (CLI: --assign hash)");
        }
        return new HashedAssignment(hashKey.equals(ROW_CONTENT) ? null : hashKey, seed,
                KeyHash.fraction(test, "testSize"), KeyHash.fraction(validation, "validationSize"));
    }

    /** Splits row positions 0..n-1 (the table-free core, used by benchmarks). */
    public Split split(int n) {
        if (hashKey != null) {
            throw new IllegalStateException("a hashed split needs the rows' keys: call split(table)");
        }
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
                + (hashKey != null ? ", hashedBy=" + (hashKey.equals(ROW_CONTENT) ? "(row content)" : hashKey) : "")
                + ", shuffle=" + shuffle + (shuffle ? ", seed=" + seed : "") + ")";
    }
}
