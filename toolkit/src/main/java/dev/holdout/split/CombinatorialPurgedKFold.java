package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * Combinatorial purged cross-validation (CPCV, López de Prado, <i>Advances in Financial Machine
 * Learning</i>, ch. 12): the distinct start instants are cut into {@code N} contiguous groups, and
 * every choice of {@code k} of them is the test part of one split — {@code C(N, k)} splits, in
 * lexicographic order of the chosen groups. Training rows are purged and embargoed around each run of
 * consecutive test groups exactly as in {@link PurgedKFold}.
 *
 * <p>Each group is tested in {@code C(N-1, k-1)} splits, so the splits' test predictions assemble into
 * {@code φ = k/N · C(N, k) = C(N-1, k-1)} <b>backtest paths</b>, each covering every group once: path
 * {@code p} takes group {@code g} from the {@code p}-th split (in order) that tests {@code g}. A
 * backtest of one strategy thus gives φ out-of-sample histories instead of one, and a distribution of
 * its score instead of a single number.
 *
 * <pre>{@code
 * CombinatorialPurgedKFold cpcv = CombinatorialPurgedKFold.on("date").labelEnd("label_end").groups(6).testGroups(2);
 * Folds splits = cpcv.split(prices);          // C(6,2) = 15 splits
 * List<BacktestPath> paths = cpcv.paths();    // C(5,1) = 5 paths of 6 groups each
 * paths.get(0).folds();                       // [1, 1, 2, 3, 4, 5]: group 1 from split 1, group 2 from split 1, ...
 * }</pre>
 */
public final class CombinatorialPurgedKFold implements CrossValidator {
    /** More splits than this is almost surely a typo (C(20, 10) is 184,756). */
    static final int MAX_SPLITS = 10_000;

    private final String time;
    private final String labelEnd;
    private final int groups;
    private final int testGroups;
    private final Embargo embargo;
    private final MissingTimePolicy missing;

    private CombinatorialPurgedKFold(String time, String labelEnd, int groups, int testGroups, Embargo embargo, MissingTimePolicy missing) {
        if (groups < 2) throw DataValidationException.param("groups", groups, "needs at least 2 groups", "pass --groups 6 (a common choice)");
        if (testGroups < 1) throw DataValidationException.param("testGroups", testGroups, "must be at least 1", "pass --test-groups 2");
        this.time = time;
        this.labelEnd = labelEnd;
        this.groups = groups;
        this.testGroups = testGroups;
        this.embargo = embargo;
        this.missing = missing;
    }

    /** CPCV over the start times in column {@code time}: 6 groups, 2 test groups, no embargo until set. */
    public static CombinatorialPurgedKFold on(String time) {
        return new CombinatorialPurgedKFold(time, null, 6, 2, Embargo.none(), MissingTimePolicy.ERROR);
    }

    public CombinatorialPurgedKFold labelEnd(String column) { return new CombinatorialPurgedKFold(time, column, groups, testGroups, embargo, missing); }

    /** N: the number of contiguous groups the instants are cut into. */
    public CombinatorialPurgedKFold groups(int n) { return new CombinatorialPurgedKFold(time, labelEnd, n, testGroups, embargo, missing); }

    /** k: the number of groups each split tests. */
    public CombinatorialPurgedKFold testGroups(int k) { return new CombinatorialPurgedKFold(time, labelEnd, groups, k, embargo, missing); }

    public CombinatorialPurgedKFold embargo(Embargo e) { return new CombinatorialPurgedKFold(time, labelEnd, groups, testGroups, e, missing); }

    public CombinatorialPurgedKFold embargo(Duration d) { return embargo(Embargo.of(d)); }

    public CombinatorialPurgedKFold missingTimes(MissingTimePolicy policy) {
        return new CombinatorialPurgedKFold(time, labelEnd, groups, testGroups, embargo, policy);
    }

    /** How groups and test groups combine, checked when the splits are made (so the withers may come in any order). */
    private void check() {
        if (testGroups >= groups) {
            throw DataValidationException.param("testGroups", testGroups, "must be less than groups=" + groups,
                    "pass --test-groups " + Math.max(1, groups / 3) + " (any value from 1 to " + (groups - 1) + ")");
        }
        long splits = binomial(groups, testGroups);
        if (splits > MAX_SPLITS) {
            throw DataValidationException.param("groups", groups + " choose " + testGroups, "gives " + (splits == Long.MAX_VALUE ? "billions of" : splits)
                    + " splits, more than " + MAX_SPLITS, "use fewer groups or fewer test groups");
        }
    }

    /** The number of splits, C(N, k). */
    public int splitCount() {
        check();
        return (int) binomial(groups, testGroups);
    }

    /** The number of backtest paths, C(N-1, k-1). */
    public int pathCount() {
        check();
        return (int) binomial(groups - 1, testGroups - 1);
    }

    /** The groups each split tests (0-based), in split order. */
    public List<int[]> combinations() {
        check();
        List<int[]> out = new ArrayList<>();
        int[] c = new int[testGroups];
        for (int i = 0; i < testGroups; i++) c[i] = i;
        while (true) {
            out.add(c.clone());
            int i = testGroups - 1;
            while (i >= 0 && c[i] == groups - testGroups + i) i--;
            if (i < 0) return out;
            c[i]++;
            for (int j = i + 1; j < testGroups; j++) c[j] = c[j - 1] + 1;
        }
    }

    /** The backtest paths: for each path, the split (fold number) each group's predictions come from. */
    public List<BacktestPath> paths() {
        List<int[]> combos = combinations();
        int phi = pathCount();
        int[][] foldOf = new int[phi][groups];
        int[] seen = new int[groups];
        for (int s = 0; s < combos.size(); s++) {
            for (int g : combos.get(s)) foldOf[seen[g]++][g] = s + 1;
        }
        List<BacktestPath> out = new ArrayList<>(phi);
        for (int p = 0; p < phi; p++) out.add(new BacktestPath(p + 1, foldOf[p]));
        return out;
    }

    @Override public Folds split(Table table) { return backtest(table).folds(); }

    /** The splits, each row's group, and the paths. */
    public Backtest backtest(Table table) {
        TimeKeys[] keys = LabelIntervals.keys(table, time, labelEnd);
        embargo.checkFits(keys[0].kind == TimeKeys.Kind.NUMBER, time);
        return backtest(keys[0].keys, keys[1] == null ? null : keys[1].keys, table.name(), keys[1]);
    }

    /** As {@link #backtest(Table)} on start and label-end keys ({@code end} null = point labels). */
    public Backtest backtest(long[] start, long[] end) { return backtest(start, end, "keys", null); }

    private Backtest backtest(long[] start, long[] end, String table, TimeKeys endKeys) {
        check();
        LabelIntervals li = LabelIntervals.of(start, end, missing, table, time, labelEnd, endKeys);
        int m = li.instants.count();
        if (groups > m) {
            throw DataValidationException.param("groups", groups, "cannot be greater than the number of distinct instants, " + m,
                    "use at most " + m + " groups");
        }
        int[] groupOfInstant = li.instants.blocks(groups);
        List<int[]> combos = combinations();
        int[] purged = new int[combos.size()], embargoed = new int[combos.size()];
        List<Fold> out = new ArrayList<>(combos.size());
        for (int s = 0; s < combos.size(); s++) {
            boolean[] inTest = new boolean[groups];
            for (int g : combos.get(s)) inTest[g] = true;
            boolean[] test = new boolean[m];
            for (int j = 0; j < m; j++) test[j] = inTest[groupOfInstant[j]];
            Fold fold = li.fold(s + 1, test, embargo, purged, embargoed);
            LabelIntervals.requireTraining(fold, "split " + (s + 1) + " (test groups " + oneBased(combos.get(s)) + ")", purged[s], embargoed[s]);
            out.add(fold);
        }
        int[] count = new int[groups];
        int[] groupOfRow = new int[start.length];
        for (int i = 0; i < start.length; i++) {
            int j = li.instants.of[i];
            groupOfRow[i] = j < 0 ? -1 : groupOfInstant[j];
            if (j >= 0) count[groupOfRow[i]]++;
        }
        List<RowIndices> groupRows = new ArrayList<>(groups);
        int[][] rows = new int[groups][];
        for (int g = 0; g < groups; g++) rows[g] = new int[count[g]];
        int[] fill = new int[groups];
        for (int i = 0; i < start.length; i++) if (groupOfRow[i] >= 0) rows[groupOfRow[i]][fill[groupOfRow[i]]++] = i;
        for (int g = 0; g < groups; g++) groupRows.add(RowIndices.adoptSorted(rows[g]));
        List<String> warnings = new ArrayList<>();
        if (li.instants.missing > 0) warnings.add(li.instants.missing + " rows with a missing time or label end were left out (policy drop)");
        Map<String, String> params = new LinkedHashMap<>();
        params.put("time", time);
        if (labelEnd != null) params.put("labelEnd", labelEnd);
        params.put("groups", Integer.toString(groups));
        params.put("testGroups", Integer.toString(testGroups));
        params.put("splits", Integer.toString(combos.size()));
        params.put("paths", Integer.toString(pathCount()));
        params.put("embargo", embargo.toString());
        params.put("instants", Integer.toString(m));
        params.put("purgedRows", LabelIntervals.list(purged));
        params.put("embargoedRows", LabelIntervals.list(embargoed));
        Folds folds = new Folds(out, new SplitProvenance("combinatorial-purged", params, null, start.length, warnings));
        return new Backtest(folds, groupRows, paths());
    }

    private static String oneBased(int[] groups) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < groups.length; i++) sb.append(i == 0 ? "" : ",").append(groups[i] + 1);
        return sb.toString();
    }

    static long binomial(int n, int k) {
        long r = 1;
        for (int i = 1; i <= k; i++) {
            r = r * (n - k + i) / i;
            if (r > Integer.MAX_VALUE) return Long.MAX_VALUE;
        }
        return r;
    }

    /**
     * One backtest path: {@code folds().get(g)} is the split (fold number, 1-based) whose test predictions
     * cover group {@code g} (0-based) on this path.
     */
    public record BacktestPath(int number, List<Integer> folds) {
        public BacktestPath {
            folds = List.copyOf(folds);
        }

        BacktestPath(int number, int[] folds) {
            this(number, java.util.Arrays.stream(folds).boxed().toList());
        }

        @Override public String toString() { return "path " + number + ": " + folds; }
    }

    /**
     * The splits with each group's rows and the backtest paths. {@link #segments(int)} lists, for one
     * path, which split's test predictions to take for which rows.
     *
     * <pre>{@code
     * Backtest b = cpcv.backtest(prices);
     * for (Backtest.Segment s : b.segments(1)) score(modelOf(s.fold()), s.rows());
     * }</pre>
     */
    public record Backtest(Folds folds, List<RowIndices> groups, List<BacktestPath> paths) {
        public Backtest {
            groups = List.copyOf(groups);
            paths = List.copyOf(paths);
        }

        /** One group of one path: its rows, tested in split {@code fold}. */
        public record Segment(int group, int fold, RowIndices rows) {}

        /** The segments of path {@code number} (1-based), in group (time) order. */
        public List<Segment> segments(int number) {
            if (number < 1 || number > paths.size()) {
                throw DataValidationException.param("path", number, "must be in [1, " + paths.size() + "]", "pick one of the " + paths.size() + " paths");
            }
            BacktestPath p = paths.get(number - 1);
            List<Segment> out = new ArrayList<>(groups.size());
            for (int g = 0; g < groups.size(); g++) out.add(new Segment(g + 1, p.folds().get(g), groups.get(g)));
            return out;
        }
    }

    @Override public String toString() {
        return "CombinatorialPurgedKFold(time=" + time + (labelEnd != null ? ", labelEnd=" + labelEnd : "") + ", groups=" + groups
                + ", testGroups=" + testGroups + ", embargo=" + embargo + ")";
    }
}
