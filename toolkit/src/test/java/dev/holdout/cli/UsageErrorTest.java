package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A usage error says what was wrong in its first line and where the help is, instead of burying that line under the
 * whole help page (60 lines for {@code split}); a typo gets picocli's did-you-mean.
 */
class UsageErrorTest {
    @Test void aMistypedOptionGetsItsSuggestionNotTheWholeHelp() {
        CliRunner r = CliRunner.run("split", "--inptu", "x.csv", "--output", "o", "--strategy", "random");
        assertEquals(2, r.exitCode(), r.err());
        String first = r.err().lines().findFirst().orElse("");
        assertTrue(first.startsWith("holdout split: Unknown option") && first.contains("'--inptu'"), first);
        assertTrue(r.err().contains("--input"), "did-you-mean names --input:\n" + r.err());
        assertTrue(r.err().contains("Try 'holdout split --help'"), r.err());
        assertFalse(r.err().contains("Examples:"), "no help page:\n" + r.err());
        assertTrue(r.err().lines().count() <= 8, r.err());
    }

    @Test void aMissingOptionShowsTheSynopsisOnly() {
        CliRunner r = CliRunner.run("split", "--input", "x.csv", "--output", "o");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().startsWith("holdout split: Missing required option: '--strategy=<strategy>'"), r.err());
        assertTrue(r.err().contains("Usage: holdout split"), "the synopsis:\n" + r.err());
        assertFalse(r.err().contains("--validation-size=<validationSize>\n      "), "no option descriptions:\n" + r.err());
        assertFalse(r.err().contains("Examples:"), r.err());
    }

    @Test void aLongValueInAUsageErrorIsCut() {
        CliRunner r = CliRunner.run("split", "--input", "x.csv", "--output", "o", "--strategy", "random", "--seed", "9".repeat(5_000));
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().length() < 1_500, "cut: " + r.err().length() + " chars");
        assertTrue(r.err().contains("is not a long"), r.err());
    }

    @Test void aMistypedVerbGetsItsSuggestion() {
        CliRunner r = CliRunner.run("spilt");
        assertEquals(2, r.exitCode(), r.err());
        assertTrue(r.err().contains("split"), r.err());
        assertFalse(r.err().contains("Examples:"), r.err());
    }
}
