package dev.holdout.testkit;

import dev.holdout.data.SeededRandom;

/**
 * Laws every classification metric should obey (the {@code score...} forms for metrics of scores), as reusable assertions for your jqwik properties. Each throws an
 * {@link AssertionError} that says which law broke, on which case, with both values — jqwik then shrinks the case.
 *
 * <pre>{@code
 * @Property void f1Laws(@ForAll("cases") LabelledPredictions p) {
 *     MetricLaws.bounded(MyMetrics::f1, p, 0, 1);
 *     MetricLaws.permutationInvariant(MyMetrics::f1, p);
 *     MetricLaws.agrees(MyMetrics::f1, (t, q, w) -> ReferenceMetrics.f1(t, q, 1, w), p, 1e-12);
 * }
 * }</pre>
 */
public final class MetricLaws {
    private MetricLaws() {}

    /** A metric of true and predicted codes, with weights (null for none). */
    @FunctionalInterface public interface LabelMetric { double of(int[] truth, int[] predicted, double[] weights); }

    /** A metric of true codes and scores, with weights (null for none). */
    @FunctionalInterface public interface ScoreMetric { double of(int[] truth, double[] score, double[] weights); }

    private static void fail(String law, LabelledPredictions p, String detail) {
        throw new AssertionError(law + " broken: " + detail + " on " + p);
    }

    /** {@code lo <= metric <= hi} (NaN fails too). */
    public static void bounded(LabelMetric m, LabelledPredictions p, double lo, double hi) {
        double v = m.of(p.truth(), p.predicted(), p.weights());
        if (!(v >= lo && v <= hi)) fail("bounds [" + lo + ", " + hi + "]", p, "value " + v);
    }

    public static void scoreBounded(ScoreMetric m, LabelledPredictions p, double lo, double hi) {
        double v = m.of(p.truth(), p.score(), p.weights());
        if (!(v >= lo && v <= hi)) fail("bounds [" + lo + ", " + hi + "]", p, "value " + v);
    }

    /** Reordering the rows changes nothing (a seeded shuffle derived from the case, so a failure reproduces). */
    public static void permutationInvariant(LabelMetric m, LabelledPredictions p) {
        LabelledPredictions q = p.permuted(shuffle(p));
        same("permutation invariance", p, m.of(p.truth(), p.predicted(), p.weights()), m.of(q.truth(), q.predicted(), q.weights()), 1e-12);
    }

    public static void scorePermutationInvariant(ScoreMetric m, LabelledPredictions p) {
        LabelledPredictions q = p.permuted(shuffle(p));
        same("permutation invariance", p, m.of(p.truth(), p.score(), p.weights()), m.of(q.truth(), q.score(), q.weights()), 1e-12);
    }

    /**
     * Renaming the classes consistently in truth and predictions changes nothing — for metrics symmetric in the classes
     * (accuracy, macro averages, MCC); not for a binary F1, which singles out class 1.
     */
    public static void relabellingInvariant(LabelMetric m, LabelledPredictions p) {
        int[] mapping = new int[p.classes()];
        for (int c = 0; c < mapping.length; c++) mapping[c] = (c + 1) % mapping.length;
        LabelledPredictions q = p.relabelled(mapping);
        same("relabelling invariance", p, m.of(p.truth(), p.predicted(), p.weights()), m.of(q.truth(), q.predicted(), q.weights()), 1e-12);
    }

    /** Whole-number weights equal repeated rows. */
    public static void weightsAreRepeats(LabelMetric m, LabelledPredictions p) {
        if (p.weights() == null) return;
        LabelledPredictions q = p.repeated();
        same("weights as repeats", p, m.of(p.truth(), p.predicted(), p.weights()), m.of(q.truth(), q.predicted(), null), 1e-9);
    }

    public static void scoreWeightsAreRepeats(ScoreMetric m, LabelledPredictions p) {
        if (p.weights() == null) return;
        LabelledPredictions q = p.repeated();
        same("weights as repeats", p, m.of(p.truth(), p.score(), p.weights()), m.of(q.truth(), q.score(), null), 1e-9);
    }

    /** Predicting the truth scores {@code best} (1 for accuracy, F1 with a positive present, ...). */
    public static void perfectScores(LabelMetric m, LabelledPredictions p, double best) {
        double v = m.of(p.truth(), p.truth().clone(), p.weights());
        if (Math.abs(v - best) > 1e-12) fail("perfect prediction scores " + best, p, "value " + v);
    }

    /** The metric equals a reference (e.g. {@link ReferenceMetrics}) within {@code tolerance}; both NaN counts as equal. */
    public static void agrees(LabelMetric m, LabelMetric reference, LabelledPredictions p, double tolerance) {
        same("agreement with the reference", p, reference.of(p.truth(), p.predicted(), p.weights()), m.of(p.truth(), p.predicted(), p.weights()), tolerance);
    }

    public static void scoreAgrees(ScoreMetric m, ScoreMetric reference, LabelledPredictions p, double tolerance) {
        same("agreement with the reference", p, reference.of(p.truth(), p.score(), p.weights()), m.of(p.truth(), p.score(), p.weights()), tolerance);
    }

    private static void same(String law, LabelledPredictions p, double expected, double actual, double tolerance) {
        if (Double.isNaN(expected) && Double.isNaN(actual)) return;
        if (!(Math.abs(expected - actual) <= tolerance)) fail(law, p, "expected " + expected + " but got " + actual);
    }

    private static int[] shuffle(LabelledPredictions p) {
        int[] order = new int[p.rows()];
        for (int i = 0; i < order.length; i++) order[i] = i;
        new SeededRandom(p.hashCode()).shuffle(order);
        return order;
    }
}
