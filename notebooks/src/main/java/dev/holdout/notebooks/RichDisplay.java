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
import java.lang.reflect.RecordComponent;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 *   <li>a {@code BufferedImage} (any {@code RenderedImage}), an XChart chart or a {@link Charts.Figure}:
 *       {@code image/png}; a figure's plain text is its {@link Charts.Figure#describe() description} (title, axes,
 *       series and their ranges), which notebooks store beside the picture;</li>
 *   <li>any object with a public no-argument {@code String toHtml()} — metric reports, split summaries —
 *       {@code text/html}, with {@code toString()} as the plain-text fallback;</li>
 *   <li>a record: an HTML table of its components; a {@code List} or {@code Set}: one row per element (a column
 *       per component when the elements are records of one type); a {@code Map}: key and value columns — the first
 *       {@value #TABLE_ROWS} rows, with {@code toString()} as the plain text;</li>
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
        if (value instanceof Charts.Figure figure) return png(figure.image(), figure.describe());
        if (value instanceof Chart<?, ?> chart) {
            return png(BitmapEncoder.getBufferedImage(chart), "chart \"" + chart.getTitle() + "\" " + chart.getWidth() + "×" + chart.getHeight());
        }
        String html = toHtml(value);
        if (html == null) html = structureHtml(value);
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

    /** Longest text shown in one cell of a record, list or map table. */
    static final int CELL_CHARS = 200;

    /** An HTML table for a record, a list or set, or a map; null for anything else. */
    static String structureHtml(Object value) {
        if (value instanceof Record r) {
            if (r.getClass().getRecordComponents().length == 0) return null;
            return Html.table(componentNames(r.getClass()), List.of(componentValues(r)));
        }
        if (value instanceof Map<?, ?> map) {
            List<List<String>> body = new ArrayList<>();
            for (Map.Entry<?, ?> e : map.entrySet()) {
                if (body.size() == TABLE_ROWS) break;
                body.add(List.of(cell(e.getKey()), cell(e.getValue())));
            }
            return sized(map.size(), map.size() == 1 ? "entry" : "entries", Html.table(List.of("key", "value"), body));
        }
        if (value instanceof Collection<?> items && (value instanceof List || value instanceof Set)) {
            Class<?> recordType = commonRecordType(items);
            List<List<String>> body = new ArrayList<>();
            int i = 0;
            for (Object item : items) {
                if (body.size() == TABLE_ROWS) break;
                List<String> row = new ArrayList<>();
                row.add(String.valueOf(i++));
                if (recordType != null) row.addAll(componentValues((Record) item));
                else row.add(cell(item));
                body.add(row);
            }
            List<String> header = new ArrayList<>(List.of("#"));
            if (recordType != null) header.addAll(componentNames(recordType));
            else header.add("value");
            return sized(items.size(), items.size() == 1 ? "item" : "items", Html.table(header, body));
        }
        return null;
    }

    private static String sized(int size, String noun, String table) {
        String more = size > TABLE_ROWS ? "<p class=\"note\">first " + TABLE_ROWS + " of " + size + " " + noun + "</p>" : "";
        return "<p class=\"holdout-table\">" + size + " " + noun + "</p>" + table + more;
    }

    /** The record class every element has, or null (a null element, a non-record, or two record types). */
    private static Class<?> commonRecordType(Collection<?> items) {
        Class<?> type = null;
        for (Object item : items) {
            if (item == null || !item.getClass().isRecord()) return null;
            if (type == null) type = item.getClass();
            else if (type != item.getClass()) return null;
        }
        return type;
    }

    private static List<String> componentNames(Class<?> recordType) {
        List<String> names = new ArrayList<>();
        for (RecordComponent c : recordType.getRecordComponents()) names.add(c.getName());
        return names;
    }

    private static List<String> componentValues(Record r) {
        List<String> values = new ArrayList<>();
        for (RecordComponent c : r.getClass().getRecordComponents()) {
            Object v;
            try {
                Method accessor = c.getAccessor();
                accessor.setAccessible(true); // a record declared in a cell, or in a non-public class
                v = accessor.invoke(r);
            } catch (ReflectiveOperationException | RuntimeException e) {
                v = "?";
            }
            values.add(cell(v));
        }
        return values;
    }

    private static String cell(Object v) {
        String text = plainText(v);
        return text.length() > CELL_CHARS ? text.substring(0, CELL_CHARS - 1) + "…" : text;
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
        DisplayData data = new DisplayData(alt.equals("image") ? "<image " + image.getWidth() + "×" + image.getHeight() + ">" : alt);
        data.putData(MIMEType.IMAGE_PNG, Base64.getEncoder().encodeToString(bytes.toByteArray()));
        return data;
    }
}
