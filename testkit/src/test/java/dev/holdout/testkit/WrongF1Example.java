package dev.holdout.testkit;

import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The worked example of testkit/README.md: a user's F1 with a classic slip (the denominator counts the true positives
 * once instead of twice), tested the way the testkit suggests. Not run by the build directly (its name matches no test
 * pattern): {@link WorkedExampleTest} runs it through the JUnit Platform and checks that it fails and what it shrinks to.
 */
class WrongF1Example {
    /** The user's F1: 2·tp / (tp + fp + fn) — wrong; F1 is 2·tp / (2·tp + fp + fn). */
    static double myF1(int[] truth, int[] predicted, double[] weights) {
        double tp = 0, fp = 0, fn = 0;
        for (int i = 0; i < truth.length; i++) {
            if (truth[i] == 1 && predicted[i] == 1) tp++;
            else if (predicted[i] == 1) fp++;
            else if (truth[i] == 1) fn++;
        }
        return tp + fp + fn == 0 ? 0 : 2 * tp / (tp + fp + fn);
    }

    @Provide Arbitrary<LabelledPredictions> cases() { return Predictions.binary().withTies().arbitrary(); }

    @Property(seed = "42")
    void myF1AgreesWithTheReference(@ForAll("cases") LabelledPredictions p) {
        MetricLaws.bounded(WrongF1Example::myF1, p, 0, 1);
        MetricLaws.agrees(WrongF1Example::myF1, (t, q, w) -> ReferenceMetrics.f1(t, q, 1, w), p, 1e-12);
    }
}
