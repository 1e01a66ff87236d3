package dev.holdout.report;

import dev.holdout.io.OutputFile;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.lines.SeriesLines;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Headless PNG charts (XChart). Every chart in Holdout goes through here so they share one readable look: tick
 * labels with at most {@value #MAX_SIGNIFICANT_DIGITS} significant digits at round steps, the legend below the plot
 * (never over the data), and a plain-text {@link Figure#describe() description} that notebooks keep beside the image.
 *
 * <pre>{@code
 * Charts.Line chart = Charts.line("Learning curve", "boosting round", "logloss")
 *         .series("train", rounds, trainLoss).series("validation", rounds, validLoss);
 * Charts.savePng(chart.image(), dir.resolve("learning-curve.png"));
 * Charts.bars("Test MAE by split", "model", "test MAE (°C)")
 *         .series("random split", List.of("nearest day", "month average"), new double[] {1.2, 3.4});
 * Charts.strip("Optimism over 20 seeds", "way", "optimism (ROC AUC)").group("(b)", optimismB).group("(d)", optimismD);
 * }</pre>
 */
public final class Charts {
    private Charts() {}

    public static final int WIDTH = 800;
    public static final int HEIGHT = 480;
    /** Tick labels never carry more significant digits than this. */
    public static final int MAX_SIGNIFICANT_DIGITS = 4;

    /** Share of the data range added on each side of an axis, so points never sit on the plot's border. */
    private static final double PAD = 0.04;

    /**
     * A chart Holdout draws: it renders to a PNG and describes itself in one line of text (title, axes, series and
     * their ranges, to {@value #MAX_SIGNIFICANT_DIGITS} significant digits) — what a notebook stores as the chart's
     * plain-text form, so a changed number shows in a diff even where pixels cannot be compared.
     */
    public sealed interface Figure permits Line, Bars, Strip {
        String title();

        BufferedImage image();

        String describe();
    }

    /** Starts a line chart (also scatter: {@link Line#points}). */
    public static Line line(String title, String xLabel, String yLabel) {
        return new Line(title, xLabel, yLabel, new LinkedHashMap<>(), Set.of(), Set.of(), Double.NaN, null, Double.NaN, Double.NaN);
    }

    /** Starts a bar chart over named categories. */
    public static Bars bars(String title, String xLabel, String yLabel) {
        return new Bars(title, xLabel, yLabel, List.of(), new LinkedHashMap<>());
    }

    /**
     * A histogram: how many of each series' values fall in each of about {@code bins} equal bins with round edges
     * spanning all the values (bars side by side when there are several series; each bar is labelled with its bin's
     * lower edge). For many values
     * — a thousand bootstrap resamples — where a strip of dots would merge into a line.
     */
    public static Bars histogram(String title, String xLabel, int bins, Map<String, double[]> series) {
        if (bins < 2 || bins > 60) throw new IllegalArgumentException("bins=" + bins + " must be between 2 and 60; try 15");
        Range r = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
        for (double[] v : series.values()) for (double d : v) if (Double.isFinite(d)) r = r.including(d);
        if (!r.finite()) throw new IllegalArgumentException("histogram " + title + ": no finite values");
        // round bin edges (a 1, 2 or 5 step), so each bar's label is a short number
        double raw = Math.max(r.hi() - r.lo(), 1e-12) / bins;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double width = raw <= magnitude ? magnitude : raw <= 2 * magnitude ? 2 * magnitude : raw <= 5 * magnitude ? 5 * magnitude : 10 * magnitude;
        double lo = Math.floor(r.lo() / width) * width;
        int n = Math.max(1, (int) Math.ceil((r.hi() - lo) / width + 1e-9));
        if (lo + n * width <= r.hi()) n++;
        List<String> starts = new ArrayList<>();
        for (int b = 0; b < n; b++) starts.add(tickLabel(lo + b * width));
        Bars chart = bars(title, xLabel + " (bin start; bins " + tickLabel(width) + " wide)", "count");
        for (Map.Entry<String, double[]> e : series.entrySet()) {
            double[] counts = new double[n];
            for (double d : e.getValue()) {
                if (Double.isFinite(d)) counts[Math.min(n - 1, (int) Math.floor((d - lo) / width + 1e-9))]++;
            }
            chart = chart.series(e.getKey(), starts, counts);
        }
        return chart;
    }

    /** Starts a strip chart: every value of each group as a dot above the group's name, with the group's median. */
    public static Strip strip(String title, String xLabel, String yLabel) {
        return new Strip(title, xLabel, yLabel, new LinkedHashMap<>(), Double.NaN, null);
    }

    /**
     * A tick label: {@code value} rounded to at most {@value #MAX_SIGNIFICANT_DIGITS} significant digits and written
     * without trailing zeros or an exponent: 0.98630136 → "0.9863", 0.25 → "0.25", 25000 → "25000", 123456 → "123500".
     */
    public static String tickLabel(double value) {
        if (!Double.isFinite(value)) return String.valueOf(value);
        if (Math.abs(value) < 1e-12) return "0";
        BigDecimal rounded = new BigDecimal(value).round(new MathContext(MAX_SIGNIFICANT_DIGITS, RoundingMode.HALF_EVEN));
        String s = rounded.stripTrailingZeros().toPlainString();
        return s.equals("-0") ? "0" : s;
    }

    /** An immutable line-chart description; {@link #image()} renders it. */
    public static final class Line implements Figure {
        private final String title, xLabel, yLabel;
        private final LinkedHashMap<String, double[][]> series;
        private final Set<String> pointSeries;
        private final Set<String> referenceSeries;
        private final double markerX;
        private final String markerLabel;
        private final double clipLow, clipHigh;

        private Line(String title, String xLabel, String yLabel, LinkedHashMap<String, double[][]> series,
                     Set<String> pointSeries, Set<String> referenceSeries, double markerX, String markerLabel, double clipLow,
                     double clipHigh) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.series = series;
            this.pointSeries = pointSeries;
            this.referenceSeries = referenceSeries;
            this.markerX = markerX;
            this.markerLabel = markerLabel;
            this.clipLow = clipLow;
            this.clipHigh = clipHigh;
        }

        /** Adds a series drawn as unconnected points (a scatter), for values that are not a sequence. */
        public Line points(String name, double[] x, double[] y) {
            Line withSeries = series(name, x, y);
            Set<String> p = new LinkedHashSet<>(pointSeries);
            p.add(name);
            return new Line(title, xLabel, yLabel, withSeries.series, Collections.unmodifiableSet(p), referenceSeries, markerX,
                    markerLabel, clipLow, clipHigh);
        }

        /**
         * Adds a reference line (chance, the identity y = x, zero error): dashed, without markers, so it reads as a
         * yardstick rather than as data.
         */
        public Line reference(String name, double[] x, double[] y) {
            Line withSeries = series(name, x, y);
            Set<String> r = new LinkedHashSet<>(referenceSeries);
            r.add(name);
            return new Line(title, xLabel, yLabel, withSeries.series, pointSeries, Collections.unmodifiableSet(r), markerX,
                    markerLabel, clipLow, clipHigh);
        }

        /** Adds a series drawn as a line (copies the arrays). */
        public Line series(String name, double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series=" + name + ": x has " + x.length + " points but y has " + y.length);
            }
            if (name == null || name.isBlank()) throw new IllegalArgumentException("series name must not be blank");
            LinkedHashMap<String, double[][]> copy = new LinkedHashMap<>(series);
            copy.put(name, new double[][] {x.clone(), y.clone()});
            return new Line(title, xLabel, yLabel, copy, pointSeries, referenceSeries, markerX, markerLabel, clipLow, clipHigh);
        }

        /** Draws a vertical marker line at {@code x} (for example the best iteration). */
        public Line verticalMarker(double x) {
            return new Line(title, xLabel, yLabel, series, pointSeries, referenceSeries, x, null, clipLow, clipHigh);
        }

        /** A vertical marker with its legend text, e.g. {@code verticalMarker(60, "best iteration 60")}. */
        public Line verticalMarker(double x, String label) {
            return new Line(title, xLabel, yLabel, series, pointSeries, referenceSeries, x, label, clipLow, clipHigh);
        }

        /**
         * Limits the y axis to [{@code low}, {@code high}]: a point outside is drawn on the edge, in a series of its own
         * named "... (off the scale: drawn at the edge)", and the title says so — so one extreme value (a
         * stopped trial's loss) cannot flatten every other point into a line, and the reader is told.
         */
        public Line clipY(double low, double high) {
            if (!(low < high)) throw new IllegalArgumentException("clipY(" + low + ", " + high + "): low must be below high");
            return new Line(title, xLabel, yLabel, series, pointSeries, referenceSeries, markerX, markerLabel, low, high);
        }

        public Map<String, double[][]> seriesData() { return Collections.unmodifiableMap(series); }

        @Override public String title() { return title; }

        /** What {@link #image()} draws after clipping: series name to {x, y}, the clipped points in their own series. */
        private LinkedHashMap<String, double[][]> drawn(Set<String> clippedNames) {
            if (Double.isNaN(clipLow)) return series;
            LinkedHashMap<String, double[][]> out = new LinkedHashMap<>();
            Map<String, double[][]> clipped = new LinkedHashMap<>();
            for (Map.Entry<String, double[][]> e : series.entrySet()) {
                double[] x = e.getValue()[0], y = e.getValue()[1];
                List<double[]> in = new ArrayList<>(), off = new ArrayList<>();
                for (int i = 0; i < x.length; i++) {
                    if (!Double.isFinite(y[i]) || (y[i] >= clipLow && y[i] <= clipHigh)) in.add(new double[] {x[i], y[i]});
                    else off.add(new double[] {x[i], y[i] < clipLow ? clipLow : clipHigh});
                }
                out.put(e.getKey(), columns(in));
                if (!off.isEmpty()) {
                    String name = e.getKey() + " (off the scale: drawn at the edge)";
                    clipped.put(name, columns(off));
                    clippedNames.add(name);
                }
            }
            out.putAll(clipped);
            return out;
        }

        private String drawnYLabel(boolean anyClipped) {
            return anyClipped ? yLabel + " (clipped)" : yLabel;
        }

        private String drawnTitle(boolean anyClipped) {
            return anyClipped ? title + "; y axis clipped to " + tickLabel(clipLow) + "–" + tickLabel(clipHigh) : title;
        }

        @Override public BufferedImage image() { return BitmapEncoder.getBufferedImage(build()); }

        XYChart build() {
            Set<String> clippedNames = new LinkedHashSet<>();
            LinkedHashMap<String, double[][]> data = drawn(clippedNames);
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(drawnTitle(!clippedNames.isEmpty()))
                    .xAxisTitle(xLabel).yAxisTitle(drawnYLabel(!clippedNames.isEmpty())).build();
            AxesChartStyler s = chart.getStyler();
            style(s, data.size() + (Double.isNaN(markerX) ? 0 : 1), true);
            chart.getStyler().setMarkerSize(pointSeries.isEmpty() && clippedNames.isEmpty() ? 4 : 7);
            Range xr = Range.of(data, 0), yr = Range.of(data, 1);
            if (!Double.isNaN(markerX)) xr = xr.including(markerX);
            if (!Double.isNaN(clipLow) && !clippedNames.isEmpty()) yr = yr.including(clipLow).including(clipHigh);
            Range xAxis = xr.padded(uniqueInOrder(data, 0)), yAxis = yr.padded(uniqueInOrder(data, 1));
            if (xAxis != null) {
                s.setXAxisMin(xAxis.lo());
                s.setXAxisMax(xAxis.hi());
            }
            if (yAxis != null) {
                s.setYAxisMin(yAxis.lo());
                s.setYAxisMax(yAxis.hi());
            }
            for (Map.Entry<String, double[][]> e : data.entrySet()) {
                double[][] xy = e.getValue();
                if (xy[0].length == 0) continue;
                var added = chart.addSeries(e.getKey(), xy[0], xy[1]);
                if (clippedNames.contains(e.getKey())) {
                    added.setMarker(SeriesMarkers.TRIANGLE_UP);
                    added.setLineStyle(SeriesLines.NONE);
                } else if (referenceSeries.contains(e.getKey())) {
                    added.setMarker(SeriesMarkers.NONE);
                    added.setLineStyle(SeriesLines.DASH_DASH);
                } else if (pointSeries.contains(e.getKey())) {
                    added.setMarker(SeriesMarkers.CIRCLE);
                    added.setLineStyle(SeriesLines.NONE);
                } else {
                    added.setMarker(xy[0].length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                }
            }
            if (!Double.isNaN(markerX) && yr.finite()) {
                var m = chart.addSeries(markerLabel != null ? markerLabel : "x = " + tickLabel(markerX),
                        new double[] {markerX, markerX}, new double[] {yAxis.lo(), yAxis.hi()});
                m.setMarker(SeriesMarkers.NONE);
                m.setLineColor(Color.GRAY);
                m.setLineStyle(SeriesLines.DASH_DASH);
            }
            return chart;
        }

        @Override public String describe() {
            Set<String> clippedNames = new LinkedHashSet<>();
            LinkedHashMap<String, double[][]> data = drawn(clippedNames);
            StringBuilder sb = header("line chart", drawnTitle(!clippedNames.isEmpty()), xLabel, drawnYLabel(!clippedNames.isEmpty()));
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, double[][]> e : data.entrySet()) {
                double[][] xy = e.getValue();
                if (xy[0].length == 0) continue;
                Range x = Range.of(xy[0]), y = Range.of(xy[1]);
                parts.add(e.getKey() + " (" + xy[0].length + (xy[0].length == 1 ? " point" : " points")
                        + (xy[0].length == 1 ? " at " + tickLabel(xy[0][0]) + ", " + tickLabel(xy[1][0])
                        : ", x " + x.text() + ", y " + y.text()) + ")");
            }
            if (!Double.isNaN(markerX)) parts.add((markerLabel != null ? markerLabel : "marker") + " (x = " + tickLabel(markerX) + ")");
            return sb.append("; series: ").append(String.join(", ", parts)).toString();
        }

        @Override public String toString() { return describe(); }
    }

    /** An immutable bar-chart description: one or more series over the same categories. */
    public static final class Bars implements Figure {
        private final String title, xLabel, yLabel;
        private final List<String> categories;
        private final LinkedHashMap<String, double[]> series;

        private Bars(String title, String xLabel, String yLabel, List<String> categories, LinkedHashMap<String, double[]> series) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.categories = categories;
            this.series = series;
        }

        /** Adds a series: one bar per category (every series must name the same categories in the same order). */
        public Bars series(String name, List<String> categories, double[] values) {
            if (categories.size() != values.length) {
                throw new IllegalArgumentException("series=" + name + ": " + categories.size() + " categories but "
                        + values.length + " values");
            }
            if (!this.categories.isEmpty() && !this.categories.equals(categories)) {
                throw new IllegalArgumentException("series=" + name + ": categories " + categories
                        + " differ from the chart's " + this.categories + "; give every series the same categories");
            }
            LinkedHashMap<String, double[]> copy = new LinkedHashMap<>(series);
            copy.put(name, values.clone());
            return new Bars(title, xLabel, yLabel, List.copyOf(categories), copy);
        }

        @Override public String title() { return title; }

        @Override public BufferedImage image() { return BitmapEncoder.getBufferedImage(build()); }

        CategoryChart build() {
            CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            style(chart.getStyler(), series.size(), false);
            chart.getStyler().setOverlapped(false);
            fitCategoryLabels(chart.getStyler(), categories);
            double lo = 0, hi = 0;
            List<Double> unique = new ArrayList<>();
            for (double[] v : series.values()) {
                for (double d : v) {
                    if (!Double.isFinite(d)) continue;
                    lo = Math.min(lo, d);
                    hi = Math.max(hi, d);
                    if (!unique.contains(d)) unique.add(d);
                }
            }
            // bars grow from zero: the axis keeps zero and leaves headroom above the tallest bar
            Range axis = new Range(lo, hi).headroom(unique);
            chart.getStyler().setYAxisMin(axis.lo());
            chart.getStyler().setYAxisMax(axis.hi());
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                List<Double> ys = new ArrayList<>();
                for (double d : e.getValue()) ys.add(Double.isFinite(d) ? d : null);
                chart.addSeries(e.getKey(), categories, ys);
            }
            return chart;
        }

        @Override public String describe() {
            StringBuilder sb = header("bar chart", title, xLabel, yLabel).append("; categories: ").append(String.join(", ", categories));
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                List<String> v = new ArrayList<>();
                for (double d : e.getValue()) v.add(tickLabel(d));
                parts.add(e.getKey() + " (" + String.join(", ", v) + ")");
            }
            return sb.append("; series: ").append(String.join(", ", parts)).toString();
        }

        @Override public String toString() { return describe(); }
    }

    /**
     * An immutable strip-chart description: for each group, every value as a dot (all seeds of an experiment, say) and
     * the group's median as a black diamond, with an optional horizontal reference line (zero, chance).
     */
    public static final class Strip implements Figure {
        private final String title, xLabel, yLabel;
        private final LinkedHashMap<String, double[]> groups;
        private final double reference;
        private final String referenceLabel;

        private Strip(String title, String xLabel, String yLabel, LinkedHashMap<String, double[]> groups, double reference,
                      String referenceLabel) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.groups = groups;
            this.reference = reference;
            this.referenceLabel = referenceLabel;
        }

        /** Adds a group: its values (copied), drawn above its name. */
        public Strip group(String name, double[] values) {
            if (values.length == 0) throw new IllegalArgumentException("group=" + name + " has no values");
            LinkedHashMap<String, double[]> copy = new LinkedHashMap<>(groups);
            copy.put(name, values.clone());
            return new Strip(title, xLabel, yLabel, copy, reference, referenceLabel);
        }

        /** A horizontal reference line at {@code y}, named {@code label} in the legend. */
        public Strip reference(double y, String label) {
            return new Strip(title, xLabel, yLabel, groups, y, label);
        }

        @Override public String title() { return title; }

        @Override public BufferedImage image() { return BitmapEncoder.getBufferedImage(build()); }

        CategoryChart build() {
            CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            style(chart.getStyler(), 3, false);
            chart.getStyler().setOverlapped(true);
            fitCategoryLabels(chart.getStyler(), new ArrayList<>(groups.keySet()));
            chart.getStyler().setMarkerSize(7);
            List<String> names = new ArrayList<>(groups.keySet());
            int longest = groups.values().stream().mapToInt(v -> v.length).max().orElse(0);
            Range r = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            List<Double> unique = new ArrayList<>();
            for (double[] v : groups.values()) {
                for (double d : v) {
                    if (!Double.isFinite(d)) continue;
                    r = r.including(d);
                    if (!unique.contains(d)) unique.add(d);
                }
            }
            if (!Double.isNaN(reference)) r = r.including(reference);
            Range axis = r.padded(unique);
            if (axis != null) {
                chart.getStyler().setYAxisMin(axis.lo());
                chart.getStyler().setYAxisMax(axis.hi());
            }
            Color dots = new Color(0x3b, 0x6e, 0xc4, 150);
            for (int j = 0; j < longest; j++) {
                List<Double> ys = new ArrayList<>();
                for (String g : names) {
                    double[] v = groups.get(g);
                    ys.add(j < v.length && Double.isFinite(v[j]) ? v[j] : null);
                }
                CategorySeries s = chart.addSeries(j == 0 ? "each value" : "value " + (j + 1), names, ys);
                s.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
                s.setMarker(SeriesMarkers.CIRCLE);
                s.setMarkerColor(dots);
                s.setShowInLegend(j == 0);
            }
            List<Double> medians = new ArrayList<>();
            for (String g : names) medians.add(median(groups.get(g)));
            CategorySeries m = chart.addSeries("median", names, medians);
            m.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Scatter);
            m.setMarker(SeriesMarkers.DIAMOND);
            m.setMarkerColor(Color.BLACK);
            if (!Double.isNaN(reference)) {
                List<Double> ref = new ArrayList<>();
                for (int i = 0; i < names.size(); i++) ref.add(reference);
                CategorySeries line = chart.addSeries(referenceLabel != null ? referenceLabel : "y = " + tickLabel(reference), names, ref);
                line.setChartCategorySeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
                line.setMarker(SeriesMarkers.NONE);
                line.setLineColor(Color.GRAY);
                line.setLineStyle(SeriesLines.DASH_DASH);
            }
            return chart;
        }

        @Override public String describe() {
            StringBuilder sb = header("strip chart", title, xLabel, yLabel);
            List<String> parts = new ArrayList<>();
            for (Map.Entry<String, double[]> e : groups.entrySet()) {
                Range r = Range.of(e.getValue());
                parts.add(e.getKey() + " (" + e.getValue().length + " values, " + r.text() + ", median "
                        + tickLabel(median(e.getValue())) + ")");
            }
            sb.append("; groups: ").append(String.join(", ", parts));
            if (!Double.isNaN(reference)) sb.append("; reference ").append(referenceLabel != null ? referenceLabel : "line")
                    .append(" at ").append(tickLabel(reference));
            return sb.toString();
        }

        @Override public String toString() { return describe(); }
    }

    /** The XChart chart a figure draws, before painting (for the structural tests of every chart type). */
    static org.knowm.xchart.internal.chartpart.Chart<?, ?> xchart(Figure figure) {
        if (figure instanceof Line l) return l.build();
        if (figure instanceof Bars b) return b.build();
        if (figure instanceof Strip st) return st.build();
        throw new IllegalArgumentException("not a Holdout chart: " + figure.getClass().getName());
    }

    // ------------------------------------------------------------------ the shared look

    /** The one look: white, grid lines, the legend below the plot (never over data), tick labels of 4 significant digits. */
    private static void style(AxesChartStyler s, int seriesCount, boolean numericX) {
        s.setChartBackgroundColor(Color.WHITE);
        s.setPlotGridLinesVisible(true);
        s.setLegendPosition(Styler.LegendPosition.OutsideS);
        s.setLegendLayout(Styler.LegendLayout.Horizontal);
        s.setLegendBorderColor(Color.WHITE);
        s.setLegendVisible(seriesCount > 1);
        s.setChartTitleBoxVisible(false);
        // a category axis must keep its own calculator: XChart checks for a formatting function before categories
        if (numericX) s.setxAxisTickLabelsFormattingFunction(Charts::tickLabel);
        s.setyAxisTickLabelsFormattingFunction(Charts::tickLabel);
    }

    /** Category names too wide to sit side by side are drawn at 45°, so they never overlap. */
    private static void fitCategoryLabels(AxesChartStyler s, List<String> categories) {
        if (categories.isEmpty()) return;
        java.awt.font.FontRenderContext frc = new java.awt.font.FontRenderContext(null, true, false);
        double widest = 0;
        for (String c : categories) widest = Math.max(widest, new java.awt.font.TextLayout(c, s.getAxisTickLabelsFont(), frc).getBounds().getWidth());
        double room = (WIDTH - 120) / (double) categories.size();
        if (widest > room * 0.9) s.setXAxisLabelRotation(45);
    }

    private static StringBuilder header(String kind, String title, String xLabel, String yLabel) {
        return new StringBuilder(kind).append(" \"").append(title).append("\"; x: ").append(xLabel).append("; y: ").append(yLabel);
    }

    private static double median(double[] values) {
        double[] v = java.util.Arrays.stream(values).filter(Double::isFinite).sorted().toArray();
        if (v.length == 0) return Double.NaN;
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }

    private static double[][] columns(List<double[]> points) {
        double[][] out = new double[2][points.size()];
        for (int i = 0; i < points.size(); i++) {
            out[0][i] = points.get(i)[0];
            out[1][i] = points.get(i)[1];
        }
        return out;
    }

    /** The distinct values of one coordinate over all series, in the order XChart collects them. */
    private static List<Double> uniqueInOrder(Map<String, double[][]> data, int coordinate) {
        LinkedHashSet<Double> unique = new LinkedHashSet<>();
        for (double[][] xy : data.values()) for (double v : xy[coordinate]) unique.add(v);
        return new ArrayList<>(unique);
    }

    /** A closed interval of finite data values. */
    record Range(double lo, double hi) {
        static Range of(Map<String, double[][]> data, int coordinate) {
            Range r = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            for (double[][] xy : data.values()) for (double v : xy[coordinate]) if (Double.isFinite(v)) r = r.including(v);
            return r;
        }

        static Range of(double[] values) {
            Range r = new Range(Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY);
            for (double v : values) if (Double.isFinite(v)) r = r.including(v);
            return r;
        }

        boolean finite() { return lo <= hi; }

        Range including(double v) { return new Range(Math.min(lo, v), Math.max(hi, v)); }

        String text() { return finite() ? tickLabel(lo) + "–" + tickLabel(hi) : "no finite values"; }

        /**
         * The axis for this data: {@value #PAD} of the range added on each side, widened until tick labels of 4
         * significant digits can tell its ends apart. The padding also keeps XChart off its "equally spaced values"
         * path, which puts a tick (with a 15-digit label) at every distinct data value — a ROC curve's true positive
         * rates are multiples of 1/positives, so it drew 36 overlapping labels on one axis.
         */
        Range padded(List<Double> values) {
            if (!finite()) return null;
            double span = hi - lo;
            double center = (hi + lo) / 2;
            // three steps of the 4th significant digit: the least span whose ends 4-digit labels tell apart
            double minSpan = Math.abs(center) < 1e-9 ? 1e-9 : 3 * Math.pow(10, Math.floor(Math.log10(Math.abs(center))) - 3);
            double l = lo, h = hi;
            if (span < minSpan) {
                l = center - minSpan / 2;
                h = center + minSpan / 2;
                span = minSpan;
            }
            double pad = span * PAD;
            Range r = new Range(l - pad, h + pad);
            for (int i = 0; i < 3 && equallySpaced(r, values); i++) r = new Range(r.lo - pad / 2, r.hi + pad);
            return r;
        }

        /** For bars: from min(0, lo) to a little above hi (or below lo, for negative bars). */
        Range headroom(List<Double> values) {
            double span = Math.max(hi - lo, 1e-9);
            Range r = new Range(lo < 0 ? lo - span * PAD * 2 : 0, hi > 0 ? hi + span * PAD * 2 : 0);
            if (r.lo == r.hi) r = new Range(0, 1);
            for (int i = 0; i < 3 && equallySpaced(r, values); i++) r = new Range(r.lo, r.hi + span * PAD);
            return r;
        }

        /** XChart 3.8's test (its {@code AxisTickCalculator_}): axis min, the distinct values, axis max, equal steps. */
        private static boolean equallySpaced(Range axis, List<Double> values) {
            LinkedHashSet<Double> withEnds = new LinkedHashSet<>();
            withEnds.add(axis.lo);
            withEnds.addAll(values);
            withEnds.add(axis.hi);
            List<Double> v = new ArrayList<>(withEnds);
            if (v.size() < 2 || Math.abs(axis.hi - axis.lo) < 1e-4) return false;
            double step = v.get(1) - v.get(0);
            for (int i = 1; i < v.size(); i++) if (Math.abs(v.get(i) - v.get(i - 1) - step) >= 1e-4) return false;
            return true;
        }
    }

    /** PNG bytes of an image. */
    public static byte[] png(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ImageIO.write(image, "png", out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes an image as PNG, atomically. */
    public static void savePng(BufferedImage image, Path file) {
        OutputFile.replace(file, png(image));
    }
}
