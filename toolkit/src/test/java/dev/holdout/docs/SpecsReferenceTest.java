package dev.holdout.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * docs/specs.md documents exactly the keys the strict readers accept: each {@code <!-- keys: NAME -->} table's
 * first column is compared with the reader's own key list, so a key added to a reader without its row (or a row
 * for a key no reader takes) fails here.
 */
class SpecsReferenceTest {
    /** The first-column keys of each marked table. */
    static Map<String, List<List<String>>> tables(String markdown) {
        Map<String, List<List<String>>> out = new LinkedHashMap<>();
        String current = null;
        for (String line : markdown.split("\n", -1)) {
            String l = line.strip();
            if (l.startsWith("<!-- keys: ")) {
                current = l.substring("<!-- keys: ".length(), l.length() - "-->".length()).strip();
                out.put(current, new ArrayList<>());
            } else if (current != null && l.startsWith("|")) {
                String[] cells = l.split("\\|", -1);
                List<String> row = new ArrayList<>();
                for (int i = 1; i < cells.length - 1; i++) row.add(cells[i].strip());
                if (row.get(0).startsWith("`")) out.get(current).add(row);
            } else if (current != null && !l.isEmpty()) {
                current = null;
            }
        }
        return out;
    }

    static Set<String> ticked(String cell) {
        Set<String> out = new LinkedHashSet<>();
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("`([^`]+)`").matcher(cell);
        while (m.find()) out.add(m.group(1));
        return out;
    }

    @SuppressWarnings("unchecked")
    static <T> T field(String className, String name) throws Exception {
        Field f = Class.forName(className).getDeclaredField(name);
        f.setAccessible(true);
        return (T) f.get(null);
    }

    static Set<String> firstColumn(List<List<String>> rows) {
        Set<String> out = new LinkedHashSet<>();
        for (List<String> r : rows) out.addAll(ticked(r.get(0)));
        return out;
    }

    @Test void everySpecKeyIsDocumentedAndNothingElse() throws Exception {
        Path doc = Path.of("../docs/specs.md");
        if (!Files.exists(doc)) doc = Path.of("docs/specs.md");
        Map<String, List<List<String>>> t = tables(Files.readString(doc));
        Map<String, List<String>> readers = new LinkedHashMap<>();
        readers.put("train", field("dev.holdout.train.TrainingJob", "SPEC_KEYS"));
        readers.put("train.channels", List.of("train", "validation"));
        readers.put("hyperparameters", field("dev.holdout.train.Hyperparameters", "ALL_NAMES"));
        readers.put("tune", field("dev.holdout.tune.TuningSpec", "KEYS"));
        readers.put("tune.data", List.of("dataset", "csv", "types"));
        readers.put("tune.split", field("dev.holdout.tune.TuningSpec", "SPLIT_KEYS"));
        readers.put("tune.config", field("dev.holdout.tune.TuningSpec", "JOB_KEYS"));
        readers.put("split-manifest", field("dev.holdout.split.SplitManifest", "KEYS"));
        for (Map.Entry<String, List<String>> e : readers.entrySet()) {
            assertTrue(t.containsKey(e.getKey()), "docs/specs.md has no table for " + e.getKey());
            assertEquals(new LinkedHashSet<>(e.getValue()), firstColumn(t.get(e.getKey())), "docs/specs.md, table " + e.getKey());
        }
        // preprocessing: one row per step kind, listing exactly the keys that kind accepts
        List<String> kinds = field("dev.holdout.train.PreprocessingSpecs", "KINDS");
        Map<String, List<String>> keys = field("dev.holdout.train.PreprocessingSpecs", "KEYS");
        Map<String, Set<String>> documented = new LinkedHashMap<>();
        for (List<String> row : t.get("preprocess")) documented.put(ticked(row.get(0)).iterator().next(), ticked(row.get(1)));
        assertEquals(new LinkedHashSet<>(kinds), documented.keySet(), "docs/specs.md, preprocess steps");
        for (String k : kinds) assertEquals(new LinkedHashSet<>(keys.get(k)), documented.get(k), "docs/specs.md, step " + k);
        // the page says how relative paths resolve
        assertTrue(Files.readString(doc).contains("Relative paths resolve against the spec file's folder"));
    }
}
