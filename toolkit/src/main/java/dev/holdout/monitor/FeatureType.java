package dev.holdout.monitor;

import dev.holdout.data.ColumnKind;
import dev.holdout.data.DataValidationException;

/**
 * A feature's {@code inferred_type}, as Model Monitor names it: the project's reader decides it (INTEGER is
 * {@code Integral}, NUMBER {@code Fractional}, anything else, dates included, {@code String}).
 *
 * <pre>{@code
 * FeatureType.of(ColumnKind.INTEGER);     // Integral
 * FeatureType.parse("Fractional", "x");  // Fractional
 * }</pre>
 */
public enum FeatureType {
    Integral, Fractional, String;

    /** The type of a column of this reader kind. */
    public static FeatureType of(ColumnKind kind) {
        return switch (kind) {
            case INTEGER -> Integral;
            case NUMBER -> Fractional;
            default -> String;
        };
    }

    public boolean isNumeric() { return this != String; }

    static FeatureType parse(java.lang.String s, java.lang.String param) {
        for (FeatureType t : values()) if (t.name().equals(s)) return t;
        throw DataValidationException.param(param, s, "must be \"Integral\", \"Fractional\" or \"String\"",
                "write the type the baseline inferred (Unknown is not used: an all-missing column is a String)");
    }
}
