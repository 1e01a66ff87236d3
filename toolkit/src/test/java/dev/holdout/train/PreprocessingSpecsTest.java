package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.data.DataValidationException;
import dev.holdout.preprocess.Imputer;
import dev.holdout.preprocess.OutlierHandler;
import dev.holdout.preprocess.Preprocessor;
import dev.holdout.preprocess.TargetEncoder;
import org.junit.jupiter.api.Test;

class PreprocessingSpecsTest {
    final ObjectMapper m = new ObjectMapper();

    JsonNode steps(String stepsJson) throws Exception {
        return m.readTree("{\"steps\": [" + stepsJson + "]}");
    }

    String error(String stepsJson) throws Exception {
        JsonNode n = steps(stepsJson);
        return assertThrows(DataValidationException.class, () -> PreprocessingSpecs.fromJson(n)).getMessage();
    }

    @Test void unknownKeysInAStepAreRefusedWithTheClosest() throws Exception {
        String e = error("{\"step\": \"impute\", \"stratgy\": \"mean\", \"columns\": [\"a\"]}");
        assertTrue(e.contains("preprocessing.steps[0].stratgy=\"mean\"") || e.contains("preprocessing.steps[0].stratgy=mean"), e);
        assertTrue(e.contains("did you mean 'strategy'?"), e);
        assertTrue(error("{\"step\": \"standard_scaler\", \"columns\": [\"a\"], \"unknown\": \"ignore\"}").contains("valid keys are [step, columns]"));
    }

    @Test void enumValuesAreStrictAndListTheValidOnes() throws Exception {
        String method = error("{\"step\": \"outliers\", \"method\": \"zscore\", \"columns\": [\"a\"]}");
        assertTrue(method.contains("preprocessing.steps[0].method=zscore") && method.contains("did you mean 'z_score'?")
                && method.contains("[iqr, z_score]"), method);
        String unknown = error("{\"step\": \"one_hot\", \"unknown\": \"skip\", \"columns\": [\"a\"]}");
        assertTrue(unknown.contains("preprocessing.steps[0].unknown=skip") && unknown.contains("[error, ignore, infrequent]"), unknown);
        assertTrue(!unknown.contains("No enum constant"), unknown);
        String strategy = error("{\"step\": \"impute\", \"strategy\": \"meen\", \"columns\": [\"a\"]}");
        assertTrue(strategy.contains("strategy=meen") && strategy.contains("did you mean 'mean'?"), strategy);
        assertTrue(error("{\"step\": \"outliers\", \"action\": \"drop\", \"columns\": [\"a\"]}").contains("[clip, flag]"));
        assertTrue(error("{\"step\": \"scaler\", \"columns\": [\"a\"]}").contains("steps[0].step=scaler"));
    }

    @Test void optionsAreReadAndWrittenBackInTheSameSchema() throws Exception {
        JsonNode spec = steps("""
                {"step": "impute", "strategy": "constant", "value": -1.0, "indicator": true, "columns": ["a"]},
                {"step": "impute", "strategy": "constant", "value": "none", "columns": ["c"]},
                {"step": "impute", "strategy": "mean", "columns": ["b"]},
                {"step": "standard_scaler", "columns": ["a", "b"]},
                {"step": "one_hot", "unknown": "infrequent", "min_frequency": 3, "columns": ["c"]},
                {"step": "target_encoder", "label": "y", "folds": 3, "smooth": 2.5, "seed": 9, "columns": ["d"]},
                {"step": "target_encoder", "label": "y", "folds": 5, "smooth": "auto", "seed": 0, "columns": ["e"]},
                {"step": "outliers", "method": "z_score", "factor": 2.5, "action": "flag", "columns": ["b"]},
                {"step": "log1p", "columns": ["b"]}""");
        Preprocessor p = PreprocessingSpecs.fromJson(spec);
        var mean = (Imputer) p.steps().get(2);
        assertEquals(Imputer.Strategy.MEAN, mean.strategy());
        var te = (TargetEncoder) p.steps().get(5);
        assertEquals(3, te.folds());
        assertEquals(2.5, te.smoothing());
        assertEquals(9L, te.seed());
        var o = (OutlierHandler) p.steps().get(7);
        assertEquals(OutlierHandler.Method.Z_SCORE, o.method());
        assertEquals(2.5, o.factor());
        assertEquals(OutlierHandler.Action.FLAG, o.action());
        JsonNode written = PreprocessingSpecs.toJson(p);
        assertEquals(m.readTree(spec.toString()).get("steps").size(), written.get("steps").size());
        // written back in the schema the parser reads, and read again to the same steps
        Preprocessor again = PreprocessingSpecs.fromJson(written);
        assertEquals(p.steps().toString(), again.steps().toString());
        assertEquals(written, PreprocessingSpecs.toJson(again));
        // scikit-learn's key is the one written; the older "unknown" still reads, both at once is an error
        assertEquals("infrequent", written.get("steps").get(4).get("handle_unknown").asText());
        Preprocessor sk = PreprocessingSpecs.fromJson(steps("{\"step\": \"one_hot\", \"handle_unknown\": \"ignore\", \"columns\": [\"c\"]}"));
        assertEquals(dev.holdout.preprocess.UnknownPolicy.IGNORE, ((dev.holdout.preprocess.OneHotEncoder) sk.steps().get(0)).unknown());
        assertTrue(error("{\"step\": \"one_hot\", \"handle_unknown\": \"ignore\", \"unknown\": \"error\", \"columns\": [\"c\"]}")
                .contains("keep only \"handle_unknown\""));
        // an unseen category at transform time names the JSON key to set, not a Java call
        tech.tablesaw.api.Table train = tech.tablesaw.api.Table.create("train", tech.tablesaw.api.StringColumn.create("c", "a", "b"));
        tech.tablesaw.api.Table later = tech.tablesaw.api.Table.create("later", tech.tablesaw.api.StringColumn.create("c", "z"));
        var unseen = org.junit.jupiter.api.Assertions.assertThrows(dev.holdout.data.DataValidationException.class,
                () -> PreprocessingSpecs.fromJson(steps("{\"step\": \"one_hot\", \"columns\": [\"c\"]}")).fit(train).transform(later));
        assertTrue(unseen.getMessage().contains("\"handle_unknown\": \"ignore\"") && !unseen.getMessage().contains("onUnknown"), unseen.getMessage());
        for (int i = 0; i < spec.get("steps").size(); i++) {
            assertEquals(spec.get("steps").get(i).get("step"), written.get("steps").get(i).get("step"));
        }
        assertEquals("none", written.get("steps").get(1).get("value").asText());
        assertEquals(-1.0, written.get("steps").get(0).get("value").asDouble());
    }
}
