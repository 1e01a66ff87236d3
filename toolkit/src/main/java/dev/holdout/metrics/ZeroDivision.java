package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/**
 * What precision, recall or F-beta is when its denominator is zero (scikit-learn's
 * {@code zero_division}): no predicted positives (precision), no actual positives (recall), or
 * neither (F). The default is {@link #ZERO}, like scikit-learn's {@code "warn"}; reports record
 * that it happened under their warnings.
 *
 * <pre>{@code
 * ZeroDivision.parse("nan");   // NAN: the class is left out of a macro/weighted average
 * ZeroDivision.ONE.value();    // 1.0
 * }</pre>
 */
public enum ZeroDivision {
    ZERO(0.0), ONE(1.0), NAN(Double.NaN);

    private final double value;

    ZeroDivision(double value) { this.value = value; }

    /** The value substituted for 0/0. */
    public double value() { return value; }

    /** {@code 0 | 1 | nan} (also {@code 0.0}, {@code 1.0}, {@code warn} = 0). */
    public static ZeroDivision parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        switch (t) {
            case "0": case "0.0": case "zero": case "warn": return ZERO;
            case "1": case "1.0": case "one": return ONE;
            case "nan": return NAN;
            default:
                throw DataValidationException.param("zero_division", text, "must be 0, 1 or nan",
                        "pass --zero-division 0 (the default), 1 or nan");
        }
    }

    @Override public String toString() {
        return this == NAN ? "nan" : this == ONE ? "1" : "0";
    }
}
