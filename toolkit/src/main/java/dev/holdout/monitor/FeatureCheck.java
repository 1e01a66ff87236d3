package dev.holdout.monitor;

import java.util.List;

/**
 * Everything a monitoring run found about one baseline feature: both statistics, the configuration that
 * applied to it, its drift (null when it could not be measured) and its violations.
 *
 * <pre>{@code
 * FeatureCheck t = result.feature("temp_max");
 * t.drift().distance();            // the KS distance
 * t.drift().psi();                 // the population stability index beside it
 * t.violations().isEmpty();        // no check failed
 * }</pre>
 *
 * @param current         null when the column is missing from the current data
 * @param dataTypeShare   the share of non-missing values of the baseline's type (NaN without values)
 * @param domainShare     the share of a string feature's values inside its domain (NaN without a domain)
 * @param negativeValues  present values below 0 in a feature whose baseline had none
 */
public record FeatureCheck(String name, FeatureStatistics baseline, FeatureStatistics current, FeatureConstraint constraint,
                           MonitorConfig config, double dataTypeShare, double domainShare, long negativeValues, Drift drift,
                           List<Violation> violations) {
    public FeatureCheck {
        violations = List.copyOf(violations);
    }

    public boolean drifted() { return drift != null && drift.drifted(); }
}
