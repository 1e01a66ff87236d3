package dev.holdout.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code holdout metrics --charts DIR} draws the charts of the task: ROC and PR for binary scores, two for regression. */
class MetricsChartsTest {
    @TempDir Path dir;

    private static void run(String... args) {
        CliRunner r = CliRunner.run(args);
        assertEquals(0, r.exitCode(), r.err());
    }

    @Test void regressionWritesPredictedVsActualAndResiduals() throws Exception {
        StringBuilder csv = new StringBuilder("y,yhat\n");
        for (int i = 0; i < 50; i++) csv.append(10 + i).append(',').append(10 + i + (i % 7) - 3).append('\n');
        Path in = dir.resolve("p.csv"), charts = dir.resolve("charts"), html = dir.resolve("r.html");
        Files.writeString(in, csv);
        run("metrics", "--input", in.toString(), "--label", "y", "--prediction", "yhat", "--task", "regression",
                "--charts", charts.toString(), "--html", html.toString());
        for (String name : new String[] {"predicted-vs-actual.png", "residuals.png"}) {
            BufferedImage image = ImageIO.read(charts.resolve(name).toFile());
            assertEquals(800, image.getWidth(), name);
        }
        String page = Files.readString(html);
        assertTrue(page.contains("alt=\"predicted vs actual\"") && page.contains("alt=\"residuals\""), "the HTML report shows both");
    }
}
