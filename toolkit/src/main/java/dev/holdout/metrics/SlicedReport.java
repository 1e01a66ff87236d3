package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The same report computed for each value of a grouping column, keyed by the group value as it
 * appears in the data, in order of first appearance.
 *
 * <pre>{@code
 * SlicedReport s = SlicedReport.of("region", regionCodes, List.of("north", "south"),
 *         rows -> RegressionReport.of(SlicedReport.take(y, rows), SlicedReport.take(yhat, rows), null));
 * s.slices().get("north").toMap().get("rmse");
 * }</pre>
 */
public record SlicedReport(String groupColumn, Map<String, MetricsReport> slices) implements MetricsReport {
    public SlicedReport {
        slices = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(slices));
    }

    /**
     * @param groupCodes  a code per row into {@code groupNames}
     * @param groupNames  group values in the order they should appear
     * @param report      computes the report of one slice from its row indices
     */
    public static SlicedReport of(String groupColumn, int[] groupCodes, List<String> groupNames,
                                  Function<int[], MetricsReport> report) {
        int g = groupNames.size();
        int[] counts = new int[g];
        for (int i = 0; i < groupCodes.length; i++) {
            int c = groupCodes[i];
            if (c < 0 || c >= g) {
                throw DataValidationException.param("group[" + i + "]", c, "must be a group code in [0, " + g + ")", "pass codes into groupNames");
            }
            counts[c]++;
        }
        int[][] rows = new int[g][];
        for (int c = 0; c < g; c++) rows[c] = new int[counts[c]];
        int[] fill = new int[g];
        for (int i = 0; i < groupCodes.length; i++) rows[groupCodes[i]][fill[groupCodes[i]]++] = i;
        LinkedHashMap<String, MetricsReport> out = new LinkedHashMap<>();
        for (int c = 0; c < g; c++) {
            if (rows[c].length == 0) continue;
            try {
                out.put(groupNames.get(c), report.apply(rows[c]));
            } catch (DataValidationException e) {
                throw DataValidationException.param("group-by", groupColumn + "=" + groupNames.get(c),
                        "the slice cannot be evaluated: " + e.getMessage(), "fix the data of that group or drop it");
            }
        }
        return new SlicedReport(groupColumn, out);
    }

    /** Rows {@code rows} of {@code values}. */
    public static double[] take(double[] values, int[] rows) {
        if (values == null) return null;
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return out;
    }

    public static int[] take(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return out;
    }

    /** Keyed by group value, each holding that slice's map. */
    @Override public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        slices.forEach((k, v) -> out.put(k, v.toMap()));
        return out;
    }

    /** Warnings of all slices, each prefixed by its group. */
    @Override public List<String> warnings() {
        List<String> out = new ArrayList<>();
        slices.forEach((k, v) -> v.warnings().forEach(w -> out.add(groupColumn + "=" + k + ": " + w)));
        return out;
    }

    @Override public String toText() {
        StringBuilder sb = new StringBuilder();
        slices.forEach((k, v) -> {
            String t = v.toText();
            int guide = t.indexOf("How to read these metrics");
            sb.append("== ").append(groupColumn).append(" = ").append(k).append(" ==\n").append(guide > 0 ? t.substring(0, guide) : t);
        });
        return sb.append(MetricsGuide.text()).toString();
    }

    @Override public String toHtml() {
        StringBuilder sb = new StringBuilder("<div class=\"holdout-slices\">");
        slices.forEach((k, v) -> {
            String h = v.toHtml();
            int guide = h.indexOf("<details class=\"guide\">");
            if (guide > 0) h = h.substring(0, guide) + "</div>";
            sb.append("<h3>").append(Html.escape(groupColumn + " = " + k)).append("</h3>").append(h);
        });
        return sb.append(MetricsGuide.html()).append("</div>").toString();
    }

    @Override public String toString() {
        return "SlicedReport[" + groupColumn + ": " + slices.keySet() + "]";
    }
}
