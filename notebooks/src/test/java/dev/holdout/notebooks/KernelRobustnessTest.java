package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What must never go wrong in a notebook, checked over the real protocol on the JDK running the tests (run the
 * module's tests with Java 17 and with Java 25): an interrupt stops any runaway cell within a second and keeps the
 * kernel's state; no printed line is lost and the idle status always comes; {@code System.exit} cannot end the
 * kernel; prints from background threads reach a cell.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KernelRobustnessTest {
    /** The promise: from the interrupt request to the cell's reply. */
    private static final long INTERRUPT_BUDGET_MILLIS = 1_000;

    private KernelClient kernel;

    @BeforeAll
    void start() throws Exception {
        kernel = KernelClient.start(Path.of("target", "kernel-robustness-test"), 90_000);
    }

    @AfterAll
    void stop() throws Exception {
        if (kernel != null) kernel.close();
    }

    /** Sends {@code code}, waits for {@code marker} on stdout, interrupts, and returns the execution and the delay. */
    private Interrupted interruptAfter(String code, String marker, long extraWaitMillis) throws Exception {
        String id = kernel.sendExecute(code);
        kernel.awaitStdout(id, marker, System.currentTimeMillis() + 60_000);
        if (extraWaitMillis > 0) Thread.sleep(extraWaitMillis);
        long t0 = System.nanoTime();
        kernel.interrupt();
        KernelClient.Execution e = kernel.collect(id, System.currentTimeMillis() + 30_000);
        long millis = (System.nanoTime() - t0) / 1_000_000;
        return new Interrupted(e, millis);
    }

    private record Interrupted(KernelClient.Execution execution, long millis) {}

    private void assertInterruptedInTime(Interrupted i, String what) {
        System.out.println("interrupt of " + what + ": reply " + i.millis() + " ms after the request");
        assertEquals("error", i.execution().status(), what + ": " + i.execution().reply());
        assertEquals("CellInterruptedException", i.execution().reply().path("ename").asText(), what);
        assertTrue(i.execution().sawIdle(), what + ": the idle status follows");
        assertTrue(i.millis() < INTERRUPT_BUDGET_MILLIS, what + " stopped " + i.millis() + " ms after the interrupt");
    }

    @Test
    void anInterruptStopsABusyLoopAndKeepsTheKernelsState() throws Exception {
        kernel.execute("int kept = 41;");
        Interrupted i = interruptAfter("System.out.println(\"spinning\");\nwhile (true) {}", "spinning", 200);
        assertInterruptedInTime(i, "while (true) {}");
        KernelClient.Execution after = kernel.execute("kept + 1");
        assertEquals("42", after.result().path("text/plain").asText(), "variables defined before survive");
    }

    @Test
    void anInterruptStopsALoopInsideAMethodTheCellDefined() throws Exception {
        kernel.execute("long spin(long n) { long s = 0; while (n > 0) { s += n % 7; if (s < 0) n--; } return s; }");
        Interrupted i = interruptAfter("System.out.println(\"calling\");\nspin(5)", "calling", 200);
        assertInterruptedInTime(i, "a loop in a cell-defined method");
        assertEquals("ok", kernel.execute("spin(0)").status(), "the method still works");
    }

    @Test
    void anInterruptStopsRecursionAndLambdasRunByLibraryCode() throws Exception {
        Interrupted i = interruptAfter("System.out.println(\"streaming\");\n"
                + "java.util.stream.LongStream.iterate(0, x -> x + 1).map(x -> x * 3).filter(x -> x < 0).findFirst()",
                "streaming", 200);
        assertInterruptedInTime(i, "an endless stream over cell lambdas");
    }

    @Test
    void anInterruptStopsSleep() throws Exception {
        Interrupted i = interruptAfter("System.out.println(\"sleeping\");\nThread.sleep(600_000);", "sleeping", 100);
        assertInterruptedInTime(i, "Thread.sleep");
    }

    @Test
    void anInterruptStopsALongXGBoostTrainingJob() throws Exception {
        kernel.execute("var rnd = new dev.holdout.data.SeededRandom(1);\n"
                + "int n = 5_000;\n"
                + "double[] a = new double[n], b = new double[n]; int[] y = new int[n];\n"
                + "for (int r = 0; r < n; r++) { a[r] = rnd.nextGaussian(); b[r] = rnd.nextGaussian();"
                + " y[r] = a[r] - b[r] + rnd.nextGaussian() > 0 ? 1 : 0; }\n"
                + "Table boostData = Table.create(\"t\", DoubleColumn.create(\"a\", a), DoubleColumn.create(\"b\", b),"
                + " IntColumn.create(\"y\", y));");
        // no cell code runs while it trains (no listener): only the toolkit's own round loop can notice
        Interrupted i = interruptAfter("System.out.println(\"training\");\n"
                + "TrainingJob.xgboost(\"y\", Channel.of(boostData)).withHyperparameters(Hyperparameters.numRound(1_000_000)"
                + ".withObjective(\"binary:logistic\").withEvalMetric(\"logloss\").withMaxDepth(4).withNthread(1)).run()",
                "training", 700);
        assertInterruptedInTime(i, "XGBoost training");
        assertEquals("5000", kernel.execute("boostData.rowCount()").result().path("text/plain").asText());
    }

    @Test
    void twentyThousandPrintlnsAllArriveInOrderInFewMessagesAndTheIdleStatusFollows() throws Exception {
        KernelClient.Execution e = kernel.execute("for (int i = 0; i < 20_000; i++) System.out.println(\"line \" + i);",
                60_000);
        assertEquals("ok", e.status());
        assertTrue(e.sawIdle(), "the idle status came");
        String[] lines = e.stdout().split("\n");
        assertEquals(20_000, lines.length, "every line arrived");
        for (int i = 0; i < lines.length; i++) assertEquals("line " + i, lines[i], "in order");
        int messages = e.ofType("stream").size();
        assertTrue(messages < 200, "batched into few stream messages: " + messages);
    }

    @Test
    void printsComeBeforeTheDisplayAndTheResultThatFollowThem() throws Exception {
        KernelClient.Execution e = kernel.execute("System.out.println(\"first\");\ndisplay(html(\"<b>second</b>\"));\n"
                + "System.err.println(\"third\");\n\"fourth\"");
        List<String> order = e.outputs().stream().map(m -> m.type().equals("stream")
                ? m.content().path("text").asText().strip() : m.type()).toList();
        assertEquals(List.of("first", "display_data", "third", "execute_result"), order);
    }

    @Test
    void systemExitIsRefusedAndTheKernelKeepsRunning() throws Exception {
        kernel.execute("int survivor = 7;");
        for (String call : List.of("System.exit(3)", "Runtime.getRuntime().halt(1)", "Runtime.getRuntime().exit(2)",
                "java.util.function.IntConsumer quit = System::exit;\nquit.accept(4)")) {
            KernelClient.Execution e = kernel.execute(call);
            assertEquals("error", e.status(), call);
            assertEquals("ExitRefusedException", e.reply().path("ename").asText(), call);
            assertTrue(e.reply().path("evalue").asText().contains("is refused in a notebook cell"), call);
            assertTrue(kernel.isAlive(), call + ": the kernel is still running");
        }
        kernel.execute("void leave() { System.exit(5); }");
        KernelClient.Execution inMethod = kernel.execute("leave()");
        assertTrue(inMethod.reply().path("evalue").asText().startsWith("System.exit(5) is refused"), inMethod.reply().toString());
        assertEquals("7", kernel.execute("survivor").result().path("text/plain").asText());
    }

    @Test
    void printsFromBackgroundThreadsReachTheCellAndLaterTheLastCell() throws Exception {
        KernelClient.Execution joined = kernel.execute("Thread worker = new Thread(() -> System.out.println(\"from a worker\"));\n"
                + "worker.start(); worker.join();");
        assertEquals("from a worker\n", joined.stdout(), "a thread the cell waited for prints into the cell");

        String id = kernel.sendExecute("new Thread(() -> { try { Thread.sleep(400); } catch (InterruptedException e) {}"
                + " System.out.println(\"after the cell\"); }).start();");
        KernelClient.Execution done = kernel.collect(id, System.currentTimeMillis() + 30_000);
        assertTrue(done.sawIdle());
        assertFalse(done.stdout().contains("after the cell"), "the cell had ended before the thread printed");
        List<KernelClient.Msg> later = kernel.drain(1_500);
        boolean arrived = later.stream().anyMatch(m -> m.type().equals("stream") && m.parentId().equals(id)
                && m.content().path("text").asText().contains("after the cell"));
        assertTrue(arrived, "a later print goes to the last cell: " + later);
    }

    @Test
    void theKernelIsUsableAfterEverything() throws Exception {
        JsonNode r = kernel.execute("1 + 1").result();
        assertEquals("2", r.path("text/plain").asText());
    }
}
