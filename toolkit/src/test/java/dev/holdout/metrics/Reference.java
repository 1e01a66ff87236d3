package dev.holdout.metrics;

import java.util.Arrays;
import java.util.TreeSet;

/**
 * Plain, obviously-correct reference implementations, written independently of the production code
 * (pair counting, per-threshold scans, one-hot covariances, expanded rows). Slow on purpose.
 */
final class Reference {
    private Reference() {}

    static double w(double[] weights, int i) {
        return weights == null ? 1.0 : weights[i];
    }

    static double accuracy(int[] t, int[] p, double[] wt) {
        double ok = 0, all = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == p[i]) ok += w(wt, i);
            all += w(wt, i);
        }
        return ok / all;
    }

    /** Per-class (precision, recall, f-beta) as sklearn's precision_recall_fscore_support, zero_division applied. */
    static double[] prf(int[] t, int[] p, double[] wt, int label, double beta, double zd) {
        double tp = 0, predicted = 0, actual = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == label && p[i] == label) tp += w(wt, i);
            if (p[i] == label) predicted += w(wt, i);
            if (t[i] == label) actual += w(wt, i);
        }
        double prec = predicted == 0 ? zd : tp / predicted;
        double rec = actual == 0 ? zd : tp / actual;
        double b2 = beta * beta;
        double fn = actual - tp, fp = predicted - tp;
        double f = tp + fn + fp == 0 ? zd : (1 + b2) * tp / ((1 + b2) * tp + b2 * fn + fp);
        return new double[] {prec, rec, f, actual};
    }

    /** Labels of rows with positive weight, sorted. */
    static int[] presentLabels(int[] t, int[] p, double[] wt) {
        TreeSet<Integer> s = new TreeSet<>();
        for (int i = 0; i < t.length; i++) {
            if (w(wt, i) > 0) {
                s.add(t[i]);
                s.add(p[i]);
            }
        }
        return s.stream().mapToInt(Integer::intValue).toArray();
    }

    /** which: 0 precision, 1 recall, 2 F. */
    static double averaged(int[] t, int[] p, double[] wt, Average avg, int positive, double beta, double zd, int which) {
        if (avg == Average.BINARY) return prf(t, p, wt, positive, beta, zd)[which];
        int[] labels = presentLabels(t, p, wt);
        if (avg == Average.MICRO) {
            double tp = 0, predicted = 0, actual = 0;
            for (int label : labels) {
                for (int i = 0; i < t.length; i++) {
                    if (t[i] == label && p[i] == label) tp += w(wt, i);
                    if (p[i] == label) predicted += w(wt, i);
                    if (t[i] == label) actual += w(wt, i);
                }
            }
            double prec = predicted == 0 ? zd : tp / predicted;
            double rec = actual == 0 ? zd : tp / actual;
            double b2 = beta * beta;
            double f = (1 + b2) * tp / ((1 + b2) * tp + b2 * (actual - tp) + (predicted - tp));
            return new double[] {prec, rec, f}[which];
        }
        double sum = 0, norm = 0;
        for (int label : labels) {
            double[] r = prf(t, p, wt, label, beta, zd);
            if (Double.isNaN(r[which])) continue;
            double weight = avg == Average.WEIGHTED ? r[3] : 1;
            sum += weight * r[which];
            norm += weight;
        }
        return norm == 0 ? zd : sum / norm;
    }

    static double balancedAccuracy(int[] t, int[] p, double[] wt) {
        double sum = 0;
        int n = 0;
        for (int label : presentLabels(t, t, wt)) {
            double[] r = prf(t, p, wt, label, 1, 0);
            if (r[3] > 0) {
                sum += r[1];
                n++;
            }
        }
        return sum / n;
    }

    /** MCC as the correlation of one-hot truth and prediction matrices (weighted covariances). */
    static double mcc(int[] t, int[] p, double[] wt, int k) {
        double wsum = 0;
        double[] mt = new double[k], mp = new double[k];
        for (int i = 0; i < t.length; i++) {
            wsum += w(wt, i);
            mt[t[i]] += w(wt, i);
            mp[p[i]] += w(wt, i);
        }
        for (int c = 0; c < k; c++) {
            mt[c] /= wsum;
            mp[c] /= wsum;
        }
        double cxy = 0, cxx = 0, cyy = 0;
        for (int i = 0; i < t.length; i++) {
            for (int c = 0; c < k; c++) {
                double x = (t[i] == c ? 1 : 0) - mt[c], y = (p[i] == c ? 1 : 0) - mp[c];
                cxy += w(wt, i) * x * y;
                cxx += w(wt, i) * x * x;
                cyy += w(wt, i) * y * y;
            }
        }
        if (cxx * cyy == 0) return 0;
        return cxy / Math.sqrt(cxx * cyy);
    }

    /** Pair counting: P(s+ > s-) + ½ P(s+ = s-), weighted by w+ · w-. */
    static double rocAuc(int[] t, double[] s, int positive, double[] wt) {
        double num = 0, pos = 0, neg = 0;
        for (int i = 0; i < t.length; i++) {
            if (t[i] == positive) pos += w(wt, i); else neg += w(wt, i);
        }
        for (int i = 0; i < t.length; i++) {
            if (t[i] != positive) continue;
            for (int j = 0; j < t.length; j++) {
                if (t[j] == positive) continue;
                double pair = w(wt, i) * w(wt, j);
                if (s[i] > s[j]) num += pair;
                else if (s[i] == s[j]) num += pair / 2;
            }
        }
        return num / (pos * neg);
    }

    /** AP = Σ (R_k − R_{k−1}) P_k, each threshold scanned over all rows. */
    static double averagePrecision(int[] t, double[] s, int positive, double[] wt) {
        double[] th = Arrays.stream(s).distinct().sorted().toArray();
        double pos = 0;
        for (int i = 0; i < t.length; i++) if (t[i] == positive) pos += w(wt, i);
        double ap = 0, prevR = 0;
        for (int k = th.length - 1; k >= 0; k--) {
            double tp = 0, fp = 0;
            for (int i = 0; i < t.length; i++) {
                if (s[i] >= th[k]) {
                    if (t[i] == positive) tp += w(wt, i); else fp += w(wt, i);
                }
            }
            double r = tp / pos, pr = tp + fp == 0 ? 0 : tp / (tp + fp);
            ap += (r - prevR) * pr;
            prevR = r;
        }
        return ap;
    }

    static double logLoss(int[] t, double[] prob, int positive, double[] wt) {
        double sum = 0, all = 0;
        for (int i = 0; i < t.length; i++) {
            double p = Math.min(Math.max(prob[i], 1e-15), 1 - 1e-15);
            sum += -w(wt, i) * (t[i] == positive ? Math.log(p) : Math.log(1 - p));
            all += w(wt, i);
        }
        return sum / all;
    }

    static double mean(double[] v, double[] wt) {
        double s = 0, a = 0;
        for (int i = 0; i < v.length; i++) {
            s += w(wt, i) * v[i];
            a += w(wt, i);
        }
        return s / a;
    }

    static double mse(double[] y, double[] yhat, double[] wt) {
        double[] sq = new double[y.length];
        for (int i = 0; i < y.length; i++) sq[i] = (y[i] - yhat[i]) * (y[i] - yhat[i]);
        return mean(sq, wt);
    }

    static double mae(double[] y, double[] yhat, double[] wt) {
        double[] a = new double[y.length];
        for (int i = 0; i < y.length; i++) a[i] = Math.abs(y[i] - yhat[i]);
        return mean(a, wt);
    }

    /** Two-pass R² with sklearn's force_finite rule. */
    static double r2(double[] y, double[] yhat, double[] wt) {
        double m = mean(y, wt), sse = 0, sst = 0;
        for (int i = 0; i < y.length; i++) {
            sse += w(wt, i) * (y[i] - yhat[i]) * (y[i] - yhat[i]);
            sst += w(wt, i) * (y[i] - m) * (y[i] - m);
        }
        if (sst == 0) return sse == 0 ? 1 : 0;
        return 1 - sse / sst;
    }

    static double explainedVariance(double[] y, double[] yhat, double[] wt) {
        double[] e = new double[y.length];
        for (int i = 0; i < y.length; i++) e[i] = y[i] - yhat[i];
        double me = mean(e, wt), my = mean(y, wt), num = 0, den = 0;
        for (int i = 0; i < y.length; i++) {
            num += w(wt, i) * (e[i] - me) * (e[i] - me);
            den += w(wt, i) * (y[i] - my) * (y[i] - my);
        }
        if (den == 0) return num == 0 ? 1 : 0;
        return 1 - num / den;
    }

    static double mape(double[] y, double[] yhat, double[] wt) {
        double[] a = new double[y.length];
        for (int i = 0; i < y.length; i++) a[i] = Math.abs(yhat[i] - y[i]) / Math.max(Math.abs(y[i]), Math.ulp(1.0));
        return mean(a, wt);
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    static double medianAbsoluteError(double[] y, double[] yhat) {
        double[] a = new double[y.length];
        for (int i = 0; i < y.length; i++) a[i] = Math.abs(y[i] - yhat[i]);
        return median(a);
    }

    /** Rows repeated by integer weights (a row with weight 0 disappears). */
    static int[] expand(int[] v, int[] counts) {
        int n = Arrays.stream(counts).sum();
        int[] out = new int[n];
        for (int i = 0, k = 0; i < v.length; i++) for (int c = 0; c < counts[i]; c++) out[k++] = v[i];
        return out;
    }

    static double[] expand(double[] v, int[] counts) {
        int n = Arrays.stream(counts).sum();
        double[] out = new double[n];
        for (int i = 0, k = 0; i < v.length; i++) for (int c = 0; c < counts[i]; c++) out[k++] = v[i];
        return out;
    }
}
