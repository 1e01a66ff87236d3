package dev.holdout.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads the job spec's "preprocessing" node and a model folder's fitted preprocessor (bridge to dev.holdout.preprocess). */
final class PreprocessingSpecs {
    private PreprocessingSpecs() {}

    static Preprocessing fromJson(JsonNode node) {
        if (node == null || node.isNull()) return Preprocessing.none();
        JsonNode steps = node.path("steps");
        if (node.isObject() && steps.isArray() && steps.isEmpty()) return Preprocessing.none();
        throw DataValidationException.param("preprocessing", node, "preprocessing steps are not available in this build yet",
                "use \"preprocessing\": {\"steps\": []}");
    }

    static Preprocessing.Fitted loadFitted(Path file) throws IOException {
        if (!Files.isRegularFile(file)) throw new IOException("missing " + file.getFileName());
        JsonNode node = new ObjectMapper().readTree(file.toFile());
        JsonNode steps = node.path("steps");
        if (steps.isArray() && steps.isEmpty()) return Preprocessing.Identity.INSTANCE;
        throw new IOException("unsupported fitted preprocessor in " + file.getFileName());
    }
}
