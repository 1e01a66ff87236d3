package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The test client's kernel start survives a port taken between choosing it and the kernel binding it. */
class KernelStartTest {
    @Test
    void aPortTakenBeforeTheKernelBindsItLeadsToARestartWithFreshPorts() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             ServerSocket a = new ServerSocket(0); ServerSocket b = new ServerSocket(0);
             ServerSocket c = new ServerSocket(0); ServerSocket d = new ServerSocket(0)) {
            int[] first = {taken.getLocalPort(), a.getLocalPort(), b.getLocalPort(), c.getLocalPort(), d.getLocalPort()};
            a.close();
            b.close();
            c.close();
            d.close();
            // the shell port is still held by `taken`, as if another process had grabbed it in between
            try (KernelClient kernel = KernelClient.start(Path.of("target", "kernel-start-test"), 90_000, first)) {
                assertEquals(2, kernel.starts, "the first start failed to bind, the second used fresh ports");
                assertTrue(kernel.isAlive());
                assertEquals("2", kernel.execute("1 + 1").result().path("text/plain").asText());
            }
        }
    }
}
