package dev.holdout.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/** Invariants of every split strategy over generated inputs (0..10^4 rows, skewed classes, ties). */
class SplitPropertiesTest {

    // ---- generators ------------------------------------------------------------------------------

    /** Class codes 0..k-1 with a skewed distribution (class 0 dominant), every class present. */
    @Provide Arbitrary<int[]> skewedCodes() {
        return Combinators.combine(Arbitraries.integers().between(2, 10_000), Arbitraries.integers().between(1, 12),
                Arbitraries.longs()).as((n, k, seed) -> {
                    int kk = Math.min(k, n);
                    java.util.Random r = new java.util.Random(seed);
                    int[] codes = new int[n];
                    for (int i = 0; i < n; i++) {
                        double u = r.nextDouble();
                        codes[i] = (int) Math.min(kk - 1, Math.floor(kk * u * u * u));
                    }
                    for (int c = 0; c < kk; c++) codes[r.nextInt(n)] = c;
                    return densify(codes);
                });
    }

    /** Timestamps with duplicates and in random order. */
    @Provide Arbitrary<long[]> times() {
        return Combinators.combine(Arbitraries.integers().between(0, 10_000), Arbitraries.integers().between(1, 2_000), Arbitraries.longs())
                .as((n, distinct, seed) -> {
                    java.util.Random r = new java.util.Random(seed);
                    long[] t = new long[n];
                    for (int i = 0; i < n; i++) t[i] = 1_000_000L + r.nextInt(distinct) * 10L;
                    return t;
                });
    }

    private static int[] densify(int[] codes) {
        int max = Arrays.stream(codes).max().orElse(0);
        int[] map = new int[max + 1];
        Arrays.fill(map, -1);
        int next = 0;
        int[] out = new int[codes.length];
        for (int i = 0; i < codes.length; i++) {
            if (map[codes[i]] < 0) map[codes[i]] = next++;
            out[i] = map[codes[i]];
        }
        return out;
    }

    static void assertPartition(Split s, int n) {
        boolean[] seen = new boolean[n];
        int total = 0;
        for (Part p : Part.values()) {
            RowIndices r = s.rows(p);
            for (int i = 0; i < r.size(); i++) {
                assertTrue(!seen[r.get(i)], "row " + r.get(i) + " is in two parts");
                seen[r.get(i)] = true;
                if (i > 0) assertTrue(r.get(i) > r.get(i - 1), "rows ascending");
            }
            total += r.size();
        }
        assertEquals(n, total, "parts cover every row");
    }

    static void assertFoldsPartition(Folds folds, int n) {
        int[] inTest = new int[n];
        for (Fold f : folds) {
            Set<Integer> test = new HashSet<>();
            f.test().stream().forEach(r -> inTest[r]++);
            f.test().stream().forEach(test::add);
            f.train().stream().forEach(r -> assertTrue(!test.contains(r), "row " + r + " in train and test of fold " + f.number()));
            assertEquals(n, f.train().size() + f.test().size(), "fold " + f.number() + " covers every row");
        }
        for (int i = 0; i < n; i++) assertEquals(1, inTest[i], "row " + i + " must be in exactly one test fold");
    }

    // ---- random ----------------------------------------------------------------------------------

    @Property(tries = 200)
    void randomSplitSizesFollowTheCeilRule(@ForAll @IntRange(min = 2, max = 10_000) int n,
                                           @ForAll @IntRange(min = 1, max = 60) int testPct,
                                           @ForAll @IntRange(min = 0, max = 30) int valPct, @ForAll long seed) {
        double tf = testPct / 100.0, vf = valPct / 100.0;
        int nTest = (int) Math.ceil(tf * n), nVal = valPct == 0 ? 0 : (int) Math.ceil(vf * n);
        Assume.that(n - nTest - nVal >= 1);
        RandomSplit splitter = RandomSplit.create().test(tf).seed(seed);
        if (valPct > 0) splitter = splitter.validation(vf);
        Split s = splitter.split(n);
        assertEquals(nTest, s.size(Part.TEST));
        assertEquals(nVal, s.size(Part.VALIDATION));
        assertEquals(n - nTest - nVal, s.size(Part.TRAIN));
        assertPartition(s, n);
        assertEquals(s, splitter.split(n), "same seed, same split");
    }

    @Property(tries = 50)
    void unshuffledSplitIsPositional(@ForAll @IntRange(min = 3, max = 5000) int n) {
        Split s = RandomSplit.create().test(0.2).validation(0.1).shuffle(false).split(n);
        assertPartition(s, n);
        int lastTrain = s.rows(Part.TRAIN).get(s.size(Part.TRAIN) - 1);
        assertTrue(lastTrain < s.rows(Part.VALIDATION).get(0));
        assertTrue(s.rows(Part.VALIDATION).get(s.size(Part.VALIDATION) - 1) < s.rows(Part.TEST).get(0));
    }

    // ---- stratified ------------------------------------------------------------------------------

    @Property(tries = 150)
    void stratifiedKeepsEveryClassWithinOneRowOfItsShare(@ForAll("skewedCodes") int[] codes,
                                                         @ForAll @IntRange(min = 5, max = 50) int testPct,
                                                         @ForAll @IntRange(min = 0, max = 30) int valPct, @ForAll long seed) {
        int n = codes.length;
        int k = Arrays.stream(codes).max().getAsInt() + 1;
        int nTest = (int) Math.ceil(testPct / 100.0 * n), nVal = valPct == 0 ? 0 : (int) Math.ceil(valPct / 100.0 * n);
        Assume.that(n - nTest - nVal >= 1);
        StratifiedSplit splitter = StratifiedSplit.on("y").test(testPct / 100.0).seed(seed);
        if (valPct > 0) splitter = splitter.validation(valPct / 100.0);
        Split s = splitter.split(codes, k);
        assertPartition(s, n);
        assertEquals(nTest, s.size(Part.TEST));
        assertEquals(nVal, s.size(Part.VALIDATION));
        int[] classCount = new int[k];
        for (int c : codes) classCount[c]++;
        for (Part p : Part.values()) {
            int[] inPart = new int[k];
            s.rows(p).stream().forEach(r -> inPart[codes[r]]++);
            for (int c = 0; c < k; c++) {
                double exact = (double) classCount[c] * s.size(p) / n;
                assertTrue(Math.abs(inPart[c] - exact) < 1.0,
                        "class " + c + " has " + inPart[c] + " rows in " + p + ", exact share " + exact);
            }
        }
        assertEquals(s, splitter.split(codes, k));
    }

    // ---- group -----------------------------------------------------------------------------------

    @Property(tries = 150)
    void groupSplitNeverPutsAGroupInTwoParts(@ForAll("skewedCodes") int[] groups, @ForAll @IntRange(min = 5, max = 40) int testPct,
                                             @ForAll boolean withValidation, @ForAll long seed) {
        int g = Arrays.stream(groups).max().getAsInt() + 1;
        Assume.that(g >= 3);
        int nTest = (int) Math.ceil(testPct / 100.0 * g), nVal = withValidation ? (int) Math.ceil(0.2 * g) : 0;
        Assume.that(g - nTest - nVal >= 1);
        GroupSplit splitter = GroupSplit.on("g").test(testPct / 100.0).seed(seed);
        if (withValidation) splitter = splitter.validation(0.2);
        Split s = splitter.split(groups, g);
        assertPartition(s, groups.length);
        int[] partOfGroup = new int[g];
        Arrays.fill(partOfGroup, -1);
        for (Part p : Part.values()) {
            Set<Integer> seen = new HashSet<>();
            s.rows(p).stream().forEach(r -> {
                int grp = groups[r];
                assertTrue(partOfGroup[grp] == -1 || partOfGroup[grp] == p.ordinal(), "group " + grp + " is in two parts");
                partOfGroup[grp] = p.ordinal();
                seen.add(grp);
            });
            if (p == Part.TEST) assertEquals(nTest, seen.size(), "test gets ceil(testSize * groups) groups");
        }
    }

    // ---- time ------------------------------------------------------------------------------------

    private static Table timeTable(long[] t) {
        return Table.create("t", LongColumn.create("t", t));
    }

    @Property(tries = 150)
    void timeSplitOrdersPartsAndHonoursTheGap(@ForAll("times") long[] t, @ForAll @IntRange(min = 0, max = 3) int gapUnits,
                                              @ForAll @IntRange(min = 0, max = 1000) int a, @ForAll @IntRange(min = 0, max = 1000) int b) {
        Assume.that(t.length >= 3);
        long[] sorted = t.clone();
        Arrays.sort(sorted);
        long c1 = sorted[Math.min(a, b) * (t.length - 1) / 1000], c2 = sorted[Math.max(a, b) * (t.length - 1) / 1000];
        Assume.that(c1 < c2);
        long gap = gapUnits * 10L;
        Split s;
        try {
            s = TimeSplit.on("t").cutoffs(Long.toString(c1), Long.toString(c2)).gapUnits(gap).split(timeTable(t));
        } catch (dev.holdout.data.DataValidationException e) {
            assertTrue(e.getMessage().contains("would be empty"), "the only refusal here is an empty part: " + e.getMessage());
            Assume.that(false);
            return;
        }
        long trainMax = Long.MIN_VALUE, valMin = Long.MAX_VALUE, valMax = Long.MIN_VALUE, testMin = Long.MAX_VALUE;
        for (int i = 0; i < s.size(Part.TRAIN); i++) trainMax = Math.max(trainMax, t[s.rows(Part.TRAIN).get(i)]);
        for (int i = 0; i < s.size(Part.VALIDATION); i++) {
            valMin = Math.min(valMin, t[s.rows(Part.VALIDATION).get(i)]);
            valMax = Math.max(valMax, t[s.rows(Part.VALIDATION).get(i)]);
        }
        for (int i = 0; i < s.size(Part.TEST); i++) testMin = Math.min(testMin, t[s.rows(Part.TEST).get(i)]);
        assertTrue(trainMax < c1 - gap, "every train time before cutoff 1 minus the gap");
        assertTrue(valMin >= c1 && valMax < c2 - gap, "validation inside [c1, c2 - gap)");
        assertTrue(testMin >= c2, "a row at or after cutoff 2 is test");
        int expectedTest = 0, expectedDropped = 0;
        for (long v : t) {
            if (v >= c2) expectedTest++;
            else if ((v >= c1 - gap && v < c1) || (v >= c2 - gap && v < c2)) expectedDropped++;
        }
        assertEquals(expectedTest, s.size(Part.TEST), "rows exactly at a cutoff go to the later part");
        assertEquals(t.length - expectedDropped, s.size(Part.TRAIN) + s.size(Part.VALIDATION) + s.size(Part.TEST));
    }

    @Property(tries = 100)
    void timeSplitOnDatesHonoursAGapInDays(@ForAll("times") long[] t, @ForAll @IntRange(min = 0, max = 20) int gapDays,
                                           @ForAll @IntRange(min = 0, max = 1000) int a) {
        Assume.that(t.length >= 2);
        java.time.LocalDate[] d = new java.time.LocalDate[t.length];
        for (int i = 0; i < t.length; i++) d[i] = java.time.LocalDate.of(2020, 1, 1).plusDays((t[i] - 1_000_000L) / 10);
        java.time.LocalDate[] sorted = d.clone();
        Arrays.sort(sorted);
        java.time.LocalDate cut = sorted[a * (d.length - 1) / 1000];
        Table table = Table.create("d", tech.tablesaw.api.DateColumn.create("d", d));
        Split s;
        try {
            s = TimeSplit.on("d").cutoffs(cut.toString()).gap(java.time.Duration.ofDays(gapDays)).split(table);
        } catch (dev.holdout.data.DataValidationException e) {
            assertTrue(e.getMessage().contains("would be empty"), e.getMessage());
            Assume.that(false);
            return;
        }
        for (int i = 0; i < s.size(Part.TRAIN); i++) {
            assertTrue(d[s.rows(Part.TRAIN).get(i)].isBefore(cut.minusDays(gapDays)), "train ends more than the gap before the cutoff");
        }
        for (int i = 0; i < s.size(Part.TEST); i++) assertTrue(!d[s.rows(Part.TEST).get(i)].isBefore(cut), "test starts at the cutoff");
        long inGap = Arrays.stream(d).filter(x -> !x.isBefore(cut.minusDays(gapDays)) && x.isBefore(cut)).count();
        assertEquals(d.length - inGap, s.size(Part.TRAIN) + s.size(Part.TEST), "only the rows inside the gap are left out");
    }

    // ---- k-fold family ---------------------------------------------------------------------------

    @Property(tries = 150)
    void kFoldPartitionsWithTheFirstFoldsLarger(@ForAll @IntRange(min = 2, max = 10_000) int n, @ForAll @IntRange(min = 2, max = 20) int k,
                                                @ForAll boolean shuffle, @ForAll long seed) {
        Assume.that(k <= n);
        Folds folds = (shuffle ? KFold.of(k).seed(seed) : KFold.of(k)).split(n);
        assertFoldsPartition(folds, n);
        for (int f = 0; f < k; f++) assertEquals(n / k + (f < n % k ? 1 : 0), folds.get(f).test().size());
        assertEquals(folds, (shuffle ? KFold.of(k).seed(seed) : KFold.of(k)).split(n));
    }

    @Property(tries = 150)
    void stratifiedKFoldBalancesEveryClass(@ForAll("skewedCodes") int[] codes, @ForAll @IntRange(min = 2, max = 10) int k, @ForAll long seed) {
        int classes = Arrays.stream(codes).max().getAsInt() + 1;
        int[] count = new int[classes];
        for (int c : codes) count[c]++;
        Assume.that(Arrays.stream(count).min().getAsInt() >= k);
        List<String> names = java.util.stream.IntStream.range(0, classes).mapToObj(Integer::toString).toList();
        Folds folds = StratifiedKFold.on("y", k).seed(seed).split(codes, names);
        assertFoldsPartition(folds, codes.length);
        for (Fold f : folds) {
            int[] in = new int[classes];
            f.test().stream().forEach(r -> in[codes[r]]++);
            for (int c = 0; c < classes; c++) {
                assertTrue(Math.abs(in[c] - (double) count[c] / k) < 1.0, "class " + c + " in fold " + f.number());
            }
            assertTrue(Math.abs(f.test().size() - (double) codes.length / k) < 1.0, "fold sizes within one row of n/k");
        }
    }

    @Property(tries = 150)
    void groupKFoldPutsEachGroupInOneTestFold(@ForAll("skewedCodes") int[] groups, @ForAll @IntRange(min = 2, max = 8) int k,
                                              @ForAll boolean shuffle, @ForAll long seed) {
        int g = Arrays.stream(groups).max().getAsInt() + 1;
        Assume.that(k <= g);
        Folds folds = (shuffle ? GroupKFold.on("g", k).seed(seed) : GroupKFold.on("g", k)).split(groups, g);
        assertFoldsPartition(folds, groups.length);
        for (Fold f : folds) {
            Set<Integer> testGroups = new HashSet<>();
            f.test().stream().forEach(r -> testGroups.add(groups[r]));
            f.train().stream().forEach(r -> assertTrue(!testGroups.contains(groups[r]), "group on both sides of fold " + f.number()));
        }
    }

    @Property(tries = 150)
    void timeSeriesFoldsNeverSplitATimestamp(@ForAll("times") long[] t, @ForAll @IntRange(min = 2, max = 8) int k,
                                             @ForAll @IntRange(min = 0, max = 5) int gap, @ForAll boolean rolling) {
        long distinct = Arrays.stream(t).distinct().count();
        int ts = (int) (distinct / (k + 1));
        Assume.that(distinct > k && distinct - gap - (long) ts * k > 0);
        TimeSeriesSplit tss = TimeSeriesSplit.of(k).gap(gap);
        if (rolling) tss = tss.maxTrainSize(Math.max(1, ts));
        Folds folds = tss.split(t);
        long[] uniq = Arrays.stream(t).distinct().sorted().toArray();
        int prevTrain = -1;
        for (Fold f : folds) {
            long trainMax = f.train().stream().mapToLong(r -> t[r]).max().orElse(Long.MIN_VALUE);
            long testMin = f.test().stream().mapToLong(r -> t[r]).min().orElseThrow();
            assertTrue(trainMax < testMin, "train before test in fold " + f.number());
            Set<Long> testTimes = new HashSet<>();
            f.test().stream().forEach(r -> testTimes.add(t[r]));
            assertEquals(ts, testTimes.size(), "test fold holds testSize distinct instants");
            f.train().stream().forEach(r -> assertTrue(!testTimes.contains(t[r])));
            if (!f.train().isEmpty()) {
                int gapInstants = Arrays.binarySearch(uniq, testMin) - Arrays.binarySearch(uniq, trainMax) - 1;
                assertEquals(gap, gapInstants, "exactly gap instants between train and test");
            }
            if (!rolling) {
                assertTrue(f.train().size() >= prevTrain, "expanding window");
                prevTrain = f.train().size();
            }
            // every row whose instant is in the window is included (ties never split)
            for (int r = 0; r < t.length; r++) if (testTimes.contains(t[r])) assertTrue(f.test().contains(r));
        }
    }

    // ---- purged, combinatorial, walk-forward, stratified group, repeated (issue 17) -------------

    /** Rows with label intervals: {start, end} keys, starts with ties, labels of length 0..maxLength. */
    @Provide Arbitrary<long[][]> labelIntervals() {
        return Combinators.combine(Arbitraries.integers().between(2, 300), Arbitraries.integers().between(1, 120),
                Arbitraries.integers().between(0, 15), Arbitraries.longs()).as((n, distinct, maxLength, seed) -> {
                    dev.holdout.data.SeededRandom r = new dev.holdout.data.SeededRandom(seed);
                    long[] s = new long[n], e = new long[n];
                    for (int i = 0; i < n; i++) {
                        s[i] = 100 + r.nextInt(distinct) * 3L;
                        e[i] = s[i] + r.nextInt(maxLength + 1);
                    }
                    return new long[][] {s, e};
                });
    }

    private static boolean overlaps(long s1, long e1, long s2, long e2) { return s1 <= e2 && e1 >= s2; }

    /**
     * The purge and embargo by their definitions, row pair by row pair: no training label overlaps a test
     * label, none starts inside an embargo, and every other non-test row trains (nothing is dropped for no reason).
     */
    static void assertPurged(Fold f, long[] s, long[] e, Embargo embargo) {
        int n = s.length;
        boolean[] test = new boolean[n];
        f.test().stream().forEach(r -> test[r] = true);
        long[] sortedStarts = s.clone();
        Arrays.sort(sortedStarts);
        // runs of the test part: maximal sets of test rows with no non-test start between them
        long[] distinct = Arrays.stream(s).distinct().sorted().toArray();
        boolean[] testInstant = new boolean[distinct.length];
        for (int r = 0; r < n; r++) if (test[r]) testInstant[Arrays.binarySearch(distinct, s[r])] = true;
        List<long[]> runs = new java.util.ArrayList<>(); // {t0, T1, embargoEnd}
        for (int j = 0; j < distinct.length; j++) {
            if (!testInstant[j] || (j > 0 && testInstant[j - 1])) continue;
            int to = j;
            while (to + 1 < distinct.length && testInstant[to + 1]) to++;
            long t0 = distinct[j], t1 = Long.MIN_VALUE;
            for (int r = 0; r < n; r++) if (s[r] >= distinct[j] && s[r] <= distinct[to]) t1 = Math.max(t1, e[r]);
            long until = t1;
            if (embargo.rows() > 0) {
                int after = 0;
                for (long v : sortedStarts) {
                    if (v > t1 && after < embargo.rows()) {
                        after++;
                        until = v;
                    }
                }
            } else {
                until = t1 + embargo.seconds();
            }
            runs.add(new long[] {t0, t1, until});
        }
        for (int i = 0; i < n; i++) {
            if (test[i]) {
                assertTrue(!f.train().contains(i), "row " + i + " in train and test");
                continue;
            }
            boolean touches = false;
            for (int j = 0; j < n; j++) if (test[j] && overlaps(s[i], e[i], s[j], e[j])) touches = true;
            boolean embargoed = false;
            for (long[] run : runs) if (s[i] > run[1] && s[i] <= run[2]) embargoed = true;
            assertEquals(!touches && !embargoed, f.train().contains(i), "row " + i + " [" + s[i] + ", " + e[i] + "]: overlaps a test label="
                    + touches + ", embargoed=" + embargoed + ", in train=" + f.train().contains(i) + " (fold " + f.number() + ")");
        }
    }

    @Property(tries = 120)
    void purgedKFoldPurgesExactlyTheOverlapsAndTheEmbargo(@ForAll("labelIntervals") long[][] rows, @ForAll @IntRange(min = 2, max = 6) int k,
                                                         @ForAll @IntRange(min = 0, max = 8) int embargo, @ForAll boolean inRows) {
        long[] s = rows[0], e = rows[1];
        Assume.that(Arrays.stream(s).distinct().count() >= k);
        Embargo em = inRows ? Embargo.rows(embargo) : Embargo.units(embargo);
        Folds folds;
        try {
            folds = PurgedKFold.on("t").labelEnd("end").folds(k).embargo(em).split(s, e);
        } catch (dev.holdout.data.DataValidationException ex) {
            assertTrue(ex.getMessage().contains("no training rows left"), ex.getMessage());
            Assume.that(false);
            return;
        }
        int[] inTest = new int[s.length];
        for (Fold f : folds) {
            f.test().stream().forEach(r -> inTest[r]++);
            assertPurged(f, s, e, em);
            Set<Long> testTimes = new HashSet<>();
            f.test().stream().forEach(r -> testTimes.add(s[r]));
            for (int r = 0; r < s.length; r++) if (testTimes.contains(s[r])) assertTrue(f.test().contains(r), "an instant is never split");
        }
        for (int c : inTest) assertEquals(1, c, "every row is in exactly one test fold");
        assertEquals(folds, PurgedKFold.on("t").labelEnd("end").folds(k).embargo(em).split(s, e));
    }

    @Property(tries = 60)
    void combinatorialSplitsCoverEveryGroupOnEveryPath(@ForAll("labelIntervals") long[][] rows, @ForAll @IntRange(min = 2, max = 7) int n,
                                                       @ForAll @IntRange(min = 1, max = 3) int k, @ForAll @IntRange(min = 0, max = 4) int embargo) {
        long[] s = rows[0], e = rows[1];
        Assume.that(k < n && Arrays.stream(s).distinct().count() >= n);
        CombinatorialPurgedKFold cpcv = CombinatorialPurgedKFold.on("t").labelEnd("end").groups(n).testGroups(k).embargo(Embargo.units(embargo));
        CombinatorialPurgedKFold.Backtest b;
        try {
            b = cpcv.backtest(s, e);
        } catch (dev.holdout.data.DataValidationException ex) {
            assertTrue(ex.getMessage().contains("no training rows left"), ex.getMessage());
            Assume.that(false);
            return;
        }
        assertEquals(CombinatorialPurgedKFold.binomial(n, k), b.folds().size());
        int[] testedIn = new int[n];
        for (int split = 0; split < b.folds().size(); split++) {
            Fold f = b.folds().get(split);
            assertPurged(f, s, e, Embargo.units(embargo));
            int groupsInTest = 0;
            for (int g = 0; g < n; g++) {
                RowIndices gr = b.groups().get(g);
                boolean all = gr.stream().allMatch(f.test()::contains), none = gr.stream().noneMatch(f.test()::contains);
                assertTrue(all || none, "a group is tested whole or not at all");
                if (all) {
                    groupsInTest++;
                    testedIn[g]++;
                }
            }
            assertEquals(k, groupsInTest);
        }
        long perGroup = CombinatorialPurgedKFold.binomial(n - 1, k - 1);
        for (int c : testedIn) assertEquals(perGroup, c, "each group is tested in C(N-1, k-1) splits");
        assertEquals(perGroup, b.paths().size());
        int[] slots = new int[b.folds().size()];
        for (int p = 1; p <= b.paths().size(); p++) {
            for (CombinatorialPurgedKFold.Backtest.Segment seg : b.segments(p)) {
                Fold f = b.folds().get(seg.fold() - 1);
                assertTrue(seg.rows().stream().allMatch(f.test()::contains), "a path takes each group from a split that tests it");
                slots[seg.fold() - 1]++;
            }
        }
        for (int c : slots) assertEquals(k, c, "each split's k test groups are used by the paths exactly once each");
    }

    @Property(tries = 100)
    void walkForwardTrainsBeforeItTestsInsideTheWindows(@ForAll("times") long[] times, @ForAll @IntRange(min = 1, max = 4000) int window,
                                                        @ForAll @IntRange(min = 1, max = 2000) int horizon, @ForAll @IntRange(min = 0, max = 50) int gap,
                                                        @ForAll @IntRange(min = 100, max = 3000) int step, @ForAll boolean expanding) {
        long[] t = Arrays.copyOf(times, Math.min(times.length, 1500));
        long[] uniq = Arrays.stream(t).distinct().sorted().toArray();
        Assume.that(uniq.length >= 2);
        long resolution = Long.MAX_VALUE;
        for (int i = 1; i < uniq.length; i++) resolution = Math.min(resolution, uniq[i] - uniq[i - 1]);
        WalkForward wf = WalkForward.on("t").trainWindow(CalendarSpan.units(window)).horizon(CalendarSpan.units(horizon))
                .step(CalendarSpan.units(step)).gap(CalendarSpan.units(gap));
        if (expanding) wf = wf.expanding();
        Folds folds;
        try {
            folds = wf.split(t);
        } catch (dev.holdout.data.DataValidationException ex) {
            assertTrue(ex.getMessage().contains("no complete test window"), ex.getMessage());
            Assume.that(false);
            return;
        }
        long first = Arrays.stream(t).min().getAsLong(), last = Arrays.stream(t).max().getAsLong();
        String[] cutoffs = folds.provenance().parameters().get("cutoffs").split(",");
        assertEquals(folds.size(), cutoffs.length);
        for (Fold f : folds) {
            long cut = Long.parseLong(cutoffs[f.number() - 1]);
            assertEquals(0, (cut - first - window) % step, "cutoffs step from first + window");
            for (int r = 0; r < t.length; r++) {
                boolean inTrain = t[r] < cut && (expanding || t[r] >= cut - window);
                boolean inTest = t[r] >= cut + gap && t[r] < cut + gap + horizon;
                assertEquals(inTrain, f.train().contains(r), "train is [" + (expanding ? "first" : cut - window) + ", " + cut + ")");
                assertEquals(inTest, f.test().contains(r), "test is [cutoff + gap, cutoff + gap + horizon)");
            }
            assertTrue(cut + gap + horizon <= last + resolution, "the test window lies inside the data and its resolution");
            assertTrue(!f.train().isEmpty() && !f.test().isEmpty());
        }
    }

    @Property(tries = 150)
    void stratifiedGroupKFoldKeepsGroupsWholeAndCoversEveryRow(@ForAll("skewedCodes") int[] classes, @ForAll("skewedCodes") int[] groupsRaw,
                                                               @ForAll @IntRange(min = 2, max = 6) int k, @ForAll boolean shuffle, @ForAll long seed) {
        int n = Math.min(classes.length, groupsRaw.length);
        int[] y = densify(Arrays.copyOf(classes, n)), g = densify(Arrays.copyOf(groupsRaw, n));
        int nc = Arrays.stream(y).max().getAsInt() + 1, ng = Arrays.stream(g).max().getAsInt() + 1;
        int[] count = new int[nc];
        for (int c : y) count[c]++;
        Assume.that(k <= ng && Arrays.stream(count).max().getAsInt() >= k);
        List<String> names = java.util.stream.IntStream.range(0, nc).mapToObj(Integer::toString).toList();
        StratifiedGroupKFold sg = StratifiedGroupKFold.on("y", "g").folds(k);
        if (shuffle) sg = sg.seed(seed);
        Folds folds = sg.split(y, names, g, ng);
        assertFoldsPartition(folds, n);
        for (Fold f : folds) {
            Set<Integer> testGroups = new HashSet<>();
            f.test().stream().forEach(r -> testGroups.add(g[r]));
            f.train().stream().forEach(r -> assertTrue(!testGroups.contains(g[r]), "group on both sides of fold " + f.number()));
        }
        assertEquals(folds, sg.split(y, names, g, ng));
    }

    @Property(tries = 60)
    void everyRepeatIsAPartitionWithItsOwnSeed(@ForAll @IntRange(min = 4, max = 3000) int n, @ForAll @IntRange(min = 2, max = 6) int k,
                                               @ForAll @IntRange(min = 1, max = 5) int repeats, @ForAll long seed) {
        Assume.that(k <= n);
        Repeated r = KFold.of(k).repeats(repeats).seed(seed);
        Folds all = r.split(n);
        assertEquals(repeats * k, all.size());
        long[] seeds = r.seeds();
        for (int rep = 0; rep < repeats; rep++) {
            Folds one = new Folds(all.folds().subList(rep * k, rep * k + k), all.provenance());
            assertFoldsPartition(one, n);
            assertEquals(KFold.of(k).seed(seeds[rep]).split(n).get(0).test(), all.get(rep * k).test());
        }
    }
}
