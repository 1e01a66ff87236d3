package dev.holdout.notebooks;

/**
 * A cell called {@code System.exit}, {@code Runtime.exit} or {@code Runtime.halt}: in a notebook that would end the
 * kernel and lose every variable, so the call fails instead and the kernel keeps running.
 *
 * <pre>{@code
 * System.exit(3)   // ExitRefusedException: System.exit(3) is refused in a notebook cell: it would stop the kernel ...
 * }</pre>
 */
public final class ExitRefusedException extends SecurityException {
    private static final long serialVersionUID = 1L;

    ExitRefusedException(String call) {
        super(call + " is refused in a notebook cell: it would stop the kernel and lose every variable; "
                + "throw an exception to fail the cell, or use Kernel > Restart to start afresh");
    }
}
