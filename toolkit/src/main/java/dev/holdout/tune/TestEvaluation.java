package dev.holdout.tune;

/**
 * The one evaluation on the test part, made after the best trial was chosen. The tuner itself never
 * sees test data; whoever holds the split computes this once and attaches it with
 * {@link TuningResult#withTestEvaluation(TestEvaluation)}.
 *
 * <pre>{@code
 * new TestEvaluation("auc", 0.981, 114, 7);   // best trial 7's model, scored once on 114 test rows
 * }</pre>
 */
public record TestEvaluation(String metricName, double value, int testRows, int trialNumber) {
    @Override public String toString() {
        return "test " + metricName + "=" + value + " (trial " + trialNumber + ", " + testRows + " rows, evaluated once after tuning)";
    }
}
