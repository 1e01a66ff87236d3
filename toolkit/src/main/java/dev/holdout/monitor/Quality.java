package dev.holdout.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvColumns;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.DecimalText;
import dev.holdout.data.InputFiles;
import dev.holdout.data.LabelVocabulary;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import dev.holdout.metrics.Bootstrap;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Model-quality monitoring: predictions with their labels (a CSV, or captured predictions merged with ground
 * truth) measured by {@link ModelQuality} and checked against a quality baseline's {@link QualityConstraints}.
 *
 * <pre>{@code
 * Quality.Data d = Quality.csv(Path.of("val-predictions.csv"), "rain", "predicted", "score", ProblemType.BinaryClassification);
 * ModelQuality base = Quality.measure(d, ProblemType.BinaryClassification, "1", Bootstrap.Spec.of(100, 42));
 * Quality.Data july = Quality.capture(Path.of("capture/ep"), Path.of("ground-truth"), ProblemType.BinaryClassification, "1", 0.5);
 * Quality.Result r = Quality.run(new Quality.Baseline(base, QualityConstraints.suggest(base)), july, "1", Bootstrap.Spec.of(100, 42));
 * r.violations();
 * }</pre>
 */
public final class Quality {
    private Quality() {}

    /** Labels and predictions (classification: text, with optional scores; regression: numbers). */
    public record Data(String[] truth, String[] predicted, double[] score, double[] truthValues, double[] predictedValues, String note) {
        public int rows() { return truth != null ? truth.length : truthValues.length; }
    }

    /** A quality baseline folder's two files. */
    public record Baseline(ModelQuality statistics, QualityConstraints constraints) {
        public void writeFiles(Path folder) throws IOException {
            Files.writeString(folder.resolve(dev.holdout.monitor.Baseline.STATISTICS), statistics.toJson(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(dev.holdout.monitor.Baseline.CONSTRAINTS), constraints.toJson(), StandardCharsets.UTF_8);
        }

        /** Reads the constraints of a quality baseline folder (the statistics are for people and the report). */
        public static QualityConstraints readConstraints(Path dir) {
            if (!Files.isDirectory(dir)) throw DataValidationException.param("--baseline", dir, "no such folder", "pass the folder holdout monitor quality-baseline wrote");
            Path c = dir.resolve(dev.holdout.monitor.Baseline.CONSTRAINTS);
            if (!Files.exists(c)) {
                throw DataValidationException.param("--baseline", dir, "constraints.json is missing", "write it again with holdout monitor quality-baseline");
            }
            return QualityConstraints.read(c);
        }
    }

    /** A quality run: the current metrics and the violated constraints. */
    public record Result(ModelQuality current, QualityConstraints constraints, List<QualityConstraints.Violation> violations, String note) {
        public boolean hasViolations() { return !violations.isEmpty(); }

        /** {@code constraint_violations.json}: {@code violations} [{{@code constraint_check_type}, {@code description}, {@code metric_name}}]. */
        public String violationsJson() { return QualityConstraints.violationsJson(violations); }

        public void writeFiles(Path folder) throws IOException {
            Files.writeString(folder.resolve(dev.holdout.monitor.Baseline.STATISTICS), current.toJson(), StandardCharsets.UTF_8);
            Files.writeString(folder.resolve(MonitorResult.VIOLATIONS), violationsJson(), StandardCharsets.UTF_8);
        }

        @Override public String toString() {
            StringBuilder sb = new StringBuilder(current.toString());
            if (note != null) sb.append(note).append('\n');
            sb.append(violations.size()).append(" violation").append(violations.size() == 1 ? "" : "s").append('\n');
            for (QualityConstraints.Violation v : violations) sb.append("  ").append(v.description()).append('\n');
            return sb.toString();
        }
    }

    /** Reads a predictions CSV: the label and prediction columns (and the score column, for binary classification). */
    public static Data csv(Path file, String label, String prediction, String score, ModelQuality.ProblemType type) {
        InputFiles.requireReadable(file, "--input");
        CsvReader r = CsvReader.open(file);
        boolean regression = type == ModelQuality.ProblemType.Regression;
        ColumnKind k = regression ? ColumnKind.NUMBER : ColumnKind.TEXT;
        r = r.withType(label, k, regression ? "--label of a regression" : null).withType(prediction, k, regression ? "--prediction of a regression" : null);
        List<String> cols = new ArrayList<>(List.of(label, prediction));
        if (score != null) {
            if (type != ModelQuality.ProblemType.BinaryClassification) {
                throw DataValidationException.param("--score", score, "is for BinaryClassification (the probability of the positive label)", "drop --score");
            }
            r = r.withType(score, ColumnKind.NUMBER, "--score holds probabilities");
            cols.add(score);
        }
        CsvColumns c = r.columns(cols).readAll();
        if (c.rowCount() == 0) throw DataValidationException.at(file.toString(), -1, null, null, "has a header but no data rows");
        if (regression) {
            double[] t = c.numbers(label), p = c.numbers(prediction);
            for (int i = 0; i < t.length; i++) {
                if (Double.isNaN(t[i]) || Double.isNaN(p[i])) {
                    throw DataValidationException.at(file.toString(), c.line(i), Double.isNaN(t[i]) ? label : prediction, "", "is missing; every row needs a label and a prediction");
                }
            }
            return new Data(null, null, null, t, p, null);
        }
        String[] t = c.strings(label), p = c.strings(prediction);
        double[] s = score == null ? null : c.numbers(score);
        for (int i = 0; i < t.length; i++) {
            String which = t[i] == null ? label : p[i] == null ? prediction : s != null && Double.isNaN(s[i]) ? score : null;
            if (which != null) throw DataValidationException.at(file.toString(), c.line(i), which, "", "is missing; every row needs a label and a prediction");
        }
        return new Data(t, p, s, null, null, null);
    }

    /**
     * Captured predictions merged with ground truth: each capture record's {@code endpointOutput} is matched to the
     * ground-truth record whose {@code eventMetadata.eventId} equals the capture's {@code inferenceId} (or, without one,
     * its {@code eventId}). Binary classification reads numeric outputs as the positive label's probability, predicted
     * positive at {@code threshold} or above; other outputs are labels.
     */
    public static Data capture(Path captureDir, Path groundTruth, ModelQuality.ProblemType type, String positive, double threshold) {
        Map<String, List<String>> truth = groundTruth(groundTruth);
        List<String> t = new ArrayList<>();
        List<Prediction> p = new ArrayList<>();
        int matched = 0, unmatched = 0;
        for (Path f : Capture.files(captureDir, "--input")) {
            for (Capture.Event e : Capture.read(f)) {
                if (e.output() == null) continue;
                List<String> labels = truth.get(e.matchId());
                if (labels == null) {
                    unmatched++;
                    continue;
                }
                List<Prediction> out = outputs(e);
                if (out.size() != labels.size()) {
                    throw DataValidationException.at(e.file().toString(), e.line(), null, null, "event " + e.eventId() + " has " + out.size()
                            + " predictions but its ground truth has " + labels.size() + " labels");
                }
                matched++;
                t.addAll(labels);
                p.addAll(out);
            }
        }
        if (matched == 0) {
            throw DataValidationException.param("--ground-truth", groundTruth, "matches none of the " + unmatched + " captured predictions",
                    "ground truth is matched on eventMetadata.eventId = the capture's inferenceId (else its eventId)");
        }
        String note = String.format(Locale.ROOT, "%,d captured events matched with ground truth, %,d without ground truth left out", matched, unmatched);
        String[] truthArr = t.toArray(String[]::new);
        if (type == ModelQuality.ProblemType.Regression) {
            double[] values = new double[p.size()];
            for (int i = 0; i < values.length; i++) {
                Prediction x = p.get(i);
                values[i] = x.label() != null ? numbers(List.of(x.label()), "prediction")[0] : x.score();
            }
            return new Data(null, null, null, numbers(t, "ground truth"), values, note);
        }
        if (type == ModelQuality.ProblemType.BinaryClassification && p.stream().allMatch(x -> x.score() != null)) {
            // the endpoint's own fields: its probability, and its label where it wrote one
            double[] score = p.stream().mapToDouble(Prediction::score).toArray();
            if (p.stream().allMatch(x -> x.label() != null)) {
                return new Data(truthArr, p.stream().map(Prediction::label).toArray(String[]::new), score, null, null, note);
            }
            return new Data(truthArr, thresholded(truthArr, score, positive, threshold), score, null, null, note);
        }
        List<String> labels = new ArrayList<>();
        for (Prediction x : p) {
            if (x.label() == null) {
                throw DataValidationException.param("--input", captureDir, "holds captured outputs with a probability but no label, and others without one",
                        "capture the outputs of one model");
            }
            labels.add(x.label());
        }
        if (type == ModelQuality.ProblemType.BinaryClassification && labels.stream().allMatch(DecimalText::isNumber)) {
            double[] score = numbers(labels, "prediction");
            boolean probabilities = true;
            for (double x : score) probabilities &= x >= 0 && x <= 1;
            boolean labels01 = true;
            for (double x : score) labels01 &= x == 0 || x == 1;
            if (probabilities && !labels01) return new Data(truthArr, thresholded(truthArr, score, positive, threshold), score, null, null, note);
        }
        return new Data(truthArr, labels.toArray(String[]::new), null, null, null, note);
    }

    /** Labels from probabilities: the positive label at {@code threshold} or above, else the other label of the ground truth. */
    private static String[] thresholded(String[] truth, double[] score, String positive, double threshold) {
        String pos = positive == null ? "1" : positive;
        LabelVocabulary v = LabelVocabulary.of(java.util.Arrays.asList(truth));
        String neg = "0";
        for (String name : v.names()) if (v.codeOf(name) != v.codeOf(pos)) neg = name;
        String[] pred = new String[score.length];
        for (int i = 0; i < score.length; i++) pred[i] = score[i] >= threshold ? pos : neg;
        return pred;
    }

    private static double[] numbers(List<String> v, String what) {
        double[] out = new double[v.size()];
        for (int i = 0; i < out.length; i++) {
            java.math.BigDecimal d = DecimalText.parse(v.get(i));
            if (d == null) throw DataValidationException.param(what, v.get(i), "is not a number", "a regression's labels and predictions are numbers");
            out[i] = d.doubleValue();
        }
        return out;
    }

    /** One captured prediction: the predicted label or value, and the positive label's probability when the output has one. */
    record Prediction(String label, Double score) {}

    /** The output fields {@code holdout serve} writes ({@code dev.holdout.serve.Scorer}), by what they hold. */
    static final List<String> SCORE_FIELDS = List.of("probability", "score");
    static final List<String> LABEL_FIELDS = List.of("predicted_label", "predicted_class", "prediction", "label");

    /**
     * The predictions of a captured output. CSV: one row per prediction, either one value (a label, a probability
     * or a regression's value) or the endpoint's fields: {@code probability,predicted_label} (binary),
     * {@code predicted_class,p_0,...} (multiclass), {@code prediction} (regression), with or without their header
     * row. JSON: {@code {"predictions": [...]}} or a bare list, each a number, a string or an object of those fields.
     */
    static List<Prediction> outputs(Capture.Event e) {
        Capture.Payload p = e.output();
        List<Prediction> out = new ArrayList<>();
        if (!p.json()) {
            List<String> header = null;
            for (String line : p.text().split("\r\n|\n|\r")) {
                if (line.isBlank()) continue;
                List<String> f = Capture.splitCsv(line, e);
                if (header == null && out.isEmpty() && f.stream().anyMatch(x -> SCORE_FIELDS.contains(x.strip()) || LABEL_FIELDS.contains(x.strip()))
                        && f.stream().noneMatch(x -> DecimalText.isNumber(x.strip()))) {
                    header = f.stream().map(String::strip).toList();
                    continue;
                }
                if (header != null && f.size() != header.size()) {
                    throw DataValidationException.at(e.file().toString(), e.line(), null, null, "event " + e.eventId() + ": a captured output row has "
                            + f.size() + " values but its header " + header + " has " + header.size());
                }
                List<String> names = header != null ? header : positionalNames(f.size());
                if (names == null) {
                    throw DataValidationException.at(e.file().toString(), e.line(), null, null, "event " + e.eventId() + ": a captured output row has "
                            + f.size() + " values; expected one prediction, or the endpoint's fields (probability,predicted_label or predicted_class,p_0,...)");
                }
                String label = null;
                Double score = null;
                for (int i = 0; i < names.size(); i++) {
                    String v = f.get(i).strip();
                    if (SCORE_FIELDS.contains(names.get(i))) score = number(v, e, names.get(i));
                    else if (LABEL_FIELDS.contains(names.get(i)) && label == null) label = v;
                }
                out.add(prediction(label, score, e));
            }
            return out;
        }
        JsonNode root = StrictJson.parse(p.text(), e.where() + " endpointOutput.data");
        JsonNode list = root.isObject() ? root.get("predictions") : root;
        if (list == null || !list.isArray()) {
            throw DataValidationException.at(e.file().toString(), e.line(), null, null, "event " + e.eventId() + ": JSON output must be {\"predictions\": [...]} or a list");
        }
        for (JsonNode v : list) {
            if (v.isObject()) {
                String label = null;
                Double score = null;
                for (String k : SCORE_FIELDS) if (v.has(k) && score == null) score = number(text(v.get(k), e), e, k);
                for (String k : LABEL_FIELDS) if (v.has(k) && label == null) label = text(v.get(k), e);
                out.add(prediction(label, score, e));
            } else {
                out.add(new Prediction(text(v, e), null));
            }
        }
        return out;
    }

    /** The fields of a header-less output row of {@code n} values, as the endpoint writes them; null when unknown. */
    private static List<String> positionalNames(int n) {
        if (n == 1) return List.of("prediction");
        if (n == 2) return List.of("probability", "predicted_label");
        List<String> names = new ArrayList<>(List.of("predicted_class"));
        for (int k = 0; k < n - 1; k++) names.add("p_" + k);
        return names;
    }

    private static Prediction prediction(String label, Double score, Capture.Event e) {
        if (label == null && score == null) {
            throw DataValidationException.at(e.file().toString(), e.line(), null, null, "event " + e.eventId()
                    + ": a captured prediction has none of the fields " + SCORE_FIELDS + " or " + LABEL_FIELDS);
        }
        return new Prediction(label, score);
    }

    private static String text(JsonNode v, Capture.Event e) {
        if (v.isNumber()) return JsonFields.decimal(v).toString();
        if (v.isTextual()) return v.asText();
        throw DataValidationException.at(e.file().toString(), e.line(), null, null, "event " + e.eventId() + ": a prediction must be a number or a string");
    }

    private static double number(String v, Capture.Event e, String field) {
        java.math.BigDecimal d = DecimalText.parse(v);
        if (d == null) {
            throw DataValidationException.at(e.file().toString(), e.line(), field, v, "event " + e.eventId() + ": " + field + " is not a number");
        }
        return d.doubleValue();
    }

    /** Ground-truth labels by event id, from a JSONL file or every {@code *.jsonl} below a folder. */
    static Map<String, List<String>> groundTruth(Path path) {
        if (path == null) throw DataValidationException.param("--ground-truth", null, "captured predictions need ground truth to be measured", "pass --ground-truth DIR");
        List<Path> files = Files.isDirectory(path) ? Capture.files(path, "--ground-truth") : List.of(path);
        if (!Files.isDirectory(path)) InputFiles.requireReadable(path, "--ground-truth");
        Map<String, List<String>> out = new HashMap<>();
        for (Path f : files) {
            try (BufferedReader r = Files.newBufferedReader(f, StandardCharsets.UTF_8)) {
                String line;
                long n = 0;
                while ((line = r.readLine()) != null) {
                    n++;
                    if (line.isBlank()) continue;
                    String where = f + ":" + n;
                    JsonFields root = StrictJson.object(line, where).allow("groundTruthData", "eventMetadata", "eventVersion");
                    JsonFields data = root.object("groundTruthData").allow("data", "encoding");
                    String enc = data.text("encoding", "CSV");
                    String id = root.object("eventMetadata").allow("eventId").text("eventId");
                    List<String> labels = new ArrayList<>();
                    if (enc.equals("CSV")) {
                        for (String l : data.text("data").split("\r\n|\n|\r")) if (!l.isBlank()) labels.add(l.strip());
                    } else if (enc.equals("JSON")) {
                        JsonNode v = StrictJson.parse(data.text("data"), where + " groundTruthData.data");
                        if (v.isArray()) for (JsonNode x : v) labels.add(x.isTextual() ? x.asText() : x.toString());
                        else labels.add(v.isTextual() ? v.asText() : v.toString());
                    } else {
                        throw DataValidationException.param(where + " groundTruthData.encoding", enc, "must be CSV or JSON", "write \"encoding\": \"CSV\"");
                    }
                    if (out.put(id, labels) != null) {
                        throw DataValidationException.param(where + " eventMetadata.eventId", id, "has ground truth twice", "keep one record per event");
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + f + ": " + e.getMessage(), e);
            }
        }
        return out;
    }

    /** The metrics of the data. */
    public static ModelQuality measure(Data d, ModelQuality.ProblemType type, String positive, Bootstrap.Spec spec) {
        return switch (type) {
            case BinaryClassification -> ModelQuality.binary(d.truth(), d.predicted(), d.score(), positive, spec);
            case MulticlassClassification -> ModelQuality.multiclass(d.truth(), d.predicted(), spec);
            case Regression -> ModelQuality.regression(d.truthValues(), d.predictedValues(), spec);
        };
    }

    /** A quality run against a baseline's constraints. */
    public static Result run(QualityConstraints constraints, Data d, String positive, Bootstrap.Spec spec) {
        ModelQuality q = measure(d, constraints.problemType(), positive, spec);
        return new Result(q, constraints, constraints.check(q), d.note());
    }
}
