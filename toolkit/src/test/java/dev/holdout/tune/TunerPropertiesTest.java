package dev.holdout.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.SeededRandom;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import net.jqwik.api.constraints.IntRange;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.apache.commons.math3.distribution.UniformRealDistribution;

class TunerPropertiesTest {
    static final TuningObjective LOSS = TuningObjective.of("validation:logloss");
    static final TuningObjective AUC = TuningObjective.of("validation:auc");

    // ---------- grid ----------

    @Provide
    Arbitrary<SearchSpace> categoricalSpaces() {
        Arbitrary<Integer> sizes = Arbitraries.integers().between(1, 5);
        return sizes.list().ofMinSize(1).ofMaxSize(4).map(list -> {
            List<ParameterRange> ranges = new ArrayList<>();
            for (int i = 0; i < list.size(); i++) {
                List<String> values = new ArrayList<>();
                for (int k = 0; k < list.get(i); k++) values.add("v" + k);
                ranges.add(new CategoricalRange("p" + i, values));
            }
            return SearchSpace.of(ranges);
        });
    }

    @Property(tries = 60)
    void gridVisitsEveryCombinationExactlyOnce(@ForAll("categoricalSpaces") SearchSpace space,
                                                @ForAll @IntRange(min = 1, max = 3) int parallel) {
        TuningJobConfig job = TuningJobConfig.of(Strategy.GRID, space, LOSS).withMaxParallelTrials(parallel);
        TuningResult r = Tuner.of(job).run((t, rep) -> TrialOutcome.of(t.number()));
        long combos = 1;
        for (ParameterRange p : space) combos *= ((CategoricalRange) p).size();
        assertEquals(combos, r.trials().size(), "one trial per combination");
        Set<List<String>> seen = new HashSet<>();
        for (TrialRecord t : r.trials()) seen.add(List.copyOf(t.hyperparameters().asStrings().values()));
        assertEquals(combos, seen.size(), "no combination twice");
        // every combination of the product is there (counting argument: all distinct, all in range, count = product)
        for (TrialRecord t : r.trials()) {
            double[] v = t.hyperparameters().values();
            for (int i = 0; i < v.length; i++) assertTrue(space.get(i).contains(v[i]));
        }
    }

    // ---------- random ----------

    @Provide
    Arbitrary<ParameterRange> numericRanges() {
        Arbitrary<ParameterRange> linear = Combinators.combine(Arbitraries.doubles().between(-100, 100).ofScale(6),
                Arbitraries.doubles().between(1e-3, 100).ofScale(6)).as((lo, w) -> ParameterRange.continuous("c", lo, lo + w));
        Arbitrary<ParameterRange> log = Combinators.combine(Arbitraries.doubles().between(1e-6, 10).ofScale(8),
                Arbitraries.doubles().between(1.5, 1e5).ofScale(4)).as((lo, f) -> ParameterRange.continuous("c", lo, lo * f, Scaling.LOGARITHMIC));
        Arbitrary<ParameterRange> ints = Combinators.combine(Arbitraries.longs().between(-50, 50),
                Arbitraries.longs().between(1, 200)).as((lo, w) -> ParameterRange.integer("i", lo, lo + w));
        Arbitrary<ParameterRange> logInts = Combinators.combine(Arbitraries.longs().between(1, 50),
                Arbitraries.longs().between(1, 5000)).as((lo, w) -> ParameterRange.integer("i", lo, lo + w, Scaling.LOGARITHMIC));
        return Arbitraries.oneOf(linear, log, ints, logInts);
    }

    @Property(tries = 40)
    void randomSearchIsReproducibleBySeedAndStaysInRange(@ForAll("numericRanges") ParameterRange range,
                                                         @ForAll long seed) {
        SearchSpace space = SearchSpace.of(range, ParameterRange.categorical("k", "a", "b", "c"));
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, space, LOSS).withMaxTrials(50).withSeed(seed);
        TuningResult a = Tuner.of(job).run((t, rep) -> TrialOutcome.of(0));
        TuningResult b = Tuner.of(job).run((t, rep) -> TrialOutcome.of(0));
        TuningResult other = Tuner.of(job.withSeed(seed + 1)).run((t, rep) -> TrialOutcome.of(0));
        boolean differs = false;
        for (int i = 0; i < 50; i++) {
            HyperparameterValues h = a.trials().get(i).hyperparameters();
            assertEquals(h, b.trials().get(i).hyperparameters(), "same seed, same trial " + (i + 1));
            differs |= !h.equals(other.trials().get(i).hyperparameters());
            assertTrue(range.contains(h.values()[0]), () -> h + " outside " + range);
        }
        assertTrue(differs, "another seed gives other trials");
    }

    /** Log scale: log(value) is uniform (Kolmogorov-Smirnov at alpha 1e-6); linear: value is uniform. */
    @Property(tries = 25)
    void continuousSamplesFollowTheirScale(@ForAll("numericRanges") ParameterRange range, @ForAll long seed) {
        if (!(range instanceof ContinuousRange c)) return;
        SeededRandom rnd = new SeededRandom(seed);
        int n = 3000;
        double[] u = new double[n];
        boolean log = c.scaling() == Scaling.LOGARITHMIC;
        for (int i = 0; i < n; i++) {
            double v = c.sample(rnd);
            u[i] = log ? (Math.log(v) - Math.log(c.min())) / (Math.log(c.max()) - Math.log(c.min())) : (v - c.min()) / (c.max() - c.min());
        }
        double p = new KolmogorovSmirnovTest().kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), u);
        assertTrue(p > 1e-6, "KS p=" + p + " for " + range);
        if (log) {
            // the lower half of the log range (a factor sqrt(max/min)) takes about half the samples,
            // which a linear sampler would not do
            double mid = Math.sqrt(c.min() * c.max());
            int below = 0;
            for (double x : u) if (x < 0.5) below++;
            assertTrue(Math.abs(below / (double) n - 0.5) < 0.05, "share below the geometric mean " + mid);
        }
    }

    @Example
    void logIntegerRangeFavoursSmallValues() {
        IntegerRange r = ParameterRange.integer("n", 1, 1000, Scaling.LOGARITHMIC);
        SeededRandom rnd = new SeededRandom(5);
        int small = 0, n = 20000;
        for (int i = 0; i < n; i++) if (r.sample(rnd) < 32) small++;
        // P(k < 32) = log(32)/log(1001) = 0.5017
        assertEquals(Math.log(32) / Math.log(1001), small / (double) n, 0.02);
    }

    // ---------- Bayesian vs random ----------

    /** Branin-Hoo on [-5,10]x[0,15]; global minimum 0.397887. */
    static double branin(double x1, double x2) {
        double a = 1, b = 5.1 / (4 * Math.PI * Math.PI), c = 5 / Math.PI, r = 6, s = 10, t = 1 / (8 * Math.PI);
        return a * Math.pow(x2 - b * x1 * x1 + c * x1 - r, 2) + s * (1 - t) * Math.cos(x1) + s;
    }

    @Example
    void bayesianBeatsRandomOnAverageOverSeeds() {
        SearchSpace space = SearchSpace.of(ParameterRange.continuous("x1", -5, 10), ParameterRange.continuous("x2", 0, 15));
        TrialObjective f = (t, rep) -> TrialOutcome.of(branin(t.hyperparameters().value("x1"), t.hyperparameters().value("x2")));
        TuningObjective obj = TuningObjective.of("validation:rmse");
        double sumBayes = 0, sumRandom = 0;
        int seeds = 10, wins = 0;
        for (int s = 0; s < seeds; s++) {
            TuningJobConfig job = TuningJobConfig.of(Strategy.BAYESIAN, space, obj).withMaxTrials(25).withSeed(1000 + s);
            double bayes = Tuner.of(job).run(f).best().orElseThrow().objective() - 0.397887;
            double random = Tuner.of(job.withStrategy(Strategy.RANDOM)).run(f).best().orElseThrow().objective() - 0.397887;
            sumBayes += bayes;
            sumRandom += random;
            if (bayes < random) wins++;
        }
        double meanBayes = sumBayes / seeds, meanRandom = sumRandom / seeds;
        assertTrue(meanBayes < meanRandom, "mean regret Bayesian " + meanBayes + " vs random " + meanRandom);
        assertTrue(wins > seeds / 2, "Bayesian wins on " + wins + " of " + seeds + " seeds");
    }

    // ---------- parallel = sequential ----------

    /** A synthetic learning curve: loss decays to a floor set by the hyperparameters, plus seeded noise. */
    static TrialObjective syntheticCurves(int defaultRounds, boolean jitterTiming) {
        return (trial, reporter) -> {
            HyperparameterValues h = trial.hyperparameters();
            double x = h.value("x");
            double depth = h.value("depth");
            double floor = (x - 0.3) * (x - 0.3) + 0.05 * Math.abs(depth - 4) + 0.1;
            int rounds = trial.maxRounds() > 0 ? trial.maxRounds() : defaultRounds;
            SeededRandom noise = SeededRandom.derive(Double.doubleToLongBits(x), (long) depth);
            double loss = Double.NaN;
            int done = 0;
            for (int r = 1; r <= rounds; r++) {
                loss = floor + Math.exp(-r / 6.0) + 0.01 * noise.nextDouble();
                done = r;
                if (jitterTiming && noise.nextInt(4) == 0) Thread.yield();
                if (!reporter.report(r, loss)) break;
            }
            return TrialOutcome.of(loss).withRounds(done);
        };
    }

    static SearchSpace xDepthSpace() {
        return SearchSpace.of(ParameterRange.continuous("x", 0, 1), ParameterRange.integer("depth", 1, 8));
    }

    @Provide
    Arbitrary<TuningJobConfig> jobs() {
        Arbitrary<Strategy> strategies = Arbitraries.of(Strategy.RANDOM, Strategy.BAYESIAN, Strategy.HYPERBAND);
        return Combinators.combine(strategies, Arbitraries.integers().between(2, 3), Arbitraries.longs(),
                Arbitraries.of(true, false), Arbitraries.integers().between(6, 18)).as((s, p, seed, auto, n) -> {
            TuningJobConfig c = (s == Strategy.HYPERBAND ? TuningJobConfig.hyperband(xDepthSpace(), LOSS, new HyperbandConfig(3, 27))
                    : TuningJobConfig.of(s, xDepthSpace(), LOSS)).withMaxTrials(n).withMaxParallelTrials(p).withSeed(seed);
            if (s == Strategy.HYPERBAND) return c;
            return auto ? c.withEarlyStopping(EarlyStoppingType.AUTO).withMedianRule(new MedianStoppingRule(2, 0)) : c;
        });
    }

    @Property(tries = 30)
    void parallelResultsEqualSequentialForTheSameSeed(@ForAll("jobs") TuningJobConfig job) {
        TrialObjective f = syntheticCurves(20, true);
        TuningResult parallel = Tuner.of(job).cores(2).run(f);
        TuningResult sequential = Tuner.of(job).cores(2).run(f, 1);
        assertSameOutcomes(sequential, parallel);
        Statistics.collect(job.strategy(), parallel.stoppedEarlyCount() > 0 ? "some stopped" : "none stopped");
        if (job.strategy() != Strategy.BAYESIAN) {
            // non-adaptive strategies: not even maxParallelTrials changes the trials
            TuningResult oneAtATime = Tuner.of(job.withMaxParallelTrials(1)).cores(2).run(f);
            assertSameOutcomes(oneAtATime, parallel);
        }
    }

    static void assertSameOutcomes(TuningResult a, TuningResult b) {
        assertEquals(a.trials().size(), b.trials().size());
        for (int i = 0; i < a.trials().size(); i++) {
            TrialRecord x = a.trials().get(i), y = b.trials().get(i);
            assertTrue(x.sameOutcome(y), () -> "trial differs:\n  " + x + " " + x.stopDetail() + "\n  " + y + " " + y.stopDetail());
        }
        assertEquals(a.best().map(TrialRecord::number), b.best().map(TrialRecord::number));
    }

    // ---------- stopped trials are never chosen for having fewer rounds ----------

    /** Overfitting curves: the loss rises with rounds, so a trial cut short looks better than it is. */
    static TrialObjective overfitting(int rounds) {
        return (trial, reporter) -> {
            double x = trial.hyperparameters().value("x");
            double depth = trial.hyperparameters().value("depth");
            double base = (x - 0.5) * (x - 0.5) + 0.01 * depth;
            double loss = Double.NaN;
            int r = 0;
            int max = trial.maxRounds() > 0 ? trial.maxRounds() : rounds;
            while (r < max) {
                r++;
                loss = base + 0.02 * r;
                if (!reporter.report(r, loss)) break;
            }
            return TrialOutcome.of(loss).withRounds(r);
        };
    }

    /** As {@link #overfitting} over a space with "x" only (other ranges ignored). */
    static TrialObjective overfittingSpace(int rounds) {
        return (trial, reporter) -> {
            double x = trial.hyperparameters().value("x");
            double loss = Double.NaN;
            int r = 0;
            while (r < rounds) {
                r++;
                loss = (x - 0.5) * (x - 0.5) + 0.02 * r;
                if (!reporter.report(r, loss)) break;
            }
            return TrialOutcome.of(loss).withRounds(r);
        };
    }

    @Property(tries = 40)
    void aStoppedTrialIsNeverChosenForHavingFewerRounds(@ForAll("jobs") TuningJobConfig job) {
        TuningResult r = Tuner.of(job).cores(2).run(overfitting(20));
        TrialRecord best = r.best().orElseThrow();
        assertEquals(StopReason.COMPLETED, best.stoppedBy());
        int fullRounds = job.strategy() == Strategy.HYPERBAND ? job.hyperband().maxRounds() : 20;
        assertEquals(fullRounds, best.roundsRun(), "the best trial ran all its rounds");
        for (TrialRecord t : r.trials()) {
            if (t.eligible()) assertFalse(job.objective().isBetter(t.objective(), best.objective()), "best among completed");
        }
        // the property has teeth: some stopped trial's partial objective beats the chosen one
        boolean tempting = r.trials().stream().anyMatch(t -> t.stoppedEarly() && job.objective().isBetter(t.objective(), best.objective()));
        Statistics.collect(tempting ? "a stopped trial looked better" : "no tempting stopped trial");
    }

    @Example
    void stoppedTrialsLookBetterInTheOverfittingScenario() {
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, xDepthSpace(), LOSS).withMaxTrials(20).withSeed(3)
                .withEarlyStopping(EarlyStoppingType.AUTO);
        TuningResult r = Tuner.of(job).run(overfitting(20));
        TrialRecord best = r.best().orElseThrow();
        assertTrue(r.trials().stream().anyMatch(t -> t.stoppedEarly() && t.objective() < best.objective()),
                "scenario must tempt a naive argmin: " + r.trials());
        assertTrue(best.eligible());
    }

    @Example
    void hyperbandStopsTrialsAtRungsAndFavoursGoodOnes() {
        TuningJobConfig job = TuningJobConfig.hyperband(xDepthSpace(), LOSS, new HyperbandConfig(3, 27)).withMaxTrials(30).withSeed(9);
        TuningResult r = Tuner.of(job).run(syntheticCurves(27, false));
        long stopped = r.trials().stream().filter(t -> t.stoppedBy() == StopReason.HYPERBAND).count();
        assertTrue(stopped > 0, "some trials stopped at rungs");
        int totalRounds = r.trials().stream().mapToInt(TrialRecord::roundsRun).sum();
        assertTrue(totalRounds < 30 * 27, "fewer rounds than running every trial in full: " + totalRounds);
        for (TrialRecord t : r.trials()) {
            if (t.stoppedBy() == StopReason.HYPERBAND) {
                assertTrue(job.hyperband().isRung(Tuner.brackets(job)[t.number() - 1], t.roundsRun()), t.stopDetail());
            }
        }
        assertNotEquals(StopReason.HYPERBAND, r.best().orElseThrow().stoppedBy());
    }
}
