package dev.holdout.testkit;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/**
 * jqwik arbitraries of {@link LabelledPredictions}: binary and multiclass cases, coarse scores (many ties), whole-number
 * weights (so weights-as-repeats can be checked), and the degenerate cases metrics get wrong — one row, one class only,
 * nothing predicted positive, every prediction right or wrong. Rows shrink towards fewer rows and class 0, so a failing
 * case shrinks to a small one.
 *
 * <pre>{@code
 * @Provide Arbitrary<LabelledPredictions> cases() { return Predictions.binary().withTies().ofSize(1, 50); }
 * }</pre>
 */
public final class Predictions {
    private final int classes;
    private final int minRows, maxRows;
    private final int scoreLevels;   // 0: continuous scores
    private final boolean weighted;
    private final boolean degenerate;

    private Predictions(int classes, int minRows, int maxRows, int scoreLevels, boolean weighted, boolean degenerate) {
        if (classes < 2) throw new IllegalArgumentException("classes must be >= 2: " + classes);
        if (minRows < 1 || maxRows < minRows) throw new IllegalArgumentException("rows must be 1 <= min <= max: " + minRows + ".." + maxRows);
        this.classes = classes;
        this.minRows = minRows;
        this.maxRows = maxRows;
        this.scoreLevels = scoreLevels;
        this.weighted = weighted;
        this.degenerate = degenerate;
    }

    /** Two classes, 1 to 60 rows, continuous scores, unweighted, degenerate cases mixed in. */
    public static Predictions binary() { return new Predictions(2, 1, 60, 0, false, true); }

    /** {@code classes} classes. */
    public static Predictions multiclass(int classes) { return new Predictions(classes, 1, 60, 0, false, true); }

    public Predictions ofSize(int min, int max) { return new Predictions(classes, min, max, scoreLevels, weighted, degenerate); }

    /** Scores on a grid of 10 levels, so ties within and across the classes are common. */
    public Predictions withTies() { return new Predictions(classes, minRows, maxRows, 10, weighted, degenerate); }

    /** Whole-number weights 0 .. 3 (at least one positive). */
    public Predictions weighted() { return new Predictions(classes, minRows, maxRows, scoreLevels, true, degenerate); }

    /** Leave the degenerate cases out (when the metric is undefined on them and you test that separately). */
    public Predictions withoutDegenerateCases() { return new Predictions(classes, minRows, maxRows, scoreLevels, weighted, false); }

    /** The arbitrary. */
    public Arbitrary<LabelledPredictions> arbitrary() {
        Arbitrary<Integer> codes = Arbitraries.integers().between(0, classes - 1);
        Arbitrary<Double> scores = scoreLevels > 0
                ? Arbitraries.integers().between(0, scoreLevels).map(i -> (double) i / scoreLevels)
                : Arbitraries.doubles().between(0, 1);
        Arbitrary<Double> weights = Arbitraries.integers().between(0, 3).map(i -> (double) i);
        // a list of rows (not arrays of a size chosen first), so jqwik shrinks the row count as well as the values
        Arbitrary<double[]> row = Combinators.combine(codes, codes, scores, weighted ? weights : Arbitraries.just(1.0))
                .as((t, p, s, w) -> new double[] {t, p, s, w});
        Arbitrary<LabelledPredictions> general = row.list().ofMinSize(minRows).ofMaxSize(maxRows).map(rows -> {
            int n = rows.size();
            int[] t = new int[n], p = new int[n];
            double[] s = new double[n], w = weighted ? new double[n] : null;
            for (int i = 0; i < n; i++) {
                double[] r = rows.get(i);
                t[i] = (int) r[0];
                p[i] = (int) r[1];
                s[i] = r[2];
                if (w != null) w[i] = r[3];
            }
            return new LabelledPredictions(t, p, s, fixWeights(w), classes);
        });
        if (!degenerate) return general;
        Arbitrary<LabelledPredictions> special = Arbitraries.integers().between(minRows, Math.max(minRows, Math.min(maxRows, 12))).flatMap(n ->
                Arbitraries.of(Degenerate.values()).map(d -> d.make(n, classes, weighted)));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, general), net.jqwik.api.Tuple.of(1, special));
    }

    private static double[] fixWeights(double[] w) {
        if (w == null) return null;
        double sum = 0;
        for (double v : w) sum += v;
        if (sum == 0) w[0] = 1;   // at least one row counts
        return w;
    }

    /** The degenerate shapes. */
    enum Degenerate {
        ONE_CLASS_ONLY, NOTHING_PREDICTED_POSITIVE, ALL_RIGHT, ALL_WRONG, CONSTANT_SCORE;

        LabelledPredictions make(int n, int classes, boolean weighted) {
            int[] t = new int[n], p = new int[n];
            double[] s = new double[n];
            for (int i = 0; i < n; i++) {
                switch (this) {
                    case ONE_CLASS_ONLY -> { t[i] = 1; p[i] = i % 2; s[i] = 0.5; }
                    case NOTHING_PREDICTED_POSITIVE -> { t[i] = i % 2; p[i] = 0; s[i] = 0.1; }
                    case ALL_RIGHT -> { t[i] = i % classes; p[i] = t[i]; s[i] = t[i] == 1 ? 0.9 : 0.1; }
                    case ALL_WRONG -> { t[i] = i % classes; p[i] = (t[i] + 1) % classes; s[i] = t[i] == 1 ? 0.1 : 0.9; }
                    case CONSTANT_SCORE -> { t[i] = i % 2; p[i] = 1; s[i] = 0.5; }
                    default -> throw new AssertionError(this);
                }
            }
            double[] w = null;
            if (weighted) {
                w = new double[n];
                java.util.Arrays.fill(w, 1);
            }
            return new LabelledPredictions(t, p, s, w, classes);
        }
    }
}
