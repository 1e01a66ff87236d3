package dev.holdout.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Bad input to the issue-17 commands: holdout compare, metrics --calibration-bins, the new split strategies. */
class EvaluationCasesTest {
    static final String PREDS = "label,a,b,pa\n1,0.9,0.8,1\n0,0.2,0.3,0\n1,0.7,0.4,1\n0,0.4,0.6,0\n1,0.6,0.7,0\n0,0.1,0.2,0\n";

    static BadInput.Setup preds(String content) { return d -> Files.writeString(d.resolve("p.csv"), content); }

    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("compare: a score that is not a probability names the row")
                        .setup(preds("label,a,b\n1,0.9,0.8\n0,1.7,0.3\n1,0.6,0.4\n0,0.1,0.6\n"))
                        .args("compare", "--input", "{dir}/p.csv", "--label", "label", "--score-a", "a", "--score-b", "b")
                        .expect(2, "p\\.csv:3.*a.*not a probability"),
                BadInput.of("compare: one predicted-label column without the other")
                        .setup(preds(PREDS))
                        .args("compare", "--input", "{dir}/p.csv", "--label", "label", "--score-a", "a", "--score-b", "b", "--prediction-a", "pa")
                        .expect(2, "prediction-b=\\(none\\).*both models' predicted labels or neither"),
                BadInput.of("compare: three classes")
                        .setup(preds("label,a,b\n1,0.9,0.8\n0,0.2,0.3\n2,0.6,0.4\n0,0.1,0.6\n"))
                        .args("compare", "--input", "{dir}/p.csv", "--label", "label", "--score-a", "a", "--score-b", "b")
                        .expect(2, "label=label.*3 labels.*two classes"),
                BadInput.of("compare: one class only cannot rank")
                        .setup(preds("label,a,b\n1,0.9,0.8\n1,0.2,0.3\n1,0.6,0.4\n"))
                        .args("compare", "--input", "{dir}/p.csv", "--label", "label", "--score-a", "a", "--score-b", "b")
                        .expect(2, "at least 2 positive and 2 negative rows"),
                BadInput.of("compare: a regression metric")
                        .setup(preds(PREDS))
                        .args("compare", "--input", "{dir}/p.csv", "--label", "label", "--score-a", "a", "--score-b", "b", "--metric", "rmse")
                        .expect(2, "metric=rmse.*regression metric"),
                BadInput.of("compare: a missing score column is named")
                        .setup(preds(PREDS))
                        .args("compare", "--input", "{dir}/p.csv", "--label", "label", "--score-a", "a", "--score-b", "c")
                        .expect(2, "column=c: no such column"),
                BadInput.of("metrics: a calibration strategy without bins")
                        .setup(preds(PREDS))
                        .args("metrics", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "pa", "--score", "a",
                                "--calibration-strategy", "quantile")
                        .expect(2, "calibration-strategy=quantile.*without --calibration-bins"),
                BadInput.of("metrics: an unknown calibration strategy")
                        .setup(preds(PREDS))
                        .args("metrics", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "pa", "--score", "a",
                                "--calibration-bins", "5", "--calibration-strategy", "equal")
                        .expect(2, "calibration-strategy=equal.*uniform or quantile"),
                BadInput.of("split: an embargo on a strategy that has none")
                        .setup(timed())
                        .args("split", "--input", "{dir}/t.csv", "--output", "{dir}/out", "--strategy", "kfold", "--embargo", "2d")
                        .expect(2, "--embargo=2d.*does not apply to --strategy kfold"),
                BadInput.of("split: an embargo that is neither rows nor a duration")
                        .setup(timed())
                        .args("split", "--input", "{dir}/t.csv", "--output", "{dir}/out", "--strategy", "purged-kfold", "--time", "start",
                                "--embargo", "two days")
                        .expect(2, "--embargo=two days.*neither a number of rows nor a duration"),
                BadInput.of("split: combinatorial-purged without --test-groups")
                        .setup(timed())
                        .args("split", "--input", "{dir}/t.csv", "--output", "{dir}/out", "--strategy", "combinatorial-purged", "--time", "start",
                                "--groups", "6")
                        .expect(2, "--test-groups.*needs --groups N and --test-groups K"),
                BadInput.of("split: walk-forward without a horizon")
                        .setup(timed())
                        .args("split", "--input", "{dir}/t.csv", "--output", "{dir}/out", "--strategy", "walk-forward", "--time", "start",
                                "--train-window", "30d")
                        .expect(2, "--horizon.*walk-forward needs --train-window and --horizon"),
                BadInput.of("split: repeats on a time strategy")
                        .setup(timed())
                        .args("split", "--input", "{dir}/t.csv", "--output", "{dir}/out", "--strategy", "time-series", "--time", "start",
                                "--repeats", "3")
                        .expect(2, "--repeats=3.*does not apply to --strategy time-series"),
                BadInput.of("split: repeats without shuffling")
                        .setup(timed())
                        .args("split", "--input", "{dir}/t.csv", "--output", "{dir}/out", "--strategy", "kfold", "--no-shuffle", "--repeats", "3")
                        .expect(2, "--repeats=3.*need it"),
                BadInput.of("split: an unknown label-end column")
                        .setup(timed())
                        .args("split", "--input", "{dir}/t.csv", "--output", "{dir}/out", "--strategy", "purged-kfold", "--time", "start",
                                "--label-end", "finish")
                        .expect(2, "--label-end.*finish"));
    }

    static BadInput.Setup timed() {
        return d -> {
            StringBuilder b = new StringBuilder("start,end,y\n");
            for (int i = 0; i < 30; i++) b.append(java.time.LocalDate.of(2023, 1, 1).plusDays(i)).append(',')
                    .append(java.time.LocalDate.of(2023, 1, 3).plusDays(i)).append(',').append(i % 2).append('\n');
            Files.writeString(d.resolve("t.csv"), b);
        };
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
