package dev.holdout.leakage;

import dev.holdout.io.StrictJson;
import dev.holdout.data.Datasets;
import dev.holdout.data.Synthetic;
import dev.holdout.preprocess.Imputer;
import dev.holdout.preprocess.Learner;
import dev.holdout.preprocess.LogTransform;
import dev.holdout.preprocess.OneHotEncoder;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.StandardScaler;
import dev.holdout.preprocess.Step;
import dev.holdout.preprocess.TargetEncoder;
import dev.holdout.preprocess.UnknownPolicy;
import dev.holdout.report.Html;
import dev.holdout.split.Part;
import dev.holdout.split.RandomSplit;
import dev.holdout.split.Split;
import dev.holdout.split.TimeSplit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * The instructor's leakage demo, measured: the same learner trained four ways on a time-ordered table,
 * each scored on its own validation rows (the number you would report) and on the last part of the
 * time range, which none of the four ever touches (the number you would get in production).
 * <ol type="a">
 * <li>preprocessing (imputer, scaler, target encoder) fitted on all development rows before the
 *     train/validation split, then applied with plain {@code transform} (no cross-fitting);</li>
 * <li>a random train/validation split of time-ordered rows (preprocessing fitted on train only);</li>
 * <li>the safe pipeline plus a leaky column recorded after the outcome; at prediction time the column
 *     does not exist yet, so on the later rows it is blank and the pipeline's imputer fills it;</li>
 * <li>the safe pipeline: split by time, preprocessing fitted on train only (target encoder cross-fitted).</li>
 * </ol>
 * Datasets: the shipped {@code birdstrikes} (leaky column: {@code Cost Total $}) and
 * {@link Synthetic#leakyClassification} (leaky column: {@value Synthetic#LEAKY_FEATURE}). The last 20% of
 * each time range is the later data; the 20% before it is validation.
 *
 * <pre>{@code
 * LeakageDemo.Result r = LeakageDemo.run(TribuoLearner.logisticRegression(42), 42);
 * r;   // a table: dataset, way, validation score, later score, optimism (validation - later)
 * }</pre>
 */
public final class LeakageDemo {
    private LeakageDemo() {}

    /** One dataset prepared for the demo. */
    record Case(String dataset, Table table, String label, String time, List<String> features, String leaky,
                Function<Boolean, Preprocessor> spec) {}

    /** One of the four ways on one dataset. */
    public record Row(String dataset, String way, String description, int trainRows, int validationRows, int laterRows,
                      double validationScore, double laterScore) {
        /** How much the validation score overstates the score on truly unseen later data. */
        public double optimism() { return validationScore - laterScore; }
    }

    /** The side-by-side table. */
    public record Result(String learner, String metric, long seed, List<Row> rows) {
        public Result {
            rows = List.copyOf(rows);
        }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append("The same model (").append(learner).append(") trained four ways; score = ").append(metric).append(".\n");
            sb.append("'validation' is the score you would report; 'later' is the score on the last 20% of the time range,\n");
            sb.append("which none of the four ways ever used. optimism = validation - later.\n\n");
            sb.append(String.format(Locale.ROOT, "%-17s %-56s %6s %6s %6s  %10s %7s %9s%n",
                    "dataset", "way", "train", "valid", "later", "validation", "later", "optimism"));
            for (Row r : rows) {
                sb.append(String.format(Locale.ROOT, "%-17s %-56s %6d %6d %6d  %10.3f %7.3f %+9.3f%n", r.dataset(), r.way(),
                        r.trainRows(), r.validationRows(), r.laterRows(), r.validationScore(), r.laterScore(), r.optimism()));
            }
            sb.append("\n");
            for (String way : List.of("a", "b", "c", "d")) {
                rows.stream().filter(r -> r.way().startsWith("(" + way + ")")).findFirst()
                        .ifPresent(r -> sb.append("(").append(way).append(") ").append(r.description()).append('\n'));
            }
            return sb.toString();
        }

        public String toHtml() {
            List<List<String>> body = new ArrayList<>();
            for (Row r : rows) body.add(List.of(r.dataset(), r.way(), String.valueOf(r.trainRows()), String.valueOf(r.validationRows()),
                    String.valueOf(r.laterRows()), f(r.validationScore()), f(r.laterScore()), String.format(Locale.ROOT, "%+.3f", r.optimism())));
            return "<p>" + Html.escape("The same model (" + learner + ") trained four ways; score = " + metric) + "</p>"
                    + Html.table(List.of("dataset", "way", "train", "validation rows", "later rows", "validation", "later", "optimism"), body);
        }

        public String toJson() {
            Map<String, Object> root = new LinkedHashMap<>();
            root.put("learner", learner);
            root.put("metric", metric);
            root.put("seed", seed);
            List<Map<String, Object>> list = new ArrayList<>();
            for (Row r : rows) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("dataset", r.dataset());
                m.put("way", r.way());
                m.put("description", r.description());
                m.put("train_rows", r.trainRows());
                m.put("validation_rows", r.validationRows());
                m.put("later_rows", r.laterRows());
                m.put("validation_score", r.validationScore());
                m.put("later_score", r.laterScore());
                m.put("optimism", r.optimism());
                list.add(m);
            }
            root.put("rows", list);
            return StrictJson.pretty(root) + "\n";
        }

        private static String f(double v) { return String.format(Locale.ROOT, "%.3f", v); }
    }

    /** The four ways on birdstrikes and on the synthetic churn table (4,000 rows). */
    public static Result run(Learner learner, long seed) {
        return run(learner, seed, List.of(birdstrikes(), synthetic(4000, seed)));
    }

    static Result run(Learner learner, long seed, List<Case> cases) {
        List<Row> rows = new ArrayList<>();
        for (Case c : cases) rows.addAll(fourWays(c, learner, seed));
        return new Result(learner.toString(), learner.metric(), seed, rows);
    }

    static Case birdstrikes() {
        String speed = "Speed IAS in knots";
        List<String> encoded = List.of("Airport Name", "Aircraft Make Model", "Aircraft Airline Operator", "Origin State", "Wildlife Species");
        List<String> oneHot = List.of("Phase of flight", "Wildlife Size", "Time of day");
        List<String> features = new ArrayList<>(encoded);
        features.addAll(oneHot);
        features.add(speed);
        String leak = "Cost Total $";
        Function<Boolean, Preprocessor> spec = withLeak -> {
            List<Step> steps = new ArrayList<>();
            steps.add(Imputer.median(speed).withIndicator());
            steps.add(StandardScaler.of(speed));
            steps.add(TargetEncoder.of(encoded.toArray(String[]::new)).label("damage").seed(1));
            steps.add(OneHotEncoder.of(oneHot.toArray(String[]::new)).onUnknown(UnknownPolicy.IGNORE));
            if (withLeak) {
                steps.add(Imputer.median(leak));
                steps.add(LogTransform.log1p(leak));
                steps.add(StandardScaler.of(leak));
            }
            return Preprocessor.of(steps.toArray(Step[]::new));
        };
        return new Case("birdstrikes", Datasets.load("birdstrikes"), "damage", "Flight Date", features, leak, spec);
    }

    static Case synthetic(int rows, long seed) {
        String leak = Synthetic.LEAKY_FEATURE;
        List<String> features = List.of("age", "monthly_spend", "visits", "plan");
        Function<Boolean, Preprocessor> spec = withLeak -> {
            List<Step> steps = new ArrayList<>();
            steps.add(Imputer.median("age").withIndicator());
            steps.add(LogTransform.log1p("monthly_spend"));
            steps.add(StandardScaler.of("age", "monthly_spend", "visits"));
            steps.add(TargetEncoder.of("plan").label("churned").seed(1));
            if (withLeak) {
                steps.add(Imputer.median(leak));
                steps.add(StandardScaler.of(leak));
            }
            return Preprocessor.of(steps.toArray(Step[]::new));
        };
        return new Case("synthetic-churn", Synthetic.leakyClassification(rows, seed), "churned", "signup_date", features, leak, spec);
    }

    private static Table select(Table t, List<String> features, String label, String extra) {
        List<Column<?>> cols = new ArrayList<>();
        for (String f : features) cols.add(t.column(f));
        if (extra != null) cols.add(t.column(extra));
        cols.add(t.column(label));
        Table out = Table.create(t.name());
        for (Column<?> c : cols) out.addColumns(c);
        return out;
    }

    static List<Row> fourWays(Case c, Learner learner, long seed) {
        Split bytime = TimeSplit.on(c.time()).test(0.2).validation(0.2).split(c.table());
        Table honest = select(c.table(), c.features(), c.label(), null);
        Table withLeak = select(c.table(), c.features(), c.label(), c.leaky());
        Table train = bytime.train(honest);
        Table validation = bytime.validation(honest);
        Table later = bytime.test(honest);
        int[] devRows = java.util.stream.IntStream.concat(bytime.rows(Part.TRAIN).stream(), bytime.rows(Part.VALIDATION).stream()).sorted().toArray();
        Table dev = honest.rows(devRows);
        Preprocessor spec = c.spec().apply(false);
        List<Row> out = new ArrayList<>();

        // (a) everything fitted on all development rows, then split; plain transform (in-sample target encoding)
        var leakyFit = spec.fit(dev);
        Table aTrain = leakyFit.transform(train);
        out.add(new Row(c.dataset(), "(a) preprocessing fitted on all rows before the split",
                "imputer, scaler and target encoder fitted on train+validation rows, then the rows split and transformed "
                        + "(so validation rows' own labels are inside their target encodings)",
                train.rowCount(), validation.rowCount(), later.rowCount(),
                learner.fitAndScore(aTrain, leakyFit.transform(validation), c.label()),
                learner.fitAndScore(aTrain, leakyFit.transform(later), c.label())));

        // (b) random split of the time-ordered development rows, pipeline otherwise safe
        Split random = RandomSplit.create().test(validation.rowCount()).seed(seed).split(dev);
        Table rTrain = random.train(dev);
        Preprocessor.Fit bFit = spec.fitTransform(rTrain);
        out.add(new Row(c.dataset(), "(b) random split of time-ordered data",
                "train and validation drawn at random from the same period; preprocessing fitted on train only",
                rTrain.rowCount(), random.size(Part.TEST), later.rowCount(),
                learner.fitAndScore(bFit.train(), bFit.fitted().transform(random.test(dev)), c.label()),
                learner.fitAndScore(bFit.train(), bFit.fitted().transform(later), c.label())));

        // (c) safe pipeline plus the leaky column; it does not exist yet at prediction time
        Preprocessor leakSpec = c.spec().apply(true);
        Preprocessor.Fit cFit = leakSpec.fitTransform(bytime.train(withLeak));
        Table laterBlank = bytime.test(withLeak);
        Column<?> leakCol = laterBlank.column(c.leaky());
        for (int i = 0; i < leakCol.size(); i++) leakCol.setMissing(i);
        out.add(new Row(c.dataset(), "(c) with the leaky feature '" + c.leaky() + "'",
                "time split, safe preprocessing, plus a column recorded after the outcome; on the later rows it is blank "
                        + "(not known yet at prediction time) and the imputer fills it",
                train.rowCount(), validation.rowCount(), later.rowCount(),
                learner.fitAndScore(cFit.train(), cFit.fitted().transform(bytime.validation(withLeak)), c.label()),
                learner.fitAndScore(cFit.train(), cFit.fitted().transform(laterBlank), c.label())));

        // (d) the safe pipeline
        Preprocessor.Fit dFit = spec.fitTransform(train);
        out.add(new Row(c.dataset(), "(d) safe: time split, preprocessing fitted on train",
                "split by time first; every statistic learned from train only (target encoder cross-fitted)",
                train.rowCount(), validation.rowCount(), later.rowCount(),
                learner.fitAndScore(dFit.train(), dFit.fitted().transform(validation), c.label()),
                learner.fitAndScore(dFit.train(), dFit.fitted().transform(later), c.label())));
        return out;
    }
}
