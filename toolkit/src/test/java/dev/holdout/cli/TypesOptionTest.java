package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** --types decides how a column is read, in every verb that reads a CSV. */
class TypesOptionTest {
    @TempDir Path dir;

    /** 20 rows whose "code" column is numbers but for one value. */
    private Path codes() throws Exception {
        StringBuilder sb = new StringBuilder("id,code,y\n");
        for (int i = 0; i < 20; i++) sb.append(i).append(',').append(i == 7 ? "A7" : Integer.toString(100 + i % 3)).append(',').append(i % 2).append('\n');
        Path f = dir.resolve("codes.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    @Test void splitReadsAMostlyNumericLabelAsTextWhenDeclared() throws Exception {
        Path f = codes();
        CliRunner bad = CliRunner.run("split", "--input", f.toString(), "--output", dir.resolve("a").toString(), "--strategy", "stratified",
                "--label", "code", "--test-size", "0.3");
        assertEquals(2, bad.exitCode());
        assertTrue(bad.err().contains("codes.csv:9, column 'code': value 'A7' is not a number") && bad.err().contains("--types 'code=TEXT'"), bad.err());
        CliRunner ok = CliRunner.run("split", "--input", f.toString(), "--output", dir.resolve("b").toString(), "--strategy", "stratified",
                "--label", "code", "--test-size", "0.3", "--types", "code=TEXT");
        assertEquals(0, ok.exitCode(), ok.err());
        String manifest = Files.readString(dir.resolve("b/split.json"));
        assertTrue(manifest.contains("\"A7\""), manifest);
    }

    @Test void auditReadsTheDeclaredTypeInEveryPart() throws Exception {
        Path split = Files.createDirectories(dir.resolve("s"));
        Files.copy(codes(), split.resolve("train.csv"));
        Files.writeString(split.resolve("test.csv"), "id,code,y\n30,B1,0\n31,101,1\n32,102,0\n");
        CliRunner bad = CliRunner.run("audit", "--split", split.toString(), "--label", "y");
        assertEquals(2, bad.exitCode(), bad.err());
        assertTrue(bad.err().contains("train.csv:9, column 'code': value 'A7' is not a number"), bad.err());
        CliRunner ok = CliRunner.run("audit", "--split", split.toString(), "--label", "y", "--types", "code=TEXT");
        assertTrue(ok.exitCode() == 0 || ok.exitCode() == 3, ok.err());
        assertTrue(ok.err().isEmpty(), ok.err());
    }

    @Test void metricsTakesTheTaskFromADeclaredLabelType() throws Exception {
        Path f = dir.resolve("p.csv");
        Files.writeString(f, "y,p\n1.5,1.5\n2.5,1.5\n2.5,2.5\n1.5,1.5\n");
        CliRunner regression = CliRunner.run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "p", "--format", "json");
        assertEquals(0, regression.exitCode(), regression.err());
        assertTrue(regression.out().contains("\"mse\""), regression.out());
        CliRunner classes = CliRunner.run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "p", "--format", "json",
                "--types", "y=TEXT,p=TEXT", "--positive", "2.5");
        assertEquals(0, classes.exitCode(), classes.err());
        assertTrue(classes.out().contains("\"accuracy\" : 0.75"), classes.out());
        assertTrue(classes.out().contains("--types declares 'y' TEXT"), classes.out());
    }

    @Test void anUnknownTypeNameIsRefusedWithASuggestion() throws Exception {
        Path f = codes();
        for (String verb : new String[] {"split", "metrics"}) {
            CliRunner r = verb.equals("split")
                    ? CliRunner.run("split", "--input", f.toString(), "--output", dir.resolve("x").toString(), "--strategy", "random", "--types", "code=TXT")
                    : CliRunner.run("metrics", "--input", f.toString(), "--label", "y", "--prediction", "y", "--types", "code=TXT");
            assertEquals(2, r.exitCode(), verb);
            assertTrue(r.err().contains("--types code=TXT: not a column type; did you mean TEXT?"), r.err());
        }
    }
}
