package dev.holdout.monitor;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.data.CsvReader;
import dev.holdout.data.DataValidationException;
import dev.holdout.data.DecimalText;
import dev.holdout.io.JsonFields;
import dev.holdout.io.StrictJson;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Reads a data-capture folder: the JSON Lines an endpoint writes in Model Monitor's capture shape, under
 * {@code DIR/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl} (every {@code *.jsonl} below the folder given, in path
 * order, which is time order). One record per line:
 *
 * <pre>{@code
 * {"captureData": {"endpointInput":  {"observedContentType": "text/csv", "mode": "INPUT",  "data": "12.8,5.0,4.7", "encoding": "CSV"},
 *                  "endpointOutput": {"observedContentType": "text/csv", "mode": "OUTPUT", "data": "0.71", "encoding": "CSV"}},
 *  "eventMetadata": {"eventId": "9d4d...", "inferenceId": "order-17", "inferenceTime": "2026-01-05T10:00:00Z"},
 *  "eventVersion": "0"}
 * }</pre>
 *
 * <p>What is accepted (the writer, {@code holdout serve}, writes exactly this):
 * <ul>
 *   <li>{@code encoding} {@code CSV}: {@code data} is one or more CSV rows without a header, in the model's input
 *       column order (the baseline's features in order, or the columns given with {@code --capture-columns}), or
 *       with a header row first (a request sent with {@code ?header=true}: no field a number, naming a monitored
 *       column), then its columns by name;
 *       {@code JSON}: {@code data} is JSON text, {@code {"instances": [[...], ...]}} (or {@code "inputs"}; rows in column order) or
 *       {@code {"instances": [{"col": v, ...}, ...]}}, {@code {"dataframe_split": {"columns": [...], "data": [[...]]}}},
 *       {@code {"dataframe_records": [{"col": v}, ...]}}; {@code BASE64}: {@code data} is base64 of either, and
 *       {@code observedContentType} ({@code text/csv} or {@code application/json}) says which.
 *   <li>The output ({@code endpointOutput}, for model quality): CSV with one value per row or the endpoint's
 *       fields ({@code probability,predicted_label}, {@code predicted_class,p_0,...}, {@code prediction}, with or
 *       without their header row), or JSON {@code {"predictions": [v, ...]}} or a bare list, v a number, a string or
 *       an object of those fields.
 *   <li>{@code mode} is {@code INPUT} or {@code OUTPUT}; {@code eventId} is required, {@code inferenceId} (the caller's
 *       id) and {@code inferenceTime} optional, {@code eventVersion} is {@code "0"}. Any other key is an error.
 * </ul>
 * A value is read by the CSV reader's rules (so {@code NA} is missing in both encodings); a record that breaks a
 * rule is an error naming the capture file, its line and the event.
 */
public final class Capture {
    private Capture() {}

    /** One captured record: where it is, its ids, and its input and output payloads (null when not captured). */
    record Event(Path file, long line, String eventId, String inferenceId, Payload input, Payload output) {
        String where() { return file + ":" + line + " (eventId " + eventId + ")"; }

        /** The id ground truth is matched on: the caller's inferenceId when there is one, else the eventId. */
        String matchId() { return inferenceId != null ? inferenceId : eventId; }
    }

    /** A payload's content type and its decoded text. */
    record Payload(String contentType, String text, boolean json) {}

    /** Every {@code *.jsonl} file below {@code dir}, in path order. */
    static List<Path> files(Path dir, String param) {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> out = s.filter(p -> p.getFileName().toString().endsWith(".jsonl") && Files.isRegularFile(p)).sorted().toList();
            if (out.isEmpty()) {
                throw DataValidationException.param(param, dir, "holds no *.jsonl capture files",
                        "pass the data-capture folder an endpoint writes (DIR/<endpoint>/<variant>/yyyy/mm/dd/hh/*.jsonl)");
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The events of one capture file. */
    static List<Event> read(Path file) {
        List<Event> out = new ArrayList<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            String line;
            long n = 0;
            while ((line = r.readLine()) != null) {
                n++;
                if (line.isBlank()) continue;
                out.add(event(file, n, line));
            }
        } catch (AccessDeniedException e) {
            throw DataValidationException.param("--input", file, "cannot be read (permission denied)", "make the capture files readable");
        } catch (java.nio.charset.MalformedInputException e) {
            throw DataValidationException.at(file.toString(), -1, null, null, "is not valid UTF-8; capture files are UTF-8 JSON Lines");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Event event(Path file, long n, String line) {
        String where = file + ":" + n;
        JsonFields root = StrictJson.object(line, where).allow("captureData", "eventMetadata", "eventVersion");
        String version = root.text("eventVersion", "0");
        if (!version.equals("0")) throw DataValidationException.param(where + " eventVersion", version, "only \"0\" is known", "write \"eventVersion\": \"0\"");
        JsonFields meta = root.object("eventMetadata").allow("eventId", "inferenceId", "inferenceTime", "customAttributes");
        String eventId = meta.text("eventId");
        String inferenceId = meta.text("inferenceId", null);
        JsonFields data = root.object("captureData").allow("endpointInput", "endpointOutput");
        Payload in = payload(data.optionalObject("endpointInput"), "INPUT", where);
        Payload out = payload(data.optionalObject("endpointOutput"), "OUTPUT", where);
        if (in == null && out == null) {
            throw DataValidationException.at(where, -1, null, null, "captureData has neither endpointInput nor endpointOutput");
        }
        return new Event(file, n, eventId, inferenceId, in, out);
    }

    private static Payload payload(JsonFields f, String mode, String where) {
        if (f == null) return null;
        f.allow("observedContentType", "mode", "data", "encoding");
        String m = f.text("mode", mode);
        if (!m.equals(mode)) throw DataValidationException.param(where + " " + f.param("mode"), m, "must be " + mode + " here", "write \"mode\": \"" + mode + "\"");
        String type = f.text("observedContentType", "");
        String encoding = f.text("encoding");
        String text = f.text("data");
        return switch (encoding) {
            case "CSV" -> new Payload(type, text, false);
            case "JSON" -> new Payload(type, text, true);
            case "BASE64" -> {
                byte[] bytes;
                try {
                    bytes = Base64.getMimeDecoder().decode(text);
                } catch (IllegalArgumentException e) {
                    throw DataValidationException.at(where, -1, null, null, f.param("data") + " is not valid base64: " + e.getMessage());
                }
                String t = type.toLowerCase(java.util.Locale.ROOT);
                boolean json = t.contains("json");
                if (!json && !t.contains("csv")) {
                    throw DataValidationException.param(where + " " + f.param("observedContentType"), type,
                            "base64 data needs a content type that says what it holds", "text/csv or application/json");
                }
                yield new Payload(type, new String(bytes, StandardCharsets.UTF_8), json);
            }
            default -> throw DataValidationException.param(where + " " + f.param("encoding"), encoding, "must be CSV, JSON or BASE64",
                    "write the encoding of data");
        };
    }

    /** The captured inputs of a folder as CSV, per capture file, and the columns they had. */
    static final class Inputs {
        final List<String> columns;
        final Set<String> seen = new LinkedHashSet<>();
        final Set<String> extra = new LinkedHashSet<>();
        boolean positional;

        Inputs(List<String> columns) { this.columns = List.copyOf(columns); }

        /** A CSV (with the columns as header) of the events' inputs; {@code lines[i]} is the event of CSV line i + 2. */
        byte[] csv(List<Event> events, List<Event> lineOwners) {
            StringBuilder sb = new StringBuilder();
            appendRow(sb, columns);
            for (Event e : events) {
                if (e.input() == null) continue;
                List<List<String>> rows = rows(e);
                for (List<String> row : rows) {
                    appendRow(sb, row);
                    lineOwners.add(e);
                }
            }
            return sb.toString().getBytes(StandardCharsets.UTF_8);
        }

        private List<List<String>> rows(Event e) {
            Payload p = e.input();
            if (!p.json()) {
                List<List<String>> out = new ArrayList<>();
                List<String> header = null;
                for (String line : p.text().split("\r\n|\n|\r")) {
                    if (line.isBlank()) continue;
                    List<String> fields = splitCsv(line, e);
                    if (header == null && out.isEmpty() && isHeader(fields, columns)) {
                        header = fields; // a request sent with ?header=true: its columns by name
                        continue;
                    }
                    if (header != null) {
                        if (fields.size() != header.size()) {
                            throw DataValidationException.at(e.file().toString(), e.line(), null, null, "captured CSV row '" + cut(line) + "' of event "
                                    + e.eventId() + " has " + fields.size() + " fields, but its header row has " + header.size() + " " + header);
                        }
                        List<JsonNode> values = new ArrayList<>();
                        for (String f : fields) values.add(com.fasterxml.jackson.databind.node.TextNode.valueOf(f));
                        out.add(named(header, values, e));
                        continue;
                    }
                    positional = true;
                    seen.addAll(columns);
                    if (fields.size() != columns.size()) {
                        throw DataValidationException.at(e.file().toString(), e.line(), null, null, "captured CSV row '" + cut(line) + "' of event "
                                + e.eventId() + " has " + fields.size() + " fields, but the model's input has " + columns.size() + " columns " + columns
                                + "; pass the columns in order with --capture-columns");
                    }
                    out.add(fields);
                }
                return out;
            }
            JsonNode root = StrictJson.parse(p.text(), e.where() + " endpointInput.data");
            List<List<String>> out = new ArrayList<>();
            if (root.isObject() && root.has("dataframe_split")) {
                JsonFields split = JsonFields.of(root.get("dataframe_split"), "dataframe_split").allow("columns", "data", "index");
                List<String> cols = split.texts("columns");
                JsonNode data = split.get("data");
                if (data == null || !data.isArray()) throw bad(e, "dataframe_split.data must be a list of rows");
                for (JsonNode row : data) {
                    if (!row.isArray() || row.size() != cols.size()) throw bad(e, "each dataframe_split row needs " + cols.size() + " values (the columns)");
                    List<String> names = new ArrayList<>();
                    List<JsonNode> values = new ArrayList<>();
                    for (int i = 0; i < cols.size(); i++) {
                        names.add(cols.get(i));
                        values.add(row.get(i));
                    }
                    out.add(named(names, values, e));
                }
            } else if (root.isObject() && root.has("dataframe_records")) {
                JsonNode recs = root.get("dataframe_records");
                if (!recs.isArray()) throw bad(e, "dataframe_records must be a list of objects");
                for (JsonNode r : recs) out.add(object(r, e));
            } else if (root.isObject() && (root.has("instances") || root.has("inputs"))) {
                String key = root.has("instances") ? "instances" : "inputs";
                JsonNode inst = root.get(key);
                if (!inst.isArray()) throw bad(e, key + " must be a list of rows");
                for (JsonNode r : inst) {
                    if (r.isObject()) {
                        out.add(object(r, e));
                    } else if (r.isArray()) {
                        positional = true;
                        seen.addAll(columns);
                        if (r.size() != columns.size()) {
                            throw bad(e, "an instance has " + r.size() + " values, but the model's input has " + columns.size() + " columns " + columns
                                    + "; pass the columns in order with --capture-columns");
                        }
                        List<String> row = new ArrayList<>();
                        for (JsonNode v : r) row.add(scalar(v, e));
                        out.add(row);
                    } else {
                        throw bad(e, "an instance must be a list of values or an object of column: value");
                    }
                }
            } else {
                throw bad(e, "JSON input must be {\"instances\": [...]}, {\"inputs\": [...]}, {\"dataframe_split\": {...}} or {\"dataframe_records\": [...]}");
            }
            return out;
        }

        private List<String> object(JsonNode r, Event e) {
            if (!r.isObject()) throw bad(e, "a record must be an object of column: value");
            List<String> names = new ArrayList<>();
            List<JsonNode> values = new ArrayList<>();
            r.fields().forEachRemaining(f -> {
                names.add(f.getKey());
                values.add(f.getValue());
            });
            return named(names, values, e);
        }

        private List<String> named(List<String> names, List<JsonNode> values, Event e) {
            List<String> row = new ArrayList<>(java.util.Collections.nCopies(columns.size(), ""));
            for (int i = 0; i < names.size(); i++) {
                int at = columns.indexOf(names.get(i));
                if (at < 0) {
                    extra.add(names.get(i));
                    continue;
                }
                seen.add(names.get(i));
                row.set(at, scalar(values.get(i), e));
            }
            return row;
        }
    }

    /**
     * Whether the first row of a captured CSV payload is a header (the endpoint answers {@code ?header=true}
     * requests, whose first row names the columns): no field is a number, the fields are distinct, and they name at
     * least one of the monitored columns.
     */
    static boolean isHeader(List<String> fields, List<String> columns) {
        Set<String> distinct = new LinkedHashSet<>();
        boolean names = false;
        for (String f : fields) {
            String t = f.strip();
            if (t.isEmpty() || DecimalText.isNumber(t) || !distinct.add(t)) return false;
            names |= columns.contains(t);
        }
        return names;
    }

    private static String scalar(JsonNode v, Event e) {
        if (v == null || v.isNull()) return "";
        if (v.isNumber()) return JsonFields.decimal(v).toString();
        if (v.isTextual()) return v.asText();
        if (v.isBoolean()) return Boolean.toString(v.booleanValue());
        throw bad(e, "a value must be a number, a string, true/false or null, not " + cut(v.toString()));
    }

    private static DataValidationException bad(Event e, String problem) {
        return DataValidationException.at(e.file().toString(), e.line(), null, null, "event " + e.eventId() + ": " + problem);
    }

    private static String cut(String s) { return s.length() <= 60 ? s : s.substring(0, 59) + "…"; }

    private static void appendRow(StringBuilder sb, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) sb.append(',');
            String f = fields.get(i);
            if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0 || f.indexOf('\r') >= 0) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        sb.append('\n');
    }

    /** The fields of one CSV line (RFC 4180 quotes); an unterminated quote is an error naming the event. */
    static List<String> splitCsv(String line, Event e) {
        List<String> out = new ArrayList<>();
        StringBuilder f = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        f.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    f.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                out.add(f.toString());
                f.setLength(0);
            } else {
                f.append(c);
            }
        }
        if (quoted) throw bad(e, "captured CSV row '" + cut(line) + "' has an unterminated quote");
        out.add(f.toString());
        return out;
    }

    /** A monitoring run over a capture folder's inputs. */
    static MonitorResult monitor(Baseline baseline, Path dir, MonitorOptions o) {
        List<String> columns = o.captureColumns().isEmpty() ? baseline.statistics().names() : o.captureColumns();
        Inputs inputs = new Inputs(columns);
        Profiler p = null;
        Sources.Layout layout = Sources.layout(columns, baseline.statistics().names());
        long events = 0;
        for (Path file : files(dir, "--input")) {
            List<Event> evs = read(file);
            List<Event> owners = new ArrayList<>();
            byte[] csv = inputs.csv(evs, owners);
            events += evs.size();
            if (owners.isEmpty()) continue;
            try {
                p = Sources.current(CsvReader.of(file.toString(), csv), baseline.statistics(), layout, o.progress(), p);
            } catch (DataValidationException e) {
                // the reader names a line of the CSV made from the file: name the capture record instead
                long l = e.row();
                if (l >= 2 && l - 2 < owners.size()) {
                    Event ev = owners.get((int) (l - 2));
                    throw DataValidationException.at(ev.file().toString(), ev.line(), e.column(), e.value(), "event " + ev.eventId() + ": " + (e.problem() != null ? e.problem() : e.getMessage()));
                }
                throw e;
            }
        }
        if (p == null || p.rows() == 0) {
            throw DataValidationException.param("--input", dir, events == 0 ? "its capture files hold no records" : "its records hold no captured input (endpointInput)",
                    "capture the endpoint's input (mode INPUT) to monitor data quality");
        }
        // columns that no named record had are missing; names outside the columns are extra
        List<String> present = new ArrayList<>(), missing = new ArrayList<>(layout.missing());
        for (String f : layout.present()) (inputs.positional || inputs.seen.contains(f) ? present : missing).add(f);
        List<String> extra = new ArrayList<>(layout.extra());
        for (String x : inputs.extra) if (!extra.contains(x) && !baseline.statistics().names().contains(x)) extra.add(x);
        Statistics s = p.finish();
        if (!missing.isEmpty()) {
            List<FeatureStatistics> keep = new ArrayList<>();
            for (FeatureStatistics f : s.features()) if (!missing.contains(f.name())) keep.add(f);
            s = new Statistics(s.itemCount(), keep);
        }
        return Monitor.evaluate(baseline, o, s, new Sources.Layout(present, missing, extra), dir.toString());
    }
}
