package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.util.Base64;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class RichDisplayTest {
    public record Report(int n) {
        public String toHtml() {
            return "<b>" + n + "</b>";
        }
    }

    public record Broken() {
        public String toHtml() {
            throw new IllegalStateException("no data yet");
        }
    }

    public record NotHtml() {
        public int toHtml() {
            return 1;
        }
    }

    @Test
    void tableShowsHeaderFirstRowsAndSizeEscaped() {
        Table t = Table.create("t<1>", IntColumn.create("x", new int[25]), StringColumn.create("s", new String[25]));
        t.stringColumn("s").set(0, "<script>");
        DisplayData d = RichDisplay.render(t);
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("<b>t&lt;1&gt;</b>: 25 rows × 2 columns"), html);
        assertTrue(html.contains("&lt;script&gt;") && !html.contains("<script>"), "cells are escaped");
        assertTrue(html.contains("first 10 of 25 rows"));
        assertEquals(11, html.split("<tr>", -1).length - 1, "header and " + RichDisplay.TABLE_ROWS + " rows");
    }

    @Test
    void smallTableHasNoMoreRowsNote() {
        DisplayData d = RichDisplay.render(Table.create("one", IntColumn.create("x", 1)));
        String html = (String) d.getData(MIMEType.TEXT_HTML);
        assertTrue(html.contains("1 row × 1 column"), html);
        assertFalse(html.contains("first "));
    }

    @Test
    void imageIsPng() {
        DisplayData d = RichDisplay.render(new BufferedImage(3, 2, BufferedImage.TYPE_INT_ARGB));
        byte[] png = Base64.getDecoder().decode((String) d.getData(MIMEType.IMAGE_PNG));
        assertEquals("PNG", new String(png, 1, 3, java.nio.charset.StandardCharsets.US_ASCII));
        assertEquals("<image 3×2>", d.getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void toHtmlIsUsedWhenPresentAndReturnsAString() {
        DisplayData d = RichDisplay.render(new Report(3));
        assertEquals("<b>3</b>", d.getData(MIMEType.TEXT_HTML));
        assertEquals("Report[n=3]", d.getData(MIMEType.TEXT_PLAIN));
        assertNull(RichDisplay.render(new NotHtml()).getData(MIMEType.TEXT_HTML), "toHtml() must return a String");
        assertNull(RichDisplay.render("plain").getData(MIMEType.TEXT_HTML));
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> RichDisplay.render(new Broken()));
        assertEquals("no data yet", e.getMessage(), "a failing toHtml() fails the cell with its own message");
    }

    public record Point(int x, String label) {}

    @Test
    void recordsListsSetsAndMapsShowAsTablesOfTheirFirstRows() {
        String record = (String) RichDisplay.render(new Point(1, "a&b")).getData(MIMEType.TEXT_HTML);
        assertEquals("<table class=\"holdout\"><thead><tr><th>x</th><th>label</th></tr></thead><tbody>"
                + "<tr><td>1</td><td>a&amp;b</td></tr></tbody></table>", record);
        java.util.List<Integer> numbers = java.util.stream.IntStream.range(0, 25).boxed().toList();
        DisplayData list = RichDisplay.render(numbers);
        String html = (String) list.getData(MIMEType.TEXT_HTML);
        assertTrue(html.startsWith("<p class=\"holdout-table\">25 items</p>") && html.contains("first 10 of 25 items"), html);
        assertEquals(11, html.split("<tr>", -1).length - 1, "header and " + RichDisplay.TABLE_ROWS + " rows");
        assertEquals(numbers.toString(), list.getData(MIMEType.TEXT_PLAIN), "plain text as before");
        String mixed = (String) RichDisplay.render(java.util.List.of(new Point(1, "a"), "text")).getData(MIMEType.TEXT_HTML);
        assertTrue(mixed.contains("<th>#</th><th>value</th>") && mixed.contains("<td>Point[x=1, label=a]</td>"), mixed);
        String set = (String) RichDisplay.render(new java.util.TreeSet<>(java.util.Set.of("b", "a"))).getData(MIMEType.TEXT_HTML);
        assertTrue(set.contains("<tr><td>0</td><td>a</td></tr><tr><td>1</td><td>b</td></tr>"), set);
        String map = (String) RichDisplay.render(java.util.Map.of("k", java.util.List.of(1, 2))).getData(MIMEType.TEXT_HTML);
        assertTrue(map.contains("1 entry") && map.contains("<tr><td>k</td><td>[1, 2]</td></tr>"), map);
        assertNull(RichDisplay.render(new java.util.ArrayDeque<>(java.util.List.of(1))).getData(MIMEType.TEXT_HTML),
                "other collections: plain text");
    }

    @Test
    void arraysShowTheirElements() {
        assertEquals("[1.5, 2.0]", RichDisplay.render(new double[] {1.5, 2}).getData(MIMEType.TEXT_PLAIN));
        assertEquals("[[1, 2], [3]]", RichDisplay.render(new int[][] {{1, 2}, {3}}).getData(MIMEType.TEXT_PLAIN));
        assertEquals("null", RichDisplay.render(null).getData(MIMEType.TEXT_PLAIN));
    }

    @Test
    void semicolonRuleIgnoresTrailingCommentsAndWhitespace() {
        assertTrue(HoldoutKernel.endsWithSemicolon("x + 1;"));
        assertTrue(HoldoutKernel.endsWithSemicolon("x + 1;  // quiet\n  "));
        assertFalse(HoldoutKernel.endsWithSemicolon("x + 1"));
        assertFalse(HoldoutKernel.endsWithSemicolon("x + 1 // shown"));
        assertFalse(HoldoutKernel.endsWithSemicolon("\"a;\""));
    }
}
