package dev.holdout.serve;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.Schema;
import dev.holdout.train.Hyperparameters;
import dev.holdout.train.TrainedModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import tech.tablesaw.api.Table;

/**
 * A loaded model and the one way its predictions are written: {@code holdout predict}, {@code holdout transform}
 * and the endpoint all score through this class and format each row with it, so the three give the same text
 * to the last digit for the same rows.
 *
 * <p>What a row of predictions is, by objective: {@code probability,predicted_label} for
 * {@code binary:logistic} (label 1 when the probability is at least 0.5), {@code predicted_class,p_0,...}
 * for {@code multi:softprob}, {@code prediction} for regression. Numbers are written with six significant
 * digits ({@code %.6g}).
 *
 * <p>Beside the predictions, the rows keep their own id columns (the ones training found: the model card's
 * {@code ids}), the label when the scored file has it, and any columns asked for ({@link #keptColumns}), so the
 * output goes straight into {@code holdout metrics --label y --prediction predicted_label}.
 *
 * <pre>{@code
 * Scorer s = Scorer.load(Path.of("runs/rain/model"));
 * s.inputColumns();                      // [temp_max, temp_min, wind]: the order of a header-less CSV row
 * s.predictionColumns();                 // [probability, predicted_label]
 * double[][] p = s.score(rows);          // the fitted preprocessor, then the model at its best iteration
 * s.appendCsv(new StringBuilder(), p[0]) // "0.812345,1"
 * }</pre>
 */
public final class Scorer {
    private final TrainedModel model;
    private final Path folder;
    private final Map<String, ColumnKind> inputs;
    private final List<String> predictionColumns;
    private final Kind kind;
    private final List<String> ids;

    private enum Kind { BINARY, MULTICLASS, REGRESSION }

    private Scorer(TrainedModel model, Path folder, Map<String, ColumnKind> inputs, List<String> ids) {
        this.model = model;
        this.folder = folder;
        this.ids = List.copyOf(ids);
        this.inputs = Collections.unmodifiableMap(new LinkedHashMap<>(inputs));
        String objective = model.objective();
        this.kind = Hyperparameters.BINARY_LOGISTIC.equals(objective) ? Kind.BINARY
                : Hyperparameters.MULTI_SOFTPROB.equals(objective) ? Kind.MULTICLASS : Kind.REGRESSION;
        List<String> cols = new ArrayList<>();
        switch (kind) {
            case BINARY -> cols.addAll(List.of("probability", "predicted_label"));
            case MULTICLASS -> {
                cols.add("predicted_class");
                for (int k = 0; k < model.numClasses(); k++) cols.add("p_" + k);
            }
            case REGRESSION -> cols.add("prediction");
        }
        this.predictionColumns = List.copyOf(cols);
    }

    /**
     * Loads the model folder (the one with {@code model-card.json}) and the column types it was trained on.
     *
     * @throws DataValidationException when the folder is missing, incomplete or corrupt (exit 2, naming the file)
     */
    public static Scorer load(Path modelFolder) {
        TrainedModel m = TrainedModel.load(modelFolder);
        return new Scorer(m, modelFolder, TrainedModel.inputSchema(modelFolder).types(), TrainedModel.idColumns(modelFolder));
    }

    /** The id columns the model's training found (kept beside predictions when the scored file has them). */
    public List<String> idColumns() { return ids; }

    /**
     * The columns of a scored file to carry beside its predictions, in this order: the model's id columns the file
     * has, the label when the file has it, then {@code keep} (each must be a column of the file). A name that is also
     * a prediction field ({@code probability}, ...) is refused: the output would have the name twice.
     *
     * <pre>{@code
     * scorer.keptColumns(List.of("row_id", "date", "temp", "rain"), List.of("date"));   // [row_id, rain, date]
     * }</pre>
     */
    public List<String> keptColumns(List<String> header, List<String> keep) {
        List<String> out = new ArrayList<>();
        for (String id : ids) if (header.contains(id) && !out.contains(id)) out.add(id);
        if (header.contains(model.label()) && !out.contains(model.label())) out.add(model.label());
        for (String k : keep) {
            if (!header.contains(k)) {
                String close = dev.holdout.data.Columns.closest(k, header);
                throw DataValidationException.param("keep", k, "is not a column of the scored file", close != null
                        ? "did you mean '" + close + "'?" : "name columns of the file: " + header);
            }
            if (!out.contains(k)) out.add(k);
        }
        for (String k : out) {
            if (predictionColumns.contains(k)) {
                throw DataValidationException.param("keep", k, "is also the name of a prediction column " + predictionColumns,
                        "rename the column in the input, or do not keep it");
            }
        }
        return List.copyOf(out);
    }

    /** One CSV field: quoted when it must be (a comma, a quote or a line break), empty for null (a missing value). */
    public static StringBuilder appendField(StringBuilder sb, String value) {
        if (value == null) return sb;
        if (value.indexOf(',') >= 0 || value.indexOf('"') >= 0 || value.indexOf('\n') >= 0 || value.indexOf('\r') >= 0) {
            return sb.append('"').append(value.replace("\"", "\"\"")).append('"');
        }
        return sb.append(value);
    }

    /** The model. */
    public TrainedModel model() { return model; }

    /** The folder it was loaded from. */
    public Path folder() { return folder; }

    /** The raw columns the model reads, in the order a CSV row without a header gives them. */
    public List<String> inputColumns() { return List.copyOf(inputs.keySet()); }

    /** Each raw input column's type at training (the type rows are read with). */
    public Map<String, ColumnKind> inputTypes() { return inputs; }

    /** The names of the prediction fields of a row, in order. */
    public List<String> predictionColumns() { return predictionColumns; }

    /**
     * A loader for rows to score: each input column with its type at training (not inferred from these rows, so a
     * blank numeric cell stays a missing number and a value that is not one is an error naming its line), except
     * the columns in {@code declared} ({@code --types}), which the user decides.
     */
    public CsvLoader loader(Path file, Map<String, ColumnKind> declared) {
        Schema s = Schema.empty();
        for (Map.Entry<String, ColumnKind> e : declared.entrySet()) s = s.withType(e.getKey(), e.getValue());
        CsvLoader loader = CsvLoader.forFile(file).schema(s);
        for (Map.Entry<String, ColumnKind> e : inputs.entrySet()) {
            if (!declared.containsKey(e.getKey())) loader = loader.require(e.getKey(), e.getValue(), because(e.getValue()));
        }
        return loader;
    }

    /** The same types for a streaming reader of the input columns only ({@code transform}, the endpoint). */
    public CsvReader reader(CsvReader reader, Map<String, ColumnKind> declared) {
        CsvReader r = reader.columns(inputColumns());
        for (Map.Entry<String, ColumnKind> e : inputs.entrySet()) {
            ColumnKind user = declared.get(e.getKey());
            r = user != null ? r.withType(e.getKey(), user) : r.withType(e.getKey(), e.getValue(), because(e.getValue()));
        }
        return r;
    }

    private static String because(ColumnKind k) { return "the model was trained on " + k + " values in this column"; }

    /** Scores raw rows: the fitted preprocessor, then the model. One array per row (see {@link TrainedModel#scores}). */
    public double[][] score(Table rows) {
        Objects.requireNonNull(rows, "rows");
        return model.scores(rows);
    }

    /** The prediction fields of one row, comma-separated, as {@code predict} writes them (no line break). */
    public StringBuilder appendCsv(StringBuilder sb, double[] s) {
        switch (kind) {
            case BINARY -> sb.append(num(s[0])).append(',').append(s[0] >= 0.5 ? 1 : 0);
            case MULTICLASS -> {
                sb.append(argmax(s));
                for (double v : s) sb.append(',').append(num(v));
            }
            case REGRESSION -> sb.append(num(s[0]));
        }
        return sb;
    }

    /**
     * One row's prediction as a JSON object with the same field names and the same digits as the CSV:
     * {@code {"probability": 0.812345, "predicted_label": 1}}.
     */
    public StringBuilder appendJson(StringBuilder sb, double[] s) {
        sb.append('{');
        switch (kind) {
            case BINARY -> sb.append("\"probability\": ").append(num(s[0])).append(", \"predicted_label\": ").append(s[0] >= 0.5 ? 1 : 0);
            case MULTICLASS -> {
                sb.append("\"predicted_class\": ").append(argmax(s));
                for (int k = 0; k < s.length; k++) sb.append(", \"p_").append(k).append("\": ").append(num(s[k]));
            }
            case REGRESSION -> sb.append("\"prediction\": ").append(num(s[0]));
        }
        return sb.append('}');
    }

    /** The CSV header of the prediction fields: {@code probability,predicted_label}. */
    public String csvHeader() { return String.join(",", predictionColumns); }

    private static int argmax(double[] s) {
        int best = 0;
        for (int k = 1; k < s.length; k++) if (s[k] > s[best]) best = k;
        return best;
    }

    /** Six significant digits, as every prediction file has had them. */
    static String num(double v) { return String.format(Locale.ROOT, "%.6g", v); }

    @Override public String toString() { return model.toString(); }
}
