package dev.holdout.metrics;

import dev.holdout.data.DataValidationException;

/**
 * How per-class precision, recall and F-beta are combined (scikit-learn's {@code average}).
 *
 * <ul>
 *   <li>{@link #BINARY}: only the positive class is reported (two classes at most).</li>
 *   <li>{@link #MICRO}: true/false positives summed over classes first; equals accuracy for single-label data.</li>
 *   <li>{@link #MACRO}: the unweighted mean over classes; every class counts the same.</li>
 *   <li>{@link #WEIGHTED}: the mean weighted by each class's support (its number of true rows).</li>
 * </ul>
 *
 * <pre>{@code
 * Average.parse("macro");   // MACRO
 * }</pre>
 */
public enum Average {
    BINARY, MICRO, MACRO, WEIGHTED;

    public static Average parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(java.util.Locale.ROOT);
        for (Average a : values()) {
            if (a.name().toLowerCase(java.util.Locale.ROOT).equals(t)) return a;
        }
        throw DataValidationException.param("average", text, "must be binary, micro, macro or weighted",
                "pass --average binary for two classes or macro for several");
    }

    @Override public String toString() { return name().toLowerCase(java.util.Locale.ROOT); }
}
