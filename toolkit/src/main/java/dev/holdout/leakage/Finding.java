package dev.holdout.leakage;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One leak the audit found: which check, how severe, a one-line summary, the evidence (counts,
 * values, row ids) and a plain-language explanation for a learner.
 *
 * <pre>{@code
 * Finding f = report.findings().get(0);
 * f.check();      // "duplicate-rows"
 * f.severity();   // HIGH
 * f.summary();    // "3 test rows (1.4%) are exact copies of train rows"
 * f.evidence();   // {pairs=[train row 12 = test row 3, ...], count=3, ...}
 * }</pre>
 */
public record Finding(String check, Severity severity, String summary, Map<String, Object> evidence, String explanation) {
    public Finding {
        evidence = Collections.unmodifiableMap(new LinkedHashMap<>(evidence));
    }

    @Override public String toString() { return "[" + severity + "] " + check + ": " + summary; }
}
