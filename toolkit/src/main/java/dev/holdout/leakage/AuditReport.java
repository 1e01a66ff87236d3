package dev.holdout.leakage;

import dev.holdout.io.StrictJson;
import dev.holdout.report.Html;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link LeakageAudit} found: the findings (most severe first), what became of every check, the size of
 * each part, and the verdict. A check that could not run — fully or at all — is never a silent pass: it is
 * {@linkplain Status#SKIPPED skipped} or {@linkplain Status#PARTLY partly skipped} with its reason, and the verdict
 * is then {@link Verdict#INCOMPLETE}, not {@link Verdict#CLEAN}. A check that was not asked for (no time column,
 * no group column, no fitted preprocessor given) is {@linkplain Status#NOT_REQUESTED not requested}: it is listed
 * with how to ask for it, and does not make the audit incomplete.
 *
 * <pre>{@code
 * AuditReport r = LeakageAudit.of("rain").time("date").run(train, validation, test);
 * r.verdict();          // LEAKAGE_FOUND
 * r.clean();            // false
 * r.findings().size();  // 1
 * r;                    // LEAKAGE FOUND: 1 finding (1 high) ... [HIGH] temporal-overlap: 37 train rows are at or after ...
 * r.checksSkipped();    // {target-leak=partly: 'amount' was not scored: train row 6 is Infinity}
 * }</pre>
 *
 * @param findings what the checks found, most severe first
 * @param checks   every check, in the order they ran, with what became of it
 * @param partRows rows per part
 * @param notes    what the audit decided by itself (a time column it detected), for the reader
 */
public record AuditReport(List<Finding> findings, List<Check> checks, Map<String, Integer> partRows, List<String> notes) {

    /** The audit's overall outcome. */
    public enum Verdict {
        /** Every requested check ran fully and found nothing of MEDIUM or HIGH severity. */
        CLEAN,
        /** Nothing was found, but at least one check could not run (fully): the split is not vouched for. */
        INCOMPLETE,
        /** A check found leakage of MEDIUM or HIGH severity (whatever else was skipped). */
        LEAKAGE_FOUND;

        /** "CLEAN", "INCOMPLETE", "LEAKAGE FOUND". */
        public String label() { return name().replace('_', ' '); }
    }

    /** What became of one check. */
    public enum Status {
        /** It ran on everything it was given. */
        RAN,
        /** It ran, but part of the data could not be checked (the reason says which). */
        PARTLY,
        /** It could not run at all (the reason says why). */
        SKIPPED,
        /** Not asked for: the audit was given no time column, group column or preprocessor. */
        NOT_REQUESTED;

        /** "ran", "partly skipped", "skipped", "not requested". */
        public String label() {
            return switch (this) {
                case RAN -> "ran";
                case PARTLY -> "partly skipped";
                case SKIPPED -> "skipped";
                case NOT_REQUESTED -> "not requested";
            };
        }
    }

    /**
     * One check and what became of it.
     *
     * @param name   e.g. {@code "target-leak"}
     * @param status ran, partly skipped, skipped or not requested
     * @param reason why it was (partly) skipped or not requested; null when it ran
     */
    public record Check(String name, Status status, String reason) {
        public Check {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(status, "status");
            if (status != Status.RAN && (reason == null || reason.isBlank())) {
                throw new IllegalArgumentException("check " + name + " is " + status.label() + " and needs a reason");
            }
        }

        /** Whether this check stops the audit from vouching for the split. */
        public boolean incomplete() { return status == Status.PARTLY || status == Status.SKIPPED; }

        @Override public String toString() {
            return name + ": " + status.label() + (reason == null ? "" : ": " + reason);
        }
    }

    public AuditReport {
        List<Finding> sorted = new ArrayList<>(findings);
        sorted.sort((a, b) -> a.severity().compareTo(b.severity()));
        findings = List.copyOf(sorted);
        checks = List.copyOf(checks);
        partRows = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(partRows));
        notes = List.copyOf(notes);
    }

    /** A report without notes. */
    public AuditReport(List<Finding> findings, List<Check> checks, Map<String, Integer> partRows) {
        this(findings, checks, partRows, List.of());
    }

    /** A copy with one more note. */
    public AuditReport withNote(String note) {
        List<String> n = new ArrayList<>(notes);
        n.add(note);
        return new AuditReport(findings, checks, partRows, n);
    }

    /**
     * LEAKAGE_FOUND when a finding is MEDIUM or HIGH (LOW findings, such as a handful of coincidental duplicates
     * under 1% of a part, are reported but do not fail the audit); else INCOMPLETE when a check was skipped, fully
     * or partly; else CLEAN.
     */
    public Verdict verdict() {
        if (!findings.stream().allMatch(f -> f.severity() == Severity.LOW)) return Verdict.LEAKAGE_FOUND;
        return checks.stream().anyMatch(Check::incomplete) ? Verdict.INCOMPLETE : Verdict.CLEAN;
    }

    /** True only for a {@link Verdict#CLEAN} audit: nothing found, and every requested check ran fully. */
    public boolean clean() { return verdict() == Verdict.CLEAN; }

    public long count(Severity s) { return findings.stream().filter(f -> f.severity() == s).count(); }

    /** The findings of one check, e.g. {@code "group-overlap"}. */
    public List<Finding> findings(String check) { return findings.stream().filter(f -> f.check().equals(check)).toList(); }

    /** The checks that ran, fully or partly. */
    public List<String> checksRun() {
        return checks.stream().filter(c -> c.status() == Status.RAN || c.status() == Status.PARTLY).map(Check::name).toList();
    }

    /** The checks that could not run fully, with the reason ({@code "partly: "} first when they ran on the rest). */
    public Map<String, String> checksSkipped() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Check c : checks) if (c.incomplete()) m.put(c.name(), (c.status() == Status.PARTLY ? "partly: " : "") + c.reason());
        return java.util.Collections.unmodifiableMap(m);
    }

    /** The checks that were not asked for, with how to ask for them. */
    public Map<String, String> checksNotRequested() {
        Map<String, String> m = new LinkedHashMap<>();
        for (Check c : checks) if (c.status() == Status.NOT_REQUESTED) m.put(c.name(), c.reason());
        return java.util.Collections.unmodifiableMap(m);
    }

    public String toJson() {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("verdict", verdict().name());
        root.put("clean", clean());
        root.put("parts", partRows);
        root.put("findings", findings);
        List<Map<String, Object>> cs = new ArrayList<>();
        for (Check c : checks) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("check", c.name());
            m.put("status", c.status().label());
            if (c.reason() != null) m.put("reason", c.reason());
            cs.add(m);
        }
        root.put("checks", cs);
        root.put("checks_run", checksRun());
        root.put("checks_skipped", checksSkipped());
        root.put("checks_not_requested", checksNotRequested());
        root.put("notes", notes);
        return StrictJson.pretty(root) + "\n";
    }

    /** The first line: the verdict and what it rests on. */
    public String headline() {
        long ran = checks.stream().filter(c -> c.status() == Status.RAN).count();
        List<String> incomplete = checks.stream().filter(Check::incomplete).map(Check::name).toList();
        return switch (verdict()) {
            case CLEAN -> "CLEAN: no leakage found by " + ran + " checks over " + partRows
                    + (findings.isEmpty() ? "" : " (" + findings.size() + " low-severity " + (findings.size() == 1 ? "note" : "notes") + ")");
            case INCOMPLETE -> "INCOMPLETE: no leakage found, but " + incomplete.size() + (incomplete.size() == 1 ? " check" : " checks")
                    + " could not run fully (" + String.join(", ", incomplete) + ") over " + partRows
                    + "; the split is not vouched for until " + (incomplete.size() == 1 ? "it runs" : "they run");
            case LEAKAGE_FOUND -> "LEAKAGE FOUND: " + findings.size() + (findings.size() == 1 ? " finding" : " findings") + " ("
                    + count(Severity.HIGH) + " high, " + count(Severity.MEDIUM) + " medium, " + count(Severity.LOW) + " low) over " + partRows
                    + (incomplete.isEmpty() ? "" : "; also skipped: " + String.join(", ", incomplete));
        };
    }

    @Override public String toString() {
        StringBuilder sb = new StringBuilder(headline()).append('\n');
        for (Finding f : findings) {
            sb.append('\n').append(f).append('\n');
            for (Map.Entry<String, Object> e : f.evidence().entrySet()) sb.append("    ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
            sb.append("    why it matters: ").append(f.explanation()).append('\n');
        }
        sb.append("\nchecks:\n");
        int width = checks.stream().mapToInt(c -> c.name().length()).max().orElse(0);
        for (Check c : checks) {
            sb.append("  ").append(c.name()).append(" ".repeat(width - c.name().length() + 2)).append(c.status().label());
            if (c.reason() != null) sb.append(": ").append(c.reason());
            sb.append('\n');
        }
        for (String n : notes) sb.append("note: ").append(n).append('\n');
        return sb.toString();
    }

    public String toHtml() {
        List<List<String>> rows = new ArrayList<>();
        for (Finding f : findings) rows.add(List.of(f.severity().name(), f.check(), f.summary(), f.evidence().toString(), f.explanation()));
        List<List<String>> checkRows = new ArrayList<>();
        for (Check c : checks) checkRows.add(List.of(c.name(), c.status().label(), c.reason() == null ? "" : c.reason()));
        return "<p><b>" + Html.escape(headline()) + "</b></p>"
                + (rows.isEmpty() ? "" : Html.table(List.of("severity", "check", "summary", "evidence", "why it matters"), rows))
                + Html.table(List.of("check", "status", "reason"), checkRows)
                + notes.stream().map(n -> "<p class=\"note\">" + Html.escape(n) + "</p>").collect(java.util.stream.Collectors.joining());
    }
}
