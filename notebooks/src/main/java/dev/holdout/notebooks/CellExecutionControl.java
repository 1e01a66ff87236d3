package dev.holdout.notebooks;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.util.Map;
import jdk.jshell.execution.DirectExecutionControl;
import jdk.jshell.spi.ExecutionControl;
import jdk.jshell.spi.ExecutionControlProvider;
import jdk.jshell.spi.ExecutionEnv;

/**
 * Runs JShell snippets inside the kernel's own JVM, on a fresh thread per snippet, and keeps the raw value and
 * the raw exception of the last one.
 *
 * <p>Why not JShell's default engines: the remote engine runs snippets in another JVM, so neither
 * {@code System.out} (swapped by the kernel for each cell) nor the returned objects reach Jupyter; JShell's
 * {@code LocalExecutionControl} runs in-process but turns every value into a string. Keeping the object is what
 * lets a {@code Table} show as HTML and a chart as a PNG. Snippet classes are defined by JShell's default loader
 * delegate, whose parent is the system class loader, so a {@code Table} made in a cell is the same class the
 * kernel's renderer checks against.
 *
 * <pre>{@code
 * CellExecutionControl control = new CellExecutionControl();
 * JShell shell = JShell.builder().executionEngine(control.provider(), Map.of()).build();
 * shell.eval("1 + 1");
 * control.lastValue(); // Integer 2
 * }</pre>
 */
final class CellExecutionControl extends DirectExecutionControl {
    private static final long GRACE_MILLIS = 300;
    private static final long POLL_MILLIS = 20;

    private volatile Thread running;
    private volatile boolean stopped;
    /** A cell is being evaluated (set by {@link #beginCell}, cleared by {@link #endCell}). */
    private volatile boolean cellActive;
    /**
     * An interrupt arrived during the current cell. Per cell, not per snippet: an interrupt that lands while JShell
     * compiles a snippet, or between two snippets, is kept and honoured by the next snippet instead of being lost.
     */
    private volatile boolean interruptPending;
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

    @Override
    protected String invoke(Method doitMethod) throws Exception {
        Object[] value = new Object[1];
        Throwable[] thrown = new Throwable[1];
        Thread cell = new Thread(() -> {
            try {
                // honour an interrupt that came after invoke() checked but before this thread started
                if (interruptPending) throw new ThreadDeath();
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
            // Poll instead of a plain join: whatever the timing of stop(), a pending interrupt is seen here.
            while (cell.isAlive()) {
                cell.join(POLL_MILLIS);
                if (interruptPending && cell.isAlive()) halt(cell);
            }
        } finally {
            running = null;
        }
        if (stopped || interruptPending || thrown[0] instanceof ThreadDeath) {
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
     * Interrupts the current cell: marks the interrupt pending (so a snippet still compiling, or the next one,
     * does not start) and stops the running snippet, if any, via {@link #halt}. Outside a cell it does nothing.
     */
    @Override
    public void stop() {
        if (!cellActive) return;
        interruptPending = true;
        Thread cell = running;
        if (cell != null && cell.isAlive()) halt(cell);
    }

    /**
     * Stops a snippet's thread: first an interrupt (code that sleeps, waits or checks the flag ends cleanly),
     * then, for a busy loop that ignores it, {@link Thread#stop()} — still available on Java 17, which is what
     * JShell's own local engine uses there too. Safe to call from several threads.
     */
    @SuppressWarnings({"deprecation", "removal"})
    private void halt(Thread cell) {
        stopped = true;
        cell.interrupt();
        try {
            cell.join(GRACE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (cell.isAlive()) {
            try {
                cell.stop();
            } catch (UnsupportedOperationException newerJdk) {
                // Java 20+ removed Thread.stop; the interrupt above is all that is left.
            }
        }
    }
}
