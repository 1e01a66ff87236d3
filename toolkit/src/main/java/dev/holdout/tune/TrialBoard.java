package dev.holdout.tune;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The shared state of a running tuning job: each trial's per-round curve, whether it ended, and the
 * stopping decisions. One monitor guards everything.
 *
 * <p>Determinism: a stopping decision for trial i at round r uses only trials numbered below i, and
 * waits until each of them has reported round r or ended. The lowest running trial never waits, so
 * this cannot deadlock, and the decisions are the same with 1 thread or many.
 */
final class TrialBoard {
    private final TuningJobConfig config;
    private final int n;
    private final double[][] curves;     // per trial, grown as rounds arrive
    private final double[][] prefix;     // running sums of curves
    private final int[] length;
    private final int[] grace;          // median-rule grace rounds per trial
    private final boolean[] started, ended;
    private final StopReason[] stopReason;
    private final String[] stopDetail;
    private final TrialRecord[] records;
    private final int[] bracket;
    private final long deadlineNanos;     // Long.MAX_VALUE for none
    private final java.util.function.LongSupplier clock;
    private final boolean needsRoundSync;
    private int running;
    private RuntimeException abort;

    TrialBoard(TuningJobConfig config, int[] bracket, long deadlineNanos, java.util.function.LongSupplier clock) {
        this.config = config;
        this.n = config.maxTrials();
        this.curves = new double[n][];
        this.prefix = new double[n][];
        this.length = new int[n];
        this.grace = new int[n];
        this.started = new boolean[n];
        this.ended = new boolean[n];
        this.stopReason = new StopReason[n];
        this.stopDetail = new String[n];
        this.records = new TrialRecord[n];
        this.bracket = bracket;
        this.deadlineNanos = deadlineNanos;
        this.clock = clock;
        this.needsRoundSync = config.earlyStopping() == EarlyStoppingType.AUTO || config.strategy() == Strategy.HYPERBAND;
    }

    synchronized void awaitCapacity(int maxRunning) throws InterruptedException {
        while (running >= maxRunning && abort == null) wait();
    }

    /** Waits until trials 0..upTo (inclusive) have ended. */
    synchronized void awaitEnded(int upTo) throws InterruptedException {
        for (int j = 0; j <= upTo; j++) {
            while (!ended[j] && abort == null) wait();
        }
    }

    synchronized List<TrialRecord> endedRecords(int upTo) {
        List<TrialRecord> out = new ArrayList<>(Math.max(0, upTo + 1));
        for (int j = 0; j <= upTo; j++) if (records[j] != null) out.add(records[j]);
        return out;
    }

    /** Marks trial i running; the median rule leaves its first {@code graceRounds} rounds unjudged. */
    synchronized void start(int i, int graceRounds) {
        started[i] = true;
        grace[i] = graceRounds;
        running++;
        curves[i] = new double[16];
        prefix[i] = new double[17];
    }

    synchronized void end(int i, TrialRecord record) {
        ended[i] = true;
        records[i] = record;
        running--;
        notifyAll();
    }

    synchronized void abort(RuntimeException e) {
        if (abort == null) abort = e;
        notifyAll();
    }

    synchronized RuntimeException aborted() { return abort; }

    boolean pastDeadline() { return deadlineNanos != Long.MAX_VALUE && clock.getAsLong() - deadlineNanos > 0; }

    synchronized StopReason stopReason(int i) { return stopReason[i]; }

    synchronized String stopDetail(int i) { return stopDetail[i]; }

    synchronized int length(int i) { return length[i]; }

    synchronized double[] curve(int i) { return Arrays.copyOf(curves[i], length[i]); }

    /** The reporter handed to trial i. */
    RoundReporter reporter(int i) { return (round, value) -> report(i, round, value); }

    synchronized boolean report(int i, int round, double value) {
        if (stopReason[i] != null) return false;
        if (round != length[i] + 1) {
            throw new IllegalStateException("trial " + (i + 1) + " reported round=" + round + " after round " + length[i]
                    + ": rounds must be reported once each, in order, starting at 1");
        }
        if (length[i] == curves[i].length) {
            curves[i] = Arrays.copyOf(curves[i], curves[i].length * 2);
            prefix[i] = Arrays.copyOf(prefix[i], curves[i].length + 1);
        }
        curves[i][length[i]] = value;
        prefix[i][length[i] + 1] = prefix[i][length[i]] + value;
        length[i]++;
        notifyAll();
        if (abort != null) return stop(i, StopReason.FAILED, "tuning job aborted");
        if (pastDeadline()) return stop(i, StopReason.WALL_CLOCK, "round " + round + ": wall-clock limit reached");
        if (!needsRoundSync) return true;
        boolean hyperbandRung = config.strategy() == Strategy.HYPERBAND && config.hyperband().isRung(bracket[i], round);
        boolean median = config.earlyStopping() == EarlyStoppingType.AUTO && round > grace[i];
        if (!hyperbandRung && !median) return true;
        try {
            for (int j = 0; j < i; j++) {
                while (!ended[j] && length[j] < round && abort == null) wait();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return stop(i, StopReason.FAILED, "interrupted");
        }
        if (abort != null) return stop(i, StopReason.FAILED, "tuning job aborted");
        if (median) {
            String why = medianRule(i, round, value);
            if (why != null) return stop(i, StopReason.MEDIAN_RULE, why);
        }
        if (hyperbandRung) {
            String why = hyperbandRule(i, round, value);
            if (why != null) return stop(i, StopReason.HYPERBAND, why);
        }
        return true;
    }

    private boolean stop(int i, StopReason reason, String detail) {
        stopReason[i] = reason;
        stopDetail[i] = detail;
        return false;
    }

    /** Null to continue, else why the median rule stops trial i at {@code round}. */
    private String medianRule(int i, int round, double value) {
        double[] averages = new double[i];
        int m = 0;
        for (int j = 0; j < i; j++) {
            if (length[j] >= round) averages[m++] = prefix[j][round] / round;
        }
        if (m < config.medianRule().minEarlierTrials()) return null;
        double median = median(averages, m);
        TuningObjective o = config.objective();
        boolean worse = Double.isNaN(value) || o.isBetter(median, value);
        if (!worse) return null;
        return String.format(Locale.ROOT, "round %d: %s=%.6g worse than the median %.6g of %d earlier trials' running averages",
                round, o.metricName(), value, median, m);
    }

    /** Null to continue, else why Hyperband stops trial i at rung {@code round}. */
    private String hyperbandRule(int i, int round, double value) {
        TuningObjective o = config.objective();
        double loss = Double.isNaN(value) ? Double.POSITIVE_INFINITY : o.asLoss(value);
        int reached = 1, ahead = 0;
        for (int j = 0; j < i; j++) {
            if (bracket[j] != bracket[i] || length[j] < round) continue;
            reached++;
            double v = curves[j][round - 1];
            double lj = Double.isNaN(v) ? Double.POSITIVE_INFINITY : o.asLoss(v);
            if (lj <= loss) ahead++;   // earlier trials win ties
        }
        int keep = (reached + config.hyperband().eta() - 1) / config.hyperband().eta();
        if (ahead + 1 <= keep) return null;
        return String.format(Locale.ROOT, "rung at round %d (bracket %d): ranked %d of %d, only the top %d continue",
                round, bracket[i], ahead + 1, reached, keep);
    }

    static double median(double[] a, int m) {
        double[] s = Arrays.copyOf(a, m);
        Arrays.sort(s);
        return (m % 2 == 1) ? s[m / 2] : 0.5 * (s[m / 2 - 1] + s[m / 2]);
    }

    synchronized TrialRecord record(int i) { return records[i]; }
}
