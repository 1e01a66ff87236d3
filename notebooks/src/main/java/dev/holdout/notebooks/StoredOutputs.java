package dev.holdout.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.report.Charts;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Notebooks stored with their outputs, so a learner can read the course without running it, and checked against a
 * fresh run, so a stored number can never drift from what the code produces.
 *
 * <p>What is stored is an executed notebook with its volatile parts removed: execution counts, nbclient's per-cell
 * timing metadata and the kernel's version ({@code metadata.language_info.version}) are dropped, and consecutive
 * stream outputs of one name are joined (the kernel batches what a cell prints, so where one message ends depends on
 * timing). The notebook metadata records {@code holdout.rendering}, a fingerprint of how this machine draws a
 * reference chart (JDK, fonts), written by {@link #renderingFingerprint()}.
 *
 * <p>Comparing a stored notebook with a fresh run: the same code cells with the same sources, the same outputs in the
 * same order, the same MIME types, and equal contents except for these documented tolerances:
 * <ul>
 *   <li><b>timings</b>: a number followed by a time unit ({@code 0.9 s}, {@code 120 ms}, {@code 3 seconds}), and every
 *       cell of an HTML table column headed {@code seconds}, {@code time} or {@code ... (s)}, compare as equal whatever
 *       their values;</li>
 *   <li><b>paths</b>: absolute file paths ({@code /tmp/holdout-123/job}) compare as equal;</li>
 *   <li><b>pictures</b> ({@code image/png}, also inline in HTML) compare byte for byte when this machine renders the
 *       reference charts as the stored notebook's machine did (same fingerprint), else by their dimensions only — their
 *       text form (a chart's description: title, axes, series and ranges) is compared either way.</li>
 * </ul>
 * {@link #update} writes fresh outputs but keeps a stored output wherever it equals the fresh one under these
 * tolerances (pictures byte for byte), so a rerun that changes no number changes no byte of the file.
 *
 * <pre>{@code
 * JsonNode stored = StoredOutputs.read(Path.of("notebooks/02-leakage.ipynb"));
 * JsonNode fresh = StoredOutputs.clean(StoredOutputs.read(executedCopy));
 * StoredOutputs.differences(stored, fresh);   // [] when the stored outputs still hold
 * }</pre>
 */
public final class StoredOutputs {
    private StoredOutputs() {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    /** Where the fingerprint of the machine that rendered the stored pictures is kept, under {@code metadata}. */
    public static final String METADATA_KEY = "holdout";

    static final Pattern TIME = Pattern.compile("(?<![\\w.])\\d+(?:\\.\\d+)?\\s?(?:ms|s|sec|seconds?|min)\\b");
    static final Pattern PATH = Pattern.compile("(?<![\\w.:/])/(?:[\\w.+-]+/)+[\\w.+-]*");
    static final Pattern INLINE_PNG = Pattern.compile("data:image/png;base64,([A-Za-z0-9+/=]+)");
    private static final Pattern TABLE = Pattern.compile("<table\\b.*?</table>", Pattern.DOTALL);
    private static final Pattern HEADER_CELL = Pattern.compile("<th\\b[^>]*>(.*?)</th>", Pattern.DOTALL);
    private static final Pattern ROW = Pattern.compile("<tr\\b[^>]*>(.*?)</tr>", Pattern.DOTALL);
    private static final Pattern DATA_CELL = Pattern.compile("(<td\\b[^>]*>)(.*?)(</td>)", Pattern.DOTALL);
    private static final Pattern TIMING_HEADER = Pattern.compile("(?i)\\s*(seconds|time|.*\\((s|ms)\\))\\s*");

    public static JsonNode read(Path notebook) throws IOException {
        return JSON.readTree(notebook.toFile());
    }

    /**
     * {@code executed} as it is stored: no execution counts, no per-cell execution metadata, no kernel version,
     * streams joined, text in nbformat's list-of-lines form, and the rendering fingerprint in the metadata.
     */
    public static ObjectNode clean(JsonNode executed) {
        ObjectNode nb = executed.deepCopy();
        JsonNode info = nb.path("metadata").path("language_info");
        if (info instanceof ObjectNode languageInfo) languageInfo.remove("version");
        if (nb.path("metadata") instanceof ObjectNode metadata) {
            metadata.putObject(METADATA_KEY).put("rendering", renderingFingerprint());
        }
        for (JsonNode cell : nb.path("cells")) {
            ObjectNode c = (ObjectNode) cell;
            if (c.path("metadata") instanceof ObjectNode m) {
                m.remove("execution");
                m.remove("ExecuteTime");
            }
            c.set("source", lines(text(c.path("source"))));
            if (!"code".equals(c.path("cell_type").asText())) continue;
            c.putNull("execution_count");
            ArrayNode outputs = NODES.arrayNode();
            for (JsonNode output : c.path("outputs")) {
                ObjectNode o = ((ObjectNode) output).deepCopy();
                if (o.has("execution_count")) o.putNull("execution_count");
                if ("stream".equals(o.path("output_type").asText())) {
                    JsonNode last = outputs.isEmpty() ? null : outputs.get(outputs.size() - 1);
                    if (last != null && "stream".equals(last.path("output_type").asText())
                            && last.path("name").asText().equals(o.path("name").asText())) {
                        ((ObjectNode) last).set("text", lines(text(last.path("text")) + text(o.path("text"))));
                        continue;
                    }
                    o.set("text", lines(text(o.path("text"))));
                }
                if (o.path("data") instanceof ObjectNode data) {
                    for (Iterator<Map.Entry<String, JsonNode>> it = data.fields(); it.hasNext(); ) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (splitsIntoLines(e.getKey())) e.setValue(lines(text(e.getValue())));
                    }
                }
                outputs.add(o);
            }
            c.set("outputs", outputs);
        }
        return nb;
    }

    /** Whether nbformat stores this MIME type's text as a list of lines (text, HTML, Markdown: not images or JSON). */
    private static boolean splitsIntoLines(String mime) {
        return !mime.startsWith("image/") && !mime.endsWith("json");
    }

    /** True when {@code notebook} has no code cell with outputs (committed before it was ever run). */
    public static boolean hasNoOutputs(JsonNode notebook) {
        for (JsonNode cell : notebook.path("cells")) {
            if (cell.path("outputs").size() > 0) return false;
        }
        return true;
    }

    /**
     * How the stored outputs of {@code stored} differ from {@code fresh} (both {@linkplain #clean cleaned}), beyond
     * the tolerances; empty when they match. Each difference names the cell (number and first line) and the output.
     */
    public static List<String> differences(JsonNode stored, JsonNode fresh) {
        List<String> out = new ArrayList<>();
        boolean exactPictures = renderedAlike(stored, fresh);
        List<JsonNode> a = codeCells(stored), b = codeCells(fresh);
        if (a.size() != b.size()) {
            out.add("the stored notebook has " + a.size() + " code cells, the fresh run " + b.size());
            return out;
        }
        for (int i = 0; i < a.size(); i++) {
            String where = "cell " + (i + 1) + " (" + firstLine(a.get(i)) + ")";
            if (!text(a.get(i).path("source")).equals(text(b.get(i).path("source")))) {
                out.add(where + ": its source differs from the executed copy's");
                continue;
            }
            JsonNode sa = a.get(i).path("outputs"), sb = b.get(i).path("outputs");
            if (sa.size() != sb.size()) {
                out.add(where + ": " + sa.size() + " stored outputs (" + kinds(sa) + "), " + sb.size() + " now (" + kinds(sb) + ")");
                continue;
            }
            for (int k = 0; k < sa.size(); k++) {
                String d = difference(sa.get(k), sb.get(k), exactPictures);
                if (d != null) out.add(where + ", output " + (k + 1) + ": " + d);
            }
        }
        return out;
    }

    /**
     * {@code fresh} (cleaned) as the new stored notebook, with each output replaced by the stored one where the two
     * are equal under the tolerances (pictures byte for byte) — so only outputs whose content moved change in the
     * file, and every picture in it is one this machine draws.
     */
    public static ObjectNode update(JsonNode stored, JsonNode fresh) {
        ObjectNode result = fresh.deepCopy();
        List<JsonNode> a = codeCells(stored), b = codeCells(result);
        if (a.size() == b.size()) {
            for (int i = 0; i < a.size(); i++) {
                JsonNode sa = a.get(i).path("outputs");
                ArrayNode sb = (ArrayNode) b.get(i).path("outputs");
                if (sa.size() != sb.size() || !text(a.get(i).path("source")).equals(text(b.get(i).path("source")))) continue;
                for (int k = 0; k < sa.size(); k++) {
                    // pictures compare byte for byte here: the stored notebook then holds this machine's pictures only,
                    // under this machine's fingerprint (the fresh one's)
                    if (difference(sa.get(k), sb.get(k), true) == null) sb.set(k, sa.get(k).deepCopy());
                }
            }
        }
        return result;
    }

    /** Whether both notebooks' pictures were drawn by machines that render the reference chart identically. */
    private static boolean renderedAlike(JsonNode stored, JsonNode fresh) {
        String s = stored.path("metadata").path(METADATA_KEY).path("rendering").asText("");
        String f = fresh.path("metadata").path(METADATA_KEY).path("rendering").asText("");
        return !s.isEmpty() && s.equals(f);
    }

    private static String difference(JsonNode stored, JsonNode fresh, boolean exactPictures) {
        String type = stored.path("output_type").asText();
        if (!type.equals(fresh.path("output_type").asText())) {
            return "a stored " + type + " output, now " + fresh.path("output_type").asText();
        }
        if (type.equals("stream")) {
            if (!stored.path("name").asText().equals(fresh.path("name").asText())) {
                return "stored " + stored.path("name").asText() + ", now " + fresh.path("name").asText();
            }
            return textDifference(stored.path("name").asText(), text(stored.path("text")), text(fresh.path("text")));
        }
        if (type.equals("error")) {
            return stored.path("evalue").asText().equals(fresh.path("evalue").asText()) ? null
                    : "error '" + stored.path("evalue").asText() + "', now '" + fresh.path("evalue").asText() + "'";
        }
        JsonNode da = stored.path("data"), db = fresh.path("data");
        List<String> ma = new ArrayList<>(), mb = new ArrayList<>();
        da.fieldNames().forEachRemaining(ma::add);
        db.fieldNames().forEachRemaining(mb::add);
        if (!ma.equals(mb)) return "MIME types " + ma + ", now " + mb;
        for (String mime : ma) {
            String d;
            if (mime.startsWith("image/")) {
                d = pictureDifference(text(da.path(mime)), text(db.path(mime)), exactPictures);
            } else {
                d = textDifference(mime, pictures(text(da.path(mime)), exactPictures), pictures(text(db.path(mime)), exactPictures));
            }
            if (d != null) return d;
        }
        return null;
    }

    /** Inline pictures in HTML: kept for a byte comparison, or replaced by their dimensions. */
    private static String pictures(String html, boolean exact) {
        if (exact || !html.contains("data:image/png;base64,")) return html;
        Matcher m = INLINE_PNG.matcher(html);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, "data:image/png;" + dimensions(m.group(1)));
        m.appendTail(out);
        return out.toString();
    }

    private static String pictureDifference(String stored, String fresh, boolean exact) {
        if (exact) return stored.equals(fresh) ? null : "the picture differs (" + dimensions(stored) + ")";
        String a = dimensions(stored), b = dimensions(fresh);
        return a.equals(b) ? null : "a picture of " + a + ", now " + b;
    }

    /** A PNG's width × height from its IHDR chunk (bytes 16-23), without decoding it. */
    static String dimensions(String base64) {
        byte[] head;
        try {
            head = java.util.Base64.getDecoder().decode(base64.length() > 64 ? base64.substring(0, 64) : base64);
        } catch (IllegalArgumentException e) {
            return "an unreadable picture";
        }
        if (head.length < 24) return "an unreadable picture";
        int w = ((head[16] & 0xff) << 24) | ((head[17] & 0xff) << 16) | ((head[18] & 0xff) << 8) | (head[19] & 0xff);
        int h = ((head[20] & 0xff) << 24) | ((head[21] & 0xff) << 16) | ((head[22] & 0xff) << 8) | (head[23] & 0xff);
        return w + "×" + h;
    }

    /** Null when equal under the tolerances, else the first differing line of each. */
    private static String textDifference(String what, String stored, String fresh) {
        String a = tolerant(stored), b = tolerant(fresh);
        if (a.equals(b)) return null;
        String[] la = a.split("\n", -1), lb = b.split("\n", -1);
        int line = 0;
        while (line < la.length && line < lb.length && la[line].equals(lb[line])) line++;
        return what + " differs at line " + (line + 1) + ":\n    stored: " + excerpt(line < la.length ? la[line] : "(no line)", lb.length > line ? lb[line] : "")
                + "\n    now:    " + excerpt(line < lb.length ? lb[line] : "(no line)", la.length > line ? la[line] : "");
    }

    /** The text with timings, paths and timing table columns replaced by placeholders. */
    static String tolerant(String text) {
        String t = text.contains("<table") ? maskTimingColumns(text) : text;
        if (t.contains("|")) t = maskTimingTextColumns(t);
        t = TIME.matcher(t).replaceAll("<time>");
        return PATH.matcher(t).replaceAll("<path>");
    }

    private static String maskTimingColumns(String html) {
        Matcher tables = TABLE.matcher(html);
        StringBuilder out = new StringBuilder();
        while (tables.find()) {
            String table = tables.group();
            List<Integer> timing = new ArrayList<>();
            Matcher th = HEADER_CELL.matcher(table);
            for (int col = 0; th.find(); col++) {
                if (TIMING_HEADER.matcher(th.group(1).replaceAll("<[^>]+>", "")).matches()) timing.add(col);
            }
            if (!timing.isEmpty()) {
                Matcher rows = ROW.matcher(table);
                StringBuilder t = new StringBuilder();
                while (rows.find()) {
                    Matcher td = DATA_CELL.matcher(rows.group());
                    StringBuilder row = new StringBuilder();
                    for (int col = 0; td.find(); col++) {
                        td.appendReplacement(row, Matcher.quoteReplacement(timing.contains(col) ? td.group(1) + "<time>" + td.group(3) : td.group()));
                    }
                    td.appendTail(row);
                    rows.appendReplacement(t, Matcher.quoteReplacement(row.toString()));
                }
                rows.appendTail(t);
                table = t.toString();
            }
            tables.appendReplacement(out, Matcher.quoteReplacement(table));
        }
        tables.appendTail(out);
        return out.toString();
    }

    /** The same for a table printed as text (Tablesaw's {@code print()}): columns separated by {@code |}. */
    private static String maskTimingTextColumns(String text) {
        String[] lines = text.split("\n", -1);
        List<Integer> timing = List.of();
        int columns = -1;
        for (int i = 0; i < lines.length; i++) {
            String[] cells = lines[i].split("\\|", -1);
            if (cells.length < 2) {
                continue;
            }
            List<Integer> found = new ArrayList<>();
            for (int c = 0; c < cells.length; c++) if (TIMING_HEADER.matcher(cells[c]).matches()) found.add(c);
            if (!found.isEmpty()) {
                timing = found;
                columns = cells.length;
                continue;
            }
            if (cells.length == columns) {
                for (int c : timing) cells[c] = "<time>";
                lines[i] = String.join("|", cells);
            }
        }
        return String.join("\n", lines);
    }

    /** Around the first character where {@code line} and {@code other} differ, at most 160 characters. */
    private static String excerpt(String line, String other) {
        int at = 0;
        while (at < line.length() && at < other.length() && line.charAt(at) == other.charAt(at)) at++;
        int from = Math.max(0, at - 60);
        int to = Math.min(line.length(), from + 160);
        return (from > 0 ? "…" : "") + line.substring(from, to) + (to < line.length() ? "…" : "");
    }

    private static String kinds(JsonNode outputs) {
        List<String> k = new ArrayList<>();
        for (JsonNode o : outputs) {
            String type = o.path("output_type").asText();
            k.add(type.equals("stream") ? o.path("name").asText() : type);
        }
        return String.join(", ", k);
    }

    private static List<JsonNode> codeCells(JsonNode nb) {
        List<JsonNode> cells = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) if ("code".equals(cell.path("cell_type").asText())) cells.add(cell);
        return cells;
    }

    private static String firstLine(JsonNode cell) {
        String source = text(cell.path("source")).strip();
        int nl = source.indexOf('\n');
        String first = nl < 0 ? source : source.substring(0, nl);
        return first.length() > 60 ? first.substring(0, 59) + "…" : first;
    }

    /** nbformat stores text as a string or a list of lines. */
    static String text(JsonNode node) {
        if (node.isTextual()) return node.asText();
        StringBuilder sb = new StringBuilder();
        node.forEach(line -> sb.append(line.asText()));
        return sb.toString();
    }

    /** Text as nbformat writes it: a list of lines, each keeping its line end (Python's {@code splitlines(True)}). */
    static ArrayNode lines(String text) {
        ArrayNode out = NODES.arrayNode();
        int start = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n' || c == '\r') {
                int end = c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n' ? i + 2 : i + 1;
                out.add(text.substring(start, end));
                start = end;
                i = end - 1;
            }
        }
        if (start < text.length()) out.add(text.substring(start));
        return out;
    }

    /**
     * The notebook as nbformat writes it ({@code json.dumps(nb, sort_keys=True, indent=1, ensure_ascii=False)} and a
     * final newline), so saving it from Jupyter later does not rewrite every line.
     */
    public static String toJson(JsonNode nb) {
        StringBuilder sb = new StringBuilder();
        write(nb, sb, 0);
        return sb.append('\n').toString();
    }

    private static void write(JsonNode node, StringBuilder sb, int depth) {
        if (node.isObject()) {
            List<String> keys = new ArrayList<>();
            node.fieldNames().forEachRemaining(keys::add);
            if (keys.isEmpty()) {
                sb.append("{}");
                return;
            }
            keys.sort(null);
            sb.append("{\n");
            for (int i = 0; i < keys.size(); i++) {
                indent(sb, depth + 1);
                string(keys.get(i), sb);
                sb.append(": ");
                write(node.get(keys.get(i)), sb, depth + 1);
                sb.append(i + 1 < keys.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append('}');
        } else if (node.isArray()) {
            if (node.isEmpty()) {
                sb.append("[]");
                return;
            }
            sb.append("[\n");
            for (int i = 0; i < node.size(); i++) {
                indent(sb, depth + 1);
                write(node.get(i), sb, depth + 1);
                sb.append(i + 1 < node.size() ? ",\n" : "\n");
            }
            indent(sb, depth);
            sb.append(']');
        } else if (node.isTextual()) {
            string(node.asText(), sb);
        } else {
            sb.append(node.toString()); // numbers, booleans, null: JSON's own spelling, as Python's
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        for (int i = 0; i < depth; i++) sb.append(' ');
    }

    /** A JSON string as Python's json module writes it with ensure_ascii=False. */
    private static void string(String s, StringBuilder sb) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                case '\b' -> sb.append("\\b");
                case '\f' -> sb.append("\\f");
                default -> {
                    if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
                    else sb.append(c);
                }
            }
        }
        sb.append('"');
    }

    private static String fingerprint;

    /**
     * How this machine draws pictures: the first 16 hex digits of the SHA-256 of two reference charts' PNGs, rendered
     * with the toolkit's {@link Charts}. Two machines with the same fingerprint draw every chart byte for byte alike;
     * another font set changes it, and so does another JDK where it turns text differently (measured: JDK 17 and 25
     * with fonts-dejavu-core draw straight text and shapes alike, labels turned by 45° not).
     */
    public static synchronized String renderingFingerprint() {
        if (fingerprint == null) {
            System.setProperty("java.awt.headless", "true");
            double[] v = {0.1, 0.25, 0.4};
            // a line chart with markers, and a strip chart whose crowded names are drawn at 45°: rotated text is what
            // JDK 17 and 25 rasterise differently (measured), straight text and shapes they draw alike
            byte[] line = Charts.png(Charts.line("Reference chart: 0.25 → 1e3 (°C)", "x (rounds)", "y (logloss)")
                    .series("train", new double[] {0, 1, 2, 3}, new double[] {0.7, 0.5, 0.41, 0.4})
                    .points("validation", new double[] {0.5, 2.5}, new double[] {0.66, 0.45}).image());
            byte[] turned = Charts.png(Charts.strip("Reference strip", "groups with long names", "value")
                    .group("first group, long name", v).group("second group, long name", v).group("third group, long name", v)
                    .group("fourth group, long name", v).group("fifth group, long name", v).image());
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update(line);
                sha.update(turned);
                fingerprint = HexFormat.of().formatHex(sha.digest()).substring(0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("SHA-256 is part of every JDK", e);
            }
        }
        return fingerprint;
    }

    /** What {@link #check} or {@link #update} found: the differences of the stored outputs from a fresh run. */
    public record Result(Path notebook, List<String> differences, boolean hadOutputs, java.time.Duration took) {
        public Result {
            differences = List.copyOf(differences);
        }

        public boolean matches() { return hadOutputs && differences.isEmpty(); }
    }

    /**
     * Executes {@code notebook} with {@code runner} (its executed copy goes to {@code executedCopy}) and compares its
     * stored outputs with the fresh ones. A notebook committed without outputs never matches: store them first.
     */
    public static Result check(NotebookRunner runner, Path notebook, Path executedCopy, Appendable console)
            throws IOException, InterruptedException {
        return rerun(runner, notebook, executedCopy, console, false);
    }

    /**
     * Executes {@code notebook} and rewrites it with the fresh outputs (atomically), keeping every stored output that
     * still matches. The result lists what changed — the diff to review.
     */
    public static Result update(NotebookRunner runner, Path notebook, Path executedCopy, Appendable console)
            throws IOException, InterruptedException {
        return rerun(runner, notebook, executedCopy, console, true);
    }

    private static Result rerun(NotebookRunner runner, Path notebook, Path executedCopy, Appendable console, boolean store)
            throws IOException, InterruptedException {
        JsonNode stored = read(notebook);
        boolean had = !hasNoOutputs(stored);
        if (!had && !store) {
            // nothing to compare with: say so at once rather than after a run whose outputs would be thrown away
            return new Result(notebook, List.of(notebook + " has no stored outputs; store them with: ./holdout notebook run --update "
                    + notebook), false, java.time.Duration.ZERO);
        }
        long start = System.nanoTime();
        JsonNode fresh = execute(runner, notebook, executedCopy, console);
        java.time.Duration took = java.time.Duration.ofNanos(System.nanoTime() - start);
        List<String> diff = had ? differences(stored, fresh) : List.of("outputs stored for the first time");
        if (store) dev.holdout.io.OutputFile.replace(notebook, toJson(update(stored, fresh)));
        return new Result(notebook, diff, had, took);
    }

    /** Runs the notebook; a failing cell is an error with nbconvert's log (no stored output is touched). */
    private static JsonNode execute(NotebookRunner runner, Path notebook, Path executedCopy, Appendable console)
            throws IOException, InterruptedException {
        NotebookRunner.Outcome outcome = runner.run(notebook, executedCopy, console);
        if (!outcome.ok()) {
            throw new IllegalStateException(notebook + " failed in Jupyter (exit " + outcome.exitCode()
                    + "); its stored outputs were left as they were:\n" + outcome.log());
        }
        return clean(read(outcome.output()));
    }
}
