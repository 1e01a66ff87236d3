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

    @Test void nanOrInfinityLabelsAreRefusedWithRowAndColumn() {
        for (String bad : List.of("NaN", "nan", "-Infinity", "Infinity", "1e400")) {
            Table t = Table.create("preds.csv", StringColumn.create("label", "1", bad, "0"), StringColumn.create("prediction", "1", "0", "0"));
            DataValidationException e = assertThrows(DataValidationException.class,
                    () -> TableMetrics.classification(t, "label", "prediction", null, null, null), bad);
            assertEquals(2, e.row(), bad);
            assertEquals("label", e.column(), bad);
            assertEquals("preds.csv", e.file(), bad);
            Table u = Table.create("preds.csv", StringColumn.create("label", "1", "0", "0"), StringColumn.create("prediction", "1", "0", bad));
            e = assertThrows(DataValidationException.class,
                    () -> TableMetrics.classificationByGroup(u, "label", "prediction", null, null, null, "label"), bad);
            assertEquals(3, e.row(), bad);
            assertEquals("prediction", e.column(), bad);
        }
        Table d = Table.create("d", DoubleColumn.create("label", 1, Double.POSITIVE_INFINITY, 0), DoubleColumn.create("prediction", 1, 0, 0));
        DataValidationException e = assertThrows(DataValidationException.class,
                () -> TableMetrics.classification(d, "label", "prediction", null, null, null));
        assertEquals(2, e.row());
        assertEquals("label", e.column());
        Table p = Table.create("d", DoubleColumn.create("label", 1, 0, 0), DoubleColumn.create("prediction", 1, 0, Double.NEGATIVE_INFINITY));
        e = assertThrows(DataValidationException.class, () -> TableMetrics.classification(p, "label", "prediction", null, null, null));
        assertEquals(3, e.row());
        assertEquals("prediction", e.column());
    }

    @Test void nanLabelsInStringArraysNameTheIndex() {
        DataValidationException e = assertThrows(DataValidationException.class, () -> ClassificationReport.of(
                new String[] {"1", "0"}, new String[] {"1", "-nan"}, null, null, null));
        assertTrue(e.getMessage().startsWith("predicted[1]="), e.getMessage());
        e = assertThrows(DataValidationException.class, () -> ClassificationReport.of(
                new String[] {"1", "1e999"}, new String[] {"1", "0"}, null, null, null));
        assertTrue(e.getMessage().startsWith("truth[1]="), e.getMessage());
    }

    @Test void slicesListOnlyTheirOwnLabelsWithFileWideSemantics() {
        Table t = Table.create("preds", IntColumn.create("label", 0, 0, 1, 0), IntColumn.create("prediction", 0, 0, 1, 1),
                DoubleColumn.create("score", 0.1, 0.3, 0.8, 0.6), StringColumn.create("g", "x", "x", "y", "y"));
        SlicedReport g = TableMetrics.classificationByGroup(t, "label", "prediction", "score", null, null, "g");
        ClassificationReport zeros = (ClassificationReport) g.slices().get("x");
        assertEquals(List.of("0"), zeros.labels());
        assertEquals(List.of("0"), zeros.confusionMatrix().labels());
        assertEquals(1, zeros.confusionMatrix().numClasses());
        assertEquals(2.0, zeros.confusionMatrix().count(0, 0));
        // the positive label is still 1 (settled by the whole file), absent from this slice
        assertEquals("1", zeros.positive());
        assertEquals(0.0, zeros.recall());
        assertEquals(-(Math.log(0.9) + Math.log(0.7)) / 2, zeros.logLoss(), 1e-15);
        assertEquals(List.of("0", "1"), ((ClassificationReport) g.slices().get("y")).labels());
        ClassificationReport all = TableMetrics.classification(t, "label", "prediction", "score", null, null);
        assertEquals(List.of("0", "1"), all.confusionMatrix().labels());
    }
}
