package dev.holdout.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The README's worked example holds: the wrong F1 is caught, and jqwik shrinks the case to two rows. */
class WorkedExampleTest {
    @Test void theWrongF1IsCaughtAndShrunkToTwoRows() {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request().selectors(selectClass(WrongF1Example.class)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        TestExecutionSummary s = listener.getSummary();
        assertEquals(1, s.getTestsFailedCount(), "the property fails");
        String message = s.getFailures().get(0).getException().getMessage();
        // shrunk from dozens of rows to two: one true positive and one false positive — F1 is 2/3, the user's F1 says 1
        assertTrue(message.startsWith("agreement with the reference broken: expected 0.6666666666666666 but got 1.0 on "
                + "LabelledPredictions[truth=[0, 1], predicted=[1, 1]"), message);
    }
}
