package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.CsvLoader;
import dev.holdout.data.DataValidationException;
import dev.holdout.io.StrictJson;
import dev.holdout.tune.TuningSpec;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tech.tablesaw.api.Table;

/** A job spec's (and a tuning spec's data) optional "types" object declares how CSV columns are read. */
class SpecTypesTest {
    @TempDir Path dir;

    @Test void aJobSpecDeclaresTheTypesOfItsChannelsAndWritesThemBack() throws Exception {
        Files.writeString(dir.resolve("train.csv"), "zip,x,y\n02134,1.5,0\n10001,2.5,1\n");
        String spec = "{\"name\": \"t\", \"label\": \"y\", \"hyperparameters\": {\"num_round\": \"2\"}, \"channels\": {\"train\": \"train.csv\"},"
                + " \"types\": {\"zip\": \"TEXT\"}}";
        TrainingJob job = TrainingJob.fromJson(StrictJson.object(spec, "job.json"), dir);
        Table t = job.train().load();
        assertEquals(ColumnKind.TEXT, CsvLoader.kindOf(t.column("zip")));
        assertEquals("02134", t.stringColumn("zip").get(0), "the leading zero is kept");
        assertEquals("TEXT", job.toJson().path("types").path("zip").asText(), "job.json keeps the declared types");
        TrainingJob without = TrainingJob.fromJson(StrictJson.object(spec.replace(", \"types\": {\"zip\": \"TEXT\"}", ""), "job.json"), dir);
        assertEquals(ColumnKind.INTEGER, CsvLoader.kindOf(without.train().load().column("zip")));
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> TrainingJob.fromJson(StrictJson.object(spec.replace("\"TEXT\"", "\"TXET\""), "job.json"), dir));
        assertTrue(e.getMessage().startsWith("types.zip=TXET: not a column type; did you mean TEXT?"), e.getMessage());
    }

    @Test void aTuningSpecDeclaresTheTypesOfItsCsv() throws Exception {
        StringBuilder sb = new StringBuilder("zip,x,y\n");
        for (int i = 0; i < 40; i++) sb.append(String.format("%05d", i)).append(',').append(i % 7).append(',').append(i % 2).append('\n');
        Files.writeString(dir.resolve("d.csv"), sb.toString());
        String spec = "{\"data\": {\"csv\": \"d.csv\", \"types\": {\"zip\": \"TEXT\"}}, \"split\": {\"testSize\": 0.25},"
                + " \"training\": {\"label\": \"y\", \"exclude\": [\"zip\"], \"hyperparameters\": {\"num_round\": \"2\"}},"
                + " \"HyperParameterTuningJobConfig\": {\"Strategy\": \"Random\", \"HyperParameterTuningJobObjective\": {\"MetricName\": \"validation:logloss\", \"Type\": \"Minimize\"},"
                + " \"ResourceLimits\": {\"MaxNumberOfTrainingJobs\": 1, \"MaxParallelTrainingJobs\": 1},"
                + " \"ParameterRanges\": {\"IntegerParameterRanges\": [{\"Name\": \"max_depth\", \"MinValue\": \"1\", \"MaxValue\": \"2\"}]}}}";
        TuningSpec t = TuningSpec.fromJson(spec, dir);
        assertEquals(ColumnKind.TEXT, CsvLoader.kindOf(t.data().column("zip")));
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> TuningSpec.fromJson(spec.replace("\"csv\": \"d.csv\"", "\"dataset\": \"diabetes\""), dir));
        assertTrue(e.getMessage().startsWith("data.types="), e.getMessage());
    }
}
