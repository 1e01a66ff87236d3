package dev.holdout.leakage;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.holdout.data.Synthetic;
import dev.holdout.split.Split;
import dev.holdout.split.TimeSplit;
import org.junit.jupiter.api.Test;
import tech.tablesaw.api.Table;

/** The audit's HTML (what a notebook shows) lists every check — also those that did not run, with the reason. */
class AuditHtmlTest {
    @Test void everyCheckIsListedWithItsStatusAndReason() {
        Table log = Synthetic.machineFailures(600, 3).rejectColumns(Synthetic.REPAIR_COST);
        Split s = TimeSplit.on("date").test(0.2).validation(0.2).split(log);
        AuditReport r = LeakageAudit.of("failed").time("date").id("id").run(s.train(log), s.validation(log), s.test(log));
        String html = r.toHtml();
        for (AuditReport.Check c : r.checks()) {
            assertTrue(html.contains("<td>" + c.name() + "</td><td>" + c.status().label() + "</td>"), c + " in " + html);
            if (c.reason() != null) assertTrue(html.contains(dev.holdout.report.Html.escape(c.reason())), c.reason());
        }
        // the check the old HTML left out: no preprocessor was given, so it did not run, and the page says so
        assertTrue(html.contains("<td>preprocessing-outside-train</td><td>not requested</td>"), html);
        assertTrue(html.contains("<td>group-overlap</td><td>not requested</td>"), html);
    }
}
