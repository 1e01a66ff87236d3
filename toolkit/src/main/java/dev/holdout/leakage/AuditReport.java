package dev.holdout.leakage;

import dev.holdout.io.StrictJson;
import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a {@link LeakageAudit} found: the findings (most severe first), the checks that ran, the
 * checks that were skipped and why, and the size of each part.
 *
 * <pre>{@code
 * AuditReport r = LeakageAudit.of("rain").time("date").run(train, validation, test);
 * r.clean();            // false
 * r.findings().size();  // 1
 * r;                    // LEAKAGE FOUND: 1 finding (1 high) ... [HIGH] temporal-overlap: 37 train rows are at or after ...
 * }</pre>
 */
public record AuditReport(List<Finding> findings, List<String> checksRun, Map<String, String> checksSkipped, Map<String, Integer> partRows) {

    public AuditReport {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort((a, b) -> a.severity().compareTo(b.severity()));
        findings = List.copyOf(sorted);
        checksRun = List.copyOf(checksRun);
        checksSkipped = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checksSkipped));
        partRows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partRows));
    }

    /**
     * True when no check found anything of MEDIUM or HIGH severity (LOW findings, such as a handful of
     * coincidental duplicates under 1% of a part, are reported but do not fail the audit).
     */
    public boolean clean() { return findings.stream().allMatch(f -> f.severity() == Severity.LOW); }

    public long count(Severity s) { return findings.stream().filter(f -> f.severity() == s).count(); }

    /** The findings of one check, e.g. {@code "group-overlap"}. */
    public List<Finding> findings(String check) { return findings.stream().filter(f -> f.check().equals(check)).toList(); }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("clean", clean());
        root.put("parts", partRows);
        root.put("findings", findings);
        root.put("checks_run", checksRun);
        root.put("checks_skipped", checksSkipped);
        return StrictJson.pretty(root) + "\n";
    }

    private String headline() {
        if (clean()) {
            return "CLEAN: no leakage found by " + checksRun.size() + " checks over " + partRows
                    + (findings.isEmpty() ? "" : " (" + findings.size() + " low-severity " + (findings.size() == 1 ? "note" : "notes") + ")");
        }
        return "LEAKAGE FOUND: " + findings.size() + (findings.size() == 1 ? " finding" : " findings") + " ("
                + count(Severity.HIGH) + " high, " + count(Severity.MEDIUM) + " medium, " + count(Severity.LOW) + " low) over " + partRows;
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        for (Finding f : findings) {
            sb.append('\n').append(f).append('\n');
            for (Map.Entry<String, Object> e : f.evidence().entrySet()) sb.append("    ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            sb.append("    why it matters: ").append(f.explanation()).append('\n');
        }
        sb.append("\nchecks run: ").append(String.join(", ", checksRun)).append('\n');
        checksSkipped.forEach((k, v) -> sb.append("skipped ").append(k).append(": ").append(v).append('\n'));
        return sb.toString();
    }

    public String toHtml() {
        List<List<String>> rows = new ArrayList<>();
        for (Finding f : findings) rows.add(List.of(f.severity().name(), f.check(), f.summary(), f.evidence().toString(), f.explanation()));
        return "<p><b>" + Html.escape(headline()) + "</b></p>"
                + (rows.isEmpty() ? "" : Html.table(List.of("severity", "check", "summary", "evidence", "why it matters"), rows))
                + "<p>Checks run: " + Html.escape(String.join(", ", checksRun)) + "</p>";
    }
}
