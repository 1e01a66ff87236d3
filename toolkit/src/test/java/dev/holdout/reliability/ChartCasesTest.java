package dev.holdout.reliability;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** {@code metrics --charts DIR} where no chart can be drawn: an error before anything is written, never a silent exit 0. */
class ChartCasesTest {
    private static final String BINARY = "label,prediction,score,region\n1,1,0.9,n\n0,0,0.2,s\n1,0,0.4,n\n0,1,0.6,s\n";

    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("metrics --charts: classification without --score")
                        .setup(d -> Files.writeString(d.resolve("p.csv"), BINARY))
                        .args("metrics", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "prediction",
                                "--charts", "{dir}/charts")
                        .expect(2, "charts=.*need the model's scores.*--score"),
                BadInput.of("metrics --charts: with --group-by")
                        .setup(d -> Files.writeString(d.resolve("p.csv"), BINARY))
                        .args("metrics", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "prediction",
                                "--score", "score", "--group-by", "region", "--charts", "{dir}/charts")
                        .expect(2, "charts=.*not per --group-by slice"),
                BadInput.of("metrics --charts: multiclass labels")
                        .setup(d -> Files.writeString(d.resolve("p.csv"), "label,prediction,score\na,a,0.9\nb,b,0.2\nc,a,0.4\n"))
                        .args("metrics", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "prediction",
                                "--score", "score", "--charts", "{dir}/charts")
                        .expect(2, "charts=.*(two classes|--positive)"),
                BadInput.of("metrics --charts: only one class in the truth")
                        .setup(d -> Files.writeString(d.resolve("p.csv"), "label,prediction,score\n0,0,0.1\n0,1,0.7\n"))
                        .args("metrics", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "prediction",
                                "--score", "score", "--charts", "{dir}/charts")
                        .expect(2, "charts=.*both classes"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void aChartThatCannotBeDrawnIsAClearError(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
