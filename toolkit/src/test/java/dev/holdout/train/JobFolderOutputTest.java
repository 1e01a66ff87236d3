package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a training job's folder and its failure report go, under the output rules. */
class JobFolderOutputTest {
    @TempDir Path dir;

    private TrainingJob job(String csv) throws IOException {
        Path train = Files.writeString(dir.resolve("train.csv"), csv);
        return TrainingJob.xgboost("y", Channel.csv(train))
                .withHyperparameters(Hyperparameters.numRound(3).withObjective("binary:logistic").withNthread(1));
    }

    private List<String> names() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test void aFailedForcedRunOverAnyNonEmptyFolderKeepsItAndReportsBeside() throws Exception {
        Path out = Files.createDirectories(dir.resolve("job"));
        Files.writeString(out.resolve("notes.txt"), "not a job, but mine");
        TrainingJob bad = job("a,y\n1,0\n2,1\n3,5\n").withOutput(out);
        assertThrows(DataValidationException.class, () -> bad.run(TrainingListener.NONE, true));
        assertEquals(List.of("notes.txt"), names(out), "a failure never replaces what was there");
        assertTrue(Files.readString(dir.resolve("job.failed-1/output/failure")).contains("not 0 or 1"));
        assertEquals(List.of("job", "job.failed-1", "train.csv"), names());
    }

    @Test void aFailureReportMeetingAFileThatAppearedIsKeptBesideAndSaysSo() throws Exception {
        Path out = dir.resolve("job");
        List<String> log = new ArrayList<>();
        TrainingListener putsAFileThere = new TrainingListener() {
            @Override public void onRound(RoundEvent event) {}

            @Override public void onLog(String line) {
                log.add(line);
                if (log.size() == 1) {
                    try {
                        Files.createDirectories(out);
                        Files.writeString(out.resolve("mine.txt"), "precious");
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        };
        TrainingJob bad = job("a,y\n1,0\n2,1\n3,5\n").withOutput(out);
        DataValidationException e = assertThrows(DataValidationException.class, () -> bad.run(putsAFileThere));
        assertTrue(e.getMessage().contains("not 0 or 1"), "the job's own error is what the user sees: " + e.getMessage());
        assertEquals("precious", Files.readString(out.resolve("mine.txt")));
        assertFalse(Files.exists(out.resolve("output")));
        assertTrue(Files.readString(dir.resolve("job.new-1/output/failure")).contains("not 0 or 1"));
        assertTrue(log.stream().anyMatch(l -> l.startsWith("failure report not written to " + out) && l.contains("job.new-1")), log.toString());
    }

    private static List<String> names(Path d) throws IOException {
        try (Stream<Path> s = Files.list(d)) {
            return s.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }
}
