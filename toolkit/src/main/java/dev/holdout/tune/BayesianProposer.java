package dev.holdout.tune;

import dev.holdout.data.SeededRandom;
import java.util.ArrayList;
import java.util.List;

/**
 * Bayesian optimisation with a Gaussian-process surrogate and expected improvement (EI).
 *
 * <p><b>Why a GP and not TPE.</b> Tuning budgets here are small (tens of trials, each a full training
 * job) over a handful of hyperparameters. In that regime a GP is the more sample-efficient surrogate:
 * it models how the objective varies smoothly across the whole space and gives calibrated uncertainty
 * from the first few points, whereas TPE needs enough trials to split them into "good" and "bad"
 * densities before it guides well. A GP is also what SageMaker's own Bayesian strategy uses. Its cost,
 * O(n³) in the number of finished trials, is negligible at these sizes.
 *
 * <p>Details:
 * <ul>
 *   <li>Points live in the unit cube ({@link SearchSpace#encodedDimension()}): linear ranges scaled to
 *       [0,1], log ranges in log space, integers at cell centres, categoricals one-hot.</li>
 *   <li>The first {@code max(3, min(10, ranges + 2))} trials (at most half the budget) are random.</li>
 *   <li>Kernel: Matérn 5/2 with one length scale, on standardised objectives (as losses); the length scale
 *       and noise level are chosen by maximising the log marginal likelihood over a small grid.</li>
 *   <li>Trials the tuner stopped, and failed trials, are fed to the GP as no better than the worst
 *       completed trial, so the search moves away from them without trusting a partial objective.</li>
 *   <li>EI (with a small exploration margin xi = 0.01) is maximised over 256 random candidates plus 48
 *       Gaussian perturbations of each of the three best points; already-tried points are skipped.</li>
 * </ul>
 *
 * <pre>{@code
 * TuningJobConfig.of(Strategy.BAYESIAN, space, objective).withMaxTrials(25).withSeed(3);
 * }</pre>
 */
final class BayesianProposer implements Proposer {
    static final int RANDOM_CANDIDATES = 256;
    static final int LOCAL_CANDIDATES = 48;
    static final int LOCAL_CENTRES = 3;
    static final double XI = 0.01;

    private final SearchSpace space;
    private final TuningObjective objective;
    private final long seed;
    private final int initialRandom;

    BayesianProposer(SearchSpace space, TuningObjective objective, long seed, int maxTrials) {
        this.space = space;
        this.objective = objective;
        this.seed = seed;
        this.initialRandom = Math.max(1, Math.min(Math.max(3, Math.min(10, space.size() + 2)), maxTrials / 2));
    }

    @Override public boolean adaptive() { return true; }

    @Override public double[] propose(int index, List<TrialRecord> history) {
        SeededRandom random = SeededRandom.derive(seed, index);
        double[] raw = new double[space.size()];
        // Observations: completed trials with their loss; stopped and failed ones at the worst completed loss.
        double worst = Double.NEGATIVE_INFINITY;
        int completed = 0;
        for (TrialRecord r : history) {
            if (r.eligible()) {
                worst = Math.max(worst, objective.asLoss(r.objective()));
                completed++;
            }
        }
        if (index < initialRandom || completed < 2) {
            space.sampleInto(random, raw);
            return raw;
        }
        int d = space.encodedDimension();
        int n = history.size();
        double[] x = new double[n * d];
        double[] y = new double[n];
        List<double[]> tried = new ArrayList<>(n);
        double[] enc = new double[d];
        for (int i = 0; i < n; i++) {
            TrialRecord r = history.get(i);
            double[] v = r.hyperparameters().values();
            tried.add(v);
            space.encode(v, enc);
            System.arraycopy(enc, 0, x, i * d, d);
            double loss = r.eligible() ? objective.asLoss(r.objective()) : worst;
            if (!r.eligible() && Double.isFinite(r.objective())) loss = Math.max(loss, objective.asLoss(r.objective()));
            y[i] = loss;
        }
        GaussianProcess gp = GaussianProcess.fit(x, n, d, y);
        double bestLoss = gp.bestStandardisedObservation();

        // Centres for local search: the best observed points.
        int[] order = argsort(y);
        double[] best = null;
        double bestEi = Double.NEGATIVE_INFINITY;
        double[] cand = new double[space.size()];
        double[] unit = new double[d];
        double[] pred = new double[2];
        int total = RANDOM_CANDIDATES + LOCAL_CENTRES * LOCAL_CANDIDATES;
        for (int c = 0; c < total; c++) {
            if (c < RANDOM_CANDIDATES) {
                space.sampleInto(random, cand);
            } else {
                int centre = order[Math.min((c - RANDOM_CANDIDATES) / LOCAL_CANDIDATES, n - 1)];
                System.arraycopy(x, centre * d, unit, 0, d);
                double sd = ((c - RANDOM_CANDIDATES) % 2 == 0) ? 0.05 : 0.15;
                for (int k = 0; k < d; k++) unit[k] += sd * random.nextGaussian();
                space.decode(unit, cand);
            }
            if (containsRow(tried, cand)) continue;
            space.encode(cand, unit);
            gp.predict(unit, pred);
            double ei = expectedImprovement(bestLoss, pred[0], pred[1]);
            if (ei > bestEi) {
                bestEi = ei;
                best = cand.clone();
            }
        }
        if (best == null) { // every candidate was already tried (a small, exhausted space)
            space.sampleInto(random, raw);
            return raw;
        }
        return best;
    }

    /** EI for minimisation of a standardised loss. */
    static double expectedImprovement(double best, double mean, double sd) {
        double gain = best - mean - XI;
        if (sd < 1e-12) return Math.max(gain, 0);
        double z = gain / sd;
        return gain * normalCdf(z) + sd * normalPdf(z);
    }

    static double normalPdf(double z) { return Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI); }

    static double normalCdf(double z) { return 0.5 * org.apache.commons.math3.special.Erf.erfc(-z / Math.sqrt(2)); }

    private static boolean containsRow(List<double[]> rows, double[] v) {
        for (double[] r : rows) if (java.util.Arrays.equals(r, v)) return true;
        return false;
    }

    private static int[] argsort(double[] y) {
        Integer[] idx = new Integer[y.length];
        for (int i = 0; i < idx.length; i++) idx[i] = i;
        java.util.Arrays.sort(idx, (a, b) -> {
            int c = Double.compare(y[a], y[b]);
            return c != 0 ? c : Integer.compare(a, b);
        });
        int[] out = new int[idx.length];
        for (int i = 0; i < out.length; i++) out[i] = idx[i];
        return out;
    }
}
