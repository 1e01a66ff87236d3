package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * A time-based split by explicit cutoffs, as the study guide does it:
 * {@code train < 2023-01-01 <= validation < 2023-07-01 <= test}. A row exactly at a cutoff goes to the
 * later part. With one cutoff there is no validation part. An optional gap (embargo) leaves out the
 * rows in {@code [cutoff - gap, cutoff)}, so no training row is closer than {@code gap} to the next
 * part. Cutoffs can also be placed at fractions of the time range: {@code test(0.2)} puts the last 20 % of the
 * range in test, {@code validation(0.1)} the 10 % before it in validation (the same vocabulary as every splitter).
 *
 * <pre>{@code
 * Split s = TimeSplit.on("date").cutoffs("2023-01-01", "2023-07-01").split(table);
 * Split t = TimeSplit.on("date").test(0.15).validation(0.15).gap(Duration.ofDays(7)).split(table);
 * }</pre>
 */
public final class TimeSplit implements Splitter {
    private final String time;
    private final List<String> cutoffs;
    private final double validationFraction;
    private final double testFraction;
    private final Duration gap;
    private final long gapUnits;
    private final MissingTimePolicy missing;

    private TimeSplit(String time, List<String> cutoffs, double validationFraction, double testFraction, Duration gap,
                      long gapUnits, MissingTimePolicy missing) {
        this.time = time;
        this.cutoffs = cutoffs;
        this.validationFraction = validationFraction;
        this.testFraction = testFraction;
        this.gap = gap;
        this.gapUnits = gapUnits;
        this.missing = missing;
    }

    /** Splits on the time column {@code time}; give cutoffs or fractions next. */
    public static TimeSplit on(String time) {
        return new TimeSplit(time, List.of(), Double.NaN, Double.NaN, Duration.ZERO, 0, MissingTimePolicy.ERROR);
    }

    /** One cutoff (train | test) or two (train | validation | test), as ISO dates or date-times. */
    public TimeSplit cutoffs(String... values) {
        if (values.length < 1 || values.length > 2) {
            throw DataValidationException.param("cutoffs", String.join(",", values), "give one cutoff (train|test) or two (train|validation|test)",
                    "e.g. --cutoffs 2023-01-01,2023-07-01");
        }
        return new TimeSplit(time, List.of(values), validationFraction, testFraction, gap, gapUnits, missing);
    }

    public TimeSplit cutoffs(LocalDate... values) {
        return cutoffs(Arrays.stream(values).map(LocalDate::toString).toArray(String[]::new));
    }

    /**
     * A cutoff at a fraction of the time range [min, max]: the last {@code fraction} of the range is test.
     * Instead of {@link #cutoffs}, not with them.
     */
    public TimeSplit test(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw DataValidationException.param("test", fraction, "a fraction of the time range must be in (0, 1)", "pass e.g. 0.2");
        }
        return new TimeSplit(time, cutoffs, validationFraction, fraction, gap, gapUnits, missing);
    }

    /**
     * With {@link #test(double)}: the {@code fraction} of the time range before the test part is validation
     * (none by default).
     */
    public TimeSplit validation(double fraction) {
        if (!(fraction > 0 && fraction < 1)) {
            throw DataValidationException.param("validation", fraction, "a fraction of the time range must be in (0, 1)", "pass e.g. 0.1");
        }
        return new TimeSplit(time, cutoffs, fraction, testFraction, gap, gapUnits, missing);
    }

    /** Leaves out rows within {@code gap} before each cutoff (date and date-time columns). */
    public TimeSplit gap(Duration g) {
        if (g.isNegative()) throw DataValidationException.param("gap", g, "must not be negative", "pass 0 or a positive duration");
        return new TimeSplit(time, cutoffs, validationFraction, testFraction, g, 0, missing);
    }

    /**
     * Leaves out rows within {@code units} before each cutoff, in the time column's own units: for a
     * whole-number time column (epoch seconds, a year, a step number) a duration has no meaning.
     */
    public TimeSplit gapUnits(long units) {
        if (units < 0) throw DataValidationException.param("gap", units, "must not be negative", "pass 0 or a positive number");
        return new TimeSplit(time, cutoffs, validationFraction, testFraction, Duration.ZERO, units, missing);
    }

    public TimeSplit missingTimes(MissingTimePolicy policy) {
        return new TimeSplit(time, cutoffs, validationFraction, testFraction, gap, gapUnits, policy);
    }

    /** The time column. */
    public String time() { return time; }

    /** The cutoffs as given (ISO dates, date-times or numbers), empty when the split is by fractions. */
    public List<String> cutoffValues() { return cutoffs; }

    /** The gap before each cutoff for date and time columns (zero when none). */
    public Duration gap() { return gap; }

    /** The gap in the column's own units for whole-number time columns (0 when none). */
    public long gapUnits() { return gapUnits; }

    public MissingTimePolicy missingTimes() { return missing; }

    /**
     * The part of a row whose time key is {@code v} given cutoff keys {@code cut} (one or two, ascending) and a
     * gap {@code g} in the same units; null when the row falls inside a gap. One rule for every engine.
     */
    public static Part partOf(long v, long[] cut, long g) {
        if (cut.length == 1) return v >= cut[0] ? Part.TEST : v < cut[0] - g ? Part.TRAIN : null;
        if (v >= cut[1]) return Part.TEST;
        if (v >= cut[0]) return v < cut[1] - g ? Part.VALIDATION : null;
        return v < cut[0] - g ? Part.TRAIN : null;
    }

    @Override public Split split(Table table) {
        if (cutoffs.isEmpty() && Double.isNaN(testFraction)) {
            if (!Double.isNaN(validationFraction)) {
                throw DataValidationException.param("validation", validationFraction, "a validation fraction needs a test fraction too",
                        "add test(0.2) (--test-size 0.2), or give cutoffs");
            }
            throw DataValidationException.param("cutoffs", "(none)", "a time split needs cutoffs or fractions",
                    "pass --cutoffs 2023-01-01,2023-07-01 or --test-size 0.2");
        }
        if (!cutoffs.isEmpty() && !(Double.isNaN(testFraction) && Double.isNaN(validationFraction))) {
            throw DataValidationException.param("cutoffs", String.join(",", cutoffs), "give cutoffs or fractions of the time range, not both",
                    "drop the cutoffs or the test/validation fractions");
        }
        if (!Double.isNaN(validationFraction) && !(validationFraction + testFraction < 1)) {
            throw DataValidationException.param("validation", validationFraction, "validation + test must be less than 1 (test="
                    + testFraction + ") so that train is not empty", "make validation or test smaller");
        }
        TimeKeys keys = TimeKeys.of(table, time);
        long[] t = keys.keys;
        int n = t.length;
        List<String> warnings = new ArrayList<>();
        int missingCount = 0;
        long min = Long.MAX_VALUE, max = Long.MIN_VALUE;
        for (int i = 0; i < n; i++) {
            if (t[i] == TimeKeys.MISSING) {
                if (missing == MissingTimePolicy.ERROR) {
                    throw DataValidationException.atRow(table.name(), i + 1, time, "",
                            "no time; fill it, drop such rows, or choose the policy DROP (--missing-time drop)");
                }
                missingCount++;
            } else {
                min = Math.min(min, t[i]);
                max = Math.max(max, t[i]);
            }
        }
        if (missingCount == n) {
            throw DataValidationException.param("time", time, "every value is missing", "choose a column with times");
        }
        long[] cut;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("time", time);
        if (!cutoffs.isEmpty()) {
            cut = new long[cutoffs.size()];
            for (int i = 0; i < cut.length; i++) cut[i] = keys.parse(cutoffs.get(i), "cutoffs");
            if (cut.length == 2 && cut[1] <= cut[0]) {
                throw DataValidationException.param("cutoffs", String.join(",", cutoffs), "cutoffs must be in increasing order",
                        "write the earlier cutoff first (train|validation|test)");
            }
        } else {
            long span = max - min;
            boolean hasValidation = !Double.isNaN(validationFraction);
            cut = hasValidation ? new long[2] : new long[1];
            cut[cut.length - 1] = alignUp(min + (long) Math.ceil((1 - testFraction) * span), keys);
            if (hasValidation) cut[0] = alignUp(min + (long) Math.ceil((1 - testFraction - validationFraction) * span), keys);
            params.put("validationFraction", Double.toString(hasValidation ? validationFraction : 0));
            params.put("testFraction", Double.toString(testFraction));
        }
        String cutText = String.join(",", Arrays.stream(cut).mapToObj(keys::format).toList());
        params.put("cutoffs", cutText);
        long g;
        if (keys.kind == TimeKeys.Kind.NUMBER) {
            if (!gap.isZero()) {
                throw DataValidationException.param("gap", gap, "column '" + time + "' holds plain numbers, so a duration has no unit here",
                        "give the gap as a number of the column's own units (gapUnits, or --gap N)");
            }
            g = gapUnits;
            params.put("gap", gapUnits + " units");
        } else {
            if (gapUnits != 0) {
                throw DataValidationException.param("gap", gapUnits, "column '" + time + "' holds dates or times, so the gap needs a unit",
                        "give a duration such as 7d, 12h or P7D");
            }
            g = gap.getSeconds();
            params.put("gap", gap.toString());
        }
        params.put("missingTimes", missing.name().toLowerCase());
        byte[] part = new byte[n];
        int dropped = 0;
        for (int i = 0; i < n; i++) {
            long v = t[i];
            byte p;
            if (v == TimeKeys.MISSING) {
                p = Assign.DROPPED;
            } else {
                Part q = partOf(v, cut, g);
                p = q == null ? Assign.DROPPED : q == Part.TRAIN ? Assign.TRAIN : q == Part.VALIDATION ? Assign.VALIDATION : Assign.TEST;
            }
            if (p == Assign.DROPPED && v != TimeKeys.MISSING) dropped++;
            part[i] = p;
        }
        if (missingCount > 0) warnings.add(missingCount + " rows with a missing time were left out (policy drop)");
        if (dropped > 0) warnings.add(dropped + " rows inside the gap of " + params.get("gap") + " before a cutoff were left out");
        Split split = Assign.fromCodes(part, new SplitProvenance("time", params, null, n, warnings));
        String[] names = cut.length == 1 ? new String[] {"train", "test"} : new String[] {"train", "validation", "test"};
        Part[] parts = cut.length == 1 ? new Part[] {Part.TRAIN, Part.TEST} : Part.values();
        for (int i = 0; i < parts.length; i++) {
            if (split.size(parts[i]) == 0) {
                throw DataValidationException.param("cutoffs", cutText, "the " + names[i] + " part would be empty (times run from "
                        + keys.format(min) + " to " + keys.format(max) + (g > 0 ? ", gap " + params.get("gap") : "") + ")",
                        "choose cutoffs inside that range");
            }
        }
        return split;
    }

    private static long alignUp(long key, TimeKeys keys) {
        if (keys.kind == TimeKeys.Kind.DATE) return Math.floorDiv(key + 86_399L, 86_400L) * 86_400L;
        return key;
    }
}
