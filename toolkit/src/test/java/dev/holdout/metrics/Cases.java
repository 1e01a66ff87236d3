package dev.holdout.metrics;

import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** Generated classification inputs: truth and prediction codes in [0, k), scores in [0, 1], integer weights. */
final class Cases {
    private Cases() {}

    record Row(int truth, int predicted, double score, int count) {}

    /** One generated data set; {@code counts} are integer weights (at least one is positive). */
    record Case(int k, int[] truth, int[] predicted, double[] score, int[] counts) {
        double[] weights() {
            double[] w = new double[counts.length];
            for (int i = 0; i < w.length; i++) w[i] = counts[i];
            return w;
        }

        int n() { return truth.length; }

        @Override public String toString() {
            return "Case[k=" + k + ", truth=" + java.util.Arrays.toString(truth) + ", predicted="
                    + java.util.Arrays.toString(predicted) + ", score=" + java.util.Arrays.toString(score)
                    + ", counts=" + java.util.Arrays.toString(counts) + "]";
        }
    }

    static Case of(int k, List<Row> rows) {
        int n = rows.size();
        int[] t = new int[n], p = new int[n], c = new int[n];
        double[] s = new double[n];
        boolean anyWeight = false;
        for (int i = 0; i < n; i++) {
            Row r = rows.get(i);
            t[i] = r.truth();
            p[i] = r.predicted();
            s[i] = r.score();
            c[i] = r.count();
            anyWeight |= c[i] > 0;
        }
        if (!anyWeight) c[0] = 1;
        return new Case(k, t, p, s, c);
    }

    /** k in [minK, maxK]; scores often tied (a coarse grid) and sometimes continuous. */
    static Arbitrary<Case> cases(int minK, int maxK, int maxRows) {
        return Arbitraries.integers().between(minK, maxK).flatMap(k -> {
            Arbitrary<Integer> cls = Arbitraries.integers().between(0, k - 1);
            Arbitrary<Double> score = Arbitraries.oneOf(Arbitraries.of(0.0, 0.25, 0.5, 0.75, 1.0),
                    Arbitraries.doubles().between(0, 1));
            Arbitrary<Integer> count = Arbitraries.integers().between(0, 3);
            return Combinators.combine(cls, cls, score, count).as(Row::new).list().ofMinSize(1).ofMaxSize(maxRows)
                    .map(rows -> of(k, rows));
        });
    }
}
