package dev.holdout.monitor;

import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The HTML report of a monitoring run, and how numbers are shown in it and in the violations' descriptions. */
final class Report {
    private Report() {}

    /** A number with four significant digits ("0.1", "12.35", "1.2e-08"), "–" for NaN. */
    static String num(double v) {
        if (Double.isNaN(v)) return "–";
        if (Double.isInfinite(v)) return v > 0 ? "∞" : "-∞";
        if (v == 0) return "0";
        double a = Math.abs(v);
        if (a >= 1e7 || a < 1e-4) return String.format(Locale.ROOT, "%.3g", v);
        return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
    }

    static String pct(double v) {
        if (Double.isNaN(v)) return "–";
        return new BigDecimal(v * 100).round(new MathContext(4)).stripTrailingZeros().toPlainString() + "%";
    }

    static String p(double v) { return Double.isNaN(v) ? "–" : v < 1e-4 ? String.format(Locale.ROOT, "%.2g", v) : num(v); }

    static String method(String m) {
        return switch (m) {
            case "KolmogorovSmirnov" -> "KS";
            case "LInfinity" -> "L-inf";
            default -> "Cramér's V";
        };
    }

    /** The statistics of a feature in one short line. */
    static String summary(FeatureStatistics f) {
        if (f == null) return "(missing)";
        if (f instanceof NumericStatistics n) {
            if (n.present() == 0) return "no values";
            return "mean " + num(n.mean()) + ", sd " + num(n.stdDev()) + ", min " + num(n.min()) + ", median " + num(n.sketch().quantile(0.5))
                    + ", max " + num(n.max());
        }
        StringStatistics s = (StringStatistics) f;
        StringBuilder sb = new StringBuilder((s.distinctEstimated() ? "about " : "") + s.distinctCount() + " distinct");
        int shown = 0;
        for (StringStatistics.CategoryCount c : s.buckets()) {
            if (shown++ == 3) break;
            sb.append(shown == 1 ? ": " : ", ").append(c.value()).append(' ').append(s.present() == 0 ? "" : pct((double) c.count() / s.present()));
        }
        return sb.toString();
    }

    static String html(MonitorResult r) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "<p>Current data: %s, %,d rows; baseline: %,d rows, %d features.</p>", Html.escape(r.source()),
                r.current().itemCount(), r.baseline().statistics().itemCount(), r.features().size()));
        if (r.violations().isEmpty()) {
            sb.append("<p><b>No violations.</b></p>");
        } else {
            sb.append("<h2>").append(r.violations().size()).append(" violation").append(r.violations().size() == 1 ? "" : "s").append("</h2>");
            List<List<?>> rows = new ArrayList<>();
            for (Violation v : r.violations()) rows.add(List.of(v.featureName(), v.checkType().name(), v.description()));
            sb.append(Html.table(List.of("feature", "check", "description"), rows));
        }
        sb.append("<h2>Features</h2>");
        List<List<?>> rows = new ArrayList<>();
        for (FeatureCheck f : r.features()) {
            Drift d = f.drift();
            rows.add(List.of(f.name(), f.baseline().type(), summary(f.baseline()), summary(f.current()),
                    pct(f.constraint().completeness()) + " → " + (f.current() == null ? "–" : pct(f.current().completeness())),
                    d == null ? "–" : method(d.method()) + " " + num(d.distance()), d == null ? "–" : num(d.threshold()),
                    d == null ? "–" : p(d.pValue()), d == null ? "–" : num(d.psi()), d == null ? "–" : num(d.jensenShannon()),
                    f.violations().isEmpty() ? "ok" : String.join(", ", f.violations().stream().map(v -> v.checkType().name()).distinct().toList())));
        }
        sb.append(Html.table(List.of("feature", "type", "baseline", "current", "completeness", "distance", "threshold", "p-value", "PSI",
                "Jensen-Shannon", "result"), rows));
        if (!r.extraColumns().isEmpty()) {
            sb.append("<p>Columns not in the baseline: ").append(Html.escape(String.join(", ", r.extraColumns()))).append("</p>");
        }
        for (FeatureCheck f : r.features()) {
            if (!f.drifted()) continue;
            sb.append("<h3>").append(Html.escape(f.name())).append("</h3><p class=\"note\">").append(Html.escape(f.drift().rule())).append("</p>");
            sb.append(Html.image(chart(f).image(), f.name() + ": baseline and current distributions"));
        }
        sb.append("<h2>What the checks mean</h2><ul>");
        for (Violation.Check c : Violation.Check.values()) {
            sb.append("<li><b>").append(c.name()).append("</b>: ").append(Html.escape(c.meaning())).append("</li>");
        }
        sb.append("<li><b>PSI</b> (population stability index) and <b>Jensen-Shannon</b> distance are shown beside the check's distance: "
                + "PSI = Σ (current − baseline) · ln(current / baseline) over the bins (the baseline's 10 buckets plus one below its min and one "
                + "above its max; each value for strings; a share of 0 counts as 0.0001); Jensen-Shannon is the square root of the "
                + "divergence in bits, between 0 and 1.</li></ul>");
        return sb.toString();
    }

    /** The two distributions of a feature as bars over the drift bins (at most the 15 largest values for strings). */
    static Charts.Bars chart(FeatureCheck f) {
        Drift d = f.drift();
        List<String> bins = d.bins();
        double[] b = d.baselineShares(), c = d.currentShares();
        if (f.baseline().type() == FeatureType.String && bins.size() > 15) {
            Integer[] order = new Integer[bins.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (x, y) -> Double.compare(Math.max(b[y], c[y]), Math.max(b[x], c[x])));
            List<String> keep = new ArrayList<>();
            double[] kb = new double[15], kc = new double[15];
            for (int i = 0; i < 15; i++) {
                keep.add(bins.get(order[i]));
                kb[i] = b[order[i]];
                kc[i] = c[order[i]];
            }
            return Charts.bars(f.name() + " (15 most frequent values)", "value", "share of values").series("baseline", keep, kb).series("current", keep, kc);
        }
        return Charts.bars(f.name(), f.baseline().type() == FeatureType.String ? "value" : "bucket", "share of values").series("baseline", bins, b)
                .series("current", bins, c);
    }
}
