package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Errors a person can act on, through the real verbs: values XGBoost cannot take are data errors naming row and
 * column (not a native backtrace), long values are cut, an early-stopping metric that is never defined is the
 * input's problem, and an audit that could not run every check says INCOMPLETE with the reason, exit 3. The
 * native aborts, out-of-memory and JVM warnings need a child process: {@link NativeAndJvmTest}.
 */
class ErrorCasesTest {
    private static final String TEN_MB = "x".repeat(10_000_000);

    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("train: a finite value beyond XGBoost's float range is a data error, not a native backtrace")
                        .setup(d -> {
                            writeRows(d.resolve("big.csv"), 40, i -> i == 3 ? "1e300" : String.valueOf(i % 7));
                            job(d.resolve("job.json"), "big.csv", "\"num_round\": \"3\", \"objective\": \"binary:logistic\"");
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/out")
                        .expect(2, "row 4, column 'x': value 1\\.0E300 is beyond the range of XGBoost's 32-bit floats")
                        .mayLeaveOutput()
                        .then((d, r) -> {
                            assertFalse(r.err().contains("[bt]") || r.err().contains("Stack trace"), r.err());
                            String failure = Files.readString(d.resolve("out/output/failure"));
                            assertTrue(failure.startsWith("table '"), "output/failure is the plain reason: " + failure);
                        }),
                BadInput.of("train: a 10 MB hyperparameter value is cut in the message")
                        .setup(d -> {
                            writeRows(d.resolve("t.csv"), 20, i -> String.valueOf(i));
                            job(d.resolve("job.json"), "t.csv", "\"num_round\": \"" + TEN_MB + "\"");
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/out")
                        .expect(2, "num_round=x{80}… \\(10000000 chars\\)"),
                BadInput.of("split: a 10 MB option value in picocli's own error is cut")
                        .setup(d -> writeRows(d.resolve("in.csv"), 10, i -> String.valueOf(i)))
                        .args(d -> List.of("split", "--input", d.resolve("in.csv").toString(), "--output", d.resolve("out").toString(),
                                "--strategy", "random", "--seed", TEN_MB))
                        .expect(2, "--seed.*x{79,80}… \\(1000000\\d chars\\)"),
                BadInput.of("train: a validation metric that is NaN in every round is the input's problem (exit 2), not a failure")
                        .setup(d -> {
                            // rmsle of labels <= -1 is undefined: XGBoost reports NaN every round
                            Files.writeString(d.resolve("t.csv"), rows(40, i -> String.valueOf(i % 5), i -> String.valueOf(-2 - i % 3)));
                            Files.writeString(d.resolve("v.csv"), rows(20, i -> String.valueOf(i % 5), i -> String.valueOf(-2 - i % 3)));
                            Files.writeString(d.resolve("job.json"), """
                                    {"name": "nan", "algorithm": "xgboost", "label": "y", "features": ["x"],
                                     "hyperparameters": {"num_round": "20", "objective": "reg:squarederror", "eval_metric": "rmsle",
                                                         "early_stopping_rounds": "3", "nthread": "1"},
                                     "channels": {"train": "t.csv", "validation": "v.csv"}}
                                    """);
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/out")
                        .expect(2, "eval_metric=rmsle: the validation rmsle was NaN in every round")
                        .mayLeaveOutput(),
                BadInput.of("audit: a label class too rare for the single-feature check is INCOMPLETE, exit 3, with the reason")
                        .setup(d -> auditSplit(d, 60, i -> i < 4 ? "1" : "0"))
                        .args("audit", "--split", "{dir}/split", "--label", "y")
                        .expect(3, "INCOMPLETE.*target-leak: too few rows: the rarest class '1' has 4 train rows")
                        .then((d, r) -> assertTrue(r.out().startsWith("INCOMPLETE: no leakage found"), r.out())),
                BadInput.of("audit: a label with one value in train skips both label checks: INCOMPLETE, exit 3")
                        .setup(d -> auditSplit(d, 30, i -> "1"))
                        .args("audit", "--split", "{dir}/split", "--label", "y", "--format", "json")
                        .expect(3, "target-leak: 'y' has one value in train.*missingness-leak: 'y' has one value")
                        .then((d, r) -> {
                            assertTrue(r.out().contains("\"verdict\" : \"INCOMPLETE\""), r.out());
                            assertTrue(r.out().contains("\"status\" : \"skipped\""), r.out());
                        }));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void errorsAreOnePlainLineWithTheRightExitCode(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }

    interface Cell { String at(int row); }

    /** {@code x,y} rows: x from {@code x}, y alternating 0/1. */
    static void writeRows(Path file, int n, Cell x) throws IOException {
        Files.writeString(file, rows(n, x, i -> String.valueOf(i % 2)));
    }

    static String rows(int n, Cell x, Cell y) {
        StringBuilder sb = new StringBuilder("x,y\n");
        for (int i = 0; i < n; i++) sb.append(x.at(i)).append(',').append(y.at(i)).append('\n');
        return sb.toString();
    }

    static void job(Path file, String train, String hyperparameters) throws IOException {
        Files.writeString(file, String.format(Locale.ROOT, """
                {"name": "j", "algorithm": "xgboost", "label": "y", "features": ["x"],
                 "hyperparameters": {%s, "nthread": "1"}, "channels": {"train": "%s"}}
                """, hyperparameters, train));
    }

    /** A split folder (train.csv, test.csv) with two features and the label from {@code label}. */
    static void auditSplit(Path d, int n, Cell label) throws IOException {
        Path split = d.resolve("split");
        Files.createDirectories(split);
        StringBuilder train = new StringBuilder("a,b,y\n"), test = new StringBuilder("a,b,y\n");
        for (int i = 0; i < n; i++) train.append(i).append(',').append((i * 7) % 11).append(',').append(label.at(i)).append('\n');
        for (int i = 0; i < 10; i++) test.append(n + i).append(',').append(i % 3).append(',').append(i % 2).append('\n');
        Files.writeString(split.resolve("train.csv"), train);
        Files.writeString(split.resolve("test.csv"), test);
    }
}
