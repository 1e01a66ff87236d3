package dev.holdout.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One step of a {@link Pipeline} as the file defines it, checked: its inputs, the outputs it declares (paths inside
 * its output folder), the steps it waits for, its cache settings and what it does ({@link Action}).
 *
 * @param name       unique within the pipeline ({@code [A-Za-z0-9_-]+})
 * @param type       the step type
 * @param inputs     input name → where it comes from, in file order
 * @param outputs    output name → path inside the step's output folder ({@code ""}: the folder itself)
 * @param dependsOn  every step this one waits for: producers of its inputs, {@code depends_on}, the condition whose
 *                   branch lists it, the steps its {@code json_get} values read
 * @param cache      whether a successful earlier run with the same definition and input contents is reused, and for how long
 * @param definition the step's JSON as written (part of its cache key)
 * @param action     what it does
 */
public record StepSpec(String name, StepType type, Map<String, StepInput> inputs, Map<String, String> outputs,
                       List<String> dependsOn, Cache cache, JsonNode definition, Action action) {

    public StepSpec {
        inputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(inputs));
        outputs = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(outputs));
        dependsOn = List.copyOf(dependsOn);
    }

    /**
     * SageMaker's {@code CacheConfig}: {@code "cache": {"enabled": true, "expire_after": "P30D"}}. Enabled by
     * default here (the key is the inputs' contents, so a hit is never stale data); no expiry unless given.
     */
    public record Cache(boolean enabled, Duration expireAfter) {
        public static final Cache DEFAULT = new Cache(true, null);
    }

    /** What a step does, by type. */
    public sealed interface Action permits Processing, Training, Evaluation, ConditionStep, RegisterModel, Transform, Fail {}

    /**
     * A Processing step: {@code holdout} (a verb and its arguments, run in this JVM), {@code command} (an external
     * program, run in the step's folder) or {@code preprocessing} (a preprocessing spec fitted on input {@code train}).
     * Arguments may use {@code ${inputs.NAME}}, {@code ${output}} and {@code ${parameters.NAME}}.
     */
    public record Processing(Kind kind, List<String> args, JsonNode preprocessing) implements Action {
        public enum Kind { HOLDOUT, COMMAND, PREPROCESSING }
        public Processing { args = List.copyOf(args); }
    }

    /** A training job: the {@code holdout train} spec without {@code channels} and {@code output} (those are inputs and the step's folder). */
    public record Training(JsonNode job, String objective) implements Action {}

    /** Metrics of input {@code model} on input {@code data}, into {@code evaluation.json}. */
    public record Evaluation() implements Action {}

    /** Conditions, all of which must hold for {@code ifSteps} to run, else {@code elseSteps}. */
    public record ConditionStep(List<Condition> conditions, List<String> ifSteps, List<String> elseSteps) implements Action {
        public ConditionStep {
            conditions = List.copyOf(conditions);
            ifSteps = List.copyOf(ifSteps);
            elseSteps = List.copyOf(elseSteps);
        }
    }

    /** Registers input {@code model} into {@code group} with {@code status}. */
    public record RegisterModel(String group, String status, String description) implements Action {}

    /** Scores input {@code data} with input {@code model}; {@code joinSource} keeps the input columns. */
    public record Transform(boolean joinSource, int threads) implements Action {}

    /** Stops the execution: the message is the parts joined (each a literal, a parameter or a json_get). */
    public record Fail(List<Value> message) implements Action {
        public Fail { message = List.copyOf(message); }
    }

    @Override public String toString() { return name + " (" + type + ")"; }
}
