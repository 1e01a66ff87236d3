package dev.holdout.split;

import dev.holdout.data.Target;
import dev.holdout.data.SeededRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A random split that keeps each class's share: every class's count in every part is within one row
 * of its exact share ({@code classCount · partSize / n}), and the part sizes follow the same rule as
 * {@link RandomSplit}. Achieved by controlled rounding (an integral flow), so it holds for train too,
 * not only for test; scikit-learn's {@code StratifiedShuffleSplit} only approximates this.
 *
 * <pre>{@code
 * Split s = StratifiedSplit.on("damage").test(0.2).seed(1).split(birdstrikes);
 * // 1061 of 10000 positive -> 212 or 213 positives in test (2000 rows)
 * }</pre>
 */
public final class StratifiedSplit implements Splitter {
    private final String label;
    private final PartSize test;
    private final PartSize validation;
    private final long seed;

    private StratifiedSplit(String label, PartSize test, PartSize validation, long seed) {
        this.label = label;
        this.test = test;
        this.validation = validation;
        this.seed = seed;
    }

    /** Stratifies on {@code label}; default test size 0.25 and seed {@link RandomSplit#DEFAULT_SEED}. */
    public static StratifiedSplit on(String label) {
        return new StratifiedSplit(label, PartSize.fraction(0.25), null, RandomSplit.DEFAULT_SEED);
    }

    public StratifiedSplit test(PartSize size) { return new StratifiedSplit(label, size, validation, seed); }

    /** The test part as a fraction, in (0, 1). */
    public StratifiedSplit test(double fraction) { return test(PartSize.fraction(fraction, "test")); }

    /** The test part as a count, at least 1. */
    public StratifiedSplit test(int count) { return test(PartSize.count(count, "test")); }

    public StratifiedSplit validation(PartSize size) { return new StratifiedSplit(label, test, size, seed); }

    /** The validation part as a fraction, in (0, 1). */
    public StratifiedSplit validation(double fraction) { return validation(PartSize.fraction(fraction, "validation")); }

    /** The validation part as a count, at least 1. */
    public StratifiedSplit validation(int count) { return validation(PartSize.count(count, "validation")); }

    public StratifiedSplit seed(long s) { return new StratifiedSplit(label, test, validation, s); }

    @Override public Split split(Table table) {
        Target labels = Target.of(table, label, "label");
        return split(labels.codes(), labels.classes());
    }

    /** Splits rows by their class codes in [0, k) (the table-free core, used by benchmarks). */
    public Split split(int[] classOf, int k) {
        int n = classOf.length;
        int[] sizes = Sizes.resolve(n, test, validation, "samples");
        int[] counts = new int[k];
        for (int c : classOf) counts[c]++;
        SeededRandom rng = new SeededRandom(seed);
        int[][] cells = Assign.proportional(counts, sizes, rng);
        // Per class, sequential selection sampling (see RandomSplit): one pass in row order.
        int[] left = counts.clone();
        int[] needTest = new int[k], needVal = new int[k];
        for (int c = 0; c < k; c++) {
            needTest[c] = cells[c][2];
            needVal[c] = cells[c][1];
        }
        byte[] part = new byte[n];
        for (int i = 0; i < n; i++) {
            int c = classOf[i];
            int r = rng.nextInt(left[c]--);
            if (r < needTest[c]) {
                part[i] = Assign.TEST;
                needTest[c]--;
            } else if (r < needTest[c] + needVal[c]) {
                part[i] = Assign.VALIDATION;
                needVal[c]--;
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("label", label);
        params.put("testSize", test.toString());
        if (validation != null) params.put("validationSize", validation.toString());
        return Assign.fromCodes(part, new SplitProvenance("stratified", params, seed, n));
    }
}
