package dev.holdout.workflow;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.store.Store;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The engine on small command steps (sh): content-keyed caching reruns exactly the changed step and what its
 * change reaches, failures stop dependents and keep earlier outputs, resume reruns from the failed step, steps
 * run in parallel within the bound, expire_after, conditions and Fail.
 */
class PipelineExecutorTest {
    @TempDir Path dir;

    private Store store() { return Store.at(dir.resolve("store.duckdb")); }

    private PipelineExecutor executor() { return PipelineExecutor.on(store()).workRoot(dir.resolve("work")); }

    /** A Processing step running {@code sh -c script} with inputs; it writes {@code out.txt} into its output folder. */
    private static String sh(String name, String inputs, String script) {
        return "{\"name\": \"" + name + "\", \"type\": \"Processing\", \"inputs\": {" + inputs + "},"
                + " \"command\": [\"sh\", \"-c\", " + json(script) + "], \"outputs\": {\"out\": \"out.txt\"}}";
    }

    private static String json(String s) { return dev.holdout.io.StrictJson.mapper().getNodeFactory().textNode(s).toString(); }

    private Path pipeline(String name, String params, String... steps) throws IOException {
        Path f = dir.resolve(name + ".json");
        Files.writeString(f, "{\"name\": \"" + name + "\", \"parameters\": {" + params + "}, \"steps\": [" + String.join(",\n", steps) + "]}");
        return f;
    }

    /** a <- in1, b <- in2, c <- a + b, d <- a: changing in2 reaches b and c only. */
    private Path diamond() throws IOException {
        Files.writeString(dir.resolve("in1.txt"), "one\n");
        Files.writeString(dir.resolve("in2.txt"), "two\n");
        return pipeline("diamond", "\"first\": {\"type\": \"String\", \"default\": \"in1.txt\"}",
                sh("a", "\"x\": \"${parameters.first}\"", "cat input/x > output/out.txt"),
                sh("b", "\"x\": \"in2.txt\"", "cat input/x > output/out.txt"),
                sh("c", "\"a\": \"steps.a.outputs.out\", \"b\": \"steps.b.outputs.out\"", "cat input/a input/b > output/out.txt"),
                sh("d", "\"a\": \"steps.a.outputs.out\"", "tr a-z A-Z < input/a > output/out.txt"));
    }

    @Test void aSecondRunIsFullyCachedAndOneChangedByteRerunsThatStepAndWhatItReaches() throws Exception {
        Pipeline p = Pipeline.read(diamond());
        Execution first = executor().run(p, Map.of());
        assertTrue(first.succeeded(), first.toString());
        assertEquals(List.of("a", "b", "c", "d"), sorted(first.ran()));
        assertEquals("ONE\n", Files.readString(Path.of(first.step("d").outputs().get("out"))));

        Execution second = executor().run(p, Map.of());
        assertEquals(List.of(), second.ran());
        assertEquals(List.of("a", "b", "c", "d"), sorted(second.cached()));
        assertEquals(first.id(), second.step("c").cachedFrom());

        // a new modification time and a copy elsewhere with the same bytes are not changes: the key is the content
        Files.setLastModifiedTime(dir.resolve("in1.txt"), java.nio.file.attribute.FileTime.from(Instant.parse("2001-01-01T00:00:00Z")));
        Files.copy(dir.resolve("in1.txt"), dir.resolve("moved.txt"));
        Execution moved = executor().run(p, Map.of("first", "moved.txt"));
        assertEquals(List.of(), moved.ran(), moved.toString());

        Files.writeString(dir.resolve("in2.txt"), "twO\n"); // one byte
        Execution third = executor().run(p, Map.of());
        assertEquals(List.of("b", "c"), sorted(third.ran()), third.toString());
        assertEquals(List.of("a", "d"), sorted(third.cached()));
        assertEquals("one\ntwO\n", Files.readString(Path.of(third.step("c").outputs().get("out"))));
    }

    @Test void anUpstreamRerunThatWritesTheSameBytesDoesNotRerunItsDependents() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "keep\nnoise 1\n");
        Pipeline p = Pipeline.read(pipeline("filter", "",
                sh("grep", "\"x\": \"in.txt\"", "grep keep input/x > output/out.txt"),
                sh("after", "\"x\": \"steps.grep.outputs.out\"", "cat input/x input/x > output/out.txt")));
        executor().run(p, Map.of());
        Files.writeString(dir.resolve("in.txt"), "keep\nnoise 2\n");
        Execution e = executor().run(p, Map.of());
        assertEquals(List.of("grep"), e.ran());
        assertEquals(List.of("after"), e.cached());
    }

    @Test void aChangedEarlierOutputIsNotReused() throws Exception {
        Pipeline p = Pipeline.read(diamond());
        Execution first = executor().run(p, Map.of());
        Files.writeString(Path.of(first.step("b").outputs().get("out")), "tampered\n");
        Execution second = executor().run(p, Map.of());
        assertEquals(List.of("b"), second.ran(), second.toString());
        assertEquals("one\ntwo\n", Files.readString(Path.of(second.step("c").outputs().get("out"))));
    }

    @Test void noCacheRunsEverything() throws Exception {
        Pipeline p = Pipeline.read(diamond());
        executor().run(p, Map.of());
        assertEquals(4, executor().caching(false).run(p, Map.of()).ran().size());
    }

    @Test void expireAfterLimitsHowOldAReusedOutputMayBe() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "x\n");
        Pipeline p = Pipeline.read(pipeline("expiring", "",
                "{\"name\": \"s\", \"type\": \"Processing\", \"inputs\": {\"x\": \"in.txt\"}, \"command\": [\"sh\", \"-c\", \"cp input/x output/out.txt\"],"
                        + " \"outputs\": {\"out\": \"out.txt\"}, \"cache\": {\"expire_after\": \"P30D\"}}"));
        Instant t0 = Instant.now();
        executor().run(p, Map.of());
        assertEquals(List.of("s"), executor().clock(Clock.fixed(t0.plus(Duration.ofDays(29)), ZoneOffset.UTC)).run(p, Map.of()).cached());
        assertEquals(List.of("s"), executor().clock(Clock.fixed(t0.plus(Duration.ofDays(31)), ZoneOffset.UTC)).run(p, Map.of()).ran());
    }

    @Test void aFailedStepStopsItsDependentsKeepsEarlierOutputsAndResumeRerunsFromIt() throws Exception {
        Files.writeString(dir.resolve("in1.txt"), "one\n");
        Files.writeString(dir.resolve("gate.txt"), "closed\n");
        Pipeline p = Pipeline.read(pipeline("fragile", "",
                sh("a", "\"x\": \"in1.txt\"", "cat input/x > output/out.txt"),
                sh("b", "\"a\": \"steps.a.outputs.out\", \"gate\": \"gate.txt\"", "grep -q open input/gate || { echo gate is closed >&2; exit 4; }; cp input/a output/out.txt"),
                sh("c", "\"b\": \"steps.b.outputs.out\"", "cp input/b output/out.txt"),
                sh("d", "\"a\": \"steps.a.outputs.out\"", "cp input/a output/out.txt")));
        Execution failed = executor().run(p, Map.of());
        assertEquals(Execution.FAILED, failed.status());
        assertEquals(StepRecord.FAILED, failed.step("b").status());
        assertTrue(failed.step("b").reason().contains("exited with code 4: gate is closed"), failed.step("b").reason());
        assertEquals(StepRecord.NOT_RUN, failed.step("c").status());
        assertEquals("step b failed", failed.step("c").reason());
        assertEquals(StepRecord.SUCCEEDED, failed.step("d").status(), "a step that does not depend on the failure still runs");
        assertEquals("one\n", Files.readString(Path.of(failed.step("a").outputs().get("out"))), "earlier outputs stay");
        assertTrue(failed.reason().startsWith("step b (Processing) failed"), failed.reason());

        Files.writeString(dir.resolve("gate.txt"), "open\n");
        // no cache at all: what is reused comes from the resumed execution
        Execution resumed = executor().caching(false).resume(p, failed.id(), Map.of());
        assertTrue(resumed.succeeded(), resumed.toString());
        assertEquals(failed.id(), resumed.resumedFrom());
        assertEquals(List.of("b", "c"), sorted(resumed.ran()));
        assertEquals(List.of("a", "d"), sorted(resumed.cached()));
        assertEquals(failed.id(), resumed.step("a").cachedFrom());

        DataValidationException again = assertThrows(DataValidationException.class, () -> executor().resume(p, resumed.id(), Map.of()));
        assertTrue(again.getMessage().contains("only a failed execution is resumed"), again.getMessage());
    }

    @Test void aHoldoutVerbThatFailsIsTheStepsReasonWithItsErrorLine() throws Exception {
        Files.writeString(dir.resolve("in.csv"), "day,y\n2020-01-01,1\n2020-01-02,0\n");
        Pipeline p = Pipeline.read(pipeline("verb", "",
                "{\"name\": \"split\", \"type\": \"Processing\", \"inputs\": {\"data\": \"in.csv\"}, \"holdout\": [\"split\", \"--input\", \"${inputs.data}\","
                        + " \"--output\", \"${output}\", \"--strategy\", \"time\", \"--time\", \"date\", \"--cutoffs\", \"2020-01-02\"], \"outputs\": {\"train\": \"train.csv\"}}"));
        Execution e = executor().run(p, Map.of());
        assertEquals(Execution.FAILED, e.status());
        String reason = e.step("split").reason();
        assertTrue(reason.startsWith("holdout split exited with code 2: ") && reason.contains("date"), reason);
        assertTrue(Files.readString(e.workDir().resolve("split").resolve("step.log")).contains("$ holdout split --input"), "the step's log keeps the command");
    }

    @Test void anExecutionWhoseProcessIsGoneIsInterruptedAndCanBeResumed() throws Exception {
        Pipeline p = Pipeline.read(diamond());
        Execution done = executor().run(p, Map.of());
        Process gone = new ProcessBuilder("true").start();
        gone.waitFor();
        // as a kill -9 in the middle of step c leaves it: Executing, c executing, d never started, the process gone
        store().write(s -> {
            s.update("UPDATE pipeline_executions SET status = 'Executing', ended_at = NULL, pid = ? WHERE execution_id = ?", gone.pid(), done.id());
            s.update("UPDATE pipeline_steps SET status = 'Executing' WHERE execution_id = ? AND step = 'c'", done.id());
            return s.update("DELETE FROM pipeline_steps WHERE execution_id = ? AND step = 'd'", done.id());
        });
        Execution killed = new ExecutionRecords(store()).get(done.id());
        assertTrue(killed.interrupted());
        assertEquals("Executing (interrupted)", killed.shownStatus());
        Execution resumed = executor().caching(false).resume(p, killed.id(), Map.of());
        assertTrue(resumed.succeeded(), resumed.toString());
        assertEquals(List.of("c", "d"), sorted(resumed.ran()));
        assertEquals(List.of("a", "b"), sorted(resumed.cached()));
        assertFalse(new ExecutionRecords(store()).get(resumed.id()).interrupted(), "an ended execution is not interrupted");
    }

    @Test void independentStepsRunInParallel() throws Exception {
        // each step waits until the other has started: they can only both succeed if they run at the same time
        Path meet = Files.createDirectories(dir.resolve("meet"));
        Files.writeString(dir.resolve("in.txt"), "x\n");
        String wait = "touch " + meet + "/%s; i=0; while [ ! -e " + meet + "/%s ]; do i=$((i+1)); [ $i -gt 100 ] && exit 9; sleep 0.1; done; cp input/x output/out.txt";
        Pipeline p = Pipeline.read(pipeline("rendezvous", "",
                sh("left", "\"x\": \"in.txt\"", String.format(wait, "left", "right")),
                sh("right", "\"x\": \"in.txt\"", String.format(wait, "right", "left"))));
        Execution e = executor().parallelism(2).run(p, Map.of());
        assertTrue(e.succeeded(), e.toString());
    }

    @Test void neverMoreStepsAtOnceThanTheBound() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "x\n");
        List<String> steps = new ArrayList<>();
        for (int i = 1; i <= 4; i++) steps.add(sh("s" + i, "\"x\": \"in.txt\"", "sleep 0.4; cp input/x output/out.txt"));
        Pipeline p = Pipeline.read(pipeline("bounded", "", steps.toArray(String[]::new)));
        Execution two = executor().parallelism(2).caching(false).run(p, Map.of());
        assertEquals(2, maxOverlap(two), two.steps().toString());
        Execution one = executor().parallelism(1).caching(false).run(p, Map.of());
        assertEquals(1, maxOverlap(one));
    }

    private static int maxOverlap(Execution e) {
        int max = 0;
        for (StepRecord r : e.steps()) {
            int n = 0;
            for (StepRecord o : e.steps()) if (!o.started().isAfter(r.started()) && o.ended().isAfter(r.started())) n++;
            max = Math.max(max, n);
        }
        return max;
    }

    @Test void aConditionRunsOneBranchAndFailStopsWithTheValues() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "x\n");
        // an Evaluation step is what json_get reads; here the condition compares parameters
        Pipeline p = Pipeline.read(pipeline("branches", "\"score\": {\"type\": \"Float\", \"default\": 0.9}, \"bar\": {\"type\": \"Float\", \"default\": 0.8}",
                "{\"name\": \"gate\", \"type\": \"Condition\", \"conditions\": [{\"type\": \"GreaterThanOrEqualTo\", \"left\": {\"parameter\": \"score\"},"
                        + " \"right\": {\"parameter\": \"bar\"}}, {\"type\": \"Not\", \"condition\": {\"type\": \"In\", \"value\": {\"parameter\": \"score\"}, \"in\": [0.5, 0.6]}}],"
                        + " \"if_steps\": [\"yes\"], \"else_steps\": [\"no\"]}",
                sh("yes", "\"x\": \"in.txt\"", "cp input/x output/out.txt"),
                sh("after-yes", "\"x\": \"steps.yes.outputs.out\"", "cp input/x output/out.txt"),
                "{\"name\": \"no\", \"type\": \"Fail\", \"message\": [\"score \", {\"parameter\": \"score\"}, \" is below \", {\"parameter\": \"bar\"}]}"));
        Execution pass = executor().run(p, Map.of());
        assertTrue(pass.succeeded(), pass.toString());
        assertEquals(StepRecord.NOT_RUN, pass.step("no").status());
        assertTrue(pass.step("no").reason().contains("condition gate held"), pass.step("no").reason());
        assertEquals(StepRecord.SUCCEEDED, pass.step("after-yes").status());

        Execution fail = executor().run(p, Map.of("score", "0.75"));
        assertEquals(Execution.FAILED, fail.status());
        assertEquals("score 0.75 is below 0.8", fail.step("no").reason());
        assertEquals(StepRecord.NOT_RUN, fail.step("yes").status());
        assertEquals("step yes did not run", fail.step("after-yes").reason());
        assertTrue(fail.reason().contains("step no (Fail) failed: score 0.75 is below 0.8"), fail.reason());
    }

    @Test void executionsAreNumberedAndListedNewestFirst() throws Exception {
        Pipeline p = Pipeline.read(diamond());
        executor().run(p, Map.of());
        executor().run(p, Map.of());
        ExecutionRecords records = new ExecutionRecords(store());
        assertEquals(List.of("diamond-2", "diamond-1"), records.list("diamond").stream().map(Execution::id).toList());
        Execution e = records.get("diamond-2");
        assertNotNull(e.ended());
        assertEquals(4, e.steps().size());
        assertNull(e.reason());
        DataValidationException unknown = assertThrows(DataValidationException.class, () -> records.get("diamond-3"));
        assertTrue(unknown.getMessage().contains("did you mean 'diamond-2'"), unknown.getMessage());
    }

    @Test void theGraphIsCheckedBeforeAnyStepRuns() throws Exception {
        Files.writeString(dir.resolve("in.txt"), "x\n");
        Path cycle = pipeline("cycle", "",
                sh("a", "\"x\": \"steps.c.outputs.out\"", "true"),
                sh("b", "\"x\": \"steps.a.outputs.out\"", "true"),
                sh("c", "\"x\": \"steps.b.outputs.out\"", "true"));
        DataValidationException e = assertThrows(DataValidationException.class, () -> Pipeline.read(cycle));
        assertTrue(e.getMessage().contains("a -> b -> c -> a") || e.getMessage().contains("form a cycle"), e.getMessage());
        assertTrue(e.getMessage().matches("(?s).*(a -> b -> c -> a|b -> c -> a -> b|c -> a -> b -> c).*"), e.getMessage());

        Path missing = pipeline("missing", "",
                sh("a", "\"x\": \"in.txt\"", "true"),
                sh("b", "\"x\": \"steps.a.outputs.result\"", "true"));
        e = assertThrows(DataValidationException.class, () -> Pipeline.read(missing));
        assertTrue(e.getMessage().contains("steps[1].inputs.x") && e.getMessage().contains("step a does not write"), e.getMessage());

        Path noStep = pipeline("nostep", "", sh("a", "\"x\": \"steps.splt.outputs.train\"", "true"), sh("split", "\"x\": \"in.txt\"", "true"));
        e = assertThrows(DataValidationException.class, () -> Pipeline.read(noStep));
        assertTrue(e.getMessage().contains("did you mean 'split'"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("store.duckdb")), "nothing ran, nothing was recorded");
    }

    private static List<String> sorted(List<String> l) { return l.stream().sorted().toList(); }

}
