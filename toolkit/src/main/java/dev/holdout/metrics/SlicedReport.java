package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;
import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The same report computed over all rows ({@link #overall()}) and for each value of a grouping column, keyed by
 * the group value, in the order of the given names. JSON: {@code {"group_by": ..., "overall": {...}, "groups":
 * {"north": {...}, ...}}}.
 *
 * <pre>{@code
 * SlicedReport s = SlicedReport.of("region", regionCodes, List.of("north", "south"),
 *         rows -> RegressionReport.of(SlicedReport.take(y, rows), SlicedReport.take(yhat, rows), null));
 * s.slices().get("north").toMap().get("rmse");
 * s.overall().toMap().get("rmse");   // every row together
 * }</pre>
 */
public record SlicedReport(String groupColumn, MetricsReport overall, Map<String, MetricsReport> slices) implements MetricsReport {
    public SlicedReport {
        java.util.Objects.requireNonNull(overall, "overall");
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
        int[] all = new int[groupCodes.length];
        for (int i = 0; i < all.length; i++) all[i] = i;
        MetricsReport overall = report.apply(all);
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
        return new SlicedReport(groupColumn, overall, out);
    }

    /** Rows {@code rows} of {@code values}. */
    public static double[] take(double[] values, int[] rows) {
        if (values == null) return null;
        double[] out = new double[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return out;
    }

    /** Rows {@code rows} of a per-row matrix (class probabilities), or null for null. */
    public static double[][] take(double[][] values, int[] rows) {
        if (values == null) return null;
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return out;
    }

    public static int[] take(int[] values, int[] rows) {
        int[] out = new int[rows.length];
        for (int i = 0; i < rows.length; i++) out[i] = values[rows[i]];
        return out;
    }

    /** {@code group_by}, {@code overall} (every row), then {@code groups} keyed by group value. */
    @Override public LinkedHashMap<String, Object> toMap() {
        LinkedHashMap<String, Object> out = new LinkedHashMap<>();
        out.put("group_by", groupColumn);
        out.put("overall", overall.toMap());
        LinkedHashMap<String, Object> groups = new LinkedHashMap<>();
        slices.forEach((k, v) -> groups.put(k, v.toMap()));
        out.put("groups", groups);
        return out;
    }

    /** Warnings of the overall report, then of every slice, each prefixed by its group. */
    @Override public List<String> warnings() {
        List<String> out = new ArrayList<>();
        overall.warnings().forEach(w -> out.add("overall: " + w));
        slices.forEach((k, v) -> v.warnings().forEach(w -> out.add(groupColumn + "=" + k + ": " + w)));
        return out;
    }

    /** The overall rows first, then each group; the guide once at the end. */
    @Override public String toText(boolean guide) {
        StringBuilder sb = new StringBuilder("== overall (every row) ==\n").append(overall.toText(false)).append('\n');
        slices.forEach((k, v) -> sb.append("== ").append(groupColumn).append(" = ").append(k).append(" ==\n").append(v.toText(false)).append('\n'));
        return guide ? sb.append(MetricsGuide.text(task())).toString() : sb.toString();
    }

    private String task() {
        return overall instanceof RegressionReport ? "regression" : overall instanceof ClassificationReport ? "classification" : null;
    }

    @Override public String toHtml() {
        StringBuilder sb = new StringBuilder("<div class=\"holdout-slices\">");
        String o = overall.toHtml();
        int og = o.indexOf("<details class=\"guide\">");
        if (og > 0) o = o.substring(0, og) + "</div>";
        sb.append("<h3>overall (every row)</h3>").append(o);
        slices.forEach((k, v) -> {
            String h = v.toHtml();
            int guide = h.indexOf("<details class=\"guide\">");
            if (guide > 0) h = h.substring(0, guide) + "</div>";
            sb.append("<h3>").append(Html.escape(groupColumn + " = " + k)).append("</h3>").append(h);
        });
        return sb.append(MetricsGuide.html(task())).append("</div>").toString();
    }

    @Override public String toString() {
        return "SlicedReport[" + groupColumn + ": " + slices.keySet() + "]";
    }
}
