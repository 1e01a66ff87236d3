package dev.holdout.notebooks;

import java.nio.charset.Charset;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.JupyterIO;

/**
 * The library's per-cell I/O, opened up for {@link HoldoutKernel}: only its stdin (a cell's {@code System.in}
 * reads from Jupyter's input box) is used; stdout, stderr and display go through {@link CellOutput}.
 *
 * <pre>{@code
 * KernelIO io = new KernelIO(StandardCharsets.UTF_8);
 * io.attach(env, true);    // a cell starts and may read input
 * io.detach(env);          // it ended
 * }</pre>
 */
final class KernelIO extends JupyterIO {
    KernelIO(Charset encoding) {
        super(encoding);
    }

    void attach(ShellReplyEnvironment env, boolean stdinAllowed) {
        setEnv(env);
        setJupyterInEnabled(stdinAllowed);
    }

    void detach(ShellReplyEnvironment env) {
        retractEnv(env);
    }
}
