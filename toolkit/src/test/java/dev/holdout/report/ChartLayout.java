package dev.holdout.report;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.Rectangle2D;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Axis;
import org.knowm.xchart.internal.chartpart.AxisPair;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.chartpart.ChartPart;
import org.knowm.xchart.internal.chartpart.Legend_;
import org.knowm.xchart.style.AxesChartStyler;

/**
 * What a rendered chart shows, read back from XChart after painting: the tick labels drawn on each axis with their
 * positions and sizes, the plot area, the legend's box, the titles. XChart keeps these in its (internal) chart parts,
 * so this reads them by reflection; a test of the picture itself, not of the code that asked for it.
 */
record ChartLayout(String title, String xTitle, String yTitle, List<Tick> xTicks, List<Tick> yTicks, Rectangle2D plot,
                   Rectangle2D legend, double titleWidth, double xTitleWidth, double yTitleWidth, double width) {

    /** One drawn tick label: its text, its centre along the axis (pixels) and its width and height. */
    record Tick(String label, double at, double width, double height) {}

    static ChartLayout of(Charts.Figure figure) {
        Chart<?, ?> chart = Charts.xchart(figure);
        BitmapEncoder.getBufferedImage(chart); // paints: XChart lays out the parts while painting
        try {
            AxisPair<?, ?> axes = (AxisPair<?, ?>) field(chart, "axisPair");
            Axis<?, ?> x = axes.getXAxis();
            Method yGetter = AxisPair.class.getDeclaredMethod("getYAxis");
            yGetter.setAccessible(true);
            Axis<?, ?> y = (Axis<?, ?>) yGetter.invoke(axes);
            AxesChartStyler styler = (AxesChartStyler) chart.getStyler();
            Rectangle2D plot = ((ChartPart) field(chart, "plot")).getBounds();
            Rectangle2D legend = styler.isLegendVisible() ? legendBox(field(chart, "legend")) : null;
            return new ChartLayout(chart.getTitle(), chart.getXAxisTitle(), chart.getYAxisTitle(),
                    ticks(x, styler.getAxisTickLabelsFont(), x.getBounds().getWidth(), styler.getXAxisLabelRotation()),
                    ticks(y, styler.getAxisTickLabelsFont(), y.getBounds().getHeight(), 0), plot, legend,
                    textWidth(chart.getTitle(), styler.getChartTitleFont()), textWidth(chart.getXAxisTitle(), styler.getAxisTitleFont()),
                    textWidth(chart.getYAxisTitle(), styler.getAxisTitleFont()), chart.getWidth());
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("XChart's chart parts could not be read (another XChart version?)", e);
        }
    }

    private static double textWidth(String text, Font font) {
        if (text == null || text.isEmpty()) return 0;
        return new TextLayout(text, font, new FontRenderContext(null, true, false)).getBounds().getWidth();
    }

    /** The labels XChart draws: those whose location falls inside the axis (it skips the rest, as AxisTickLabels does). */
    private static List<Tick> ticks(Axis<?, ?> axis, Font font, double length, int rotation) {
        List<String> labels = axis.getAxisTickCalculator().getTickLabels();
        List<Double> at = axis.getAxisTickCalculator().getTickLocations();
        List<Tick> out = new ArrayList<>();
        FontRenderContext frc = new FontRenderContext(null, true, false);
        for (int i = 0; i < labels.size(); i++) {
            String label = labels.get(i);
            if (label == null || label.isEmpty() || !(at.get(i) > 0 && at.get(i) < length)) continue;
            // the box a label takes on the axis, turned as XChart turns it (AxisTickLabels)
            java.awt.geom.AffineTransform rot = rotation == 0 ? null : java.awt.geom.AffineTransform.getRotateInstance(-Math.toRadians(rotation));
            Rectangle2D b = new TextLayout(label, font, frc).getOutline(rot).getBounds2D();
            out.add(new Tick(label, at.get(i), b.getWidth(), b.getHeight()));
        }
        out.sort((a, b) -> Double.compare(a.at(), b.at()));
        return out;
    }

    /** The legend's bounds hold only its size; where it was drawn is in its xOffset and yOffset. */
    private static Rectangle2D legendBox(Object legend) throws ReflectiveOperationException {
        Rectangle2D size = ((ChartPart) legend).getBounds();
        Field x = Legend_.class.getDeclaredField("xOffset"), y = Legend_.class.getDeclaredField("yOffset");
        x.setAccessible(true);
        y.setAccessible(true);
        return new Rectangle2D.Double(x.getDouble(legend), y.getDouble(legend), size.getWidth(), size.getHeight());
    }

    private static Object field(Object chart, String name) throws ReflectiveOperationException {
        Field f = Chart.class.getDeclaredField(name);
        f.setAccessible(true);
        return f.get(chart);
    }

    /** Significant digits of a numeric label ("0.0253" → 3, "25000" → 2, "2012" → 4); -1 for a text label. */
    static int significantDigits(String label) {
        String s = label.startsWith("-") ? label.substring(1) : label;
        if (!s.matches("\\d+(\\.\\d+)?")) return -1;
        String digits = s.replace(".", "").replaceFirst("^0+", "");
        if (!s.contains(".")) digits = digits.replaceFirst("0+$", "");
        return digits.length();
    }
}
