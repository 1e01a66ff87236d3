package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to {@code holdout transform} and {@code holdout serve} (issue 16): each a clear exit-2 error naming the
 * option or the file, line and column, and nothing left behind — except a failed transform job, which leaves
 * exactly {@code output/failure} (as SageMaker writes it) and no {@code .out} file. Every serve row fails before the
 * server would listen, so none of them blocks.
 */
class ServeCasesTest {
    @TempDir static Path shared;
    static Path job, data;

    @BeforeAll static void trainOnce() throws IOException {
        data = Workloads.cancer(shared, 200);
        Path config = Workloads.trainConfig(shared, "job.json", data, "malignant", 5, 2);
        job = shared.resolve("job");
        BadInput.Result r = BadInput.run(List.of("train", "--config", config.toString(), "--output", job.toString()));
        assertEquals(0, r.exitCode(), r.err());
    }

    /** {@code transform --model JOB --input {dir}/in.csv --output {dir}/out} followed by {@code more}. */
    static BadInput.Args transform(String... more) {
        return d -> {
            List<String> a = new ArrayList<>(List.of("transform", "--model", job.toString(), "--input", d.resolve("in.csv").toString(), "--output",
                    d.resolve("out").toString()));
            a.addAll(List.of(more));
            return a;
        };
    }

    static BadInput.Args serve(String... more) {
        return d -> {
            List<String> a = new ArrayList<>(List.of("serve"));
            if (!List.of(more).contains("--port")) a.addAll(List.of("--port", "0"));
            for (String m : more) a.add(m.replace("{dir}", d.toString()).replace("{job}", job.toString()));
            return a;
        };
    }

    /** The training data (header and all), with {@code edit} applied to its text. */
    static BadInput.Setup input(java.util.function.UnaryOperator<String> edit) {
        return d -> Files.writeString(d.resolve("in.csv"), edit.apply(Files.readString(data)));
    }

    static final BadInput.Setup INPUT = input(s -> s);

    /** A failed job: DIR/output/failure says why, and there is nothing else (no .out file). */
    static BadInput.After failureFile(String regex) {
        return (d, r) -> {
            Path failure = d.resolve("out/output/failure");
            assertTrue(Files.isRegularFile(failure), "output/failure is written: " + r.err());
            assertTrue(java.util.regex.Pattern.compile(regex).matcher(Files.readString(failure)).find(), Files.readString(failure));
            try (Stream<Path> s = Files.list(d.resolve("out"))) {
                assertEquals(List.of("output"), s.map(p -> p.getFileName().toString()).toList());
            }
            try (Stream<Path> s = Files.list(d)) {
                assertFalse(s.anyMatch(p -> p.getFileName().toString().startsWith(".")), "no lock or temporary folder is left");
            }
        };
    }

    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("transform: the model folder does not exist")
                        .setup(INPUT).args(d -> List.of("transform", "--model", d.resolve("nope").toString(), "--input", d.resolve("in.csv").toString(),
                                "--output", d.resolve("out").toString()))
                        .expect(2, "nope"),
                BadInput.of("transform: a registry reference to a group nobody registered")
                        .setup(INPUT).args(d -> List.of("transform", "--model", "rain@approved", "--input", d.resolve("in.csv").toString(),
                                "--output", d.resolve("out").toString()))
                        .expect(2, "group=rain: no such model group.*holdout registry register --group rain"),
                BadInput.of("transform: the input does not exist")
                        .args(transform()).expect(2, "in\\.csv.*does not exist"),
                BadInput.of("transform: --threads 0")
                        .setup(INPUT).args(transform("--threads", "0")).expect(2, "--threads=0.*between 1 and 256"),
                BadInput.of("transform: --batch-size 0")
                        .setup(INPUT).args(transform("--batch-size", "0")).expect(2, "--batch-size=0"),
                BadInput.of("transform: --join-source output")
                        .setup(INPUT).args(transform("--join-source", "output")).expect(2, "--join-source=output.*input or none"),
                BadInput.of("transform: --on-bad-row ignore")
                        .setup(INPUT).args(transform("--on-bad-row", "ignore")).expect(2, "--on-bad-row=ignore.*fail or skip"),
                BadInput.of("transform: an --output-filter position beyond the columns")
                        .setup(INPUT).args(transform("--output-filter", "$[99]")).expect(2, "--output-filter.*beyond"),
                BadInput.of("transform: an --output-filter that is not a filter")
                        .setup(INPUT).args(transform("--output-filter", "$[1:")).expect(2, "--output-filter"),
                BadInput.of("transform: an --input-filter that leaves out a model column")
                        .setup(INPUT).args(transform("--input-filter", "$[0]")).expect(2, "--input-filter.*leaves out column"),
                BadInput.of("transform: the input lacks a column the model reads")
                        .setup(input(s -> s.replaceFirst("mean_radius", "radius"))).args(transform()).expect(2, "no column 'mean_radius'"),
                BadInput.of("transform: --output is the input file")
                        .setup(INPUT).args(d -> List.of("transform", "--model", job.toString(), "--input", d.resolve("in.csv").toString(),
                                "--output", d.resolve("in.csv").toString()))
                        .expect(2, "--output"),
                BadInput.of("transform: a non-number in a numeric feature fails the job naming file, line and column")
                        .setup(input(s -> {
                            String[] lines = s.split("\n", -1);
                            lines[3] = "oops" + lines[3].substring(lines[3].indexOf(','));
                            return String.join("\n", lines);
                        }))
                        .args(transform()).expect(2, "in\\.csv:4.*mean_radius.*oops")
                        .mayLeaveOutput().then(failureFile("in\\.csv:4")),
                BadInput.of("transform: a row with a field too many fails the job naming its line")
                        .setup(input(s -> {
                            String[] lines = s.split("\n", -1);
                            lines[5] = lines[5] + ",1";
                            return String.join("\n", lines);
                        }))
                        .args(transform()).expect(2, "in\\.csv:6")
                        .mayLeaveOutput().then(failureFile("in\\.csv:6")),
                BadInput.of("serve: --port 70000")
                        .args(serve("--model", "{job}", "--port", "70000")).expect(2, "--port=70000.*between 0 and 65535"),
                BadInput.of("serve: no model")
                        .args(serve()).expect(2, "--model.*needs a model"),
                BadInput.of("serve: the model folder does not exist")
                        .args(serve("--model", "{dir}/nope")).expect(2, "nope"),
                BadInput.of("serve: two default models")
                        .args(serve("--model", "{job}", "--model", "{job}")).expect(2, "second default model"),
                BadInput.of("serve: a model name that cannot be a folder name")
                        .args(serve("--model", "a b={job}")).expect(2, "'a b' is not a model name"),
                BadInput.of("serve: --models-dir does not exist")
                        .args(serve("--models-dir", "{dir}/models")).expect(2, "--models-dir.*does not exist"),
                BadInput.of("serve: --max-models 0")
                        .setup(d -> Files.createDirectories(d.resolve("models"))).args(serve("--models-dir", "{dir}/models", "--max-models", "0"))
                        .expect(2, "--max-models=0"),
                BadInput.of("serve: --max-payload-mb 0")
                        .args(serve("--model", "{job}", "--max-payload-mb", "0")).expect(2, "--max-payload-mb=0"),
                BadInput.of("serve: --sampling-percentage 150 creates no capture folder")
                        .args(serve("--model", "{job}", "--capture", "{dir}/cap", "--sampling-percentage", "150"))
                        .expect(2, "--sampling-percentage=150.*between 0 and 100"),
                BadInput.of("serve: --sampling-percentage without --capture")
                        .args(serve("--model", "{job}", "--sampling-percentage", "50")).expect(2, "--sampling-percentage.*needs --capture"),
                BadInput.of("serve: an endpoint name that cannot be a folder name")
                        .args(serve("--model", "{job}", "--capture", "{dir}/cap", "--endpoint-name", "../x")).expect(2, "--endpoint-name=\\.\\./x"),
                BadInput.of("serve: --shutdown-timeout -1")
                        .args(serve("--model", "{job}", "--shutdown-timeout", "-1")).expect(2, "--shutdown-timeout=-1"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
