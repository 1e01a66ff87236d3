package dev.holdout.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code holdout pipeline}: a bad pipeline file or option is exit 2 with the field, the rule and the fix, before
 * any step runs — no step folder, and no store file (nothing was recorded).
 */
class PipelineCasesTest {
    private static final String TRAIN = "{\"name\": \"train\", \"type\": \"Training\", \"inputs\": {\"train\": \"train.csv\", \"validation\": \"validation.csv\"},"
            + " \"job\": {\"label\": \"y\", \"hyperparameters\": {\"num_round\": \"5\", \"objective\": \"binary:logistic\"}}}";
    private static final String EVALUATE = "{\"name\": \"evaluate\", \"type\": \"Evaluation\", \"inputs\": {\"model\": \"steps.train.outputs.model\", \"data\": \"validation.csv\"}}";

    private static String step(String name, String inputs) {
        return "{\"name\": \"" + name + "\", \"type\": \"Processing\", \"inputs\": {" + inputs + "}, \"command\": [\"true\"], \"outputs\": {\"out\": \"out.txt\"}}";
    }

    private static BadInput pipeline(String name, String body, String regex, String... more) {
        String[] args = new String[4 + more.length];
        args[0] = "pipeline";
        args[1] = "run";
        args[2] = "{dir}/p.json";
        args[3] = "--store={dir}/store.duckdb";
        System.arraycopy(more, 0, args, 4, more.length);
        return BadInput.of("pipeline: " + name)
                .setup(d -> {
                    Files.writeString(d.resolve("p.json"), body);
                    Files.writeString(d.resolve("in.txt"), "x\n");
                })
                .args(args)
                .expect(2, regex);
    }

    private static String steps(String params, String... steps) {
        return "{\"name\": \"p\", \"parameters\": {" + params + "}, \"steps\": [" + String.join(", ", steps) + "]}";
    }

    static Stream<BadInput> cases() {
        return Stream.of(
                pipeline("a cycle", steps("", step("a", "\"x\": \"steps.c.outputs.out\""), step("b", "\"x\": \"steps.a.outputs.out\""),
                        step("c", "\"x\": \"steps.b.outputs.out\"")), "steps=(a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c).*form a cycle"),
                pipeline("an output nobody writes", steps("", step("a", "\"x\": \"in.txt\""), step("b", "\"x\": \"steps.a.outputs.outt\"")),
                        "steps\\[1\\]\\.inputs\\.x.*step a does not write.*did you mean 'steps\\.a\\.outputs\\.out'"),
                pipeline("a producer that does not exist", steps("", step("split", "\"x\": \"in.txt\""), step("b", "\"x\": \"steps.splt.outputs.out\"")),
                        "no step is named splt.*did you mean 'split'"),
                pipeline("a condition on a JSON path the property file does not have", steps("", TRAIN, EVALUATE,
                        "{\"name\": \"gate\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"GreaterThan\", \"left\": {\"json_get\": {\"step\": \"evaluate\","
                                + " \"path\": \"metrics.auc\"}}, \"right\": 0.7}], \"if_steps\": [\"a\"]}", step("a", "\"x\": \"in.txt\"")),
                        "json_get\\.path=metrics\\.auc.*is not a path in step evaluate's evaluation\\.json.*did you mean 'metrics\\.roc_auc'"),
                pipeline("a regression metric for a classifier", steps("", TRAIN, EVALUATE,
                        "{\"name\": \"gate\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"LessThan\", \"left\": {\"json_get\": {\"step\": \"evaluate\","
                                + " \"path\": \"metrics.rmse\"}}, \"right\": 3}], \"if_steps\": [\"a\"]}", step("a", "\"x\": \"in.txt\"")),
                        "path=metrics\\.rmse.*its paths are \\[rows, label, objective, metrics\\.accuracy"),
                pipeline("json_get on a step that is not an Evaluation", steps("", step("a", "\"x\": \"in.txt\""),
                        "{\"name\": \"stop\", \"type\": \"Fail\", \"message\": [{\"json_get\": {\"step\": \"a\", \"path\": \"rows\"}}]}"),
                        "json_get reads an Evaluation step's property file; step a is Processing"),
                pipeline("an unknown key", steps("", "{\"name\": \"a\", \"type\": \"Processing\", \"dependson\": [], \"command\": [\"true\"], \"outputs\": {\"o\": \"o\"}}"),
                        "steps\\[0\\]\\.dependson.*unknown key.*did you mean 'depends_on'"),
                pipeline("an unknown top-level key", "{\"name\": \"p\", \"step\": []}", "step=.*unknown key.*did you mean 'steps'"),
                pipeline("a wrong type", steps("", step("a", "\"x\": \"in.txt\""),
                        "{\"name\": \"gate\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"Equals\", \"left\": 1, \"right\": 1}], \"if_steps\": \"a\"}"),
                        "steps\\[1\\]\\.if_steps.*must be a list of strings, not a string"),
                pipeline("an unknown step type", steps("", "{\"name\": \"a\", \"type\": \"Procesing\"}"), "type=Procesing.*did you mean 'Processing'"),
                pipeline("an unknown condition type", steps("", step("a", "\"x\": \"in.txt\""),
                        "{\"name\": \"gate\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"GreaterOrEqual\", \"left\": 1, \"right\": 1}], \"if_steps\": [\"a\"]}"),
                        "type=GreaterOrEqual.*did you mean 'GreaterThan'"),
                pipeline("a registry group with a slash", steps("", TRAIN,
                        "{\"name\": \"register\", \"type\": \"RegisterModel\", \"inputs\": {\"model\": \"steps.train.outputs.model\"}, \"group\": \"team/rain\"}"),
                        "group=team/rain.*must not contain '/' or '@'"),
                pipeline("a registry group with an at sign", steps("", TRAIN,
                        "{\"name\": \"register\", \"type\": \"RegisterModel\", \"inputs\": {\"model\": \"steps.train.outputs.model\"}, \"group\": \"rain@prod\"}"),
                        "group=rain@prod.*must not contain '/' or '@'"),
                pipeline("a version registered Rejected", steps("", TRAIN,
                        "{\"name\": \"register\", \"type\": \"RegisterModel\", \"inputs\": {\"model\": \"steps.train.outputs.model\"}, \"group\": \"rain\", \"status\": \"Rejected\"}"),
                        "status=Rejected.*a new version starts PendingManualApproval or Approved"),
                pipeline("an unknown parameter on the command line", steps("\"min_auc\": {\"type\": \"Float\", \"default\": 0.7}", step("a", "\"x\": \"in.txt\"")),
                        "--param=min_acu=0\\.8.*has no parameter min_acu.*did you mean 'min_auc'", "--param", "min_acu=0.8"),
                pipeline("a parameter value of the wrong type", steps("\"min_auc\": {\"type\": \"Float\", \"default\": 0.7}", step("a", "\"x\": \"in.txt\"")),
                        "--param min_auc=high.*must be a number", "--param", "min_auc=high"),
                pipeline("a parameter given twice", steps("\"min_auc\": {\"type\": \"Float\", \"default\": 0.7}", step("a", "\"x\": \"in.txt\"")),
                        "gives min_auc twice", "--param", "min_auc=0.7", "--param", "min_auc=0.8"),
                pipeline("an undefined placeholder", steps("\"data\": {\"default\": \"in.txt\"}", step("a", "\"x\": \"${parameters.dta}\"")),
                        "refers to \\$\\{parameters\\.dta}.*did you mean '\\$\\{parameters\\.data}'"),
                pipeline("a condition on an undefined parameter", steps("\"min_auc\": {\"type\": \"Float\", \"default\": 0.7}", step("a", "\"x\": \"in.txt\""),
                        "{\"name\": \"gate\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"Equals\", \"left\": {\"parameter\": \"min_ac\"}, \"right\": 1}], \"if_steps\": [\"a\"]}"),
                        "no parameter is named min_ac.*did you mean 'min_auc'"),
                pipeline("expire_after that is not an ISO-8601 duration",
                        steps("", "{\"name\": \"a\", \"type\": \"Processing\", \"command\": [\"true\"], \"outputs\": {\"o\": \"o\"}, \"cache\": {\"expire_after\": \"30 days\"}}"),
                        "expire_after=30 days.*ISO-8601.*P30D"),
                pipeline("a cache on a Fail step", steps("", "{\"name\": \"stop\", \"type\": \"Fail\", \"cache\": {\"enabled\": true}}"),
                        "Fail steps are evaluated every time"),
                pipeline("a verb a step cannot run", steps("", "{\"name\": \"a\", \"type\": \"Processing\", \"holdout\": [\"splt\"], \"outputs\": {\"o\": \"o\"}}"),
                        "holdout\\[0\\]=splt.*did you mean 'split'"),
                pipeline("channels inside a Training step's job", steps("", "{\"name\": \"train\", \"type\": \"Training\", \"inputs\": {\"train\": \"in.txt\"},"
                        + " \"job\": {\"label\": \"y\", \"channels\": {\"train\": \"x.csv\"}, \"hyperparameters\": {}}}"), "job\\.channels.*is set by the pipeline"),
                pipeline("a hyperparameter the learner does not use", steps("", "{\"name\": \"train\", \"type\": \"Training\", \"inputs\": {\"train\": \"in.txt\"},"
                        + " \"job\": {\"label\": \"y\", \"hyperparameters\": {\"max_dept\": \"4\"}}}"), "max_dept"),
                pipeline("two steps with one name", steps("", step("a", "\"x\": \"in.txt\""), step("a", "\"x\": \"in.txt\"")), "names two steps"),
                pipeline("a step in two branches", steps("", step("a", "\"x\": \"in.txt\""),
                        "{\"name\": \"g1\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"Equals\", \"left\": 1, \"right\": 1}], \"if_steps\": [\"a\"]}",
                        "{\"name\": \"g2\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"Equals\", \"left\": 1, \"right\": 1}], \"else_steps\": [\"a\"]}"),
                        "is already listed in a branch of g1"),
                pipeline("a parallelism of 0", steps("", step("a", "\"x\": \"in.txt\"")), "--parallelism=0.*must be 1\\.\\.64", "--parallelism", "0"),
                pipeline("an execution to resume that does not exist", steps("", step("a", "\"x\": \"in.txt\"")),
                        "EXECUTION=p-7.*no execution is recorded", "--resume", "p-7"),
                BadInput.of("pipeline: a file that does not exist").args("pipeline", "run", "{dir}/nope.json").expect(2, "nope\\.json.*does not exist"),
                BadInput.of("pipeline: executions of a pipeline never run")
                        .args("pipeline", "executions", "quickstart", "--store={dir}/store.duckdb").expect(2, "NAME=quickstart.*no execution"),
                BadInput.of("pipeline: show an execution in a store that does not exist")
                        .args("pipeline", "show", "quickstart-1", "--store={dir}/store.duckdb").expect(2, "EXECUTION=quickstart-1.*store does not exist yet"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
