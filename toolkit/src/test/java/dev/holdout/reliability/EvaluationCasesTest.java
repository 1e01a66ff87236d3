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
                        .expect(2, "column=c: no such column"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
