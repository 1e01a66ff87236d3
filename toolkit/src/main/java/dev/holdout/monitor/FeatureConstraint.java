package dev.holdout.monitor;

import java.util.List;

/**
 * One feature's entry in {@code constraints.json}.
 *
 * <pre>{@code
 * FeatureConstraint c = constraints.feature("wind");
 * c.completeness();          // 1.0: every baseline row had a value
 * c.isNonNegative();         // true: the baseline's min was >= 0
 * c.overrides();             // monitoringConfigOverrides, e.g. a looser comparison_threshold for this feature
 * }</pre>
 *
 * @param isNonNegative {@code num_constraints.is_non_negative} for a numeric feature (null for a string one)
 * @param domains       {@code string_constraints.domains}: the values a string feature may take, or null for no
 *                      domain check (more than {@link Constraints#MAX_DOMAIN} distinct values in the baseline)
 */
public record FeatureConstraint(String name, FeatureType type, double completeness, Boolean isNonNegative, List<String> domains,
                                MonitorConfig.Overrides overrides) {
    public FeatureConstraint {
        MonitorConfig.fraction("completeness", completeness);
        domains = domains == null ? null : List.copyOf(domains);
        if (overrides == null) overrides = MonitorConfig.Overrides.NONE;
    }

    /** This constraint with more overrides on top of its own. */
    public FeatureConstraint withOverrides(MonitorConfig.Overrides more) {
        return new FeatureConstraint(name, type, completeness, isNonNegative, domains, overrides.then(more));
    }
}
