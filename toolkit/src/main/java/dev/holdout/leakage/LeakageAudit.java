package dev.holdout.leakage;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.data.Target;
import dev.holdout.leakage.AuditReport.Check;
import dev.holdout.leakage.AuditReport.Status;
import dev.holdout.metrics.Correlation;
import dev.holdout.metrics.Scores;
import dev.holdout.preprocess.Fingerprint;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.TargetEncoder;
import dev.holdout.split.Split;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.TTest;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * Audits a train / validation / test split for leakage and explains each finding:
 * <ul>
 * <li>{@code duplicate-rows}: rows of a later part identical (features and label) to rows of an
 *     earlier part, with their row ids;</li>
 * <li>{@code temporal-overlap}: a train time at or after the earliest validation/test time (and
 *     validation after test); {@code temporal-gap}: a train time inside the gap before the next part;</li>
 * <li>{@code group-overlap}: a group value in two parts;</li>
 * <li>{@code preprocessing-outside-train}: a fitted preprocessor whose fingerprint is not the train
 *     part's (and, when it can tell, which other parts it learned from);</li>
 * <li>{@code target-leak}: a feature that alone predicts the label almost perfectly on train
 *     (single-feature ROC AUC ≥ 0.98, |Pearson r| ≥ 0.98 for a numeric label; text columns are
 *     scored through a cross-fitted target encoding, so an identifier column is not flagged);</li>
 * <li>{@code missingness-leak}: a feature whose being missing depends on the label (χ² or Welch
 *     p &lt; 0.001 and a large effect: missing rates 10 points apart, or label means 0.5 std apart).</li>
 * </ul>
 * A label with two distinct values, or a text/boolean label, is a classification label; any other
 * numeric label is a regression label; a multiclass label is scored one class against the rest, for
 * classes with at least 10 rows on each side. Features default to every column except label, time, group and id.
 *
 * <pre>{@code
 * AuditReport r = LeakageAudit.of("rain").time("date").preprocessor(fitted).run(train, validation, test);
 * r.clean();   // false: [HIGH] preprocessing-outside-train: fitted on train + test rows
 * }</pre>
 */
public final class LeakageAudit {
    /** Single-feature ROC AUC (or |r|) at or above which a feature is reported as a target leak. */
    public static final double TARGET_LEAK_THRESHOLD = 0.98;
    static final double MISSINGNESS_P = 1e-3;
    static final int MAX_EXAMPLES = 10;
    /** Rows needed on each side of a class (one-vs-rest) before its single-feature AUC is trusted. */
    static final int MIN_CLASS_ROWS = 10;

    private final String label;
    private final String time;
    private final String group;
    private final String id;
    private final Duration gap;
    /** The gap in a numeric time column's own units, or NaN when given as a Duration (or not at all). */
    private final double gapUnits;
    private final FittedPreprocessor preprocessor;
    private final List<String> features;
    /** Without a time column: look for a date, date-time or instant column (off after {@link #noTime()}). */
    private final boolean detectTime;

    private LeakageAudit(String label, String time, String group, String id, Duration gap, double gapUnits,
                         FittedPreprocessor preprocessor, List<String> features, boolean detectTime) {
        if (label == null || label.isBlank()) {
            throw DataValidationException.param("label", label, "the audit needs the label column", "pass the label column name");
        }
        if (gap != null && gap.isNegative()) throw DataValidationException.param("gap", gap, "must not be negative", "pass 0 or a positive duration");
        if (!Double.isNaN(gapUnits) && !(gapUnits >= 0 && Double.isFinite(gapUnits))) {
            throw DataValidationException.param("gapUnits", gapUnits, "must be a finite number >= 0", "pass 0 or a positive number of time units");
        }
        this.label = label;
        this.time = time;
        this.group = group;
        this.id = id;
        this.gap = gap;
        this.gapUnits = gapUnits;
        this.preprocessor = preprocessor;
        this.features = features == null ? null : List.copyOf(features);
        this.detectTime = detectTime;
    }

    public static LeakageAudit of(String label) { return new LeakageAudit(label, null, null, null, null, Double.NaN, null, null, true); }

    /** The time column: training rows must come before validation and test rows. */
    public LeakageAudit time(String column) { return new LeakageAudit(label, column, group, id, gap, gapUnits, preprocessor, features, detectTime); }

    /**
     * No time column and no detection: the temporal check is not requested. Without this (and without
     * {@link #time}), the audit checks the first date, date-time or instant column it finds (not the label, group
     * or id), because a random split of time-ordered rows is the mistake it exists to catch; the report notes
     * which column it detected.
     */
    public LeakageAudit noTime() { return new LeakageAudit(label, null, group, id, gap, gapUnits, preprocessor, features, false); }

    public LeakageAudit group(String column) { return new LeakageAudit(label, time, column, id, gap, gapUnits, preprocessor, features, detectTime); }

    /** A row-id column used to name rows in the evidence (otherwise 1-based row numbers within each part). */
    public LeakageAudit id(String column) { return new LeakageAudit(label, time, group, column, gap, gapUnits, preprocessor, features, detectTime); }

    /**
     * The embargo the split promised between parts. For a date or date-time column it is a real
     * duration. For a numeric time column the gap is in the column's own units, and a Duration counts
     * one unit per day, as {@link dev.holdout.split.TimeSplit} does (so {@code --gap 7} splits and audits
     * alike): {@code Duration.ofDays(7)} is 7 units, {@code Duration.ofHours(12)} is 0.5 units. Use
     * {@link #gapUnits(double)} to give the units directly.
     */
    public LeakageAudit gap(Duration g) { return new LeakageAudit(label, time, group, id, g, Double.NaN, preprocessor, features, detectTime); }

    /**
     * The embargo for a numeric time column, in the column's own units (e.g. {@code 2.5} when the
     * column counts hours and the split left out 2.5 hours). Times are compared as doubles, so
     * fractional times are not rounded.
     */
    public LeakageAudit gapUnits(double units) {
        return new LeakageAudit(label, time, group, id, null, units, preprocessor, features, detectTime);
    }

    public LeakageAudit preprocessor(FittedPreprocessor p) { return new LeakageAudit(label, time, group, id, gap, gapUnits, p, features, detectTime); }

    public LeakageAudit features(List<String> columns) { return new LeakageAudit(label, time, group, id, gap, gapUnits, preprocessor, columns, detectTime); }

    /** Audits the parts of {@code split} over {@code table}. */
    public AuditReport run(Split split, Table table) {
        return run(split.train(table), split.hasValidation() ? split.validation(table) : null, split.test(table));
    }

    /**
     * Audits three parts; {@code validation} may be null. Without a time column (and without {@link #noTime()}),
     * the first date, date-time or instant column of the parts is checked as the time column, and the report's
     * notes say so.
     */
    public AuditReport run(Table train, Table validation, Table test) {
        Objects.requireNonNull(train, "train");
        Objects.requireNonNull(test, "test");
        if (time == null && detectTime) {
            String found = detectedTime(train, validation, test);
            if (found != null) {
                String kind = dev.holdout.data.CsvLoader.kindOf(train.column(found)).name().toLowerCase(Locale.ROOT).replace("datetime", "date-time");
                return new LeakageAudit(label, found, group, id, gap, gapUnits, preprocessor, features, false).run(train, validation, test)
                        .withNote("time column '" + found + "' detected (a " + kind + " column): a split must keep training rows before the "
                                + "rows it is evaluated on; pass --time (time(...)) to choose another column, or --no-time (noTime()) to skip the check");
            }
        }
        List<Part> parts = new ArrayList<>();
        parts.add(new Part("train", train));
        if (validation != null && validation.rowCount() > 0) parts.add(new Part("validation", validation));
        parts.add(new Part("test", test));
        for (Part p : parts) {
            Columns.require(p.table, label, "label");
            if (time != null) Columns.require(p.table, time, "time");
            if (group != null) Columns.require(p.table, group, "group");
            if (id != null) Columns.require(p.table, id, "id");
        }
        List<String> feats = features != null ? features : defaultFeatures(train);
        for (Part p : parts) for (String f : feats) Columns.require(p.table, f, "features");
        if (train.rowCount() == 0) {
            throw DataValidationException.param("train.rowCount", 0, "the train part is empty", "audit a split with training rows");
        }

        List<Finding> findings = new ArrayList<>();
        List<Check> checks = new ArrayList<>();
        Map<String, Integer> sizes = new LinkedHashMap<>();
        for (Part p : parts) sizes.put(p.name, p.table.rowCount());
        // the cross-part checks need a later part with rows to compare train with
        String nothingToCompare = parts.stream().skip(1).allMatch(p -> p.table.rowCount() == 0)
                ? "the " + (parts.size() > 2 ? "validation and test parts have" : "test part has") + " no rows: there is nothing to compare train with"
                : null;

        if (nothingToCompare != null) checks.add(new Check("duplicate-rows", Status.SKIPPED, nothingToCompare));
        else {
            duplicates(parts, feats, findings);
            checks.add(new Check("duplicate-rows", Status.RAN, null));
        }
        if (time == null) {
            checks.add(new Check("temporal-overlap", Status.NOT_REQUESTED, detectTime
                    ? "no time column given (--time), and no date, date-time or instant column to check" : "no time column (--no-time)"));
        }
        else if (nothingToCompare != null) checks.add(new Check("temporal-overlap", Status.SKIPPED, nothingToCompare));
        else checks.add(temporal(parts, findings));
        if (group == null) checks.add(new Check("group-overlap", Status.NOT_REQUESTED, "no group column given (--group)"));
        else if (nothingToCompare != null) checks.add(new Check("group-overlap", Status.SKIPPED, nothingToCompare));
        else checks.add(groups(parts, findings));
        if (preprocessor == null) {
            checks.add(new Check("preprocessing-outside-train", Status.NOT_REQUESTED, "no fitted preprocessor given (--preprocessor)"));
        } else {
            checks.add(preprocessing(parts, findings));
        }
        checks.addAll(targetLeaks(train, feats, findings));
        return new AuditReport(findings, checks, sizes);
    }

    /** The first date, date-time or instant column of every part that has no other role, or null. */
    private String detectedTime(Table train, Table validation, Table test) {
        for (String c : train.columnNames()) {
            if (c.equals(label) || c.equals(group) || c.equals(id)) continue;
            dev.holdout.data.ColumnKind k = dev.holdout.data.CsvLoader.kindOf(train.column(c));
            if (k != dev.holdout.data.ColumnKind.DATE && k != dev.holdout.data.ColumnKind.DATETIME && k != dev.holdout.data.ColumnKind.INSTANT) continue;
            if (!test.containsColumn(c) || (validation != null && !validation.containsColumn(c))) continue;
            return c;
        }
        return null;
    }

    private List<String> defaultFeatures(Table t) {
        List<String> f = new ArrayList<>(t.columnNames());
        f.remove(label);
        if (time != null) f.remove(time);
        if (group != null) f.remove(group);
        if (id != null) f.remove(id);
        return f;
    }

    private record Part(String name, Table table) {}

    private String rowId(Part p, int row) {
        return id == null ? String.valueOf(row + 1) : p.table.column(id).getString(row);
    }

    // ---------------------------------------------------------------- duplicates

    private void duplicates(List<Part> parts, List<String> feats, List<Finding> out) {
        List<String> cols = new ArrayList<>(feats);
        cols.add(label);
        Map<String, long[]> hashes = new HashMap<>();
        for (Part p : parts) hashes.put(p.name, Fingerprint.rowHashes(p.table, cols));
        for (int a = 0; a < parts.size(); a++) {
            Part earlier = parts.get(a);
            RowHashIndex index = new RowHashIndex(hashes.get(earlier.name));
            for (int b = a + 1; b < parts.size(); b++) {
                Part later = parts.get(b);
                long[] hl = hashes.get(later.name);
                int count = 0;
                List<String> pairs = new ArrayList<>();
                for (int j = 0; j < hl.length; j++) {
                    for (int i = index.first(hl[j]); i >= 0; i = index.next(i)) {
                        if (sameValues(earlier.table, i, later.table, j, cols)) {
                            count++;
                            if (pairs.size() < MAX_EXAMPLES) {
                                pairs.add(earlier.name + " row " + rowId(earlier, i) + " = " + later.name + " row " + rowId(later, j));
                            }
                            break;
                        }
                    }
                }
                if (count == 0) continue;
                double share = (double) count / later.table.rowCount();
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("parts", earlier.name + " -> " + later.name);
                ev.put("duplicated_rows", count);
                ev.put("share_of_" + later.name, round(share));
                ev.put("examples", pairs);
                ev.put("compared_columns", cols);
                ev.put("row_ids", id == null ? "1-based row numbers within each part" : "column " + id);
                out.add(new Finding("duplicate-rows", share > 0.05 ? Severity.HIGH : share >= 0.01 ? Severity.MEDIUM : Severity.LOW,
                        count + " " + later.name + " rows (" + pct(share) + ") are exact copies of " + earlier.name + " rows",
                        ev, "The model has already seen these exact examples, label included, while training; scoring it on them "
                                + "measures memory, not generalisation. Remove the copies from " + later.name
                                + " (or deduplicate before splitting, or split by a group column so copies stay together)."));
            }
        }
    }

    private static boolean sameValues(Table a, int i, Table b, int j, List<String> cols) {
        for (String c : cols) {
            Column<?> ca = a.column(c);
            Column<?> cb = b.column(c);
            boolean ma = ca.isMissing(i);
            if (ma != cb.isMissing(j)) return false;
            if (ma) continue;
            if (ca instanceof NumericColumn<?> na && cb instanceof NumericColumn<?> nb) {
                if (Double.compare(na.getDouble(i), nb.getDouble(j)) != 0) return false;
            } else if (!ca.getString(i).equals(cb.getString(j))) return false;
        }
        return true;
    }

    // ---------------------------------------------------------------- time

    private Check temporal(List<Part> parts, List<Finding> out) {
        boolean seconds = TimeValues.isTemporal(parts.get(0).table, time);
        double gapWidth = gapWidth(seconds);
        Map<String, double[]> times = new LinkedHashMap<>();
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (Part p : parts) {
            double[] k = TimeValues.of(p.table, time);
            int m = 0;
            for (int i = 0; i < k.length; i++) {
                if (Double.isNaN(k[i])) m++;
                else if (Double.isInfinite(k[i])) {
                    return new Check("temporal-overlap", Status.SKIPPED, p.name + " row " + rowId(p, i) + " has the time " + k[i]
                            + ", which is not a point in time; fix or drop that row");
                }
            }
            if (k.length > 0 && m == k.length) {
                return new Check("temporal-overlap", Status.SKIPPED, "every '" + time + "' value of the " + p.name + " part is missing");
            }
            times.put(p.name, k);
            if (m > 0) missing.put(p.name, m);
        }
        for (int a = 0; a + 1 < parts.size(); a++) {
            Part earlier = parts.get(a);
            double[] te = times.get(earlier.name);
            // the earliest time of any later part
            double laterMin = Double.POSITIVE_INFINITY;
            String laterName = null;
            for (int b = a + 1; b < parts.size(); b++) {
                for (double k : times.get(parts.get(b).name)) {
                    if (k < laterMin) { laterMin = k; laterName = parts.get(b).name; }
                }
            }
            if (laterName == null) continue;
            int atOrAfter = 0;
            int inGap = 0;
            double max = Double.NEGATIVE_INFINITY;
            List<String> examples = new ArrayList<>();
            List<String> gapExamples = new ArrayList<>();
            for (int i = 0; i < te.length; i++) {
                double k = te[i];
                if (Double.isNaN(k)) continue;
                max = Math.max(max, k);
                if (k >= laterMin) {
                    atOrAfter++;
                    if (examples.size() < MAX_EXAMPLES) examples.add("row " + rowId(earlier, i) + " at " + earlier.table.column(time).getString(i));
                } else if (gapWidth > 0 && k > laterMin - gapWidth) {
                    inGap++;
                    if (gapExamples.size() < MAX_EXAMPLES) gapExamples.add("row " + rowId(earlier, i) + " at " + earlier.table.column(time).getString(i));
                }
            }
            String laterMinText = show(laterMin, seconds);
            if (atOrAfter > 0) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put(earlier.name + "_rows_at_or_after", atOrAfter);
                ev.put(earlier.name + "_latest_time", show(max, seconds));
                ev.put("earliest_later_time", laterMinText + " (" + laterName + ")");
                // how a random split looks in time: evaluation rows with training rows just before and just after them
                String surrounded = "";
                if (a == 0) {
                    for (int b = 1; b < parts.size(); b++) {
                        Interleaving i = Interleaving.of(te, times.get(parts.get(b).name));
                        ev.put(parts.get(b).name + "_rows_between_train_rows", i.counts());
                        if (i.surrounded() > 0 && surrounded.isEmpty()) {
                            surrounded = "; " + i.counts() + " " + parts.get(b).name + " rows have train rows just before and just after them in time";
                        }
                    }
                }
                ev.put("examples", examples);
                out.add(new Finding("temporal-overlap", Severity.HIGH,
                        atOrAfter + " " + earlier.name + " rows are at or after the earliest " + laterName + " time " + laterMinText + surrounded,
                        ev, "The model learns from the future of the rows it is evaluated on. In production it will only ever "
                                + "have the past, so this score is optimistic. Split by time (holdout split --strategy time) so that "
                                + "every " + earlier.name + " time is before every later time."));
            }
            if (inGap > 0) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put(earlier.name + "_rows_inside_gap", inGap);
                ev.put("gap", gapText(seconds));
                ev.put("gap_window", show(laterMin - gapWidth, seconds) + " .. " + laterMinText);
                ev.put("examples", gapExamples);
                out.add(new Finding("temporal-gap", Severity.MEDIUM,
                        inGap + " " + earlier.name + " rows fall inside the " + gapText(seconds) + " gap before the earliest " + laterName + " time",
                        ev, "The gap (embargo) keeps training rows away from the evaluation period, so labels that are only known "
                                + "later, or slowly changing features, cannot carry over. Rows inside it defeat its purpose; drop them."));
            }
        }
        return missing.isEmpty() ? new Check("temporal-overlap", Status.RAN, null)
                : new Check("temporal-overlap", Status.PARTLY, rowsWithout(missing, "'" + time + "' value"));
    }

    /** "4 rows have no 'date' value and were not checked (train 3, test 1); fill in or drop them to check them". */
    private static String rowsWithout(Map<String, Integer> missing, String what) {
        int total = missing.values().stream().mapToInt(Integer::intValue).sum();
        StringBuilder where = new StringBuilder();
        missing.forEach((part, m) -> where.append(where.length() == 0 ? "" : ", ").append(part).append(' ').append(m));
        return total + (total == 1 ? " row has no " : " rows have no ") + what + " and " + (total == 1 ? "was" : "were")
                + " not checked (" + where + "); fill in or drop them to check them";
    }

    /** The gap in the time column's scale: seconds for dates and date-times, the column's own units for numbers. */
    private double gapWidth(boolean seconds) {
        if (!Double.isNaN(gapUnits)) {
            if (seconds) {
                throw DataValidationException.param("gapUnits", gapUnits, "applies to a numeric time column, but '" + time + "' holds dates",
                        "pass gap(Duration) for a date or date-time column");
            }
            return gapUnits;
        }
        if (gap == null) return 0;
        double s = gap.getSeconds() + gap.getNano() / 1e9;
        return seconds ? s : s / 86_400.0;
    }

    private String gapText(boolean seconds) {
        if (!Double.isNaN(gapUnits)) return show(gapUnits, false) + " units";
        return seconds ? gap.toString() : gap + " (" + show(gapWidth(false), false) + " units)";
    }

    private static String show(double v, boolean seconds) {
        if (!seconds) return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf((long) v) : String.valueOf(v);
        long k = (long) Math.floor(v);
        if (k % 86_400 == 0) return java.time.LocalDate.ofEpochDay(k / 86_400).toString();
        return Instant.ofEpochSecond(k).atOffset(ZoneOffset.UTC).toLocalDateTime().toString();
    }

    // ---------------------------------------------------------------- groups

    private Check groups(List<Part> parts, List<Finding> out) {
        Map<String, Integer> missing = new LinkedHashMap<>();
        for (Part p : parts) {
            int m = p.table.column(group).countMissing();
            if (m > 0 && m == p.table.rowCount()) {
                return new Check("group-overlap", Status.SKIPPED, "every '" + group + "' value of the " + p.name + " part is missing");
            }
            if (m > 0) missing.put(p.name, m);
        }
        for (int a = 0; a < parts.size(); a++) {
            for (int b = a + 1; b < parts.size(); b++) {
                Set<String> ga = values(parts.get(a).table, group);
                Set<String> common = new LinkedHashSet<>();
                for (String v : values(parts.get(b).table, group)) if (ga.contains(v)) common.add(v);
                // listed in the one order (numbers numerically, then text), not as text where "10" < "2"
                LabelVocabulary order = LabelVocabulary.ofCategories(common);
                List<String> sorted = new ArrayList<>(common);
                sorted.sort(java.util.Comparator.comparingInt(order::codeOf));
                Set<String> shared = new LinkedHashSet<>(sorted);
                if (shared.isEmpty()) continue;
                int rowsA = countRows(parts.get(a).table, shared);
                int rowsB = countRows(parts.get(b).table, shared);
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("shared_groups", shared.size());
                ev.put("examples", shared.stream().limit(MAX_EXAMPLES).toList());
                ev.put(parts.get(a).name + "_rows_in_shared_groups", rowsA);
                ev.put(parts.get(b).name + "_rows_in_shared_groups", rowsB);
                out.add(new Finding("group-overlap", Severity.HIGH,
                        shared.size() + " " + group + " values appear in both " + parts.get(a).name + " and " + parts.get(b).name,
                        ev, "Rows of the same " + group + " are alike (the same patient, customer or device). With the group on "
                                + "both sides the model is tested on someone it has already met, which says little about new ones. "
                                + "Split by group (holdout split --strategy group --group " + group + ")."));
            }
        }
        return missing.isEmpty() ? new Check("group-overlap", Status.RAN, null)
                : new Check("group-overlap", Status.PARTLY, rowsWithout(missing, "'" + group + "' value"));
    }

    private static Set<String> values(Table t, String col) {
        Column<?> c = t.column(col);
        Set<String> s = new LinkedHashSet<>();
        for (int i = 0; i < c.size(); i++) if (!c.isMissing(i)) s.add(c.getString(i));
        return s;
    }

    private int countRows(Table t, Set<String> vals) {
        Column<?> c = t.column(group);
        int n = 0;
        for (int i = 0; i < c.size(); i++) if (!c.isMissing(i) && vals.contains(c.getString(i))) n++;
        return n;
    }

    // ---------------------------------------------------------------- preprocessing

    private Check preprocessing(List<Part> parts, List<Finding> out) {
        Fingerprint fitted = preprocessor.fittedOn();
        List<String> cols = fitted.columns();
        for (Part p : parts) {
            for (String c : cols) {
                if (!p.table.containsColumn(c)) {
                    return new Check("preprocessing-outside-train", Status.SKIPPED, "the preprocessor learned from column '" + c
                            + "', which the " + p.name + " part does not have, so its rows cannot be compared");
                }
            }
        }
        Check ran = new Check("preprocessing-outside-train", Status.RAN, null);
        Map<String, Fingerprint> fp = new LinkedHashMap<>();
        for (Part p : parts) fp.put(p.name, Fingerprint.of(p.table, cols));
        if (fitted.equals(fp.get("train"))) return ran;
        // which union of parts, if any, was it fitted on?
        List<String> names = new ArrayList<>(fp.keySet());
        String match = null;
        for (int mask = 1; mask < (1 << names.size()) && match == null; mask++) {
            Fingerprint sum = null;
            List<String> used = new ArrayList<>();
            for (int i = 0; i < names.size(); i++) {
                if ((mask & (1 << i)) == 0) continue;
                sum = sum == null ? fp.get(names.get(i)) : sum.plus(fp.get(names.get(i)));
                used.add(names.get(i));
            }
            if (sum.equals(fitted)) match = String.join(" + ", used);
        }
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("fitted_on_rows", fitted.rowCount());
        ev.put("train_rows", fp.get("train").rowCount());
        ev.put("fitted_on_hash", fitted.contentHash());
        ev.put("train_hash", fp.get("train").contentHash());
        ev.put("columns", cols);
        String summary;
        Severity sev;
        if (match != null) {
            ev.put("fitted_on_parts", match);
            summary = "the preprocessor was fitted on " + match + " rows, not on train alone";
            sev = Severity.HIGH;
        } else if (fitted.rowCount() > fp.get("train").rowCount()) {
            summary = "the preprocessor was fitted on " + fitted.rowCount() + " rows, more than the " + fp.get("train").rowCount() + " train rows";
            sev = Severity.HIGH;
        } else {
            summary = "the preprocessor was fitted on rows that are not this split's train rows";
            sev = Severity.MEDIUM;
        }
        out.add(new Finding("preprocessing-outside-train", sev, summary, ev,
                "Scaling, imputation and encoding statistics (means, category rates, target means) must come from training rows "
                        + "only. Fitted on evaluation rows, they carry information about those rows, and a target encoder carries "
                        + "their labels. Fit the preprocessor on the train part only (Preprocessor.fit(train)) and re-run."));
        return ran;
    }

    // ---------------------------------------------------------------- target leaks

    /**
     * The single-feature check alone on {@code train}: a {@code target-leak} finding for each of {@code features}
     * that predicts the label almost perfectly by itself (what {@code holdout train} leaves out by default).
     */
    public List<Finding> targetLeaks(Table train, List<String> features) {
        Columns.require(train, label, "label");
        List<Finding> out = new ArrayList<>();
        targetLeaks(train, features, out);
        out.removeIf(f -> !f.check().equals("target-leak"));
        return out;
    }

    private List<Check> targetLeaks(Table train, List<String> feats, List<Finding> out) {
        Column<?> y = train.column(label);
        int n = train.rowCount();
        if (y instanceof NumericColumn<?> yn) {
            for (int i = 0; i < n; i++) {
                if (!yn.isMissing(i) && Double.isInfinite(yn.getDouble(i))) {
                    String why = "train row " + rowId(new Part("train", train), i) + " has the label " + yn.getDouble(i)
                            + ", which no feature can be scored against; fix or drop that row";
                    return List.of(new Check("target-leak", Status.SKIPPED, why), new Check("missingness-leak", Status.SKIPPED, why));
                }
            }
        }
        // the label's classes in the one order (numbers numerically, then text); rows without a label are skipped
        Target target = Target.categories(train, label, "label");
        List<String> classList = target.vocabulary().names();
        boolean regression = y instanceof NumericColumn<?> && classList.size() > 2;
        if (classList.size() < 2) {
            String why = classList.isEmpty() ? "every '" + label + "' value in train is missing: there is no label to predict"
                    : "'" + label + "' has one value in train (" + DataValidationException.shown(classList.get(0))
                            + "): there is nothing to predict, so no feature can give it away";
            return List.of(new Check("target-leak", Status.SKIPPED, why), new Check("missingness-leak", Status.SKIPPED, why));
        }
        int[] yCode = regression ? null : labelCodes(target);   // once, not per row per class per feature
        String tooFew = regression ? null : tooFewRows(yCode, classList);
        List<String> notScored = new ArrayList<>();
        for (String f : feats) {
            missingness(train, f, y, yCode, classList, out);
            if (tooFew != null) continue;
            Column<?> x = train.column(f);
            String bestClass = null;
            double strength;
            String measure;
            String unscorable = nonFinite(train, x);
            if (unscorable != null) {
                notScored.add("'" + f + "' (" + unscorable + ")");
                continue;
            }
            if (regression) {
                double[] xs = numericOrEncoded(train, f, null);
                double[][] xy = present(xs, ((NumericColumn<?>) y));
                if (xy[0].length < 3) {
                    if (x.countMissing() < n) notScored.add("'" + f + "' (only " + xy[0].length + " train rows have both it and the label)");
                    continue;
                }
                double r = Correlation.pearson(xy[0], xy[1]);
                strength = Double.isNaN(r) ? 0 : Math.abs(r);
                measure = "|pearson r|";
            } else {
                double best = 0;
                bestClass = null;
                boolean scored = false;
                double[] xs = numericOrEncoded(train, f, yCode);
                for (int c = classList.size() == 2 ? 1 : 0; c < classList.size(); c++) {
                    int[] truth = new int[n];
                    int m = 0;
                    double[] s = new double[n];
                    for (int i = 0; i < n; i++) {
                        if (yCode[i] < 0 || Double.isNaN(xs[i])) continue;
                        truth[m] = yCode[i] == c ? 1 : 0;
                        s[m++] = xs[i];
                    }
                    int[] t = java.util.Arrays.copyOf(truth, m);
                    int pos = 0;
                    for (int v : t) pos += v;
                    // one-vs-rest needs enough rows on both sides, or a rare class makes any feature look perfect
                    if (pos < MIN_CLASS_ROWS || m - pos < MIN_CLASS_ROWS) continue;
                    scored = true;
                    double auc = Scores.rocAuc(t, java.util.Arrays.copyOf(s, m));
                    if (Math.max(auc, 1 - auc) > best) {
                        best = Math.max(auc, 1 - auc);
                        bestClass = classList.get(c);
                    }
                }
                if (!scored) {
                    // a column with no values gives nothing away; one with a few cannot be judged
                    if (x.countMissing() < n) {
                        notScored.add("'" + f + "' (only " + (n - x.countMissing()) + " train rows have a value: too few of each class to score it alone)");
                    }
                    continue;
                }
                strength = best;
                measure = "single-feature ROC AUC" + (x instanceof NumericColumn<?> ? "" : " (cross-fitted target encoding)");
            }
            if (strength >= TARGET_LEAK_THRESHOLD) {
                Map<String, Object> ev = new LinkedHashMap<>();
                ev.put("feature", f);
                ev.put("measure", measure);
                if (bestClass != null && classList.size() > 2) ev.put("class", bestClass + " vs the rest");
                ev.put("value", round(strength));
                ev.put("threshold", TARGET_LEAK_THRESHOLD);
                ev.put("train_rows", n);
                out.add(new Finding("target-leak", Severity.HIGH,
                        "'" + f + "' alone predicts '" + label + "' almost perfectly on train (" + measure + " = " + fmt(strength) + ")",
                        ev, "Real features rarely predict the outcome this well on their own. Usually such a column was recorded "
                                + "after the outcome, or computed from it (a refund flag for churn, a diagnosis code for the disease). "
                                + "At prediction time it will not exist. Check how and when '" + f + "' is produced; drop it if it "
                                + "comes from the label."));
            }
        }
        Check leakCheck;
        if (tooFew != null) leakCheck = new Check("target-leak", Status.SKIPPED, tooFew);
        else if (notScored.isEmpty()) leakCheck = new Check("target-leak", Status.RAN, null);
        else if (notScored.size() == feats.size()) leakCheck = new Check("target-leak", Status.SKIPPED, "no feature could be scored: " + String.join("; ", notScored));
        else {
            leakCheck = new Check("target-leak", Status.PARTLY, notScored.size() + " of " + feats.size() + " features could not be scored: "
                    + String.join("; ", notScored));
        }
        return List.of(leakCheck, new Check("missingness-leak", Status.RAN, null));
    }

    /**
     * Why the single-feature check cannot run for any feature, or null: every class (two classes: the rarer one)
     * needs {@link #MIN_CLASS_ROWS} train rows on each side of a one-vs-rest split.
     */
    private static String tooFewRows(int[] yCode, List<String> classes) {
        int[] count = new int[classes.size()];
        int total = 0;
        for (int c : yCode) if (c >= 0) { count[c]++; total++; }
        for (int c = classes.size() == 2 ? 1 : 0; c < classes.size(); c++) {
            if (count[c] >= MIN_CLASS_ROWS && total - count[c] >= MIN_CLASS_ROWS) return null;
        }
        int rarest = 0;
        for (int c = 1; c < count.length; c++) if (count[c] < count[rarest]) rarest = c;
        return "too few rows: the rarest class '" + DataValidationException.shown(classes.get(rarest)) + "' has " + count[rarest]
                + " train rows, and scoring a feature alone needs at least " + MIN_CLASS_ROWS + " rows of a class and " + MIN_CLASS_ROWS
                + " of the rest";
    }

    /** "train row 6 is Infinity" for the first infinite value of a numeric column, else null. */
    private String nonFinite(Table train, Column<?> x) {
        if (!(x instanceof NumericColumn<?> num)) return null;
        for (int i = 0; i < num.size(); i++) {
            if (!num.isMissing(i) && Double.isInfinite(num.getDouble(i))) {
                return "train row " + rowId(new Part("train", train), i) + " is " + num.getDouble(i) + ", not a finite number";
            }
        }
        return null;
    }

    /** The label's class codes (the vocabulary's), -1 for a row without a label. */
    static int[] labelCodes(Target y) {
        int[] code = y.codes();
        int missing = y.missingCode();
        for (int i = 0; i < code.length; i++) if (code[i] == missing) code[i] = -1;
        return code;
    }

    /**
     * Numeric values, or for text/boolean columns a cross-fitted target encoding (so identifiers are not
     * flagged). {@code yCode} is the label's class codes, or null for a numeric (regression) label.
     */
    private double[] numericOrEncoded(Table train, String f, int[] yCode) {
        Column<?> x = train.column(f);
        int n = train.rowCount();
        double[] v = new double[n];
        if (x instanceof NumericColumn<?> num) {
            for (int i = 0; i < n; i++) v[i] = num.isMissing(i) ? Double.NaN : num.getDouble(i);
            return v;
        }
        if (n < 5) {
            java.util.Arrays.fill(v, Double.NaN);
            return v;
        }
        Table two = Table.create(train.name(), x.copy(), labelAsNumber(train, yCode));
        Table enc = Preprocessor.of(TargetEncoder.of(f).label("__y").seed(0)).fitTransform(two).train();
        double[] e = enc.doubleColumn(f).asDoubleArray();
        for (int i = 0; i < n; i++) if (x.isMissing(i)) e[i] = Double.NaN;
        return e;
    }

    /** The label as a 0/1 (or numeric) column named "__y" for the encoder: one-vs-last-class for classification. */
    private Column<?> labelAsNumber(Table train, int[] yCode) {
        Column<?> y = train.column(label);
        int n = y.size();
        double[] v = new double[n];
        if (yCode == null) {
            for (int i = 0; i < n; i++) v[i] = ((NumericColumn<?>) y).getDouble(i);
        } else {
            int positive = 0;
            for (int c : yCode) positive = Math.max(positive, c);   // the last class present
            for (int i = 0; i < n; i++) v[i] = yCode[i] == positive ? 1 : 0;
        }
        return tech.tablesaw.api.DoubleColumn.create("__y", v);
    }

    private static double[][] present(double[] x, NumericColumn<?> y) {
        int n = x.length;
        double[] a = new double[n];
        double[] b = new double[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (Double.isNaN(x[i]) || y.isMissing(i)) continue;
            a[m] = x[i];
            b[m++] = y.getDouble(i);
        }
        return new double[][] {java.util.Arrays.copyOf(a, m), java.util.Arrays.copyOf(b, m)};
    }

    private void missingness(Table train, String f, Column<?> y, int[] yCode, List<String> classes, List<Finding> out) {
        boolean regression = yCode == null;
        Column<?> x = train.column(f);
        int n = train.rowCount();
        int missing = x.countMissing();
        if (missing < 5 || n - missing < 5) return;
        Map<String, Object> ev = new LinkedHashMap<>();
        ev.put("feature", f);
        ev.put("missing_rows", missing);
        String summary = null;
        if (regression) {
            NumericColumn<?> yn = (NumericColumn<?>) y;
            double[] whenMissing = new double[missing];
            double[] whenPresent = new double[n - missing];
            int a = 0, b = 0;
            for (int i = 0; i < n; i++) {
                if (yn.isMissing(i)) continue;
                if (x.isMissing(i)) whenMissing[a++] = yn.getDouble(i); else whenPresent[b++] = yn.getDouble(i);
            }
            whenMissing = java.util.Arrays.copyOf(whenMissing, a);
            whenPresent = java.util.Arrays.copyOf(whenPresent, b);
            if (a < 5 || b < 5) return;
            double p = new TTest().tTest(whenMissing, whenPresent);
            double ma = mean(whenMissing);
            double mb = mean(whenPresent);
            double sd = Math.sqrt(variance(yn));
            double effect = sd == 0 ? 0 : Math.abs(ma - mb) / sd;
            if (!(p < MISSINGNESS_P && effect >= 0.5)) return;
            ev.put("label_mean_when_missing", round(ma));
            ev.put("label_mean_when_present", round(mb));
            ev.put("welch_p_value", p);
            summary = "'" + f + "' is missing far more often for some '" + label + "' values (label mean " + fmt(ma) + " when missing vs "
                    + fmt(mb) + " when present)";
        } else {
            long[][] counts = new long[classes.size()][2];
            for (int i = 0; i < n; i++) {
                if (yCode[i] < 0) continue;
                counts[yCode[i]][x.isMissing(i) ? 1 : 0]++;
            }
            double minRate = 1, maxRate = 0;
            Map<String, Double> rates = new LinkedHashMap<>();
            for (int c = 0; c < classes.size(); c++) {
                long tot = counts[c][0] + counts[c][1];
                if (tot == 0) continue;
                double r = (double) counts[c][1] / tot;
                rates.put(classes.get(c), round(r));
                minRate = Math.min(minRate, r);
                maxRate = Math.max(maxRate, r);
            }
            double p = chiSquareP(counts);
            if (!(p < MISSINGNESS_P && maxRate - minRate >= 0.10)) return;
            ev.put("missing_rate_by_class", rates);
            ev.put("chi_square_p_value", p);
            summary = "whether '" + f + "' is missing depends on '" + label + "' (missing rate by class " + rates + ")";
        }
        out.add(new Finding("missingness-leak", Severity.MEDIUM, summary, ev,
                "When a value is missing mostly for one outcome, 'is it missing?' becomes a proxy for the label: often the value "
                        + "is filled in by the same process that records the outcome (a test done only after a diagnosis). The model "
                        + "will learn the shortcut, and it may not exist at prediction time. Find out why '" + f + "' is missing "
                        + "before you impute it or add a missing-indicator."));
    }

    private static double chiSquareP(long[][] counts) {
        // drop classes with no rows; the test needs at least a 2x2 table with no empty column
        List<long[]> rows = new ArrayList<>();
        for (long[] r : counts) if (r[0] + r[1] > 0) rows.add(r);
        if (rows.size() < 2) return 1;
        long col0 = 0, col1 = 0;
        for (long[] r : rows) { col0 += r[0]; col1 += r[1]; }
        if (col0 == 0 || col1 == 0) return 1;
        return new ChiSquareTest().chiSquareTest(rows.toArray(new long[0][]));
    }

    private static double mean(double[] v) {
        double s = 0;
        for (double d : v) s += d;
        return s / v.length;
    }

    private static double variance(NumericColumn<?> y) {
        double s = 0, ss = 0;
        int m = 0;
        for (int i = 0; i < y.size(); i++) {
            if (y.isMissing(i)) continue;
            double d = y.getDouble(i);
            s += d;
            ss += d * d;
            m++;
        }
        double mu = s / m;
        return ss / m - mu * mu;
    }

    private static double round(double v) { return Math.round(v * 10_000) / 10_000.0; }

    private static String fmt(double v) { return String.format(Locale.ROOT, "%.3f", v); }

    private static String pct(double share) { return String.format(Locale.ROOT, "%.1f%%", 100 * share); }

    @Override public String toString() {
        return "LeakageAudit(label=" + label + (time != null ? ", time=" + time : "") + (group != null ? ", group=" + group : "")
                + (preprocessor != null ? ", preprocessor" : "") + ")";
    }
}
