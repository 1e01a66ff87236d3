package dev.holdout.registry;

import dev.holdout.data.DataValidationException;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * A registered version's approval, as SageMaker's {@code ModelApprovalStatus}: only {@link #Approved} versions may be
 * deployed ({@code NAME@approved} resolves to the latest of them).
 *
 * <p>The rule for changes ({@link ModelRegistry#approve}, {@link ModelRegistry#reject}):
 * <ul>
 *   <li>{@code PendingManualApproval} → {@code Approved} or {@code Rejected};</li>
 *   <li>{@code Approved} → {@code Rejected} (a withdrawal: {@code NAME@approved} falls back to the previous approved
 *       version);</li>
 *   <li>{@code Rejected} is final: a rejected version cannot be approved. A rejection is a judgement on that
 *       version, and approving it later would hide the judgement behind a second change; to deploy the same model
 *       after all, register its job folder again — a new version with its own review, the artifacts stored once —
 *       so the history shows both decisions.</li>
 *   <li>a change to the status a version already has is refused (it would record a decision nobody made).</li>
 * </ul>
 *
 * <pre>{@code
 * ApprovalStatus.parse("approved", "--status");   // Approved (case does not matter)
 * ApprovalStatus.Rejected.canBecome(ApprovalStatus.Approved);   // false
 * }</pre>
 */
public enum ApprovalStatus {
    PendingManualApproval,
    Approved,
    Rejected;

    /** Whether a version with this status may be changed to {@code next} (the rule in the class comment). */
    public boolean canBecome(ApprovalStatus next) {
        return switch (this) {
            case PendingManualApproval -> next != PendingManualApproval;
            case Approved -> next == Rejected;
            case Rejected -> false;
        };
    }

    /** The status named {@code text} (SageMaker's spelling, any case). */
    public static ApprovalStatus parse(String text, String param) {
        for (ApprovalStatus s : values()) {
            if (s.name().equalsIgnoreCase(text == null ? "" : text.trim())) return s;
        }
        throw DataValidationException.param(param, text, "is not an approval status",
                "use one of " + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
    }

    /** Lower-case name, for messages. */
    String lower() { return name().toLowerCase(Locale.ROOT); }
}
