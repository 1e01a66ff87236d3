package dev.holdout.train;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import tech.tablesaw.api.Table;

/**
 * What a training job needs from preprocessing: an unfitted spec, fitted on the train channel only,
 * giving a fitted transform that the model folder stores so {@code predict} applies exactly the
 * training transform. Bridges to {@code dev.holdout.preprocess}.
 *
 * <pre>{@code
 * Preprocessing none = Preprocessing.none();
 * Preprocessing.Fitted f = none.fit(train);   // identity
 * f.transform(test);                           // same table
 * }</pre>
 */
public interface Preprocessing {

    /** Fits on the train rows; the result is the only thing that can transform. */
    Fitted fit(Table train);

    /** The spec as JSON (recorded in the job folder). */
    JsonNode toJson();

    /** A fitted transform with a JSON form (written to {@code model/preprocessor.json}). */
    interface Fitted {
        Table transform(Table table);

        JsonNode toJson();
    }

    /** No preprocessing: columns pass through unchanged. */
    static Preprocessing none() { return Identity.INSTANCE; }

    /** The identity transform. */
    enum Identity implements Preprocessing, Fitted {
        INSTANCE;

        @Override public Fitted fit(Table train) { return this; }

        @Override public Table transform(Table table) { return table; }

        @Override public JsonNode toJson() {
            var node = JsonNodeFactory.instance.objectNode();
            node.putArray("steps");
            return node;
        }

        @Override public String toString() { return "Preprocessing[none]"; }
    }
}
