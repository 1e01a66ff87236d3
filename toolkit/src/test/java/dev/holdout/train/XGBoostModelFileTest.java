package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The check in front of XGBoost's native model loader: what {@code Booster.toByteArray("json")} writes passes, and
 * each corruption that aborted or crashed the JVM in a fuzz of 700 mutations (empty file, child index out of range,
 * negative iteration pointer, leaf vector size, tree group beyond the classes, another booster, num_target ≤ 0, which
 * hung) is refused with its JSON path. Only the check runs here — never native code — so a gap would not crash
 * this JVM; {@code NativeAndJvmTest} runs {@code holdout predict} on such files in a child process.
 */
class XGBoostModelFileTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static byte[] model;

    @BeforeAll static void trainOne() {
        TrainingResult r = TrainingJob.xgboost("y", Channel.of(TestData.binary("t", 300, 3, 7))).withName("m")
                .withHyperparameters(Hyperparameters.numRound(5).withObjective("binary:logistic").withMaxDepth(3).withNthread(1)).run();
        model = ((TrainedModel.XGBoostModel) r.model()).modelJson();
    }

    static String problem(byte[] bytes) {
        return assertThrows(IOException.class, () -> XGBoostModelFile.check(bytes, 3, "binary:logistic")).getMessage();
    }

    static String problem(Consumer<ObjectNode> change) throws IOException {
        ObjectNode root = (ObjectNode) JSON.readTree(model);
        change.accept(root);
        return problem(JSON.writeValueAsBytes(root));
    }

    static ObjectNode gbtree(ObjectNode root) { return (ObjectNode) root.path("learner").path("gradient_booster").path("model"); }

    static ObjectNode tree(ObjectNode root, int t) { return (ObjectNode) gbtree(root).path("trees").get(t); }

    @Test void aModelXGBoostWroteIsAccepted() {
        assertDoesNotThrow(() -> XGBoostModelFile.check(model, 3, "binary:logistic"));
        assertDoesNotThrow(() -> XGBoostModelFile.check(model, -1, null));
    }

    @Test void emptyTruncatedRandomAndForeignFilesAreRefused() {
        assertEquals("the file is empty (0 bytes)", problem(new byte[0]));
        assertEquals("the file holds only whitespace (3 bytes)", problem(" \n ".getBytes(StandardCharsets.US_ASCII)));
        String cut = problem(java.util.Arrays.copyOf(model, model.length / 2));
        assertEquals(true, cut.startsWith("the file is not valid JSON (cut short at " + model.length / 2 + " bytes?)"), cut);
        byte[] noise = new byte[2000];
        dev.holdout.data.SeededRandom rnd = new dev.holdout.data.SeededRandom(3);
        for (int i = 0; i < noise.length; i++) noise[i] = (byte) rnd.nextInt(256);
        noise[0] = (byte) 0xC5;
        assertEquals(true, problem(noise).startsWith("the file is not valid JSON: "), problem(noise));
        assertEquals("the file is JSON but not an XGBoost model (no \"learner\" object)", problem("{\"a\": 1}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("the file is JSON but not an object; an XGBoost model is one JSON object", problem("[1, 2]".getBytes(StandardCharsets.UTF_8)));
        assertEquals("the file looks like XGBoost's binary UBJSON format; a model folder holds the JSON format",
                problem(new byte[] {'{', 'L', 0, 0, 0}));
        String trailing = problem((new String(model, StandardCharsets.UTF_8) + " {}").getBytes(StandardCharsets.UTF_8));
        assertEquals(true, trailing.startsWith("the file is not valid JSON"), trailing);
    }

    @Test void indicesNativeCodeWouldFollowAreChecked() throws IOException {
        assertEquals(true, problem(r -> ((ArrayNode) tree(r, 0).path("left_children")).set(0, -7))
                .startsWith("learner.gradient_booster.model.trees[0].left_children[0]=-7: a child index must be -1 (a leaf) or in [1, "));
        int n = tree((ObjectNode) JSON.readTree(model), 0).path("left_children").size();
        assertEquals(true, problem(r -> ((ArrayNode) tree(r, 0).path("right_children")).set(0, n))
                .startsWith("learner.gradient_booster.model.trees[0].right_children[0]=" + n + ": a child index must be"));
        assertEquals(true, problem(r -> ((ArrayNode) tree(r, 0).path("parents")).set(1, -1))
                .startsWith("learner.gradient_booster.model.trees[0].parents[1]=-1: must be 0"));
        assertEquals("learner.gradient_booster.model.trees[0].split_indices[0]=3: a split feature must be in [0, num_feature=3)",
                problem(r -> ((ArrayNode) tree(r, 0).path("split_indices")).set(0, 3)));
        assertEquals("learner.gradient_booster.model.trees[0].tree_param.size_leaf_vector=\"1000000\": must be an integer in [0, 1]",
                problem(r -> ((ObjectNode) tree(r, 0).path("tree_param")).put("size_leaf_vector", "1000000")));
        assertEquals("learner.gradient_booster.model.iteration_indptr[0]=-7: must be an integer in [0, 0]",
                problem(r -> ((ArrayNode) gbtree(r).path("iteration_indptr")).set(0, -7)));
        assertEquals("learner.gradient_booster.model.tree_info[1]=1000000: must be an integer in [0, 0]",
                problem(r -> ((ArrayNode) gbtree(r).path("tree_info")).set(1, 1_000_000)));
        assertEquals("learner.learner_model_param.num_target=\"-7\": must be an integer in [1, 1000000]",
                problem(r -> ((ObjectNode) r.path("learner").path("learner_model_param")).put("num_target", "-7")));
        assertEquals("learner.gradient_booster.name=\"gblinear\": must be gbtree: Holdout trains and loads tree models only",
                problem(r -> ((ObjectNode) r.path("learner").path("gradient_booster")).put("name", "gblinear")));
    }

    @Test void aCycleOrASharedChildIsNotATree() throws IOException {
        // node 1's left child points back at node 1's sibling subtree root: reached twice
        String shared = problem(r -> {
            ArrayNode left = (ArrayNode) tree(r, 0).path("left_children"), right = (ArrayNode) tree(r, 0).path("right_children");
            right.set(1, left.get(1).asInt());
        });
        assertEquals(true, shared.contains("is reached twice (the nodes do not form a tree)"), shared);
    }

    @Test void countsMustAgree() throws IOException {
        String fewer = problem(r -> {
            ArrayNode trees = (ArrayNode) gbtree(r).path("trees");
            trees.remove(trees.size() - 1);
        });
        assertEquals(true, fewer.matches("learner\\.gradient_booster\\.model\\.trees has \\d+ trees but num_trees=\\d+"), fewer);
        String arrays = problem(r -> ((ArrayNode) tree(r, 0).path("base_weights")).remove(0));
        assertEquals(true, arrays.matches("learner\\.gradient_booster\\.model\\.trees\\[0]\\.base_weights has \\d+ entries but num_nodes=\\d+"), arrays);
        assertEquals(true, problem(model, 4).startsWith("learner.learner_model_param.num_feature=3 but the model card lists 4 features"));
    }

    @Test void theObjectiveMustBeTheCardsAndSplitsNumeric() throws IOException {
        assertEquals("learner.objective.name=binary:logistic but the model card says objective=reg:squarederror: the files come from different models",
                assertThrows(IOException.class, () -> XGBoostModelFile.check(model, 3, "reg:squarederror")).getMessage());
        assertEquals("learner.gradient_booster.model.trees[0].split_type[0]=1: must be 0 (a numeric split): Holdout trains no categorical splits",
                problem(r -> ((ArrayNode) tree(r, 0).path("split_type")).set(0, 1)));
        JsonNode root = JSON.readTree(model);
        assertEquals(3, root.path("version").size());
    }

    static String problem(byte[] bytes, int features) {
        return assertThrows(IOException.class, () -> XGBoostModelFile.check(bytes, features, "binary:logistic")).getMessage();
    }
}
