package dev.holdout.train;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.util.List;
import java.util.Set;

/**
 * Checks an XGBoost JSON model ({@code model/xgboost-model.json}) before native code reads it. XGBoost trusts
 * the indices in a model file: an empty buffer aborts the whole JVM ({@code terminate called without an active
 * exception}, exit 134), and a child index out of range, a negative iteration pointer, a wrong leaf size or a
 * tree group beyond the classes is a segmentation fault — no exception, no message. So every value native code
 * uses as an index or a size is checked here: the file parses as one JSON object; {@code learner} has a
 * {@code gbtree} booster whose tree count agrees with {@code tree_info}, {@code iteration_indptr} and the trees;
 * each tree's node arrays have {@code num_nodes} entries, its children are in range, point back to their parent
 * and form a tree (no cycles), its split features are below {@code num_feature}, and its splits are numeric
 * (Holdout trains no categorical splits). What passes is the shape {@code Booster.saveModel(..., "json")} writes;
 * whatever XGBoost still refuses after that is its own, catchable, error.
 *
 * <pre>{@code
 * XGBoostModelFile.check(Files.readAllBytes(file), 3, "binary:logistic");
 * // IOException: the file is empty (0 bytes)
 * // IOException: learner.gradient_booster.model.trees[4].left_children[7]=25: a child index must be -1 (a leaf) or in [1, 25)
 * }</pre>
 */
final class XGBoostModelFile {
    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
    /** XGBoost's parent of the root node (its invalid node id, as an unsigned 31-bit value). */
    private static final long ROOT_PARENT = 2147483647L;
    private static final long MAX_COUNT = Integer.MAX_VALUE;
    private static final List<String> NODE_ARRAYS = List.of("left_children", "right_children", "parents", "split_indices",
            "split_conditions", "default_left", "base_weights", "loss_changes", "sum_hessian");
    private static final Set<String> NUMERIC_FEATURE_TYPES = Set.of("float", "int", "i", "q");

    private XGBoostModelFile() {}

    /**
     * Throws an {@link IOException} whose message is the first problem found (a JSON path, the value and the
     * rule), or returns when native code can read the model safely.
     *
     * @param features  the number of features the model card lists, or -1 not to compare
     * @param objective the objective the model card names, or null not to compare
     */
    static void check(byte[] bytes, int features, String objective) throws IOException {
        if (bytes.length == 0) throw new IOException("the file is empty (0 bytes)");
        int first = 0;
        while (first < bytes.length && Character.isWhitespace(bytes[first])) first++;
        if (first == bytes.length) throw new IOException("the file holds only whitespace (" + bytes.length + " bytes)");
        if (bytes[first] == '{' && first + 1 < bytes.length && "LiIUl#$".indexOf(bytes[first + 1]) >= 0) {
            throw new IOException("the file looks like XGBoost's binary UBJSON format; a model folder holds the JSON format");
        }
        JsonNode root;
        try {
            root = STRICT.readTree(bytes);
        } catch (JsonProcessingException e) {
            var at = e.getLocation();
            String shortened = e.getOriginalMessage() != null && e.getOriginalMessage().contains("end-of-input")
                    ? " (cut short at " + bytes.length + " bytes?)" : "";
            throw new IOException("the file is not valid JSON" + shortened + ": " + e.getOriginalMessage()
                    + (at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr()));
        }
        if (root == null || !root.isObject()) throw new IOException("the file is JSON but not an object; an XGBoost model is one JSON object");
        JsonNode version = root.get("version");
        if (version != null) {
            if (!version.isArray() || version.size() != 3) throw bad("version", version, "must be [major, minor, patch]");
            for (int i = 0; i < 3; i++) count(version, i, "version[" + i + "]", 0, MAX_COUNT);
        }
        JsonNode learner = object(root, "learner", "learner", "the file is JSON but not an XGBoost model (no \"learner\" object)");

        JsonNode lmp = object(learner, "learner_model_param", "learner.learner_model_param", null);
        long numFeature = countText(lmp, "num_feature", "learner.learner_model_param.num_feature", 1, MAX_COUNT, true);
        long numClass = countText(lmp, "num_class", "learner.learner_model_param.num_class", 0, 1_000_000, false);
        long numTarget = countText(lmp, "num_target", "learner.learner_model_param.num_target", 1, 1_000_000, false);
        if (features >= 0 && numFeature != features) {
            throw new IOException("learner.learner_model_param.num_feature=" + numFeature + " but the model card lists " + features
                    + " features: the files come from different models");
        }
        JsonNode obj = object(learner, "objective", "learner.objective", null);
        JsonNode objName = obj.get("name");
        if (objName == null || !objName.isTextual()) throw bad("learner.objective.name", objName, "must be the objective's name");
        if (objective != null && !objective.equals(objName.asText())) {
            throw new IOException("learner.objective.name=" + objName.asText() + " but the model card says objective=" + objective
                    + ": the files come from different models");
        }
        featureArrays(learner, numFeature);
        JsonNode attributes = learner.get("attributes");
        if (attributes != null && !attributes.isObject()) throw bad("learner.attributes", attributes, "must be an object");

        JsonNode booster = object(learner, "gradient_booster", "learner.gradient_booster", null);
        JsonNode name = booster.get("name");
        if (name == null || !"gbtree".equals(name.asText(null))) {
            throw bad("learner.gradient_booster.name", name, "must be gbtree: Holdout trains and loads tree models only");
        }
        JsonNode model = object(booster, "model", "learner.gradient_booster.model", null);
        JsonNode gbParam = object(model, "gbtree_model_param", "learner.gradient_booster.model.gbtree_model_param", null);
        long numTrees = countText(gbParam, "num_trees", "learner.gradient_booster.model.gbtree_model_param.num_trees", 0, MAX_COUNT, true);
        countText(gbParam, "num_parallel_tree", "learner.gradient_booster.model.gbtree_model_param.num_parallel_tree", 1, 1_000_000, false);
        JsonNode trees = array(model, "trees", "learner.gradient_booster.model.trees");
        if (trees.size() != numTrees) {
            throw new IOException("learner.gradient_booster.model.trees has " + trees.size() + " trees but num_trees=" + numTrees);
        }
        long groups = Math.max(1, Math.max(numClass, numTarget < 0 ? 1 : numTarget));
        JsonNode treeInfo = array(model, "tree_info", "learner.gradient_booster.model.tree_info");
        if (treeInfo.size() != numTrees) {
            throw new IOException("learner.gradient_booster.model.tree_info has " + treeInfo.size() + " entries but num_trees=" + numTrees);
        }
        for (int i = 0; i < treeInfo.size(); i++) count(treeInfo, i, "learner.gradient_booster.model.tree_info[" + i + "]", 0, groups - 1);
        JsonNode indptr = model.get("iteration_indptr");
        if (indptr != null) {
            String p = "learner.gradient_booster.model.iteration_indptr";
            if (!indptr.isArray() || indptr.isEmpty()) throw bad(p, indptr, "must be a non-empty array of tree offsets");
            long previous = 0;
            for (int i = 0; i < indptr.size(); i++) {
                long v = count(indptr, i, p + "[" + i + "]", i == 0 ? 0 : previous, i == 0 ? 0 : numTrees);
                previous = v;
            }
            if (previous != numTrees) throw new IOException(p + " ends at " + previous + " but num_trees=" + numTrees);
        }
        JsonNode cats = model.get("cats");
        if (cats != null) {
            if (!cats.isObject()) throw bad("learner.gradient_booster.model.cats", cats, "must be an object");
            for (var it = cats.fields(); it.hasNext(); ) {
                var e = it.next();
                if (!e.getValue().isArray() || !e.getValue().isEmpty()) {
                    throw new IOException("learner.gradient_booster.model.cats." + e.getKey()
                            + " holds categorical encodings, which Holdout does not train (expected an empty array)");
                }
            }
        }
        for (int t = 0; t < trees.size(); t++) tree(trees.get(t), "learner.gradient_booster.model.trees[" + t + "]", numFeature);
    }

    private static void featureArrays(JsonNode learner, long numFeature) throws IOException {
        for (String key : List.of("feature_names", "feature_types")) {
            JsonNode a = learner.get(key);
            if (a == null) continue;
            if (!a.isArray()) throw bad("learner." + key, a, "must be an array");
            if (!a.isEmpty() && a.size() != numFeature) {
                throw new IOException("learner." + key + " has " + a.size() + " entries but num_feature=" + numFeature);
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).isTextual()) throw bad("learner." + key + "[" + i + "]", a.get(i), "must be text");
                if (key.equals("feature_types") && !NUMERIC_FEATURE_TYPES.contains(a.get(i).asText())) {
                    throw bad("learner.feature_types[" + i + "]", a.get(i), "must be a numeric type " + NUMERIC_FEATURE_TYPES
                            + ": Holdout trains no categorical features");
                }
            }
        }
    }

    private static void tree(JsonNode tree, String path, long numFeature) throws IOException {
        if (tree == null || !tree.isObject()) throw bad(path, tree, "must be a tree object");
        JsonNode param = object(tree, "tree_param", path + ".tree_param", null);
        long n = countText(param, "num_nodes", path + ".tree_param.num_nodes", 1, MAX_COUNT, true);
        long leafSize = countText(param, "size_leaf_vector", path + ".tree_param.size_leaf_vector", 0, 1, false);
        long deleted = countText(param, "num_deleted", path + ".tree_param.num_deleted", 0, n - 1, false);
        if (leafSize < 0) leafSize = 1;
        JsonNode id = tree.get("id");
        if (id != null && !id.canConvertToInt()) throw bad(path + ".id", id, "must be an integer");
        int nodes = (int) n;
        for (String key : NODE_ARRAYS) {
            JsonNode a = array(tree, key, path + "." + key);
            if (a.size() != nodes) throw new IOException(path + "." + key + " has " + a.size() + " entries but num_nodes=" + nodes);
            boolean integral = !key.equals("split_conditions") && !key.equals("base_weights") && !key.equals("loss_changes")
                    && !key.equals("sum_hessian");
            for (int j = 0; j < nodes; j++) {
                JsonNode v = a.get(j);
                if (integral ? !v.isIntegralNumber() : !v.isNumber()) {
                    throw bad(path + "." + key + "[" + j + "]", v, integral ? "must be an integer" : "must be a number");
                }
            }
        }
        JsonNode splitType = tree.get("split_type");
        if (splitType != null) {
            if (!splitType.isArray() || splitType.size() != nodes) {
                throw new IOException(path + ".split_type must be an array of num_nodes=" + nodes + " entries");
            }
            for (int j = 0; j < nodes; j++) {
                if (!splitType.get(j).isIntegralNumber() || splitType.get(j).asLong() != 0) {
                    throw bad(path + ".split_type[" + j + "]", splitType.get(j), "must be 0 (a numeric split): Holdout trains no categorical splits");
                }
            }
        }
        for (String key : List.of("categories", "categories_nodes", "categories_segments", "categories_sizes")) {
            JsonNode a = tree.get(key);
            if (a != null && (!a.isArray() || !a.isEmpty())) {
                throw new IOException(path + "." + key + " must be empty: Holdout trains no categorical splits");
            }
        }
        JsonNode left = tree.get("left_children"), right = tree.get("right_children"), parents = tree.get("parents");
        JsonNode split = tree.get("split_indices"), defaultLeft = tree.get("default_left");
        for (int j = 0; j < nodes; j++) {
            long d = defaultLeft.get(j).asLong();
            if (d != 0 && d != 1) throw bad(path + ".default_left[" + j + "]", defaultLeft.get(j), "must be 0 or 1");
        }
        if (parents.get(0).asLong() != ROOT_PARENT && parents.get(0).asLong() != -1) {
            throw bad(path + ".parents[0]", parents.get(0), "the root's parent must be " + ROOT_PARENT);
        }
        // walk from the root: every reachable node is visited once (no cycles, no shared children)
        boolean[] seen = new boolean[nodes];
        int[] stack = new int[nodes];
        int top = 0, reached = 0;
        stack[top++] = 0;
        seen[0] = true;
        while (top > 0) {
            int j = stack[--top];
            reached++;
            long l = left.get(j).asLong(), r = right.get(j).asLong();
            if (l == -1 || r == -1) {
                if (l != r) {
                    throw new IOException(path + " node " + j + ": left_children=" + l + " and right_children=" + r
                            + ": a leaf has both -1, an inner node neither");
                }
                continue;
            }
            long f = split.get(j).asLong();
            if (f < 0 || f >= numFeature) {
                throw bad(path + ".split_indices[" + j + "]", split.get(j), "a split feature must be in [0, num_feature=" + numFeature + ")");
            }
            for (long c : new long[] {l, r}) {
                String side = (c == l ? "left_children[" : "right_children[") + j + "]";
                if (c < 1 || c >= nodes) throw bad(path + "." + side, c, "a child index must be -1 (a leaf) or in [1, " + nodes + ")");
                if (seen[(int) c]) throw new IOException(path + "." + side + "=" + c + ": node " + c + " is reached twice (the nodes do not form a tree)");
                if (parents.get((int) c).asLong() != j) {
                    throw bad(path + ".parents[" + c + "]", parents.get((int) c), "must be " + j + ", the node whose child it is");
                }
                seen[(int) c] = true;
                stack[top++] = (int) c;
            }
        }
        if (nodes - reached != Math.max(deleted, 0)) {
            throw new IOException(path + ": " + (nodes - reached) + " of its " + nodes + " nodes cannot be reached from the root"
                    + " (num_deleted=" + Math.max(deleted, 0) + ")");
        }
        if (leafSize > 1) throw bad(path + ".tree_param.size_leaf_vector", leafSize, "must be 0 or 1");
    }

    private static JsonNode object(JsonNode parent, String key, String path, String missing) throws IOException {
        JsonNode v = parent.get(key);
        if (v == null) throw new IOException(missing != null ? missing : path + " is missing");
        if (!v.isObject()) throw bad(path, v, "must be an object");
        return v;
    }

    private static JsonNode array(JsonNode parent, String key, String path) throws IOException {
        JsonNode v = parent.get(key);
        if (v == null) throw new IOException(path + " is missing");
        if (!v.isArray()) throw bad(path, v, "must be an array");
        return v;
    }

    /** An integer element of an array in [min, max]. */
    private static long count(JsonNode array, int i, String path, long min, long max) throws IOException {
        JsonNode v = array.get(i);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong() || v.asLong() < min || v.asLong() > max) {
            throw bad(path, v, "must be an integer in [" + min + ", " + max + "]");
        }
        return v.asLong();
    }

    /** XGBoost writes counts as decimal text ("71"); -1 when absent and not required. */
    private static long countText(JsonNode parent, String key, String path, long min, long max, boolean required) throws IOException {
        JsonNode v = parent.get(key);
        if (v == null) {
            if (required) throw new IOException(path + " is missing");
            return -1;
        }
        String s = v.isTextual() ? v.asText() : v.isIntegralNumber() ? v.asText() : null;
        long value;
        try {
            value = s == null ? Long.MIN_VALUE : Long.parseLong(s.strip());
        } catch (NumberFormatException e) {
            value = Long.MIN_VALUE;
        }
        if (value < min || value > max) throw bad(path, v, "must be an integer in [" + min + ", " + max + "]");
        return value;
    }

    private static IOException bad(String path, Object value, String rule) {
        String shown = value instanceof JsonNode j ? (j.isTextual() ? "\"" + j.asText() + "\"" : j.toString()) : String.valueOf(value);
        return new IOException(path + "=" + DataValidationException.shown(shown) + ": " + rule);
    }
}
