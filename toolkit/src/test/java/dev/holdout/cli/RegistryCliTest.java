package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.holdout.io.StrictJson;
import dev.holdout.registry.RegistryFixtures;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code holdout experiments} and {@code holdout registry} end to end: train records runs, compare draws their curves,
 * a registered version is approved and scored by {@code predict --model NAME@approved}, and the history says which
 * version was approved when. A store that cannot be opened never fails a training job.
 */
class RegistryCliTest {
    @TempDir Path dir;

    private static TuneCommandTest.Run run(String... args) { return TuneCommandTest.run(args); }

    private String store() { return dir.resolve("s.duckdb").toString(); }

    private Path train(String name, int depth, double eta) throws Exception {
        Path[] d = RegistryFixtures.data(dir);
        Path spec = dir.resolve(name + ".json");
        Files.writeString(spec, """
                {"name": "%s", "label": "malignant", "features": ["mean_radius", "mean_texture", "worst_area", "worst_concavity"],
                 "hyperparameters": {"num_round": "30", "objective": "binary:logistic", "eval_metric": "auc", "early_stopping_rounds": "5",
                                     "max_depth": "%d", "eta": "%s", "seed": "1", "nthread": "1"},
                 "channels": {"train": "%s", "validation": "%s"}}
                """.formatted(name, depth, Double.toString(eta), d[0], d[1]));
        Path out = dir.resolve("runs").resolve(name);
        TuneCommandTest.Run r = run("train", "--config", spec.toString(), "--output", out.toString(), "--store", store());
        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("warning"), r.err());
        return out;
    }

    @Test void trainRecordsRunsAndCompareShowsThemSideBySideWithTheirCurves() throws Exception {
        train("deep", 4, 0.3);
        train("shallow", 1, 0.1);
        TuneCommandTest.Run list = run("experiments", "list", "--store", store(), "--format", "json");
        assertEquals(0, list.code(), list.err());
        JsonNode runs = StrictJson.parse(list.out(), "stdout");
        assertEquals(2, runs.size());
        assertEquals("deep", runs.get(0).path("name").asText());
        assertEquals("train", runs.get(0).path("kind").asText());
        JsonNode show = StrictJson.parse(run("experiments", "show", "2", "--store", store(), "--format", "json").out(), "stdout");
        assertEquals("1", show.at("/hyperparameters/max_depth").asText());
        assertEquals(show.path("rounds").asInt(), show.path("history").size(), "one history row per round");
        assertTrue(show.at("/data/train/fingerprint").asText().length() > 8, show.toString());
        Path chart = dir.resolve("curves.png");
        TuneCommandTest.Run cmp = run("experiments", "compare", "1", "2", "--store", store(), "--chart", chart.toString());
        assertEquals(0, cmp.code(), cmp.err());
        assertTrue(cmp.out().lines().anyMatch(l -> l.matches("max_depth\\s+4\\s+1")), cmp.out());
        assertTrue(cmp.out().lines().anyMatch(l -> l.startsWith("validation:roc_auc")), cmp.out());
        byte[] png = Files.readAllBytes(chart);
        assertEquals((byte) 0x89, png[0]);
        assertEquals('P', png[1]);
    }

    @Test void aRegisteredVersionIsApprovedScoredByNameAndItsHistoryKept() throws Exception {
        Path a = train("a", 3, 0.3);
        Path b = train("b", 2, 0.1);
        TuneCommandTest.Run r1 = run("registry", "register", "--group", "rain", "--model", a.toString(), "--store", store(),
                "--description", "first", "--by", "ana", "--format", "json");
        assertEquals(0, r1.code(), r1.err());
        JsonNode v1 = StrictJson.parse(r1.out(), "stdout");
        assertEquals("rain/1", v1.path("version").asText());
        assertEquals("PendingManualApproval", v1.path("status").asText());
        assertEquals(1, v1.path("experiment_run").asInt(), "linked to the run that trained it");
        assertEquals(0, run("registry", "register", "--group", "rain", "--model", b.toString(), "--store", store()).code());
        Path in = dir.resolve("data/validation.csv");
        Path pred = dir.resolve("p.csv");
        TuneCommandTest.Run none = run("predict", "--model", "rain@approved", "--store", store(), "--input", in.toString(), "--output", pred.toString());
        assertEquals(2, none.code(), "nothing approved yet: " + none.err());
        assertEquals(0, run("registry", "approve", "rain/1", "--by", "ben", "--reason", "AUC holds on 2015", "--store", store()).code());
        assertEquals(0, run("registry", "approve", "rain/2", "--by", "ben", "--reason", "better", "--store", store()).code());
        assertEquals(0, run("registry", "reject", "rain/2", "--by", "cy", "--reason", "drift in March", "--store", store()).code());
        TuneCommandTest.Run p = run("predict", "--model", "rain@approved", "--store", store(), "--input", in.toString(), "--output", pred.toString());
        assertEquals(0, p.code(), p.err());
        // rain@approved is rain/1 again: its predictions are job a's
        Path direct = dir.resolve("direct.csv");
        assertEquals(0, run("predict", "--model", a.toString(), "--input", in.toString(), "--output", direct.toString()).code());
        assertEquals(Files.readAllLines(direct), Files.readAllLines(pred));
        JsonNode history = StrictJson.parse(run("registry", "history", "rain", "--store", store(), "--format", "json").out(), "stdout");
        assertEquals(5, history.size());
        assertEquals(List.of("rain/1 null->PendingManualApproval ana", "rain/2 null->PendingManualApproval " + System.getProperty("user.name"),
                        "rain/1 PendingManualApproval->Approved ben", "rain/2 PendingManualApproval->Approved ben", "rain/2 Approved->Rejected cy"),
                history.findParents("seq").stream().map(h -> h.path("version").asText() + " " + (h.get("from").isNull() ? "null" : h.get("from").asText())
                        + "->" + h.path("to").asText() + " " + h.path("by").asText()).toList());
        TuneCommandTest.Run table = run("registry", "history", "rain", "--store", store());
        assertTrue(table.out().contains("rain@approved: rain/1"), table.out());
        TuneCommandTest.Run listed = run("registry", "list", "--store", store(), "--status", "Approved");
        assertTrue(listed.out().contains("rain/1") && !listed.out().contains("rain/2"), listed.out());
        TuneCommandTest.Run shown = run("registry", "show", "rain@approved", "--store", store());
        assertTrue(shown.out().startsWith("rain/1  Approved"), shown.out());
    }

    @Test void theSplitManifestsFingerprintsAreInTheRunAndTheVersionsLineage() throws Exception {
        Path data = RegistryFixtures.data(dir)[0];
        Path split = dir.resolve("split");
        TuneCommandTest.Run s = run("split", "--input", data.toString(), "--output", split.toString(), "--strategy", "random",
                "--validation-size", "0.2", "--test-size", "0.2", "--seed", "3");
        assertEquals(0, s.code(), s.err());
        JsonNode manifest = StrictJson.read(split.resolve("split.json"), "split.json");
        Path spec = dir.resolve("s.json");
        Files.writeString(spec, """
                {"name": "s", "label": "malignant", "features": ["mean_radius", "worst_area"],
                 "hyperparameters": {"num_round": "5", "objective": "binary:logistic", "seed": "1", "nthread": "1"},
                 "channels": {"train": "%s", "validation": "%s"}}
                """.formatted(split.resolve("train.csv"), split.resolve("validation.csv")));
        Path job = dir.resolve("job");
        assertEquals(0, run("train", "--config", spec.toString(), "--output", job.toString(), "--store", store()).code());
        JsonNode r = StrictJson.parse(run("experiments", "show", "1", "--store", store(), "--format", "json").out(), "stdout");
        assertEquals(manifest.at("/parts/train/fingerprint").asText(), r.at("/data/split/parts/train/fingerprint").asText(), r.toString());
        assertEquals(manifest.at("/parts/test/fingerprint").asText(), r.at("/data/split/parts/test/fingerprint").asText());
        assertEquals("random", r.at("/data/split/strategy").asText());
        TuneCommandTest.Run reg = run("registry", "register", "--group", "s", "--model", job.toString(), "--store", store(), "--format", "json");
        JsonNode v = StrictJson.parse(reg.out(), "stdout");
        assertEquals(manifest.at("/parts/validation/fingerprint").asText(), v.at("/lineage/split_manifest/parts/validation/fingerprint").asText());
        Path stored = Path.of(v.path("model_folder").asText()).resolveSibling("lineage").resolve("split.json");
        assertEquals(Files.readString(split.resolve("split.json")), Files.readString(stored), "the manifest is kept with the version");
        assertEquals(v.at("/model_card/data/train/fingerprint").asText(), v.at("/lineage/data/train/fingerprint").asText());
        assertTrue(v.at("/lineage/preprocessor_sha256").asText().matches("[0-9a-f]{64}"), v.toString());
    }

    @Test void onlyApprovedVersionsAreDeployed() throws Exception {
        Path a = train("a", 3, 0.3);
        dev.holdout.store.Store st = dev.holdout.store.Store.at(Path.of(store()));
        dev.holdout.registry.ModelRegistry reg = dev.holdout.registry.ModelRegistry.open(st);
        reg.register("rain", a, "", dev.holdout.registry.ApprovalStatus.PendingManualApproval, "ana");
        var pending = org.junit.jupiter.api.Assertions.assertThrows(dev.holdout.data.DataValidationException.class,
                () -> ModelReferences.deployed("rain/1", () -> st));
        assertTrue(pending.getMessage().contains("rain/1: is PendingManualApproval, and only Approved versions are deployed"), pending.getMessage());
        assertEquals(reg.get("rain", 1).modelFolder(), ModelReferences.folder("rain/1", storeOption()), "scoring a version under review is fine");
        reg.approve("rain", 1, "ben", "ok");
        assertEquals(reg.get("rain", 1).modelFolder(), ModelReferences.deployed("rain/1", () -> st));
        assertEquals(reg.get("rain", 1).modelFolder(), ModelReferences.deployed("rain@approved", () -> st));
        assertEquals(a.resolve("model"), ModelReferences.deployed(a.toString(), () -> st), "a job folder is served as it is");
    }

    private StoreOption storeOption() {
        StoreOption o = new StoreOption();
        o.file = Path.of(store());
        return o;
    }

    @Test void aStoreThatCannotBeOpenedIsAWarningNeverAFailedJob() throws Exception {
        Path notAStore = dir.resolve("notes.txt");
        Files.writeString(notAStore, "my notes, not a database\n");
        Path[] d = RegistryFixtures.data(dir);
        Path spec = dir.resolve("j.json");
        Files.writeString(spec, """
                {"name": "j", "label": "malignant", "features": ["mean_radius"],
                 "hyperparameters": {"num_round": "3", "objective": "binary:logistic", "seed": "1", "nthread": "1"},
                 "channels": {"train": "%s"}}
                """.formatted(d[0]));
        TuneCommandTest.Run r = run("train", "--config", spec.toString(), "--output", dir.resolve("job").toString(), "--store", notAStore.toString());
        assertEquals(0, r.code(), r.err());
        assertTrue(r.err().contains("holdout train: warning: the run was not recorded in the experiments store " + notAStore), r.err());
        assertTrue(r.err().contains("is not a DuckDB database"), r.err());
        assertTrue(Files.isRegularFile(dir.resolve("job/model/model-card.json")));
        assertEquals("my notes, not a database\n", Files.readString(notAStore), "the file is left as it was");
    }

    @Test void aFailedTrainingJobIsRecordedAsFailed() throws Exception {
        Path[] d = RegistryFixtures.data(dir);
        Path spec = dir.resolve("bad.json");
        Files.writeString(spec, """
                {"name": "bad", "label": "malignant", "features": ["no_such_column"],
                 "hyperparameters": {"num_round": "3", "objective": "binary:logistic"},
                 "channels": {"train": "%s"}}
                """.formatted(d[0]));
        TuneCommandTest.Run r = run("train", "--config", spec.toString(), "--output", dir.resolve("bad").toString(), "--store", store());
        assertEquals(2, r.code(), r.err());
        JsonNode runs = StrictJson.parse(run("experiments", "list", "--store", store(), "--format", "json").out(), "stdout");
        assertEquals(1, runs.size(), runs.toString());
        assertEquals("Failed", runs.get(0).path("status").asText());
        assertTrue(runs.get(0).at("/data/failure").asText().contains("no_such_column"), runs.toString());
    }

    @Test void tuneRecordsEveryTrial() throws Exception {
        Path config = dir.resolve("tuning.json");
        Files.writeString(config, String.format(TuneCommandTest.CONFIG, "Random", "validation:auc", "max_depth", "Off"));
        Path out = dir.resolve("tune");
        TuneCommandTest.Run r = run("tune", "--config", config.toString(), "--output", out.toString(), "--store", store());
        assertEquals(0, r.code(), r.err());
        JsonNode runs = StrictJson.parse(run("experiments", "list", "--store", store(), "--kind", "tune-trial", "--format", "json").out(), "stdout");
        assertEquals(4, runs.size(), runs.toString());
        for (JsonNode t : runs) {
            assertEquals(out.toAbsolutePath().normalize().toString(), t.path("parent").asText());
            assertTrue(t.path("job_folder").asText().startsWith(out.toAbsolutePath().normalize().resolve("trials").toString()), t.toString());
        }
    }
}
