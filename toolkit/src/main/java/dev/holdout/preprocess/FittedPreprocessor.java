package dev.holdout.preprocess;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.OutputFile;
import dev.holdout.io.StrictJson;
import dev.holdout.report.Html;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Objects;
import tech.tablesaw.api.Table;
import tech.tablesaw.columns.Column;

/**
 * A preprocessing pipeline fitted on training rows: the learned statistics of every step, the input
 * columns (with their type family), and a {@link Fingerprint} of the rows and columns it learned from.
 * Immutable, and the only type in Holdout that transforms a table. Saves to readable JSON so batch
 * scoring and the endpoint apply exactly the transform the model was trained with.
 *
 * <pre>{@code
 * FittedPreprocessor fitted = Preprocessor.of(StandardScaler.of("wind")).fit(train);
 * fitted.save(Path.of("model/preprocessor.json"));
 * Table scored = FittedPreprocessor.load(Path.of("model/preprocessor.json")).transform(newRows);
 * fitted.fittedOn();   // 1022 rows x [wind], hash 5d0c...
 * }</pre>
 */
public final class FittedPreprocessor {
    /** The JSON format tag. */
    public static final String FORMAT = "holdout-preprocessor/1";

    /** Written indented with sorted map keys, so a file changes only where a learned value does. */
    private static final ObjectWriter WRITER = StrictJson.prettyWriter().with(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS);

    /** A raw input column the pipeline reads and the type family it had at fit (numeric, text, boolean, ...). */
    public record InputColumn(String name, String type) {
        @Override public String toString() { return name + ":" + type; }
    }

    private final List<FittedStep> steps;
    private final List<InputColumn> inputs;
    private final Fingerprint fittedOn;
    private final List<String> outputColumns;

    FittedPreprocessor(List<FittedStep> steps, List<InputColumn> inputs, Fingerprint fittedOn, List<String> outputColumns) {
        this.steps = List.copyOf(steps);
        this.inputs = List.copyOf(inputs);
        this.fittedOn = Objects.requireNonNull(fittedOn, "fittedOn");
        this.outputColumns = List.copyOf(outputColumns);
    }

    @JsonCreator
    static FittedPreprocessor fromJson(@JsonProperty("format") String format, @JsonProperty("steps") List<FittedStep> steps,
                                       @JsonProperty("inputs") List<InputColumn> inputs,
                                       @JsonProperty("fittedOn") Fingerprint fittedOn,
                                       @JsonProperty("outputColumns") List<String> outputColumns) {
        if (!FORMAT.equals(format)) {
            throw DataValidationException.param("format", format, "is not a Holdout preprocessor file (expected " + FORMAT + ")",
                    "load a file written by FittedPreprocessor.save");
        }
        if (steps == null || inputs == null || fittedOn == null || outputColumns == null) {
            throw DataValidationException.param("preprocessor", "incomplete", "steps, inputs, fittedOn and outputColumns are required",
                    "load a file written by FittedPreprocessor.save");
        }
        return new FittedPreprocessor(steps, inputs, fittedOn, outputColumns);
    }

    @JsonProperty("format") public String format() { return FORMAT; }

    /** The fitted steps, in order, with their learned statistics. */
    @JsonProperty("steps") public List<FittedStep> steps() { return steps; }

    /** The raw columns read, with their type family at fit. */
    @JsonProperty("inputs") public List<InputColumn> inputs() { return inputs; }

    /** The rows and columns the statistics were learned from. */
    @JsonProperty("fittedOn") public Fingerprint fittedOn() { return fittedOn; }

    /** The columns of the transformed training table, in order. */
    @JsonProperty("outputColumns") public List<String> outputColumns() { return outputColumns; }

    /**
     * Applies every step with its learned statistics. {@code table} must have the input columns with
     * the same type family as at fit; it is not modified, and the result shares no column with it.
     * With a {@link TargetEncoder} in the pipeline, the table the preprocessor was fitted on is refused
     * (use {@link Preprocessor#fitTransform} for the training rows).
     */
    public Table transform(Table table) {
        Objects.requireNonNull(table, "table");
        for (InputColumn in : inputs) {
            Column<?> c = Columns.require(table, in.name(), "transform.column");
            String family = ColumnValues.family(c);
            if (!family.equals(in.type())) {
                if ("numeric".equals(in.type())) requireNumbers(table, c);
                throw DataValidationException.param("transform.column", in.name(),
                        "was " + in.type() + " when the preprocessor was fitted but is " + family + " (" + c.type().name()
                                + ") in table '" + table.name() + "'",
                        "transform a table with the same column types as the training table");
            }
        }
        refuseInSampleTargetEncoding(table);
        Table current = table;
        for (FittedStep s : steps) current = ((Step.Applies) s).apply(current);
        return detach(current, table);
    }

    /**
     * With a target encoder, transforming the very rows the preprocessor was fitted on would give each
     * training row an encoding that contains its own label (in-sample target encoding), which makes
     * the model look better than it is. Such a table (same fingerprint as {@link #fittedOn()}) is
     * refused: the cross-fitted training rows come from {@link Preprocessor#fitTransform}. A table
     * without the label column, or with other rows, is transformed as usual.
     */
    private void refuseInSampleTargetEncoding(Table table) {
        if (steps.stream().noneMatch(s -> s instanceof TargetEncoder.Fitted)) return;
        if (table.rowCount() != fittedOn.rowCount()) return;
        for (String c : fittedOn.columns()) if (!table.containsColumn(c)) return;
        if (!Fingerprint.of(table, fittedOn.columns()).equals(fittedOn)) return;
        throw DataValidationException.param("transform.table", table.name(),
                "holds the same rows the preprocessor was fitted on (" + fittedOn + "), and its target encoder would encode"
                        + " each of those rows with its own label",
                "take the training rows from Preprocessor.fitTransform(train).train() (cross-fitted encodings) and use"
                        + " transform only for held-out or new rows");
    }

    /**
     * For a column fitted as numeric that now has another type: the first row whose value is not a
     * number, named by table, 1-based row, column and value.
     */
    private static void requireNumbers(Table table, Column<?> c) {
        for (int i = 0; i < c.size(); i++) {
            if (c.isMissing(i)) continue;
            String v = c.getString(i);
            try {
                Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                throw DataValidationException.at(table.name(), i + 1, c.name(), v,
                        "'" + v + "' is not a number, but the column was numeric when the preprocessor was fitted;"
                                + " fix or blank the value, or transform a table with the same column types as the training table");
            }
        }
    }

    /** {@code out} with every column object it still shares with {@code in} replaced by a copy. */
    static Table detach(Table out, Table in) {
        IdentityHashMap<Column<?>, Boolean> shared = new IdentityHashMap<>();
        for (Column<?> c : in.columns()) shared.put(c, Boolean.TRUE);
        Table result = Table.create(in.name());
        for (Column<?> c : out.columns()) result.addColumns(shared.containsKey(c) ? c.copy() : c);
        return result;
    }

    /** Readable JSON (statistics per column). */
    public String toJson() {
        try {
            return WRITER.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise preprocessor: " + e.getMessage(), e);
        }
    }

    /**
     * Reads the JSON {@link #toJson} writes, strictly: a duplicate key, text after the JSON, an unknown
     * field or a learned value that breaks its rule is an error, never ignored.
     */
    public static FittedPreprocessor fromJson(String json) {
        JsonNode tree = StrictJson.parse(json, "preprocessor");
        try {
            return StrictJson.mapper().treeToValue(tree, FittedPreprocessor.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            // A learned value that breaks its rule (FittedChecks) arrives wrapped by Jackson: report it as it is.
            if (e instanceof DataValidationException d) throw d;
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof DataValidationException d) throw d;
            }
            String where = e instanceof com.fasterxml.jackson.databind.JsonMappingException m && !m.getPath().isEmpty()
                    ? " at " + m.getPath().stream().map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                            .collect(java.util.stream.Collectors.joining("."))
                    : "";
            String why = e instanceof JsonProcessingException p ? p.getOriginalMessage() : e.getMessage();
            if (e instanceof com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException u) {
                why = "unknown field '" + u.getPropertyName() + "'";
            }
            throw DataValidationException.param("preprocessor", "json", "cannot be read" + where + ": " + firstLine(why),
                    "load a file written by FittedPreprocessor.save");
        }
    }

    private static String firstLine(String s) {
        if (s == null) return "unknown error";
        int nl = s.indexOf('\n');
        String line = nl < 0 ? s : s.substring(0, nl);
        // Jackson names its own classes in some messages; a person needs the field, not the class
        return line.replaceAll("\\(class [^)]*\\)", "").replaceAll("`[a-z][\\w.$]*\\.([A-Z]\\w*)`", "$1").strip();
    }

    /** Writes the JSON atomically (temporary file, then rename). */
    public void save(Path file) { OutputFile.replace(file, toJson()); }

    public static FittedPreprocessor load(Path file) {
        if (!Files.isRegularFile(file)) {
            throw DataValidationException.param("preprocessor", file, "no such file", "pass the path of a saved preprocessor JSON");
        }
        try {
            FittedPreprocessor p = fromJson(Files.readString(file));
            return p;
        } catch (DataValidationException e) {
            throw new DataValidationException(file + ": " + e.getMessage(), file.toString(), -1, null, null);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public boolean equals(Object o) {
        return o instanceof FittedPreprocessor p && steps.equals(p.steps) && inputs.equals(p.inputs)
                && fittedOn.equals(p.fittedOn) && outputColumns.equals(p.outputColumns);
    }

    @Override public int hashCode() { return Objects.hash(steps, inputs, fittedOn, outputColumns); }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder("FittedPreprocessor{fitted on ").append(fittedOn);
        for (FittedStep s : steps) sb.append("\n  ").append(s);
        return sb.append("\n}").toString();
    }

    /** An HTML table of the steps and their statistics, for notebooks. */
    public String toHtml() {
        List<List<String>> rows = new ArrayList<>();
        for (int i = 0; i < steps.size(); i++) rows.add(List.of(String.valueOf(i + 1), steps.get(i).kind(), steps.get(i).toString()));
        return "<p>Fitted on " + Html.escape(fittedOn.toString()) + "</p>" + Html.table(List.of("#", "step", "learned"), rows);
    }
}
