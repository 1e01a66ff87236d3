package dev.holdout.monitor;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.JsonFields;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantilesDoublesSketchIterator;

/**
 * A KLL quantile sketch as {@code statistics.json} stores it ({@code distribution.kll.sketch}): Model
 * Monitor's shape, {@code {"parameters": {"c": 2/3, "k": 2048}, "data": [[level 0], [level 1], ...]}}, where
 * every item of level h stands for 2^h values. It is built by Apache DataSketches' {@code KllDoublesSketch}
 * (k = 2048, as Model Monitor's; the sketch's normalized rank error is about 0.2% with 99% confidence) and
 * written out level by level, so a later run compares distributions against it without the baseline's data.
 * The cumulative distribution it gives is exactly the sketch's.
 *
 * <pre>{@code
 * QuantileSketch s = QuantileSketch.of(kll);
 * s.count();                         // the values it summarises (the sum of the weights)
 * s.rankBelow(10.0);                 // how many of them are < 10 (estimated)
 * s.ksDistance(other);               // the largest gap between the two cumulative distributions
 * }</pre>
 */
public final class QuantileSketch {
    /** KLL's k: 2048 as in Model Monitor's files; the rank error is about 1.65/k^0.94 (0.2 %). */
    public static final int K = 2048;
    /** KLL's compaction ratio c: DataSketches' KLL shrinks each level's capacity by 2/3. */
    static final double C = 2.0 / 3.0;

    private final int k;
    private final double[][] levels;
    /** Items sorted, and the total weight of the items up to each (inclusive). */
    private final double[] sorted;
    private final long[] cumulative;

    private QuantileSketch(int k, double[][] levels) {
        this.k = k;
        this.levels = levels;
        // each level is sorted: merge them one by one into the sorted items with their weights
        double[] items = new double[0];
        long[] weights = new long[0];
        for (int h = 0; h < levels.length; h++) {
            double[] l = levels[h].clone();
            Arrays.sort(l);
            double[] mi = new double[items.length + l.length];
            long[] mw = new long[mi.length];
            int a = 0, b = 0, o = 0;
            while (a < items.length || b < l.length) {
                if (b >= l.length || (a < items.length && items[a] <= l[b])) {
                    mi[o] = items[a];
                    mw[o++] = weights[a++];
                } else {
                    mi[o] = l[b++];
                    mw[o++] = 1L << h;
                }
            }
            items = mi;
            weights = mw;
        }
        sorted = items;
        cumulative = new long[items.length];
        long sum = 0;
        for (int i = 0; i < items.length; i++) {
            sum += weights[i];
            cumulative[i] = sum;
        }
    }

    /** A new, empty DataSketches sketch with this project's k. */
    static KllDoublesSketch newKll() { return KllDoublesSketch.newHeapInstance(K); }

    /** The retained items of a DataSketches sketch, level by level. */
    public static QuantileSketch of(KllDoublesSketch kll) {
        List<List<Double>> byLevel = new ArrayList<>();
        if (!kll.isEmpty()) {
            QuantilesDoublesSketchIterator it = kll.iterator();
            while (it.next()) {
                int h = 63 - Long.numberOfLeadingZeros(it.getWeight());
                while (byLevel.size() <= h) byLevel.add(new ArrayList<>());
                byLevel.get(h).add(it.getQuantile());
            }
        }
        double[][] levels = new double[byLevel.size()][];
        for (int h = 0; h < levels.length; h++) {
            List<Double> l = byLevel.get(h);
            levels[h] = new double[l.size()];
            for (int i = 0; i < l.size(); i++) levels[h][i] = l.get(i);
            Arrays.sort(levels[h]);
        }
        return new QuantileSketch(kll.getK(), levels);
    }

    /** The values summarised. */
    public long count() { return cumulative.length == 0 ? 0 : cumulative[cumulative.length - 1]; }

    /** How many of the summarised values are below {@code x} ({@code strict}) or at most {@code x}. */
    public long rank(double x, boolean inclusive) {
        int i = inclusive ? upper(x) : lower(x);
        return i == 0 ? 0 : cumulative[i - 1];
    }

    /** How many values are strictly below {@code x}. */
    public long rankBelow(double x) { return rank(x, false); }

    /** The fraction of values at most {@code x}. */
    public double cdf(double x) {
        long n = count();
        return n == 0 ? Double.NaN : (double) rank(x, true) / n;
    }

    /** The smallest retained item whose cumulative fraction reaches {@code q}, in [0, 1]. */
    public double quantile(double q) {
        if (sorted.length == 0) return Double.NaN;
        long target = (long) Math.ceil(q * count());
        for (int i = 0; i < sorted.length; i++) if (cumulative[i] >= target) return sorted[i];
        return sorted[sorted.length - 1];
    }

    /** The number of items before the first item > x. */
    private int upper(double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] <= x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /** The number of items before the first item >= x. */
    private int lower(double x) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < x) lo = mid + 1; else hi = mid;
        }
        return lo;
    }

    /**
     * The Kolmogorov–Smirnov distance: the largest absolute difference between the two cumulative
     * distributions, taken at every item of both sketches (where the step functions jump). 0 for identical
     * distributions, 1 for disjoint ones; NaN when either is empty.
     */
    public double ksDistance(QuantileSketch other) {
        if (count() == 0 || other.count() == 0) return Double.NaN;
        double n1 = count(), n2 = other.count();
        int i = 0, j = 0;
        double d = 0;
        while (i < sorted.length || j < other.sorted.length) {
            double x = j >= other.sorted.length || (i < sorted.length && sorted[i] <= other.sorted[j]) ? sorted[i] : other.sorted[j];
            while (i < sorted.length && sorted[i] <= x) i++;
            while (j < other.sorted.length && other.sorted[j] <= x) j++;
            double f1 = i == 0 ? 0 : cumulative[i - 1] / n1;
            double f2 = j == 0 ? 0 : other.cumulative[j - 1] / n2;
            d = Math.max(d, Math.abs(f1 - f2));
        }
        return d;
    }

    /** Model Monitor's {@code sketch} object. */
    Map<String, Object> toJson() {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("c", C);
        p.put("k", k);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parameters", p);
        m.put("data", levels);
        return m;
    }

    /** Reads a {@code sketch} object written by {@link #toJson} (strictly). */
    static QuantileSketch read(JsonFields f) {
        f.allow("parameters", "data");
        JsonFields p = f.object("parameters").allow("c", "k");
        double c = p.doubleValue("c");
        if (!(c > 0 && c < 1)) throw DataValidationException.param(p.param("c"), c, "must be in (0, 1)", "keep the value the baseline wrote");
        int k = p.intValue("k");
        if (k < 8 || k > 65_535) throw DataValidationException.param(p.param("k"), k, "must be in [8, 65535] (KLL's k)", "keep the value the baseline wrote");
        JsonNode data = f.get("data");
        if (data == null || !data.isArray()) throw JsonFields.wrongType(f.param("data"), data, "a list of levels, each a list of numbers", "[[1.5, 2.0], [3.25]]");
        if (data.size() > 62) throw DataValidationException.param(f.param("data"), data.size() + " levels", "a sketch has at most 62 levels", "keep the data the baseline wrote");
        double[][] levels = new double[data.size()][];
        for (int h = 0; h < levels.length; h++) {
            JsonNode l = data.get(h);
            String where = f.param("data") + "[" + h + "]";
            if (!l.isArray()) throw JsonFields.wrongType(where, l, "a list of numbers", "[1.5, 2.0]");
            levels[h] = new double[l.size()];
            for (int i = 0; i < l.size(); i++) {
                JsonNode v = l.get(i);
                java.math.BigDecimal d = v.isNumber() ? JsonFields.decimal(v) : null;
                if (d == null || !Double.isFinite(d.doubleValue())) {
                    throw JsonFields.wrongType(where + "[" + i + "]", v, "a finite number", "1.5");
                }
                levels[h][i] = d.doubleValue();
            }
        }
        return new QuantileSketch(k, levels);
    }

    @Override public String toString() {
        return "QuantileSketch[k=" + k + ", " + count() + " values, " + sorted.length + " items in " + levels.length + " levels]";
    }
}
