package dev.holdout.split;

import dev.holdout.data.DataValidationException;

/** Resolves part sizes with scikit-learn's rule: test = ceil(f·n), validation = ceil(f·n), train = the rest. */
final class Sizes {
    private Sizes() {}

    /** Returns {train, validation, test}. */
    static int[] resolve(int n, PartSize test, PartSize validation, String unit) {
        if (n < 2) {
            throw DataValidationException.param("n_" + unit, n, "need at least 2 " + unit + " to split", "provide more data");
        }
        if (test.isFraction() && validation != null && validation.isFraction() && test.fraction() + validation.fraction() >= 1) {
            throw DataValidationException.param("testSize+validationSize", test.fraction() + validation.fraction(),
                    "the fractions must sum to less than 1 so that train is not empty", "make test or validation smaller");
        }
        int nTest = test.resolve(n, "testSize");
        int nVal = validation == null ? 0 : validation.resolve(n, "validationSize");
        int nTrain = n - nTest - nVal;
        if (nTrain < 1) {
            throw DataValidationException.param("testSize", test, "with n_" + unit + "=" + n + ", testSize=" + test
                            + (validation != null ? " and validationSize=" + validation : "") + " the resulting train set would be empty",
                    "make test or validation smaller");
        }
        return new int[] {nTrain, nVal, nTest};
    }
}
