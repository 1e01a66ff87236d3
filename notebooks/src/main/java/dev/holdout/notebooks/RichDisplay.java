package dev.holdout.notebooks;

import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import java.awt.image.RenderedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import javax.imageio.ImageIO;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.internal.chartpart.Chart;
import tech.tablesaw.table.Relation;

/**
 * Turns a cell's value into Jupyter display data: what a learner sees under a cell.
 *
 * <ul>
 *   <li>a Tablesaw {@code Table} (any {@code Relation}): an HTML table of the first {@value #TABLE_ROWS} rows,
 *       with its size; plain text as a fallback;</li>
 *   <li>a {@code BufferedImage} (any {@code RenderedImage}), an XChart chart or a {@link Charts.Line}:
 *       {@code image/png};</li>
 *   <li>any object with a public no-argument {@code String toHtml()} — metric reports, split summaries —
 *       {@code text/html}, with {@code toString()} as the plain-text fallback;</li>
 *   <li>anything else: {@code text/plain} (arrays element by element).</li>
 * </ul>
 *
 * <pre>{@code
 * DisplayData d = RichDisplay.render(Table.create("t", IntColumn.create("x", 1, 2)));
 * d.getData(MIMEType.TEXT_HTML); // "<p class=\"holdout-table\"><b>t</b>: 2 rows × 1 column</p><table ..."
 * }</pre>
 */
public final class RichDisplay {
    /** How many rows of a table are shown. */
    public static final int TABLE_ROWS = 10;

    private RichDisplay() {}

    /** The display data for {@code value}; never null ({@code "null"} for null). */
    public static DisplayData render(Object value) {
        if (value instanceof DisplayData data) return data;
        if (value instanceof Relation table) return table(table);
        if (value instanceof RenderedImage image) return png(image, "image");
        if (value instanceof Charts.Line line) return png(line.image(), "chart");
        if (value instanceof Chart<?, ?> chart) return png(BitmapEncoder.getBufferedImage(chart), "chart");
        String html = toHtml(value);
        DisplayData data = new DisplayData(plainText(value));
        if (html != null) data.putHTML(html);
        return data;
    }

    static String plainText(Object value) {
        if (value == null) return "null";
        if (value instanceof Object[] array) return Arrays.deepToString(array);
        if (value instanceof double[] a) return Arrays.toString(a);
        if (value instanceof int[] a) return Arrays.toString(a);
        if (value instanceof long[] a) return Arrays.toString(a);
        if (value instanceof float[] a) return Arrays.toString(a);
        if (value instanceof boolean[] a) return Arrays.toString(a);
        if (value instanceof char[] a) return Arrays.toString(a);
        if (value instanceof byte[] a) return Arrays.toString(a);
        if (value instanceof short[] a) return Arrays.toString(a);
        return String.valueOf(value);
    }

    /** The result of a public no-argument {@code toHtml()} returning a String, or null if there is none. */
    static String toHtml(Object value) {
        if (value == null) return null;
        Method method;
        try {
            method = value.getClass().getMethod("toHtml");
        } catch (NoSuchMethodException e) {
            return null;
        }
        if (method.getReturnType() != String.class || Modifier.isStatic(method.getModifiers())) return null;
        try {
            // A record or class in a non-exported or package-private type: the public method may still need this.
            method.setAccessible(true);
            return (String) method.invoke(value);
        } catch (InvocationTargetException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) throw re;
            throw new IllegalStateException("toHtml() of " + value.getClass().getName() + " failed: " + cause, cause);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    private static DisplayData table(Relation table) {
        int rows = table.rowCount();
        int shown = Math.min(rows, TABLE_ROWS);
        List<String> header = table.columnNames();
        List<List<String>> body = new ArrayList<>(shown);
        for (int r = 0; r < shown; r++) {
            List<String> row = new ArrayList<>(table.columnCount());
            for (int c = 0; c < table.columnCount(); c++) row.add(table.column(c).getString(r));
            body.add(row);
        }
        String size = rows + (rows == 1 ? " row" : " rows") + " × " + table.columnCount()
                + (table.columnCount() == 1 ? " column" : " columns");
        String name = table.name() == null || table.name().isBlank() ? "table" : table.name();
        String more = rows > shown ? "<p class=\"note\">first " + shown + " of " + rows + " rows</p>" : "";
        String html = "<p class=\"holdout-table\"><b>" + Html.escape(name) + "</b>: " + size + "</p>"
                + Html.table(header, body) + more;
        String text = name + ": " + size + "\n" + (rows > shown ? table.first(shown).print() : table.print());
        DisplayData data = new DisplayData(text);
        data.putHTML(html);
        return data;
    }

    private static DisplayData png(RenderedImage image, String alt) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            ImageIO.write(image, "png", bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        DisplayData data = new DisplayData("<" + alt + " " + image.getWidth() + "×" + image.getHeight() + ">");
        data.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(bytes.toByteArray()));
        return data;
    }
}
