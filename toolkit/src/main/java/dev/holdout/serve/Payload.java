package dev.holdout.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.CsvBatch;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import tech.tablesaw.api.Table;

/**
 * The rows of an {@code /invocations} request body, read with the same reader and the same column types as
 * {@code holdout predict} reads a file, so a value means the same thing in a request as in a CSV file.
 *
 * <ul>
 *   <li>{@code text/csv}: one row per line, the model's input columns in {@link Scorer#inputColumns()} order, no
 *       header; with a header row when {@code header} is true (then columns are matched by name, extra ones ignored).</li>
 *   <li>{@code application/json}: {@code {"instances": [[v, ...], ...]}} (values in input column order, or objects
 *       by name), {@code {"inputs": ...}} (the same), {@code {"dataframe_split": {"columns": [...], "data": [[...]]}}},
 *       {@code {"dataframe_records": [{"col": v, ...}, ...]}}. A number, a string (read as that column's CSV cell
 *       would be) or null (missing) per value.</li>
 * </ul>
 *
 * A bad row is a {@link DataValidationException} whose {@link DataValidationException#row()} is the 1-based row of
 * the payload and whose {@link DataValidationException#column()} is the field.
 *
 * <pre>{@code
 * List<Table> rows = Payload.csv(scorer, "5.6,-3.2,1.2\n".getBytes(UTF_8), false);
 * List<Table> same = Payload.json(scorer, "{\"instances\": [[5.6, -3.2, 1.2]]}".getBytes(UTF_8));
 * }</pre>
 */
public final class Payload {
    private Payload() {}

    /** Where messages say the rows came from. */
    static final String SOURCE = "request";

    /** The rows of a CSV body, as tables of at most a batch each (a large body is more than one). */
    public static List<Table> csv(Scorer scorer, byte[] body, boolean header) {
        String text = utf8(body);
        String csv = header ? text : headerLine(scorer) + "\n" + text;
        return read(scorer, csv);
    }

    /** The rows of a JSON body in one of the shapes above. */
    public static List<Table> json(Scorer scorer, byte[] body) {
        JsonNode root = StrictJson.parse(utf8(body), "the request body");
        if (!root.isObject()) throw shape("the body is a JSON " + kind(root));
        List<String> keys = new ArrayList<>();
        root.fieldNames().forEachRemaining(keys::add);
        if (keys.size() != 1 || !List.of("instances", "inputs", "dataframe_split", "dataframe_records").contains(keys.get(0))) {
            throw shape("the body's keys are " + keys);
        }
        String key = keys.get(0);
        List<String> inputs = scorer.inputColumns();
        StringBuilder csv = new StringBuilder(headerLine(scorer)).append('\n');
        JsonNode v = root.get(key);
        switch (key) {
            case "instances", "inputs" -> {
                if (!v.isArray()) throw shape("\"" + key + "\" is a JSON " + kind(v) + ", not an array of rows");
                int row = 0;
                for (JsonNode r : v) {
                    row++;
                    if (r.isArray()) positional(r, inputs, inputs, row, csv);
                    else if (r.isObject()) byName(r, inputs, row, csv);
                    else throw rowError(row, null, "row " + row + " is a JSON " + kind(r) + "; a row is an array of values in the order "
                                + inputs + " or an object of column names and values");
                }
            }
            case "dataframe_split" -> {
                if (!v.isObject()) throw shape("\"dataframe_split\" is a JSON " + kind(v) + ", not an object");
                Iterator<String> names = v.fieldNames();
                while (names.hasNext()) {
                    String n = names.next();
                    if (!List.of("columns", "data", "index").contains(n)) {
                        throw shape("\"dataframe_split\" has an unknown key '" + n + "' (its keys are columns, data and index)");
                    }
                }
                JsonNode cols = v.get("columns"), data = v.get("data");
                if (cols == null || !cols.isArray() || data == null || !data.isArray()) {
                    throw shape("\"dataframe_split\" needs \"columns\" (an array of names) and \"data\" (an array of rows)");
                }
                List<String> columns = new ArrayList<>();
                for (JsonNode c : cols) {
                    if (!c.isTextual()) throw shape("\"dataframe_split.columns\" holds a JSON " + kind(c) + "; column names are strings");
                    columns.add(c.asText());
                }
                for (String need : inputs) {
                    if (!columns.contains(need)) {
                        throw rowError(-1, need, "\"dataframe_split.columns\" has no column '" + need + "', which the model reads; its columns are " + inputs);
                    }
                }
                int row = 0;
                for (JsonNode r : data) {
                    row++;
                    if (!r.isArray()) throw rowError(row, null, "row " + row + " of \"dataframe_split.data\" is a JSON " + kind(r) + ", not an array");
                    positional(r, columns, inputs, row, csv);
                }
            }
            default -> {
                if (!v.isArray()) throw shape("\"dataframe_records\" is a JSON " + kind(v) + ", not an array of objects");
                int row = 0;
                for (JsonNode r : v) {
                    row++;
                    if (!r.isObject()) throw rowError(row, null, "row " + row + " of \"dataframe_records\" is a JSON " + kind(r) + ", not an object");
                    byName(r, inputs, row, csv);
                }
            }
        }
        return read(scorer, csv.toString());
    }

    /** A row given as values in the order {@code names}; the model's columns are taken from it by name. */
    private static void positional(JsonNode r, List<String> names, List<String> inputs, int row, StringBuilder csv) {
        if (r.size() != names.size()) {
            throw rowError(row, null, "row " + row + " has " + r.size() + " values, but " + (names == inputs ? "the model reads " : "the columns are ")
                    + names.size() + " columns " + names);
        }
        for (int j = 0; j < inputs.size(); j++) {
            if (j > 0) csv.append(',');
            int at = names == inputs ? j : names.indexOf(inputs.get(j));
            cell(r.get(at), row, inputs.get(j), csv);
        }
        csv.append('\n');
    }

    private static void byName(JsonNode r, List<String> inputs, int row, StringBuilder csv) {
        for (int j = 0; j < inputs.size(); j++) {
            JsonNode value = r.get(inputs.get(j));
            if (value == null) {
                throw rowError(row, inputs.get(j), "row " + row + " has no field '" + inputs.get(j) + "', which the model reads (give null for a missing value)");
            }
            if (j > 0) csv.append(',');
            cell(value, row, inputs.get(j), csv);
        }
        csv.append('\n');
    }

    /** A JSON value as the CSV cell that means the same: a number's text, a string quoted, null empty (missing). */
    private static void cell(JsonNode v, int row, String field, StringBuilder csv) {
        if (v.isNull()) return;
        if (v.isNumber()) {
            csv.append(v.asText());
        } else if (v.isTextual() || v.isBoolean()) {
            String s = v.asText();
            csv.append('"').append(s.replace("\"", "\"\"")).append('"');
        } else {
            throw rowError(row, field, "row " + row + ", field '" + field + "' is a JSON " + kind(v) + "; a value is a number, a string or null");
        }
    }

    private static List<Table> read(Scorer scorer, String csv) {
        List<Table> out = new ArrayList<>();
        CsvReader reader = scorer.reader(CsvReader.of(SOURCE, csv.getBytes(StandardCharsets.UTF_8)), Map.of());
        try (CsvReader.Batches batches = reader.batches(BatchTransform.DEFAULT_BATCH_ROWS)) {
            for (CsvBatch b : batches) out.add(b.table());
        } catch (DataValidationException e) {
            throw relocated(e);
        }
        if (out.isEmpty() || out.stream().allMatch(t -> t.rowCount() == 0)) throw rowError(-1, null, "the request has no rows to score");
        return out;
    }

    /** The reader names line L of the CSV it read (the header is line 1): that is row L - 1 of the payload. */
    static DataValidationException relocated(DataValidationException e) {
        if (e.row() < 2) return e;
        long row = e.row() - 1;
        String problem = e.problem() != null ? e.problem() : e.getMessage();
        return new DataValidationException("row " + row + (e.column() != null ? ", field '" + e.column() + "'" : "") + ": " + problem,
                SOURCE, row, e.column(), e.value());
    }

    private static String headerLine(Scorer scorer) {
        return new String(BatchTransform.csvLine(scorer.inputColumns()), StandardCharsets.UTF_8).stripTrailing();
    }

    private static String utf8(byte[] body) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (CharacterCodingException e) {
            throw rowError(-1, null, "the body is not UTF-8 text");
        }
    }

    private static String kind(JsonNode n) {
        return switch (n.getNodeType()) {
            case ARRAY -> "array";
            case OBJECT -> "object";
            case STRING -> "string";
            case NUMBER -> "number";
            case BOOLEAN -> "boolean";
            case NULL -> "null";
            default -> "value";
        };
    }

    private static DataValidationException shape(String what) {
        return rowError(-1, null, what + "; send one of {\"instances\": [[...], ...]}, {\"dataframe_split\": {\"columns\": [...], \"data\": [[...], ...]}}"
                + " or {\"dataframe_records\": [{...}, ...]}");
    }

    private static DataValidationException rowError(long row, String field, String message) {
        return new DataValidationException(message, SOURCE, row, field, null);
    }
}
