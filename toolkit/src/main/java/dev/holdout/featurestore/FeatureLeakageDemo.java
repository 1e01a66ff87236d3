package dev.holdout.featurestore;

import dev.holdout.data.SeededRandom;
import dev.holdout.io.OutputFile;
import dev.holdout.io.ScratchFolder;
import dev.holdout.io.StrictJson;
import dev.holdout.preprocess.Learner;
import dev.holdout.split.Split;
import dev.holdout.split.TimeSplit;
import dev.holdout.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import tech.tablesaw.api.InstantColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.LongColumn;
import tech.tablesaw.api.Table;

/**
 * The feature-leakage lesson, measured: one seeded churn event log (weekly activity snapshots per customer, which
 * go quiet after a customer leaves), one set of labelled prediction times, and the training set built twice — by
 * id (each customer's latest snapshot, as a plain join takes it) and point in time (the snapshot as it stood at
 * the prediction time). The same time split and model score both on validation rows built the same way, and on
 * later rows with the features a live system would have had then. The join by id looks better on validation and
 * is worse later; the audit names the features that leaked.
 *
 * <pre>{@code
 * FeatureLeakageDemo.Result r = FeatureLeakageDemo.run(learner, 42);
 * r.byId().validation() > r.pointInTime().validation();   // true: the leak flatters validation
 * r.byId().later() < r.pointInTime().later();              // true: and costs later
 * r.leakingFeatures();                                     // [logins_30d, tickets_30d, spend_30d]
 * }</pre>
 */
public final class FeatureLeakageDemo {
    private FeatureLeakageDemo() {}

    /** The features of the snapshots. */
    public static final List<String> FEATURES = List.of("logins_30d", "tickets_30d", "spend_30d");
    static final String LABEL = "churn_30d";
    private static final long DAY = 86_400_000L;
    private static final long START = Instant.parse("2023-01-01T00:00:00Z").toEpochMilli();
    private static final int DAYS = 730;

    /** One way of building the training set: its validation score and its score on later rows. */
    public record Way(String name, double validation, double later) {}

    /** Both ways, the audit of the by-id table, and the sizes. */
    public record Result(String learner, String metric, long seed, int customers, long snapshots, int trainRows, int validationRows, int laterRows,
                         Way byId, Way pointInTime, FeatureAuditReport audit) {
        public List<String> leakingFeatures() { return audit.leakingFeatures(); }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder();
            sb.append(String.format(Locale.ROOT, "feature leakage: %,d customers, %,d weekly snapshots in a feature group, %,d/%,d/%,d labelled "
                    + "prediction times (train/validation/later, split by time)%n", customers, snapshots, trainRows, validationRows, laterRows));
            sb.append(String.format(Locale.ROOT, "model: %s, %s; the later rows always get the features as they stood at prediction time%n%n", learner, metric));
            sb.append(String.format(Locale.ROOT, "%-44s %10s %8s %10s%n", "training set built by", "validation", "later", "optimism"));
            for (Way w : List.of(byId, pointInTime)) {
                sb.append(String.format(Locale.ROOT, "%-44s %10.3f %8.3f %+10.3f%n", w.name(), w.validation(), w.later(), w.validation() - w.later()));
            }
            sb.append('\n').append(String.format(Locale.ROOT, "the join by id looks %.3f better on validation and is %.3f worse on later data%n",
                    byId.validation() - pointInTime.validation(), pointInTime.later() - byId.later()));
            sb.append("the audit of the by-id training table (holdout features audit):\n");
            for (FeatureAuditReport.FeatureCheck f : audit.features()) {
                sb.append(String.format(Locale.ROOT, "  %-20s %,7d of %,7d values recorded only after their prediction time%n", f.column(), f.fromFuture(),
                        f.checked()));
            }
            return sb.toString();
        }

        public String toJson() {
            var root = StrictJson.mapper().createObjectNode();
            root.put("learner", learner).put("metric", metric).put("seed", seed).put("customers", customers).put("snapshots", snapshots)
                    .put("train_rows", trainRows).put("validation_rows", validationRows).put("later_rows", laterRows);
            var ways = root.putArray("ways");
            for (Way w : List.of(byId, pointInTime)) ways.addObject().put("name", w.name()).put("validation", w.validation()).put("later", w.later());
            var leaks = root.putObject("audit_from_future");
            for (FeatureAuditReport.FeatureCheck f : audit.features()) leaks.put(f.column(), f.fromFuture());
            return StrictJson.pretty(root) + "\n";
        }
    }

    /** The lesson with 1,000 customers. */
    public static Result run(Learner learner, long seed) { return run(learner, seed, 1000); }

    static Result run(Learner learner, long seed, int customers) {
        try (ScratchFolder scratch = ScratchFolder.create("holdout-feature-leakage")) {
            Path dir = scratch.path();
            SeededRandom rnd = new SeededRandom(seed);
            List<long[]> entities = new ArrayList<>(); // customer, prediction time, label
            Path log = dir.resolve("snapshots.csv");
            long snapshots = write(log, customers, rnd, entities);
            FeatureStore fs = FeatureStore.on(Store.at(dir.resolve("store.duckdb")));
            fs.ingest(IngestSpec.of("activity", log, "customer_id", "snapshot_time").withDescription("weekly activity per customer"));

            entities.sort((a, b) -> a[1] != b[1] ? Long.compare(a[1], b[1]) : Long.compare(a[0], b[0]));
            int n = entities.size();
            long[] ids = new long[n];
            List<Instant> times = new ArrayList<>(n), never = new ArrayList<>(n);
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                ids[i] = entities.get(i)[0];
                times.add(Instant.ofEpochMilli(entities.get(i)[1]));
                never.add(Instant.parse("9999-12-31T00:00:00Z"));
                labels[i] = (int) entities.get(i)[2];
            }
            Table ent = Table.create("labels", LongColumn.create("customer_id", ids), InstantColumn.create("prediction_time", times),
                    IntColumn.create(LABEL, labels));
            List<GroupSelection> group = List.of(GroupSelection.all("activity"));
            Table pit = fs.join(ent, "customer_id", "prediction_time", group);
            // the join by id: each customer's latest snapshot, whatever its time (as a join at the end of time takes it)
            Table late = Table.create("labels", LongColumn.create("customer_id", ids), InstantColumn.create("prediction_time", never),
                    IntColumn.create(LABEL, labels));
            Table byId = fs.join(late, "customer_id", "prediction_time", group);
            byId.replaceColumn("prediction_time", InstantColumn.create("prediction_time", times));

            Split split = TimeSplit.on("prediction_time").validation(0.2).test(0.2).split(pit);
            List<String> cols = new ArrayList<>(FEATURES);
            cols.add(LABEL);
            Table pitTrain = split.train(pit).selectColumns(cols.toArray(String[]::new));
            Table pitValidation = split.validation(pit).selectColumns(cols.toArray(String[]::new));
            Table pitLater = split.test(pit).selectColumns(cols.toArray(String[]::new));
            Table idTrain = split.train(byId).selectColumns(cols.toArray(String[]::new));
            Table idValidation = split.validation(byId).selectColumns(cols.toArray(String[]::new));
            Way a = new Way("join by id (each customer's latest values)", learner.fitAndScore(idTrain, idValidation, LABEL),
                    learner.fitAndScore(idTrain, pitLater, LABEL));
            Way b = new Way("point-in-time join (holdout features join)", learner.fitAndScore(pitTrain, pitValidation, LABEL),
                    learner.fitAndScore(pitTrain, pitLater, LABEL));

            Path handMade = dir.resolve("by_id_training.csv");
            try (OutputFile out = OutputFile.at(handMade).named("training").claim()) {
                out.write(tmp -> byId.write().csv(tmp.toFile()));
            }
            FeatureAuditReport audit = fs.audit(handMade, "customer_id", "prediction_time", group);
            return new Result(learner.toString(), learner.metric(), seed, customers, snapshots, pitTrain.rowCount(), pitValidation.rowCount(),
                    pitLater.rowCount(), a, b, audit);
        }
    }

    /**
     * The event log. Each customer has an engagement level; about half leave on a day of the two years. Every 7 days
     * a snapshot records the last 30 days: logins and spend that fade over the 60 days before leaving (a real but
     * weak signal) and support tickets that rise. After leaving the snapshots go on — no logins, no spend, no
     * tickets — and those are what a join by id picks up.
     * Prediction times: every 30 days per customer while still a customer (from a random first day); the label is
     * leaving within the next 30 days, so each customer who leaves has one positive row.
     */
    private static long write(Path file, int customers, SeededRandom rnd, List<long[]> entities) {
        long rows = 0;
        try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            w.write("customer_id,snapshot_time,logins_30d,tickets_30d,spend_30d\n");
            for (int c = 0; c < customers; c++) {
                double engagement = Math.exp(0.5 * rnd.nextGaussian());
                int churn = rnd.nextDouble() < 0.5 ? 60 + rnd.nextInt(DAYS - 60) : Integer.MAX_VALUE;
                int first = rnd.nextInt(7);
                for (int day = first; day < DAYS; day += 7) {
                    double fade = churn == Integer.MAX_VALUE || day < churn - 60 ? 1 : Math.max(0, (churn - day) / 60.0);
                    boolean gone = day >= churn;
                    int logins = gone ? 0 : poisson(rnd, 12 * engagement * (0.6 + 0.4 * fade));
                    int tickets = gone ? 0 : poisson(rnd, 0.6 + 0.8 * (1 - fade));
                    double spend = gone ? 0 : Math.round(engagement * (35 + 15 * fade) * (0.7 + 0.6 * rnd.nextDouble()) * 100) / 100.0;
                    w.write(c + "," + Instant.ofEpochMilli(START + day * DAY) + "," + logins + "," + tickets + "," + spend + "\n");
                    rows++;
                }
                int until = Math.min(churn, DAYS - 30);
                for (int day = 30 + rnd.nextInt(30); day < until; day += 30) {
                    long t = START + day * DAY + 12 * 3_600_000L;
                    entities.add(new long[] {c, t, churn > day && churn <= day + 30 ? 1 : 0});
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not write the demo's event log in " + file.getParent() + ": " + e.getMessage(), e);
        }
        return rows;
    }

    /** A Poisson draw by inversion (small means). */
    private static int poisson(SeededRandom rnd, double mean) {
        double l = Math.exp(-mean), p = 1;
        int k = 0;
        do {
            k++;
            p *= rnd.nextDouble();
        } while (p > l && k < 1000);
        return k - 1;
    }
}
