package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@code holdout --help} says what the environment changes: memory, traces, OpenMP's wait policy, the JDK. */
class HelpTest {
    @Test void helpNamesTheEnvironmentVariablesAndTheExitCodes() {
        CliRunner r = CliRunner.run("--help");
        assertEquals(0, r.exitCode(), r.err());
        for (String s : new String[] {"HOLDOUT_JAVA_OPTS", "-Xmx8g", "HOLDOUT_DEBUG=1", "OMP_WAIT_POLICY", "set passive unless you set it",
                "JAVA_HOME", "INCOMPLETE", "an internal error"}) {
            assertTrue(r.out().contains(s), s + " in:\n" + r.out());
        }
        // picocli wraps footer lines longer than its 80 columns, which breaks the table's indentation
        assertTrue(r.out().lines().anyMatch(l -> l.equals("  JAVA_HOME          the JDK ./holdout runs (17, 21 or 25); else java on PATH")),
                "the environment table is not wrapped:\n" + r.out());
    }
}
