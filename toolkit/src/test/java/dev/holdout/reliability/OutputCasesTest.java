package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.holdout.io.OutputFolder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Output paths a person gets wrong, through every verb that writes: each is refused with exit 2 and a plain
 * reason before any work, and leaves the folder exactly as it was (inputs included, no lock or temporary file).
 */
class OutputCasesTest {
    private static final String CSV = "a,b,y\n1,2,0\n2,1,1\n3,4,0\n4,3,1\n5,6,0\n6,5,1\n7,8,0\n8,7,1\n";

    /** Claims made by a setup (an output "another run" holds), released after each row. */
    private static final List<OutputFolder> HELD = new ArrayList<>();

    @AfterEach void release() {
        HELD.forEach(OutputFolder::close);
        HELD.clear();
    }

    private static void csv(Path dir, String rel) throws IOException {
        Files.createDirectories(dir.resolve(rel).getParent());
        Files.writeString(dir.resolve(rel), CSV);
    }

    private static void job(Path dir, String rel, String train) throws IOException {
        Files.createDirectories(dir.resolve(rel).getParent());
        Files.writeString(dir.resolve(rel), """
                {"name": "t", "label": "y", "hyperparameters": {"num_round": "3", "objective": "binary:logistic", "nthread": "1"},
                 "channels": {"train": "%s"}}
                """.formatted(dir.resolve(train)));
    }

    private static void tuning(Path dir) throws IOException {
        csv(dir, "d/data.csv");
        Files.writeString(dir.resolve("tuning.json"), """
                {"data": {"csv": "d/data.csv"}, "split": {"testSize": 0.25, "validationSize": 0.25},
                 "training": {"label": "y", "hyperparameters": {"num_round": "3", "objective": "binary:logistic"}},
                 "HyperParameterTuningJobConfig": {"Strategy": "Random",
                   "HyperParameterTuningJobObjective": {"MetricName": "validation:logloss"},
                   "ResourceLimits": {"MaxNumberOfTrainingJobs": 2, "MaxParallelTrainingJobs": 1},
                   "ParameterRanges": {"IntegerParameterRanges": [{"Name": "max_depth", "MinValue": "1", "MaxValue": "3"}]}}}
                """);
    }

    /** A folder nobody can write, root included (chattr +i where chmod does not stop root); the row is skipped where neither works. */
    private static void readOnly(Path folder) throws IOException {
        Files.createDirectories(folder);
        Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("r-xr-xr-x"));
        if (!canWrite(folder)) return;
        try {
            new ProcessBuilder("chattr", "+i", folder.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (IOException | InterruptedException e) {
            // no chattr here
        }
        Assumptions.assumeFalse(canWrite(folder), "cannot make a folder read-only here (root without chattr +i)");
    }

    private static boolean canWrite(Path folder) {
        try {
            Files.delete(Files.createFile(folder.resolve(".probe")));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static void writableAgain(Path dir) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                if (!Files.isDirectory(p) || Files.isSymbolicLink(p)) continue;
                try {
                    new ProcessBuilder("chattr", "-i", p.toString()).redirectErrorStream(true)
                            .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
                } catch (IOException | InterruptedException e) {
                    // no chattr: chmod is enough
                }
                Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
            }
        }
    }

    static Stream<BadInput> cases() {
        return Stream.of(
                // an output that is, contains or lies inside an input: refused before any work, the input intact
                BadInput.of("split: --output is the input's folder, with --force")
                        .setup(d -> csv(d, "d/in.csv"))
                        .args("split", "--input", "{dir}/d/in.csv", "--output", "{dir}/d", "--strategy", "random", "--force")
                        .expect(2, "--output=.*/d: contains the input --input=.*/d/in\\.csv; replacing the folder would delete the input"),
                BadInput.of("split: --output is a folder above the input, with --force")
                        .setup(d -> csv(d, "d/in.csv"))
                        .args("split", "--input", "{dir}/d/in.csv", "--output", "{dir}", "--strategy", "random", "--force")
                        .expect(2, "contains the input --input="),
                BadInput.of("split: --output is the input file")
                        .setup(d -> csv(d, "in.csv"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/in.csv", "--strategy", "random", "--force")
                        .expect(2, "is the input --input=.*in\\.csv; writing it would destroy the input"),
                BadInput.of("split: --output reaches the input's folder through a symbolic link")
                        .setup(d -> {
                            csv(d, "d/in.csv");
                            Files.createSymbolicLink(d.resolve("alias"), d.resolve("d"));
                        })
                        .args("split", "--input", "{dir}/d/in.csv", "--output", "{dir}/alias", "--strategy", "random", "--force")
                        .expect(2, "--output=.*/alias: contains the input"),
                BadInput.of("split: --output spelled with .. to reach the input's folder")
                        .setup(d -> csv(d, "d/in.csv"))
                        .args("split", "--input", "{dir}/d/in.csv", "--output", "{dir}/d/x/..", "--strategy", "random", "--force")
                        .expect(2, "contains the input"),
                BadInput.of("train --force into its own channel folder")
                        .setup(d -> {
                            csv(d, "d/train.csv");
                            job(d, "job.json", "d/train.csv");
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/d", "--force")
                        .expect(2, "output=.*/d: contains the input channels\\.train=.*train\\.csv"),
                BadInput.of("train: the job folder is the channel file")
                        .setup(d -> {
                            csv(d, "d/train.csv");
                            job(d, "job.json", "d/train.csv");
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/d/train.csv", "--force")
                        .expect(2, "is the input channels\\.train="),
                BadInput.of("train --force into the folder of its own spec")
                        .setup(d -> {
                            csv(d, "data/train.csv");
                            job(d, "cfg/job.json", "data/train.csv");
                        })
                        .args("train", "--config", "{dir}/cfg/job.json", "--output", "{dir}/cfg", "--force")
                        .expect(2, "contains the input --config=.*job\\.json"),
                BadInput.of("tune --force into the folder of its data")
                        .setup(OutputCasesTest::tuning)
                        .args("tune", "--config", "{dir}/tuning.json", "--output", "{dir}/d", "--force")
                        .expect(2, "--output=.*/d: contains the input data\\.csv=.*data\\.csv"),
                BadInput.of("tune: --output is its own config file")
                        .setup(OutputCasesTest::tuning)
                        .args("tune", "--config", "{dir}/tuning.json", "--output", "{dir}/tuning.json", "--force")
                        .expect(2, "is the input --config="),
                BadInput.of("predict --input X --output X (refused before the model is read)")
                        .setup(d -> {
                            csv(d, "rows.csv");
                            Files.createDirectories(d.resolve("m"));
                        })
                        .args("predict", "--model", "{dir}/m", "--input", "{dir}/rows.csv", "--output", "{dir}/rows.csv")
                        .expect(2, "--output=.*rows\\.csv: is the input --input="),
                BadInput.of("predict: --output inside the model folder")
                        .setup(d -> {
                            csv(d, "rows.csv");
                            Files.createDirectories(d.resolve("job/model"));
                        })
                        .args("predict", "--model", "{dir}/job", "--input", "{dir}/rows.csv", "--output", "{dir}/job/model/p.csv")
                        .expect(2, "lies inside the input folder --model=.*job/model"),
                BadInput.of("metrics --html is the input")
                        .setup(d -> csv(d, "preds.csv"))
                        .args("metrics", "--input", "{dir}/preds.csv", "--label", "y", "--prediction", "a", "--html", "{dir}/preds.csv")
                        .expect(2, "--html=.*preds\\.csv: is the input --input="),
                BadInput.of("metrics --charts would overwrite the input")
                        .setup(d -> csv(d, "roc.png"))
                        .args("metrics", "--input", "{dir}/roc.png", "--label", "y", "--prediction", "a", "--score", "b", "--charts", "{dir}")
                        .expect(2, "--charts=.*roc\\.png: is the input --input="),

                // paths that cannot be written, checked before the work
                BadInput.of("split: read-only parent folder")
                        .setup(d -> {
                            csv(d, "in.csv");
                            readOnly(d.resolve("ro"));
                        })
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/ro/out", "--strategy", "random")
                        .expect(2, "--output=.*ro/out: its folder .*ro cannot be written \\((permission denied|operation not permitted|read-only file system)\\)"),
                BadInput.of("split: missing parent that cannot be created")
                        .setup(d -> {
                            csv(d, "in.csv");
                            readOnly(d.resolve("ro"));
                        })
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/ro/new/deeper/out", "--strategy", "random")
                        .expect(2, "its parent folder cannot be created: .*ro cannot be written"),
                BadInput.of("train: read-only parent is refused before training")
                        .setup(d -> {
                            csv(d, "train.csv");
                            job(d, "job.json", "train.csv");
                            readOnly(d.resolve("ro"));
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/ro/job")
                        .expect(2, "output=.*ro/job: its folder .*ro cannot be written"),
                BadInput.of("split: --output is a file, a folder is needed")
                        .setup(d -> {
                            csv(d, "in.csv");
                            Files.writeString(d.resolve("notes.txt"), "mine");
                        })
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/notes.txt", "--strategy", "random", "--force")
                        .expect(2, "--output=.*notes\\.txt: is a file; a folder is needed here"),
                BadInput.of("split: a file on the way to --output")
                        .setup(d -> {
                            csv(d, "in.csv");
                            Files.writeString(d.resolve("notes.txt"), "mine");
                        })
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/notes.txt/out", "--strategy", "random")
                        .expect(2, "notes\\.txt on its path is a file, not a folder"),
                BadInput.of("predict: --output is a folder, a file is needed")
                        .setup(d -> {
                            csv(d, "rows.csv");
                            Files.createDirectories(d.resolve("m"));
                            Files.createDirectories(d.resolve("preds"));
                        })
                        .args("predict", "--model", "{dir}/m", "--input", "{dir}/rows.csv", "--output", "{dir}/preds")
                        .expect(2, "--output=.*preds: is a folder; a file is needed here"),
                BadInput.of("predict: --output is a device")
                        .setup(d -> {
                            csv(d, "rows.csv");
                            Files.createDirectories(d.resolve("m"));
                        })
                        .args("predict", "--model", "{dir}/m", "--input", "{dir}/rows.csv", "--output", "/dev/null")
                        .expect(2, "--output=/dev/null: is not a regular file"),
                BadInput.of("split: --output is a dangling symbolic link")
                        .setup(d -> {
                            csv(d, "in.csv");
                            Files.createSymbolicLink(d.resolve("link"), d.resolve("gone"));
                        })
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/link", "--strategy", "random")
                        .expect(2, "--output=.*link: is a symbolic link to .*gone, which does not exist"),
                BadInput.of("metrics --html through a dangling symbolic link")
                        .setup(d -> {
                            csv(d, "preds.csv");
                            Files.createSymbolicLink(d.resolve("link"), d.resolve("gone"));
                        })
                        .args("metrics", "--input", "{dir}/preds.csv", "--label", "y", "--prediction", "a", "--html", "{dir}/link/r.html")
                        .expect(2, "--html=.*: the folder .*link on its path is a symbolic link to .*gone, which does not exist"),

                // non-empty folders without --force, and outputs another run holds
                BadInput.of("split: non-empty --output without --force")
                        .setup(d -> {
                            csv(d, "in.csv");
                            Files.createDirectories(d.resolve("out"));
                            Files.writeString(d.resolve("out/mine.txt"), "precious");
                        })
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random")
                        .expect(2, "--output=.*out: folder is not empty; choose another folder or pass --force to replace it"),
                BadInput.of("train: non-empty job folder without --force")
                        .setup(d -> {
                            csv(d, "train.csv");
                            job(d, "job.json", "train.csv");
                            Files.createDirectories(d.resolve("job"));
                            Files.writeString(d.resolve("job/mine.txt"), "precious");
                        })
                        .args("train", "--config", "{dir}/job.json", "--output", "{dir}/job")
                        .expect(2, "output=.*job: folder is not empty"),
                BadInput.of("tune: non-empty --output without --force")
                        .setup(d -> {
                            tuning(d);
                            Files.createDirectories(d.resolve("out"));
                            Files.writeString(d.resolve("out/mine.txt"), "precious");
                        })
                        .args("tune", "--config", "{dir}/tuning.json", "--output", "{dir}/out")
                        .expect(2, "--output=.*out: folder is not empty"),
                BadInput.of("demo overfitting: non-empty --output is refused before any training")
                        .setup(d -> {
                            Files.createDirectories(d.resolve("out"));
                            Files.writeString(d.resolve("out/mine.txt"), "precious");
                        })
                        .args("demo", "overfitting", "--output", "{dir}/out")
                        .expect(2, "--output=.*out: folder is not empty"),
                BadInput.of("quickstart: a non-empty folder that is not a previous run")
                        .setup(d -> {
                            Files.createDirectories(d.resolve("out"));
                            Files.writeString(d.resolve("out/thesis.tex"), "years of work");
                        })
                        .args("quickstart", "--output", "{dir}/out", "--nthread", "1")
                        .expect(2, "output=.*out: folder is not empty and is not a previous quickstart run"),
                BadInput.of("split: another run is writing the same --output")
                        .setup(d -> {
                            csv(d, "in.csv");
                            HELD.add(OutputFolder.at(d.resolve("out")).claim());
                        })
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "random")
                        .expect(2, "--output=.*out: another holdout run is writing it \\(PID \\d+"),

                // a run that fails after its checks removes the parent folders it created
                BadInput.of("split: missing parents are removed again when the run then fails")
                        .setup(d -> csv(d, "in.csv"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/new/deeper/out", "--strategy", "stratified")
                        .expect(2, "--label=\\(none\\): strategy stratified needs --label"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void aBadOutputIsRefusedBeforeAnyWorkAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        try {
            c.check(dir);
        } finally {
            writableAgain(dir);
        }
    }

    @org.junit.jupiter.api.Test
    void theRowsCoverEveryWritingVerb() {
        List<String> verbs = cases().map(c -> c.name().split("[ :]")[0]).distinct().sorted().toList();
        assertEquals(List.of("demo", "metrics", "predict", "quickstart", "split", "train", "tune"), verbs);
    }
}
