package dev.holdout.registry;

import java.time.Instant;

/**
 * One change of a version's approval status, kept for ever: who, when and why. The registration itself is the first
 * change of every version ({@code from} is null).
 *
 * <pre>{@code
 * for (StatusChange c : registry.history("rain")) System.out.println(c);
 * // rain/1 registered PendingManualApproval by ana at 2026-12-01T13:02:11Z: first XGBoost model
 * // rain/1 PendingManualApproval -> Approved by ben at 2026-12-01T14:20:05Z: AUC 0.91 on the 2015 validation rows
 * }</pre>
 *
 * @param group   the model group
 * @param version the version
 * @param seq     1 for the registration, then 2, 3... per version
 * @param from    the status before (null for the registration)
 * @param to      the status after
 * @param at      when
 * @param by      who
 * @param reason  why (the registration's description for the first change)
 */
public record StatusChange(String group, int version, int seq, ApprovalStatus from, ApprovalStatus to, Instant at, String by, String reason) {
    /** {@code group/version}. */
    public String ref() { return group + "/" + version; }

    /** As {@code holdout registry history --format json} prints it. */
    public com.fasterxml.jackson.databind.node.ObjectNode toJson() {
        var o = dev.holdout.io.StrictJson.mapper().createObjectNode();
        o.put("version", ref());
        o.put("seq", seq);
        if (from == null) o.putNull("from");
        else o.put("from", from.name());
        o.put("to", to.name());
        o.put("at", at.toString());
        o.put("by", by);
        o.put("reason", reason);
        return o;
    }

    @Override public String toString() {
        return ref() + " " + (from == null ? "registered " + to : from + " -> " + to) + " by " + by + " at " + at
                + (reason.isEmpty() ? "" : ": " + reason);
    }
}
