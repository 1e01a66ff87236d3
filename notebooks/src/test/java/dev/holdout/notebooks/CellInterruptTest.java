package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * An interrupt that arrives while JShell compiles a snippet, or between two snippets of a cell, must still stop
 * the cell (before, it was lost whenever no snippet thread was running, and the cell's loop ran forever). The
 * kernel runs in-process here so the test can time the interrupt against the cell's first snippet.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class CellInterruptTest {
    /** Counted down by the cell's first snippet (cells reach it by its public name). */
    public static volatile CountDownLatch started;

    private HoldoutKernel kernel;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "cell-runner");
        t.setDaemon(true);
        return t;
    });

    @BeforeAll
    void create() {
        kernel = HoldoutKernel.create(List.of(System.getProperty("java.class.path").split(File.pathSeparator)));
    }

    @AfterAll
    void shutDown() {
        runner.shutdownNow();
    }

    @Test
    void anInterruptBetweenOrDuringSnippetCompilationIsNotLost() throws Exception {
        String cell = "dev.holdout.notebooks.CellInterruptTest.started.countDown();\n"
                + "long spins = 0;\n"
                + "int more = 1;\n"
                + "while (true) { spins += more; }";
        // The interrupt lands right after the first snippet ends: while the next ones compile, between them, or
        // (with the longer delays) once the loop runs. Each of these must stop the cell.
        for (int delayMillis : new int[] {0, 0, 0, 1, 2, 5, 10, 20, 50, 100}) {
            started = new CountDownLatch(1);
            Future<Object> run = runner.submit(() -> kernel.evalRaw(cell));
            assertTrue(started.await(30, TimeUnit.SECONDS), "the cell's first snippet ran");
            if (delayMillis > 0) Thread.sleep(delayMillis);
            kernel.interrupt();
            try {
                java.util.concurrent.ExecutionException e = assertThrows(java.util.concurrent.ExecutionException.class,
                        () -> run.get(20, TimeUnit.SECONDS), "delay " + delayMillis + " ms");
                assertTrue(e.getCause() instanceof CellInterruptedException, "delay " + delayMillis + " ms: " + e.getCause());
            } catch (AssertionError lost) {
                while (!run.isDone()) {   // do not leave a runaway cell behind
                    kernel.interrupt();
                    try {
                        run.get(1, TimeUnit.SECONDS);
                    } catch (TimeoutException | java.util.concurrent.ExecutionException ignored) {
                        // keep interrupting
                    }
                }
                throw lost;
            }
        }
        assertEquals(Boolean.TRUE, kernel.evalRaw("spins >= 0"), "the kernel keeps running, with what earlier snippets defined");
        kernel.interrupt();   // idle: no effect on the next cell
        assertEquals(Integer.valueOf(2), kernel.evalRaw("1 + 1"));
    }
}
