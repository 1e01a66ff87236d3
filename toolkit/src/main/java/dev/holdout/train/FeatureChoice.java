package dev.holdout.train;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.leakage.Finding;
import dev.holdout.leakage.LeakageAudit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DateTimeColumn;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Which columns a training job learns from, decided on the raw train rows and stated: with no {@code features} in
 * the spec, every column except the label, the {@code exclude} list, time columns (dates, date-times, instants: a
 * model that reads the calendar does not carry to later rows), id columns (a text column whose every value is
 * different, or an integer column named like an id — {@code id}, {@code *_id}, {@code *Id} — whose every value is
 * different: row keys, not properties) and the columns the audit's single-feature check flags as target leaks
 * ({@link LeakageAudit#targetLeaks}). {@code features} and {@code exclude} take the raw column names, before
 * encoding: {@code store_id} selects every one-hot column {@code store_id=...} the preprocessing makes of it (an
 * encoded name such as {@code store_id=S01} still selects that one column).
 *
 * <pre>{@code
 * FeatureChoice c = FeatureChoice.of(trainRaw, trainTransformed, "sales", List.of(), List.of());
 * c.features();   // [store_id=S01, store_id=S02, promo, temperature]
 * c.leftOut();    // {date=a time column (DATE) ..., row_id=an id column ...}
 * c.ids();        // [row_id]: kept beside the predictions by holdout predict
 * }</pre>
 *
 * @param features the model's feature columns (after preprocessing), in table order
 * @param leftOut  each raw column not used and why, in table order
 * @param ids      the id columns found (or excluded) among the raw columns, kept beside predictions
 */
public record FeatureChoice(List<String> features, Map<String, String> leftOut, List<String> ids) {
    public FeatureChoice {
        features = List.copyOf(features);
        leftOut = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(leftOut));
        ids = List.copyOf(ids);
    }

    /**
     * @param raw         the raw train rows (what the spec's names refer to)
     * @param transformed the same rows after the preprocessing (what the model reads)
     */
    public static FeatureChoice of(Table raw, Table transformed, String label, List<String> features, List<String> exclude) {
        Columns.require(raw, label, "label");
        List<String> rawNames = raw.columnNames();
        for (String e : exclude) requireKnown(e, raw, transformed, "exclude");
        List<String> ids = new ArrayList<>();
        for (String c : rawNames) if (!c.equals(label) && idReason(raw.column(c)) != null) ids.add(c);
        if (!features.isEmpty()) {
            List<String> out = new ArrayList<>();
            for (String f : features) {
                requireKnown(f, raw, transformed, "features");
                for (String t : expand(f, transformed, rawNames)) {
                    if (!out.contains(t)) out.add(t);
                }
            }
            out.removeIf(t -> exclude.contains(t) || exclude.contains(sourceOf(t, rawNames)));
            if (out.isEmpty()) throw DataValidationException.param("features", features, "no feature column left after exclude", "list features that exclude does not remove");
            // the order the user listed is the model's input order (as before, and as SageMaker's CSV contract has it):
            // XGBoost breaks ties between equally good splits by feature position, so reordering would change the model
            return new FeatureChoice(out, Map.of(), ids);
        }
        Map<String, String> leftOut = new LinkedHashMap<>();
        List<String> candidates = new ArrayList<>();
        for (String c : rawNames) {
            if (c.equals(label)) continue;
            Column<?> col = raw.column(c);
            String why = exclude.contains(c) ? "listed in exclude" : timeReason(col);
            if (why == null) why = idReason(col);
            if (why != null) leftOut.put(c, why);
            else candidates.add(c);
        }
        List<String> scorable = new ArrayList<>();
        for (String c : candidates) if (raw.column(c) instanceof NumericColumn<?> || raw.column(c) instanceof StringColumn) scorable.add(c);
        if (!scorable.isEmpty() && raw.rowCount() > 0) {
            Table forAudit = raw.selectColumns(withLabel(scorable, label).toArray(String[]::new));
            for (Finding f : LeakageAudit.of(label).noTime().targetLeaks(forAudit, scorable)) {
                String column = String.valueOf(f.evidence().get("feature"));
                leftOut.put(column, "a target leak by the audit's single-feature check: " + f.summary());
            }
        }
        List<String> out = new ArrayList<>();
        for (String t : transformed.columnNames()) {
            if (t.equals(label)) continue;
            String source = sourceOf(t, rawNames);
            if (exclude.contains(t) || (source != null && leftOut.containsKey(source))) continue;
            out.add(t);
        }
        if (out.isEmpty()) {
            throw DataValidationException.param("features", "[]", "no feature columns left after leaving out " + leftOut,
                    "list features explicitly");
        }
        // a column left out whose name exists only after preprocessing is still reported by its raw name
        return new FeatureChoice(out, leftOut, ids);
    }

    private static List<String> withLabel(List<String> columns, String label) {
        List<String> l = new ArrayList<>(columns);
        l.add(label);
        return l;
    }

    /** The raw column a transformed column comes from: itself, or {@code raw} for a one-hot column {@code raw=category}. */
    static String sourceOf(String transformed, List<String> rawNames) {
        if (rawNames.contains(transformed)) return transformed;
        String best = null;
        for (String r : rawNames) {
            if (transformed.startsWith(r + "=") && (best == null || r.length() > best.length())) best = r;
        }
        return best;
    }

    /** A name in the spec: a transformed column as is, else a raw column's every transformed column. */
    private static List<String> expand(String name, Table transformed, List<String> rawNames) {
        if (transformed.containsColumn(name)) return List.of(name);
        List<String> out = new ArrayList<>();
        for (String t : transformed.columnNames()) if (name.equals(sourceOf(t, rawNames))) out.add(t);
        if (out.isEmpty()) {
            throw DataValidationException.param("features", name, "the preprocessing leaves no column of it", "drop it from features");
        }
        return out;
    }

    private static void requireKnown(String name, Table raw, Table transformed, String param) {
        if (raw.containsColumn(name) || transformed.containsColumn(name)) return;
        List<String> all = new ArrayList<>(raw.columnNames());
        for (String t : transformed.columnNames()) if (!all.contains(t)) all.add(t);
        String close = Columns.closest(name, all);
        throw DataValidationException.param(param, name, "no such column (raw columns: " + raw.columnNames() + ")",
                close != null ? "did you mean '" + close + "'?" : "use the raw column names of the train channel");
    }


    private static String timeReason(Column<?> c) {
        String kind = c instanceof DateColumn ? "DATE" : c instanceof DateTimeColumn ? "DATETIME" : c instanceof InstantColumn ? "INSTANT" : null;
        return kind == null ? null : "a time column (" + kind + "): the calendar of past rows does not carry to later ones; list it in "
                + "features to use it";
    }

    /** Why a column is a row key, or null. */
    static String idReason(Column<?> c) {
        int n = c.size();
        if (n < 2 || c.countMissing() > 0) return null;
        boolean text = c instanceof StringColumn;
        boolean integer = false;
        if (c instanceof NumericColumn<?> num) {
            integer = true;
            for (int i = 0; i < n && integer; i++) integer = num.getDouble(i) == Math.rint(num.getDouble(i));
        }
        if (!text && !(integer && idLike(c.name()))) return null;
        if (c.countUnique() != n) return null;
        return "an id column (every one of its " + n + " values is different: a row key, not a property); it is kept beside the "
                + "predictions; list it in features to use it";
    }

    private static boolean idLike(String name) {
        String n = name.toLowerCase(Locale.ROOT);
        return n.equals("id") || n.endsWith("_id") || n.endsWith("-id") || n.equals("index") || n.equals("row") || name.endsWith("Id")
                || name.endsWith("ID");
    }
}
