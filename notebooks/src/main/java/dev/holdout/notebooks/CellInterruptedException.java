package dev.holdout.notebooks;

/**
 * The cell was stopped by an interrupt from Jupyter (the ■ button, or {@code interrupt_request}); the kernel and
 * everything defined before the interrupted snippet are still there.
 *
 * <pre>{@code
 * while (true) {}   // Kernel > Interrupt  ->  CellInterruptedException: interrupted; the kernel is still running
 * }</pre>
 */
public final class CellInterruptedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    CellInterruptedException() {
        super("interrupted; the kernel is still running and keeps what earlier snippets defined", null, false, false);
    }
}
