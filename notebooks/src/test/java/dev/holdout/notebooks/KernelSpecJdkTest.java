package dev.holdout.notebooks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.holdout.cli.JdkOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The kernelspec starts the kernel as the launcher starts the CLI: with the options its JDK needs to print no
 * warnings (and none a JDK does not know), and OMP_WAIT_POLICY=passive unless the environment chose one.
 */
class KernelSpecJdkTest {
    @Test void theKernelsJavaGetsTheOptionsOfItsOwnVersion(@TempDir Path dir) throws Exception {
        for (String version : List.of("17.0.15", "25.0.3")) {
            Path home = dir.resolve("jdk-" + version);
            Files.createDirectories(home.resolve("bin"));
            Files.writeString(home.resolve("release"), "JAVA_VERSION=\"" + version + "\"\n");
            Path java = Files.writeString(home.resolve("bin/java"), "#!/bin/sh\n");
            List<String> argv = new KernelSpec(java, List.of(Path.of("kernel.jar"))).argv();
            boolean modern = version.startsWith("25");
            assertEquals(modern, argv.contains(JdkOptions.NATIVE_ACCESS), version + ": " + argv);
            assertEquals(modern, argv.contains(JdkOptions.UNSAFE_MEMORY_ACCESS), version + ": " + argv);
            assertTrue(argv.indexOf("-cp") > 0 && (!modern || argv.indexOf(JdkOptions.NATIVE_ACCESS) < argv.indexOf("-cp")),
                    "JVM options come before the class path: " + argv);
        }
        List<String> own = KernelSpec.ofThisJvm().argv();
        for (String option : JdkOptions.forThisJvm()) assertTrue(own.contains(option), own.toString());
        if (Runtime.version().feature() < 22) assertFalse(own.contains(JdkOptions.NATIVE_ACCESS), own.toString());
    }

    @Test void theKernelRunsWithAPassiveOpenMpWaitPolicyUnlessOneWasSet() throws Exception {
        JsonNode spec = new ObjectMapper().readTree(KernelSpec.ofThisJvm().json());
        String set = System.getenv("OMP_WAIT_POLICY");
        assertEquals(set == null || set.isBlank() ? "passive" : set, spec.path("env").path("OMP_WAIT_POLICY").asText(), spec.toString());
    }
}
