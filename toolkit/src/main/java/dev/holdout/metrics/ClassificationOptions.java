package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/**
 * Options of a classification report, validated on construction; withers return a new object.
 *
 * @param average      null = automatic: binary for two classes, macro for more
 * @param positive     the positive label for binary averaging and the score (P(positive)); null = "1"
 *                     for numeric labels as in scikit-learn (pos_label=1), even when no row has it (then
 *                     tp = fp = fn = 0 and the zero-division rules apply); two numeric labels without 1,
 *                     or text labels with binary averaging or a score, need it given (an error otherwise)
 * @param zeroDivision value of an undefined precision/recall/F (default 0; recorded in the warnings)
 * @param beta         the F-beta weight (1 = F1)
 * @param multiClass   how ROC AUC extends to more than two classes when class probabilities are given (null = one-vs-rest)
 *
 * <pre>{@code
 * ClassificationOptions o = ClassificationOptions.defaults().withAverage(Average.MACRO).withZeroDivision(ZeroDivision.NAN);
 * }</pre>
 */
public record ClassificationOptions(Average average, String positive, ZeroDivision zeroDivision, double beta, MultiClass multiClass) {
    public ClassificationOptions {
        if (zeroDivision == null) zeroDivision = ZeroDivision.ZERO;
        if (!(beta >= 0)) {
            throw DataValidationException.param("beta", beta, "must be >= 0", "pass 1 for F1");
        }
    }

    /** The options without a multiclass ROC AUC choice (one-vs-rest). */
    public ClassificationOptions(Average average, String positive, ZeroDivision zeroDivision, double beta) {
        this(average, positive, zeroDivision, beta, null);
    }

    public static ClassificationOptions defaults() {
        return new ClassificationOptions(null, null, ZeroDivision.ZERO, 1.0, null);
    }

    /** One-vs-rest unless set. */
    @Override public MultiClass multiClass() { return multiClass == null ? MultiClass.OVR : multiClass; }

    public ClassificationOptions withAverage(Average a) { return new ClassificationOptions(a, positive, zeroDivision, beta, multiClass); }

    public ClassificationOptions withPositive(String p) { return new ClassificationOptions(average, p, zeroDivision, beta, multiClass); }

    public ClassificationOptions withZeroDivision(ZeroDivision z) { return new ClassificationOptions(average, positive, z, beta, multiClass); }

    public ClassificationOptions withBeta(double b) { return new ClassificationOptions(average, positive, zeroDivision, b, multiClass); }

    public ClassificationOptions withMultiClass(MultiClass m) { return new ClassificationOptions(average, positive, zeroDivision, beta, m); }
}
