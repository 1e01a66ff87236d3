package dev.holdout.notebooks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControl.ClassBytecodes;
import jdk.jshell.spi.ExecutionControl.ClassInstallException;
import jdk.jshell.spi.ExecutionControl.EngineTerminationException;
import jdk.jshell.spi.ExecutionControl.NotImplementedException;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets inside the kernel's own JVM, on a fresh thread per snippet, keeps the raw value and the raw
 * exception of the last one, and stops a snippet on an interrupt.
 *
 * <p>Why not JShell's default engines: the remote engine runs snippets in another JVM, so neither
 * {@code System.out} nor the returned objects reach Jupyter — and, measured here, each snippet costs about 190 ms
 * through JDI against 10–18 ms in-process; JShell's {@code LocalExecutionControl} runs in-process but turns every
 * value into a string. Keeping the object is what lets a {@code Table} show as HTML and a chart as a PNG. Snippet
 * classes are defined by JShell's default loader delegate, whose parent is the system class loader, so a
 * {@code Table} made in a cell is the same class the kernel's renderer checks against.
 *
 * <p>How an interrupt stops a cell on every JDK ({@code Thread.stop} throws on Java 20 and later): every class a
 * cell defines is loaded with stop checks woven in ({@link SnippetInstrumenter}); {@link #stop()} raises the flag
 * they read and interrupts the snippet's thread, which ends a busy loop in cell code at its next iteration, a
 * {@code Thread.sleep}/{@code wait}/blocking queue at once, and a toolkit training job after its current round.
 * Code that neither reaches cell code nor checks its interrupt flag (a long loop inside a library) cannot be
 * stopped from outside on Java 20+: after {@value #NOTE_AFTER_MILLIS} ms the cell's stderr says where it is stuck.
 * On Java 17–19 {@code Thread.stop} still works and is tried after {@value #GRACE_MILLIS} ms, as before.
 *
 * <pre>{@code
 * CellExecutionControl control = new CellExecutionControl();
 * JShell shell = JShell.builder().executionEngine(control.provider(), Map.of()).build();
 * shell.eval("1 + 1");
 * control.lastValue(); // Integer 2
 * }</pre>
 */
final class CellExecutionControl extends DirectExecutionControl {
    static final long GRACE_MILLIS = 300;
    static final long NOTE_AFTER_MILLIS = 2_000;
    private static final long POLL_MILLIS = 10;
    private static final long REINTERRUPT_MILLIS = 250;

    private volatile Thread running;
    private volatile boolean stopped;
    /** A cell is being evaluated (set by {@link #beginCell}, cleared by {@link #endCell}). */
    private volatile boolean cellActive;
    /**
     * An interrupt arrived during the current cell. Per cell, not per snippet: an interrupt that lands while JShell
     * compiles a snippet, or between two snippets, is kept and honoured by the next snippet instead of being lost.
     */
    private volatile boolean interruptPending;
    private volatile boolean instrumentationWarned;
    private Object lastValue;
    private Throwable lastThrown;

    /** A provider handing JShell this very instance (JShell calls {@code generate} once per {@code build()}). */
    ExecutionControlProvider provider() {
        CellExecutionControl self = this;
        return new ExecutionControlProvider() {
            @Override public String name() {
                return "holdout-local";
            }

            @Override public ExecutionControl generate(ExecutionEnv env, Map<String, String> parameters) {
                return self;
            }
        };
    }

    /** Starts a cell: from now until {@link #endCell}, an interrupt is remembered even when no snippet runs. */
    void beginCell() {
        interruptPending = false;
        SnippetGuard.clearStop();
        cellActive = true;
    }

    /** Ends the cell; an interrupt now (the kernel is idle) does nothing. */
    void endCell() {
        cellActive = false;
        interruptPending = false;
    }

    /** Whether an interrupt arrived during the current cell; the cell must not start another snippet. */
    boolean interruptPending() {
        return interruptPending;
    }

    /** Forgets the previous snippet's value, exception and stop flag; called before each snippet. */
    void reset() {
        lastValue = null;
        lastThrown = null;
        stopped = false;
    }

    /** The object the last snippet evaluated to (null for statements and void calls). */
    Object lastValue() {
        return lastValue;
    }

    /** The exception the last snippet threw, unwrapped, or null. */
    Throwable lastThrown() {
        return lastThrown;
    }

    /** Whether the last snippet was stopped by {@link #stop()}. */
    boolean wasStopped() {
        return stopped;
    }

    /** Weaves the stop checks and exit refusals into every class a cell defines, then loads it. */
    @Override
    public void load(ClassBytecodes[] classes)
            throws ClassInstallException, NotImplementedException, EngineTerminationException {
        ClassBytecodes[] woven = new ClassBytecodes[classes.length];
        for (int i = 0; i < classes.length; i++) {
            woven[i] = new ClassBytecodes(classes[i].name(), weave(classes[i].bytecodes()));
        }
        super.load(woven);
    }

    private byte[] weave(byte[] bytecodes) {
        try {
            return SnippetInstrumenter.instrument(bytecodes);
        } catch (RuntimeException e) {
            // e.g. a class file version newer than this ASM knows: run it as compiled, and say what is lost
            if (!instrumentationWarned) {
                instrumentationWarned = true;
                System.err.println("note: this JDK's class files are newer than the kernel's bytecode library ("
                        + e.getMessage() + "): an interrupt can stop sleeping or waiting cells, not busy loops");
            }
            return bytecodes;
        }
    }

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] value = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread cell = new Thread(() -> {
            try {
                // honour an interrupt that came after invoke() checked but before this thread started
                if (interruptPending) throw new SnippetGuard.CellStop();
                value[0] = doitMethod.invoke(null);
            } catch (InvocationTargetException e) {
                thrown[0] = e.getCause();
            } catch (Throwable e) {
                thrown[0] = e;
            }
        }, "holdout-cell");
        cell.setContextClassLoader(doitMethod.getDeclaringClass().getClassLoader());
        cell.setDaemon(true);
        running = cell;
        try {
            if (interruptPending) {
                stopped = true;
                throw new ExecutionControl.StoppedException();
            }
            cell.start();
            awaitOrStop(cell);
        } finally {
            running = null;
        }
        if (stopped || interruptPending || thrown[0] instanceof SnippetGuard.CellStop) {
            stopped = true;
            throw new ExecutionControl.StoppedException();
        }
        if (thrown[0] != null) {
            lastThrown = thrown[0];
            throw new InvocationTargetException(thrown[0]);
        }
        lastValue = value[0];
        return valueString(value[0]);
    }

    /**
     * Waits for the snippet; once an interrupt is pending, keeps interrupting its thread (code that retries after an
     * {@code InterruptedException} gets another), tries {@code Thread.stop} where the JDK still has it, and says
     * where the cell is stuck when nothing worked. Polls instead of a plain join, so that whatever the timing of
     * {@link #stop()}, a pending interrupt is seen here.
     */
    private void awaitOrStop(Thread cell) throws InterruptedException {
        long interruptedAt = 0;
        long lastInterrupt = 0;
        boolean forced = false;
        boolean noted = false;
        while (cell.isAlive()) {
            cell.join(POLL_MILLIS);
            if (!interruptPending || !cell.isAlive()) continue;
            long now = System.nanoTime() / 1_000_000;
            if (interruptedAt == 0) interruptedAt = now;
            stopped = true;
            SnippetGuard.requestStop();
            if (now - lastInterrupt >= REINTERRUPT_MILLIS) {
                cell.interrupt();
                lastInterrupt = now;
            }
            if (!forced && now - interruptedAt >= GRACE_MILLIS) {
                forced = true;
                threadStop(cell);
            }
            if (!noted && now - interruptedAt >= NOTE_AFTER_MILLIS && cell.isAlive()) {
                noted = true;
                System.err.println(stuckNote(cell));
            }
        }
    }

    /** Where a cell that ignores the interrupt is running, for its stderr. */
    static String stuckNote(Thread cell) {
        StringBuilder where = new StringBuilder();
        int shown = 0;
        for (StackTraceElement frame : cell.getStackTrace()) {
            if (shown++ == 3) break;
            where.append("\n    at ").append(frame);
        }
        return "note: the cell is still running in code that neither reaches the cell's own code nor checks for "
                + "interrupts; it stops when that call returns (or use Kernel > Restart):" + where;
    }

    /**
     * Interrupts the current cell: marks the interrupt pending (so a snippet still compiling, or the next one,
     * does not start), raises the flag the woven stop checks read, and interrupts the running snippet's thread.
     * Outside a cell it does nothing. Returns at once; {@link #invoke} does the rest. Safe from any thread.
     */
    @Override
    public void stop() {
        if (!cellActive) return;
        interruptPending = true;
        SnippetGuard.requestStop();
        Thread cell = running;
        if (cell != null && cell.isAlive()) cell.interrupt();
    }

    /** {@code Thread.stop}, still there on Java 17–19 (what JShell's own local engine used there); later JDKs refuse it. */
    @SuppressWarnings({"deprecation", "removal"})
    private static void threadStop(Thread cell) {
        if (Runtime.version().feature() >= 20 || !cell.isAlive()) return;
        try {
            cell.stop();
        } catch (UnsupportedOperationException newerJdk) {
            // nothing else to try: the woven checks and the interrupt are what is left
        }
    }
}
