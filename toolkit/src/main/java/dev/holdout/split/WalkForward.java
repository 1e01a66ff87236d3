package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Walk-forward validation by the calendar: fold {@code i} has the cutoff {@code t_i = first + window +
 * (i-1)·step} and trains on {@code [t_i - window, t_i)} (rolling) or {@code [first, t_i)} (expanding),
 * and tests on {@code [t_i + gap, t_i + gap + horizon)}. Windows are half-open intervals of time, so
 * rows that share a timestamp are never on both sides; the gap keeps rows whose features or labels
 * reach into the test period out of training.
 *
 * <p>Spans are calendar spans ({@link CalendarSpan}: {@code P1Y}, {@code 3mo}, {@code 7d}); for a
 * whole-number time column they are plain numbers of its units. Folds are made while the test window
 * lies within the data: the last fold's window ends no later than the last instant plus the data's
 * resolution (the smallest step between instants, so December of daily data through Dec 31 counts as a
 * complete month). A window without rows (a hole in the calendar) is skipped with a warning.
 *
 * <pre>{@code
 * Folds f = WalkForward.on("date").trainWindow("P1Y").horizon("P1M").gap("7d").split(weather);  // rolling year, monthly test
 * Folds g = WalkForward.on("date").trainWindow("P1Y").horizon("P3M").step("P1M").expanding().split(weather);
 * }</pre>
 */
public final class WalkForward implements CrossValidator {
    /** More folds than this is almost surely a step typed in the wrong unit. */
    static final int MAX_FOLDS = 10_000;

    private final String time;
    private final CalendarSpan window;
    private final CalendarSpan horizon;
    private final CalendarSpan step;
    private final CalendarSpan gap;
    private final boolean expanding;
    private final MissingTimePolicy missing;

    private WalkForward(String time, CalendarSpan window, CalendarSpan horizon, CalendarSpan step, CalendarSpan gap, boolean expanding,
                        MissingTimePolicy missing) {
        this.time = time;
        this.window = window;
        this.horizon = horizon;
        this.step = step;
        this.gap = gap;
        this.expanding = expanding;
        this.missing = missing;
    }

    /** Walk-forward over column {@code time}; give the train window and the horizon next (the step defaults to the horizon). */
    public static WalkForward on(String time) {
        return new WalkForward(time, null, null, null, CalendarSpan.units(0), false, MissingTimePolicy.ERROR);
    }

    /** The length of the training window: the first cutoff is this far after the first instant, and a rolling window keeps this length. */
    public WalkForward trainWindow(CalendarSpan span) { return new WalkForward(time, span, horizon, step, gap, expanding, missing); }

    public WalkForward trainWindow(String span) { return trainWindow(CalendarSpan.parse(span, "trainWindow")); }

    /** The length of each test window. */
    public WalkForward horizon(CalendarSpan span) { return new WalkForward(time, window, span, step, gap, expanding, missing); }

    public WalkForward horizon(String span) { return horizon(CalendarSpan.parse(span, "horizon")); }

    /** How far each cutoff is after the previous one (default: the horizon, so test windows tile the time). */
    public WalkForward step(CalendarSpan span) { return new WalkForward(time, window, horizon, span, gap, expanding, missing); }

    public WalkForward step(String span) { return step(CalendarSpan.parse(span, "step")); }

    /** Time left out between the end of training and the start of the test window. */
    public WalkForward gap(CalendarSpan span) { return new WalkForward(time, window, horizon, step, span, expanding, missing); }

    public WalkForward gap(String span) { return gap(CalendarSpan.parse(span, "gap")); }

    /** Train from the first instant to each cutoff (the window grows), instead of a rolling window. */
    public WalkForward expanding() { return new WalkForward(time, window, horizon, step, gap, true, missing); }

    /** A rolling window of {@link #trainWindow} (the default). */
    public WalkForward rolling() { return new WalkForward(time, window, horizon, step, gap, false, missing); }

    public WalkForward missingTimes(MissingTimePolicy policy) { return new WalkForward(time, window, horizon, step, gap, expanding, policy); }

    @Override public Folds split(Table table) {
        TimeKeys keys = TimeKeys.of(table, time);
        return split(keys, keys.keys, table.name(), keys.kind == TimeKeys.Kind.NUMBER);
    }

    /** Splits by whole-number keys ({@link Long#MIN_VALUE} = missing); spans are plain numbers of the keys' units. */
    public Folds split(long[] keys) { return split(null, keys, "keys", true); }

    private Folds split(TimeKeys format, long[] keys, String table, boolean numbers) {
        if (window == null) {
            throw DataValidationException.param("trainWindow", "(none)", "walk-forward needs a training window", "pass --train-window P1Y (or trainWindow(\"P1Y\"))");
        }
        if (horizon == null) {
            throw DataValidationException.param("horizon", "(none)", "walk-forward needs a test horizon", "pass --horizon P1M (or horizon(\"P1M\"))");
        }
        CalendarSpan stepBy = step == null ? horizon : step;
        requirePositive(window, "trainWindow");
        requirePositive(horizon, "horizon");
        requirePositive(stepBy, "step");
        Instants inst = Instants.of(keys, missing, table, time);
        int m = inst.count();
        if (m < 2) {
            throw DataValidationException.param("time", time, "has " + m + " distinct instant" + (m == 1 ? "" : "s") + "; walk-forward needs at least 2",
                    "use more data");
        }
        long first = inst.values[0], last = inst.values[m - 1];
        long complete = last + inst.resolution();
        long firstCutoff = window.addTo(first, 1, numbers);
        List<Fold> out = new ArrayList<>();
        List<String> warnings = new ArrayList<>();
        List<String> cutoffs = new ArrayList<>();
        int skipped = 0;
        for (int i = 0; ; i++) {
            long t = stepBy.addTo(firstCutoff, i, numbers);
            long testStart = gap.addTo(t, 1, numbers);
            long testEnd = horizon.addTo(testStart, 1, numbers);
            if (testStart > last || testEnd > complete) break;
            if (i >= MAX_FOLDS) {
                throw DataValidationException.param("step", stepBy, "gives more than " + MAX_FOLDS + " folds over this data", "use a longer step");
            }
            long trainStart = expanding ? Long.MIN_VALUE : window.addTo(t, -1, numbers);
            int nTrain = 0, nTest = 0;
            for (int r = 0; r < keys.length; r++) {
                if (inst.of[r] < 0) continue;
                long v = keys[r];
                if (v >= trainStart && v < t) nTrain++;
                else if (v >= testStart && v < testEnd) nTest++;
            }
            String label = format == null ? Long.toString(t) : format.format(t);
            if (nTrain == 0 || nTest == 0) {
                skipped++;
                warnings.add("cutoff " + label + ": no " + (nTest == 0 ? "test" : "training") + " rows in its window; skipped");
                continue;
            }
            int[] train = new int[nTrain], test = new int[nTest];
            int a = 0, b = 0;
            for (int r = 0; r < keys.length; r++) {
                if (inst.of[r] < 0) continue;
                long v = keys[r];
                if (v >= trainStart && v < t) train[a++] = r;
                else if (v >= testStart && v < testEnd) test[b++] = r;
            }
            out.add(new Fold(out.size() + 1, RowIndices.adoptSorted(train), RowIndices.adoptSorted(test)));
            cutoffs.add(label);
        }
        if (out.isEmpty()) {
            String range = format == null ? first + " .. " + last : format.format(first) + " .. " + format.format(last);
            throw DataValidationException.param("trainWindow", window, "with horizon " + horizon + " and gap " + gap
                    + " leaves no complete test window inside the data (" + range + ")" + (skipped > 0 ? "; " + skipped + " windows had no rows" : ""),
                    "use a shorter training window or horizon");
        }
        if (inst.missing > 0) warnings.add(inst.missing + " rows with a missing time were left out (policy drop)");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("time", time);
        params.put("trainWindow", window.toString());
        params.put("window", expanding ? "expanding" : "rolling");
        params.put("horizon", horizon.toString());
        params.put("step", stepBy.toString());
        params.put("gap", gap.toString());
        params.put("cutoffs", String.join(",", cutoffs));
        return new Folds(out, new SplitProvenance("walk-forward", params, null, keys.length, warnings));
    }

    private static void requirePositive(CalendarSpan s, String param) {
        if (s.isZero()) throw DataValidationException.param(param, s, "must be longer than zero", "pass a span such as P1M or 30d");
    }

    @Override public String toString() {
        return "WalkForward(time=" + time + ", trainWindow=" + window + ", horizon=" + horizon + ", step=" + (step == null ? horizon : step)
                + ", gap=" + gap + ", " + (expanding ? "expanding" : "rolling") + ")";
    }
}
