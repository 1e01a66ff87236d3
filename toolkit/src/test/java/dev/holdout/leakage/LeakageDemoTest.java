package dev.holdout.leakage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.train.TribuoLearner;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeakageDemoTest {
    @Test void theLeakyFeatureLooksPerfectOnValidationAndCollapsesOnLaterData() {
        LeakageDemo.Result r = LeakageDemo.run(TribuoLearner.logisticRegression(5), 5, List.of(LeakageDemo.synthetic(1500, 5)));
        assertEquals(4, r.rows().size());
        LeakageDemo.Row leak = r.rows().get(2);
        LeakageDemo.Row safe = r.rows().get(3);
        assertTrue(leak.way().startsWith("(c)") && safe.way().startsWith("(d)"));
        assertTrue(leak.validationScore() > 0.98, r.toString());
        assertTrue(leak.optimism() > safe.optimism() + 0.2, r.toString());
        assertTrue(r.toString().contains("optimism") && r.toJson().contains("\"later_score\"") && r.toHtml().contains("<table"));
    }

    @Test void sameSeedSameNumbers() {
        var a = LeakageDemo.run(TribuoLearner.logisticRegression(3), 3, List.of(LeakageDemo.synthetic(800, 3)));
        var b = LeakageDemo.run(TribuoLearner.logisticRegression(3), 3, List.of(LeakageDemo.synthetic(800, 3)));
        assertEquals(a, b);
    }
}
