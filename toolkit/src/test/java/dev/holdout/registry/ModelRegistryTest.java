package dev.holdout.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.experiments.Experiments;
import dev.holdout.experiments.Run;
import dev.holdout.io.ContentHash;
import dev.holdout.store.Store;
import dev.holdout.train.ModelReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelRegistryTest {
    @TempDir static Path shared;
    static Path jobA, jobB;

    @TempDir Path dir;

    @BeforeAll static void train() {
        Path[] jobs = RegistryFixtures.twoJobs(shared);
        jobA = jobs[0];
        jobB = jobs[1];
    }

    private ModelRegistry registry() { return ModelRegistry.open(Store.at(dir.resolve("s.duckdb"))); }

    @Test void versionsCountFromOneWithinAGroupAndKeepWhatTheJobHad() {
        ModelRegistry r = registry();
        ModelVersion v1 = r.register("rain", jobA, "first", ApprovalStatus.PendingManualApproval, "ana");
        ModelVersion v2 = r.register("rain", jobB, "second", ApprovalStatus.PendingManualApproval, "ana");
        ModelVersion other = r.register("snow", jobA, "", ApprovalStatus.Approved, "ben");
        assertEquals(1, v1.version());
        assertEquals(2, v2.version());
        assertEquals(1, other.version());
        assertEquals(v1.artifactsSha256(), other.artifactsSha256(), "the same job stored once, by content");
        assertTrue(Files.isRegularFile(v1.modelFolder().resolve("model-card.json")));
        assertTrue(Files.isRegularFile(v1.folder().resolve("input/config/job.json")));
        assertTrue(Files.isRegularFile(v1.folder().resolve("output/metrics.json")));
        assertEquals(ContentHash.folder(v1.folder()).digest(), v1.artifactsSha256());
        ModelVersion read = r.get("rain", 2);
        assertEquals("second", read.description());
        assertEquals(v2.metrics(), read.metrics());
        assertTrue(read.lineage().path("data").path("train").has("fingerprint"), read.lineage().toString());
        assertEquals(List.of("rain", "snow"), r.groups());
        assertEquals(3, r.list(null, null).size());
        assertEquals(List.of(other.ref()), r.list(null, ApprovalStatus.Approved).stream().map(ModelVersion::ref).toList());
    }

    @Test void aLaterChangeToTheJobFolderCannotChangeARegisteredModel() throws Exception {
        Path job = dir.resolve("job");
        RegistryFixtures.copy(jobA, job);
        ModelRegistry r = registry();
        ModelVersion v = r.register("rain", job, "", ApprovalStatus.Approved, "ana");
        byte[] before = Files.readAllBytes(v.modelFolder().resolve("model-card.json"));
        Files.writeString(job.resolve("model/model-card.json"), "{\"changed\": true}");
        Path resolved = ModelReference.parse("rain/1").resolve(r);
        assertEquals(new String(before), Files.readString(resolved.resolve("model-card.json")));
        // and a change to the stored copy itself is caught when the version is loaded
        Path card = v.modelFolder().resolve("model-card.json");
        card.toFile().setWritable(true);
        Files.writeString(card, "{}");
        DataValidationException e = assertThrows(DataValidationException.class, () -> ModelReference.parse("rain@approved").resolve(r));
        assertTrue(e.getMessage().contains("changed after registration"), e.getMessage());
    }

    @Test void approvedAliasIsTheLatestApprovedAndFallsBackWhenOneIsWithdrawn() {
        ModelRegistry r = registry();
        r.register("rain", jobA, "", ApprovalStatus.PendingManualApproval, "ana");
        r.register("rain", jobB, "", ApprovalStatus.PendingManualApproval, "ana");
        DataValidationException none = assertThrows(DataValidationException.class, () -> ModelReference.parse("rain@approved").resolve(r));
        assertTrue(none.getMessage().contains("no version of rain is approved"), none.getMessage());
        r.approve("rain", 1, "ben", "good enough");
        assertEquals(r.get("rain", 1).modelFolder(), ModelReference.parse("rain@approved").resolve(r));
        r.approve("rain", 2, "ben", "better");
        assertEquals(r.get("rain", 2).modelFolder(), ModelReference.parse("rain@approved").resolve(r));
        r.reject("rain", 2, "cy", "drifted");
        assertEquals(r.get("rain", 1).modelFolder(), ModelReference.parse("rain@approved").resolve(r));
        List<StatusChange> h = r.history("rain");
        assertEquals(5, h.size());
        StatusChange last = h.get(4);
        assertEquals(ApprovalStatus.Approved, last.from());
        assertEquals(ApprovalStatus.Rejected, last.to());
        assertEquals("cy", last.by());
        assertEquals("drifted", last.reason());
        assertNotNull(last.at());
    }

    @Test void aRejectedVersionCannotBeApprovedAndNothingIsRecordedForARefusedChange() {
        ModelRegistry r = registry();
        r.register("rain", jobA, "", ApprovalStatus.PendingManualApproval, "ana");
        r.reject("rain", 1, "ben", "leaks the label");
        DataValidationException e = assertThrows(DataValidationException.class, () -> r.approve("rain", 1, "cy", "looks fine to me"));
        assertTrue(e.getMessage().contains("a rejection is final"), e.getMessage());
        assertTrue(e.getMessage().contains("register the job folder again"), e.getMessage());
        DataValidationException again = assertThrows(DataValidationException.class, () -> r.reject("rain", 1, "cy", "twice"));
        assertTrue(again.getMessage().contains("already Rejected"), again.getMessage());
        assertEquals(2, r.history("rain").size());
        assertEquals(ApprovalStatus.Rejected, r.get("rain", 1).status());
    }

    @Test void badNamesAndMissingVersionsAreClearErrors() {
        ModelRegistry r = registry();
        DataValidationException slash = assertThrows(DataValidationException.class,
                () -> r.register("team/rain", jobA, "", ApprovalStatus.PendingManualApproval, "ana"));
        assertTrue(slash.getMessage().contains("must not contain '/' or '@'"), slash.getMessage());
        assertThrows(DataValidationException.class, () -> r.register("rain@prod", jobA, "", ApprovalStatus.PendingManualApproval, "ana"));
        assertFalse(Files.exists(dir.resolve("s.duckdb")), "a refused registration creates no store");
        r.register("rain", jobA, "", ApprovalStatus.PendingManualApproval, "ana");
        DataValidationException missing = assertThrows(DataValidationException.class, () -> ModelReference.parse("rain/7").resolve(r));
        assertTrue(missing.getMessage().contains("rain has versions 1"), missing.getMessage());
        DataValidationException group = assertThrows(DataValidationException.class, () -> r.get("snow", 1));
        assertTrue(group.getMessage().contains("no such model group"), group.getMessage());
    }

    @Test void aVersionIsLinkedToTheExperimentRunThatTrainedItsModel() {
        Store store = Store.at(dir.resolve("s.duckdb"));
        Run run = Experiments.open(store).record(jobB, Experiments.TRAIN, null);
        ModelVersion v = ModelRegistry.open(store).register("rain", jobB, "", ApprovalStatus.PendingManualApproval, "ana");
        assertEquals(run.id(), v.experimentRun());
        assertEquals(run.modelSha256(), v.modelSha256());
        assertEquals("auc", run.metric());
        assertTrue(run.rounds() > 0);
        assertEquals(run.rounds(), run.curve("validation:auc").length);
    }
}
