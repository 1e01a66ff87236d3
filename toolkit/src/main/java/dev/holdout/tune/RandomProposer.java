package dev.holdout.tune;

import dev.holdout.data.SeededRandom;
import java.util.List;

/**
 * Random search: trial {@code i} draws each range independently from a generator derived from
 * {@code (seed, i)} alone, so a trial's values do not depend on how many trials ran before it or on
 * which thread.
 */
final class RandomProposer implements Proposer {
    private final SearchSpace space;
    private final long seed;

    RandomProposer(SearchSpace space, long seed) {
        this.space = space;
        this.seed = seed;
    }

    @Override public double[] propose(int index, List<TrialRecord> history) {
        double[] v = new double[space.size()];
        space.sampleInto(SeededRandom.derive(seed, index), v);
        return v;
    }
}
