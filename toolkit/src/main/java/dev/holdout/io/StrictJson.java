package dev.holdout.io;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one JSON reader (and writer) of Holdout: every spec, manifest, model card and fitted
 * preprocessor is read here, with one strictness. A key given twice, text after the JSON value, a
 * comment, {@code NaN}, a number with a leading zero or a truncated file is an error naming the file,
 * the line and what to do; numbers keep their exact value (a seed above 2^53 never passes through a
 * {@code double}). Fields are then read through {@link JsonFields}, which names unknown keys with a
 * "did you mean", wrong types and integers that do not fit, each as {@code param=value: rule; fix}.
 *
 * <pre>{@code
 * JsonFields spec = StrictJson.object(Path.of("job.json"), "config").allow("name", "label", "hyperparameters");
 * String label = spec.text("label");                       // required
 * long seed = spec.longValue("seed", 0);                   // optional, exact 64-bit
 * // {"label": "rain", "label": "snow"} -> job.json:1: duplicate key 'label' (column 18): ...
 * String json = StrictJson.pretty(Map.of("rows", 10));      // {\n  "rows" : 10\n}
 * }</pre>
 *
 * <p>{@link #mapper()} is the only {@code ObjectMapper} in the project: it reads strictly and writes
 * plainly; {@link #prettyWriter()} indents. Do not reconfigure it; derive an {@code ObjectWriter} or
 * {@code ObjectReader} from it when a file needs more (sorted map keys, say).
 */
public final class StrictJson {
    private StrictJson() {}

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            // a key given twice would silently keep the last value
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            // {"a": 1} {"b": 2} or a stray "}" after the value is an error, not ignored
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            // exact numbers: 0.1 stays the decimal 0.1, 12345678901234567890.5 keeps every digit
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .nodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            // "scale": null into a primitive is an error, not 0
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private static final ObjectWriter PRETTY = MAPPER.writer().with(SerializationFeature.INDENT_OUTPUT);

    /** The project's one configured mapper (strict reading; plain writing). Shared: never reconfigure it. */
    public static ObjectMapper mapper() { return MAPPER; }

    /** A writer that indents, for files people read. */
    public static ObjectWriter prettyWriter() { return PRETTY; }

    /** {@code value} as indented JSON. */
    public static String pretty(Object value) {
        try {
            return PRETTY.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write JSON: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Writes {@code value} as {@link #pretty} text followed by a line break straight into {@code file}, without the
     * whole text in memory (a baseline of a thousand features is tens of megabytes of JSON).
     */
    public static void writePretty(Path file, Object value) throws java.io.IOException {
        try (java.io.OutputStream out = new java.io.BufferedOutputStream(java.nio.file.Files.newOutputStream(file), 1 << 16)) {
            PRETTY.without(com.fasterxml.jackson.core.JsonGenerator.Feature.AUTO_CLOSE_TARGET).writeValue(out, value);
            out.write('\n');
        }
    }

    /**
     * Reads {@code file} as one JSON value. {@code param} names the option that gave the path (for
     * "no such file"); a syntax error names the file and line.
     */
    public static JsonNode read(Path file, String param) {
        if (Files.isDirectory(file)) {
            throw DataValidationException.param(param, file, "is a folder, not a JSON file", "pass the path of the JSON file");
        }
        if (!Files.isRegularFile(file)) {
            throw DataValidationException.param(param, file, "no such file", "check the path");
        }
        String text;
        try {
            byte[] bytes = Files.readAllBytes(file);
            text = Utf8.decode(bytes, file.toString());
        } catch (AccessDeniedException e) {
            throw DataValidationException.param(param, file, "cannot be read (permission denied)", "make the file readable, or pass another one");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
        return parse(text, file.toString());
    }

    /** Parses {@code json}; {@code where} names its source (a file name) in errors. */
    public static JsonNode parse(String json, String where) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw syntaxError(e, where);
        }
        if (node == null || node.isMissingNode()) {
            throw DataValidationException.at(where, -1, null, null, "the file is empty; expected a JSON object");
        }
        return node;
    }

    /** Reads {@code file}, whose top level must be an object. */
    public static JsonFields object(Path file, String param) {
        return JsonFields.root(read(file, param), file.toString());
    }

    /** Parses {@code json}, whose top level must be an object. */
    public static JsonFields object(String json, String where) {
        return JsonFields.root(parse(json, where), where);
    }

    private static final Pattern DUPLICATE = Pattern.compile("Duplicate field '(.*)'");

    /** A parse error as a person reads it: where, what is wrong, what to do; never Jackson's class names. */
    static DataValidationException syntaxError(JsonProcessingException e, String where) {
        JsonLocation loc = e.getLocation();
        long line = loc == null ? -1 : loc.getLineNr();
        String col = loc == null || loc.getColumnNr() < 1 ? "" : " (column " + loc.getColumnNr() + ")";
        String original = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        Matcher dup = DUPLICATE.matcher(original);
        String problem;
        if (dup.find()) {
            problem = "duplicate key '" + dup.group(1) + "'" + col + ": a key may appear once in an object, or one value is silently lost;"
                    + " remove one of the two";
        } else if ((e instanceof MismatchedInputException && original.startsWith("Trailing token"))
                || (original.startsWith("Unexpected close marker") && original.contains("no open"))) {
            problem = "text after the end of the JSON value" + col + ": a file holds exactly one JSON value; remove what follows it"
                    + " (or merge the two objects)";
        } else if (original.contains("end-of-input")) {
            problem = "the JSON ends early" + col + " (an object or list is not closed, or the file is cut short); complete it";
        } else {
            problem = "not valid JSON" + col + ": " + Values.cut(firstSentence(original), 200)
                    + "; fix the syntax (keys and strings in double quotes, no comments, no trailing commas)";
        }
        return DataValidationException.at(where, line, null, null, problem);
    }

    /** Jackson appends a long hint after a newline; the first line says what is wrong. */
    private static String firstSentence(String message) {
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /** Strict UTF-8 decoding, so a file saved in another encoding is an error, not mojibake. */
    static final class Utf8 {
        private Utf8() {}

        static String decode(byte[] bytes, String where) {
            int from = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF ? 3 : 0;
            try {
                return java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                        .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                        .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                        .decode(java.nio.ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
            } catch (java.nio.charset.CharacterCodingException e) {
                throw DataValidationException.at(where, -1, null, null, "the file is not valid UTF-8; save it as UTF-8");
            }
        }
    }

    /** Showing values in messages. */
    static final class Values {
        private Values() {}

        /** A JSON value as shown after {@code param=}: text without quotes, anything else as JSON; long values cut. */
        static String show(JsonNode v) {
            if (v == null) return "missing";
            return cut(v.isTextual() ? v.asText() : v.toString(), 80);
        }

        static String cut(String s, int max) {
            return s.length() <= max ? s : s.substring(0, max - 1) + "…";
        }
    }
}
