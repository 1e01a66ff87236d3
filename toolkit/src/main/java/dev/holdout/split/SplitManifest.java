package dev.holdout.split;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import dev.holdout.data.Target;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import dev.holdout.report.Html;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The manifest of a split or of folds ({@code split.json}): strategy, parameters, seed, and for each
 * part its row count, label distribution, time range and a fingerprint (SHA-256) of its row ids.
 * Row ids are the values of the schema's id column, or the 0-based row positions when there is none.
 *
 * <pre>{@code
 * SplitManifest m = SplitManifest.of(split, table, Datasets.schema("seattle-weather"));
 * m.toJson();   // {"strategy":"time","parameters":{"time":"date","cutoffs":"2014-01-01,2015-01-01",...},...}
 * }</pre>
 */
public final class SplitManifest {
    /** The keys of split.json, in the order {@link #toJson} writes them. */
    static final List<String> KEYS = List.of("strategy", "parameters", "seed", "rows", "label", "time", "group", "id", "parts",
            "dropped", "folds", "backtest_paths", "warnings", "holdout_version");

    /** What one part holds. */
    public record PartSummary(String name, int rows, Map<String, Integer> labelDistribution, String timeMin, String timeMax,
                              String fingerprint) {}

    private final SplitProvenance provenance;
    private final Schema schema;
    private final List<PartSummary> parts;
    private final List<List<PartSummary>> folds;
    private final int dropped;
    private final List<CombinatorialPurgedKFold.BacktestPath> paths;

    private SplitManifest(SplitProvenance provenance, Schema schema, List<PartSummary> parts, List<List<PartSummary>> folds, int dropped,
                          List<CombinatorialPurgedKFold.BacktestPath> paths) {
        this.provenance = provenance;
        this.schema = schema;
        this.parts = parts;
        this.folds = folds;
        this.dropped = dropped;
        this.paths = List.copyOf(paths);
    }

    public static SplitManifest of(Split split, Table table, Schema schema) {
        Ctx ctx = new Ctx(table, schema);
        List<PartSummary> parts = new ArrayList<>();
        int covered = 0;
        for (Part p : Part.values()) {
            if (p == Part.VALIDATION && !split.hasValidation()) continue;
            parts.add(ctx.summary(p.label(), split.rows(p)));
            covered += split.size(p);
        }
        return new SplitManifest(split.provenance(), schema, parts, List.of(), split.provenance().rowCount() - covered, List.of());
    }

    public static SplitManifest of(Folds folds, Table table, Schema schema) {
        Ctx ctx = new Ctx(table, schema);
        List<List<PartSummary>> out = new ArrayList<>();
        for (Fold f : folds) out.add(List.of(ctx.summary("train", f.train()), ctx.summary("test", f.test())));
        return new SplitManifest(folds.provenance(), schema, List.of(), out, 0, List.of());
    }

    /**
     * The manifest of combinatorial purged splits with their backtest paths ({@code backtest_paths} in
     * split.json: for each path, the split each group's predictions come from).
     */
    public static SplitManifest of(CombinatorialPurgedKFold.Backtest backtest, Table table, Schema schema) {
        SplitManifest m = of(backtest.folds(), table, schema);
        return new SplitManifest(m.provenance, m.schema, m.parts, m.folds, m.dropped, backtest.paths());
    }

    /** The backtest paths of a combinatorial purged split (empty for every other strategy). */
    public List<CombinatorialPurgedKFold.BacktestPath> backtestPaths() { return paths; }

    /** Folds per repeat for a repeated strategy (its {@code repeats} parameter), else every fold. */
    private int foldsPerRepeat() {
        String r = provenance.parameters().get("repeats");
        if (r == null || folds.isEmpty()) return folds.size();
        try {
            int repeats = Integer.parseInt(r);
            return repeats > 0 && folds.size() % repeats == 0 ? folds.size() / repeats : folds.size();
        } catch (NumberFormatException e) {
            return folds.size();
        }
    }

    public SplitProvenance provenance() { return provenance; }

    public List<PartSummary> parts() { return parts; }

    public List<List<PartSummary>> folds() { return folds; }

    /** The column roles recorded (label, time, group, id). */
    public Schema schema() { return schema; }

    /** Rows in no part (a gap dropped them). */
    public int dropped() { return dropped; }

    /**
     * Reads a {@code split.json} written by {@link #toJson}, strictly (unknown keys with a "did you
     * mean", wrong types, duplicate keys, text after the JSON): every verb that needs what a split
     * recorded reads it here, never by hand.
     *
     * <pre>{@code
     * SplitManifest m = SplitManifest.read(Path.of("out/time/split.json"));
     * m.schema().time();                          // "date"
     * m.provenance().parameters().get("gap");     // "P7D"
     * }</pre>
     */
    public static SplitManifest read(Path file) {
        JsonFields root = StrictJson.object(file, "split.json").allow(KEYS);
        Map<String, String> params = root.has("parameters") ? root.object("parameters").scalarTexts() : Map.of();
        Long seed = root.has("seed") ? root.longValue("seed") : null;
        SplitProvenance provenance = new SplitProvenance(root.text("strategy"), params, seed, root.intValue("rows"), root.texts("warnings"));
        Schema schema = Schema.empty();
        if (root.has("label")) schema = schema.withLabel(root.text("label"));
        if (root.has("time")) schema = schema.withTime(root.text("time"));
        if (root.has("group")) schema = schema.withGroup(root.text("group"));
        if (root.has("id")) schema = schema.withId(root.text("id"));
        List<PartSummary> parts = new ArrayList<>();
        JsonFields p = root.optionalObject("parts");
        if (p != null) {
            p.allow("train", "validation", "test");
            for (String name : p.keys()) parts.add(readPart(p.object(name), name));
        }
        List<List<PartSummary>> folds = new ArrayList<>();
        for (JsonFields f : root.objects("folds")) {
            f.allow("repeat", "fold", "train", "test");
            folds.add(List.of(readPart(f.object("train"), "train"), readPart(f.object("test"), "test")));
        }
        if (p == null && folds.isEmpty()) {
            throw DataValidationException.param(file + ": parts", "missing", "a split manifest lists its parts or its folds",
                    "re-run holdout split to write it again");
        }
        List<CombinatorialPurgedKFold.BacktestPath> paths = new ArrayList<>();
        for (JsonFields b : root.objects("backtest_paths")) {
            b.allow("path", "folds");
            paths.add(new CombinatorialPurgedKFold.BacktestPath(b.intValue("path"), b.intValues("folds")));
        }
        return new SplitManifest(provenance, schema, List.copyOf(parts), List.copyOf(folds), root.intValue("dropped", 0), paths);
    }

    private static PartSummary readPart(JsonFields o, String name) {
        o.allow("rows", "label_distribution", "time_range", "fingerprint");
        Map<String, Integer> dist = null;
        JsonFields d = o.optionalObject("label_distribution");
        if (d != null) {
            dist = new LinkedHashMap<>();
            for (String k : d.keys()) dist.put(k, d.intValue(k));
        }
        JsonFields t = o.optionalObject("time_range");
        if (t != null) t.allow("min", "max");
        return new PartSummary(name, o.intValue("rows"), dist, t == null ? null : t.text("min"), t == null ? null : t.text("max"),
                o.text("fingerprint"));
    }

    /** The manifest as pretty-printed JSON. */
    public String toJson() {
        ObjectNode root = StrictJson.mapper().createObjectNode();
        root.put("strategy", provenance.strategy());
        ObjectNode params = root.putObject("parameters");
        provenance.parameters().forEach(params::put);
        if (provenance.seed() == null) root.putNull("seed");
        else root.put("seed", provenance.seed());
        root.put("rows", provenance.rowCount());
        putNullable(root, "label", schema.label());
        putNullable(root, "time", schema.time());
        putNullable(root, "group", schema.group());
        putNullable(root, "id", schema.id());
        if (folds.isEmpty()) {
            ObjectNode p = root.putObject("parts");
            for (PartSummary s : parts) p.set(s.name(), partJson(s));
            root.put("dropped", dropped);
        } else {
            ArrayNode arr = root.putArray("folds");
            int perRepeat = foldsPerRepeat();
            for (int i = 0; i < folds.size(); i++) {
                ObjectNode f = arr.addObject();
                if (perRepeat < folds.size()) f.put("repeat", i / perRepeat + 1);
                f.put("fold", i % perRepeat + 1);
                for (PartSummary s : folds.get(i)) f.set(s.name(), partJson(s));
            }
        }
        if (!paths.isEmpty()) {
            ArrayNode arr = root.putArray("backtest_paths");
            for (CombinatorialPurgedKFold.BacktestPath p : paths) {
                ObjectNode o = arr.addObject();
                o.put("path", p.number());
                ArrayNode f = o.putArray("folds");
                p.folds().forEach(f::add);
            }
        }
        ArrayNode w = root.putArray("warnings");
        provenance.warnings().forEach(w::add);
        root.put("holdout_version", "0.1.0");
        return StrictJson.pretty(root) + "\n";
    }

    private static void putNullable(ObjectNode o, String key, String value) {
        if (value == null) o.putNull(key);
        else o.put(key, value);
    }

    private static ObjectNode partJson(PartSummary s) {
        ObjectNode o = StrictJson.mapper().createObjectNode();
        o.put("rows", s.rows());
        if (s.labelDistribution() != null) {
            ObjectNode d = o.putObject("label_distribution");
            s.labelDistribution().forEach(d::put);
        }
        if (s.timeMin() != null) {
            ObjectNode t = o.putObject("time_range");
            t.put("min", s.timeMin());
            t.put("max", s.timeMax());
        }
        o.put("fingerprint", s.fingerprint());
        return o;
    }

    /** A readable table: one line per part (or fold part). */
    @Override public String toString() {
        StringBuilder sb = new StringBuilder(provenance.toString()).append('\n');
        sb.append(String.format("%-14s %9s  %-25s  %s%n", "part", "rows", "time range", "label distribution"));
        for (Map.Entry<String, PartSummary> e : rowsForDisplay().entrySet()) {
            PartSummary s = e.getValue();
            sb.append(String.format("%-14s %9d  %-25s  %s%n", e.getKey(), s.rows(),
                    s.timeMin() == null ? "" : s.timeMin() + " .. " + s.timeMax(), s.labelDistribution() == null ? "" : s.labelDistribution()));
        }
        if (dropped > 0) sb.append("dropped: ").append(dropped).append(" rows\n");
        for (String w : provenance.warnings()) sb.append("warning: ").append(w).append('\n');
        return sb.toString();
    }

    /** The same as an HTML table, for notebooks and reports. */
    public String toHtml() {
        List<List<?>> rows = new ArrayList<>();
        for (Map.Entry<String, PartSummary> e : rowsForDisplay().entrySet()) {
            PartSummary s = e.getValue();
            rows.add(List.of(e.getKey(), s.rows(), s.timeMin() == null ? "" : s.timeMin() + " .. " + s.timeMax(),
                    s.labelDistribution() == null ? "" : s.labelDistribution().toString()));
        }
        StringBuilder sb = new StringBuilder("<div class=\"holdout-split\"><p><b>").append(Html.escape(provenance)).append("</b></p>");
        sb.append(Html.table(List.of("part", "rows", "time range", "label distribution"), rows));
        if (dropped > 0) sb.append("<p>dropped: ").append(dropped).append(" rows</p>");
        for (String w : provenance.warnings()) sb.append("<p class=\"note\">warning: ").append(Html.escape(w)).append("</p>");
        return sb.append("</div>").toString();
    }

    private Map<String, PartSummary> rowsForDisplay() {
        Map<String, PartSummary> out = new LinkedHashMap<>();
        for (PartSummary s : parts) out.put(s.name(), s);
        int perRepeat = foldsPerRepeat();
        for (int i = 0; i < folds.size(); i++) {
            String name = perRepeat < folds.size() ? "repeat " + (i / perRepeat + 1) + " fold " + (i % perRepeat + 1) : "fold " + (i + 1);
            for (PartSummary s : folds.get(i)) out.put(name + " " + s.name(), s);
        }
        return out;
    }

    /** Columns resolved once for all parts. */
    private static final class Ctx {
        final Target label;
        final TimeKeys time;
        final Column<?> id;

        Ctx(Table table, Schema schema) {
            label = schema.label() == null ? null : Target.categories(table, schema.label(), "label");
            time = schema.time() == null ? null : TimeKeys.of(table, schema.time());
            id = schema.id() == null ? null : Columns.require(table, schema.id(), "id");
        }

        PartSummary summary(String name, RowIndices rows) {
            Map<String, Integer> dist = null;
            if (label != null) {
                // in the label's one order (numbers numerically, then text), missing last
                int[] n = new int[label.classes() + 1];
                for (int i = 0; i < rows.size(); i++) n[label.code(rows.get(i))]++;
                Map<String, Integer> d = new LinkedHashMap<>();
                for (int c = 0; c < n.length; c++) if (n[c] > 0) d.put(label.nameOf(c, "(missing)"), n[c]);
                dist = d;
            }
            String tMin = null, tMax = null;
            if (time != null && !rows.isEmpty()) {
                long lo = Long.MAX_VALUE, hi = Long.MIN_VALUE;
                for (int i = 0; i < rows.size(); i++) {
                    long v = time.keys[rows.get(i)];
                    if (v == TimeKeys.MISSING) continue;
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
                if (lo <= hi) {
                    tMin = time.format(lo);
                    tMax = time.format(hi);
                }
            }
            return new PartSummary(name, rows.size(), dist, tMin, tMax, fingerprint(rows));
        }

        String fingerprint(RowIndices rows) {
            try {
                MessageDigest md = MessageDigest.getInstance("SHA-256");
                byte[] buf = new byte[4];
                for (int i = 0; i < rows.size(); i++) {
                    int r = rows.get(i);
                    if (id != null) {
                        md.update(id.getString(r).getBytes(StandardCharsets.UTF_8));
                        md.update((byte) '\n');
                    } else {
                        buf[0] = (byte) (r >>> 24);
                        buf[1] = (byte) (r >>> 16);
                        buf[2] = (byte) (r >>> 8);
                        buf[3] = (byte) r;
                        md.update(buf);
                    }
                }
                StringBuilder sb = new StringBuilder("sha256:");
                for (byte b : md.digest()) sb.append(String.format("%02x", b));
                return sb.toString();
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }
}
