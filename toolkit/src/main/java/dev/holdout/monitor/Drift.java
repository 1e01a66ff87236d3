package dev.holdout.monitor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;

/**
 * How far a feature's current distribution is from its baseline, by every measure the report shows. The
 * configured method's distance decides {@code baseline_drift_check}; PSI and Jensen–Shannon are given beside it.
 *
 * <ul>
 *   <li><b>Kolmogorov–Smirnov distance</b> (numeric): the largest gap between the two cumulative distributions,
 *       read from the two KLL sketches at every retained item. Its <b>p-value</b> is the two-sample KS test's, from
 *       the asymptotic Kolmogorov distribution with the effective sample size n·m/(n+m), n and m the present values
 *       of each side (commons-math3's {@code approximateP}).
 *   <li><b>L-infinity</b> (string): the largest absolute difference between the two frequency vectors (each value's
 *       share of the present values), over the values of both sides.
 *   <li><b>Chi-squared</b> (string, with {@code ChiSquared}): the test of homogeneity of the 2 × k table of counts
 *       (commons-math3); the distance is Cramér's V = sqrt(χ² / N), N all counts, in [0, 1].
 *   <li><b>Population stability index</b>: Σ (c − b) · ln(c / b) over bins, b and c the baseline's and the current
 *       shares, a share of 0 replaced by 0.0001. Bins: numeric — the baseline's 10 equal-width buckets plus one
 *       below its min and one above its max; string — every value of either side.
 *   <li><b>Jensen–Shannon distance</b>: the square root of the Jensen–Shannon divergence (base-2 logarithms) of the
 *       same bins' shares, in [0, 1]; no smoothing needed.
 * </ul>
 *
 * @param method    {@code KolmogorovSmirnov}, {@code LInfinity} or {@code ChiSquared}: what {@code distance} is
 * @param distance  the distance the check compares with the threshold; NaN when a side has no values
 * @param pValue    the test's p-value (KS for numeric features, chi-squared for string ones); NaN without values
 * @param bins      the bins' labels, with {@code baselineShares} and {@code currentShares} (for the report's chart)
 */
public record Drift(String method, double distance, double threshold, double pValue, double psi, double jensenShannon,
                    boolean drifted, String rule, List<String> bins, double[] baselineShares, double[] currentShares) {
    static final double PSI_FLOOR = 1e-4;
    static final double CONFIDENCE = 0.95;

    /** Numeric drift: KS on the sketches; Simple compares the distance, Robust also needs the KS test to reject. */
    static Drift numeric(NumericStatistics base, NumericStatistics cur, MonitorConfig c) {
        double d = base.sketch().ksDistance(cur.sketch());
        double p = Double.isNaN(d) ? Double.NaN : ksPValue(d, base.present(), cur.present());
        boolean robust = c.comparisonMethod() == MonitorConfig.ComparisonMethod.Robust;
        boolean drifted = d > c.comparisonThreshold() && (!robust || p < 1 - CONFIDENCE);
        String rule = robust ? "KS distance > " + c.comparisonThreshold() + " and KS test p < 0.05 (Robust)"
                : "KS distance > " + c.comparisonThreshold() + " (Simple)";
        // bins: below the baseline's min, its buckets, above its max
        List<NumericStatistics.Bucket> buckets = base.buckets();
        int k = buckets.size() + 2;
        double[] b = new double[k], s = new double[k];
        List<String> labels = new ArrayList<>();
        long nb = base.present(), nc = cur.present();
        if (nb > 0 && nc > 0) {
            labels.add("< " + tick(base.min()));
            s[0] = cur.sketch().rankBelow(base.min());
            for (int i = 0; i < buckets.size(); i++) {
                NumericStatistics.Bucket bk = buckets.get(i);
                boolean last = i == buckets.size() - 1;
                b[i + 1] = bk.count();
                long lo = cur.sketch().rankBelow(bk.lowerBound());
                long hi = last ? cur.sketch().rank(bk.upperBound(), true) : cur.sketch().rankBelow(bk.upperBound());
                s[i + 1] = hi - lo;
                labels.add("[" + tick(bk.lowerBound()) + ", " + tick(bk.upperBound()) + (last ? "]" : ")"));
            }
            s[k - 1] = nc - cur.sketch().rank(base.max(), true);
            labels.add("> " + tick(base.max()));
            for (int i = 0; i < k; i++) {
                b[i] /= nb;
                s[i] /= nc;
            }
        } else {
            labels.clear();
            b = new double[0];
            s = new double[0];
        }
        return new Drift("KolmogorovSmirnov", d, c.comparisonThreshold(), p, psi(b, s), jensenShannon(b, s), drifted && !Double.isNaN(d),
                rule, labels, b, s);
    }

    /** String drift by L-infinity or chi-squared over the union of the values. */
    static Drift categorical(StringStatistics base, StringStatistics cur, MonitorConfig c) {
        Map<String, long[]> cells = new LinkedHashMap<>();
        for (StringStatistics.CategoryCount v : base.buckets()) cells.computeIfAbsent(v.value(), x -> new long[2])[0] += v.count();
        String other = "(other values)";
        if (base.otherCount() > 0) cells.computeIfAbsent(other, x -> new long[2])[0] += base.otherCount();
        boolean capped = base.otherCount() > 0 || base.distinctEstimated();
        for (StringStatistics.CategoryCount v : cur.buckets()) {
            String key = cells.containsKey(v.value()) || !capped ? v.value() : other;
            cells.computeIfAbsent(key, x -> new long[2])[1] += v.count();
        }
        if (cur.otherCount() > 0) cells.computeIfAbsent(other, x -> new long[2])[1] += cur.otherCount();
        long nb = base.present(), nc = cur.present();
        List<String> labels = new ArrayList<>(cells.keySet());
        double[] b = new double[labels.size()], s = new double[labels.size()];
        long[] ob = new long[labels.size()], oc = new long[labels.size()];
        double linf = 0;
        for (int i = 0; i < labels.size(); i++) {
            long[] x = cells.get(labels.get(i));
            ob[i] = x[0];
            oc[i] = x[1];
            b[i] = nb == 0 ? 0 : (double) x[0] / nb;
            s[i] = nc == 0 ? 0 : (double) x[1] / nc;
            linf = Math.max(linf, Math.abs(b[i] - s[i]));
        }
        double chiP = chiSquaredPValue(ob, oc), v = cramersV(ob, oc);
        boolean empty = nb == 0 || nc == 0;
        double psi = empty ? Double.NaN : psi(b, s), js = empty ? Double.NaN : jensenShannon(b, s);
        if (c.categoricalDriftMethod() == MonitorConfig.CategoricalDriftMethod.ChiSquared) {
            double d = empty ? Double.NaN : v;
            return new Drift("ChiSquared", d, c.categoricalComparisonThreshold(), chiP, psi, js,
                    !empty && d > c.categoricalComparisonThreshold() && chiP < 1 - CONFIDENCE,
                    "Cramér's V > " + c.categoricalComparisonThreshold() + " and chi-squared p < 0.05", labels, b, s);
        }
        double d = empty ? Double.NaN : linf;
        return new Drift("LInfinity", d, c.categoricalComparisonThreshold(), chiP, psi, js, !empty && d > c.categoricalComparisonThreshold(),
                "L-infinity > " + c.categoricalComparisonThreshold(), labels, b, s);
    }

    /** The two-sample KS test's p-value for distance d between samples of n and m values. */
    static double ksPValue(double d, long n, long m) {
        if (n == 0 || m == 0) return Double.NaN;
        // approximateP takes ints; beyond them the effective size n·m/(n+m) is what matters, and it is kept
        long big = Integer.MAX_VALUE / 2;
        double scale = Math.max(1.0, Math.max(n, m) / (double) big);
        int ni = (int) Math.max(1, Math.round(n / scale)), mi = (int) Math.max(1, Math.round(m / scale));
        double p = new KolmogorovSmirnovTest().approximateP(d, ni, mi);
        return Math.max(0, Math.min(1, p));
    }

    /** The chi-squared test of homogeneity's p-value; 1 when fewer than two values occur. */
    static double chiSquaredPValue(long[] a, long[] b) {
        long[][] t = nonEmpty(a, b);
        if (t == null) return 1.0;
        return new ChiSquareTest().chiSquareTestDataSetsComparison(t[0], t[1]);
    }

    /** Cramér's V of the 2 × k table: sqrt(χ² / N). */
    static double cramersV(long[] a, long[] b) {
        long[][] t = nonEmpty(a, b);
        if (t == null) return 0;
        double chi = new ChiSquareTest().chiSquareDataSetsComparison(t[0], t[1]);
        long total = 0;
        for (int i = 0; i < t[0].length; i++) total += t[0][i] + t[1][i];
        return Math.sqrt(chi / total);
    }

    /** The columns of the table that are not empty on both sides; null when the test cannot run. */
    private static long[][] nonEmpty(long[] a, long[] b) {
        long sa = 0, sb = 0;
        int k = 0;
        for (int i = 0; i < a.length; i++) {
            sa += a[i];
            sb += b[i];
            if (a[i] + b[i] > 0) k++;
        }
        if (k < 2 || sa == 0 || sb == 0) return null;
        long[][] t = new long[2][k];
        int j = 0;
        for (int i = 0; i < a.length; i++) {
            if (a[i] + b[i] == 0) continue;
            t[0][j] = a[i];
            t[1][j++] = b[i];
        }
        return t;
    }

    /** Population stability index of two share vectors; shares of 0 count as {@link #PSI_FLOOR}. */
    static double psi(double[] b, double[] c) {
        if (b.length == 0) return Double.NaN;
        double s = 0;
        for (int i = 0; i < b.length; i++) {
            double x = Math.max(b[i], PSI_FLOOR), y = Math.max(c[i], PSI_FLOOR);
            if (b[i] == 0 && c[i] == 0) continue;
            s += (y - x) * Math.log(y / x);
        }
        return s;
    }

    /** Jensen–Shannon distance (base 2) of two share vectors, in [0, 1]. */
    static double jensenShannon(double[] p, double[] q) {
        if (p.length == 0) return Double.NaN;
        double d = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            if (p[i] > 0) d += 0.5 * p[i] * Math.log(p[i] / m);
            if (q[i] > 0) d += 0.5 * q[i] * Math.log(q[i] / m);
        }
        return Math.sqrt(Math.max(0, d / Math.log(2)));
    }

    /** A bucket edge as a chart tick: four significant digits, no exponent for ordinary magnitudes. */
    static String tick(double v) {
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e6 || a < 1e-3) return String.format(java.util.Locale.ROOT, "%.3g", v);
        java.math.BigDecimal d = new java.math.BigDecimal(v).round(new java.math.MathContext(4));
        return d.stripTrailingZeros().toPlainString();
    }
}
