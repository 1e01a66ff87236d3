package dev.holdout.workflow;

import dev.holdout.data.Columns;
import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import java.util.List;

/** The kinds of pipeline step, named as in SageMaker Pipelines. */
public enum StepType {
    /** A Holdout verb, a preprocessing fit, or an external command, with {@code input/} and {@code output/} folders. */
    PROCESSING("Processing"),
    /** A training job (the same spec as {@code holdout train}); its output is the job folder. */
    TRAINING("Training"),
    /** Metrics of a model on a dataset, written as the property file {@code evaluation.json}. */
    EVALUATION("Evaluation"),
    /** Conditions on property-file values: all hold → {@code if_steps}, else {@code else_steps}. */
    CONDITION("Condition"),
    /** Registers a model into the model registry with an approval status. */
    REGISTER_MODEL("RegisterModel"),
    /** Batch scoring of a dataset with a model ({@code holdout transform}'s engine). */
    TRANSFORM("Transform"),
    /** Stops the execution as failed, with a message. */
    FAIL("Fail");

    private final String id;

    StepType(String id) { this.id = id; }

    /** The name in pipeline files: {@code Processing}, {@code Training}, ... */
    public String id() { return id; }

    /** Whether a step of this type does work worth caching (conditions and failures are evaluated every time). */
    public boolean cacheable() { return this != CONDITION && this != FAIL; }

    static List<String> ids() { return Arrays.stream(values()).map(StepType::id).toList(); }

    static StepType parse(String text, String param) {
        for (StepType t : values()) if (t.id.equals(text)) return t;
        String hint = Columns.closest(text, ids());
        throw DataValidationException.param(param, text, "is not a step type",
                (hint != null ? "did you mean '" + hint + "'? " : "") + "use one of " + ids());
    }

    @Override public String toString() { return id; }
}
