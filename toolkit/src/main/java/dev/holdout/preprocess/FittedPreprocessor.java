package dev.holdout.preprocess;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.AtomicFiles;
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

    static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

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
     */
    public Table transform(Table table) {
        Objects.requireNonNull(table, "table");
        for (InputColumn in : inputs) {
            Column<?> c = Columns.require(table, in.name(), "transform.column");
            String family = ColumnValues.family(c);
            if (!family.equals(in.type())) {
                throw DataValidationException.param("transform.column", in.name(),
                        "was " + in.type() + " when the preprocessor was fitted but is " + family + " (" + c.type().name()
                                + ") in table '" + table.name() + "'",
                        "transform a table with the same column types as the training table");
            }
        }
        Table current = table;
        for (FittedStep s : steps) current = ((Step.Applies) s).apply(current);
        return detach(current, table);
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
            return JSON.writeValueAsString(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot serialise preprocessor: " + e.getMessage(), e);
        }
    }

    public static FittedPreprocessor fromJson(String json) {
        try {
            return JSON.readValue(json, FittedPreprocessor.class);
        } catch (JsonProcessingException e) {
            throw DataValidationException.param("preprocessor", "json", "cannot be read: " + e.getOriginalMessage(),
                    "load a file written by FittedPreprocessor.save");
        }
    }

    /** Writes the JSON atomically (temporary file, then rename). */
    public void save(Path file) { AtomicFiles.writeString(file, toJson()); }

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
