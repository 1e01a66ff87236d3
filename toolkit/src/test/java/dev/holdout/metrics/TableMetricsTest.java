package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class TableMetricsTest {
    private static Table preds() {
        return Table.create("preds",
                IntColumn.create("label", 1, 0, 1, 0, 1, 0),
                IntColumn.create("prediction", 1, 0, 0, 1, 1, 0),
                DoubleColumn.create("score", 0.9, 0.2, 0.4, 0.6, 0.8, 0.1),
                StringColumn.create("region", "north", "north", "south", "south", "north", "south"));
    }

    @Test void tableReportEqualsArrayFunctions() {
        ClassificationReport r = TableMetrics.classification(preds(), "label", "prediction", "score", null, ClassificationOptions.defaults());
        int[] t = {1, 0, 1, 0, 1, 0}, p = {1, 0, 0, 1, 1, 0};
        double[] s = {0.9, 0.2, 0.4, 0.6, 0.8, 0.1};
        assertEquals(Classification.f1(t, p, 1), r.f1(), 1e-12);
        assertEquals(Scores.rocAuc(t, s), r.rocAuc(), 1e-12);
        assertEquals(Scores.averagePrecision(t, s), r.averagePrecision(), 1e-12);
        assertEquals(Scores.logLoss(t, s), r.logLoss(), 1e-12);
        SlicedReport g = TableMetrics.classificationByGroup(preds(), "label", "prediction", "score", null, null, "region");
        assertEquals(List.of("north", "south"), List.copyOf(g.slices().keySet()));
        RegressionReport reg = TableMetrics.regression(preds(), "score", "label", null);
        assertEquals(Regression.mse(s, new double[] {1, 0, 1, 0, 1, 0}), reg.mse(), 1e-12);
    }

    @Test void missingValuesAndUnknownColumnsAreNamed() {
        Table t = preds();
        t.doubleColumn("score").setMissing(3);
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> TableMetrics.classification(t, "label", "prediction", "score", null, null));
        assertEquals(4, e.row());
        assertEquals("score", e.column());
        e = assertThrows(DataValidationException.class, () -> TableMetrics.regression(preds(), "labl", "prediction", null));
        assertTrue(e.getMessage().contains("did you mean 'label'"), e.getMessage());
        e = assertThrows(DataValidationException.class, () -> TableMetrics.regression(preds(), "region", "prediction", null));
        assertTrue(e.getMessage().contains("must be a numeric column"), e.getMessage());
    }
}
