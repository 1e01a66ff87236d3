package dev.holdout.monitor;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.holdout.data.SeededRandom;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Profiles of parts, merged (and shipped as bytes), are the profile of the whole. */
class ProfilerMergeTest {
    private static final List<String> NAMES = List.of("x", "n", "s");
    private static final List<FeatureType> TYPES = List.of(FeatureType.Fractional, FeatureType.Integral, FeatureType.String);

    private static void add(Profiler p, double[] x, double[] n, String[] s, int from, int to) {
        int len = to - from;
        p.addNumbers(0, java.util.Arrays.copyOfRange(x, from, to), len, 0);
        p.addNumbers(1, java.util.Arrays.copyOfRange(n, from, to), len, 0);
        p.addStrings(2, java.util.Arrays.copyOfRange(s, from, to), len);
        p.addRows(len);
    }

    @Test void mergedPartsAreTheWhole() {
        int rows = 1800;
        SeededRandom r = new SeededRandom(4);
        double[] x = new double[rows], n = new double[rows];
        String[] s = new String[rows];
        for (int i = 0; i < rows; i++) {
            x[i] = i % 97 == 0 ? Double.NaN : 1e6 + r.nextDouble() * 10;   // far from 0: the shifted sums must be re-shifted
            n[i] = i % 13;
            s[i] = i % 50 == 0 ? null : "c" + (i % 7);
        }
        Profiler whole = Profiler.of(NAMES, TYPES);
        add(whole, x, n, s, 0, rows);
        Profiler a = Profiler.of(NAMES, TYPES), b = Profiler.of(NAMES, TYPES), c = Profiler.of(NAMES, TYPES);
        add(a, x, n, s, 0, 500);
        add(b, x, n, s, 500, 1300);
        add(c, x, n, s, 1300, rows);
        Profiler merged = Profiler.fromBytes(a.toBytes()).merge(Profiler.fromBytes(b.toBytes())).merge(Profiler.fromBytes(Profiler.of(NAMES, TYPES).merge(c).toBytes()));
        Statistics w = whole.finish(), m = merged.finish();
        assertEquals(w.itemCount(), m.itemCount());
        NumericStatistics wx = (NumericStatistics) w.feature("x"), mx = (NumericStatistics) m.feature("x");
        assertEquals(wx.present(), mx.present());
        assertEquals(wx.missing(), mx.missing());
        assertEquals(wx.mean(), mx.mean(), 1e-9);
        assertEquals(wx.stdDev(), mx.stdDev(), 1e-9 * wx.stdDev());
        assertEquals(wx.min(), mx.min());
        assertEquals(wx.max(), mx.max());
        // fewer values than KLL's k: the sketches keep every value, so the buckets are identical
        assertEquals(wx.buckets(), mx.buckets());
        assertEquals(w.feature("s"), m.feature("s"));
        assertEquals(w.feature("n").type(), m.feature("n").type());
    }
}
