package dev.holdout.leakage;

import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import dev.holdout.data.Synthetic;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.Imputer;
import dev.holdout.preprocess.Learner;
import dev.holdout.preprocess.LogTransform;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.preprocess.Step;
import dev.holdout.preprocess.TargetEncoder;
import dev.holdout.report.Charts;
import dev.holdout.report.Html;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.split.TimeSplit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.LongConsumer;
import java.util.stream.IntStream;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The instructor's leakage demo, measured over many seeds: the same learner trained four ways on a time-ordered
 * maintenance log ({@link Synthetic#machineFailures}), each scored on its own validation rows (the number you would
 * report) and on the last 20% of the time range, which none of the four ever touches (the number you would get in
 * production). <i>Optimism</i> = validation score − later score.
 * <ol type="a">
 * <li>{@link Way#PREPROCESSING_ON_ALL_ROWS}: imputer, scaler and target encoder fitted on all development rows before
 *     the train/validation split, then applied with plain {@code transform} (validation rows' own labels are inside
 *     their target encodings);</li>
 * <li>{@link Way#RANDOM_SPLIT}: train and validation drawn at random from the same period (preprocessing fitted on
 *     train only) — the model learns each period's hidden condition from neighbouring days;</li>
 * <li>{@link Way#LEAKY_FEATURE}: the safe pipeline plus {@value Synthetic#REPAIR_COST}, recorded after the failure;
 *     later rows do not have it yet (blank, filled by the pipeline's imputer);</li>
 * <li>{@link Way#SAFE}: split by time, every statistic learned from train only (target encoder cross-fitted).</li>
 * </ol>
 * One seed draws a new log, a new random split and a new learner seed; {@link #repeat} runs many seeds, so a claim
 * can be checked at every one of them rather than at a lucky one.
 *
 * <pre>{@code
 * LeakageDemo.Study study = LeakageDemo.repeat(learner, 1, 20, seed -> {});
 * study.optimism(LeakageDemo.Way.RANDOM_SPLIT);   // 20 values, one per seed
 * study;                                          // per way: validation, later and optimism over the seeds
 * }</pre>
 */
public final class LeakageDemo {
    private LeakageDemo() {}

    /** Rows of the maintenance log each seed draws. */
    public static final int ROWS = 3000;

    private static final String LABEL = "failed";
    private static final String TIME = "date";
    private static final List<String> FEATURES = List.of("machine", "load", "vibration", "hours_in_service", "failures_last_7d");

    /** The four ways, in the study guide's order. */
    public enum Way {
        PREPROCESSING_ON_ALL_ROWS("a", "preprocessing fitted on all rows",
                "imputer, scaler and target encoder fitted on train+validation rows before the split (validation rows' "
                        + "own labels are inside their target encodings)"),
        RANDOM_SPLIT("b", "random split of time-ordered rows",
                "train and validation drawn at random from the same period; preprocessing fitted on train only"),
        LEAKY_FEATURE("c", "a feature recorded after the outcome",
                "time split, safe preprocessing, plus " + Synthetic.REPAIR_COST + " (known only after a failure; "
                        + "blank on the later rows, filled by the imputer)"),
        SAFE("d", "safe pipeline",
                "split by time first; every statistic learned from train only (target encoder cross-fitted)");

        private final String letter, title, description;

        Way(String letter, String title, String description) {
            this.letter = letter;
            this.title = title;
            this.description = description;
        }

        public String letter() { return letter; }

        public String title() { return title; }

        public String description() { return description; }

        /** {@code "(a) preprocessing fitted on all rows"}. */
        public String label() { return "(" + letter + ") " + title; }
    }

    /** One way at one seed: its part sizes and its two scores. */
    public record Row(long seed, Way way, int trainRows, int validationRows, int laterRows, double validationScore,
                      double laterScore) {
        /** How much the validation score overstates the score on truly unseen later data. */
        public double optimism() { return validationScore - laterScore; }
    }

    /** The four ways at one seed. */
    public record Result(String learner, String metric, long seed, List<Row> rows) {
        public Result {
            rows = List.copyOf(rows);
        }

        public Row row(Way way) {
            return rows.stream().filter(r -> r.way() == way).findFirst().orElseThrow();
        }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("The same model (").append(learner).append(") trained four ways on ").append(ROWS)
                    .append(" rows of the machine-failure log (seed ").append(seed).append("); score = ").append(metric).append(".\n");
            sb.append("'validation' is the score you would report; 'later' is the score on the last 20% of the time range,\n");
            sb.append("which none of the four ways ever used. optimism = validation - later.\n\n");
            sb.append(String.format(Locale.ROOT, "%-40s %6s %6s %6s  %10s %7s %9s%n", "way", "train", "valid", "later",
                    "validation", "later", "optimism"));
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%-40s %6d %6d %6d  %10.3f %7.3f %+9.3f%n", r.way().label(), r.trainRows(),
                        r.validationRows(), r.laterRows(), r.validationScore(), r.laterScore(), r.optimism()));
            }
            sb.append('\n');
            for (Row r : rows) sb.append("(").append(r.way().letter()).append(") ").append(r.way().description()).append('\n');
            return sb.toString();
        }

        public String toHtml() {
            List<List<String>> body = new ArrayList<>();
            for (Row r : rows) body.add(List.of(r.way().label(), String.valueOf(r.trainRows()), String.valueOf(r.validationRows()),
                    String.valueOf(r.laterRows()), f3(r.validationScore()), f3(r.laterScore()), signed(r.optimism())));
            return "<p>" + Html.escape("The same model (" + learner + ") trained four ways (seed " + seed + "); score = " + metric) + "</p>"
                    + Html.table(List.of("way", "train", "validation rows", "later rows", "validation", "later", "optimism"), body);
        }

        public String toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("learner", learner);
            root.put("metric", metric);
            root.put("seed", seed);
            root.put("rows", rows.stream().map(LeakageDemo::json).toList());
            return pretty(root);
        }
    }

    /** The four ways over many seeds: what holds at every seed, and how much each way's optimism varies. */
    public record Study(String learner, String metric, List<Result> runs) {
        public Study {
            runs = List.copyOf(runs);
            if (runs.isEmpty()) throw new IllegalArgumentException("a study needs at least one seed");
        }

        public long[] seeds() { return runs.stream().mapToLong(Result::seed).toArray(); }

        public double[] optimism(Way way) { return runs.stream().mapToDouble(r -> r.row(way).optimism()).toArray(); }

        public double[] validation(Way way) { return runs.stream().mapToDouble(r -> r.row(way).validationScore()).toArray(); }

        public double[] later(Way way) { return runs.stream().mapToDouble(r -> r.row(way).laterScore()).toArray(); }

        /** At how many seeds {@code way}'s optimism exceeds the safe pipeline's at the same seed. */
        public int seedsMoreOptimisticThanSafe(Way way) {
            int n = 0;
            for (Result r : runs) if (r.row(way).optimism() > r.row(Way.SAFE).optimism()) n++;
            return n;
        }

        /** Every seed's optimism, one dot each, grouped by way, with each way's median. */
        public Charts.Strip chart() {
            Charts.Strip s = Charts.strip("Optimism at each of " + runs.size() + " seeds (validation " + metric + " − later " + metric + ")",
                    "way (each dot: one seed — a new log, split and model)", "optimism (" + metric + " points)");
            for (Way w : Way.values()) s = s.group(w.label(), optimism(w));
            return s.reference(0, "no optimism");
        }

        private List<List<String>> summaryRows() {
            List<List<String>> out = new ArrayList<>();
            for (Way w : Way.values()) {
                double[] o = optimism(w);
                out.add(List.of(w.label(), f3(median(validation(w))), f3(median(later(w))), signed(min(o)), signed(median(o)),
                        signed(max(o)), w == Way.SAFE ? "-" : seedsMoreOptimisticThanSafe(w) + " of " + runs.size()));
            }
            return out;
        }

        private static final List<String> HEADER = List.of("way", "validation (median)", "later (median)", "optimism min",
                "optimism median", "optimism max", "seeds more optimistic than (d)");

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            long[] s = seeds();
            sb.append("The same model (").append(learner).append(") trained four ways at ").append(runs.size()).append(" seeds (")
                    .append(s[0]).append("..").append(s[s.length - 1]).append("); score = ").append(metric)
                    .append("; optimism = validation - later.\n\n");
            sb.append(String.format(Locale.ROOT, "%-40s %10s %7s %9s %9s %9s  %s%n", "way", "validation", "later", "opt. min",
                    "median", "max", "seeds more optimistic than (d)"));
            for (List<String> r : summaryRows()) {
                sb.append(String.format(Locale.ROOT, "%-40s %10s %7s %9s %9s %9s  %s%n", r.get(0), r.get(1), r.get(2), r.get(3),
                        r.get(4), r.get(5), r.get(6)));
            }
            return sb.toString();
        }

        public String toHtml() {
            return "<p>" + Html.escape("The same model (" + learner + ") trained four ways at " + runs.size() + " seeds; score = "
                    + metric + "; validation and later are medians over the seeds") + "</p>" + Html.table(HEADER, summaryRows());
        }

        public String toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("learner", learner);
            root.put("metric", metric);
            root.put("seeds", Arrays.stream(seeds()).boxed().toList());
            List<Map<String, Object>> ways = new ArrayList<>();
            for (Way w : Way.values()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("way", w.letter());
                m.put("title", w.title());
                m.put("optimism", Arrays.stream(optimism(w)).boxed().toList());
                m.put("validation_scores", Arrays.stream(validation(w)).boxed().toList());
                m.put("later_scores", Arrays.stream(later(w)).boxed().toList());
                if (w != Way.SAFE) m.put("seeds_more_optimistic_than_safe", seedsMoreOptimisticThanSafe(w));
                ways.add(m);
            }
            root.put("ways", ways);
            return pretty(root);
        }
    }

    /** The four ways at one seed on a fresh {@link Synthetic#machineFailures} log of {@value #ROWS} rows. */
    public static Result run(Learner learner, long seed) {
        return run(learner, seed, Synthetic.machineFailures(ROWS, seed));
    }

    /**
     * The four ways at seeds {@code firstSeed}, {@code firstSeed + 1}, ... ({@code seeds} of them); {@code afterEachSeed}
     * hears each seed as it finishes (to show progress). {@code learnerForSeed} gives the model for a seed.
     */
    public static Study repeat(java.util.function.LongFunction<Learner> learnerForSeed, long firstSeed, int seeds,
                               LongConsumer afterEachSeed) {
        if (seeds < 1) throw DataValidationException.param("seeds", seeds, "must be at least 1", "pass 20 seeds");
        List<Result> runs = new ArrayList<>();
        for (int i = 0; i < seeds; i++) {
            long seed = firstSeed + i;
            runs.add(run(learnerForSeed.apply(seed), seed));
            afterEachSeed.accept(seed);
        }
        return new Study(runs.get(0).learner(), runs.get(0).metric(), runs);
    }

    static Result run(Learner learner, long seed, Table log) {
        Split bytime = TimeSplit.on(TIME).test(0.2).validation(0.2).split(log);
        Table honest = select(log, FEATURES, null);
        Table withLeak = select(log, FEATURES, Synthetic.REPAIR_COST);
        Table train = bytime.train(honest), validation = bytime.validation(honest), later = bytime.test(honest);
        int[] devRows = IntStream.concat(bytime.rows(Part.TRAIN).stream(), bytime.rows(Part.VALIDATION).stream()).sorted().toArray();
        Table dev = honest.rows(devRows);
        Preprocessor spec = preprocessing();
        List<Row> rows = new ArrayList<>();

        // (a) everything fitted on all development rows, then split; plain transform (in-sample target encoding)
        FittedPreprocessor onAll = spec.fit(dev);
        rows.add(row(seed, Way.PREPROCESSING_ON_ALL_ROWS, learner, onAll.transform(train), validation.rowCount(),
                onAll.transform(validation), onAll.transform(later)));

        // (b) random split of the time-ordered development rows, pipeline otherwise safe
        Split random = RandomSplit.create().test(validation.rowCount()).seed(seed).split(dev);
        Preprocessor.Fit b = spec.fitTransform(random.train(dev));
        rows.add(row(seed, Way.RANDOM_SPLIT, learner, b.train(), random.size(Part.TEST), b.fitted().transform(random.test(dev)),
                b.fitted().transform(later)));

        // (c) safe pipeline plus the leaky column; it does not exist yet at prediction time
        Preprocessor.Fit c = spec(true).fitTransform(bytime.train(withLeak));
        Table laterBlank = bytime.test(withLeak);
        Column<?> leak = laterBlank.column(Synthetic.REPAIR_COST);
        for (int i = 0; i < leak.size(); i++) leak.setMissing(i);
        rows.add(row(seed, Way.LEAKY_FEATURE, learner, c.train(), validation.rowCount(),
                c.fitted().transform(bytime.validation(withLeak)), c.fitted().transform(laterBlank)));

        // (d) the safe pipeline
        Preprocessor.Fit d = spec.fitTransform(train);
        rows.add(row(seed, Way.SAFE, learner, d.train(), validation.rowCount(), d.fitted().transform(validation),
                d.fitted().transform(later)));
        return new Result(learner.toString(), learner.metric(), seed, rows);
    }

    private static Row row(long seed, Way way, Learner learner, Table train, int validationRows, Table validation, Table later) {
        double[] scores = learner.fitAndScore(train, LABEL, validation, later);
        return new Row(seed, way, train.rowCount(), validationRows, later.rowCount(), scores[0], scores[1]);
    }

    /**
     * The demo's preprocessing (median imputation with an indicator, standard scaling, a cross-fitted target encoding of
     * {@code machine}), unfitted: what each way fits — on all rows, on a random train part or on the time-ordered one.
     */
    public static Preprocessor preprocessing() {
        return spec(false);
    }

    private static Preprocessor spec(boolean withLeak) {
        List<Step> steps = new ArrayList<>();
        steps.add(Imputer.median("vibration").withIndicator());
        steps.add(StandardScaler.of("load", "vibration", "hours_in_service", "failures_last_7d"));
        steps.add(TargetEncoder.of("machine").label(LABEL).seed(1));
        if (withLeak) {
            steps.add(Imputer.median(Synthetic.REPAIR_COST));
            steps.add(LogTransform.log1p(Synthetic.REPAIR_COST));
            steps.add(StandardScaler.of(Synthetic.REPAIR_COST));
        }
        return Preprocessor.of(steps.toArray(Step[]::new));
    }

    private static Table select(Table t, List<String> features, String extra) {
        Table out = Table.create(t.name());
        for (String f : features) out.addColumns(t.column(f));
        if (extra != null) out.addColumns(t.column(extra));
        out.addColumns(t.column(LABEL));
        return out;
    }

    private static Map<String, Object> json(Row r) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("seed", r.seed());
        m.put("way", r.way().letter());
        m.put("title", r.way().title());
        m.put("description", r.way().description());
        m.put("train_rows", r.trainRows());
        m.put("validation_rows", r.validationRows());
        m.put("later_rows", r.laterRows());
        m.put("validation_score", r.validationScore());
        m.put("later_score", r.laterScore());
        m.put("optimism", r.optimism());
        return m;
    }

    private static String pretty(Object root) {
        return StrictJson.pretty(root) + "\n";
    }

    private static String f3(double v) { return String.format(Locale.ROOT, "%.3f", v); }

    private static String signed(double v) { return String.format(Locale.ROOT, "%+.3f", v); }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
    }

    private static double min(double[] v) { return Arrays.stream(v).min().orElse(Double.NaN); }

    private static double max(double[] v) { return Arrays.stream(v).max().orElse(Double.NaN); }
}
