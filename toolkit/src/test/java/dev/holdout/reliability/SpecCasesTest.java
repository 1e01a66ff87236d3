package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The strict JSON reader and the label rules, through the real CLI: every rule for train specs, tuning
 * specs, preprocessing steps and split.json, and labels a job cannot learn from (one class; text for a
 * regression objective). Each row starts from a spec that works and breaks one thing.
 */
class SpecCasesTest {
    /** A small binary table: 24 rows, two features, label y in {0, 1}. */
    static String binaryCsv() {
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 24; i++) sb.append(i).append(',').append((i * 7) % 5).append(',').append(i % 3 == 0 ? 1 : 0).append('\n');
        return sb.toString();
    }

    static String csvWithLabel(String... labels) {
        StringBuilder sb = new StringBuilder("a,b,y\n");
        for (int i = 0; i < 24; i++) sb.append(i).append(',').append((i * 7) % 5).append(',').append(labels[i % labels.length]).append('\n');
        return sb.toString();
    }

    static final String JOB = """
            {"name": "job", "label": "y", "features": ["a", "b"],
             "hyperparameters": {"num_round": "3", "objective": "binary:logistic", "max_depth": "2", "seed": "1", "nthread": "1"},
             "channels": {"train": "train.csv"},
             "preprocessing": {"steps": [{"step": "standard_scaler", "columns": ["a"]}]}}
            """;

    /** A train row: {@code JOB} changed by {@code edit}, run with --output inside the folder. */
    static BadInput train(String name, UnaryOperator<String> edit, String regex) {
        return train(name, binaryCsv(), edit, regex);
    }

    static BadInput train(String name, String csv, UnaryOperator<String> edit, String regex) {
        return BadInput.of("train: " + name)
                .setup(d -> {
                    Files.writeString(d.resolve("train.csv"), csv);
                    Files.writeString(d.resolve("job.json"), edit.apply(JOB));
                })
                .args("train", "--config", "{dir}/job.json", "--output", "{dir}/out")
                .expect(2, regex);
    }

    static UnaryOperator<String> replace(String from, String to) {
        return s -> {
            if (!s.contains(from)) throw new AssertionError("the base spec has no '" + from + "'");
            return s.replace(from, to);
        };
    }

    static final String TUNE = """
            {"data": {"csv": "data.csv"},
             "split": {"testSize": 0.25, "validationSize": 0.25, "seed": 1},
             "training": {"label": "y", "hyperparameters": {"num_round": "3", "objective": "binary:logistic", "seed": "1"}},
             "HyperParameterTuningJobConfig": {
               "Strategy": "Random",
               "HyperParameterTuningJobObjective": {"MetricName": "validation:logloss"},
               "ResourceLimits": {"MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 1},
               "ParameterRanges": {"IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "3"}]},
               "RandomSeed": 7}}
            """;

    static BadInput tune(String name, UnaryOperator<String> edit, String regex) {
        return tune(name, binaryCsv(), edit, regex);
    }

    static BadInput tune(String name, String csv, UnaryOperator<String> edit, String regex) {
        return BadInput.of("tune: " + name)
                .setup(d -> {
                    Files.writeString(d.resolve("data.csv"), csv);
                    Files.writeString(d.resolve("tuning.json"), edit.apply(TUNE));
                })
                .args("tune", "--config", "{dir}/tuning.json", "--output", "{dir}/out")
                .expect(2, regex);
    }

    static Stream<BadInput> trainSpecs() {
        return Stream.of(
                train("an unknown key names the closest one", replace("\"features\"", "\"featurs\""),
                        "featurs=\\[\"a\",\"b\"\\]: unknown key; did you mean 'features'\\?"),
                train("a duplicate key", replace("\"name\": \"job\",", "\"name\": \"job\", \"name\": \"other\","),
                        "job\\.json:1: duplicate key 'name'.*remove one"),
                train("trailing garbage after the object", s -> s + "{\"label\": \"y\"}\n",
                        "job\\.json:\\d+: text after the end of the JSON value"),
                train("a stray closing brace", s -> s.strip() + "}\n", "job\\.json:\\d+: text after the end of the JSON value"),
                train("a comment is not JSON", s -> "// my job\n" + s, "job\\.json:1: not valid JSON"),
                train("an empty file", s -> "", "job\\.json: the file is empty"),
                train("a list at the top level", s -> "[" + s + "]", "top level must be a JSON object"),
                train("features as a string", replace("\"features\": [\"a\", \"b\"]", "\"features\": \"a\""),
                        "features=a: must be a list of strings, not a string"),
                train("a feature that is a number", replace("\"features\": [\"a\", \"b\"]", "\"features\": [\"a\", 2]"),
                        "features\\[1\\]=2: must be a string, not a whole number"),
                train("features listing a column twice", replace("\"features\": [\"a\", \"b\"]", "\"features\": [\"a\", \"b\", \"a\"]"),
                        "features=\\[a, b, a\\]: lists 'a' twice"),
                train("channels as a string", replace("\"channels\": {\"train\": \"train.csv\"}", "\"channels\": \"train.csv\""),
                        "channels=train.csv: must be a JSON object, not a string"),
                train("an unknown channel", replace("{\"train\": \"train.csv\"}", "{\"train\": \"train.csv\", \"tset\": \"t.csv\"}"),
                        "channels\\.tset=t\\.csv: unknown key in channels; did you mean 'test'|channels\\.tset=t\\.csv: unknown key in channels"),
                train("a seed that does not fit in 64 bits", replace("\"seed\": \"1\"", "\"seed\": \"99999999999999999999\""),
                        "seed=99999999999999999999: does not fit in a 64-bit integer"),
                train("a seed as a JSON number beyond 64 bits", replace("\"seed\": \"1\"", "\"seed\": 18446744073709551616"),
                        "seed=18446744073709551616: does not fit in a 64-bit integer"),
                train("a fractional seed", replace("\"seed\": \"1\"", "\"seed\": 1.5"), "seed=1\\.5: must be a whole number"),
                train("a hyperparameter that is a list", replace("\"max_depth\": \"2\"", "\"max_depth\": [2]"),
                        "hyperparameters\\.max_depth=\\[2\\]: must be a string, a number or true/false, not a list"),
                train("a misspelt hyperparameter", replace("\"max_depth\"", "\"max_dept\""),
                        "max_dept=2: unknown hyperparameter; did you mean 'max_depth'\\?"),
                train("NaN as eta", replace("\"max_depth\": \"2\"", "\"eta\": \"NaN\""), "eta=NaN: must be a number"),
                train("CART given eta", s -> s.replace("\"max_depth\": \"2\"", "\"eta\": \"0.1\"").replace("\"num_round\": \"3\", ", "")
                                .replace("\"name\": \"job\",", "\"name\": \"job\", \"algorithm\": \"cart\","),
                        "eta=0\\.1: algorithm=cart does not use this hyperparameter \\(cart reads \\[objective, num_class, max_depth, min_samples_leaf, criterion, max_features, seed\\]\\).*remove \"eta\""),
                train("logistic regression given max_depth", s -> s.replace("\"num_round\": \"3\", ", "")
                                .replace("\"name\": \"job\",", "\"name\": \"job\", \"algorithm\": \"logistic-regression\","),
                        "max_depth=2: algorithm=logistic-regression does not use this hyperparameter"),
                train("CART given nthread", replace("\"name\": \"job\",", "\"name\": \"job\", \"algorithm\": \"cart\","),
                        "nthread=1: algorithm=cart does not use this hyperparameter"),
                train("an eval_metric of another objective", replace("\"max_depth\": \"2\"", "\"eval_metric\": \"rmse\""),
                        "eval_metric=rmse: must be one of \\[logloss, error, auc, aucpr\\] for objective=binary:logistic"));
    }

    static Stream<BadInput> preprocessingSteps() {
        return Stream.of(
                train("a step's unknown key", replace("{\"step\": \"standard_scaler\", \"columns\": [\"a\"]}",
                                "{\"step\": \"impute\", \"stratgy\": \"mean\", \"columns\": [\"a\"]}"),
                        "preprocessing\\.steps\\[0\\]\\.stratgy=mean: unknown key in preprocessing\\.steps\\[0\\]; did you mean 'strategy'\\?"),
                train("a step's columns as a string", replace("\"columns\": [\"a\"]", "\"columns\": \"a\""),
                        "preprocessing\\.steps\\[0\\]\\.columns=a: must be a list of strings, not a string"),
                train("a step listing a column twice", replace("\"columns\": [\"a\"]", "\"columns\": [\"a\", \"a\"]"),
                        "preprocessing\\.steps\\[0\\]\\.columns=\\[a, a\\]: lists 'a' twice"),
                train("a step that is not an object", replace("{\"step\": \"standard_scaler\", \"columns\": [\"a\"]}", "\"standard_scaler\""),
                        "preprocessing\\.steps\\[0\\]=standard_scaler: must be a JSON object, not a string"),
                train("a step key given twice", replace("{\"step\": \"standard_scaler\", \"columns\": [\"a\"]}",
                                "{\"step\": \"standard_scaler\", \"columns\": [\"a\"], \"columns\": [\"b\"]}"),
                        "job\\.json:\\d+: duplicate key 'columns'"),
                train("target encoder folds not whole", replace("{\"step\": \"standard_scaler\", \"columns\": [\"a\"]}",
                                "{\"step\": \"target_encoder\", \"columns\": [\"b\"], \"label\": \"y\", \"folds\": 2.5}"),
                        "preprocessing\\.steps\\[0\\]\\.folds=2\\.5: must be a whole number"),
                train("target encoder seed beyond 64 bits", replace("{\"step\": \"standard_scaler\", \"columns\": [\"a\"]}",
                                "{\"step\": \"target_encoder\", \"columns\": [\"b\"], \"label\": \"y\", \"seed\": 99999999999999999999}"),
                        "preprocessing\\.steps\\[0\\]\\.seed=99999999999999999999: does not fit in a 64-bit integer"),
                train("outlier factor as text", replace("{\"step\": \"standard_scaler\", \"columns\": [\"a\"]}",
                                "{\"step\": \"outliers\", \"columns\": [\"a\"], \"factor\": \"big\"}"),
                        "preprocessing\\.steps\\[0\\]\\.factor=big: must be a number"),
                train("preprocessing without steps", replace("{\"steps\": [{\"step\": \"standard_scaler\", \"columns\": [\"a\"]}]}", "{\"step\": []}"),
                        "preprocessing\\.step=\\[\\]: unknown key in preprocessing; did you mean 'steps'\\?"));
    }

    static Stream<BadInput> labels() {
        return Stream.of(
                train("a label with one class", csvWithLabel("1"), s -> s,
                        "label=y: the train channel \\(.*train\\.csv\\) has only one class, '1', in all 24 rows; a classifier needs at least two classes"
                                + ".*stratified --label y")
                        .mayLeaveOutput()
                        .then((d, r) -> {
                            assertFalse(Files.exists(d.resolve("out/model")), "no model from one class");
                            assertTrue(Files.readString(d.resolve("out/output/failure")).contains("only one class"));
                        }),
                train("a text label for reg:squarederror", csvWithLabel("low", "high", "mid"),
                        replace("\"objective\": \"binary:logistic\"", "\"objective\": \"reg:squarederror\""),
                        "label=y: objective=reg:squarederror needs a numeric label, but the train channel \\(.*train\\.csv\\) holds text values "
                                + "\\[high, low, mid\\]; choose a classification objective")
                        .mayLeaveOutput()
                        .then((d, r) -> assertFalse(Files.exists(d.resolve("out/model")))),
                train("text classes for binary:logistic", csvWithLabel("no", "yes"), s -> s,
                        "holds text classes \\[no, yes\\]; map them to numbers in the label order first \\(no=0, yes=1\\)")
                        .mayLeaveOutput(),
                tune("a label with one class", csvWithLabel("1"), s -> s,
                        "label=y: the train channel \\(.*data\\.csv \\(train part\\)\\) has only one class, '1'"),
                tune("a text label for reg:squarederror", csvWithLabel("low", "high"),
                        replace("\"objective\": \"binary:logistic\"", "\"objective\": \"reg:squarederror\"")
                                .andThen(s -> s.replace("validation:logloss", "validation:rmse"))::apply,
                        "label=y: objective=reg:squarederror needs a numeric label, but the train channel .* holds text values \\[high, low\\]"));
    }

    static Stream<BadInput> tuneSpecs() {
        return Stream.of(
                tune("an unknown top-level key", replace("\"HyperParameterTuningJobConfig\"", "\"HyperParameterTuningJobConfg\""),
                        "HyperParameterTuningJobConfg=.*unknown key; did you mean 'HyperParameterTuningJobConfig'\\?"),
                tune("a duplicate key", replace("\"RandomSeed\": 7", "\"RandomSeed\": 7, \"RandomSeed\": 8"),
                        "tuning\\.json:\\d+: duplicate key 'RandomSeed'"),
                tune("trailing garbage", s -> s + "]\n", "tuning\\.json:\\d+: text after the end of the JSON value"),
                tune("a seed beyond 64 bits", replace("\"RandomSeed\": 7", "\"RandomSeed\": \"99999999999999999999\""),
                        "HyperParameterTuningJobConfig\\.RandomSeed=99999999999999999999: does not fit in a 64-bit integer"),
                tune("a split seed beyond 64 bits", replace("\"seed\": 1}", "\"seed\": 18446744073709551616}"),
                        "split\\.seed=18446744073709551616: does not fit in a 64-bit integer"),
                tune("a wrong type in ResourceLimits", replace("\"MaxNumberOfTrainingJobs\": 2", "\"MaxNumberOfTrainingJobs\": \"two\""),
                        "ResourceLimits\\.MaxNumberOfTrainingJobs=two: must be a whole number"),
                tune("a fractional integer range bound", replace("\"MinValue\": \"1\"", "\"MinValue\": \"1.5\""),
                        "IntegerParameterRanges\\[0\\]\\.MinValue=1\\.5: must be a whole number"),
                tune("an unknown key in a range", replace("\"MinValue\": \"1\"", "\"MinVal\": \"1\""),
                        "IntegerParameterRanges\\[0\\]\\.MinVal=1: unknown key .*did you mean 'MinValue'\\?"),
                tune("a value both static and tuned", replace("\"seed\": \"1\"}}", "\"seed\": \"1\", \"max_depth\": \"4\"}}"),
                        "training\\.hyperparameters\\.max_depth=4: is given a static value and is also tuned by a range in ParameterRanges"),
                tune("a range the learner ignores", replace("\"training\": {\"label\": \"y\",", "\"training\": {\"label\": \"y\", \"algorithm\": \"logistic-regression\",")
                                .andThen(s -> s.replace("\"num_round\": \"3\", ", ""))::apply,
                        "max_depth=.*algorithm=logistic-regression does not use this hyperparameter"),
                tune("features listing a column twice", replace("\"training\": {\"label\": \"y\",", "\"training\": {\"label\": \"y\", \"features\": [\"a\", \"a\"],"),
                        "training\\.features=\\[a, a\\]: lists 'a' twice"),
                tune("a misspelt training key", replace("\"training\": {\"label\": \"y\",", "\"training\": {\"lable\": \"y\", \"label\": \"y\","),
                        "training\\.lable=y: unknown key in training; did you mean 'label'\\?"),
                tune("Type disagreeing with the metric", replace("{\"MetricName\": \"validation:logloss\"}",
                                "{\"MetricName\": \"validation:logloss\", \"Type\": \"Maximize\"}"),
                        "HyperParameterTuningJobObjective\\.Type=Maximize: disagrees with validation:logloss"));
    }

    static Stream<BadInput> splitManifests() {
        String manifest = """
                {"strategy": "random", "parameters": {"testSize": "0.5"}, "seed": 1, "rows": 4, "label": "y",
                 "time": null, "group": null, "id": null,
                 "parts": {"train": {"rows": 2, "fingerprint": "sha256:00"}, "test": {"rows": 2, "fingerprint": "sha256:11"}},
                 "dropped": 0, "warnings": [], "holdout_version": "0.1.0"}
                """;
        java.util.function.BiFunction<String, String, BadInput> audit = (name, json) -> BadInput.of("audit: " + name)
                .setup(d -> {
                    Path s = Files.createDirectories(d.resolve("split"));
                    Files.writeString(s.resolve("train.csv"), "a,y\n1,0\n2,1\n");
                    Files.writeString(s.resolve("test.csv"), "a,y\n3,0\n4,1\n");
                    Files.writeString(s.resolve("split.json"), json);
                })
                .args("audit", "--split", "{dir}/split", "--label", "y");
        return Stream.of(
                audit.apply("an unknown key in split.json", manifest.replace("\"dropped\"", "\"droped\""))
                        .expect(2, "droped=0: unknown key; did you mean 'dropped'\\?"),
                audit.apply("a duplicate key in split.json", manifest.replace("\"seed\": 1,", "\"seed\": 1, \"seed\": 2,"))
                        .expect(2, "split\\.json:\\d+: duplicate key 'seed'"),
                audit.apply("a wrong type in split.json", manifest.replace("\"time\": null", "\"time\": 5"))
                        .expect(2, "time=5: must be a string, not a whole number"),
                audit.apply("trailing garbage in split.json", manifest + "x")
                        .expect(2, "split\\.json:\\d+: (text after the end of the JSON value|not valid JSON)"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("trainSpecs")
    void trainSpecRules(BadInput c, @TempDir Path dir) throws Exception { c.check(dir); }

    @ParameterizedTest(name = "{0}") @MethodSource("preprocessingSteps")
    void preprocessingStepRules(BadInput c, @TempDir Path dir) throws Exception { c.check(dir); }

    @ParameterizedTest(name = "{0}") @MethodSource("labels")
    void labelsAJobCannotLearnFrom(BadInput c, @TempDir Path dir) throws Exception { c.check(dir); }

    @ParameterizedTest(name = "{0}") @MethodSource("tuneSpecs")
    void tuneSpecRules(BadInput c, @TempDir Path dir) throws Exception { c.check(dir); }

    @ParameterizedTest(name = "{0}") @MethodSource("splitManifests")
    void splitManifestRules(BadInput c, @TempDir Path dir) throws Exception { c.check(dir); }
}
