package dev.holdout.report;

import java.awt.image.BufferedImage;
import java.util.List;

/**
 * Small HTML building blocks shared by every report that renders in notebooks and run folders.
 *
 * <pre>{@code
 * Html.table(List.of("part", "rows"), List.of(List.of("train", "1096")));
 * // <table class="holdout"><thead><tr><th>part</th><th>rows</th></tr></thead><tbody>...
 * }</pre>
 */
public final class Html {
    private Html() {}

    /** Escapes {@code & < > " '}. */
    public static String escape(Object value) {
        String s = String.valueOf(value);
        StringBuilder sb = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> sb.append(c);
            }
        }
        return sb.toString();
    }

    /** A table with a header row; every cell is escaped. */
    public static String table(List<String> header, List<? extends List<?>> rows) {
        StringBuilder sb = new StringBuilder("<table class=\"holdout\"><thead><tr>");
        for (String h : header) sb.append("<th>").append(escape(h)).append("</th>");
        sb.append("</tr></thead><tbody>");
        for (List<?> row : rows) {
            sb.append("<tr>");
            for (Object cell : row) sb.append("<td>").append(escape(cell)).append("</td>");
            sb.append("</tr>");
        }
        return sb.append("</tbody></table>").toString();
    }

    /** An inline PNG image. */
    public static String image(BufferedImage image, String alt) {
        return "<img alt=\"" + escape(alt) + "\" src=\"data:image/png;base64,"
                + java.util.Base64.getEncoder().encodeToString(Charts.png(image)) + "\"/>";
    }

    /** A complete standalone page with a small readable stylesheet. */
    public static String page(String title, String body) {
        return "<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + escape(title) + "</title>"
                + "<style>body{font-family:sans-serif;max-width:1100px;margin:2em auto;color:#222}"
                + "table.holdout{border-collapse:collapse;margin:1em 0}"
                + "table.holdout th,table.holdout td{border:1px solid #ccc;padding:4px 8px;text-align:right}"
                + "table.holdout th{background:#f3f3f3}.note{color:#555}</style></head><body><h1>"
                + escape(title) + "</h1>" + body + "</body></html>";
    }
}
