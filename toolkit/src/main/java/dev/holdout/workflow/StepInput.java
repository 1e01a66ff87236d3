package dev.holdout.workflow;

/**
 * Where a step input comes from: a file or folder (its path may use {@code ${parameters.NAME}}; relative paths
 * are resolved against the pipeline file's folder), or another step's output, written
 * {@code steps.STEP.outputs.NAME} as in SageMaker's property references.
 *
 * <pre>{@code
 * "inputs": {"data": "${parameters.data}", "train": "steps.split.outputs.train"}
 * }</pre>
 */
public sealed interface StepInput permits StepInput.File, StepInput.Output {

    /** A path template. */
    record File(String template) implements StepInput {
        @Override public String toString() { return template; }
    }

    /** Another step's output. */
    record Output(String step, String output) implements StepInput {
        @Override public String toString() { return "steps." + step + ".outputs." + output; }
    }

    /** Reads {@code steps.X.outputs.Y} as an output reference, anything else as a path. */
    static StepInput parse(String text) {
        if (text.startsWith("steps.")) {
            String rest = text.substring("steps.".length());
            int dot = rest.indexOf(".outputs.");
            if (dot > 0 && !rest.substring(dot + ".outputs.".length()).isEmpty()) {
                return new Output(rest.substring(0, dot), rest.substring(dot + ".outputs.".length()));
            }
            throw dev.holdout.data.DataValidationException.param("input", text, "is not a step output reference",
                    "write steps.STEP.outputs.NAME (e.g. steps.split.outputs.train), or a path that does not start with 'steps.'");
        }
        return new File(text);
    }
}
