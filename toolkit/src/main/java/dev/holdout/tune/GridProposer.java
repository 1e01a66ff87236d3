package dev.holdout.tune;

import java.util.List;

/**
 * Grid search: trial {@code i} gets the {@code i}-th combination in mixed-radix order (the last range
 * varies fastest), so the {@code n} trials visit the {@code n} combinations exactly once each.
 */
final class GridProposer implements Proposer {
    private final int[] radix;

    GridProposer(SearchSpace space) {
        radix = new int[space.size()];
        for (int i = 0; i < radix.length; i++) radix[i] = ((CategoricalRange) space.get(i)).size();
    }

    @Override public double[] propose(int index, List<TrialRecord> history) {
        double[] v = new double[radix.length];
        long rest = index;
        for (int i = radix.length - 1; i >= 0; i--) {
            v[i] = rest % radix[i];
            rest /= radix[i];
        }
        return v;
    }
}
