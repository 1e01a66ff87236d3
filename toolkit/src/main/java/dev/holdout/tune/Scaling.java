package dev.holdout.tune;

import dev.holdout.data.DataValidationException;
import java.util.Locale;

/**
 * How a numeric range is searched, as SageMaker's {@code ScalingType}.
 *
 * <pre>{@code
 * Scaling.parse("Logarithmic");   // LOGARITHMIC: samples are uniform in log(value); values must be > 0
 * }</pre>
 *
 * <p>{@code Auto} is accepted and means {@link #LINEAR} here (SageMaker picks a scale itself; Holdout does
 * not guess). {@code ReverseLogarithmic} is not supported and is rejected with a clear error.
 */
public enum Scaling {
    /** Uniform in the value. */
    LINEAR("Linear"),
    /** Uniform in log(value): each decade gets the same share of the samples. */
    LOGARITHMIC("Logarithmic");

    private final String sageMakerName;

    Scaling(String sageMakerName) { this.sageMakerName = sageMakerName; }

    /** SageMaker's spelling: {@code Linear} or {@code Logarithmic}. */
    public String sageMakerName() { return sageMakerName; }

    /** Parses SageMaker's {@code ScalingType} ({@code Auto}, {@code Linear}, {@code Logarithmic}); null means Auto. */
    public static Scaling parse(String text, String param) {
        if (text == null) return LINEAR;
        switch (text.trim().toLowerCase(Locale.ROOT)) {
            case "auto": case "linear": return LINEAR;
            case "logarithmic": case "log": return LOGARITHMIC;
            case "reverselogarithmic":
                throw DataValidationException.param(param, text, "ReverseLogarithmic scaling is not supported by Holdout",
                        "use Linear or Logarithmic");
            default:
                throw DataValidationException.param(param, text, "unknown ScalingType",
                        "use one of Auto, Linear, Logarithmic");
        }
    }
}
