package dev.holdout.train;

import ml.dmlc.xgboost4j.java.XGBoostError;

/**
 * XGBoost's native library failed at something Holdout asked of it. The message is one plain line: what
 * Holdout was doing (building which matrix, boosting which round, loading which file) and the first
 * meaningful line of XGBoost's own message, without its {@code [hh:mm:ss] src/file.cc:123:} prefix and its
 * {@code Stack trace: [bt] (0) ...} native backtrace. The full native text stays in {@link #getCause()}, which
 * the command line prints only with {@code HOLDOUT_DEBUG=1}.
 *
 * <pre>{@code
 * try { booster.update(train, 0); }
 * catch (XGBoostError e) { throw XGBoostFailure.of("boosting round 1", e); }
 * // XGBoostFailure: XGBoost failed while boosting round 1: Check failed: valid: Input data contains `inf` ...
 * }</pre>
 */
public final class XGBoostFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private XGBoostFailure(String message, XGBoostError cause) {
        super(message, cause);
    }

    /** {@code XGBoost failed while <doing>: <first line of XGBoost's message>}. */
    public static XGBoostFailure of(String doing, XGBoostError cause) {
        return new XGBoostFailure("XGBoost failed while " + doing + ": " + firstLine(cause.getMessage()), cause);
    }

    /**
     * The first meaningful line of a native XGBoost message: XGBoost's C++ errors carry a
     * {@code [hh:mm:ss] src/file.cc:123: } prefix, the text that matters, and a {@code Stack trace:} of
     * {@code [bt]} lines.
     *
     * <pre>{@code
     * firstLine("[09:56:10] /workspace/src/c_api/c_api.cc:1493: Invalid model format.\nStack trace:\n  [bt] (0) ...")
     * // "Invalid model format."
     * }</pre>
     */
    public static String firstLine(String nativeMessage) {
        if (nativeMessage == null) return "no message from XGBoost";
        for (String line : nativeMessage.split("\\R")) {
            String l = line.strip();
            if (l.isEmpty() || l.startsWith("[bt]") || l.startsWith("Stack trace")) continue;
            l = l.replaceFirst("^\\[\\d{1,2}:\\d{2}:\\d{2}\\]\\s*", "").replaceFirst("^\\S+\\.(cc|h|cpp|cu|cuh):\\d+:\\s*", "");
            if (!l.isEmpty()) return l;
        }
        return "no message from XGBoost";
    }
}
