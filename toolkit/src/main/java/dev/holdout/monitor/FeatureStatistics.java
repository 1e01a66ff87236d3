package dev.holdout.monitor;

/**
 * One feature's entry in {@code statistics.json}: {@link NumericStatistics} for {@code Integral} and
 * {@code Fractional} features, {@link StringStatistics} for {@code String} ones.
 *
 * <pre>{@code
 * FeatureStatistics f = statistics.feature("temp_max");
 * f.present();            // values of the feature's type (num_present)
 * f.completeness();       // (item count - num_missing) / item count
 * }</pre>
 */
public sealed interface FeatureStatistics permits NumericStatistics, StringStatistics {
    String name();

    FeatureType type();

    /** {@code num_present}: values of the feature's type. */
    long present();

    /** {@code num_missing}: empty cells and the reader's missing tokens. */
    long missing();

    /** Values that are neither missing nor of the feature's type (text in a numeric feature); 0 in a baseline. */
    long wrongType();

    /** The rows: present, missing and wrong-typed values together. */
    default long rows() { return present() + missing() + wrongType(); }

    /** The fraction of rows that are not missing; NaN without rows. */
    default double completeness() { return rows() == 0 ? Double.NaN : (double) (present() + wrongType()) / rows(); }
}
