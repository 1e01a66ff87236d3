package dev.holdout.data;

import java.time.LocalDate;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Seeded synthetic tables for teaching. The same arguments give the same table in every JVM run.
 *
 * <pre>{@code
 * Table churn = Synthetic.leakyClassification(2000, 7);   // label "churned", planted leak "refund_issued_score"
 * Table drift = Synthetic.drifting(5000, 7);              // "date" 2022-01-01 .. 2023-12-31, label "converted"
 * Table log = Synthetic.machineFailures(3000, 7);         // "date" in 2023, label "failed", leak "repair_cost"
 * }</pre>
 */
public final class Synthetic {
    private Synthetic() {}

    /** The planted leaky feature of {@link #leakyClassification}: recorded after the outcome is known. */
    public static final String LEAKY_FEATURE = "refund_issued_score";

    private static final String[] PLANS = {"basic", "plus", "pro", "enterprise"};
    private static final double[] PLAN_EFFECT = {0.6, 0.1, -0.4, -0.9};
    private static final String[] CHANNELS = {"web", "app", "store"};

    /**
     * A customer-churn table with a planted leak. Columns: {@code id}, {@code signup_date} (ascending,
     * from 2021-01-01), {@code age} (about 5% missing), {@code monthly_spend}, {@code visits},
     * {@code plan} (4 levels with different churn rates), {@value #LEAKY_FEATURE} (the leak: the
     * label plus a little noise, as if read from a refund system after the customer churned) and the
     * label {@code churned} (0/1, about 30% positive, from a logistic model of the honest features).
     */
    public static Table leakyClassification(int rows, long seed) {
        requireRows(rows);
        SeededRandom r = new SeededRandom(seed);
        int[] id = new int[rows];
        LocalDate[] signup = new LocalDate[rows];
        double[] age = new double[rows];
        double[] spend = new double[rows];
        int[] visits = new int[rows];
        String[] plan = new String[rows];
        double[] leak = new double[rows];
        int[] churned = new int[rows];
        LocalDate start = LocalDate.of(2021, 1, 1);
        int days = 3 * 365;
        for (int i = 0; i < rows; i++) {
            id[i] = i + 1;
            signup[i] = start.plusDays((long) i * days / rows);
            double a = 18 + 50 * r.nextDouble();
            age[i] = r.nextDouble() < 0.05 ? Double.NaN : Math.round(a);
            spend[i] = Math.round(Math.exp(3 + 0.6 * r.nextGaussian()) * 100) / 100.0;
            visits[i] = (int) Math.max(0, Math.round(8 + 4 * r.nextGaussian()));
            int p = r.nextInt(PLANS.length);
            plan[i] = PLANS[p];
            double logit = -1.1 + PLAN_EFFECT[p] - 0.12 * (visits[i] - 8) + 0.5 * (Math.log(spend[i]) - 3) - 0.015 * (a - 43)
                    + 0.6 * r.nextGaussian();
            churned[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            leak[i] = Math.round((churned[i] * 2.5 + 0.35 * r.nextGaussian()) * 1000) / 1000.0;
        }
        Table t = Table.create("synthetic-churn",
                IntColumn.create("id", id), DateColumn.create("signup_date", signup), DoubleColumn.create("age", age),
                DoubleColumn.create("monthly_spend", spend), IntColumn.create("visits", visits), StringColumn.create("plan", plan),
                DoubleColumn.create(LEAKY_FEATURE, leak), IntColumn.create("churned", churned));
        return t;
    }

    /** The column of {@link #machineFailures} recorded after the outcome: what the repair of a failure cost. */
    public static final String REPAIR_COST = "repair_cost";

    /**
     * A time-ordered maintenance log of a fleet of 400 machines over 2023 (2023-01-01 to 2023-12-31), sorted by
     * {@code date} (about 8 rows a day), built so that each classic leak is large: the label {@code failed} (0/1)
     * depends on the row's {@code load} and {@code vibration}, on its {@code machine} (each has its own failure rate)
     * and on the fleet's condition that day, a slowly wandering hidden state (strong day-to-day autocorrelation: a
     * hot summer, a bad batch of parts) that no column records. Columns:
     * <ul>
     *   <li>{@code id}, {@code date};</li>
     *   <li>{@code machine} ({@code M001}..{@code M400}, about 8 rows each, each with its own failure rate: a target
     *       encoding fitted on rows it later scores carries their own labels);</li>
     *   <li>{@code load}, {@code vibration} (about 5% missing): effects that hold at any time;</li>
     *   <li>{@code hours_in_service}: the fleet's running hours, which only grow — a proxy for the date, so a flexible
     *       model can memorise the hidden state of each period from it (useful under a random split of the same
     *       period, useless on later dates it never saw);</li>
     *   <li>{@code failures_last_7d}: failures in the fleet over the 7 days before the row's date, a lagged feature
     *       computed from earlier rows only (honest: known when the row is scored);</li>
     *   <li>{@value #REPAIR_COST}: the repair's cost — recorded after the failure, so it gives the label away, and
     *       blank (unknown yet) when a row is scored in production;</li>
     *   <li>{@code failed}: the label.</li>
     * </ul>
     */
    public static Table machineFailures(int rows, long seed) {
        return machineFailures(rows, 400, seed);
    }

    /**
     * {@link #machineFailures(int, long)} with another fleet size: fewer machines give each more rows, so a model
     * can learn each machine's own failure rate — what group-aware folds and splits are about. Machine names are
     * {@code M001}.. with as many digits as needed.
     */
    public static Table machineFailures(int rows, int machines, long seed) {
        requireRows(rows);
        if (machines < 1) {
            throw DataValidationException.param("machines", machines, "must be at least 1", "ask for 1 or more machines");
        }
        SeededRandom r = new SeededRandom(seed);
        int days = 365;
        double[] machineEffect = new double[machines];
        for (int m = 0; m < machines; m++) machineEffect[m] = 1.2 * r.nextGaussian();
        // the fleet's hidden condition per day: AR(1) with correlation 0.8 from one day to the next (about 5 days of
        // memory), variance 1; a random split of the same year puts several training rows on every validation day
        double[] condition = new double[days];
        double phi = 0.8;
        condition[0] = r.nextGaussian();
        for (int d = 1; d < days; d++) condition[d] = phi * condition[d - 1] + Math.sqrt(1 - phi * phi) * r.nextGaussian();
        LocalDate start = LocalDate.of(2023, 1, 1);
        int[] id = new int[rows], failures7 = new int[rows], failed = new int[rows];
        LocalDate[] date = new LocalDate[rows];
        String[] machine = new String[rows];
        double[] load = new double[rows], vibration = new double[rows], hours = new double[rows], cost = new double[rows];
        int[] day = new int[rows];
        int[] failuresOnDay = new int[days];
        for (int i = 0; i < rows; i++) {
            day[i] = (int) ((long) i * days / rows);
            id[i] = i + 1;
            date[i] = start.plusDays(day[i]);
            int m = r.nextInt(machines);
            machine[i] = String.format(java.util.Locale.ROOT, "M%03d", m + 1);
            load[i] = round3(r.nextGaussian());
            double v = r.nextGaussian();
            vibration[i] = r.nextDouble() < 0.05 ? Double.NaN : round3(v);
            hours[i] = Math.round(day[i] * 14.0 + 3 * r.nextGaussian());
            double logit = -1.3 + 0.6 * load[i] + 0.5 * v + machineEffect[m] + 1.6 * condition[day[i]];
            failed[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
            cost[i] = failed[i] == 1 ? Math.round(Math.exp(6.5 + 0.5 * r.nextGaussian())) : Math.round(Math.exp(2 + r.nextGaussian()));
        }
        for (int i = 0; i < rows; i++) failuresOnDay[day[i]] += failed[i];
        for (int i = 0; i < rows; i++) {
            int sum = 0;
            for (int d = Math.max(0, day[i] - 7); d < day[i]; d++) sum += failuresOnDay[d];
            failures7[i] = sum;
        }
        return Table.create("machine-failures", IntColumn.create("id", id), DateColumn.create("date", date),
                StringColumn.create("machine", machine), DoubleColumn.create("load", load),
                DoubleColumn.create("vibration", vibration), DoubleColumn.create("hours_in_service", hours),
                IntColumn.create("failures_last_7d", failures7), DoubleColumn.create(REPAIR_COST, cost),
                IntColumn.create("failed", failed));
    }

    /** {@link #drifting(int, long, LocalDate, LocalDate)} from 2022-01-01 to 2023-12-31. */
    public static Table drifting(int rows, long seed) {
        return drifting(rows, seed, LocalDate.of(2022, 1, 1), LocalDate.of(2024, 1, 1));
    }

    /**
     * A dated table whose distribution drifts over time, sorted by {@code date} in [start, end). Columns:
     * {@code date}, {@code x1} (its mean moves from 0 to 2: covariate drift), {@code x2} (its spread
     * doubles), {@code channel} (web-heavy at the start, app-heavy at the end), {@code basket} and
     * the label {@code converted} (0/1), whose dependence on {@code x1} weakens and reverses over the
     * period (concept drift). Several rows share each date.
     */
    public static Table drifting(int rows, long seed, LocalDate start, LocalDate end) {
        requireRows(rows);
        long span = end.toEpochDay() - start.toEpochDay();
        if (span <= 0) {
            throw DataValidationException.param("end", end, "must be after start=" + start, "pass a later end date");
        }
        SeededRandom r = new SeededRandom(seed);
        long[] day = new long[rows];
        for (int i = 0; i < rows; i++) day[i] = r.nextInt((int) span);
        java.util.Arrays.sort(day);
        LocalDate[] date = new LocalDate[rows];
        double[] x1 = new double[rows], x2 = new double[rows], basket = new double[rows];
        String[] channel = new String[rows];
        int[] converted = new int[rows];
        for (int i = 0; i < rows; i++) {
            double t = day[i] / (double) span;
            date[i] = start.plusDays(day[i]);
            x1[i] = round3(2 * t + r.nextGaussian());
            x2[i] = round3((1 + t) * r.nextGaussian());
            double u = r.nextDouble();
            double web = 0.6 - 0.4 * t, app = 0.2 + 0.5 * t;
            int c = u < web ? 0 : u < web + app ? 1 : 2;
            channel[i] = CHANNELS[c];
            basket[i] = round3(Math.exp(3.5 + 0.4 * r.nextGaussian() + 0.2 * t));
            double beta = 1.5 - 2.5 * t;
            double logit = -0.3 + beta * (x1[i] - 2 * t) + 0.8 * x2[i] / (1 + t) + (c == 1 ? 0.4 : c == 2 ? -0.3 : 0)
                    + 0.3 * r.nextGaussian();
            converted[i] = r.nextDouble() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
        }
        return Table.create("synthetic-drift", DateColumn.create("date", date), DoubleColumn.create("x1", x1),
                DoubleColumn.create("x2", x2), StringColumn.create("channel", channel), DoubleColumn.create("basket", basket),
                IntColumn.create("converted", converted));
    }

    private static double round3(double v) { return Math.round(v * 1000) / 1000.0; }

    private static void requireRows(int rows) {
        if (rows < 1) throw DataValidationException.param("rows", rows, "must be at least 1", "ask for 1 or more rows");
    }
}
