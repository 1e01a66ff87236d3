package dev.holdout.leakage;

import java.util.Arrays;
import java.util.Locale;
import tech.tablesaw.api.Table;

/**
 * How many evaluation rows a split surrounds with training rows in time: a row whose nearest earlier time and
 * nearest later time (among the training and evaluation rows) both hold a training row. A random split of
 * time-ordered rows surrounds most of them, so the model is tested on moments whose past and future it has
 * seen; a split by time surrounds none. The quickstart prints it, and the audit reports it as the evidence of
 * a {@code temporal-overlap} finding.
 *
 * <pre>{@code
 * Split random = RandomSplit.create().test(0.2).seed(42).split(weather);
 * Interleaving i = Interleaving.of(random.train(weather), random.test(weather), "date");
 * i;   // 191 of 293 rows (65%) have training rows just before and just after them in time
 * }</pre>
 *
 * @param surrounded evaluation rows with a training row at the nearest earlier and the nearest later time
 * @param rows       evaluation rows with a time (rows without one are not counted)
 */
public record Interleaving(int surrounded, int rows) {

    /** Over the {@code time} column of both tables (dates, date-times, instants or numbers). */
    public static Interleaving of(Table train, Table evaluated, String time) {
        return of(TimeValues.of(train, time), TimeValues.of(evaluated, time));
    }

    /** Over times as comparable numbers; NaN is a row without a time. */
    public static Interleaving of(double[] train, double[] evaluated) {
        double[] all = new double[train.length + evaluated.length];
        int m = 0;
        for (double t : train) if (!Double.isNaN(t)) all[m++] = t;
        for (double t : evaluated) if (!Double.isNaN(t)) all[m++] = t;
        Arrays.sort(all, 0, m);
        int distinct = 0;
        for (int i = 0; i < m; i++) if (i == 0 || all[i] != all[i - 1]) all[distinct++] = all[i];
        boolean[] trainAt = new boolean[distinct];
        for (double t : train) if (!Double.isNaN(t)) trainAt[Arrays.binarySearch(all, 0, distinct, t)] = true;
        int surrounded = 0, rows = 0;
        for (double t : evaluated) {
            if (Double.isNaN(t)) continue;
            rows++;
            int j = Arrays.binarySearch(all, 0, distinct, t);
            if (j > 0 && j + 1 < distinct && trainAt[j - 1] && trainAt[j + 1]) surrounded++;
        }
        return new Interleaving(surrounded, rows);
    }

    /** The surrounded share of the evaluation rows (0 when there are none). */
    public double share() { return rows == 0 ? 0 : (double) surrounded / rows; }

    /** "191 of 293 (65%)". */
    public String counts() {
        return String.format(Locale.ROOT, "%d of %d (%.0f%%)", surrounded, rows, 100 * share());
    }

    @Override public String toString() {
        return counts().replace(" (", " rows (") + " have training rows just before and just after them in time";
    }
}
