package dev.holdout.notebooks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.mime.MIMEType;

/**
 * Keeps one cell from showing the same picture twice. Many results carry their chart inside their HTML (a training
 * result has its learning curve, a tuning result its objective chart), so a cell that also displays the chart itself —
 * {@code display(result.learningCurve().image()); result} — used to show it twice, once as {@code image/png} and once
 * inside the HTML. The kernel now remembers the pictures a cell has shown: a repeated {@code image/png} display is
 * dropped, and a repeated picture inside HTML is replaced by a one-line note pointing up.
 *
 * <pre>{@code
 * RepeatedImages shown = new RepeatedImages();   // one per cell
 * shown.firstShowing(png);    // png
 * shown.firstShowing(png);    // null: nothing new to show
 * }</pre>
 */
final class RepeatedImages {
    /** An inline PNG inside HTML, as {@code dev.holdout.report.Html.image} writes it. */
    private static final Pattern HTML_IMAGE = Pattern.compile("<img\\b[^>]*src=\"data:image/png;base64,([A-Za-z0-9+/=]+)\"[^>]*>");
    static final String NOTE = "<p class=\"note\">(the same chart is shown above)</p>";

    private final Set<String> seen = new HashSet<>();

    /** Forgets what was shown: a new cell starts. */
    void clear() {
        seen.clear();
    }

    /** {@code data} without the pictures this cell has already shown; null when nothing else is left to show. */
    DisplayData firstShowing(DisplayData data) {
        if (data == null) return null;
        Object png = data.getData(MIMEType.IMAGE_PNG);
        if (png instanceof String base64) {
            // a picture display: shown once; its text form alone is not worth a second output
            return seen.add(digest(base64)) ? data : null;
        }
        Object html = data.getData(MIMEType.TEXT_HTML);
        if (!(html instanceof String page) || !page.contains("data:image/png;base64,")) return data;
        Matcher m = HTML_IMAGE.matcher(page);
        StringBuilder out = new StringBuilder();
        boolean changed = false;
        while (m.find()) {
            boolean first = seen.add(digest(m.group(1)));
            m.appendReplacement(out, Matcher.quoteReplacement(first ? m.group() : NOTE));
            changed |= !first;
        }
        m.appendTail(out);
        if (!changed) return data;
        Object text = data.getData(MIMEType.TEXT_PLAIN);
        DisplayData copy = new DisplayData(text == null ? "" : text.toString());
        copy.putHTML(out.toString());
        Object markdown = data.getData(MIMEType.TEXT_MARKDOWN);
        if (markdown != null) copy.putMarkdown(markdown.toString());
        if (data.hasDisplayId()) copy.setDisplayId(data.getDisplayId());
        return copy;
    }

    private static String digest(String base64) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(base64.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }
}
