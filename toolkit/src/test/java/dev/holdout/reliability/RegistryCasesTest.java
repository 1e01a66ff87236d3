package dev.holdout.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.holdout.experiments.Experiments;
import dev.holdout.registry.ApprovalStatus;
import dev.holdout.registry.ModelRegistry;
import dev.holdout.registry.RegistryFixtures;
import dev.holdout.store.Store;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input to {@code holdout registry}, {@code holdout experiments} and the registry forms of {@code predict --model}:
 * each a clear exit-2 error naming the value, the rule and the fix, before anything is written (no store created by a
 * refused registration, the store unchanged by a refused status change). The rows with a store start from a copy of
 * one made once: a trained job, {@code rain/1} pending, {@code rain/2} rejected, experiment run 1.
 */
class RegistryCasesTest {
    private static Path template;

    /** The store of the rows: made once, copied into each row's folder. */
    private static synchronized Path template() {
        if (template != null) return template;
        try {
            Path t = Files.createTempDirectory("holdout-registry-cases");
            Path job = RegistryFixtures.job(t, "job", 2, 0.3);
            Store store = Store.at(t.resolve("s.duckdb"));
            Experiments.open(store).record(job, Experiments.TRAIN, null);
            ModelRegistry r = ModelRegistry.open(store);
            r.register("rain", job, "", ApprovalStatus.PendingManualApproval, "ana");
            r.register("rain", job, "", ApprovalStatus.PendingManualApproval, "ana");
            r.reject("rain", 2, "ben", "leaks the label");
            template = t;
            return t;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void withStore(Path dir) throws IOException {
        Path t = template();
        Files.copy(t.resolve("s.duckdb"), dir.resolve("s.duckdb"), StandardCopyOption.COPY_ATTRIBUTES);
        RegistryFixtures.copy(t.resolve("s.duckdb.artifacts"), dir.resolve("s.duckdb.artifacts"));
        Files.writeString(dir.resolve("in.csv"), "mean_radius,mean_texture,mean_smoothness,worst_area,worst_concavity\n14,20,0.1,800,0.2\n");
    }

    private static Path job() { return template().resolve("job"); }

    static Stream<BadInput> cases() {
        return Stream.of(
                BadInput.of("registry register: a group name with /")
                        .args(d -> java.util.List.of("registry", "register", "--store", d + "/s.duckdb", "--group", "team/rain", "--model", job().toString()))
                        .expect(2, "--group=team/rain: must not contain '/' or '@'.*e\\.g\\. team-rain"),
                BadInput.of("registry register: a group name with @")
                        .args(d -> java.util.List.of("registry", "register", "--store", d + "/s.duckdb", "--group", "rain@prod", "--model", job().toString()))
                        .expect(2, "--group=rain@prod: must not contain '/' or '@'"),
                BadInput.of("registry register: a group name with a space")
                        .args(d -> java.util.List.of("registry", "register", "--store", d + "/s.duckdb", "--group", "my model", "--model", job().toString()))
                        .expect(2, "--group=my model: is not a model group name.*e\\.g\\. my-model"),
                BadInput.of("registry register: the job folder does not exist")
                        .args("registry", "register", "--store", "{dir}/s.duckdb", "--group", "rain", "--model", "{dir}/nope")
                        .expect(2, "--model=.*nope: no such job folder"),
                BadInput.of("registry register: a folder that is not a training job")
                        .setup(d -> Files.createDirectories(d.resolve("empty")))
                        .args("registry", "register", "--store", "{dir}/s.duckdb", "--group", "rain", "--model", "{dir}/empty")
                        .expect(2, "empty: is not a training job folder \\(no model/model-card.json\\)"),
                BadInput.of("registry register: a failed training job")
                        .setup(d -> {
                            Files.createDirectories(d.resolve("failed/output"));
                            Files.writeString(d.resolve("failed/output/failure"), "channels.train: no such file\n");
                        })
                        .args("registry", "register", "--store", "{dir}/s.duckdb", "--group", "rain", "--model", "{dir}/failed")
                        .expect(2, "failed: is a failed training job.*output/failure"),
                BadInput.of("registry register: registered as Rejected")
                        .args(d -> java.util.List.of("registry", "register", "--store", d + "/s.duckdb", "--group", "rain", "--model", job().toString(),
                                "--status", "Rejected"))
                        .expect(2, "--status=Rejected: a version is registered PendingManualApproval or Approved"),
                BadInput.of("registry register: an unknown status")
                        .args(d -> java.util.List.of("registry", "register", "--store", d + "/s.duckdb", "--group", "rain", "--model", job().toString(),
                                "--status", "Aproved"))
                        .expect(2, "--status=Aproved: is not an approval status; use one of PendingManualApproval, Approved, Rejected"),
                BadInput.of("registry approve: a version that does not exist")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "approve", "rain/7", "--store", "{dir}/s.duckdb", "--by", "ana", "--reason", "ok")
                        .expect(2, "rain/7: does not exist: rain has versions 1-2"),
                BadInput.of("registry approve: a group that does not exist")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "approve", "snow/1", "--store", "{dir}/s.duckdb", "--by", "ana", "--reason", "ok")
                        .expect(2, "group=snow: no such model group .*the groups are rain"),
                BadInput.of("registry approve: a rejected version (a rejection is final)")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "approve", "rain/2", "--store", "{dir}/s.duckdb", "--by", "cy", "--reason", "looks fine")
                        .expect(2, "rain/2: is Rejected, and a rejected version cannot be approved.*register the job folder again"),
                BadInput.of("registry reject: a version already rejected")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "reject", "rain/2", "--store", "{dir}/s.duckdb", "--by", "cy", "--reason", "again")
                        .expect(2, "rain/2: is already Rejected \\(by ben at "),
                BadInput.of("registry approve: a blank reason")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "approve", "rain/1", "--store", "{dir}/s.duckdb", "--by", "ana", "--reason", "  ")
                        .expect(2, "--reason='': a reason is required for every status change"),
                BadInput.of("registry approve: no --by")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "approve", "rain/1", "--store", "{dir}/s.duckdb", "--reason", "ok")
                        .expect(2, "Missing required option: '--by=WHO'"),
                BadInput.of("registry approve: not NAME/N")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "approve", "rain", "--store", "{dir}/s.duckdb", "--by", "ana", "--reason", "ok")
                        .expect(2, "NAME/N=rain: is not a registered version NAME/N; e\\.g\\. rain/3"),
                BadInput.of("registry show: a version of a name with /")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "show", "team/rain/1", "--store", "{dir}/s.duckdb")
                        .expect(2, "team/rain: must not contain '/' or '@'"),
                BadInput.of("registry history: a group that does not exist")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "history", "snow", "--store", "{dir}/s.duckdb")
                        .expect(2, "group=snow: no such model group"),
                BadInput.of("registry list: an unknown status")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "list", "--store", "{dir}/s.duckdb", "--status", "approved-ish")
                        .expect(2, "--status=approved-ish: is not an approval status"),
                BadInput.of("registry list: an unknown format")
                        .setup(RegistryCasesTest::withStore)
                        .args("registry", "list", "--store", "{dir}/s.duckdb", "--format", "yaml")
                        .expect(2, "--format=yaml: must be table or json"),
                BadInput.of("registry show: the store does not exist")
                        .args("registry", "show", "rain/1", "--store", "{dir}/none.duckdb")
                        .expect(2, "--store=.*none\\.duckdb: does not exist, so it has no rain/1"),
                BadInput.of("predict --model NAME/N: a version that does not exist")
                        .setup(RegistryCasesTest::withStore)
                        .args("predict", "--model", "rain/9", "--store", "{dir}/s.duckdb", "--input", "{dir}/in.csv", "--output", "{dir}/p.csv")
                        .expect(2, "version=rain/9: does not exist: rain has versions 1-2"),
                BadInput.of("predict --model NAME@approved: no version approved")
                        .setup(RegistryCasesTest::withStore)
                        .args("predict", "--model", "rain@approved", "--store", "{dir}/s.duckdb", "--input", "{dir}/in.csv", "--output", "{dir}/p.csv")
                        .expect(2, "model=rain@approved: no version of rain is approved, and only approved versions are deployed"),
                BadInput.of("predict --model NAME@latest: an alias the registry does not have")
                        .setup(RegistryCasesTest::withStore)
                        .args("predict", "--model", "rain@latest", "--store", "{dir}/s.duckdb", "--input", "{dir}/in.csv", "--output", "{dir}/p.csv")
                        .expect(2, "model=rain@latest: is not an alias the registry knows \\(only @approved\\)"),
                BadInput.of("experiments show: a run that does not exist")
                        .setup(RegistryCasesTest::withStore)
                        .args("experiments", "show", "99", "--store", "{dir}/s.duckdb")
                        .expect(2, "RUN=99: no such run \\(runs are numbered 1 to 1\\)"),
                BadInput.of("experiments show: not a run id")
                        .setup(RegistryCasesTest::withStore)
                        .args("experiments", "show", "latest", "--store", "{dir}/s.duckdb")
                        .expect(2, "RUN=latest: is not a run id"),
                BadInput.of("experiments compare: one run twice")
                        .setup(RegistryCasesTest::withStore)
                        .args("experiments", "compare", "1", "1", "--store", "{dir}/s.duckdb", "--chart", "{dir}/c.png")
                        .expect(2, "RUN=1: is given twice"),
                BadInput.of("experiments compare: one run")
                        .setup(RegistryCasesTest::withStore)
                        .args("experiments", "compare", "1", "--store", "{dir}/s.duckdb", "--chart", "{dir}/c.png")
                        .expect(2, "RUN"),
                BadInput.of("experiments list: an unknown kind")
                        .setup(RegistryCasesTest::withStore)
                        .args("experiments", "list", "--kind", "trial", "--store", "{dir}/s.duckdb")
                        .expect(2, "--kind=trial: is not a kind of run; use train, tune-trial or pipeline"));
    }

    @ParameterizedTest(name = "{0}") @MethodSource("cases")
    void badInputIsAClearErrorAndLeavesNothing(BadInput c, @TempDir Path dir) throws Exception {
        c.check(dir);
        if (Files.exists(dir.resolve("s.duckdb"))) {
            // the store as it was: the refused command changed no row
            ModelRegistry r = ModelRegistry.open(Store.at(dir.resolve("s.duckdb")));
            assertEquals(3, r.history("rain").size());
            assertEquals(ApprovalStatus.Rejected, r.get("rain", 2).status());
        }
    }
}
