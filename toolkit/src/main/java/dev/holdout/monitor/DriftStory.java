package dev.holdout.monitor;

import dev.holdout.metrics.Bootstrap;
import dev.holdout.train.TrainedModel;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Collectors;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.NumericColumn;
import tech.tablesaw.api.Table;

/**
 * Drift across seasons on the shipped seattle-weather data, measured: what {@code holdout demo drift} prints and
 * the course notebook draws. Every number comes from a real monitoring run; the sentences are chosen from them.
 *
 * <ul>
 *   <li>The baseline is one year, {@value #BASELINE_YEAR}: features {@code temp_max}, {@code temp_min}, {@code wind}
 *       (numeric, Kolmogorov–Smirnov) and {@code weather} (categorical, L-infinity).
 *   <li>Each month of {@value #FROM_YEAR}–{@value #TO_YEAR} is one monitoring run, twice: against the whole
 *       baseline year ({@link #againstYear()}), and against the same calendar month of the baseline year
 *       ({@link #againstMonth()}, a seasonal baseline).
 *   <li>Model quality: the given rain model measured on {@value #FROM_YEAR} (its quality baseline,
 *       {@link #qualityBaseline()}) and checked each month of {@value #TO_YEAR} ({@link #quality()}).
 * </ul>
 *
 * <pre>{@code
 * DriftStory s = DriftStory.of(Datasets.load("seattle-weather"), rainModel, Bootstrap.Spec.of(100, 42));
 * s.againstYear().get(YearMonth.of(2015, 7)).drifted();     // [temp_max, temp_min, ...]: summer against a whole year
 * s.againstMonth().get(YearMonth.of(2015, 7)).drifted();    // against July 2013
 * System.out.print(s.toText());
 * }</pre>
 */
public record DriftStory(Baseline baseline, SortedMap<YearMonth, MonitorResult> againstYear, SortedMap<YearMonth, MonitorResult> againstMonth,
                         ModelQuality qualityBaseline, SortedMap<YearMonth, Quality.Result> quality) {
    public static final int BASELINE_YEAR = 2013;
    public static final int FROM_YEAR = 2014;
    public static final int TO_YEAR = 2015;
    static final String DATE = "date";
    static final String LABEL = "rain";
    static final List<String> FEATURES = List.of("temp_max", "temp_min", "wind", "weather");

    /**
     * The seasonal runs compare a month with a month (about 30 days each side), so the categorical check also asks
     * the chi-squared test, as Robust does for numbers: L-infinity alone moves by 0.1 when three days change.
     */
    public static final MonitorOptions SEASONAL = MonitorOptions.defaults()
            .config(MonitorConfig.Overrides.NONE.withCategoricalDriftMethod(MonitorConfig.CategoricalDriftMethod.ChiSquared));

    /**
     * Computes the story on seattle-weather ({@code weather}: the shipped table with its {@code rain} label) with a
     * binary rain model (probability of rain; predicted rain at 0.5 or above).
     */
    public static DriftStory of(Table weather, TrainedModel rainModel, Bootstrap.Spec spec) {
        BaselineOptions o = BaselineOptions.defaults().features(FEATURES);
        Table base = between(weather, LocalDate.of(BASELINE_YEAR, 1, 1), LocalDate.of(BASELINE_YEAR + 1, 1, 1));
        Baseline year = Baseline.of(base, o);
        Table later = between(weather, LocalDate.of(FROM_YEAR, 1, 1), LocalDate.of(TO_YEAR + 1, 1, 1));
        SortedMap<YearMonth, MonitorResult> againstYear = Monitor.byMonth(year, later, DATE, MonitorOptions.defaults());
        SortedMap<YearMonth, Table> baseMonths = Monitor.months(base, DATE);
        SortedMap<YearMonth, MonitorResult> againstMonth = new TreeMap<>();
        Map<Integer, Baseline> seasonal = new java.util.HashMap<>();
        for (Map.Entry<YearMonth, Table> e : Monitor.months(later, DATE).entrySet()) {
            int m = e.getKey().getMonthValue();
            Baseline b = seasonal.computeIfAbsent(m, k -> Baseline.of(baseMonths.get(YearMonth.of(BASELINE_YEAR, k)), o));
            againstMonth.put(e.getKey(), Monitor.run(b, e.getValue(), SEASONAL));
        }
        ModelQuality qBase = Quality.measure(predictions(between(weather, LocalDate.of(FROM_YEAR, 1, 1), LocalDate.of(FROM_YEAR + 1, 1, 1)), rainModel),
                ModelQuality.ProblemType.BinaryClassification, "1", spec);
        QualityConstraints c = QualityConstraints.suggest(qBase);
        SortedMap<YearMonth, Quality.Result> quality = new TreeMap<>();
        Table last = between(weather, LocalDate.of(TO_YEAR, 1, 1), LocalDate.of(TO_YEAR + 1, 1, 1));
        for (Map.Entry<YearMonth, Table> e : Monitor.months(last, DATE).entrySet()) {
            quality.put(e.getKey(), Quality.run(c, predictions(e.getValue(), rainModel), "1", spec));
        }
        return new DriftStory(year, againstYear, againstMonth, qBase, quality);
    }

    /** The model's predictions of a table's rows with their labels. */
    static Quality.Data predictions(Table t, TrainedModel model) {
        double[] p = model.predict(t);
        NumericColumn<?> y = t.numberColumn(LABEL);
        String[] truth = new String[p.length], predicted = new String[p.length];
        for (int i = 0; i < p.length; i++) {
            truth[i] = y.getDouble(i) == 1 ? "1" : "0";
            predicted[i] = p[i] >= 0.5 ? "1" : "0";
        }
        return new Quality.Data(truth, predicted, p, null, null, null);
    }

    static Table between(Table t, LocalDate from, LocalDate to) {
        DateColumn d = t.dateColumn(DATE);
        return t.where(d.isOnOrAfter(from).and(d.isBefore(to)));
    }

    /** The months (of both years) in which at least one feature drifted, against the whole year or the same month. */
    public List<YearMonth> driftMonths(boolean seasonal) {
        return (seasonal ? againstMonth : againstYear).entrySet().stream().filter(e -> !e.getValue().drifted().isEmpty()).map(Map.Entry::getKey).toList();
    }

    /** How many monthly runs a feature drifted in. */
    public long monthsDrifted(String feature, boolean seasonal) {
        return (seasonal ? againstMonth : againstYear).values().stream().filter(r -> r.drifted().contains(feature)).count();
    }

    /** The months of {@value #TO_YEAR} whose quality run violated a constraint on {@code metric}. */
    public List<YearMonth> qualityViolations(String metric) {
        return quality.entrySet().stream().filter(e -> e.getValue().violations().stream().anyMatch(v -> v.metricName().equals(metric)))
                .map(Map.Entry::getKey).toList();
    }

    /** The mean of a metric over the given months of {@value #TO_YEAR} (NaN when none). */
    public double meanQuality(String metric, List<YearMonth> months) {
        return months.stream().filter(quality::containsKey).mapToDouble(m -> quality.get(m).current().value(metric)).average().orElse(Double.NaN);
    }

    /** The story in the terminal: a table per month and the sentences the numbers support. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "seattle-weather: baseline %d (%d days, features %s); one monitoring run per month of %d-%d.%n%n",
                BASELINE_YEAR, baseline.statistics().itemCount(), String.join(", ", FEATURES), FROM_YEAR, TO_YEAR));
        sb.append(String.format(Locale.ROOT, "%-8s %4s | %-34s %8s %7s | %-34s %8s%n", "month", "days", "vs whole " + BASELINE_YEAR + ": drifted",
                "KS t_max", "PSI", "vs same month: drifted", "KS t_max"));
        for (YearMonth m : againstYear.keySet()) {
            MonitorResult y = againstYear.get(m), s = againstMonth.get(m);
            Drift dy = y.feature("temp_max").drift(), ds = s.feature("temp_max").drift();
            sb.append(String.format(Locale.ROOT, "%-8s %4d | %-34s %8s %7s | %-34s %8s%n", m, y.current().itemCount(), names(y.drifted()),
                    Report.num(dy.distance()), Report.num(dy.psi()), names(s.drifted()), Report.num(ds.distance())));
        }
        List<YearMonth> dy = driftMonths(false), ds = driftMonths(true);
        int n = againstYear.size();
        sb.append('\n');
        boolean season = dy.size() > ds.size();
        sb.append(String.format(Locale.ROOT, "Against the whole of %d, %d of %d months drift (temp_max in %d, temp_min in %d, wind in %d, weather in %d)%s%n",
                BASELINE_YEAR, dy.size(), n, monthsDrifted("temp_max", false), monthsDrifted("temp_min", false), monthsDrifted("wind", false),
                monthsDrifted("weather", false), season ? ": a month is a narrow slice of a year, so the season itself reads as drift." : "."));
        sb.append(String.format(Locale.ROOT, "Against the same month of %d, %d of %d months drift%s%s%n", BASELINE_YEAR, ds.size(), n,
                ds.isEmpty() ? "" : " (" + names(ds.stream().map(YearMonth::toString).toList()) + ")",
                season ? ": like is compared with like, and what is left is change from one year to the next." : "."));
        sb.append('\n');
        ModelQuality.MetricValue acc = qualityBaseline.metrics().get("accuracy"), auc = qualityBaseline.metrics().get("auc");
        sb.append(String.format(Locale.ROOT, "The rain model: quality baseline %d (%d days): accuracy %s ± %s, auc %s ± %s (bootstrap standard deviations).%n",
                FROM_YEAR, qualityBaseline.itemCount(), Report.num(acc.value()), Report.num(acc.standardDeviation()), Report.num(auc.value()),
                Report.num(auc.standardDeviation())));
        sb.append(String.format(Locale.ROOT, "%-8s %4s %18s %18s  %s%n", "month", "days", "accuracy", "auc", "violations"));
        int beyond = 0;
        for (Map.Entry<YearMonth, Quality.Result> e : quality.entrySet()) {
            ModelQuality q = e.getValue().current();
            ModelQuality.MetricValue a = q.metrics().get("accuracy"), u = q.metrics().get("auc");
            if (acc.value() - a.value() > 2 * a.standardDeviation()) beyond++;
            sb.append(String.format(Locale.ROOT, "%-8s %4d %18s %18s  %s%n", e.getKey(), q.itemCount(), Report.num(a.value()) + " ± " + Report.num(a.standardDeviation()),
                    u == null ? "–" : Report.num(u.value()) + " ± " + Report.num(u.standardDeviation()),
                    e.getValue().violations().stream().map(QualityConstraints.Violation::metricName).collect(Collectors.joining(", "))));
        }
        List<YearMonth> below = qualityViolations("accuracy");
        sb.append(String.format(Locale.ROOT, "%d of %d months fall below the baseline's accuracy (Model Monitor's LessThanThreshold on the baseline value); "
                + "%d of them by more than two of the month's standard deviations: a month of about 30 days is noisy, so a threshold at the "
                + "baseline value alarms on noise.%n", below.size(), quality.size(), beyond));
        List<YearMonth> driftLast = ds.stream().filter(m -> m.getYear() == TO_YEAR).toList();
        List<YearMonth> calm = new ArrayList<>(quality.keySet());
        calm.removeAll(driftLast);
        double inDrift = meanQuality("accuracy", driftLast), inCalm = meanQuality("accuracy", calm);
        sb.append('\n');
        sb.append(String.format(Locale.ROOT, "A calendar retrains every month: %d times in %d. A trigger on drift against the seasonal baseline fires %d time%s%s",
                quality.size(), TO_YEAR, driftLast.size(), driftLast.size() == 1 ? "" : "s", driftLast.isEmpty() ? "." : " (" + names(driftLast.stream().map(YearMonth::toString).toList()) + ")."));
        if (!driftLast.isEmpty() && !calm.isEmpty()) {
            sb.append(String.format(Locale.ROOT, " Accuracy in those months: %s; in the others: %s — %s%n", Report.num(inDrift), Report.num(inCalm),
                    inDrift < inCalm ? "the trigger points at the months where the model did worse."
                            : "here drift did not come with worse accuracy, so the trigger would have retrained for nothing as often as the calendar's extra runs."));
        } else {
            sb.append(String.format(Locale.ROOT, " The weather of %d is the weather of %d season for season: a calendar would retrain %d times for no change.%n",
                    TO_YEAR, BASELINE_YEAR, quality.size()));
        }
        return sb.toString();
    }

    private static String names(List<String> v) { return v.isEmpty() ? "–" : String.join(", ", v); }
}
