package dev.holdout.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.DataValidationException;
import dev.holdout.data.SeededRandom;
import dev.holdout.preprocess.OneHotEncoder;
import dev.holdout.preprocess.Preprocessor;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.DateColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

class FeatureChoiceTest {
    @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir;

    @Test void theIdColumnsAndTheLabelAreKeptBesidePredictions() {
        Table t = sales(150);
        TrainingJob.xgboost("churned", Channel.of(t)).withPreprocessing(Preprocessor.of(OneHotEncoder.of("store_id")))
                .withHyperparameters(h -> h.withNumRound(3).withObjective("binary:logistic").withNthread(1))
                .withOutput(dir.resolve("job")).run();
        dev.holdout.serve.Scorer s = dev.holdout.serve.Scorer.load(dir.resolve("job/model"));
        assertEquals(List.of("row_id"), s.idColumns());
        assertEquals(List.of("row_id", "churned", "date"), s.keptColumns(t.columnNames(), List.of("date")));
        // rows to score without the label keep the id only
        assertEquals(List.of("row_id"), s.keptColumns(List.of("row_id", "date", "store_id", "promo", "refund_amount"), List.of()));
    }

    /** A dated sales table: a row id, a date, a store (repeating), a promo flag, a leak computed from the label. */
    static Table sales(int n) {
        SeededRandom r = new SeededRandom(7);
        IntColumn rowId = IntColumn.create("row_id");
        DateColumn date = DateColumn.create("date");
        StringColumn store = StringColumn.create("store_id");
        DoubleColumn promo = DoubleColumn.create("promo"), refund = DoubleColumn.create("refund_amount");
        IntColumn y = IntColumn.create("churned");
        for (int i = 0; i < n; i++) {
            rowId.append(1000 + i);
            date.append(LocalDate.of(2024, 1, 1).plusDays(i));
            store.append("S0" + (i % 3 + 1));
            double p = r.nextDouble();
            promo.append(p);
            int label = r.nextDouble() < 0.3 + 0.4 * p ? 1 : 0;
            y.append(label);
            refund.append(label * (10 + r.nextDouble()));   // only churned rows have a refund: the label, restated
        }
        return Table.create("sales", rowId, date, store, promo, refund, y);
    }

    @Test void withoutFeaturesEverythingButLabelTimeIdAndLeaksAndItSaysWhy() {
        Table t = sales(200);
        TrainingResult r = TrainingJob.xgboost("churned", Channel.of(t)).withPreprocessing(Preprocessor.of(OneHotEncoder.of("store_id")))
                .withHyperparameters(h -> h.withNumRound(5).withObjective("binary:logistic").withNthread(1)).run();
        assertEquals(List.of("store_id=S01", "store_id=S02", "store_id=S03", "promo"), r.model().features());
        Map<String, String> out = r.features().leftOut();
        assertEquals(List.of("row_id", "date", "refund_amount"), List.copyOf(out.keySet()));
        assertTrue(out.get("row_id").startsWith("an id column"), out.toString());
        assertTrue(out.get("date").startsWith("a time column (DATE)"), out.toString());
        assertTrue(out.get("refund_amount").startsWith("a target leak by the audit's single-feature check"), out.toString());
        assertEquals(List.of("row_id"), r.features().ids());
    }

    @Test void featuresAndExcludeTakeRawNamesBeforeEncoding() {
        Table t = sales(120);
        TrainingJob job = TrainingJob.xgboost("churned", Channel.of(t)).withPreprocessing(Preprocessor.of(OneHotEncoder.of("store_id")))
                .withHyperparameters(h -> h.withNumRound(3).withObjective("binary:logistic").withNthread(1));
        assertEquals(List.of("store_id=S01", "store_id=S02", "store_id=S03", "promo"),
                job.withFeatures(List.of("store_id", "promo")).run().model().features());
        // an encoded name still selects its one column; exclude takes raw names too
        assertEquals(List.of("store_id=S02", "promo"), job.withFeatures(List.of("store_id=S02", "promo")).run().model().features());
        assertEquals(List.of("promo"), job.withExclude(List.of("store_id")).run().model().features());
        // an explicit list uses what it names, even a date's derived columns would need it: here the leak is taken as asked
        assertEquals(List.of("promo", "refund_amount"), job.withFeatures(List.of("promo", "refund_amount")).run().model().features());
        var e = assertThrows(DataValidationException.class, () -> job.withFeatures(List.of("store")).run());
        assertTrue(e.getMessage().startsWith("features=store: no such column") && e.getMessage().contains("did you mean 'store_id'"), e.getMessage());
    }
}
