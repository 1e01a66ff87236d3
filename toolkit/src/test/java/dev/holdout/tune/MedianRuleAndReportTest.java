package dev.holdout.tune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MedianRuleAndReportTest {
    static final TuningObjective LOSS = TuningObjective.of("validation:logloss");

    /** Trial k (1-based) reports curves[k-1] round by round. */
    static TrialObjective scripted(double[][] curves) {
        return (trial, reporter) -> {
            double[] c = curves[trial.number() - 1];
            int r = 0;
            double last = Double.NaN;
            while (r < c.length) {
                last = c[r];
                r++;
                if (!reporter.report(r, last)) break;
            }
            return TrialOutcome.of(last).withRounds(r);
        };
    }

    @Test
    void medianRuleComparesWithTheMedianOfEarlierRunningAverages() {
        double[][] curves = {
                {1.0, 0.8, 0.6, 0.5},   // running averages at round 2: 0.9
                {1.0, 0.6, 0.5, 0.4},   // 0.8
                {0.8, 0.6, 0.4, 0.3},   // 0.7
                {1.0, 0.85, 0.2, 0.1},  // round 2: 0.85 worse than median(0.9,0.8,0.7)=0.8 -> stopped at round 2
                {0.9, 0.79, 0.7, 0.6},  // round 2: 0.79 better than median 0.8 of (0.9,0.8,0.7,0.925)... see below
        };
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("x", 0, 1)), LOSS)
                .withMaxTrials(5).withEarlyStopping(EarlyStoppingType.AUTO).withMedianRule(new MedianStoppingRule(3, 0));
        TuningResult r = Tuner.of(job).run(scripted(curves));
        TrialRecord t4 = r.trials().get(3);
        assertEquals(StopReason.MEDIAN_RULE, t4.stoppedBy(), t4.stopDetail());
        assertEquals(2, t4.roundsRun());
        assertTrue(t4.stopDetail().contains("median 0.8"), t4.stopDetail());
        // trial 5 at round 2: earlier running averages 0.9, 0.8, 0.7, 0.925 -> median 0.85; 0.79 is better
        // round 3: averages (0.8, 0.7, 0.6) of trials 1-3 (trial 4 stopped before round 3) -> median 0.7; 0.7 is not worse
        // round 4: averages 0.725, 0.625, 0.525 -> median 0.625; 0.6 is better
        assertEquals(StopReason.COMPLETED, r.trials().get(4).stoppedBy(), r.trials().get(4).stopDetail());
        for (int i = 0; i < 3; i++) assertEquals(StopReason.COMPLETED, r.trials().get(i).stoppedBy(), "fewer than 3 earlier trials");
        assertEquals(3, r.best().orElseThrow().number(), "0.3 is the best completed objective; trial 4's 0.85 is not eligible");
    }

    @Test
    void theDefaultGraceLeavesTheFirstRoundsUnjudged() {
        assertEquals(5, MedianStoppingRule.defaults().graceRounds(0), "num_round unknown");
        assertEquals(5, MedianStoppingRule.defaults().graceRounds(30));
        assertEquals(20, MedianStoppingRule.defaults().graceRounds(200));
        assertEquals(0, new MedianStoppingRule(3, 0).graceRounds(200), "an explicit grace is kept");
        // trial k reports k at every round: trials 4.. are worse than the median of 3 earlier trials from round 1 on
        int rounds = 40;
        TrialObjective constant = new TrialObjective() {
            @Override public TrialOutcome run(Trial trial, RoundReporter reporter) {
                int r = 0;
                while (r < rounds && reporter.report(r + 1, trial.number())) r++;
                return TrialOutcome.of(trial.number()).withRounds(Math.min(rounds, r + 1));
            }

            @Override public int plannedRounds(Trial trial) { return trial.number() == 5 ? 200 : 0; }
        };
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("x", 0, 1)), LOSS)
                .withMaxTrials(5).withEarlyStopping(EarlyStoppingType.AUTO);
        TuningResult r = Tuner.of(job).run(constant);
        TrialRecord t4 = r.trials().get(3), t5 = r.trials().get(4);
        assertEquals(StopReason.MEDIAN_RULE, t4.stoppedBy());
        assertEquals(6, t4.roundsRun(), "num_round unknown: 5 grace rounds, judged first at round 6; " + t4.stopDetail());
        assertEquals(StopReason.MEDIAN_RULE, t5.stoppedBy());
        assertEquals(21, t5.roundsRun(), "num_round 200: 20 grace rounds; " + t5.stopDetail());
        TuningResult strict = Tuner.of(job.withMedianRule(new MedianStoppingRule(3, 0))).run(constant);
        assertEquals(1, strict.trials().get(3).roundsRun(), "graceRounds 0 judges from round 1");
    }

    @Test
    void maximisedObjectivesStopWhenLowerThanTheMedian() {
        double[][] curves = {{0.7, 0.8}, {0.7, 0.8}, {0.7, 0.8}, {0.7, 0.74}};
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("x", 0, 1)),
                TuningObjective.of("validation:auc")).withMaxTrials(4).withEarlyStopping(EarlyStoppingType.AUTO)
                .withMedianRule(new MedianStoppingRule(3, 0));
        TuningResult r = Tuner.of(job).run(scripted(curves));
        // median running average at round 2 is 0.75; 0.74 is lower, hence worse for AUC
        assertEquals(StopReason.MEDIAN_RULE, r.trials().get(3).stoppedBy());
        double[][] fine = {{0.7, 0.8}, {0.7, 0.8}, {0.7, 0.8}, {0.7, 0.76}};
        assertEquals(StopReason.COMPLETED, Tuner.of(job).run(scripted(fine)).trials().get(3).stoppedBy());
    }

    @Test
    void wallClockLimitStopsRunningTrialsAndStartsNoMore() {
        AtomicLong now = new AtomicLong();
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("x", 0, 1)), LOSS)
                .withMaxTrials(10).withMaxRuntime(Duration.ofSeconds(10));
        TuningResult r = Tuner.of(job).clock(now::get).run((trial, reporter) -> {
            int round = 0;
            double v = 1;
            while (round < 5) {
                round++;
                now.addAndGet(1_000_000_000L);   // each round takes one second
                v = 1.0 / round;
                if (!reporter.report(round, v)) break;
            }
            return TrialOutcome.of(v).withRounds(round);
        });
        // trials 1 and 2 take 10 s; trial 3 would start at exactly 10 s (not past), runs 1 round, is stopped
        assertEquals(3, r.trials().size(), r.trials().toString());
        assertEquals(StopReason.COMPLETED, r.trials().get(1).stoppedBy());
        assertEquals(StopReason.WALL_CLOCK, r.trials().get(2).stoppedBy());
        assertTrue(r.warnings().stream().anyMatch(w -> w.contains("3 of 10 trials started")), r.warnings().toString());
        assertTrue(r.best().orElseThrow().eligible());
    }

    @Test
    void resultsSaveAsJsonHtmlAndChartsAndSayTheTestPartWasNotSeen(@TempDir Path dir) throws Exception {
        TuningJobConfig job = TuningJobConfig.of(Strategy.RANDOM, SearchSpace.of(ParameterRange.continuous("x", 0, 1),
                ParameterRange.categorical("booster", "gbtree", "dart")), LOSS).withMaxTrials(6).withSeed(4)
                .withEarlyStopping(EarlyStoppingType.AUTO).withMedianRule(new MedianStoppingRule(1, 0));
        TuningResult r = Tuner.of(job).run(TunerPropertiesTest.overfittingSpace(10));
        TrialRecord best = r.best().orElseThrow();
        assertThrows(IllegalArgumentException.class, () -> r.withTestEvaluation(new TestEvaluation("logloss", 0.3, 50, best.number() + 1)));
        TuningResult withTest = r.withTestEvaluation(new TestEvaluation("logloss", 0.3, 50, best.number()));
        assertThrows(IllegalStateException.class, () -> withTest.withTestEvaluation(new TestEvaluation("logloss", 0.3, 50, best.number())),
                "the test part is evaluated once");
        withTest.save(dir);
        if (System.getenv("HOLDOUT_KEEP_REPORT") != null) withTest.save(Path.of(System.getenv("HOLDOUT_KEEP_REPORT")));
        for (String f : new String[] {"tuning.json", "report.html", "objective-by-trial.png", "best-so-far.png"}) {
            assertTrue(Files.size(dir.resolve(f)) > 100, f);
        }
        JsonNode json = new ObjectMapper().readTree(dir.resolve("tuning.json").toFile());
        assertEquals(6, json.get("trials").size());
        assertEquals(best.number(), json.get("bestTrial").get("number").asInt());
        assertFalse(json.get("test").get("seenWhileTuning").asBoolean());
        assertEquals("Minimize", json.at("/HyperParameterTuningJobConfig/HyperParameterTuningJobObjective/Type").asText());
        for (JsonNode t : json.get("trials")) {
            assertTrue(t.has("roundsRun") && t.has("stoppedEarly") && t.has("seconds") && t.has("hyperparameters"));
        }
        String html = Files.readString(dir.resolve("report.html"));
        assertTrue(html.contains("The test part was not seen while tuning"));
        assertTrue(html.contains("evaluated once on the 50 test rows"));
        assertTrue(html.contains("stopped early"));
    }
}
