package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Runs a tuning job: proposes hyperparameters by the job's strategy, runs up to
 * {@code maxParallelTrials} trials at once on a thread pool, stops trials early (median rule,
 * Hyperband), and picks the best completed trial.
 *
 * <pre>{@code
 * TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM,
 *         SearchSpace.of(ParameterRange.continuous("x", -5, 5)), new TuningObjective("loss", false))
 *         .withMaxTrials(30).withMaxParallelTrials(2).withSeed(1);
 * TuningResult r = Tuner.of(job).run((trial, reporter) ->
 *         TrialOutcome.of(Math.pow(trial.hyperparameters().value("x") - 1, 2)));
 * r.best().get().hyperparameters().value("x");   // close to 1
 * }</pre>
 *
 * <p>Reproducible: trial t's hyperparameters come from {@code (seed, t)} and, for Bayesian, from the
 * results of trials {@code 1..t-maxParallelTrials} exactly (the tuner waits for them before proposing
 * trial t), and stopping decisions are taken in trial order. So a job gives the same trials with one thread or with
 * {@code maxParallelTrials} threads; only the times differ.
 *
 * <p>The best trial is the best objective among trials that <em>completed</em>: a trial stopped by
 * the median rule, by Hyperband or by the wall-clock limit ran fewer rounds and is never chosen, even
 * if its partial objective looks better. Ties go to the earlier trial.
 */
public final class Tuner {
    private final TuningJobConfig config;
    private final LongSupplier nanoClock;
    private final int cores;
    private final TuningListener listener;

    private Tuner(TuningJobConfig config, LongSupplier nanoClock, int cores, TuningListener listener) {
        this.config = Objects.requireNonNull(config, "config");
        this.nanoClock = nanoClock;
        this.cores = cores;
        this.listener = listener;
    }

    public static Tuner of(TuningJobConfig config) {
        return new Tuner(config.validate(), System::nanoTime, Runtime.getRuntime().availableProcessors(), null);
    }

    /** An injectable clock (nanoseconds) for the wall-clock limit and trial times. */
    public Tuner clock(LongSupplier nanoClock) { return new Tuner(config, nanoClock, cores, listener); }

    /** The cores trials share (default: the machine's). */
    public Tuner cores(int cores) {
        if (cores < 1) throw DataValidationException.param("cores", cores, "must be >= 1", "use the machine's core count");
        return new Tuner(config, nanoClock, cores, listener);
    }

    public Tuner onTrialEnd(TuningListener l) { return new Tuner(config, nanoClock, cores, l); }

    public TuningJobConfig config() { return config; }

    /** Threads each trial may use: the cores shared among the parallel trials, at least 1. */
    public int threadsPerTrial() { return Math.max(1, cores / config.limits().maxParallelTrials()); }

    /** Warnings about the configuration on this machine (also recorded in the result). */
    public List<String> warnings() {
        List<String> w = new ArrayList<>();
        int p = config.limits().maxParallelTrials();
        if (p > cores) {
            w.add("MaxParallelTrainingJobs=" + p + " is more than the " + cores + " cores: trials will oversubscribe the CPU"
                    + " (each still gets nthread=1) and run no faster; use at most " + cores);
        }
        if (config.strategy() == Strategy.BAYESIAN && p > 1 && p * 4 > config.maxTrials()) {
            w.add("Bayesian with MaxParallelTrainingJobs=" + p + " and only " + config.maxTrials()
                    + " trials: each proposal can use fewer finished trials, which weakens the search");
        }
        if (p > config.maxTrials()) {
            w.add("MaxParallelTrainingJobs=" + p + " is more than the " + config.maxTrials() + " trials; at most "
                    + config.maxTrials() + " will run at once");
        }
        return w;
    }

    /**
     * Rejects a job {@code objective} cannot serve (unknown hyperparameter names, a per-round metric
     * missing for early stopping, ...) without running anything; {@link #run} calls it first too.
     */
    public void validate(TrialObjective objective) {
        Objects.requireNonNull(objective, "objective");
        if (!objective.knownHyperparameters().isEmpty()) {
            config.space().requireKnown(objective.knownHyperparameters(), objective.jobKind());
        }
        objective.check(config);
    }

    /** The trial's planned rounds, 0 when they cannot be told (the trial itself then reports why it fails). */
    private static int plannedRounds(TrialObjective objective, Trial trial) {
        try {
            return objective.plannedRounds(trial);
        } catch (RuntimeException e) {
            return 0;
        }
    }

    /** Runs the job with {@code maxParallelTrials} threads. */
    public TuningResult run(TrialObjective objective) {
        return run(objective, config.limits().maxParallelTrials());
    }

    /** Runs the job on {@code threads} threads (1 = every trial on the calling thread, in order). */
    TuningResult run(TrialObjective objective, int threads) {
        validate(objective);
        List<String> warnings = new ArrayList<>(warnings());
        int n = config.maxTrials();
        int parallel = config.limits().maxParallelTrials();
        int[] bracket = brackets(config);
        long start = nanoClock.getAsLong();
        long deadline = config.limits().maxRuntime() == null ? Long.MAX_VALUE
                : start + config.limits().maxRuntime().toNanos();
        TrialBoard board = new TrialBoard(config, bracket, deadline, nanoClock);
        Proposer proposer = Proposer.forConfig(config);
        int threadsPerTrial = threadsPerTrial();
        int maxRounds = config.strategy() == Strategy.HYPERBAND ? config.hyperband().maxRounds() : 0;
        AtomicInteger done = new AtomicInteger();
        Object listenerLock = new Object();
        TrialRecord[] bestSoFar = new TrialRecord[1];

        ExecutorService pool = threads <= 1 ? null : Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "holdout-trial");
            t.setDaemon(true);
            return t;
        });
        List<Future<?>> futures = new ArrayList<>();
        int launched = 0;
        try {
            for (int i = 0; i < n; i++) {
                board.awaitCapacity(parallel);
                if (board.aborted() != null) break;
                if (proposer.adaptive()) board.awaitEnded(i - parallel);
                if (board.aborted() != null) break;
                if (board.pastDeadline()) {
                    warnings.add("wall-clock limit MaxRuntimeInSeconds=" + config.limits().maxRuntime().toSeconds()
                            + " reached: " + i + " of " + n + " trials started");
                    break;
                }
                double[] values = proposer.propose(i, proposer.adaptive() ? board.endedRecords(i - parallel) : List.of());
                Trial trial = new Trial(i + 1, new HyperparameterValues(config.space(), values, true), maxRounds, threadsPerTrial);
                board.start(i, config.medianRule().graceRounds(plannedRounds(objective, trial)));
                launched++;
                final int index = i;
                Runnable task = () -> {
                    TrialRecord rec = runTrial(index, trial, objective, board);
                    board.end(index, rec);
                    synchronized (listenerLock) {
                        int d = done.incrementAndGet();
                        if (rec.eligible() && (bestSoFar[0] == null
                                || config.objective().isBetter(rec.objective(), bestSoFar[0].objective())
                                || (rec.objective() == bestSoFar[0].objective() && rec.number() < bestSoFar[0].number()))) {
                            bestSoFar[0] = rec;
                        }
                        if (listener != null) listener.trialEnded(rec, d, n, bestSoFar[0]);
                    }
                };
                if (pool == null) task.run(); else futures.add(pool.submit(task));
            }
            for (Future<?> f : futures) f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            board.abort(new IllegalStateException("tuning interrupted"));
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable c = e.getCause();
            if (c instanceof RuntimeException re) throw re;
            if (c instanceof Error er) throw er;
            throw new IllegalStateException(c);
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        if (board.aborted() != null) throw board.aborted();
        List<TrialRecord> trials = new ArrayList<>(launched);
        for (int i = 0; i < launched; i++) trials.add(board.record(i));
        double seconds = (nanoClock.getAsLong() - start) / 1e9;
        return new TuningResult(config, trials, warnings, seconds, threadsPerTrial, null);
    }

    private TrialRecord runTrial(int i, Trial trial, TrialObjective objective, TrialBoard board) {
        long t0 = nanoClock.getAsLong();
        TrialOutcome outcome = null;
        String failure = "";
        try {
            outcome = objective.run(trial, board.reporter(i));
            if (outcome == null) failure = "the objective returned no outcome";
        } catch (DataValidationException e) {
            board.abort(e);
            failure = e.getMessage();
        } catch (Exception e) {
            failure = e.getClass().getSimpleName() + ": " + e.getMessage();
        } catch (StackOverflowError | AssertionError e) {
            failure = e.toString();
        }
        double seconds = (nanoClock.getAsLong() - t0) / 1e9;
        StopReason reason = board.stopReason(i);
        String detail = board.stopDetail(i);
        double objectiveValue = outcome == null ? Double.NaN : outcome.objective();
        int rounds = outcome == null || outcome.roundsRun() < 0 ? board.length(i) : outcome.roundsRun();
        if (!failure.isEmpty()) {
            reason = StopReason.FAILED;
        } else if (reason == null) {
            reason = StopReason.COMPLETED;
            if (!Double.isFinite(objectiveValue)) {
                reason = StopReason.FAILED;
                failure = "objective " + config.objective().metricName() + "=" + objectiveValue + " is not a finite number";
            }
        }
        return new TrialRecord(trial.number(), trial.hyperparameters(), objectiveValue, rounds, reason, detail, seconds,
                board.curve(i), outcome == null ? null : outcome.jobFolder(), failure);
    }

    /** Hyperband bracket of each trial: smooth weighted round-robin over brackets sMax..0, weights as Hyperband's. */
    static int[] brackets(TuningJobConfig config) {
        int n = config.maxTrials();
        int[] out = new int[n];
        if (config.strategy() != Strategy.HYPERBAND) return out;
        HyperbandConfig h = config.hyperband();
        int sMax = h.maxBracket();
        long[] weight = new long[sMax + 1];
        long total = 0;
        for (int s = 0; s <= sMax; s++) {
            weight[s] = h.bracketWeight(s);
            total += weight[s];
        }
        long[] current = new long[sMax + 1];
        for (int i = 0; i < n; i++) {
            int pick = -1;
            for (int s = sMax; s >= 0; s--) {
                current[s] += weight[s];
                if (pick < 0 || current[s] > current[pick]) pick = s;
            }
            current[pick] -= total;
            out[i] = pick;
        }
        return out;
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "Tuner{%s, %d cores, nthread=%d per trial}", config, cores, threadsPerTrial());
    }
}
