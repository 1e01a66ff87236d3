package dev.holdout.reliability;

import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Rows that hold today and keep the harness honest; each area of the suite adds its own *CasesTest beside this. */
class SmokeCasesTest {
    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("split: the input does not exist")
                        .args("split", "--input", "{dir}/nope.csv", "--output", "{dir}/out", "--strategy", "random")
                        .expect(2, "nope\\.csv.*does not exist"),
                BadInput.of("split: an unknown strategy")
                        .setup(d -> java.nio.file.Files.writeString(d.resolve("in.csv"), "a,b\n1,2\n3,4\n"))
                        .args("split", "--input", "{dir}/in.csv", "--output", "{dir}/out", "--strategy", "randm")
                        .expect(2, "--strategy=randm"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
