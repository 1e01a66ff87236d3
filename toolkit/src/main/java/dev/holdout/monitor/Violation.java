package dev.holdout.monitor;

/**
 * One entry of {@code constraint_violations.json}: {@code feature_name}, {@code constraint_check_type},
 * {@code description}.
 *
 * <pre>{@code
 * Violation v = result.violations().get(0);
 * v.checkType();      // baseline_drift_check
 * v.description();    // "KS distance 0.4187 exceeds comparison_threshold 0.1 and the KS test rejects ... (p = 1.2e-08)"
 * }</pre>
 */
public record Violation(String featureName, Check checkType, String description) {
    /** Model Monitor's six check types. */
    public enum Check {
        /** Fewer values of the baseline's type than {@code datatype_check_threshold} (text in a numeric feature). */
        data_type_check,
        /** Completeness below the baseline's by more than {@code completeness_tolerance}. */
        completeness_check,
        /** The distribution moved further than the threshold. */
        baseline_drift_check,
        /** A baseline feature absent from the current data. */
        missing_column_check,
        /** A current column the baseline does not have. */
        extra_column_check,
        /** Fewer values inside the baseline's domain than {@code domain_content_threshold}. */
        categorical_values_check;

        /** What the check means, in plain words (the report's legend). */
        public String meaning() {
            return switch (this) {
                case data_type_check -> "the share of present values of the baseline's type (whole numbers for Integral, numbers for Fractional; "
                        + "a negative value where the baseline had none counts against it) fell below datatype_check_threshold";
                case completeness_check -> "the share of rows with a value fell below the baseline's completeness by more than completeness_tolerance";
                case baseline_drift_check -> "the distribution moved: the distance (Kolmogorov-Smirnov for numbers, L-infinity or chi-squared for "
                        + "strings) exceeds its threshold (Robust: and the test rejects at 95%)";
                case missing_column_check -> "a feature of the baseline is not in the current data";
                case extra_column_check -> "the current data has a column the baseline does not";
                case categorical_values_check -> "the share of values inside the baseline's domain fell below domain_content_threshold";
            };
        }
    }
}
