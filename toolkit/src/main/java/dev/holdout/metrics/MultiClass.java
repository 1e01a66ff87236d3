package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/**
 * How ROC AUC extends to more than two classes (scikit-learn's {@code roc_auc_score(multi_class=...)}).
 *
 * <ul>
 *   <li>{@link #OVR}: one-vs-rest, each class against all the others, averaged macro (the mean), weighted (by each
 *       class's prevalence in the truth) or micro (every row-and-class cell as one binary problem).</li>
 *   <li>{@link #OVO}: one-vs-one (Hand and Till 2001), each pair of classes on the rows of those two classes,
 *       averaged macro or weighted by the pair's prevalence; insensitive to class imbalance; no sample weights.</li>
 * </ul>
 *
 * <pre>{@code
 * MultiClass.parse("ovo");   // OVO
 * }</pre>
 */
public enum MultiClass {
    OVR, OVO;

    public static MultiClass parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        for (MultiClass m : values()) if (m.toString().equals(t)) return m;
        throw DataValidationException.param("multi-class", text, "must be ovr (one-vs-rest) or ovo (one-vs-one)",
                "pass --multi-class ovr or --multi-class ovo");
    }

    @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
}
