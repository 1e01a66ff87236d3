package dev.holdout.train;

import dev.holdout.io.StrictJson;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputConflictException;
import dev.holdout.io.OutputFolder;
import dev.holdout.preprocess.Fingerprint;
import dev.holdout.preprocess.FittedPreprocessor;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.report.Charts;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import ml.dmlc.xgboost4j.java.DMatrix;
import org.tribuo.Model;
import tech.tablesaw.api.Table;

/**
 * Runs one {@link TrainingJob}: claim the job folder ({@link OutputFolder}: checked against the channels and
 * the spec, locked, before any data is read), load channels, fit the preprocessing on train only, train,
 * evaluate, and write the job folder (a temporary folder swapped into place). A failed job leaves no model
 * and writes its reason to {@code output/failure}; when the output folder was not empty at the start (a
 * previous job, with {@code force}), it is kept and the failure goes to {@code OUTPUT.failed-<n>/}.
 */
final class JobRunner {
    static final String HYPERPARAMETERS = "input/config/hyperparameters.json";
    static final String JOB_SPEC = "input/config/job.json";
    static final String INPUT_DATA_CONFIG = "input/config/inputdataconfig.json";
    static final String METRICS = "output/metrics.json";
    static final String CURVE = "output/learning-curve.png";
    static final String FAILURE = OutputFolder.FAILURE;
    static final String LOG = "output/training.log";

    private final TrainingJob job;
    private final TrainingListener listener;
    private final boolean force;
    private final Path spec;
    private final Path recordedOutput;
    private final StringBuilder log = new StringBuilder();

    JobRunner(TrainingJob job, TrainingListener listener) {
        this(job, listener, false, null);
    }

    JobRunner(TrainingJob job, TrainingListener listener, boolean force, Path spec) {
        this.job = job;
        this.listener = listener == null ? TrainingListener.NONE : listener;
        this.force = force;
        this.spec = spec;
        this.recordedOutput = recordedOutput(job);
    }

    /** The output recorded in job.json: the job folder's absolute path. */
    private static Path recordedOutput(TrainingJob job) {
        return job.output() == null ? null : job.output().toAbsolutePath().normalize();
    }

    TrainingResult run() {
        Path out = job.output();
        if (out == null) {
            long start = System.nanoTime();
            Trained t = train();
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            log("finished in %.1fs: %s", took.toMillis() / 1000.0, summary(t));
            return new TrainingResult(job, t.model, t.curve, t.evaluation, t.trainRows, t.validationRows, took, null, t.choice);
        }
        OutputFolder.Spec target = OutputFolder.at(out).named("output").force(force).input("--config", spec)
                .replacing("a failed training job's folder (output/failure and no model)", JobRunner::isFailedJob);
        if (job.train() instanceof Channel.CsvFile f) target = target.input("channels.train", f.file());
        if (job.validation() instanceof Channel.CsvFile f) target = target.input("channels.validation", f.file());
        try (OutputFolder folder = target.claim()) {
            long start = System.nanoTime();
            Trained t;
            try {
                t = train();
            } catch (RuntimeException e) {
                writeFailure(folder, e);
                throw e;
            }
            Duration took = Duration.ofNanos(System.nanoTime() - start);
            log("finished in %.1fs: %s", took.toMillis() / 1000.0, summary(t));
            try {
                folder.write(tmp -> writeJobFolder(tmp, t));
            } catch (OutputConflictException e) {
                throw e; // something appeared in the folder: the job is kept aside, nothing there is touched
            } catch (RuntimeException e) {
                writeFailure(folder, e);
                throw e;
            }
            return new TrainingResult(job, t.model, t.curve, t.evaluation, t.trainRows, t.validationRows, took, out, t.choice);
        }
    }

    private record Trained(TrainedModel model, LearningCurve curve, Evaluation evaluation, int trainRows, int validationRows,
                           String trainFingerprint, String validationFingerprint, Map<String, ColumnKind> inputKinds, FeatureChoice choice) {}

    /** Kinds of the raw train columns the model reads: the preprocessor's inputs, then raw feature columns. */
    private Map<String, ColumnKind> inputKinds(Table trainRaw, FittedPreprocessor pre, List<String> features) {
        Map<String, ColumnKind> out = new LinkedHashMap<>();
        for (FittedPreprocessor.InputColumn in : pre.inputs()) {
            if (!in.name().equals(job.label()) && trainRaw.containsColumn(in.name())) out.put(in.name(), CsvLoader.kindOf(trainRaw.column(in.name())));
        }
        for (String f : features) {
            if (trainRaw.containsColumn(f)) out.putIfAbsent(f, CsvLoader.kindOf(trainRaw.column(f)));
        }
        return out;
    }

    private Trained train() {
        Hyperparameters hp = job.hyperparameters();
        log("job %s: algorithm=%s label=%s hyperparameters=%s", job.name(), job.algorithm(), job.label(), hp.toMap(job.algorithm()));
        Table trainRaw = job.train().load();
        Table validRaw = job.validation() == null ? null : job.validation().load();
        if (trainRaw.rowCount() == 0) {
            throw DataValidationException.param("channels.train", job.train().source(), "the train channel is empty (0 rows)", "give at least one row");
        }
        if (validRaw != null && validRaw.rowCount() == 0) {
            throw DataValidationException.param("channels.validation", job.validation().source(), "the validation channel is empty (0 rows)", "give rows or drop the channel");
        }
        log("train channel %s: %d rows x %d columns", job.train().source(), trainRaw.rowCount(), trainRaw.columnCount());
        if (validRaw != null) log("validation channel %s: %d rows", job.validation().source(), validRaw.rowCount());

        // fitted on the train rows only; the train table comes from fitTransform (cross-fitted where a step needs it)
        Preprocessor.Fit fit = job.preprocessing().fitTransform(trainRaw);
        FittedPreprocessor pre = fit.fitted();
        Table trainT = fit.train();
        Table validT = validRaw == null ? null : pre.transform(validRaw);
        FeatureChoice choice = FeatureChoice.of(trainRaw, trainT, job.label(), job.features(), job.exclude());
        List<String> features = choice.features();
        log("features (%d): %s", features.size(), features);
        choice.leftOut().forEach((column, why) -> log("left out '%s': %s", column, why));

        // labels come from the raw rows: no preprocessing step may touch the label (checked by TrainingJob)
        float[] yTrain = TrainingLabels.read(trainRaw, job.label(), hp, "train", job.train().source());
        float[] yValid = validRaw == null ? null : TrainingLabels.read(validRaw, job.label(), hp, "validation", job.validation().source());
        // the exact solvers read double precision: 32-bit floats would move their coefficients
        boolean exact = job.algorithm() == Algorithm.LINEAR_REGRESSION || job.algorithm() == Algorithm.LOGISTIC_REGRESSION;
        FeatureMatrix xTrain = FeatureMatrix.of(trainT, features, exact);
        FeatureMatrix xValid = validT == null ? null : FeatureMatrix.of(validT, features, exact);

        TrainedModel model;
        LearningCurve curve;
        if (job.algorithm() == Algorithm.XGBOOST) {
            DMatrix dTrain = xTrain.toDMatrix(yTrain);
            DMatrix dValid = xValid == null ? null : xValid.toDMatrix(yValid);
            try {
                Boosting.Outcome o = Boosting.train(dTrain, dValid, hp, listener);
                curve = o.curve();
                int predictionRounds = hp.earlyStopping() ? curve.bestIteration() + 1 : curve.rounds();
                model = new TrainedModel.XGBoostModel(hp.objective(), job.label(), features, pre, o.booster(), predictionRounds, hp.numClass());
            } finally {
                dTrain.dispose();
                if (dValid != null) dValid.dispose();
            }
            log("%s", curve);
        } else if (exact) {
            model = LinearFit.train(job.algorithm(), hp, xTrain, trainRaw.column(job.label()), yTrain, job.label(), features, pre,
                    job.train().source(), (f, a) -> log(f, a));
            curve = new LearningCurve(hp.evalMetric(), hp.evalDirection(), new float[0], new float[0], 0, Float.NaN, false);
        } else {
            Model<?> m = TribuoLearners.train(job.algorithm(), hp, xTrain, yTrain, job.train().source());
            model = new TrainedModel.TribuoModel(job.algorithm(), hp.objective(), job.label(), features, pre, m);
            curve = new LearningCurve(hp.evalMetric(), hp.evalDirection(), new float[0], new float[0], 0, Float.NaN, false);
        }
        Evaluation ev = Evaluation.empty().with("train", ModelMetrics.evaluate(hp.objective(), yTrain, model.scores(xTrain)));
        if (xValid != null) ev = ev.with("validation", ModelMetrics.evaluate(hp.objective(), yValid, model.scores(xValid)));
        return new Trained(model, curve, ev, trainRaw.rowCount(), validRaw == null ? 0 : validRaw.rowCount(),
                fingerprint(trainRaw), validRaw == null ? null : fingerprint(validRaw), inputKinds(trainRaw, pre, features), choice);
    }

    private static String fingerprint(Table t) {
        Fingerprint f = Fingerprint.of(t, t.columnNames());
        return f.contentHash();
    }

    private String summary(Trained t) {
        return new TrainingResult(job, t.model, t.curve, t.evaluation, t.trainRows, t.validationRows, Duration.ZERO, null).stopSummary();
    }

    // ------------------------------------------------------------------ the job folder

    private void writeJobFolder(Path dir, Trained t) throws IOException {
        ObjectMapper m = mapper();
        writeInputs(dir, m, true);
        Path model = dir.resolve("model");
        Files.createDirectories(model);
        t.model.save(model);
        Files.writeString(model.resolve(TrainedModel.PREPROCESSOR_FILE), t.model.preprocessor().toJson());
        Files.writeString(model.resolve(TrainedModel.CARD_FILE), StrictJson.pretty(modelCard(m, t)));
        Path output = dir.resolve("output");
        Files.createDirectories(output);
        Files.writeString(dir.resolve(METRICS), StrictJson.pretty(metricsJson(m, t.curve, t.evaluation)));
        if (t.curve.rounds() > 0) Files.write(dir.resolve(CURVE), Charts.png(t.curve.chart("Learning curve: " + job.name()).image()));
        Files.writeString(dir.resolve(LOG), log.toString());
    }

    /**
     * input/config (hyperparameters, a re-runnable job.json, inputdataconfig) and, with {@code copyData},
     * input/data/<channel>/. The job.json points its channels at those copies (relative to input/config/),
     * so {@code holdout train --config JOB/input/config/job.json --output OTHER} reproduces the job; without
     * copies (a failure report) a CSV channel is recorded by its absolute path and an in-memory one is written.
     */
    private void writeInputs(Path dir, ObjectMapper m, boolean copyData) throws IOException {
        Path config = dir.resolve("input/config");
        Files.createDirectories(config);
        Files.writeString(dir.resolve(HYPERPARAMETERS), StrictJson.pretty(job.hyperparameters().toMap(job.algorithm())));
        ObjectNode spec = job.toJson();
        ObjectNode specChannels = spec.putObject("channels");
        specChannels.put("train", writeChannel(dir, "train", job.train(), copyData));
        if (job.validation() != null) specChannels.put("validation", writeChannel(dir, "validation", job.validation(), copyData));
        spec.remove("output");
        if (recordedOutput != null) spec.put("output", recordedOutput.toString());
        Files.writeString(dir.resolve(JOB_SPEC), StrictJson.pretty(spec));
        ObjectNode channels = m.createObjectNode();
        channels.putObject("train").put("ContentType", "text/csv").put("TrainingInputMode", "File");
        if (job.validation() != null) channels.putObject("validation").put("ContentType", "text/csv").put("TrainingInputMode", "File");
        Files.writeString(dir.resolve(INPUT_DATA_CONFIG), StrictJson.pretty(channels));
    }

    /**
     * SageMaker's input/data/<channel>/: a CSV channel is copied as is, an in-memory table written as CSV.
     * Returns the path job.json records for the channel.
     */
    private static String writeChannel(Path dir, String name, Channel channel, boolean copyData) throws IOException {
        Path d = dir.resolve("input/data").resolve(name);
        if (channel instanceof Channel.CsvFile f) {
            if (!copyData) return f.file().toAbsolutePath().normalize().toString();
            Files.createDirectories(d);
            Files.copy(f.file(), d.resolve(f.file().getFileName()));
            return "../data/" + name + "/" + f.file().getFileName();
        }
        Files.createDirectories(d);
        ((Channel.InMemory) channel).table().write().csv(d.resolve(name + ".csv").toFile());
        return "../data/" + name + "/" + name + ".csv";
    }

    private ObjectNode modelCard(ObjectMapper m, Trained t) {
        ObjectNode c = m.createObjectNode();
        c.put("job", job.name());
        c.put("algorithm", job.algorithm().id());
        c.put("label", job.label());
        ObjectNode hp = c.putObject("hyperparameters");
        job.hyperparameters().toMap(job.algorithm()).forEach(hp::put);
        ArrayNode f = c.putArray("features");
        t.model.features().forEach(f::add);
        // the raw columns the model reads and their types at training, so predict loads a CSV the same way
        ObjectNode inputs = c.putObject("inputs");
        t.inputKinds.forEach((name, kind) -> inputs.put(name, kind.name()));
        ArrayNode ids = c.putArray("ids");
        t.choice.ids().forEach(ids::add);
        ObjectNode leftOut = c.putObject("left_out");
        t.choice.leftOut().forEach(leftOut::put);
        if (t.curve.rounds() > 0) {
            c.put("best_iteration", t.curve.bestIteration());
            if (t.curve.hasValidation()) c.put("best_score", t.curve.bestScore());
            c.put("rounds_trained", t.curve.rounds());
            c.put("stopped_early", t.curve.stoppedEarly());
            if (t.model instanceof TrainedModel.XGBoostModel x) {
                c.put("prediction_rounds", x.predictionRounds());
                c.put("prediction", "trees of rounds [0, " + x.predictionRounds() + ")"
                        + (job.hyperparameters().earlyStopping() ? " (up to the best iteration)" : " (all rounds; no early stopping)"));
            }
        }
        ObjectNode data = c.putObject("data");
        ObjectNode tr = data.putObject("train");
        tr.put("source", job.train().source());
        tr.put("rows", t.trainRows);
        tr.put("fingerprint", t.trainFingerprint);
        if (t.validationFingerprint != null) {
            ObjectNode va = data.putObject("validation");
            va.put("source", job.validation().source());
            va.put("rows", t.validationRows);
            va.put("fingerprint", t.validationFingerprint);
        }
        c.set("metrics", m.valueToTree(t.evaluation.values()));
        c.set("preprocessing", PreprocessingSpecs.toJson(job.preprocessing()));
        ObjectNode v = c.putObject("versions");
        v.put("holdout", version("dev.holdout", "holdout-toolkit"));
        v.put("xgboost4j", version("ml.dmlc", "xgboost4j_2.12"));
        v.put("tribuo", version("org.tribuo", "tribuo-core"));
        v.put("java", System.getProperty("java.version"));
        v.put("os", System.getProperty("os.name") + " " + System.getProperty("os.arch"));
        c.put("trained_at", Instant.now().toString());
        return c;
    }

    static ObjectNode metricsJson(ObjectMapper m, LearningCurve curve, Evaluation evaluation) {
        ObjectNode o = m.createObjectNode();
        o.put("metric", curve.metric());
        o.put("direction", curve.direction().goal());
        if (curve.rounds() > 0) {
            o.put("best_iteration", curve.bestIteration());
            if (curve.hasValidation()) o.put("best_score", curve.bestScore());
            o.put("rounds", curve.rounds());
            o.put("stopped_early", curve.stoppedEarly());
        }
        ArrayNode h = o.putArray("history");
        float[] tr = curve.train();
        float[] va = curve.validation();
        for (int i = 0; i < tr.length; i++) {
            ObjectNode r = h.addObject();
            r.put("round", i);
            r.put("train:" + curve.metric(), tr[i]);
            if (va.length > 0) r.put("validation:" + curve.metric(), va[i]);
        }
        o.set("final", m.valueToTree(evaluation.values()));
        return o;
    }

    /**
     * The failure report: {@code output/failure} in the job folder when it was empty at the start; when it held
     * something (a previous job, replaced only by a successful run), the report goes to {@code OUTPUT.failed-<n>/}
     * and the folder stays as it was.
     */
    /**
     * Whether {@code dir} holds only what a failed job writes (its input/config, output/failure, output/training.log;
     * no model): a re-run into it needs no --force, as the failure is all it replaces.
     */
    static boolean isFailedJob(Path dir) {
        if (!Files.isRegularFile(dir.resolve(FAILURE)) || Files.exists(dir.resolve("model"))) return false;
        try (java.util.stream.Stream<Path> all = Files.walk(dir)) {
            return all.filter(p -> !Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)).allMatch(p -> {
                Path rel = dir.relativize(p);
                return rel.startsWith("input") || rel.equals(Path.of(FAILURE)) || rel.equals(Path.of(LOG));
            });
        } catch (IOException | java.io.UncheckedIOException e) {
            return false;
        }
    }

    private void writeFailure(OutputFolder folder, RuntimeException e) {
        // bad input is its message; anything else keeps its type, which tells a failure from a bug
        String reason = e instanceof DataValidationException || e instanceof XGBoostFailure ? e.getMessage()
                : e.getClass().getSimpleName() + ": " + e.getMessage();
        log("FAILED: %s", reason);
        OutputFolder.Writer report = tmp -> {
            writeInputs(tmp, mapper(), false);
            // SageMaker reads the first 1024 characters of output/failure as FailureReason
            Files.writeString(tmp.resolve(FAILURE), reason + "\n");
            Files.writeString(tmp.resolve(LOG), log.toString());
        };
        try {
            boolean beside = !folder.emptyAtStart();
            Path where = folder.writeFailure(report);
            if (beside) {
                log("the existing folder %s is kept; this failure is written to %s", job.output(), where);
                listener.onLog("failure report: " + where.resolve(FAILURE));
            }
        } catch (OutputConflictException kept) {
            // something appeared in the job folder meanwhile: the report went beside it; say where
            listener.onLog("failure report not written to " + job.output() + ": " + kept.getMessage());
            e.addSuppressed(kept);
        } catch (RuntimeException nested) {
            e.addSuppressed(nested);
        }
    }

    private void log(String format, Object... args) {
        String line = String.format(Locale.ROOT, format, args);
        log.append(Instant.now()).append(' ').append(line).append('\n');
        listener.onLog(line);
    }

    static ObjectMapper mapper() {
        return StrictJson.mapper();
    }

    static String version(String group, String artifact) {
        String res = "/META-INF/maven/" + group + "/" + artifact + "/pom.properties";
        try (InputStream in = JobRunner.class.getResourceAsStream(res)) {
            if (in != null) {
                Properties p = new Properties();
                p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
                return p.getProperty("version", "unknown");
            }
        } catch (IOException ignored) {
            // fall through
        }
        return "unknown";
    }

    static Map<String, String> versions() {
        return Map.of("xgboost4j", version("ml.dmlc", "xgboost4j_2.12"), "tribuo", version("org.tribuo", "tribuo-core"));
    }
}
