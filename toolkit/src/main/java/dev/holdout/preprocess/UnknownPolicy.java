package dev.holdout.preprocess;

/**
 * What an encoder does with a category it did not see in the training rows.
 *
 * <pre>{@code
 * OneHotEncoder.of("city").onUnknown(UnknownPolicy.IGNORE);   // unseen city -> all indicator columns false
 * }</pre>
 */
public enum UnknownPolicy {
    /** Refuse the table, naming the column, the row and the value (scikit-learn's default). */
    ERROR,
    /** Encode as "none of the known categories": all-false one-hot row, or the ordinal encoder's unknown value. */
    IGNORE,
    /** One-hot only: map to the infrequent bucket when the fit produced one, else as IGNORE ({@code infrequent_if_exist}). */
    INFREQUENT
}
