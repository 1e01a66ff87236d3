package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --engine spark without the holdout-spark module says how to add it; --master alone is refused. */
class EngineOptionTest {
    @TempDir Path dir;

    @Test void withoutTheModuleTheMessageSaysHowToAddIt() throws Exception {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "label,prediction\n1,1\n0,1\n");
        CliRunner r = CliRunner.run("metrics", "--input", csv.toString(), "--label", "label", "--prediction", "prediction", "--engine", "spark");
        assertEquals(1, r.exitCode(), r.err());
        assertTrue(r.err().contains("holdout-spark module") && r.err().contains("mvn -B package -pl spark -am"), r.err());
        assertFalse(r.err().contains("Exception"), r.err());
        Path out = dir.resolve("base");
        CliRunner b = CliRunner.run("monitor", "baseline", "--input", csv.toString(), "--output", out.toString(), "--engine", "spark");
        assertEquals(1, b.exitCode(), b.err());
        assertFalse(Files.exists(out), "nothing written");
    }

    @Test void masterNeedsTheSparkEngine() throws Exception {
        Path csv = dir.resolve("p.csv");
        Files.writeString(csv, "label,prediction\n1,1\n0,1\n");
        CliRunner r = CliRunner.run("metrics", "--input", csv.toString(), "--label", "label", "--prediction", "prediction", "--master", "local[2]");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("--master") && r.err().contains("--engine spark"), r.err());
        CliRunner e = CliRunner.run("metrics", "--input", csv.toString(), "--label", "label", "--prediction", "prediction", "--engine", "flink");
        assertEquals(2, e.exitCode(), e.err());
    }
}
