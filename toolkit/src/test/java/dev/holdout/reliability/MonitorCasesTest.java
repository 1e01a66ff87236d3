package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to {@code holdout monitor}: a baseline folder with a missing or hand-broken file, constraints with an
 * unknown key or a threshold outside [0, 1], thresholds and methods on the command line, empty and header-only
 * files, a capture folder without capture files, model-quality inputs — each a clear error (exit 2) that leaves
 * nothing behind; a baseline feature absent from the data is the documented missing-column violation (exit 3).
 */
class MonitorCasesTest {
    static final String DATA = "temp,wind,sky\n12.5,3.1,sun\n14.0,2.2,rain\n9.5,4.0,sun\n11.0,1.5,fog\n13.5,2.8,sun\n";
    static final String PREDICTIONS = "label,score,predicted\n1,0.9,1\n0,0.2,0\n1,0.4,0\n0,0.7,1\n";

    /** data.csv and a baseline folder of it (written by the CLI itself). */
    static void baseline(Path d) throws IOException {
        Files.writeString(d.resolve("data.csv"), DATA);
        BadInput.Result r = BadInput.run(List.of("monitor", "baseline", "--input", d.resolve("data.csv").toString(), "--output", d.resolve("base").toString()));
        assertEquals(0, r.exitCode(), r.err());
    }

    /** The baseline, then {@code file} of it rewritten by {@code edit}. */
    static BadInput.Setup edited(String file, java.util.function.UnaryOperator<String> edit) {
        return d -> {
            baseline(d);
            Path f = d.resolve("base").resolve(file);
            String before = Files.readString(f), after = edit.apply(before);
            assertTrue(!before.equals(after), "the edit must change " + file);
            Files.writeString(f, after);
        };
    }

    static List<String> run(Path d, String input) {
        return List.of("monitor", "run", "--baseline", d.resolve("base").toString(), "--input", d.resolve(input).toString(), "--output", d.resolve("out").toString());
    }

    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("monitor baseline: the input does not exist")
                        .args("monitor", "baseline", "--input", "{dir}/nope.csv", "--output", "{dir}/base")
                        .expect(2, "nope\\.csv.*does not exist"),
                BadInput.of("monitor baseline: a header-only file")
                        .setup(d -> Files.writeString(d.resolve("h.csv"), "temp,wind\n"))
                        .args("monitor", "baseline", "--input", "{dir}/h.csv", "--output", "{dir}/base")
                        .expect(2, "h\\.csv.*no data rows"),
                BadInput.of("monitor baseline: an empty file")
                        .setup(d -> Files.writeString(d.resolve("e.csv"), ""))
                        .args("monitor", "baseline", "--input", "{dir}/e.csv", "--output", "{dir}/base")
                        .expect(2, "e\\.csv.*(empty|no header)"),
                BadInput.of("monitor baseline: an unknown feature")
                        .setup(d -> Files.writeString(d.resolve("data.csv"), DATA))
                        .args("monitor", "baseline", "--input", "{dir}/data.csv", "--output", "{dir}/base", "--features", "temp,wnd")
                        .expect(2, "--features.*wnd.*did you mean 'wind'"),
                BadInput.of("monitor baseline: a threshold outside [0, 1]")
                        .setup(d -> Files.writeString(d.resolve("data.csv"), DATA))
                        .args("monitor", "baseline", "--input", "{dir}/data.csv", "--output", "{dir}/base", "--comparison-threshold", "1.5")
                        .expect(2, "--comparison-threshold.*1\\.5.*\\[0, 1\\]"),
                BadInput.of("monitor baseline: a per-feature threshold that is not a number")
                        .setup(d -> Files.writeString(d.resolve("data.csv"), DATA))
                        .args("monitor", "baseline", "--input", "{dir}/data.csv", "--output", "{dir}/base", "--comparison-threshold", "wind=high")
                        .expect(2, "--comparison-threshold wind.*high.*not a number"),
                BadInput.of("monitor baseline: an unknown comparison method")
                        .setup(d -> Files.writeString(d.resolve("data.csv"), DATA))
                        .args("monitor", "baseline", "--input", "{dir}/data.csv", "--output", "{dir}/base", "--comparison-method", "fast")
                        .expect(2, "--comparison-method.*fast.*simple.*robust"),
                BadInput.of("monitor run: the baseline folder does not exist")
                        .setup(d -> Files.writeString(d.resolve("data.csv"), DATA))
                        .args(d -> run(d, "data.csv"))
                        .expect(2, "--baseline.*(no such folder|does not exist)"),
                BadInput.of("monitor run: constraints.json is missing")
                        .setup(d -> {
                            baseline(d);
                            Files.delete(d.resolve("base/constraints.json"));
                        })
                        .args(d -> run(d, "data.csv"))
                        .expect(2, "constraints\\.json is missing"),
                BadInput.of("monitor run: statistics.json cut short by hand")
                        .setup(edited("statistics.json", s -> s.substring(0, s.length() / 2)))
                        .args(d -> run(d, "data.csv"))
                        .expect(2, "statistics\\.json"),
                BadInput.of("monitor run: a constraint with an unknown key")
                        .setup(edited("constraints.json", s -> s.replace("\"completeness\"", "\"completness\"")))
                        .args(d -> run(d, "data.csv"))
                        .expect(2, "completness.*did you mean 'completeness'"),
                BadInput.of("monitor run: a threshold outside [0, 1] in constraints.json")
                        .setup(edited("constraints.json", s -> s.replace("\"comparison_threshold\" : 0.1", "\"comparison_threshold\" : 7")))
                        .args(d -> run(d, "data.csv"))
                        .expect(2, "comparison_threshold.*7.*\\[0, 1\\]"),
                BadInput.of("monitor run: a comparison method Model Monitor does not know")
                        .setup(edited("constraints.json", s -> s.replace("\"Robust\"", "\"Sturdy\"")))
                        .args(d -> run(d, "data.csv"))
                        .expect(2, "Sturdy.*(Simple|Robust)"),
                BadInput.of("monitor run: the current file is empty")
                        .setup(d -> {
                            baseline(d);
                            Files.writeString(d.resolve("now.csv"), "");
                        })
                        .args(d -> run(d, "now.csv"))
                        .expect(2, "now\\.csv.*(empty|no header)"),
                BadInput.of("monitor run: the current file has only a header")
                        .setup(d -> {
                            baseline(d);
                            Files.writeString(d.resolve("now.csv"), "temp,wind,sky\n");
                        })
                        .args(d -> run(d, "now.csv"))
                        .expect(2, "now\\.csv.*no data rows"),
                BadInput.of("monitor run: a capture folder without capture files")
                        .setup(d -> {
                            baseline(d);
                            Files.createDirectories(d.resolve("capture/ep/AllTraffic"));
                        })
                        .args(d -> run(d, "capture"))
                        .expect(2, "no \\*\\.jsonl capture files"),
                BadInput.of("monitor run: a baseline feature absent from the data is the missing-column violation")
                        .setup(d -> {
                            baseline(d);
                            Files.writeString(d.resolve("now.csv"), "temp,sky\n12.0,sun\n13.0,rain\n");
                        })
                        .args(d -> run(d, "now.csv"))
                        .expect(3, "")
                        .mayLeaveOutput()
                        .then((d, r) -> {
                            assertTrue(r.out().contains("missing_column_check wind"), r.out());
                            String v = Files.readString(d.resolve("out/constraint_violations.json"));
                            assertTrue(v.contains("\"constraint_check_type\" : \"missing_column_check\""), v);
                            assertTrue(Files.exists(d.resolve("out/report.html")));
                        }),
                BadInput.of("monitor quality-baseline: an unknown problem type")
                        .setup(d -> Files.writeString(d.resolve("p.csv"), PREDICTIONS))
                        .args("monitor", "quality-baseline", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "predicted",
                                "--problem-type", "Binary", "--output", "{dir}/q")
                        .expect(2, "--problem-type.*Binary.*BinaryClassification"),
                BadInput.of("monitor quality-baseline: a label column that is not there")
                        .setup(d -> Files.writeString(d.resolve("p.csv"), PREDICTIONS))
                        .args("monitor", "quality-baseline", "--input", "{dir}/p.csv", "--label", "lable", "--prediction", "predicted",
                                "--problem-type", "BinaryClassification", "--output", "{dir}/q")
                        .expect(2, "lable.*did you mean 'label'"),
                BadInput.of("monitor quality: the quality baseline has no constraints.json")
                        .setup(d -> {
                            Files.writeString(d.resolve("p.csv"), PREDICTIONS);
                            Files.createDirectories(d.resolve("q"));
                        })
                        .args("monitor", "quality", "--baseline", "{dir}/q", "--input", "{dir}/p.csv", "--label", "label", "--prediction", "predicted",
                                "--problem-type", "BinaryClassification", "--output", "{dir}/out")
                        .expect(2, "constraints\\.json is missing"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
    }
}
