package dev.holdout.report;

import dev.holdout.io.OutputFile;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Headless PNG charts (XChart). Every chart in Holdout goes through here so they share one look.
 *
 * <pre>{@code
 * Charts.Line chart = Charts.line("Learning curve", "round", "logloss")
 *         .series("train", rounds, trainLoss).series("validation", rounds, validLoss);
 * Charts.savePng(chart.image(), dir.resolve("learning-curve.png"));
 * }</pre>
 */
public final class Charts {
    private Charts() {}

    public static final int WIDTH = 800;
    public static final int HEIGHT = 480;

    /** Starts a line chart. */
    public static Line line(String title, String xLabel, String yLabel) {
        return new Line(title, xLabel, yLabel, new LinkedHashMap<>(), Double.NaN, null, java.util.Set.of());
    }

    /** An immutable line-chart description; {@link #image()} renders it. */
    public static final class Line {
        private final String title, xLabel, yLabel;
        private final LinkedHashMap<String, double[][]> series;
        private final double markerX;
        private final String markerLabel;
        private final java.util.Set<String> pointSeries;

        private Line(String title, String xLabel, String yLabel, LinkedHashMap<String, double[][]> series, double markerX,
                     String markerLabel, java.util.Set<String> pointSeries) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.series = series;
            this.markerX = markerX;
            this.markerLabel = markerLabel;
            this.pointSeries = pointSeries;
        }

        /** Adds a series drawn as unconnected points (a scatter), for values that are not a sequence. */
        public Line points(String name, double[] x, double[] y) {
            Line withSeries = series(name, x, y);
            java.util.Set<String> p = new java.util.LinkedHashSet<>(pointSeries);
            p.add(name);
            return new Line(title, xLabel, yLabel, withSeries.series, markerX, markerLabel, java.util.Collections.unmodifiableSet(p));
        }

        /** Adds a series (copies the arrays). */
        public Line series(String name, double[] x, double[] y) {
            if (x.length != y.length) {
                throw new IllegalArgumentException("series=" + name + ": x has " + x.length + " points but y has " + y.length);
            }
            LinkedHashMap<String, double[][]> copy = new LinkedHashMap<>(series);
            copy.put(name, new double[][] {x.clone(), y.clone()});
            return new Line(title, xLabel, yLabel, copy, markerX, markerLabel, pointSeries);
        }

        /** Draws a vertical marker line at {@code x} (for example the best iteration). */
        public Line verticalMarker(double x) {
            return new Line(title, xLabel, yLabel, series, x, null, pointSeries);
        }

        /** A vertical marker with its legend text, e.g. {@code verticalMarker(60, "best iteration 60")}. */
        public Line verticalMarker(double x, String label) {
            return new Line(title, xLabel, yLabel, series, x, label, pointSeries);
        }

        public Map<String, double[][]> seriesData() { return java.util.Collections.unmodifiableMap(series); }

        public BufferedImage image() {
            XYChart chart = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setPlotGridLinesVisible(true);
            chart.getStyler().setMarkerSize(pointSeries.isEmpty() ? 4 : 7);
            for (Map.Entry<String, double[][]> e : series.entrySet()) {
                var s = chart.addSeries(e.getKey(), e.getValue()[0], e.getValue()[1]);
                if (pointSeries.contains(e.getKey())) {
                    s.setMarker(SeriesMarkers.CIRCLE);
                    s.setLineStyle(org.knowm.xchart.style.lines.SeriesLines.NONE);
                } else {
                    s.setMarker(e.getValue()[0].length > 40 ? SeriesMarkers.NONE : SeriesMarkers.CIRCLE);
                }
            }
            if (!Double.isNaN(markerX) && !series.isEmpty()) {
                double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
                for (double[][] xy : series.values()) {
                    for (double v : xy[1]) {
                        if (Double.isFinite(v)) {
                            lo = Math.min(lo, v);
                            hi = Math.max(hi, v);
                        }
                    }
                }
                if (lo <= hi) {
                    var m = chart.addSeries(markerLabel != null ? markerLabel : "x = " + (long) markerX, new double[] {markerX, markerX}, new double[] {lo, hi});
                    m.setMarker(SeriesMarkers.NONE);
                    m.setLineColor(java.awt.Color.GRAY);
                }
            }
            return BitmapEncoder.getBufferedImage(chart);
        }
    }

    /** Starts a grouped bar chart: one bar per series in each category (two distributions side by side, say). */
    public static Bars bars(String title, String xLabel, String yLabel) {
        return new Bars(title, xLabel, yLabel, java.util.List.of(), new LinkedHashMap<>());
    }

    /**
     * An immutable grouped bar chart; {@link #image()} renders it. Category labels are the ticks: long ones are
     * cut to 18 characters and, with many categories, turned so they stay readable.
     *
     * <pre>{@code
     * Charts.bars("temp_max", "bucket", "share of values")
     *     .categories(List.of("0–5", "5–10")).series("baseline", new double[] {0.4, 0.6}).series("current", new double[] {0.1, 0.9});
     * }</pre>
     */
    public static final class Bars {
        private final String title, xLabel, yLabel;
        private final java.util.List<String> categories;
        private final LinkedHashMap<String, double[]> series;

        private Bars(String title, String xLabel, String yLabel, java.util.List<String> categories, LinkedHashMap<String, double[]> series) {
            this.title = title;
            this.xLabel = xLabel;
            this.yLabel = yLabel;
            this.categories = categories;
            this.series = series;
        }

        /** The categories (the bars' labels), in order; each series has one value per category. */
        public Bars categories(java.util.List<String> labels) {
            return new Bars(title, xLabel, yLabel, java.util.List.copyOf(labels), series);
        }

        /** Adds a series (copies the values). */
        public Bars series(String name, double[] values) {
            if (values.length != categories.size()) {
                throw new IllegalArgumentException("series=" + name + ": " + values.length + " values for " + categories.size() + " categories");
            }
            LinkedHashMap<String, double[]> copy = new LinkedHashMap<>(series);
            copy.put(name, values.clone());
            return new Bars(title, xLabel, yLabel, categories, copy);
        }

        public BufferedImage image() {
            org.knowm.xchart.CategoryChart chart = new org.knowm.xchart.CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title)
                    .xAxisTitle(xLabel).yAxisTitle(yLabel).build();
            chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
            chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
            chart.getStyler().setPlotGridLinesVisible(true);
            chart.getStyler().setOverlapped(false);
            chart.getStyler().setYAxisDecimalPattern("0.00");
            if (categories.size() > 6) chart.getStyler().setXAxisLabelRotation(45);
            java.util.List<String> ticks = new java.util.ArrayList<>();
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (String c : categories) {
                String t = c.length() > 18 ? c.substring(0, 17) + "…" : c;
                while (!seen.add(t)) t = t + " ";   // XChart needs distinct labels
                ticks.add(t);
            }
            for (Map.Entry<String, double[]> e : series.entrySet()) {
                java.util.List<Double> ys = new java.util.ArrayList<>();
                for (double v : e.getValue()) ys.add(v);
                chart.addSeries(e.getKey(), ticks, ys);
            }
            return BitmapEncoder.getBufferedImage(chart);
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
