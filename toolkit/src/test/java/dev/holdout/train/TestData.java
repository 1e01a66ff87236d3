package dev.holdout.train;

import dev.holdout.data.SeededRandom;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.Table;

/** Small seeded tables for training tests (a few hundred rows keep XGBoost fast). */
final class TestData {
    private TestData() {}

    /** Binary label y from a noisy linear rule over x0..x{p-1}; noise makes later rounds overfit. */
    static Table binary(String name, int n, int p, long seed) {
        SeededRandom rnd = new SeededRandom(seed);
        double[][] x = new double[p][n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int j = 0; j < p; j++) {
                x[j][i] = rnd.nextGaussian();
                s += (j == 0 ? 1.0 : j == 1 ? -0.7 : 0.1) * x[j][i];
            }
            y[i] = s + 0.8 * rnd.nextGaussian() > 0 ? 1 : 0;
        }
        Table t = Table.create(name);
        for (int j = 0; j < p; j++) t.addColumns(DoubleColumn.create("x" + j, x[j]));
        t.addColumns(IntColumn.create("y", y));
        return t;
    }

    /** Regression target y = 2 x0 - x1 + noise. */
    static Table regression(String name, int n, long seed) {
        SeededRandom rnd = new SeededRandom(seed);
        double[] a = new double[n], b = new double[n], y = new double[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            y[i] = 2 * a[i] - b[i] + 0.3 * rnd.nextGaussian();
        }
        return Table.create(name, DoubleColumn.create("x0", a), DoubleColumn.create("x1", b), DoubleColumn.create("y", y));
    }

    /** Three classes 0,1,2 by x0 terciles with noise. */
    static Table multiclass(String name, int n, long seed) {
        SeededRandom rnd = new SeededRandom(seed);
        double[] a = new double[n], b = new double[n];
        int[] y = new int[n];
        for (int i = 0; i < n; i++) {
            a[i] = rnd.nextGaussian();
            b[i] = rnd.nextGaussian();
            double s = a[i] + 0.3 * rnd.nextGaussian();
            y[i] = s < -0.43 ? 0 : s < 0.43 ? 1 : 2;
        }
        return Table.create(name, DoubleColumn.create("x0", a), DoubleColumn.create("x1", b), IntColumn.create("y", y));
    }
}
