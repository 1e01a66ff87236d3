package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.InputFilesTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The reader's part of the suite, through the real verbs: an input that cannot be read (missing, a folder, a
 * dangling link, permission denied) and a file that breaks a reading rule (NUL, invalid UTF-8, ragged rows,
 * duplicate headers, missing tokens, numbers that are not finite or not numbers) get the same plain error in
 * split, metrics, audit, predict and train: exit 2, the file, line, column and value, no Java class names.
 */
class ReaderCasesTest {
    /** A model trained once (features x and z, label y) for the predict rows. */
    static Path model;

    @TempDir static Path shared;

    static final String DATA = data();

    private static String data() {
        StringBuilder sb = new StringBuilder("x,z,y\n");
        for (int i = 0; i < 40; i++) sb.append(i % 10).append('.').append(i % 3).append(',').append((i * 7) % 11).append(',').append(i % 10 >= 5 ? 1 : 0).append('\n');
        return sb.toString();
    }

    @BeforeAll static void trainAModel() throws IOException {
        Files.writeString(shared.resolve("train.csv"), DATA);
        Files.writeString(shared.resolve("job.json"), job("train.csv"));
        BadInput.Result r = BadInput.run(List.of("train", "--config", shared.resolve("job.json").toString(), "--output", shared.resolve("job").toString()));
        assertEquals(0, r.exitCode(), r.err());
        model = shared.resolve("job/model");
    }

    static String job(String train) {
        return "{\"name\": \"r\", \"algorithm\": \"xgboost\", \"label\": \"y\", \"features\": [\"x\", \"z\"],"
                + " \"hyperparameters\": {\"num_round\": \"3\", \"objective\": \"binary:logistic\", \"nthread\": \"1\", \"seed\": \"1\"},"
                + " \"channels\": {\"train\": \"" + train + "\"}}";
    }

    private static void write(Path p, String s) throws IOException { Files.write(p, s.getBytes(StandardCharsets.UTF_8)); }

    private static void write(Path p, byte[] b) throws IOException { Files.write(p, b); }

    /** An input path that is broken in one way, made in the working folder; null input means "in.csv". */
    interface Broken { Path make(Path dir) throws Exception; }

    static final Broken MISSING = dir -> dir.resolve("in.csv");
    static final Broken FOLDER = dir -> Files.createDirectories(dir.resolve("in.csv"));
    static final Broken DANGLING = dir -> Files.createSymbolicLink(dir.resolve("in.csv"), dir.resolve("gone.csv"));
    static final Broken DENIED = dir -> {
        Path p = InputFilesTest.unreadable(dir);
        return p != null ? p : dir.resolve("in.csv"); // (no unreadable file here: the row then checks a missing one)
    };

    private static final String[][] PROBLEMS = {
        {"missing", "does not exist"}, {"a folder", "is a folder, not a file"}, {"a dangling link", "dangling link"}, {"unreadable", "permission denied|does not exist"},
    };
    private static final Broken[] BROKEN = {MISSING, FOLDER, DANGLING, DENIED};

    static Stream<BadInput> inputPaths() {
        List<BadInput> rows = new ArrayList<>();
        for (int k = 0; k < BROKEN.length; k++) {
            Broken b = BROKEN[k];
            String what = PROBLEMS[k][0], says = PROBLEMS[k][1];
            Path[] in = new Path[1];
            rows.add(BadInput.of("split: input is " + what).setup(d -> in[0] = make(b, d))
                    .args(d -> List.of("split", "--input", in[0].toString(), "--output", d.resolve("out").toString(), "--strategy", "random"))
                    .expect(2, "input=.*(" + says + ")"));
            rows.add(BadInput.of("metrics: input is " + what).setup(d -> in[0] = make(b, d))
                    .args(d -> List.of("metrics", "--input", in[0].toString(), "--label", "y", "--prediction", "p"))
                    .expect(2, "input=.*(" + says + ")"));
            rows.add(BadInput.of("predict: input is " + what).setup(d -> in[0] = make(b, d))
                    .args(d -> List.of("predict", "--model", model.toString(), "--input", in[0].toString(), "--output", d.resolve("p.csv").toString()))
                    .expect(2, "input=.*(" + says + ")"));
            rows.add(BadInput.of("train: the train channel is " + what).setup(d -> {
                        in[0] = make(b, d);
                        write(d.resolve("job.json"), job(in[0].toString()));
                    })
                    .args(d -> List.of("train", "--config", d.resolve("job.json").toString(), "--output", d.resolve("job").toString()))
                    .mayLeaveOutput()
                    .expect(2, "channel=.*(" + says + ")"));
            if (b != MISSING) { // a missing part is the audit's own "no train.csv" message
                rows.add(BadInput.of("audit: train.csv is " + what).setup(d -> {
                            Path part = make(b, d);
                            if (!part.getFileName().toString().equals("in.csv")) {
                                Files.createSymbolicLink(d.resolve("train.csv"), part); // the unreadable system file, by a link
                            } else {
                                Files.move(part, d.resolve("train.csv"), java.nio.file.LinkOption.NOFOLLOW_LINKS);
                            }
                            write(d.resolve("test.csv"), DATA);
                        })
                        .args(d -> List.of("audit", "--split", d.toString(), "--label", "y"))
                        .expect(2, "input=.*train\\.csv.*(" + says + ")"));
            }
        }
        return rows.stream();
    }

    private static Path make(Broken b, Path d) throws IOException {
        try {
            return b.make(d);
        } catch (IOException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    static Stream<BadInput> dataRules() {
        byte[] latin1 = {'y', ',', 'p', '\n', '1', ',', '1', '\n', '0', ',', (byte) 0xE9, '\n'};
        return Stream.of(
                // one file, one error: split and metrics say the same
                BadInput.of("split: a NUL byte").setup(d -> write(d.resolve("in.csv"), "y,p\n1,1\n0,1\0\n"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random")
                        .expect(2, "in\\.csv:3, column 'p': a NUL byte"),
                BadInput.of("metrics: a NUL byte").setup(d -> write(d.resolve("in.csv"), "y,p\n1,1\n0,1\0\n"))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "p")
                        .expect(2, "in\\.csv:3, column 'p': a NUL byte"),
                BadInput.of("split: bytes that are not UTF-8").setup(d -> write(d.resolve("in.csv"), latin1))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random")
                        .expect(2, "in\\.csv:3, column 'p': bytes that are not UTF-8 \\(0xE9"),
                BadInput.of("metrics: bytes that are not UTF-8").setup(d -> write(d.resolve("in.csv"), latin1))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "p")
                        .expect(2, "in\\.csv:3, column 'p': bytes that are not UTF-8 \\(0xE9"),
                BadInput.of("split: a ragged row").setup(d -> write(d.resolve("in.csv"), "y,p\n1,1\n0\n"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random")
                        .expect(2, "in\\.csv:3: ragged row: 1 field, but the header has 2"),
                BadInput.of("metrics: a ragged row").setup(d -> write(d.resolve("in.csv"), "y,p\n1,1\n0\n"))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "p")
                        .expect(2, "in\\.csv:3: ragged row: 1 field, but the header has 2"),
                BadInput.of("split: header names equal but for case").setup(d -> write(d.resolve("in.csv"), "y,Y\n1,1\n"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random")
                        .expect(2, "columns 1 and 2 are named 'y' and 'Y'"),
                BadInput.of("metrics: header names equal but for case").setup(d -> write(d.resolve("in.csv"), "y,Y\n1,1\n"))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "Y")
                        .expect(2, "columns 1 and 2 are named 'y' and 'Y'"),
                // "NA" is missing in every verb, never a class
                BadInput.of("split: NA is a missing label, not a class").setup(d -> write(d.resolve("in.csv"), "x,y\n1,a\n2,b\n3,NA\n4,a\n5,b\n"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "stratified", "--label", "y")
                        .expect(2, "in\\.csv:4, column 'y'.*no label value"),
                BadInput.of("metrics: NA is a missing label, not a class").setup(d -> write(d.resolve("in.csv"), "y,p\n1,1\nNA,0\n0,0\n"))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "p")
                        .expect(2, "in\\.csv:3, column 'y': the value is missing"),
                // 1e400 in a numeric column: a data error naming file, line, column and value in every verb that needs the number
                BadInput.of("predict: 1e400 in a feature").setup(d -> write(d.resolve("in.csv"), "x,z\n1.5,2\n1e400,3\n"))
                        .args(d -> List.of("predict", "--model", model.toString(), "--input", d.resolve("in.csv").toString(), "--output", d.resolve("p.csv").toString()))
                        .expect(2, "in\\.csv:3, column 'x': value '1e400' is not a finite number"),
                BadInput.of("train: 1e400 in a feature").setup(d -> {
                            write(d.resolve("train.csv"), DATA.replaceFirst("\n3\\.0,", "\n1e400,"));
                            write(d.resolve("job.json"), job("train.csv"));
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/job").mayLeaveOutput()
                        .expect(2, "train\\.csv:5, column 'x': value '1e400' is not a finite number"),
                BadInput.of("metrics: 1e400 as a score").setup(d -> write(d.resolve("in.csv"), "y,p,s\n1,1,0.9\n0,1,1e400\n"))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "p", "--score", "s")
                        .expect(2, "in\\.csv:3, column 's': value '1e400' is not a finite number"),
                BadInput.of("split: 1e400 in a whole-number time column").setup(d -> write(d.resolve("in.csv"), "ts,y\n100,1\n200,0\n1e400,1\n400,0\n"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "time", "--time", "ts", "--cutoffs", "300")
                        .expect(2, "in\\.csv:4, column 'ts': value '1e400' is not a finite number"),
                BadInput.of("audit: inf in a train feature").setup(d -> {
                            write(d.resolve("train.csv"), DATA.replaceFirst("\n3\\.0,", "\ninf,"));
                            write(d.resolve("test.csv"), DATA);
                        })
                        .args("audit", "--split", "{dir}", "--label", "y")
                        .expect(2, "train\\.csv:5, column 'x': value 'inf' is not a number"),
                BadInput.of("metrics: inf as a score").setup(d -> write(d.resolve("in.csv"), "y,p,s\n1,1,0.9\n0,1,-Infinity\n"))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "p", "--score", "s")
                        .expect(2, "in\\.csv:3, column 's': value '-Infinity' is not a number"),
                BadInput.of("metrics: NaN as a score is missing").setup(d -> write(d.resolve("in.csv"), "y,p,s\n1,1,0.9\n0,1,NaN\n"))
                        .args("metrics", "--input", "{dir}/in.csv", "--label", "y", "--prediction", "p", "--score", "s")
                        .expect(2, "in\\.csv:3, column 's': the value is missing"),
                BadInput.of("train: an unquoted decimal comma is a ragged row").setup(d -> {
                            write(d.resolve("train.csv"), DATA.replaceFirst("\n3\\.0,", "\n3,0,"));
                            write(d.resolve("job.json"), job("train.csv"));
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/job").mayLeaveOutput()
                        .expect(2, "train\\.csv:5: ragged row: 4 fields"),
                BadInput.of("train: 1,5 in a numeric feature").setup(d -> {
                            write(d.resolve("train.csv"), DATA.replaceFirst("\n3\\.0,", "\n\"3,0\","));
                            write(d.resolve("job.json"), job("train.csv"));
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/job").mayLeaveOutput()
                        .expect(2, "train\\.csv:5, column 'x': value '3,0' is not a number, but 39 of the column's 40 values are numbers"),
                // --types
                BadInput.of("split: --types with an unknown type").setup(d -> write(d.resolve("in.csv"), DATA))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random", "--types", "x=NUMBR")
                        .expect(2, "--types x=NUMBR: not a column type; did you mean NUMBER\\?"),
                BadInput.of("split: --types names a column the file lacks").setup(d -> write(d.resolve("in.csv"), DATA))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random", "--types", "zz=TEXT")
                        .expect(2, "the schema names column 'zz' but the file has no such column"),
                BadInput.of("predict: --types x=TEXT gives the model text").setup(d -> write(d.resolve("in.csv"), "x,z\n1.5,2\n"))
                        .args(d -> List.of("predict", "--model", model.toString(), "--input", d.resolve("in.csv").toString(),
                                "--output", d.resolve("p.csv").toString(), "--types", "x=TEXT"))
                        .expect(2, "column 'x' in 'in' is STRING, not numeric"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("inputPaths")
    void anInputThatCannotBeReadSaysWhy(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }

    @ParameterizedTest(name = "{0}") @MethodSource("dataRules")
    void aFileThatBreaksAReadingRuleIsTheSameErrorInEveryVerb(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }

    @Test void permissionDeniedIsSaidSoWhereTheMachineCanDenyIt(@TempDir Path dir) throws Exception {
        Path p = InputFilesTest.unreadable(dir);
        org.junit.jupiter.api.Assumptions.assumeTrue(p != null, "no unreadable file can be made here");
        BadInput.Result r = BadInput.run(List.of("split", "--input", p.toString(), "--output", dir.resolve("out").toString(), "--strategy", "random"));
        assertEquals(2, r.exitCode());
        assertTrue(r.err().contains("permission denied"), r.err());
    }
}
