package dev.holdout.cli;

import dev.holdout.train.RoundEvent;
import dev.holdout.train.TrainingListener;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;

/**
 * Per-round progress for {@code holdout train} and {@code quickstart}: a redrawn bar on a terminal
 * (round, train and validation metric, time left), one plain line per round otherwise (logs, CI).
 */
final class TrainingProgress implements TrainingListener {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean tty;
    private final boolean verboseLog;
    private final int every;
    private boolean barOpen;
    private RoundEvent pending;

    TrainingProgress(PrintWriter out, boolean tty, boolean verboseLog) {
        this(out, tty, verboseLog, 1);
    }

    /** Without a terminal, prints round 0, every {@code every}-th round and the last one. */
    TrainingProgress(PrintWriter out, boolean tty, boolean verboseLog, int every) {
        this.out = out;
        this.tty = tty;
        this.verboseLog = verboseLog;
        this.every = Math.max(1, every);
    }

    /** A terminal is attached when the JVM has a console (stdout and stdin are not redirected). */
    static boolean isTerminal() {
        return System.console() != null && System.getenv("HOLDOUT_NO_PROGRESS") == null;
    }

    @Override public void onRound(RoundEvent e) {
        String metrics = String.format(Locale.ROOT, "train-%s=%.5f%s", e.metric(), e.train(),
                Float.isNaN(e.validation()) ? "" : String.format(Locale.ROOT, "  validation-%s=%.5f", e.metric(), e.validation()));
        if (tty) {
            String bar = bar((e.round() + 1) / (double) e.numRound());
            out.print(String.format(Locale.ROOT, "\r[%s] round %d/%d  %s  best=%d  ~%s left ", bar, e.round() + 1, e.numRound(),
                    metrics, e.bestIteration(), human(e.timeLeft())));
            barOpen = true;
        } else if (e.round() % every == 0 || e.round() + 1 == e.numRound()) {
            line(e);
            pending = null;
        } else {
            pending = e;   // printed by finish() if it turns out to be the last round
        }
        out.flush();
    }

    private void line(RoundEvent e) {
        String metrics = String.format(Locale.ROOT, "train-%s=%.5f%s", e.metric(), e.train(),
                Float.isNaN(e.validation()) ? "" : String.format(Locale.ROOT, "\tvalidation-%s=%.5f", e.metric(), e.validation()));
        out.println(String.format(Locale.ROOT, "[%d]\t%s\tbest=%d", e.round(), metrics, e.bestIteration()));
    }

    @Override public void onLog(String line) {
        if (!verboseLog) return;
        if (barOpen) {
            out.println();
            barOpen = false;
        }
        if (pending != null) {
            line(pending);
            pending = null;
        }
        out.println(line);
        out.flush();
    }

    /** Ends an open bar line. */
    void finish() {
        if (pending != null) {
            line(pending);
            pending = null;
        }
        if (barOpen) {
            out.println();
            out.flush();
            barOpen = false;
        }
    }

    /** The bar of a fraction done, as every progress bar of the command line draws it: {@code ######--------}. */
    static String bar(double fraction) {
        int done = (int) Math.round(WIDTH * Math.max(0, Math.min(1, fraction)));
        return "#".repeat(done) + "-".repeat(WIDTH - done);
    }

    static String human(Duration d) {
        long s = d.toSeconds();
        return s >= 60 ? (s / 60) + "m" + (s % 60) + "s" : String.format(Locale.ROOT, "%.1fs", d.toMillis() / 1000.0);
    }
}
