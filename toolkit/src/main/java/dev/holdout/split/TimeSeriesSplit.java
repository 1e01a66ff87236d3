package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Walk-forward cross-validation over time, with scikit-learn's {@code TimeSeriesSplit} arithmetic
 * applied to <em>distinct instants</em> instead of rows: rows that share a timestamp are never on both
 * sides of a fold (scikit-learn's row-based split can put equal timestamps in train and test).
 *
 * <p>With {@code m} distinct instants and {@code k} splits: {@code testSize = m / (k+1)} instants unless
 * given; fold {@code i}'s test instants start at {@code m - (k-i)·testSize}; train is every earlier
 * instant up to {@code gap} instants before the test (expanding window), or only the last
 * {@code maxTrainSize} of them (rolling window). Without a time column, each row is its own instant
 * in table order.
 *
 * <pre>{@code
 * Folds f = TimeSeriesSplit.of(5).time("date").gap(7).split(weather);         // expanding
 * Folds r = TimeSeriesSplit.of(5).time("date").maxTrainSize(365).split(weather); // rolling, one year
 * }</pre>
 */
public final class TimeSeriesSplit implements CrossValidator {
    private final int k;
    private final String time;
    private final int gap;
    private final int testSize;
    private final int maxTrainSize;
    private final MissingTimePolicy missing;

    private TimeSeriesSplit(int k, String time, int gap, int testSize, int maxTrainSize, MissingTimePolicy missing) {
        if (k < 2) {
            throw DataValidationException.param("folds", k, "time-series cross-validation needs at least 2 splits", "pass 2 or more");
        }
        if (gap < 0) throw DataValidationException.param("gap", gap, "must be >= 0", "pass 0 or a positive number of instants");
        if (testSize < 0) throw DataValidationException.param("testSize", testSize, "must be >= 1", "pass a positive count of instants");
        if (maxTrainSize < 0) throw DataValidationException.param("maxTrainSize", maxTrainSize, "must be >= 1", "pass a positive count");
        this.k = k;
        this.time = time;
        this.gap = gap;
        this.testSize = testSize;
        this.maxTrainSize = maxTrainSize;
        this.missing = missing;
    }

    public static TimeSeriesSplit of(int k) { return new TimeSeriesSplit(k, null, 0, 0, 0, MissingTimePolicy.ERROR); }

    /** Orders rows by this column; without it, rows are in table order, one instant each. */
    public TimeSeriesSplit time(String column) { return new TimeSeriesSplit(k, column, gap, testSize, maxTrainSize, missing); }

    /** Distinct instants left out between the end of train and the start of test. */
    public TimeSeriesSplit gap(int instants) { return new TimeSeriesSplit(k, time, instants, testSize, maxTrainSize, missing); }

    /** Distinct instants in each test fold (default {@code m / (k+1)}). */
    public TimeSeriesSplit test(int instants) {
        if (instants < 1) throw DataValidationException.param("testSize", instants, "must be >= 1", "pass a positive count of instants");
        return new TimeSeriesSplit(k, time, gap, instants, maxTrainSize, missing);
    }

    /** A rolling window: train on at most this many of the latest instants. */
    public TimeSeriesSplit maxTrainSize(int instants) {
        if (instants < 1) throw DataValidationException.param("maxTrainSize", instants, "must be >= 1", "pass a positive count");
        return new TimeSeriesSplit(k, time, gap, testSize, instants, missing);
    }

    public TimeSeriesSplit missingTimes(MissingTimePolicy policy) {
        return new TimeSeriesSplit(k, time, gap, testSize, maxTrainSize, policy);
    }

    @Override public Folds split(Table table) {
        int n = table.rowCount();
        long[] keys;
        if (time == null) {
            keys = new long[n];
            for (int i = 0; i < n; i++) keys[i] = i;
        } else {
            keys = TimeKeys.of(table, time).keys;
        }
        return split(keys, table.name());
    }

    /** Splits by time keys ({@link Long#MIN_VALUE} = missing). */
    public Folds split(long[] keys) { return split(keys, "keys"); }

    private Folds split(long[] keys, String tableName) {
        int n = keys.length;
        List<String> warnings = new ArrayList<>();
        Instants instants = Instants.of(keys, missing, tableName, time);
        int missingCount = instants.missing;
        int m = instants.count();
        int folds = k + 1;
        if (folds > m) {
            throw DataValidationException.param("folds", k, "cannot have number of folds=" + folds + " greater than the number of distinct instants="
                    + m, "use fewer splits");
        }
        int ts = testSize > 0 ? testSize : m / folds;
        if (m - gap - (long) ts * k <= 0) {
            throw DataValidationException.param("folds", k, "too many splits=" + k + " for number of distinct instants=" + m + " with testSize="
                    + ts + " and gap=" + gap, "use fewer splits, a smaller testSize or a smaller gap");
        }
        int[] instantOf = instants.of;
        List<Fold> out = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            int testStart = m - (k - f) * ts;
            int trainEnd = testStart - gap;
            int trainStart = maxTrainSize > 0 && maxTrainSize < trainEnd ? trainEnd - maxTrainSize : 0;
            int nTrain = 0, nTest = 0;
            for (int inst : instantOf) {
                if (inst >= trainStart && inst < trainEnd) nTrain++;
                else if (inst >= testStart && inst < testStart + ts) nTest++;
            }
            int[] train = new int[nTrain], test = new int[nTest];
            int a = 0, b = 0;
            for (int i = 0; i < n; i++) {
                int inst = instantOf[i];
                if (inst >= trainStart && inst < trainEnd) train[a++] = i;
                else if (inst >= testStart && inst < testStart + ts) test[b++] = i;
            }
            out.add(new Fold(f + 1, RowIndices.adoptSorted(train), RowIndices.adoptSorted(test)));
        }
        if (missingCount > 0) warnings.add(missingCount + " rows with a missing time were left out (policy drop)");
        Map<String, String> params = new LinkedHashMap<>();
        if (time != null) params.put("time", time);
        params.put("folds", Integer.toString(k));
        params.put("testSize", Integer.toString(ts));
        params.put("gap", Integer.toString(gap));
        params.put("window", maxTrainSize > 0 ? "rolling(" + maxTrainSize + ")" : "expanding");
        params.put("instants", Integer.toString(m));
        return new Folds(out, new SplitProvenance("time-series", params, null, n, warnings));
    }
}
