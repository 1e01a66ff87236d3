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

    /**
     * What the demo claims on the real data: on birdstrikes each of the leaky ways (a), (b), (c)
     * overstates its score on later data more than the safe way (d), and reports a higher validation
     * score. Measured with the Tribuo logistic regression (2 s; {@code holdout demo leakage} with its
     * default XGBoost shows the same order: optimism +0.099, +0.046, +0.056 against +0.024).
     */
    @Test void onBirdstrikesEveryLeakyWayIsMoreOptimisticThanTheSafeWay() {
        long seed = 42;
        LeakageDemo.Result r = LeakageDemo.run(TribuoLearner.logisticRegression(seed), seed, List.of(LeakageDemo.birdstrikes()));
        assertEquals(4, r.rows().size(), r.toString());
        LeakageDemo.Row safe = r.rows().get(3);
        assertTrue(safe.way().startsWith("(d)"));
        for (int w = 0; w < 3; w++) {
            LeakageDemo.Row leaky = r.rows().get(w);
            assertTrue(leaky.way().startsWith("(" + "abc".charAt(w) + ")"));
            assertEquals("birdstrikes", leaky.dataset());
            assertTrue(leaky.optimism() > safe.optimism(), leaky.way() + " vs " + safe.way() + "\n" + r);
            assertTrue(leaky.validationScore() > safe.validationScore(), leaky.way() + " vs " + safe.way() + "\n" + r);
        }
        // every way is scored on the same later rows, which none of them trained on
        for (LeakageDemo.Row row : r.rows()) assertEquals(safe.laterRows(), row.laterRows());
    }

    @Test void sameSeedSameNumbers() {
        var a = LeakageDemo.run(TribuoLearner.logisticRegression(3), 3, List.of(LeakageDemo.synthetic(800, 3)));
        var b = LeakageDemo.run(TribuoLearner.logisticRegression(3), 3, List.of(LeakageDemo.synthetic(800, 3)));
        assertEquals(a, b);
    }
}
