package dev.holdout.notebooks;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.messages.ContentType;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;

/**
 * The kernel's {@code System.out} and {@code System.err}: what any thread prints is batched into few Jupyter
 * {@code stream} messages and published to the cell that is running, or else to the last one.
 *
 * <p>Why batch: one message per {@code println} floods IOPub — with 20,000 lines in one cell, ZeroMQ dropped about
 * 8,500 of them and the cell's final {@code idle} status with them, so Jupyter waited forever. Text is published at
 * most every {@value #FLUSH_MILLIS} ms, or as soon as {@value #MAX_BATCH_BYTES} bytes wait, and always before a
 * display, a result or an error (so the order a reader sees is the order things happened), and before the cell's
 * reply. Both streams share one lock, and writing to one first publishes what waits on the other, so stdout and
 * stderr interleave as written.
 *
 * <p>Why one global target instead of per-cell streams: a background thread started in a cell keeps
 * {@code System.out}; its later prints belong to the cell running then, or, between cells, to the last one (the
 * front end appends them there). Messages go to the IOPub socket directly, not through the reply environment,
 * because the environment's defer flag is not safe to touch from other threads.
 *
 * <pre>{@code
 * CellOutput output = CellOutput.install();   // System.out/err now go to Jupyter
 * output.attach(env);                         // a cell starts: its messages get this parent
 * output.flush();                             // before its result and reply
 * }</pre>
 */
final class CellOutput {
    static final long FLUSH_MILLIS = 50;
    static final int MAX_BATCH_BYTES = 64 * 1024;

    private final Object lock = new Object();
    private final Buffer out = new Buffer(PublishStream.StreamType.OUT);
    private final Buffer err = new Buffer(PublishStream.StreamType.ERR);
    private final PrintStream originalOut;
    private final PrintStream originalErr;
    private final ScheduledExecutorService flusher;
    /** Where messages go: the running cell's environment, or the last cell's; null before the first cell. */
    private ShellReplyEnvironment target;
    /** The pictures the current cell has shown, so none is shown twice. */
    private final RepeatedImages images = new RepeatedImages();

    private CellOutput(PrintStream originalOut, PrintStream originalErr) {
        this.originalOut = originalOut;
        this.originalErr = originalErr;
        this.flusher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "holdout-output-flusher");
            t.setDaemon(true);
            return t;
        });
        flusher.scheduleWithFixedDelay(this::flush, FLUSH_MILLIS, FLUSH_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** Replaces {@code System.out} and {@code System.err} for the whole JVM; {@link #uninstall()} puts them back. */
    static CellOutput install() {
        CellOutput output = new CellOutput(System.out, System.err);
        System.setOut(new PrintStream(output.out, false, StandardCharsets.UTF_8));
        System.setErr(new PrintStream(output.err, false, StandardCharsets.UTF_8));
        return output;
    }

    void uninstall() {
        flush();
        flusher.shutdownNow();
        System.setOut(originalOut);
        System.setErr(originalErr);
    }

    /** From now on, output belongs to the cell of {@code env} (what waited is published to the previous one first). */
    void attach(ShellReplyEnvironment env) {
        synchronized (lock) {
            flushLocked();
            target = env;
            images.clear();
        }
    }

    /** Publishes what waits, now. */
    void flush() {
        synchronized (lock) {
            flushLocked();
        }
    }

    /** Publishes what waits, then {@code data} as a {@code display_data} message (without pictures the cell showed). */
    void display(DisplayData data) {
        synchronized (lock) {
            flushLocked();
            DisplayData shown = images.firstShowing(data);
            if (target != null && shown != null) send(new PublishDisplayData(shown));
        }
    }

    /** {@code data} without the pictures the current cell has already shown (null: nothing left), as the cell's result. */
    DisplayData unseen(DisplayData data) {
        synchronized (lock) {
            return images.firstShowing(data);
        }
    }

    /** Publishes what waits, then {@code content} (a result or an error of the current cell). */
    void publish(ContentType<?> content) {
        synchronized (lock) {
            flushLocked();
            if (target != null) send(content);
        }
    }

    private void flushLocked() {
        out.publishLocked();
        err.publishLocked();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void send(ContentType<?> content) {
        target.getIopub().sendMessage(new Message(target.getContext(), content.getType(), content));
    }

    /** One stream's pending bytes; written under the shared lock. */
    private final class Buffer extends OutputStream {
        private final PublishStream.StreamType type;
        private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

        Buffer(PublishStream.StreamType type) {
            this.type = type;
        }

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            synchronized (lock) {
                Buffer other = this == out ? err : out;
                other.publishLocked(); // keep stdout and stderr in the order they were written
                pending.write(b, off, len);
                if (pending.size() >= MAX_BATCH_BYTES) publishLocked();
            }
        }

        /** No-op: PrintStream calls it on every line; the flusher and the kernel publish instead. */
        @Override
        public void flush() {}

        void publishLocked() {
            if (pending.size() == 0) return;
            byte[] bytes = pending.toByteArray();
            int complete = completeUtf8(bytes);
            String text = new String(bytes, 0, complete, StandardCharsets.UTF_8);
            pending.reset();
            pending.write(bytes, complete, bytes.length - complete); // a code point split across writes waits
            if (text.isEmpty()) return;
            if (target == null) {
                PrintStream original = type == PublishStream.StreamType.OUT ? originalOut : originalErr;
                original.print(text);
                original.flush();
            } else {
                send(new PublishStream(type, text));
            }
        }
    }

    /** The length of the longest prefix of {@code bytes} that does not end inside a UTF-8 sequence. */
    static int completeUtf8(byte[] bytes) {
        int n = bytes.length;
        for (int back = 1; back <= Math.min(3, n); back++) {
            int b = bytes[n - back] & 0xFF;
            if ((b & 0xC0) == 0x80) continue; // a continuation byte: look further back for the lead byte
            int length = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
            return length > back ? n - back : n;
        }
        return n;
    }
}
