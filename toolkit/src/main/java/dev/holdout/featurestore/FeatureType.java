package dev.holdout.featurestore;

import dev.holdout.data.ColumnKind;

/**
 * A feature's type, as SageMaker Feature Store and Model Monitor name them: whole numbers (Integral, 64-bit),
 * decimal numbers (Fractional, a double) or text (String). Decided from the file of a group's first ingest.
 *
 * <pre>{@code
 * FeatureType.of(ColumnKind.INTEGER);   // INTEGRAL
 * FeatureType.FRACTIONAL.label();       // "Fractional"
 * }</pre>
 */
public enum FeatureType {
    INTEGRAL("Integral", "BIGINT", ColumnKind.INTEGER),
    FRACTIONAL("Fractional", "DOUBLE", ColumnKind.NUMBER),
    STRING("String", "VARCHAR", ColumnKind.TEXT);

    private final String label;
    private final String sql;
    private final ColumnKind kind;

    FeatureType(String label, String sql, ColumnKind kind) {
        this.label = label;
        this.sql = sql;
        this.kind = kind;
    }

    /** "Integral", "Fractional" or "String". */
    public String label() { return label; }

    /** The DuckDB type of its column. */
    String sql() { return sql; }

    /** The kind its CSV values are read as. */
    public ColumnKind kind() { return kind; }

    /** The type of a column read as {@code kind}: dates and times are kept as their text. */
    public static FeatureType of(ColumnKind kind) {
        return switch (kind) {
            case INTEGER -> INTEGRAL;
            case NUMBER -> FRACTIONAL;
            default -> STRING;
        };
    }

    static FeatureType parse(String label) {
        for (FeatureType t : values()) if (t.label.equals(label)) return t;
        throw new IllegalStateException("the store holds an unknown feature type: " + label);
    }

    @Override public String toString() { return label; }
}
