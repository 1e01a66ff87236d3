package dev.holdout.split;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
import tech.tablesaw.api.Table;

/**
 * A shuffled K-fold scheme repeated {@code R} times, each repeat with its own seed, as scikit-learn's
 * {@code RepeatedKFold} / {@code RepeatedStratifiedKFold} and the repeated group K-fold scikit-learn
 * lacks (#20520). Repeat {@code r}'s seed is derived from the base seed and {@code r}
 * ({@code SeededRandom.derive(seed, r).nextLong()}) and recorded in the provenance ({@code seeds}), so
 * one repeat can be reproduced on its own ({@code KFold.of(5).seed(seeds[r-1])}) and two runs with
 * neighbouring base seeds share no repeat.
 *
 * <p>{@link #split} returns all {@code R·k} folds in one {@link Folds} (repeat 1's folds first), which is
 * what a corrected resampled t-test over repeats takes; {@link #splitEach} returns one {@code Folds}
 * per repeat.
 *
 * <pre>{@code
 * Repeated r = KFold.of(5).repeats(3).seed(42);
 * Folds all = r.split(table);              // 15 folds
 * List<Folds> byRepeat = r.splitEach(table);   // 3 x 5 folds
 * Folds g = GroupKFold.on("store", 4).repeats(10).seed(7).split(sales);
 * }</pre>
 */
public final class Repeated implements CrossValidator {
    private final LongFunction<? extends CrossValidator> bySeed;
    private final int repeats;
    private final long seed;
    private final String strategy;

    private Repeated(LongFunction<? extends CrossValidator> bySeed, int repeats, long seed, String strategy) {
        if (repeats < 1) {
            throw DataValidationException.param("repeats", repeats, "must be at least 1", "pass --repeats 3 (or more)");
        }
        this.bySeed = bySeed;
        this.repeats = repeats;
        this.seed = seed;
        this.strategy = strategy;
    }

    /**
     * {@code bySeed} makes the shuffled cross-validator of one seed, e.g. {@code s -> KFold.of(5).seed(s)};
     * {@code strategy} names it in the provenance ({@code "repeated-" + strategy}).
     */
    public static Repeated of(LongFunction<? extends CrossValidator> bySeed, int repeats, String strategy) {
        return new Repeated(bySeed, repeats, RandomSplit.DEFAULT_SEED, strategy);
    }

    /** The base seed the repeats' seeds are derived from (default {@link RandomSplit#DEFAULT_SEED}). */
    public Repeated seed(long s) { return new Repeated(bySeed, repeats, s, strategy); }

    public int repeats() { return repeats; }

    /** The seed of each repeat, in order. */
    public long[] seeds() {
        long[] out = new long[repeats];
        for (int r = 0; r < repeats; r++) out[r] = SeededRandom.derive(seed, r + 1).nextLong();
        return out;
    }

    /** One {@link Folds} per repeat, each with its own provenance (and seed). */
    public List<Folds> splitEach(Table table) {
        List<Folds> out = new ArrayList<>(repeats);
        for (long s : seeds()) out.add(bySeed.apply(s).split(table));
        return out;
    }

    /**
     * As {@link #split(Table)} for a repeated {@link KFold}, which needs only the row count (a file's rows
     * can be folded without reading any column).
     */
    public Folds split(int rows) {
        List<Folds> each = new ArrayList<>(repeats);
        for (long s : seeds()) {
            if (!(bySeed.apply(s) instanceof KFold k)) {
                throw new IllegalStateException("only a repeated KFold splits a row count; " + strategy + " needs the table");
            }
            each.add(k.split(rows));
        }
        return flatten(each, rows);
    }

    /** Every repeat's folds, repeat 1 first, numbered 1 .. R·k. */
    @Override public Folds split(Table table) { return flatten(splitEach(table), table.rowCount()); }

    private Folds flatten(List<Folds> each, int rows) {
        List<Fold> all = new ArrayList<>();
        for (Folds f : each) for (Fold fold : f) all.add(new Fold(all.size() + 1, fold.train(), fold.test()));
        SplitProvenance first = each.get(0).provenance();
        Map<String, String> params = new LinkedHashMap<>(first.parameters());
        params.remove("shuffle");
        params.put("repeats", Integer.toString(repeats));
        StringBuilder seeds = new StringBuilder();
        for (long s : seeds()) seeds.append(seeds.length() == 0 ? "" : ",").append(s);
        params.put("seeds", seeds.toString());
        List<String> warnings = new ArrayList<>();
        for (Folds f : each) for (String w : f.provenance().warnings()) if (!warnings.contains(w)) warnings.add(w);
        return new Folds(all, new SplitProvenance("repeated-" + strategy, params, seed, rows, warnings));
    }

    @Override public String toString() { return "Repeated(" + strategy + ", repeats=" + repeats + ", seed=" + seed + ")"; }
}
