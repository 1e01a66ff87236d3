package dev.holdout.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which label is positive for binary metrics when --positive is not given (scikit-learn: pos_label=1). */
class ClassificationPositiveLabelTest {
    private static double expectedLogLossAllNegative(double... p) {
        double s = 0;
        for (double x : p) s -= Math.log(1 - x);
        return s / p.length;
    }

    @Test void onlyZerosKeepsOneAsTheAbsentPositive() {
        ClassificationReport r = ClassificationReport.of(new int[] {0, 0, 0}, new int[] {0, 0, 0},
                new double[] {0.1, 0.2, 0.3}, null, ClassificationOptions.defaults());
        assertEquals("1", r.positive());
        assertEquals(0.0, r.precision());
        assertEquals(0.0, r.recall());
        assertEquals(0.0, r.f1());
        assertEquals(1.0, r.specificity());
        assertEquals(1.0, r.accuracy());
        // scikit-learn log_loss(y, p, labels=[0, 1]) = 0.22839300363692283
        assertEquals(expectedLogLossAllNegative(0.1, 0.2, 0.3), r.logLoss(), 1e-15);
        assertEquals(0.22839300363692283, r.logLoss(), 1e-15);
        assertNull(r.averagePrecision());
        assertNull(r.rocAuc());
        assertEquals(List.of("0"), r.labels());
        assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("precision: label '1' was never predicted")), r.warnings().toString());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("'1'") && w.contains("does not occur")), r.warnings().toString());
    }

    @Test void singleRowOfZero() {
        ClassificationReport r = ClassificationReport.of(new String[] {"0"}, new String[] {"0"}, new double[] {0.1}, null,
                ClassificationOptions.defaults());
        assertEquals("1", r.positive());
        assertEquals(0.10536051565782628, r.logLoss(), 1e-15);
        assertEquals(0.0, r.f1());
    }

    @Test void onlyZerosWithBootstrapStillWorks() {
        ClassificationReport r = ClassificationReport.ofCodes(new int[] {0, 0, 0, 0}, new int[] {0, 0, 0, 0}, dev.holdout.data.LabelVocabulary.of(List.of("0")),
                new double[] {0.1, 0.2, 0.3, 0.4}, null, ClassificationOptions.defaults(), new Bootstrap.Spec(50, 3L, 0.9));
        assertEquals(0.0, r.f1());
        assertEquals(expectedLogLossAllNegative(0.1, 0.2, 0.3, 0.4), r.logLoss(), 1e-15);
    }

    @Test void numericLabelOneWrittenAsOnePointZeroIsThePositive() {
        ClassificationReport r = ClassificationReport.of(new String[] {"0.0", "1.0"}, new String[] {"1.0", "1.0"}, null, null,
                ClassificationOptions.defaults());
        assertEquals("1", r.positive(), "1.0 and 1 are one label, named 1");
        assertEquals(List.of("0", "1"), r.labels());
        assertEquals(0.5, r.precision(), 1e-15);
    }

    @Test void twoNumericLabelsWithoutOneNeedPositive() {
        DataValidationException e = assertThrows(DataValidationException.class, () -> ClassificationReport.of(
                new int[] {0, 2}, new int[] {0, 2}, null, null, ClassificationOptions.defaults()));
        assertTrue(e.getMessage().startsWith("positive="), e.getMessage());
        assertTrue(e.getMessage().contains("[0, 2]"), e.getMessage());
        assertEquals("2", ClassificationReport.of(new int[] {0, 2}, new int[] {0, 2}, null, null,
                ClassificationOptions.defaults().withPositive("2")).positive());
    }

    @Test void twoTextLabelsWithoutPositiveAreAnErrorNamingBoth() {
        DataValidationException e = assertThrows(DataValidationException.class, () -> ClassificationReport.of(
                new String[] {"ham", "spam"}, new String[] {"spam", "spam"}, null, null, ClassificationOptions.defaults()));
        assertTrue(e.getMessage().contains("ham") && e.getMessage().contains("spam"), e.getMessage());
        // macro averaging without scores does not need a positive label
        ClassificationReport macro = ClassificationReport.of(new String[] {"ham", "spam"}, new String[] {"spam", "spam"}, null, null,
                ClassificationOptions.defaults().withAverage(Average.MACRO));
        assertEquals(Average.MACRO, macro.average());
    }

    @Test void givenPositiveAbsentFromOneClassDataIsZeroDivision() {
        ClassificationReport r = ClassificationReport.of(new String[] {"ham", "ham"}, new String[] {"ham", "ham"},
                new double[] {0.2, 0.4}, null, ClassificationOptions.defaults().withPositive("spam"));
        assertEquals("spam", r.positive());
        assertEquals(0.0, r.recall());
        assertEquals(expectedLogLossAllNegative(0.2, 0.4), r.logLoss(), 1e-15);
    }
}
