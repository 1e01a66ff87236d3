package dev.holdout.featurestore;

/**
 * One feature of a group: its name (as in the ingested files) and type.
 *
 * <pre>{@code
 * new Feature("spend_30d", FeatureType.FRACTIONAL);   // spend_30d Fractional
 * }</pre>
 */
public record Feature(String name, FeatureType type) {
    @Override public String toString() { return name + " " + type.label(); }
}
